"""sitegen: turn raw dumps of paper abstracts into a themed, searchable static site."""

from __future__ import annotations

__version__ = "0.1.0"

"""Where sitegen's own files live: the default ``mkdocs.yml`` and ``templates/``.

In a checkout (and an editable install, what ``make`` does) they are at the top of the repository. A wheel
carries the same two under ``sitegen/_site/`` (``pyproject.toml`` maps them there), with the same relative
layout, so the default config's ``templates/...`` paths hold in both."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "_site"
_CHECKOUT = _PACKAGE.parent

SITE_ROOT = _INSTALLED if (_INSTALLED / "mkdocs.yml").is_file() else _CHECKOUT
"""The folder holding sitegen's default ``mkdocs.yml`` and ``templates/``."""
DEFAULT_CONFIG = SITE_ROOT / "mkdocs.yml"
"""The MkDocs config used when the user has none: the seeds site."""
TEMPLATES = SITE_ROOT / "templates"
PAGE_TEMPLATES = TEMPLATES / "pages"
"""Built-in Jinja2 page templates (``home.md.j2``, ``theme.md.j2``, ``paper.md.j2``)."""
THEME_OVERRIDES = TEMPLATES / "overrides"
"""Material overrides (search box, assets) that the plugin adds to the theme's folders."""

"""The one configuration schema: MkDocs plugin options, the same keys for the CLI."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SitegenConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``sitegen`` plugin in ``mkdocs.yml`` (``plugins: - sitegen: {...}``)."""

    inputs = c.ListOfItems(c.Type(str), default=["seeds"])
    """Files or folders of abstracts, relative to mkdocs.yml."""
    templates = c.Optional(c.Type(str))
    """Folder of Jinja2 templates that override the built-in ones (same file names)."""
    engine = c.Choice(("auto", "tfidf", "semantic"), default="auto")
    """Theme engine: ``semantic`` if installed, else ``tfidf`` (``auto``)."""
    theme_count = c.Optional(c.Type(int))
    """Force this many themes instead of choosing automatically."""
    min_themes = c.Type(int, default=5)
    """Lower bound for the automatic theme count."""
    max_themes = c.Type(int, default=40)
    """Upper bound for the automatic theme count."""
    rename_themes = c.Type(dict, default={})
    """Theme id or label -> the label you want."""
    pin = c.Type(dict, default={})
    """Paper id -> theme id or label it must belong to."""
    related = c.Type(int, default=5)
    """How many related papers each paper page lists."""
    cache_dir = c.Type(str, default=".sitegen-cache")
    """Where embeddings are cached between builds (relative to mkdocs.yml)."""
    strict = c.Type(bool, default=False)
    """Fail the build (after reporting all of them) when the input had any problem."""

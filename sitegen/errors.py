"""The few exception types sitegen raises; the CLI maps them to ``Error: ...``."""

from __future__ import annotations


class SitegenError(Exception):
    """Base class: a problem the user can fix; shown without a traceback."""

    exit_code = 1


class InputError(SitegenError):
    """An input path does not exist or cannot be read at all."""


class ConfigError(SitegenError):
    """The configuration is invalid."""

    exit_code = 2


class BuildError(SitegenError):
    """Building the site failed (MkDocs reported an error)."""


class StrictError(SitegenError):
    """``--strict`` was given and problems were reported."""

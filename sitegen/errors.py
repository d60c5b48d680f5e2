"""The few exception types sitegen raises; the CLI maps them to ``Error: ...``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitegen.pipeline import Corpus


class SitegenError(Exception):
    """Base class: a problem the user can fix; shown without a traceback."""

    exit_code = 1


class InputError(SitegenError):
    """An input path does not exist or cannot be read at all."""


class NoPapersError(InputError):
    """Not one paper could be read from the inputs: there is nothing to build."""

    def __init__(self, message: str, corpus: Corpus | None = None) -> None:
        super().__init__(message)
        self.corpus = corpus
        """What was read (files, problems, tally), for the report."""


class OutputError(SitegenError):
    """The output folder cannot be replaced without losing something that is not a previous site."""


class ConfigError(SitegenError):
    """The configuration is invalid."""

    exit_code = 2


class BuildError(SitegenError):
    """Building the site failed: MkDocs reported an error, a template is broken, the search step failed, or (a bug
    to report) the tally of papers does not add up."""


class StrictError(SitegenError):
    """``--strict`` was given and problems were reported."""

    def __init__(self, message: str, corpus: Corpus | None = None) -> None:
        super().__init__(message)
        self.corpus = corpus
        """What was read (files, problems, tally), for the report."""

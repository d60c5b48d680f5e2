"""The one configuration schema: MkDocs plugin options, the same keys for the CLI."""

from __future__ import annotations

import difflib
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class AtLeast(c.Type[int]):
    """A whole number no smaller than ``minimum`` (MkDocs reports a smaller one as a config error)."""

    def __init__(self, minimum: int, **kwargs: Any) -> None:
        super().__init__(int, **kwargs)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):  # True is an int to Python, not to a user
            raise ValidationError(f"Expected a whole number, not {value!r}")
        number = super().run_validation(value)
        if number < self.minimum:
            raise ValidationError(f"must be {self.minimum} or more, not {number}")
        return number


class Mapping(c.Type[dict]):  # type: ignore[type-arg]
    """``key: value`` lines (``rename_themes``, ``pin``), with a message a user can act on when it is not."""

    def __init__(self, example: str, **kwargs: Any) -> None:
        super().__init__(dict, default={}, **kwargs)
        self.example = example

    def run_validation(self, value: object) -> dict:  # type: ignore[type-arg]
        if not isinstance(value, dict):
            kind = "a list" if isinstance(value, list) else f"{type(value).__name__} {value!r}"
            raise ValidationError(f"expected 'key: value' lines, as in {self.example}; got {kind}")
        return value


def unknown_key(key: str, known: list[str]) -> ValidationError:
    """A key the schema lacks: an error (a typo such as ``theme_cout`` would otherwise be ignored), with the
    nearest known key."""
    near = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{near[0]}'?" if near else f"the options are: {', '.join(sorted(known))}"
    return ValidationError(f"unknown option ({hint})")


class SitegenConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``sitegen`` plugin in ``mkdocs.yml`` (``plugins: - sitegen: {...}``)."""

    inputs = c.ListOfItems(c.Type(str), default=["seeds"])
    """Files or folders of abstracts, relative to mkdocs.yml."""
    templates = c.Optional(c.Dir(exists=True))
    """Folder of Jinja2 templates that override the built-in ones (same file names); must exist."""
    engine = c.Choice(("auto", "tfidf", "semantic"), default="auto")
    """Theme engine: ``semantic`` if installed, else ``tfidf`` (``auto``)."""
    theme_count = c.Optional(AtLeast(1))
    """Force this many themes instead of choosing automatically."""
    min_themes = AtLeast(1, default=5)
    """Lower bound for the automatic theme count."""
    max_themes = AtLeast(1, default=40)
    """Upper bound for the automatic theme count (not below ``min_themes``)."""
    rename_themes = Mapping("'rename_themes: {diffusion-models: Diffusion}'")
    """Theme id or label -> the label you want."""
    pin = Mapping("'pin: {my-paper-id: diffusion-models}'")
    """Paper id -> theme id or label it must belong to."""
    related = AtLeast(0, default=5)
    """How many related papers each paper page lists."""
    cache_dir = c.Type(str, default=".sitegen-cache")
    """Where embeddings are cached between builds (relative to mkdocs.yml)."""
    strict = c.Type(bool, default=False)
    """Fail the build (after reporting all of them) when the input had any problem."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        unknown = sorted(key for key in self.keys() if key not in self._schema_keys)
        failed += [(key, unknown_key(key, sorted(self._schema_keys))) for key in unknown]
        warnings = [(key, message) for key, message in warnings if key not in unknown]
        if not failed and self.min_themes > self.max_themes:
            message = f"must not be more than max_themes ({self.max_themes}), not {self.min_themes}"
            failed.append(("min_themes", ValidationError(message)))
        if not failed and not self.inputs:  # an empty list: nothing to read, said as a config mistake
            failed.append(("inputs", ValidationError("lists no file or folder (leave it out to read seeds/)")))
        return failed, warnings

"""The one configuration schema: MkDocs plugin options, the same keys for the CLI."""

from __future__ import annotations

import difflib
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from sitegen.themes import engine_choices


def shown(value: object) -> str:
    """A config value as the user wrote it in YAML: ``true``, ``null``, ``5``, ``'text'``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


class Text(c.Type[str]):
    """Text (a path), with a message in words when it is not: ``Expected a folder path (text), got 5``."""

    def __init__(self, what: str, **kwargs: Any) -> None:
        super().__init__(str, **kwargs)
        self.what = what

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"Expected {self.what}, got {shown(value)}")
        return value


class Flag(c.Type[bool]):
    """``true`` or ``false`` (YAML's ``yes``/``no`` too), with a message in words when it is neither."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(bool, **kwargs)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"Expected true or false, got {shown(value)}")
        return value


class Folder(c.Dir):
    """An existing folder, relative to the config file; a value that is not text is said in words."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"Expected a folder path (text), got {shown(value)}")
        return super().run_validation(value)


class Paths(c.ListOfItems[str]):
    """Files or folders: a list of paths, or one path as a one-item list (``inputs: abstracts``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text("a file or folder path (text)"), **kwargs)

    def run_validation(self, value: object) -> list[str]:
        if value is None:  # "inputs:" with nothing after it lists nothing, as "inputs: []" does (validate())
            value = []
        elif isinstance(value, str):
            value = [value] if value.strip() else []  # an empty one lists nothing, said as such in validate()
        elif not isinstance(value, list):
            raise ValidationError(f"Expected a file or folder path, or a list of them, got {shown(value)}")
        return super().run_validation(value)


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


class EngineName(c.Type[str]):
    """A theme engine's name: one of ``themes.engine_choices()`` as they are when the config is read, not a tuple
    made when this module was imported (QA: ``engine: first-word`` was refused though a program had added
    ``ENGINES["first-word"]``); refused in MkDocs' words for a choice."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(str, **kwargs)

    def run_validation(self, value: object) -> str:
        choices = engine_choices()
        if value not in choices:
            raise ValidationError(f"Expected one of: {choices} but received: {value!r}")
        return str(value)


def _bare(value: object) -> str:
    """A key or value inside an entry as written in YAML: ``diffusion-models``, ``2024``, ``null``, ``""``."""
    return (value or '""') if isinstance(value, str) else shown(value)


class Mapping(c.Type[dict]):  # type: ignore[type-arg]
    """``key: value`` lines (``rename_themes``, ``pin``) of text, with a message a user can act on when they are
    not. A number is read as its text (``2024``, a YAML key ``2401.01234``): an id or label is text to the user.
    A missing or empty key or value (``null``, ``''``) and any other kind of value (``yes``, a list) are errors
    naming the entry."""

    def __init__(self, example: str, key: str, value: str, **kwargs: Any) -> None:
        super().__init__(dict, default={}, **kwargs)
        self.example = example
        self.names = (key, value)

    def run_validation(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            kind = "a list" if isinstance(value, list) else f"{type(value).__name__} {value!r}"
            raise ValidationError(f"expected 'key: value' lines, as in {self.example}; got {kind}")
        read: dict[str, str] = {}
        first: dict[str, str] = {}  # text key -> its entry, to name both when two keys read the same
        problems: list[str] = []
        for key, target in value.items():
            entry = f"'{_bare(key)}: {_bare(target)}'"
            text_key = self._text(key, self.names[0], entry, problems)
            text_value = self._text(target, self.names[1], entry, problems)
            if text_key is None or text_value is None:
                continue
            if text_key in read:
                problems.append(f"entries {first[text_key]} and {entry} have the same {self.names[0]}; keep one")
                continue
            read[text_key], first[text_key] = text_value, entry
        if problems:
            raise ValidationError("; ".join(problems))
        return read

    def _text(self, part: object, name: str, entry: str, problems: list[str]) -> str | None:
        """``part`` (a key or a value) as text, or None with the problem said."""
        if isinstance(part, int | float) and not isinstance(part, bool):
            return str(part)
        if isinstance(part, str) and part.strip():
            return part
        if part is None or isinstance(part, str):
            problems.append(f"entry {entry} has no {name}; write one, as in {self.example}")
        elif isinstance(part, bool):
            problems.append(
                f"entry {entry}: {shown(part)} is not a {name} (YAML reads yes, no, on, off, true and false "
                "unquoted as true or false); put it in quotes"
            )
        else:
            problems.append(f"entry {entry}: {shown(part)} is not a {name}; write it as text, as in {self.example}")
        return None


def unknown_key(key: str, known: list[str]) -> ValidationError:
    """A key the schema lacks: an error (a typo such as ``theme_cout`` would otherwise be ignored), with the
    nearest known key."""
    near = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{near[0]}'?" if near else f"the options are: {', '.join(sorted(known))}"
    return ValidationError(f"unknown option ({hint})")


class SitegenConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``sitegen`` plugin in ``mkdocs.yml`` (``plugins: - sitegen: {...}``)."""

    inputs = Paths(default=["seeds"])
    """Files or folders of abstracts, relative to mkdocs.yml (one may be given without a list)."""
    templates = c.Optional(Folder(exists=True))
    """Folder of Jinja2 templates that override the built-in ones (same file names); must exist."""
    engine = EngineName(default="auto")
    """Theme engine: a name of ``themes.ENGINES`` or of an installed package's ``sitegen.engines`` entry point, or
    ``auto``: ``semantic`` if installed, else ``tfidf``."""
    theme_count = c.Optional(AtLeast(1))
    """Force this many themes instead of choosing automatically."""
    min_themes = c.Optional(AtLeast(1))
    """Lower bound for the automatic theme count, always reached when set; unset, 5 unless the data's communities
    are fewer."""
    max_themes = AtLeast(1, default=40)
    """Upper bound for the automatic theme count (not below ``min_themes``)."""
    rename_themes = Mapping("'rename_themes: {diffusion-models: Diffusion}'", "theme id or label", "label")
    """Theme id or label -> the label you want."""
    pin = Mapping("'pin: {my-paper-id: diffusion-models}'", "paper id", "theme id or label")
    """Paper id -> theme id or label it must belong to."""
    related = AtLeast(0, default=5)
    """How many related papers each paper page lists."""
    cache_dir = Text("a folder path (text)", default=".sitegen-cache")
    """Where embeddings are cached between builds (relative to mkdocs.yml)."""
    theme_memory = c.Optional(Text("a file path (text)"))
    """A file (relative to mkdocs.yml) where each build keeps its themes' labels and papers, so that the next build
    gives a theme of mostly the same papers the same label and page (``sitegen.memory``); unset: none."""
    strict = Flag(default=False)
    """Fail the build (after reporting all of them) when the input had any problem."""

    given: frozenset[str] = frozenset()
    """The keys the config file wrote (the rest hold their defaults)."""

    def load_dict(self, patch: dict[str, Any]) -> None:
        if isinstance(patch, dict):
            self.given = self.given | set(patch)
        super().load_dict(patch)

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        unknown = sorted(key for key in self.keys() if key not in self._schema_keys)
        failed += [(key, unknown_key(key, sorted(self._schema_keys))) for key in unknown]
        warnings = [(key, message) for key, message in warnings if key not in unknown]
        if not failed and self.min_themes is not None and self.min_themes > self.max_themes:
            message = f"must not be more than max_themes ({self.max_themes}), not {self.min_themes}"
            failed.append(("min_themes", ValidationError(message)))
        # A count beyond bounds the file also sets is worth a word; beyond the default max_themes (40) it is
        # what was asked, said nowhere (QA: theme_count 45 alone aborted mkdocs build --strict on that warning).
        count, low, high = self.theme_count, self.min_themes, self.max_themes
        if not failed and count is not None:
            beyond = [
                f"{key} ({bound})"
                for key, bound, out in (("max_themes", high, count > high), ("min_themes", low, count < (low or 0)))
                if out and key in self.given
            ]
            if beyond:
                message = f"{count} themes, as set, beyond {beyond[0]}: the bounds are only for the automatic count"
                warnings.append(("theme_count", message))
        if not failed and not self.inputs:  # an empty list: nothing to read, said as a config mistake
            failed.append(("inputs", ValidationError("lists no file or folder (leave it out to read seeds/)")))
        if not failed and self.theme_memory is not None and not self.theme_memory.strip():
            # QA: '' was no memory in silence, ' ' wrote a file named a space
            message = "names no file (leave it out for no memory, or name one, e.g. theme_memory: themes.json)"
            failed.append(("theme_memory", ValidationError(message)))
        return failed, warnings

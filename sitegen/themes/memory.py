"""The theme memory (``theme_memory`` in mkdocs.yml): the labels and papers of the last build's themes, kept in a
file of the project so that the next build gives a theme that is mostly the same papers the same label, and so the
same page (``assemble.recall``). Without it, labels follow the papers: adding 1 % new papers a week changed 1-4 of
12 theme URLs every week (QA, 2026-11-30).

The file is an input like any other: the same papers and the same memory give the same site."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitegen.errors import ConfigError
from sitegen.files import replace_file

FORMAT = 1
ABOUT = (
    "sitegen's theme memory: each theme's label and papers at the last build, so that the next build gives a theme "
    "of mostly the same papers the same label and page. Commit it with the site's sources; delete it to start afresh."
)


def read_memory(path: Path) -> dict[str, tuple[str, ...]]:
    """Label -> paper ids of the file; nothing when there is no file yet (the first build). A file that is not a
    theme memory is a :class:`ConfigError` naming it, never ignored in silence."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"theme_memory: {path}: cannot be read ({exc}){_ADVICE}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"theme_memory: {path}: not a theme memory sitegen wrote (not JSON: {exc}){_ADVICE}") from exc
    themes = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(data, dict) or type(data.get("format")) is not int or data["format"] != FORMAT:
        why = f'no "format": {FORMAT}'
    elif not isinstance(themes, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in themes.values()
    ):
        why = '"themes" is not an object of labels, each with a list of paper ids'
    else:
        return {str(label): tuple(ids) for label, ids in themes.items()}
    raise ConfigError(f"theme_memory: {path}: not a theme memory sitegen wrote ({why}){_ADVICE}")


_ADVICE = "; if it is one, delete it to start afresh, else point theme_memory at another file"


def check_memory_path(path: Path, config: MkDocsConfig, inputs: Sequence[Path], side_build: str) -> None:
    """Before any work: a ``theme_memory`` that is a folder, the config file, an input, or lies in ``site_dir``
    (which every build empties; it would be published too), or (for a build that writes it) cannot be written, is a
    :class:`ConfigError` saying so (QA: a read-only one failed the build at its end, the site lost)."""
    real = path.resolve()
    where = f"theme_memory: {path}"
    if path.is_dir():
        raise ConfigError(f"{where}: is a folder; name a file, e.g. theme_memory: themes.json beside mkdocs.yml")
    if config.config_file_path and real == Path(config.config_file_path).resolve():
        raise ConfigError(f"{where}: is the config file; name another file, e.g. theme_memory: themes.json")
    if any(real == p.resolve() for p in inputs):
        raise ConfigError(f"{where}: is one of the inputs; name another file, e.g. theme_memory: themes.json")
    if real.is_relative_to(Path(config.site_dir).resolve()):
        raise ConfigError(
            f"{where}: lies in site_dir ({config.site_dir}), which every build empties (and would publish it); "
            "keep it beside mkdocs.yml"
        )
    if side_build:
        return
    existing = real if real.exists() else next(p for p in real.parents if p.exists())
    if not os.access(existing, os.W_OK) or (existing != real and not existing.is_dir()):
        raise ConfigError(f"{where}: cannot be written; make it writable, or leave theme_memory out")


def memory_text(memory: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The file's text: by label, one paper id a line, so that a change reads well in a diff."""
    themes = {label: list(ids) for label, ids in sorted(memory)}
    return json.dumps({"about": ABOUT, "format": FORMAT, "themes": themes}, ensure_ascii=False, indent=1) + "\n"


def write_memory(path: Path, memory: Sequence[tuple[str, Sequence[str]]]) -> bool:
    """Write the memory when it changed (a temporary file renamed into place); whether it was written."""
    text = memory_text(memory)
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return False
    try:
        replace_file(path, text.encode())
    except OSError as exc:
        raise ConfigError(f"theme_memory: {path}: cannot be written ({exc})") from exc
    return True

"""The theme memory (``theme_memory`` in mkdocs.yml): the labels and papers of the last build's themes, kept in a
file of the project so that the next build gives a theme that is mostly the same papers the same label, and so the
same page (``assemble.recall``). Without it, labels follow the papers: adding 1 % new papers a week changed 1-4 of
12 theme URLs every week (QA, 2026-11-30).

The file is an input like any other: the same papers and the same memory give the same site."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sitegen.errors import ConfigError
from sitegen.files import file_mode

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
        raise ConfigError(f"theme_memory: {path}: cannot be read ({exc}); delete it to start afresh") from exc
    try:
        data = json.loads(text)
        themes = data["themes"]
        if data.get("format") != FORMAT or not isinstance(themes, dict):
            raise ValueError("not format 1")
        memory = {str(label): tuple(str(pid) for pid in ids) for label, ids in themes.items() if isinstance(ids, list)}
        if len(memory) != len(themes):
            raise ValueError("a theme's papers are not a list")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"theme_memory: {path}: not a theme memory sitegen wrote ({exc}); delete it to start afresh"
        ) from exc
    return memory


def memory_text(memory: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The file's text: by label, one paper id a line, so that a change reads well in a diff."""
    themes = {label: list(ids) for label, ids in sorted(memory)}
    return json.dumps({"about": ABOUT, "format": FORMAT, "themes": themes}, ensure_ascii=False, indent=1) + "\n"


def write_memory(path: Path, memory: Sequence[tuple[str, Sequence[str]]]) -> bool:
    """Write the memory when it changed (a temporary file renamed into place); whether it was written."""
    text = memory_text(memory)
    with_same = path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text
    if with_same:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(text)
        os.chmod(tmp.name, file_mode())
        os.replace(tmp.name, path)
    except OSError as exc:
        raise ConfigError(f"theme_memory: {path}: cannot be written ({exc})") from exc
    return True

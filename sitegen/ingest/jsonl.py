"""Reader for JSON Lines with ``title`` and ``abstract`` keys (exports, labeled eval data)."""

from __future__ import annotations

import json

from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space


def detect(text: TextFile) -> bool:
    """Claims files whose first non-blank line is a JSON object."""
    first = next((ln.strip() for ln in text.lines if ln.strip()), "")
    if not first.startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One record per line; bad lines are reported and skipped."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.lines, start=1):
        if not raw.strip():
            continue
        paper, message = _parse_line(raw)
        if paper is None:
            problems.append(Problem(text.path, number, f"{message}, skipped", skipped=True))
        else:
            papers.append(Paper(id="", title=paper[0], abstract=paper[1], sources=(Source(text.path, number),)))
    return papers, problems


def _parse_line(raw: str) -> tuple[tuple[str | None, str] | None, str]:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        # "Unterminated string starting at" already ends in "at": keep it readable.
        where = f"{exc.msg} column {exc.colno}" if exc.msg.endswith(" at") else f"{exc.msg} at column {exc.colno}"
        return None, f"not valid JSON ({where})"
    except RecursionError:
        return None, "not valid JSON (nested too deeply)"
    if not isinstance(obj, dict):
        return None, "JSON value is not an object"
    abstract = obj.get("abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        return None, "no 'abstract' text"
    title = obj.get("title")
    title = normalize_space(title) if isinstance(title, str) and title.strip() else None
    return (title, normalize_space(abstract)), ""

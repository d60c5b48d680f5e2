"""Reader for files of ``Abstract:`` lines with no titles (seed 000)."""

from __future__ import annotations

import re

from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_PREFIX = re.compile(r"^\s*abstract\s*[:.]\s*", re.IGNORECASE)


def detect(text: TextFile) -> bool:
    """Claims files where most non-blank lines start with ``Abstract:``."""
    content = [ln for ln in text.lines if ln.strip()]
    hits = sum(1 for ln in content if _PREFIX.match(ln))
    return hits > 0 and hits >= len(content) * 0.6


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One record per ``Abstract:`` line; a continuation line joins the abstract above."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.lines, start=1):
        if not raw.strip():
            continue
        body = normalize_space(_PREFIX.sub("", raw, count=1))
        if _PREFIX.match(raw):
            if body:
                papers.append(Paper(id="", title=None, abstract=body, sources=(Source(text.path, number),)))
            else:
                problems.append(Problem(text.path, number, "empty abstract, skipped", skipped=True))
        elif papers:
            last = papers[-1]
            papers[-1] = Paper(id="", title=None, abstract=f"{last.abstract} {body}", sources=last.sources)
            problems.append(Problem(text.path, number, "line without 'Abstract:' joined to the abstract above"))
        else:
            problems.append(Problem(text.path, number, "text before the first 'Abstract:' line, skipped", skipped=True))
    return papers, problems

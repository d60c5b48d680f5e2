"""Reader for notes of labelled records, as people write them by hand or copy them from a page:

    Title: Sparse Attention for Long Documents
    Authors: Ada Lovelace, Alan Turing
    Year: 2024
    Abstract: We propose a sparse attention mechanism ...

A label is a known field name (``Title``, ``Authors``, ``Abstract``, ``Date``/``Year``, ``DOI``, ``URL``/``Link``;
``Keywords``, ``Journal``, ``Notes`` and a few more are known and left out) followed by a colon, in any case, maybe
in Markdown bold (``**Title:**``) or after a list bullet. Any other line continues the field above it: a wrapped
title, the next paragraph of an abstract, a structured abstract's ``Methods:`` and ``Results:``. A record ends where
a field it already has starts again, or where a label follows a blank line after its abstract. The abstract is
required; a record without one is reported and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.ingest.fields import DATE_NOT_READ, counted_names, loose_date, web_links
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?:\*\*|__)?\s*(.*)$")
"""A line that may start with a label: its name and the rest of the line."""

FIELDS = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "abstract": "abstract",
    "summary": "abstract",
    "date": "date",
    "year": "date",
    "published": "date",
    "publication date": "date",
    "doi": "doi",
    "url": "url",
    "link": "url",
    "pdf": "url",
}
"""Label (lower case) -> the field it gives."""
LEFT_OUT = frozenset(
    {"keywords", "journal", "venue", "source", "notes", "note", "tags", "comments", "categories", "subjects"}
    | {"volume", "issue", "pages", "publisher"}
)
"""Labels known to start a field that the site does not show: their lines are not part of the field above."""


@dataclass
class _Record:
    line: int
    fields: dict[str, str] = field(default_factory=dict)


def _label(line: str) -> tuple[str, str] | None:
    """The field a line starts (``"-"`` for one left out) and its text, or None for a line that starts none."""
    found = _LABEL.match(line)
    if not found:
        return None
    name = " ".join(found.group(1).lower().split())
    if name in FIELDS:
        return FIELDS[name], found.group(2)
    return ("-", "") if name in LEFT_OUT else None


def detect(text: TextFile) -> bool:
    """Claims files with a ``Title:`` line and an ``Abstract:`` line among their first 2000."""
    fields = {found[0] for line in text.lines[:2000] if (found := _label(line))}
    return {"title", "abstract"} <= fields


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; records without one and text outside any field are reported."""
    records, problems = _records(text)
    papers: list[Paper] = []
    for record in records:
        values = {name: normalize_space(value) for name, value in record.fields.items()}
        if not values.get("abstract"):
            title = values.get("title", "")
            what = (
                f"record without an abstract, skipped: {title[:80]!r}"
                if title
                else "record without an abstract, skipped"
            )
            problems.append(Problem(text.path, record.line, what, skipped=True))
            continue
        names, count = counted_names(values.get("authors", ""))
        date = loose_date(values.get("date", ""))
        if values.get("date") and date is None:
            problems.append(Problem(text.path, record.line, DATE_NOT_READ.format(values["date"][:40])))
        papers.append(
            Paper(
                id="",
                title=values.get("title") or None,
                abstract=values["abstract"],
                sources=(Source(text.path, record.line),),
                authors=tuple(names),
                authors_count=count,
                date=date,
                links=tuple(web_links([values.get("url", "")], values.get("doi", ""))),
            )
        )
    return papers, sorted(problems, key=lambda p: p.line)


def _records(text: TextFile) -> tuple[list[_Record], list[Problem]]:
    records: list[_Record] = []
    problems: list[Problem] = []
    current: _Record | None = None
    last: str | None = None  # the field the next unlabelled line continues
    blank = False  # a blank line since the last line with text
    for number, raw in enumerate(text.lines, start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        found = _label(raw)
        if found and found[0] == "-":
            last = None
        elif found:
            name, value = found
            if current is None or name in current.fields or (blank and "abstract" in current.fields):
                current = _Record(number)
                records.append(current)
            current.fields[name] = value
            last = name
        elif current is not None and last is not None and (not blank or last == "abstract"):
            current.fields[last] += " " + line  # a wrapped line, or the abstract's next paragraph
        else:
            where = "before the first field" if current is None else "without a label after a blank line"
            problems.append(Problem(text.path, number, f"text {where}, skipped: {line[:80]!r}", skipped=True))
        blank = False
    return records, problems

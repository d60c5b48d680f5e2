"""Reader for notes of labelled records, as people write them by hand or copy them from a page:

    Title: Sparse Attention for Long Documents
    Authors: Ada Lovelace, Alan Turing
    Year: 2024
    Abstract: We propose a sparse attention mechanism ...

A label is a name of one to three words followed by a colon, in any case, maybe in Markdown bold (``**Title:**``,
``**Title**:``) or after a list bullet or number. Known names give a field (``FIELDS``: ``Title``, ``Authors``,
``Abstract``, ``Date``/``Year``, ``DOI``, ``URL``/``Link``); any other (``Keywords``, ``Journal``, ``Rating``) starts
a field the site does not show, left out with its wrapped lines. The record starts again at the label the file's
first record starts with, or at a second ``Title``/``Abstract`` under the same name. Inside the abstract, a line
goes on with it (a wrapped line, a paragraph after a blank line, a structured abstract's ``Methods:`` and
``Results:``) unless it starts a known field, or, after a blank line, another label ("My thoughts: ..."). Markdown
headings and rules (``## Paper 2``, ``---``) end the field above them. A record without an abstract is reported and
skipped; text outside any field is reported and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.ingest.fields import DATE_NOT_READ, counted_names, loose_date, web_links
from sitegen.ingest.table import author_names
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)?(?P<name>[A-Za-z][A-Za-z ]{0,30}?)(?:\*\*|__)?\s*:+"
    r"(?:\s*(?:\*\*|__))?(?:\s+(?P<value>.*?))?\s*$"
)
"""A line that starts with a label: its name and the rest of the line."""
_BOLD_END = re.compile(r"\s*(?:\*\*|__)$")
_MARKDOWN_BREAK = re.compile(r"^\s*(?:#{1,6}\s.*|#{1,6}|-{3,}|\*{3,}|_{3,})\s*$")
"""A Markdown heading or rule: it ends the field above it."""
_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:]")
_BARE_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*$", re.IGNORECASE)

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
"""Label (lower case) -> the field it gives; any other label starts a field left out."""
STRUCTURED = frozenset(
    {"background", "introduction", "context", "importance", "purpose", "aim", "aims", "objective", "objectives"}
    | {"design", "setting", "participants", "patients", "interventions", "exposures", "measurements", "method"}
    | {"methods", "main outcome measures", "results", "findings", "conclusion", "conclusions", "interpretation"}
    | {"significance", "limitations", "discussion", "evidence"}
)
"""Headings of a structured abstract: after a blank line they go on with the abstract, as any label-free line does."""
REPEATABLE = frozenset({"doi", "url", "date"})
"""Fields a record may hold several of (every link is kept; the most precise date); of the others the first is kept."""


@dataclass
class _Record:
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    """The label each field was written with ("summary" for an abstract under ``Summary:``)."""


def _label(line: str) -> tuple[str, str, str] | None:
    """``(field, label, text)`` of a line that starts with a label (field ``"-"``: one left out), else None."""
    found = _LABEL.match(line)
    if not found:
        return None
    name = " ".join(found.group("name").lower().split())
    if len(name.split()) > 3:
        return None
    value = _BOLD_END.sub("", found.group("value") or "")
    return FIELDS.get(name, "-"), name, value


def detect(text: TextFile) -> bool:
    """Claims files with a ``Title:`` line and an ``Abstract:`` line among their first 2000, and about as many titles
    as abstracts: a file of ``Abstract:`` lines under one ``Title:`` heading is the ``abstract-lines`` reader's."""
    found = [hit[0] for line in text.lines[:2000] if (hit := _label(line))]
    titles, abstracts = found.count("title"), found.count("abstract")
    return titles > 0 and abstracts > 0 and titles * 2 > abstracts


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; records without one and text outside any field are reported."""
    records, problems = _records(text)
    papers: list[Paper] = []
    for record in records:
        values = {name: [normalize_space(v) for v in found if v.strip()] for name, found in record.fields.items()}
        title = values.get("title", [""])[0] if values.get("title") else ""
        if not values.get("abstract"):
            what = (
                f"record without an abstract, skipped: {title[:80]!r}"
                if title
                else "record without an abstract, skipped"
            )
            problems.append(Problem(text.path, record.line, what, skipped=True))
            continue
        dates = [(written, loose_date(written)) for written in values.get("date", [])]
        date = max((d for _, d in dates if d), key=len, default=None)  # "Year: 2021" and "Published: 2021-03-04"
        if dates and date is None:
            problems.append(Problem(text.path, record.line, DATE_NOT_READ.format(dates[0][0][:40])))
        names, count = _authors(values.get("authors", [""])[0] if values.get("authors") else "")
        papers.append(
            Paper(
                id="",
                title=title or None,
                abstract=values["abstract"][0],
                sources=(Source(text.path, record.line),),
                authors=tuple(names),
                authors_count=count,
                date=date,
                links=tuple(_links(values.get("url", []), values.get("doi", []))),
            )
        )
    return papers, sorted(problems, key=lambda p: p.line)


def _records(text: TextFile) -> tuple[list[_Record], list[Problem]]:
    records: list[_Record] = []
    problems: list[Problem] = []
    current: _Record | None = None
    start: str | None = None  # the field the file's first record starts with: every record starts with it
    last: str | None = None  # the field the next unlabelled line goes on with ("-": one left out)
    blank = False  # a blank line since the last line with text
    for number, raw in enumerate(text.lines, start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        if _MARKDOWN_BREAK.match(line):
            last, blank = None, False
            continue
        found = _label(raw)
        in_abstract = last == "abstract" and current is not None
        if found and in_abstract and found[0] == "-" and (not blank or found[1] in STRUCTURED):
            found = None  # "Methods: ...", "Code: https://...": the abstract goes on
        if found and found[0] == "-":
            last = "-"
        elif found:
            name, label, value = found
            start = start or name
            repeated = current is not None and name in current.fields
            # The file's first field again, or a second title or abstract under the same label: the next record.
            if (
                current is None
                or (repeated and name == start)
                or (repeated and name in ("title", "abstract") and current.labels[name] == label)
            ):
                current = _Record(number)
                records.append(current)
            if name not in current.fields or name in REPEATABLE:
                current.fields.setdefault(name, []).append(value)
                current.labels.setdefault(name, label)
                last = name
            else:
                last = "-"  # a second date, "Summary:" after "Abstract:": the first is kept
        elif current is not None and last == "-":
            pass  # a wrapped line of a field left out
        elif current is not None and last is not None and (not blank or last == "abstract"):
            current.fields[last][-1] += " " + line  # a wrapped line, or the abstract's next paragraph
        else:
            problems.append(Problem(text.path, number, f"text outside any field, left out: {line[:80]!r}"))
            last = None
        blank = False
    return records, problems


def _authors(written: str) -> tuple[list[str], int | None]:
    """Names separated by ``;`` (as exports write them), by commas ("Ada Lovelace, Alan Turing", maybe ending "et
    al."), or one name family first ("Lovelace, Ada")."""
    if ";" in written:
        names = author_names(written)
        return names, len(names) or None
    names, count = counted_names(written)
    if not names and written.strip():
        names = author_names(written)
        count = len(names) or None
    return names, count


def _links(urls: list[str], dois: list[str]) -> list[str]:
    """The record's links: each ``URL:`` as written, in a Markdown link (``[text](https://...)``), in angle brackets
    or without its scheme (``arxiv.org/abs/...``); each DOI (``10.x/y``, ``doi:``, ``doi.org/...``; a full stop
    after it is the sentence's)."""
    found: list[str] = []
    for value in urls:
        if url := _URL.search(value):
            found.append(url.group(0))
        elif _BARE_HOST.match(value.strip()):
            found.append("https://" + value.strip())
    links = web_links(found, "")
    for doi in dois:
        inner = _URL.search(doi)
        links += [
            link for link in web_links([], (inner.group(0) if inner else doi).strip().rstrip(".")) if link not in links
        ]
    return links

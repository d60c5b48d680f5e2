"""Reader for notes of labelled records, as people write them by hand or copy them from a page:

    Title: Sparse Attention for Long Documents
    Authors: Ada Lovelace, Alan Turing
    Year: 2024
    Abstract: We propose a sparse attention mechanism ...

A label is a name of one to three words followed by a colon, in any case, maybe in Markdown bold or italics
(``**Title:**``, ``**Title**:``, ``*Title:*``) or after a list bullet or number. Known names give a field
(``FIELDS``); names of notes people keep beside a paper (``LEFT_OUT``: ``Keywords``, ``Journal``, ``Rating``,
``Notes``, ...) start a field the site does not show, left out with its wrapped lines. A ``Title:`` starts a new
record once the one being read has a title; a blank line (or a Markdown heading or rule) after an abstract ends its
record, unless the record is written with blank lines between its fields. Inside the abstract any other line goes on
with it: a wrapped line, a paragraph after a blank line, a structured abstract's headings (``Methods:``,
``Search methods:``, ``Conclusions and Relevance:``), a second ``Abstract:``; a Markdown list item, quote or table
row does not, and is reported and left out. ``Summary:`` is the abstract only of a record
without one (often it is the reader's own). YAML front matter is passed over. A record without an abstract is
reported and skipped; text outside any field is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitegen.ingest.fields import counted_names, date_not_read, front_matter_end, line_joined, loose_date, web_links
from sitegen.ingest.table import author_names
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__|\*|_)?(?P<name>[A-Za-z][A-Za-z ',/]{0,40}?)(?:\*\*|__|\*|_)?\s*:+"
    r"(?:\s*(?:\*\*|__|\*|_))?(?:\s+(?P<value>.*?))?\s*$"
)
"""A line that starts with a label: its name and the rest of the line."""
_BOLD_END = re.compile(r"\s*(?:\*\*|__|\*|_)$")
_MARKDOWN_BREAK = re.compile(r"^\s*(?:#{1,6}\s.*|#{1,6}|-{3,}|\*{3,}|_{3,})\s*$")
"""A Markdown heading or rule: it ends the field above it."""
_URL = re.compile(r"https?://(?:[^\s<>()\[\]'\"]|\([^\s()<>]*\))+(?<![.,;:])")
"""A URL, with the parentheses it holds ("...S0140-6736(20)30183-5"), not a full stop or comma after it."""
_NOTE_LINE = re.compile(r"^\s*(?:[-*+>|#!]|\[\[|\d{1,3}[.)]\s)")
"""A Markdown list item, quote, table row, heading or wiki link: no line of an abstract (a numbered one after a blank
line only: an abstract may wrap before "1.")."""

FIELDS = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "abstract": "abstract",
    "summary": "summary",
    "date": "date",
    "year": "date",
    "published": "date",
    "publication date": "date",
    "publication year": "date",
    "doi": "doi",
    "url": "url",
    "link": "url",
    "pdf": "url",
}
"""Label (lower case) -> the field it gives (``summary``: the abstract of a record without one)."""
LEFT_OUT = frozenset(
    {"keywords", "key words", "tags", "journal", "venue", "source", "conference", "publisher", "volume", "issue"}
    | {"pages", "notes", "note", "my notes", "comments", "comment", "rating", "status", "read", "todo", "priority"}
    | {
        "categories",
        "subject",
        "subjects",
        "affiliation",
        "affiliations",
        "cite as",
        "citation",
        "language",
        "type",
        "added",
    }
    | {"accessed", "pmid", "pmcid", "issn", "isbn", "arxiv", "id", "project", "collection", "thoughts", "takeaways"}
    | {"my thoughts", "my take", "takeaway", "remarks", "questions", "ideas", "review"}
)
"""Labels of what people note beside a paper: fields left out, that also end an abstract. Any other label inside
an abstract goes on with it (a structured abstract's headings are many: ``Search methods``, ``Practical
implications``, ``Motivation``); outside one it starts a field left out."""
REPEATABLE = frozenset({"doi", "url", "date"})
"""Fields a record may hold several of (every link is kept; the most precise date); of the others the first is kept."""


@dataclass
class _Record:
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    gaps: list[int] = field(default_factory=lambda: [0, 0])
    """How many of its labelled lines follow the line before them directly, and how many after a blank line."""


def _label(line: str) -> tuple[str, str, str] | None:
    """``(field, label, text)`` of a line that starts with a label, else None; field ``"-"`` for a label of
    :data:`LEFT_OUT`, ``"?"`` for any other name."""
    found = _LABEL.match(line)
    if not found:
        return None
    name = " ".join(found.group("name").lower().split())
    if len(name.split()) > 4:
        return None
    value = _BOLD_END.sub("", found.group("value") or "")
    return FIELDS.get(name, "-" if name in LEFT_OUT else "?"), name, value


def detect(text: TextFile) -> bool:
    """Claims files with a ``Title:`` line and an ``Abstract:`` line among their first 2000, and about as many titles
    as abstracts: a file of ``Abstract:`` lines under one ``Title:`` heading is the ``abstract-lines`` reader's."""
    found = [hit[0] for line in _without_front_matter(text.lines[:2000]) if (hit := _label(line))]
    titles, abstracts = found.count("title"), found.count("abstract")
    return titles > 0 and abstracts > 0 and titles * 2 > abstracts


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; records without one and text outside any field are reported."""
    records, problems = _records(text)
    papers: list[Paper] = []
    for record in records:
        values = {name: [normalize_space(v) for v in found if v.strip()] for name, found in record.fields.items()}
        title = values.get("title", [""])[0] if values.get("title") else ""
        abstract = (values.get("abstract") or values.get("summary") or [""])[0]
        if not abstract:
            what = (
                f"record without an abstract, skipped: {title[:80]!r}"
                if title
                else "record without an abstract, skipped"
            )
            problems.append(Problem(text.path, record.line, what, skipped=True))
            continue
        dates = [(written, loose_date(written)) for written in values.get("date", [])]
        read_dates = [d for _, d in dates if d]
        # "Year: 2021" and "Published: 2021-03-04": the most precise of those in the first one's year (a "Date:" of
        # the day the note was written is no second date of the paper), as RIS dates are read.
        date = max((d for d in read_dates if d[:4] == read_dates[0][:4]), key=len) if read_dates else None
        if dates and date is None:
            problems.append(Problem(text.path, record.line, date_not_read(dates[0][0])))
        names, count = written_authors(values.get("authors", [""])[0] if values.get("authors") else "")
        papers.append(
            Paper(
                id="",
                title=title or None,
                abstract=abstract,
                sources=(Source(text.path, record.line),),
                authors=tuple(names),
                authors_count=count,
                date=date,
                links=tuple(_links(values.get("url", []), values.get("doi", []))),
            )
        )
    return papers, sorted(problems, key=lambda p: p.line)


def _records(text: TextFile) -> tuple[list[_Record], list[Problem]]:
    lines = _without_front_matter(text.lines)
    records: list[_Record] = []
    problems: list[Problem] = []
    current: _Record | None = None
    last: str | None = None  # the field the next unlabelled line goes on with ("-": one left out)
    blank = False  # a blank line since the last line with text
    broken = False  # a Markdown heading or rule since then
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        if _MARKDOWN_BREAK.match(line):
            last, blank, broken = None, True, True  # "## Paper 2", "____": the record above is over
            continue
        found = _label(raw)
        in_abstract = last in ("abstract", "summary") and current is not None
        if found and in_abstract and (found[0] == "?" or found[0] == last == "abstract"):
            # "Methods: ...", "Search methods: ...": the abstract goes on; a second "Abstract:" without its label
            line = found[2] if found[0] == "abstract" else line
            found = None
        # A blank line after the abstract ends the record, unless the record is written with blank lines between
        # its fields (then so is the rest of it).
        closed = (
            current is not None
            and ("abstract" in current.fields or "summary" in current.fields)
            and (broken or (blank and current.gaps[1] <= current.gaps[0]))
        )
        if found and current is not None and not closed:
            current.gaps[int(blank)] += 1
        if found and found[0] in ("-", "?"):
            last = "-"
        elif found:
            name, _, value = found
            if (
                current is None
                or closed
                or (name == "title" and "title" in current.fields)  # not after an abstract: ProQuest puts it first
                or (name in current.fields and name not in REPEATABLE and "abstract" in current.fields)
            ):
                current = _Record(number)
                records.append(current)
            if name not in current.fields or name in REPEATABLE:
                current.fields.setdefault(name, []).append(value)
                last = name
            else:
                last = "-"  # a second "Authors:" before the abstract: the first is kept
        elif current is not None and last == "-" and not blank:
            pass  # a wrapped line of a field left out
        elif current is not None and in_abstract and not (_NOTE_LINE.match(line) and (blank or not line[0].isdigit())):
            current.fields[str(last)][-1] = line_joined(
                current.fields[str(last)][-1], line
            )  # wrapped, or next paragraph
        elif current is not None and last not in (None, "-", "abstract", "summary") and not blank:
            current.fields[str(last)][-1] += " " + line  # a wrapped title or list of names
        else:
            problems.append(Problem(text.path, number, f"text outside any field, left out: {line[:80]!r}"))
            last = None
        blank = broken = False
    return records, problems


def _without_front_matter(lines: tuple[str, ...]) -> list[str]:
    """The lines with a YAML front matter block at the top blanked (``---`` to ``---``, ``fields.front_matter_end``
    as the ``markdown-notes`` reader finds it: a Markdown note's own properties, not a paper's fields); line numbers
    stay. A block holding an ``Abstract:`` above more ``Abstract:`` lines is a record between ``---`` separators, kept
    (a note's front matter may hold its paper's ``abstract:`` too, with none below)."""
    end = front_matter_end(lines)

    def abstracts(part: Sequence[str]) -> bool:
        return any((hit := _label(line)) and hit[0] == "abstract" for line in part)

    if abstracts(lines[:end]) and abstracts(lines[end:]):
        return list(lines)  # records between "---" separators (QA: the first of 3, or of 61, went unsaid)
    return [""] * end + list(lines[end:])


def written_authors(written: str) -> tuple[list[str], int | None]:
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
        value = value.strip().strip("'\"")
        if in_it := _URL.findall(value):
            found += in_it
        else:
            found.append(value)  # a web address without its scheme (``arxiv.org/abs/...``): see ``web_link``
    links = web_links(found, "")
    for doi in dois:
        inner = _URL.search(doi)
        written = (inner.group(0) if inner else doi).strip().strip("'\"").rstrip(".")
        links += [link for link in web_links([], written) if link not in links]
    return links

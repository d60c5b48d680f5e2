"""Reader for RIS files (EndNote, Scopus, Web of Science, Zotero, Mendeley exports: ``TY  - JOUR`` ... ``ER  -``).

Each record is cut out by its ``TY`` and ``ER`` lines here, so that it keeps the line it starts on and a bad record
costs only itself; ``rispy`` parses its tags (continuation lines joined). A record without its ``ER`` line (a
truncated or hand-edited export) ends at the next ``TY`` line, or at the end of the file; text after a blank line at
its end that is no tag and not indented (a page header, ``Record #2 of 12``) is no part of it. A tag written by hand
with one space, a tab or none before its hyphen (``TI - A title``, ``TI- A title``) is read as ``TI  - A title``,
the only spelling rispy knows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

import rispy

from sitegen.ingest.fields import (
    LINK_NOT_READ,
    as_list,
    as_text,
    date_not_read,
    dotted_initials_name,
    iso_date,
    left_out_links,
    loose_date,
    papers_from_records,
    web_links,
)
from sitegen.ingest.kinds import publication_type, venue_text
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?:  -|[ \t]{0,2}-(?=[ \t]|$))[ \t]?(.*)$")
"""A tag line: ``AB  - text`` as exports write it, or as typed by hand with one space, a tab or none before the hyphen
(``AB - text``, ``AB- text``), then a space (an abbreviation in a wrapped line, ``AI-driven``, is no tag)."""
_ISO = re.compile(r"\s*\d{4}-\d{1,2}(?:-\d{1,2})?(?=$|[T\s])")


HEADER_LINES = 4
"""Lines of text that may come before the first record: Wiley's and Cochrane's exports open with ``Provider: ...``,
``Database: ...``, ``Content: text/plain; ...`` (Cochrane also ``Record #1 of 12``). Zotero's RIS importer passes
over as many."""


def detect(text: TextFile) -> bool:
    """Claims files whose first non-blank line opens a record (``TY  - JOUR``), or whose first such line comes after
    at most ``HEADER_LINES`` lines that are no RIS tag (an export's header)."""
    lines = (ln.lstrip() for ln in text.lines if ln.strip())
    for line in itertools.islice(lines, HEADER_LINES + 1):
        if (tag := _tag(line)) == "TY":
            return True
        if tag:
            return False  # a record's tag before its TY line: no header
    return False


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract (``AB``, else ``N2``); other records are reported with their line."""
    records = list(_records(text.lines))
    unclosed = [
        Problem(text.path, start, f"record has no closing 'ER  -' line; {how}")
        for start, _, how in records
        if how is not None
    ]
    texts = ((start, "\n".join([*_one_abstract(list(map(_spelled, lines))), "ER  - "])) for start, lines, _ in records)
    papers, problems = papers_from_records(text.path, texts, _parse, _paper, "RIS", record_notes)
    return papers, sorted([*unclosed, *problems], key=lambda p: p.line)


def _parse(record: str) -> Mapping[str, Any]:
    [entry] = rispy.loads(record)
    return dict(entry)


def _tag(line: str) -> str | None:
    """The line's tag (``AB``) when it is a tag line."""
    found = _TAG.match(line)
    return found.group(1) if found else None


def _spelled(line: str) -> str:
    """A tag line as rispy reads one (``AB  - text``: two spaces, a hyphen, a space); other lines as they are."""
    found = _TAG.match(line)
    return f"{found.group(1)}  - {found.group(2)}" if found else line


def _one_abstract(lines: list[str]) -> list[str]:
    """The record's lines with a repeated ``AB`` (or ``N2``) tag, one per paragraph as some exports write it, joined
    into its first one: rispy keeps only the first and drops the paragraphs after it."""
    blocks: list[list[str]] = []  # a tag line and the wrapped lines after it
    for line in lines:
        if _TAG.match(line) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    first: dict[str, list[str]] = {}
    said: dict[str, set[str]] = {}  # a tag's paragraphs so far: one written twice is read once
    kept: list[list[str]] = []
    for block in blocks:
        found = _TAG.match(block[0])
        tag = found.group(1) if found else ""
        text = " ".join([found.group(2) if found else "", *block[1:]]).split()
        if found and tag in ("AB", "N2") and tag in first:
            if " ".join(text) not in said[tag]:
                first[tag] += [found.group(2), *block[1:]]  # read on as wrapped lines of the first
                said[tag].add(" ".join(text))
            continue
        first.setdefault(tag, block)
        said.setdefault(tag, {" ".join(text)})
        kept.append(block)
    return [line for block in kept for line in block]


def _records(lines: tuple[str, ...]) -> Iterator[tuple[int, list[str], str | None]]:
    """(first line number, lines without the ``ER`` line, how it was read when it has no ``ER`` line) per record: a
    ``TY`` line starts a record, and one whose ``ER`` line is missing ends at the next ``TY`` line, or at the end of
    the file (see :func:`_unclosed`). Text between records is passed over (exports put blank lines there, Cochrane
    a ``Record #2 of 12`` line)."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        tag = _tag(line.lstrip())
        if tag == "TY":
            if current:
                yield _unclosed(start, current, f"up to the next record (line {number})")
            current, start = [line.lstrip()], number
        elif tag == "ER":
            if current:
                yield start, current, None
            current = []
        elif current:
            current.append(line)
    if current:
        yield _unclosed(start, current, "to the end of the file")


def _unclosed(start: int, lines: list[str], until: str) -> tuple[int, list[str], str]:
    """A record without its ``ER`` line, read ``until`` the next record or the end of the file: text after its last
    tag line that follows a blank line and is not indented (a page header, ``Record #2 of 12``, an export's footer) is
    no part of it, as it is no part of a closed record, and is said with its line. Lines right after a tag line (a
    wrapped abstract) and indented ones are the field's."""
    last_tag = max(i for i, line in enumerate(lines) if _tag(line))
    for i in range(last_tag + 1, len(lines)):
        if lines[i][:1].strip() and not lines[i - 1].strip():
            kept = i - 1
            while not lines[kept - 1].strip():
                kept -= 1
            stray = f"the text after a blank line from line {start + i} {until} passed over"
            return start, lines[:kept], f"read up to line {start + kept - 1}, {stray}"
    return start, lines, f"read {until}"


def _paper(record: Mapping[str, Any], source: Source) -> Paper | None:
    abstract = normalize_space(as_text(record.get("abstract") or record.get("notes_abstract")))
    if not abstract:
        return None
    title = normalize_space(as_text(record.get("title") or record.get("primary_title")))
    authors = [name for name in [*record.get("authors", []), *record.get("first_authors", [])] if str(name).strip()]
    links = web_links(as_list(record.get("urls")), as_text(record.get("doi")))
    return Paper(
        id="",
        title=title or None,
        abstract=abstract,
        sources=(source,),
        authors_count=len(authors) or None,
        authors=tuple(dotted_initials_name(normalize_space(str(name))) for name in authors),  # Scopus: "Kingma, D.P."
        date=record_date(record),
        links=tuple(links),
        venue=record_venue(record),
        publication_type=publication_type([record.get("type_of_reference"), record.get("type_of_work")]),
    )


_JOURNAL_TAGS = ("alternate_title3", "secondary_title", "journal_name", "alternate_title2")
"""A journal article's journal: ``JF`` (its full name), ``T2`` (Zotero, Scopus, EndNote), ``JO``, ``JA`` (an
abbreviation)."""
_PROCEEDINGS_TAGS = ("secondary_title", "BT", "journal_name", "alternate_title3")
"""A conference paper's proceedings: ``T2``, ``BT``, and a journal's tags when it appeared in one."""
_JOURNAL_TYPES = frozenset({"JOUR", "JFULL", "EJOUR", "MGZN", "NEWS", "ABST", "INPR"})
_CONFERENCE_TYPES = frozenset({"CONF", "CPAPER"})


def record_venue(record: Mapping[str, Any]) -> str | None:
    """The journal or proceedings the record is in, by its type (``TY``): a journal's tags for an article, ``T2`` or
    ``BT`` for a conference paper. Of other types (a book chapter's ``T2`` is its book, a report's its series) only
    the tags that name a journal (``JF``, ``JO``, ``JA``)."""
    kind = as_text(record.get("type_of_reference")).strip().upper()
    tags: tuple[str, ...]
    if kind in _CONFERENCE_TYPES:
        tags = _PROCEEDINGS_TAGS
    elif kind in _JOURNAL_TYPES:
        tags = _JOURNAL_TAGS
    else:
        tags = ("alternate_title3", "journal_name", "alternate_title2")
    unknown = record.get("unknown_tag") or {}
    for tag in tags:
        value = unknown.get(tag) if tag.isupper() else record.get(tag)
        if name := venue_text(as_text(value)):
            return name
    return None


def record_notes(record: Mapping[str, Any]) -> list[str]:
    """What of a record's date and links is left out, as the other readers say it: a date none of ``DA``, ``PY`` and
    ``Y1`` gives (``PY  - in press``), a ``UR`` that is no web address (``ftp://``)."""
    written = [text for key in _DATE_TAGS if (text := as_text(record.get(key)).strip())]
    notes = [date_not_read(written[0])] if written and record_date(record) is None else []
    return notes + [LINK_NOT_READ.format(url) for url in left_out_links(as_list(record.get("urls")))]


_DATE_TAGS = ("date", "year", "publication_year")
"""rispy's names of ``DA``, ``PY`` and ``Y1``."""


def record_date(record: Mapping[str, Any]) -> str | None:
    """The most precise of the record's dates ``DA``, ``PY`` and ``Y1`` that agree on the year with the first of them
    (``PY  - 2023`` and ``Y1  - 2023/11/05`` is 2023-11-05); when they disagree, the first (``DA``, else ``PY``). A
    date not written the RIS way is read as a spreadsheet's is (``fields.loose_date``: ``2019-2020`` is 2019)."""
    dates = [ris_date(text) or loose_date(text) for text in (as_text(record.get(key)) for key in _DATE_TAGS)]
    found = [date for date in dates if date]
    if not found:
        return None
    same_year = [date for date in found if date[:4] == found[0][:4]]
    return max(same_year, key=len)  # the first of the longest


def ris_date(value: str) -> str | None:
    """RIS dates are ``YYYY/MM/DD/other`` with parts left empty (``2024///``, ``2024/05``): the ISO date as precise as
    the value (up to its first empty or impossible part). Some exports write ``DA`` in ISO 8601 (``2020-01-02``,
    maybe with a time): read the same way."""
    if iso := _ISO.match(value):
        value = iso.group(0).replace("-", "/")
    parts: list[str] = []
    for part, limit in zip(value.split("/")[:3], (9999, 12, 31), strict=False):
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= limit:
            break
        parts.append(part if not parts else part.zfill(2))
    return iso_date("-".join(parts))

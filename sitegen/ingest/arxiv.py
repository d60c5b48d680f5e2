"""Reader for arXiv's own listings as people keep them: the daily e-mail digest of a subject class, saved as text,
and the text of a listing page (``arxiv.org/list/cs.LG/new``) copied from the browser.

A record starts at its identifier line: ``arXiv:2411.01234`` in the digest, ``[3] arXiv:2411.01234 [pdf, html,
other]`` on a page. ``Title:`` and ``Authors:`` (continued on indented lines in the digest, and on any line up to the
``\\`` before the abstract once a mail client has re-wrapped it; on a page as arxiv.org shows it today, the title and
the names come without a label, the stylesheet hiding it), ``Date:``, ``DOI:`` and the other ``Field:`` lines
follow; the abstract is the digest's text between ``\\`` lines, or on a page the text
after the fields. A replacement (``replaced with revised version``), listed without an abstract, is reported and
skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.ingest.fields import ARXIV_ID, counted_names, web_links, written_day
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_START = re.compile(rf"^(?:\[\d+\]\s+)?arXiv:({ARXIV_ID})\b")
"""A record's first line: the digest's ``arXiv:ID``, a page's ``[N] arXiv:ID [pdf, ...]``."""
_PAGE_ENTRY = re.compile(rf"^\[\d+\]\s+arXiv:{ARXIV_ID}\b.*\[(?:pdf|html|ps|other)\b")
"""A page's record line with its links: copied from today's /list/<cat>/new page, it is followed by the title and
the names without labels, then ``Comments:`` and ``Subjects:``, so it is recognised by these."""
_LINKS = re.compile(r"^\[(?:pdf|html|ps|other)\b[^\]]*\]$", re.IGNORECASE)
"""A page's links, ``[pdf, html, other]``, on a line of their own: a copy that broke the record line before them."""
_FIELD = re.compile(
    r"^(Title|Authors?|Date|Comments|Categories|Subjects|Journal-ref|DOI|Report-no|MSC-class|ACM-class|License)"
    r":\s*(.*)$"
)
_END = re.compile(
    r"^(?:\\\\\s*\(\s*https?://arxiv\.org/abs/"  # the digest's last: "\\ ( https://arxiv.org/abs/ID , 9kb)"
    r"|-{20,}$|%-%-%"  # the digest's rule between records and its section markers
    r"|(?:New submissions|Cross submissions|Cross-lists|Replacement submissions|Replacements)\b.*\(showing \d+"
    r"|(?:New submissions|Cross-lists|Replacements) for \w{3}, \d"  # the old page's "Replacements for Tue, 5 Nov 24"
    r"|.*\(showing (?:first )?\d+ of \d+ entries\s*\)$"  # a /recent page's day: "Mon, 4 Nov 2024 (showing 1 of 1 ...)"
    r"|\[?\s*(?:total of|showing up to|showing) \d+ entries"  # "[ showing up to 2000 entries per page: fewer | more ]"
    r"|Disable MathJax\b|Links to: arXiv\b|No updates (?:for this time period|today)\b)",  # the old page's footer
    re.IGNORECASE,
)
"""Lines that end the record before them: the digest's rules, a page's headings, paging lines and footer. The page
shows no abstract in a /recent listing or for a replacement, so whatever follows such an entry's fields was read as
its abstract ("[ showing up to 2000 entries per page: fewer | more ]", "Disable MathJax (What is MathJax?)")."""
_REPLACED = re.compile(r"^replaced with revised version\b", re.IGNORECASE)


@dataclass
class _Record:
    """A record as it is read: its first line, identifier, fields so far and abstract lines."""

    line: int
    arxiv_id: str
    fields: dict[str, str] = field(default_factory=dict)
    abstract: list[str] = field(default_factory=list)
    replaced: bool = False
    last_field: str | None = None
    digest: bool = False
    """The e-mail digest's record (``arXiv:ID`` without a page's ``[N]``): its fields run until the ``\\`` line."""
    run_into: int | None = None
    """Line of a ``Field:`` met after the abstract began: lines run together, the record is not read."""


def detect(text: TextFile) -> bool:
    """Claims files where an identifier line is followed within 4 lines by a ``Title:`` line, or a page's record
    line (``[1] arXiv:ID [pdf, ...]``, its links maybe on the next line) within 8 lines by a ``Subjects:`` line
    (today's page, its labels hidden)."""
    lines = text.lines[:2000]
    for i, line in enumerate(lines):
        head = line.strip()
        if not _START.match(head):
            continue
        if any(ln.startswith("Title:") for ln in lines[i + 1 : i + 5]):
            return True
        links_below = head.startswith("[") and i + 1 < len(lines) and _LINKS.match(lines[i + 1].strip())
        if (_PAGE_ENTRY.match(head) or links_below) and any(ln.startswith("Subjects:") for ln in lines[i + 1 : i + 9]):
            return True
    return False


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; replacements and records without an abstract are reported."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for record in _records(text):
        abstract = normalize_space(" ".join(record.abstract))
        title = normalize_space(record.fields.get("Title", ""))
        if record.run_into:
            message = (
                f"arXiv entry whose fields run into its abstract (a field at line {record.run_into}: lines joined or "
                f"re-wrapped?), skipped ({record.arxiv_id})"
            )
            problems.append(Problem(text.path, record.line, message, skipped=True))
            continue
        if not abstract:
            what = (
                "arXiv replacement (listed without an abstract)"
                if record.replaced
                else "arXiv entry without an abstract"
            )
            problems.append(Problem(text.path, record.line, f"{what}, skipped ({record.arxiv_id})", skipped=True))
            continue
        authors = record.fields.get("Authors") or record.fields.get("Author") or ""
        papers.append(
            Paper(
                id="",
                title=title or None,
                abstract=abstract,
                sources=(Source(text.path, record.line),),
                authors_count=(named := counted_names(authors))[1],
                authors=tuple(named[0]),
                date=_date(record.fields.get("Date", "")),
                links=tuple(web_links([f"https://arxiv.org/abs/{record.arxiv_id}"], record.fields.get("DOI", ""))),
            )
        )
    return papers, problems


def _records(text: TextFile) -> list[_Record]:
    """The records of the file, each with its fields and abstract lines; text outside records is left out (the
    digest's header and footer, a page's menus and footer)."""
    records: list[_Record] = []
    current: _Record | None = None
    in_abstract = False  # the digest: between the "\\" after the fields and the "\\ ( https://...)" line
    for number, raw in enumerate(text.lines, start=1):
        line = raw.strip()
        start = _START.match(line)
        if start:
            current = _Record(number, start.group(1), replaced="(replaced)" in line, digest=not line.startswith("["))
            records.append(current)
            in_abstract = False
        elif current is None:
            continue
        elif _END.match(line) or (current.abstract and not line and not in_abstract):
            current = None  # a page's abstract is one paragraph: a blank line after it ends the record
        elif line == "\\\\":  # the digest's "\\" before the abstract
            in_abstract = bool(current.fields)
        else:
            _take(current, raw, line, in_abstract, number)
    return records


def _take(record: _Record, raw: str, line: str, in_abstract: bool, number: int) -> None:
    """One line of a record: a field, a field's continuation (indented; in the digest any line before its ``\\``),
    the unlabelled title and names of today's page, or abstract text."""
    found = None if in_abstract else _FIELD.match(line)
    if not line:
        record.last_field = None
    elif not record.digest and not record.fields and _LINKS.match(line):
        return  # "[pdf, html, other]" below its record line, not the title (the page's links are not kept)
    elif in_abstract:
        record.abstract.append(line)
    elif found and record.abstract:
        record.run_into = record.run_into or number
    elif found:
        record.fields[found.group(1)] = found.group(2)
        record.last_field = found.group(1)
    elif _REPLACED.match(line):
        record.replaced = True
    elif record.last_field and (raw[:1].isspace() or record.digest):
        # The digest wraps long titles and author lists on indented lines; a mail client re-wrapping it at 72
        # characters leaves the rest of "Title: ... A" as "Benchmark" at the line's start: still the title.
        record.fields[record.last_field] += " " + line
    elif not record.digest and "Title" not in record.fields:
        record.fields["Title"] = line  # a page copied from today's arxiv.org: "Title:" is hidden by its stylesheet
        record.last_field = "Title"
    elif not record.digest and record.last_field == "Title" and "Authors" not in record.fields:
        record.fields["Authors"] = line  # a page copied from today's arxiv.org: the names follow the title unlabelled
        record.last_field = None
    elif "Title" in record.fields:
        record.abstract.append(line)
        record.last_field = None


def _date(value: str) -> str | None:
    """The digest's ``Date: Mon, 4 Nov 2024 12:00:00 GMT   (1234kb)`` as the day written."""
    return written_day(re.sub(r"\s*\(.*\)\s*$", "", value))

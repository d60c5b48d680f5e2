"""Readers for scraped "Daily Papers" listing pages (compact and blank-line-spaced layouts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.ingest import table
from sitegen.ingest.fields import MONTHS, iso_date
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

# Header and separator lines of the listing page; never titles.
_NOISE = {
    "new",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "·",
    "•",
}
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'(\[])")
_AUTHORS = re.compile(r"^[•·*-]?\s*(\d+)\s+authors?$", re.IGNORECASE)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATE = re.compile(rf"^({_MONTHS})[a-z]*\.? (\d{{1,2}}), (\d{{4}})(?:\s+(\d+))?$")
_BARE_DATE = re.compile(rf"^({_MONTHS})[a-z]*\.? \d{{1,2}}$")
_MIN_ABSTRACT_CHARS = 80
_LONG_ABSTRACT_CHARS = 300


def is_noise(line: str) -> bool:
    """A header or separator line of the listing page."""
    text = line.strip()
    return text.lower() in _NOISE or bool(_BARE_DATE.match(text))


def looks_like_abstract(text: str) -> bool:
    """Running prose: long, or a dozen-plus words ending in a full stop (titles rarely do)."""
    if len(text) >= _LONG_ABSTRACT_CHARS:
        return True
    return len(text) >= _MIN_ABSTRACT_CHARS and text.endswith(".") and len(text.split()) >= 12


def parse_date(text: str) -> tuple[str | None, int | None] | None:
    """``May 28, 2024`` -> ``("2024-05-28", None)``; ``Jun 5, 2023 18`` -> 18 upvotes. A line of that shape is the
    date line even when its day does not exist: ``Feb 30, 2024 18`` keeps ``2024-02`` and its upvotes, as far as it
    is a real date like every date sitegen reads, rather than becoming a title with no abstract."""
    m = _DATE.match(text)
    if not m:
        return None
    month, day, year, votes = m.groups()
    return iso_date(f"{year}-{MONTHS[month[:3].lower()]:02d}-{int(day):02d}"), int(votes) if votes else None


@dataclass(slots=True)
class _Pending:
    """A record being assembled while walking the lines."""

    line: int
    title: str | None
    abstract: str | None = None
    meta: dict[str, object] = field(default_factory=dict)


_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


def detect_listing(text: TextFile) -> bool:
    """Claims files that read as a listing: papers with a title line and at least one abstract that is running
    prose, with few lines left over (titles with no abstract, abstracts with no title)."""
    if table.without_abstract_column(text) is not None:  # a spreadsheet's long rows are no abstracts
        return False
    content = _content_lines(text)
    papers, problems = _walk(text.path, content)
    if not any(paper.title for paper in papers) or not any(looks_like_abstract(p.abstract) for p in papers):
        return False
    headings = sum(1 for p in papers if p.title and _MARKDOWN_HEADING.match(p.title))
    if headings * 2 >= len(papers):  # Markdown notes ("# Title", "## Abstract", "## Notes"), never a listing's titles
        return False
    lines = sum(1 for _, line in content if not _AUTHORS.match(line) and not _DATE.match(line))
    return len(problems) <= max(2, lines // 5)


def detect_compact(text: TextFile) -> bool:
    """Listing with no blank lines between items (seeds 001, 002)."""
    blank = sum(1 for ln in text.lines if not ln.strip())
    return blank <= len(text.lines) // 10 and detect_listing(text)


def detect_spaced(text: TextFile) -> bool:
    """Listing with blank lines between items and optional author/date lines (seeds 003, 004)."""
    blank = sum(1 for ln in text.lines if not ln.strip())
    return blank > len(text.lines) // 10 and detect_listing(text)


def read_listing(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """Walk the lines: title, abstract, then optional authors / date lines."""
    return _walk(text.path, _content_lines(text))


def _walk(path: str, content: list[tuple[int, str]]) -> tuple[list[Paper], list[Problem]]:
    """Pair each title line with the abstract after it; authors and date lines go to the paper before them."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    pending: _Pending | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            _finish(path, pending, papers, problems)
        pending = None

    for index, (number, line) in enumerate(content):
        if pending is not None and _read_meta(line, pending):
            continue
        following = content[index + 1][1] if index + 1 < len(content) else None
        if looks_like_abstract(line) or (
            pending is not None and pending.abstract is None and _short_abstract(line, following)
        ):
            if pending is None or pending.abstract is not None:
                flush()
                pending = _Pending(number, None)
                problems.append(Problem(path, number, "abstract with no title line; title will be synthesized"))
            pending.abstract = line
        else:
            flush()
            pending = _Pending(number, line)
    flush()
    return papers, problems


def _content_lines(text: TextFile) -> list[tuple[int, str]]:
    """The numbered lines left once blank and noise lines are dropped (authors and date lines stay)."""
    lines = ((number, normalize_space(_GLUED_SUBSCRIBE.sub("", raw))) for number, raw in enumerate(text.lines, 1))
    return [(number, line) for number, line in lines if line and not is_noise(line)]


def _short_abstract(line: str, following: str | None) -> bool:
    """Whether a line too short to read as prose by itself, coming right after a title, is that title's abstract.

    Titles and abstracts alternate, so it is, unless the next line is a long abstract (then this line is the next
    paper's title and the title before had no abstract). When the paper's authors or date line or the end of the
    file follows, it is the abstract; when another short line follows, it is the abstract if it ends in a full stop
    as sentences do and titles do not."""
    if following is None or _AUTHORS.match(following) or parse_date(following):
        return True
    if looks_like_abstract(following):
        return False
    return line.endswith(".")


def _read_meta(line: str, pending: _Pending) -> bool:
    authors = _AUTHORS.match(line)
    if authors:
        pending.meta["authors_count"] = int(authors.group(1))
        return True
    date = parse_date(line)
    if date:
        pending.meta["date"], pending.meta["upvotes"] = date
        return True
    return False


def _finish(path: str, pending: _Pending, papers: list[Paper], problems: list[Problem]) -> None:
    if pending.abstract is None:
        problems.append(
            Problem(path, pending.line, f"title with no abstract, skipped: {pending.title!r:.80}", skipped=True)
        )
        return
    papers.append(
        Paper(
            id="",
            title=pending.title,
            abstract=pending.abstract,
            sources=(Source(path, pending.line),),
            authors_count=pending.meta.get("authors_count"),  # type: ignore[arg-type]
            date=pending.meta.get("date"),  # type: ignore[arg-type]
            upvotes=pending.meta.get("upvotes"),  # type: ignore[arg-type]
        )
    )

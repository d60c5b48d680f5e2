"""Readers for scraped "Daily Papers" listing pages (compact and blank-line-spaced layouts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


def detect_listing(text: TextFile) -> bool:
    """Claims files that mostly alternate a short title line and a long abstract line."""
    content = [ln.strip() for ln in text.lines if ln.strip() and not is_noise(ln)]
    content = [ln for ln in content if not _AUTHORS.match(ln) and not _DATE.match(ln)]
    if len(content) < 2:
        return False
    longs = sum(1 for ln in content if looks_like_abstract(ln))
    shorts = len(content) - longs
    return longs >= 1 and shorts >= 1 and abs(longs - shorts) <= max(2, len(content) // 5)


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
    papers: list[Paper] = []
    problems: list[Problem] = []
    pending: _Pending | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            _finish(text.path, pending, papers, problems)
        pending = None

    for number, raw in enumerate(text.lines, start=1):
        line = normalize_space(_GLUED_SUBSCRIBE.sub("", raw))
        if not line or is_noise(line):
            continue
        if pending is not None and _read_meta(line, pending):
            continue
        if looks_like_abstract(line):
            if pending is None or pending.abstract is not None:
                flush()
                pending = _Pending(number, None)
                problems.append(Problem(text.path, number, "abstract with no title line; title will be synthesized"))
            pending.abstract = line
        else:
            flush()
            pending = _Pending(number, line)
    flush()
    return papers, problems


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

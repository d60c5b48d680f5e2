"""Reader for reading notes kept in Markdown (Obsidian, Logseq, Zotero's note templates, plain ``.md`` files): a paper
per ``# Title`` heading with an ``## Abstract`` section (any heading level, a ``**Abstract**`` line, or an Obsidian
``> [!abstract]`` callout),
or a note whose YAML front matter holds the paper's ``title`` and ``abstract``.

Only the abstract is read of a note's text: the other sections ("Notes", "Summary", "Questions") are the reader's own
and never reach the site. The front matter may give ``authors`` (a list or one text), ``year`` / ``date``, ``doi``
and ``url``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sitegen.ingest.fields import DATE_NOT_READ, loose_date, split_names, web_links
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ABSTRACT_HEADING = re.compile(r"(?:\*\*|__)?abstract(?:\*\*|__)?\s*:?", re.IGNORECASE)
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)abstract(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)\s*:?)\s*(.*)$", re.IGNORECASE)
"""A bold label standing for the heading: ``**Abstract**``, ``**Abstract:** text``."""
_OTHER_LABEL = re.compile(r"^(?:\*\*|__)([^*_:]{1,40}?)\s*:?\s*(?:\*\*|__)")
"""A bold label at a line's start: after an abstract, another field ("**Notes:**", "**My thoughts**") ends it."""
_STRUCTURED = re.compile(
    r"background|objectives?|aims?|purpose|methods?|results?|conclusions?|findings|interpretation|design|setting"
    r"|participants|interventions?|main outcome measures?|introduction|motivation|significance|context|importance"
    r"|exposures?|limitations|trial registration|funding|materials and methods|methodology|discussion",
    re.IGNORECASE,
)
"""The sections of a structured abstract, which go on with it ("**Background:** ..., **Methods:** ...")."""
_CALLOUT = re.compile(r"^>\s*\[!abstract\][-+]?(.*)$", re.IGNORECASE)
"""Obsidian's callout: ``> [!abstract] Abstract`` then ``> text`` lines."""
_FRONT_MATTER = re.compile(r"^---\s*$")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
"""A Markdown link ``[text](url)`` or a wiki link ``[[page|text]]``: its text."""


@dataclass
class _Note:
    line: int
    title: str = ""
    abstract: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def detect(text: TextFile) -> bool:
    """Claims Markdown with an abstract section (a heading "Abstract" or an ``[!abstract]`` callout) under a ``#``
    title or a front matter ``title``, or front matter holding both ``title`` and ``abstract``."""
    meta, start = _front_matter(text.lines)
    if meta.get("title") and meta.get("abstract"):
        return True
    lines = text.lines[start:2000]
    sections = any(_abstract_start(line) for line in lines)
    return sections and (bool(meta.get("title")) or any(line.startswith("# ") for line in lines))


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per note with an abstract; a title whose abstract never came is reported."""
    meta, start = _front_matter(text.lines)
    notes = _notes(text.lines, start, meta)
    papers: list[Paper] = []
    problems: list[Problem] = []
    for note in notes:
        abstract = normalize_space(" ".join(note.abstract)) or _text(note.meta.get("abstract"))
        title = _plain(note.title) or _text(note.meta.get("title"))
        if not abstract:
            if title:
                message = f"note without an abstract (a heading 'Abstract' and its text), skipped: {title[:80]!r}"
                problems.append(Problem(text.path, note.line, message, skipped=True))
            continue
        written = _text(note.meta.get("date") or note.meta.get("year") or note.meta.get("published"))
        date = loose_date(written) if written else None
        if written and date is None:
            problems.append(Problem(text.path, note.line, DATE_NOT_READ.format(written[:40])))
        names = _authors(note.meta.get("authors") or note.meta.get("author"))
        urls = [_text(note.meta.get(key)) for key in ("url", "link", "pdf")]
        papers.append(
            Paper(
                id="",
                title=title or None,
                abstract=_plain(abstract),
                sources=(Source(text.path, note.line),),
                authors_count=len(names) or None,
                authors=tuple(names),
                date=date,
                links=tuple(web_links([u for u in urls if u], _text(note.meta.get("doi")))),
            )
        )
    return papers, problems


def _notes(lines: tuple[str, ...], start: int, meta: dict[str, Any]) -> list[_Note]:
    """The notes of a file: one per ``#`` heading (the first one takes the front matter, as its properties); a file
    without one is one note, its title from the front matter."""
    notes: list[_Note] = []
    current = _Note(line=1, meta=meta)
    reading: int | None = None  # the level of the abstract heading being read; 0: a callout
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 1:  # a new paper
            if current.title or current.abstract:
                notes.append(current)
            current = _Note(line=number, title=heading.group(2), meta=meta if not notes else {})
            reading = None
            continue
        if heading:
            level, name = len(heading.group(1)), heading.group(2)
            if _ABSTRACT_HEADING.fullmatch(name.strip()):
                reading = level
            elif reading is not None and (reading == 0 or level <= reading):
                reading = None
            continue
        if label := _BOLD_LABEL.match(line.strip()):
            reading = 7  # ends at any heading
            if label.group(1).strip():
                current.abstract.append(label.group(1).strip())
            continue
        if callout := _CALLOUT.match(line):
            reading = 0
            first = callout.group(1).strip()
            if first and not _ABSTRACT_HEADING.fullmatch(first):
                current.abstract.append(first)
            continue
        other = _OTHER_LABEL.match(line.strip()) if reading is not None else None
        if other and not _STRUCTURED.fullmatch(other.group(1).strip()):
            reading = None  # "**Notes:** mine": the reader's own, never the abstract's
            continue
        if reading == 0:
            if not line.startswith(">"):
                reading = None
                continue
            line = line[1:].strip()
        if reading is not None and line.strip():
            current.abstract.append(line.strip())
    if current.title or current.abstract or current.meta:
        notes.append(current)
    return notes


def _abstract_start(line: str) -> bool:
    heading = _HEADING.match(line)
    if heading:
        return bool(_ABSTRACT_HEADING.fullmatch(heading.group(2).strip()))
    return bool(_CALLOUT.match(line) or _BOLD_LABEL.match(line.strip()))


def _front_matter(lines: tuple[str, ...]) -> tuple[dict[str, Any], int]:
    """The YAML front matter's mapping (keys lower-cased) and the index of the line after it; nothing when there is
    none or it is not a mapping."""
    if not lines or not _FRONT_MATTER.match(lines[0]):
        return {}, 0
    end = next((k for k in range(1, min(len(lines), 200)) if _FRONT_MATTER.match(lines[k])), None)
    if end is None:
        return {}, 0
    try:
        loaded = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return {}, end + 1
    if not isinstance(loaded, dict):
        return {}, end + 1
    return {str(key).lower(): value for key, value in loaded.items()}, end + 1


def _text(value: object) -> str:
    if isinstance(value, list):
        value = next((v for v in value if v), "")
    return normalize_space(str(value)) if value not in (None, "") else ""


def _plain(text: str) -> str:
    """Markdown emphasis, code marks and links as their text."""
    return normalize_space(_MARKUP.sub("", _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)))


def _authors(value: object) -> list[str]:
    """A list of names, or one text of names parted by ``;`` or " and " or commas."""
    if isinstance(value, list):
        return [_plain(_LINK.sub(lambda m: m.group(1) or m.group(2) or "", str(v))) for v in value if str(v).strip()]
    text = _text(value)
    if not text:
        return []
    if ";" in text:
        return [normalize_space(name) for name in text.split(";") if name.strip()]
    return split_names(_plain(text))

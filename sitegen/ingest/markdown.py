"""Reader for reading notes kept in Markdown (Obsidian, Zotero's note templates, plain ``.md`` files): a paper per
``# Title`` heading with an abstract (a heading "Abstract" of any level, a ``**Abstract**`` line, or an Obsidian
``> [!abstract]`` callout), or one paper per note whose YAML front matter holds its ``title`` (its abstract in the
front matter or in such a section of the body).

Only the abstract is read of a note's text: everything else is the reader's own and never reaches the site. So an
abstract ends at any heading (but a structured abstract's "Methods" or "Results"), a rule, another bold label
("**Notes:**"), and, after a bold ``**Abstract**`` line, at the end of its paragraph; list items, tables, nested
callouts, footnotes, comments (``<!-- -->``, ``%% %%``), embeds, tags and code blocks are never part of it. The front
matter may give ``authors`` (a list, CSL's ``family`` / ``given``, wiki links, or one text), ``year`` / ``date``,
``doi`` and ``url``; a note whose front matter names a title is one paper, its ``#`` headings its own sections.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sitegen.ingest.fields import date_not_read, front_matter_end, line_joined, loose_date, web_links
from sitegen.ingest.labelled import written_authors
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import MATH, normalize_space

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ABSTRACT_WORDS = r"abstract|r[ée]sum[ée]|zusammenfassung|resumen|resumo|riassunto|samenvatting"
_ABSTRACT_HEADING = re.compile(rf"(?:\*\*|__)?(?:{_ABSTRACT_WORDS})(?:\*\*|__)?\s*:?", re.IGNORECASE)
_BOLD_LABEL = re.compile(
    rf"^(?:[-*+]\s+)?(?:(?:\*\*|__)(?:{_ABSTRACT_WORDS})(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)\s*:?)|(?:{_ABSTRACT_WORDS})\s*:)"
    r"\s*(.*)$",
    re.IGNORECASE,
)
"""A label standing for the heading: ``**Abstract**``, ``**Abstract:** text``, ``Abstract: text`` (a colon when not
bold: "Abstract algebra ..." is text)."""
_OTHER_LABEL = re.compile(r"^(?:\*\*|__)([^*_:]{1,40}?)\s*:?\s*(?:\*\*|__)")
"""A bold label at a line's start: after an abstract, another field ("**Notes:**", "**My thoughts**") ends it."""
_FIELD_LINE = re.compile(
    r"^(?:[-*+]\s+)?(?:\*\*|__)?(authors?|year|date|published|doi|url|link)(?:\*\*|__)?\s*::?\s*(?:\*\*|__)?\s*(\S.*)$",
    re.IGNORECASE,
)
"""A field of the paper written in the note ("**Authors:** ...", Notion's "Year: 2017", a bulleted "- **DOI:** ...")."""
_PLAIN_LABEL = re.compile(r"^([A-Z][\w ]{0,30}?)\s*::?\s")
"""A label at a paragraph's start without bold ("Rating: 5", Dataview's "Status:: read")."""
_STRUCTURED = re.compile(
    r"background|objectives?|aims?|purpose|methods?|results?|conclusions?|findings|interpretation|design|setting"
    r"|participants|interventions?|main outcome measures?|introduction|motivation|significance|context|importance"
    r"|exposures?|limitations|trial registration|funding|materials and methods|methodology|discussion",
    re.IGNORECASE,
)
"""The sections of a structured abstract, which go on with it ("**Background:** ..., **Methods:** ...")."""
_CALLOUT = re.compile(rf"^>\s*\[!(?:{_ABSTRACT_WORDS})\][-+]?(.*)$", re.IGNORECASE)
"""Obsidian's callout: ``> [!abstract] Abstract`` then ``> text`` lines."""
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_LEFT_OUT_LINE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||\[\^[^\]]+\]:|>\s*>|!\[)")
"""Lines never part of an abstract: list items, table rows, footnotes, nested callouts, images and embeds."""
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_INLINE_LEFT_OUT = re.compile(
    r"<!--.*?-->|%%.*?%%|!\[\[[^\]]*\]\]|!\[[^\]]*\]\([^)]*\)|\[\^[^\]]+\]|(?<!\S)#[^\W\d][\w/-]*|\s\^[\w-]+$"
)
"""Comments, embeds, images, footnote marks, tags (``#to-read``) and block ids (``^block1``) inside a line."""
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_PROTECTED = re.compile(rf"{MATH.pattern}|`[^`\n]+`")
"""Math and code spans, where ``*`` and ``_`` are no emphasis."""
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
"""A Markdown link ``[text](url)`` or a wiki link ``[[page|text]]``: its text."""
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|<%.*?%>")
"""A template's placeholders (Obsidian's ``{{title}}``, Templater's ``<% tp.file.title %>``)."""


@dataclass
class _Note:
    line: int
    title: str = ""
    abstract: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    """The paper's fields written in the note's text (the front matter's go first)."""


def detect(text: TextFile) -> bool:
    """Claims Markdown with an abstract (a heading "Abstract", a ``**Abstract**`` line or an ``[!abstract]`` callout)
    under a ``#`` title or a front matter ``title``, or front matter holding both ``title`` and ``abstract``."""
    meta, start, _ = _front_matter(text.lines)
    if meta.get("title") and meta.get("abstract"):
        return True
    lines = _body(text.lines, start)[:2000]
    sections = any(_abstract_start(line) for line in lines)
    return sections and (bool(meta.get("title")) or any(line.startswith("# ") for line in lines))


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per note with an abstract; a title whose abstract never came, a front matter that is no YAML fields
    and a template (placeholders for its fields) are reported."""
    meta, start, error = _front_matter(text.lines)
    problems = [Problem(text.path, 1, f"front matter {error}")] if error else []
    papers: list[Paper] = []
    for note in _notes(_body(text.lines, start), start, meta):
        note.meta = {**note.fields, **note.meta}
        abstract = note_text(note.abstract) or _text(note.meta.get("abstract"), joined=True)
        title = _text(note.meta.get("title")) or _plain(note.title)
        if _PLACEHOLDER.search(title) or _PLACEHOLDER.search(abstract):
            problems.append(Problem(text.path, note.line, "a note template (its fields are placeholders), skipped"))
            continue
        if not abstract:
            if title:
                message = f"note without an abstract (a heading 'Abstract' and its text), skipped: {title[:80]!r}"
                problems.append(Problem(text.path, note.line, message, skipped=True))
            continue
        when = note.meta.get("date") or note.meta.get("year") or note.meta.get("published")
        written = _text(when) or (str(when) if when else "")  # "{'year': 2017}" is reported, not dropped
        date = loose_date(written) if written else None
        if written and date is None:
            problems.append(Problem(text.path, note.line, date_not_read(written)))
        names = _authors(note.meta.get("authors") or note.meta.get("author"))
        urls = [u for key in ("url", "link", "pdf") for u in _texts(note.meta.get(key))]
        papers.append(
            Paper(
                id="",
                title=title or None,
                abstract=abstract,
                sources=(Source(text.path, note.line),),
                authors_count=len(names) or None,
                authors=tuple(names),
                date=date,
                links=tuple(web_links(urls, _text(note.meta.get("doi")))),
            )
        )
    return papers, problems


def _body(lines: tuple[str, ...], start: int) -> list[str]:
    """The lines after the front matter, with what no reader of a page sees blanked (line numbers kept): code blocks
    (a ``# comment`` in one is no title), comments (``<!-- -->``, Obsidian's ``%% %%``, also over several lines)."""
    body: list[str] = []
    fenced = False
    comment = ""
    for raw in lines[start:]:
        if _FENCE.match(raw):
            fenced = not fenced
            body.append("")
            continue
        if fenced:
            body.append("")
            continue
        line = raw
        if comment:
            end = line.find(comment)
            if end < 0:
                body.append("")
                continue
            line, comment = line[end + len(comment) :], ""
        if _FOOTNOTE.match(line):  # "[^1]: my note": a footnote, never the abstract's
            body.append("")
            continue
        line = _INLINE_LEFT_OUT.sub(" ", line.rstrip())
        for opening, closing in (("<!--", "-->"), ("%%", "%%")):
            if opening in line:  # opened and not closed on this line
                line, comment = line[: line.index(opening)], closing
        body.append(line)
    return body


def _paper_level(body: list[str]) -> int:
    """The level of the headings that title papers: the highest of those right above an abstract ("# Title" over
    "## Abstract"; in a list, "# Papers to read" over "## Title" over "### Abstract", the second)."""
    levels = []
    above = 1
    for line in body:
        heading = _HEADING.match(line)
        if heading and not _ABSTRACT_HEADING.fullmatch(heading.group(2).strip()):
            above = len(heading.group(1))
        elif _abstract_start(line):
            levels.append(above)
    return min(levels, default=1)


def _notes(body: list[str], start: int, meta: dict[str, Any]) -> list[_Note]:
    """The notes of a file: one per heading of the papers' level (:func:`_paper_level`); a note whose front matter
    names its title is one paper, its headings are its own sections (a template's "# Annotations" is no paper's
    title)."""
    one = bool(meta.get("title"))
    level = _paper_level(body)
    notes: list[_Note] = []
    current = _Note(line=1, meta=meta)
    reading: str | None = None  # "heading", "bold" (one paragraph), "callout"; None: not in the abstract
    blank = False
    for number, line in enumerate(body, start=start + 1):
        stripped = line.strip()
        heading = _HEADING.match(line)
        if not stripped:
            blank = True
            if reading == "callout":
                reading = None
            continue
        after_blank, blank = blank, False
        if heading and len(heading.group(1)) < level and not one:  # a list's heading above the papers
            reading = None
            continue
        if heading and len(heading.group(1)) == level and not one:  # a new paper
            if current.title or current.abstract:
                notes.append(current)
            current = _Note(line=number, title=heading.group(2), meta=meta if not notes else {})
            reading = None
            continue
        if heading:
            name = heading.group(2).strip()
            if _ABSTRACT_HEADING.fullmatch(name):
                reading = "heading" if not current.abstract else None  # a second "Abstract" heading: notes on it
            elif reading and _STRUCTURED.fullmatch(name.strip("*_: ")):
                current.abstract.append(f"{name.strip('*_: ')}:")
            else:
                reading = None
            continue
        if _RULE.match(line):
            reading = None
            continue
        if label := _BOLD_LABEL.match(stripped):
            reading = "bold" if not current.abstract else None
            if reading and label.group(1).strip():
                current.abstract.append(label.group(1).strip())
            continue
        if callout := _CALLOUT.match(stripped):
            reading = "callout" if not current.abstract else None
            first = callout.group(1).strip()
            if reading and first and not _ABSTRACT_HEADING.fullmatch(first):
                current.abstract.append(first)
            continue
        if written := _FIELD_LINE.match(stripped):
            reading = None
            key = written.group(1).lower()
            current.fields.setdefault("authors" if key == "author" else key, written.group(2).strip())
            continue
        if reading is None:
            continue
        other = _OTHER_LABEL.match(stripped)
        structured = bool(other and _STRUCTURED.fullmatch(other.group(1).strip()))
        if other and not structured:
            reading = None  # "**Notes:** mine": the reader's own, never the abstract's
            continue
        plain = _PLAIN_LABEL.match(stripped) if after_blank and not structured else None
        if plain and not _STRUCTURED.fullmatch(plain.group(1).strip()):
            reading = None  # "Rating: 5", "My take: ..." after the abstract
            continue
        if reading == "bold" and after_blank and current.abstract and not structured:
            reading = None  # a bold label's abstract is its paragraph (a structured abstract's sections go on)
            continue
        if reading == "callout":
            if not stripped.startswith(">"):
                reading = None
                continue
            stripped = stripped[1:].strip()
            if stripped.startswith("[!"):  # the next callout ("> [!tip] My thoughts"): the reader's own
                reading = None
                continue
            if stripped.startswith(">"):  # a callout nested in it: the reader's own
                continue
        if _LEFT_OUT_LINE.match(stripped) or not stripped:
            continue
        if after_blank and current.abstract:
            current.abstract.append("")  # a paragraph's end
        current.abstract.append(stripped)
    if current.title or current.abstract or current.meta:
        notes.append(current)
    return notes


def note_text(lines: list[str]) -> str:
    """An abstract's lines as one text: a wrapped line joined as a PDF's copy needs (``fields.line_joined``),
    paragraphs (parted by ``""``) by a space; Markdown emphasis and links as their text."""
    text = ""
    for line in lines:
        text = f"{text} " if line == "" else line_joined(text, line)
    return _plain(text)


def _abstract_start(line: str) -> bool:
    heading = _HEADING.match(line)
    if heading:
        return bool(_ABSTRACT_HEADING.fullmatch(heading.group(2).strip()))
    return bool(_CALLOUT.match(line.strip()) or _BOLD_LABEL.match(line.strip()))


def _front_matter(lines: tuple[str, ...]) -> tuple[dict[str, Any], int, str]:
    """The YAML front matter's mapping (keys lower-cased), the index of the line after it (``front_matter_end``, as
    the ``labelled`` reader passes it over), and what is wrong with it ("" when nothing is, or there is none)."""
    end = front_matter_end(lines)
    if not end:
        return {}, 0, ""
    try:
        loaded = yaml.safe_load("\n".join(lines[1 : end - 1]))
    except Exception as exc:  # a YAML error, or a value YAML cannot build: "date: 2021-02-29"
        why = normalize_space(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return {}, end, f"is not valid YAML, its fields left out ({why})"
    if loaded is not None and not isinstance(loaded, dict):  # "---" as a rule above text: "Text." is YAML's text
        return {}, end, "holds no fields (lines 'name: value'), its lines left out"
    return {str(key).lower(): value for key, value in (loaded or {}).items()}, end, ""


def _texts(value: object) -> list[str]:
    """A front matter value as texts: a list's texts, one text, or nothing (a mapping, null). A date YAML reads
    (``date: 2017-06-12`` unquoted, as Obsidian's and Zotero's templates write it) is its day, ``2017-06-12``, a time
    with it (``2017-06-12 10:00:00+02:00``) left out, as the other readers give a date."""
    values = value if isinstance(value, list) else [value]
    days = [v.date() if isinstance(v, datetime.datetime) else v for v in values]
    texts = [v.isoformat() if isinstance(v, datetime.date) else v for v in days]
    return [normalize_space(str(v)) for v in texts if isinstance(v, str | int | float) and str(v).strip()]


def _text(value: object, joined: bool = False) -> str:
    """A front matter value as one text: a list's first (or, ``joined``, all its texts)."""
    texts = _texts(value)
    return (" ".join(texts) if joined else texts[0]) if texts else ""


def _plain(text: str) -> str:
    """Markdown emphasis, code marks and links as their text; math (``$...$``) and code as they are."""
    parts, last = [], 0
    for protected in _PROTECTED.finditer(text):
        parts.append(_unmarked(text[last : protected.start()]))
        span = protected.group(0)
        parts.append(span[1:-1] if span.startswith("`") else span)
        last = protected.end()
    parts.append(_unmarked(text[last:]))
    return normalize_space("".join(parts))


def _unmarked(text: str) -> str:
    return _MARKUP.sub("", _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text))


def _authors(value: object) -> list[str]:
    """A list of names (texts, wiki links, or CSL's ``family`` / ``given``), or one text of names: wiki links, or
    names as notes kept by hand write them (``labelled.written_authors``: parted by ``;`` or commas, or one
    "Lovelace, Ada")."""
    if isinstance(value, list):
        names = [_csl_name(v) if isinstance(v, dict) else _plain(str(v)) for v in value]
        return [name for name in names if name]
    text = _text(value)
    links = [m.group(1) or m.group(2) for m in _LINK.finditer(text)]
    if links:
        return [normalize_space(name) for name in links if name.strip()]
    return written_authors(_plain(text))[0] if text else []


def _csl_name(value: dict[str, Any]) -> str:
    """CSL's name: ``{family: He, given: Kaiming}`` (written "He, Kaiming", shown given name first) or ``literal``."""
    family, given = _text(value.get("family")), _text(value.get("given"))
    return f"{family}, {given}" if family and given else family or _text(value.get("literal") or value.get("name"))

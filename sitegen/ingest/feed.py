"""Reader for news feeds of papers: arXiv's daily RSS (``rss.arxiv.org/rss/cs.LG``), arXiv API results (Atom) and
the RSS or Atom feeds of journals and preprint servers.

Each ``<item>`` or ``<entry>`` is cut out here, so that it keeps the line it starts on and a malformed one costs
only itself; feedparser reads it, wrapped in the feed's own root element (for its namespaces). The abstract is the
entry's summary (or content) as text; arXiv's ``arXiv:2411.01234v1 Announce Type: new Abstract:`` lead-in and the
citation paragraphs of journal feeds are dropped. The title, the day it was published (else updated) as the feed
wrote it, the entry's link and its DOI come along, and the author count where it can be told: one ``<author>`` per
author (Atom), or ``dc:creator`` as arXiv writes it (``First Last, First Last``) or bioRxiv does (``Last, F.``).
"""

from __future__ import annotations

import io
import re
import textwrap
import xml.sax
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import feedparser

from sitegen.ingest.fields import (
    BLOCK_TAG,
    XML_PROLOGUE,
    NoAbstract,
    counted_names,
    html_text,
    opens_xml,
    papers_from_records,
    web_links,
    written_day,
)
from sitegen.ingest.kinds import venue_text
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source

_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b[^>]*>", re.IGNORECASE)
_PROLOGUE = re.compile(XML_PROLOGUE + r"<(rss|feed|rdf:RDF)\b", re.S)
_START = re.compile(r"<(item|entry)(?=[\s>])", re.IGNORECASE)
_ARXIV_LEAD = re.compile(r"^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*", re.IGNORECASE)
_CITATION = re.compile(
    r"(?:publication date|source|author\(s\)|authors?|journal|volume|issue|pages?|doi|pmid|received|accepted|published)"
    r"\s*:"
    r"|[^.:;]{1,120},\s*published online:"  # Nature: "Nature Physics, Published online: 20 November 2026; doi:..."
    r"|(?:doi:\s*|https?://(?:dx\.)?doi\.org/)\S+$",
    re.IGNORECASE,
)
"""A paragraph of a journal feed's entry that cites the paper (ScienceDirect: "Publication date: January 2027",
"Source: Neural Networks, Volume 185", "Author(s): ..."; PubMed: "PMID: 41000001 | DOI: 10.1111/...") rather than
saying what it found."""
_DOI_IN = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)]")
"""A DOI in running text, without the full stop after it."""
CITATION_WORDS = 30
"""A paragraph this short that holds a DOI is a citation ("Eur J Neurosci. 2026 Nov 20. doi: 10.1111/ejn.70001.")."""
_HEADING = re.compile(r"abstract\s*:?", re.IGNORECASE)
"""A paragraph that only says "ABSTRACT" (PubMed's feeds): a heading, not part of the text."""


_ZOTERO_RDF = re.compile(r"<rdf:RDF\b[^>]*zotero\.org/namespaces/export", re.S)


def detect(text: TextFile) -> bool:
    """Claims XML whose root element is a feed: ``<rss>``, ``<feed>`` (Atom) or ``<rdf:RDF>`` (RSS 1.0); not Zotero's
    RDF export, an ``<rdf:RDF>`` too, which holds no feed (it is said by name, see ``ingest._KNOWN_UNREAD``)."""
    return opens_xml(text.lines, _PROLOGUE) and not _ZOTERO_RDF.search("\n".join(text.lines[:50]))


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per entry with an abstract; entries feedparser cannot read or without an abstract are reported."""
    source = "\n".join(text.lines)
    prologue = _PROLOGUE.match(source)
    root = _ROOT.match(source, prologue.start(1) - 1) if prologue else None
    if root is None:  # the root element's start tag is cut short
        return [], [
            Problem(text.path, 1, "no feed element (<rss>, <feed>) in the file, skipped", skipped=True, whole_file=True)
        ]
    opening = root.group(0)
    name = root.group(1)
    wrap = (f"{opening}<channel>", "</channel></rss>") if name.lower() == "rss" else (opening, f"</{name}>")
    entries = [(line, wrap[0] + body + wrap[1]) for line, body in _entries(source)]
    if not entries:
        return [], [Problem(text.path, 1, "feed without entries, skipped", skipped=True, whole_file=True)]
    lenient: list[Problem] = []

    def paper(entry: Mapping[str, Any], source: Source) -> Paper | None:
        made = _paper(entry, source)
        if made is not None and entry.get(_LENIENT):
            message = f"feed record is not well-formed XML ({entry[_LENIENT]}); read as far as it goes, check it"
            lenient.append(Problem(text.path, source.line, message))
        return made

    papers, problems = papers_from_records(text.path, entries, _parse, paper, "feed")
    return papers, sorted([*problems, *lenient], key=lambda p: p.line)


_LENIENT = "_sitegen_not_well_formed"
"""Key of an entry read by feedparser's lenient parser: the XML error, said with the paper (its title or abstract may
be cut or lost: a mismatched tag around the title lost it without a word)."""


def _feedparse(xml: str) -> Any:
    """feedparser on an entry's text (already decoded; no XML declaration), given as UTF-8 bytes in a stream: a
    string could be taken for a URL or a file name."""
    return feedparser.parse(io.BytesIO(xml.encode("utf-8")), sanitize_html=True, resolve_relative_uris=False)


def _entries(source: str) -> Iterator[tuple[int, str]]:
    """(line it starts on, its XML) per ``<item>`` or ``<entry>``; an entry that is never closed runs to the next
    one or the end."""
    starts = list(_START.finditer(source))
    line, counted = 1, 0
    for k, found in enumerate(starts):
        end_tag = f"</{found.group(1)}>"
        limit = starts[k + 1].start() if k + 1 < len(starts) else len(source)
        close = source.find(end_tag, found.start(), limit)
        body = source[found.start() : close + len(end_tag)] if close >= 0 else source[found.start() : limit]
        line += source.count("\n", counted, found.start())
        counted = found.start()
        yield line, body


def _parse(record: str) -> Mapping[str, Any]:
    """The entry as feedparser reads it. Not well-formed XML is read as far as feedparser's lenient parser gets,
    but an entry that yields no abstract that way is reported as invalid, with the XML error, not as empty."""
    parsed = _feedparse(record)
    entry = dict(parsed.entries[0]) if parsed.entries else {}
    reason = re.sub(  # its position is in the wrapped entry
        r"^(?:<unknown>)?:?\d+:\d+:\s*", "", str(parsed.get("bozo_exception") or "no entry in it").split("\n")[0]
    )
    if not entry or (parsed.get("bozo") and not _summary(entry)):
        raise ValueError(reason)
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXParseException):
        entry[_LENIENT] = reason
    return entry


def _summary(entry: Mapping[str, Any]) -> str:
    return str(entry.get("summary") or next((c.get("value", "") for c in entry.get("content", [])), ""))


def _paper(entry: Mapping[str, Any], source: Source) -> Paper | None:
    abstract, citation = abstract_text(_summary(entry))
    if not abstract and citation:
        raise NoAbstract(f"only a citation: {textwrap.shorten(' '.join(citation), 80, placeholder=' ...')}")
    if not abstract:
        return None
    names, count = author_names(entry.get("authors") or [])
    if not names:
        names, count = author_names(_cited_authors(citation))
    return Paper(
        id="",
        title=html_text(entry.get("title", "")) or None,
        abstract=abstract,
        sources=(source,),
        authors_count=count,
        authors=tuple(names),
        date=entry_date(entry),
        links=tuple(web_links([entry.get("link", "")], _doi(entry, citation))),
        venue=venue_text(html_text(str(entry.get("prism_publicationname") or entry.get("arxiv_journal_ref") or ""))),
    )


def _doi(entry: Mapping[str, Any], citation: list[str]) -> str:
    """The entry's DOI: ``arxiv:doi``, ``prism:doi`` (journals), ``dc:identifier`` (bioRxiv's ``doi:10.1101/...``;
    an identifier that is no DOI makes no link, see ``web_links``), else the first DOI its citation names."""
    field = str(entry.get("arxiv_doi") or entry.get("prism_doi") or entry.get("dc_identifier") or "")
    cited = next((found.group(0) for part in citation if (found := _DOI_IN.search(part))), "")
    return field if "10." in field else cited


def abstract_text(markup: str) -> tuple[str, list[str]]:
    """The abstract in an entry's summary, and the citation taken out of it. Journal feeds often put a citation
    ("Nature, Published online: ...; doi:...", ScienceDirect's "Publication date: ...", PubMed's "Eur J Neurosci.
    2026 Nov 20. doi: ...") in paragraphs of their own, before a standfirst or abstract, after it or instead of one:
    those paragraphs are not the abstract, nor is a lone "ABSTRACT" heading."""
    parts = [part for part in map(html_text, BLOCK_TAG.split(markup or "")) if part and not _HEADING.fullmatch(part)]
    cites = [
        bool(_CITATION.match(part) or (len(part.split()) <= CITATION_WORDS and _DOI_IN.search(part))) for part in parts
    ]
    abstract = " ".join(part for part, cite in zip(parts, cites, strict=True) if not cite)
    return _ARXIV_LEAD.sub("", abstract), [part for part, cite in zip(parts, cites, strict=True) if cite]


def _cited_authors(citation: list[str]) -> list[dict[str, str]]:
    """The authors of ScienceDirect's ``Author(s): Ada Lovelace, Alan Turing`` paragraph, as one feed author."""
    names = [part.split(":", 1)[1] for part in citation if part.lower().startswith(("author(s):", "authors:"))]
    return [{"name": names[0]}] if names else []


def author_names(authors: Sequence[Mapping[str, Any]]) -> tuple[list[str], int | None]:
    """The names and their count. Atom lists each author; a single ``dc:creator`` is split as arXiv writes it ("Ada
    Lovelace, Alan Turing") or as bioRxiv and medRxiv do, surname then initials ("Lovelace, A., Turing, A. M."),
    and gives no names when it reads neither way ("Lovelace, Ada, Turing": a comma inside a name, or a list?); one
    that ends in "et al." names some of the authors, how many is unknown."""
    names = [html_text(str(a.get("name", ""))) for a in authors if str(a.get("name", "")).strip()]
    return counted_names(names[0]) if len(names) == 1 else (names, len(names) or None)


def entry_date(entry: Mapping[str, Any]) -> str | None:
    """The day the entry was published (else updated) as ``YYYY-MM-DD``: the day as the feed wrote it, in its own
    time zone (``Mon, 23 Nov 2026 22:30:00 -0800`` is the 23rd, though in UTC it is the 24th), else the UTC day of
    the time feedparser made of it."""
    for key in ("published", "updated"):
        written = written_day(str(entry.get(key) or ""))
        if written:
            return written
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    return None

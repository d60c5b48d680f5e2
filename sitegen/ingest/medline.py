"""Reader for PubMed's MEDLINE format (PubMed "Save" as "PubMed format", ``.nbib`` / ``.txt``: ``PMID- 123``).

Records are cut out at their ``PMID-`` lines here, so each keeps the line it starts on; Biopython's
``Bio.Medline`` parses a record's tags (indented continuation lines joined).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from Bio import Medline

from sitegen.ingest.fields import as_list, as_text, initials_name, papers_from_records, web_links, written_date
from sitegen.ingest.kinds import publication_type, venue_text
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_START = re.compile(r"^PMID- ?")
_DOI = re.compile(r"(?<!\S)(\S+?)\s*\[doi\]")
"""A DOI in ``LID`` or ``AID``: "10.1016/S0140-6736(20)30183-5 [doi]". Searched for, not matched whole: Bio.Medline
joins a record's ``LID`` lines into one string ("S0140-6736(20)30183-5 [pii] 10.1016/S0140-6736(20)30183-5
[doi]"), where the DOI was lost."""


def detect(text: TextFile) -> bool:
    """Claims files whose first non-blank line is a ``PMID-`` line."""
    first = next((ln for ln in text.lines if ln.strip()), "")
    return _START.match(first) is not None


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract (``AB``); other records are reported with their line."""
    records = ((start, "\n".join(lines) + "\n") for start, lines in _records(text.lines))
    return papers_from_records(text.path, records, _parse, _paper, "MEDLINE")


_TAG_LINE = re.compile(r"^([A-Z]{2,4})\s*- ?(.*)$")
_AUTHOR_LIST = "author list"
"""The key under which ``_parse`` keeps a record's ``FAU``, ``AU`` and ``CN`` lines in their order, as (tag, name):
``Bio.Medline`` files them under one list per tag, and takes a wrapped line for a name of its own."""


def _parse(record: str) -> Mapping[str, Any]:
    parsed = dict(Medline.read(io.StringIO(record)))  # type: ignore[no-untyped-call]
    authors: list[list[str]] = []
    wrapping = False
    for line in record.splitlines():
        if (tagged := _TAG_LINE.match(line)) is not None:
            wrapping = tagged[1] in ("FAU", "AU", "CN")
            if wrapping:
                authors.append([tagged[1], tagged[2]])
        elif wrapping and line[:1].isspace():
            authors[-1][1] += " " + line
    parsed[_AUTHOR_LIST] = [(tag, normalize_space(name)) for tag, name in authors]
    return parsed


def _authors(record: Mapping[str, Any]) -> list[str]:
    """The authors in the record's order: each person's ``FAU`` (else ``AU``, initials spaced), and each group
    author (``CN``: "WHO Solidarity Trial Consortium") where the list names it (QA, 2026-12-01: groups were
    dropped, and a record of a group alone showed no author)."""
    listed: list[tuple[str, str]] = [(tag, name) for tag, name in record.get(_AUTHOR_LIST, ()) if name]
    person = "FAU" if any(tag == "FAU" for tag, _ in listed) else "AU"
    return [initials_name(name) if tag == "AU" else name for tag, name in listed if tag in (person, "CN")]


def _records(lines: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) per record; blank lines between records are dropped."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if _START.match(line):
            if current:
                yield start, current
            current, start = [line], number
        elif current and line.strip():
            current.append(line)
    if current:
        yield start, current


def _paper(record: Mapping[str, Any], source: Source) -> Paper | None:
    abstract = normalize_space(as_text(record.get("AB")))
    if not abstract:
        return None
    authors = _authors(record)
    dois = [m.group(1) for v in [*as_list(record.get("LID")), *as_list(record.get("AID"))] for m in _DOI.finditer(v)]
    pmid = as_text(record.get("PMID")).strip()
    links = web_links([], dois[0] if dois else "")
    if pmid.isdigit():
        links.insert(0, f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    return Paper(
        id="",
        title=medline_title(normalize_space(as_text(record.get("TI")))) or None,
        abstract=abstract,
        sources=(source,),
        authors_count=len(authors) or None,
        authors=tuple(authors),
        date=medline_date(as_text(record.get("DP"))),
        links=tuple(links),
        venue=venue_text(as_text(record.get("JT"))) or venue_text(as_text(record.get("TA"))),  # name, else abbreviation
        publication_type=publication_type(as_list(record.get("PT"))),
    )


_ABBREVIATION_END = re.compile(
    r"(?:\b(?:al|etc|vs|spp?|nov|var|subsp|Inc|Ltd|Co|Jr|Sr)|\b[A-Za-z](?:\.[A-Za-z])+|\.)\.$"
)
"""A title ending this way keeps its final full stop: "et al.", "etc.", "vs.", "sp.", a new taxon's "sp. nov.",
"comb. nov.", "var.", "subsp.", "Inc.", "U.S.", "e.g.", "..."."""


def medline_title(title: str) -> str:
    """``TI`` without the full stop PubMed puts after every title ("... with AlphaFold." is "... with AlphaFold"); an
    ellipsis or an abbreviation (``_ABBREVIATION_END``) keeps it, as do titles ending in "?" or "!" (no stop added)."""
    if title.endswith(".") and not _ABBREVIATION_END.search(title):
        return title[:-1]
    return title


medline_date = written_date
"""``DP`` as an ISO date as precise as it is (``2024 May 28``, ``2024 May-Jun``, ``2023 Winter``)."""

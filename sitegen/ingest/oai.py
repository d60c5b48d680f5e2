"""Reader for OAI-PMH harvests (``ListRecords`` or ``GetRecord`` responses): arXiv's bulk metadata
(``export.arxiv.org/oai2``, metadata formats ``arXiv``, ``arXivRaw`` and ``oai_dc``) and the Dublin Core records
every other repository serves (PubMed Central, Zenodo, institutional repositories).

Each ``<record>`` is cut out here, so that it keeps the line it starts on and a malformed one costs only itself; it
is parsed wrapped in the response's own root element (for its namespaces). Elements are matched by local name, so a
repository's namespace prefixes do not matter. A record the repository marks deleted has no metadata: it is reported
and skipped like any record without an abstract.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

from sitegen.ingest.fields import (
    NoAbstract,
    iso_date,
    papers_from_records,
    split_names,
    web_links,
    written_day,
)
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_PROLOGUE = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?xml-stylesheet[^>]*\?>|<!DOCTYPE[^>]*>)\s*)*(<OAI-PMH\b[^>]*>)", re.S
)
_RECORD = re.compile(r"<(?:\w+:)?record(?=[\s>])")
_DC_COMMENT = re.compile(r"^(?:Comment|Journal-ref|Report-no|Subjects?):", re.IGNORECASE)
"""A ``dc:description`` arXiv adds after the abstract ("Comment: 12 pages, 3 figures")."""
_DOI = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/", re.IGNORECASE)
"""A Dublin Core ``identifier`` that is a DOI (``doi:10.1103/...``, ``https://doi.org/10.1103/...``)."""
HEAD = 4000
"""Characters at the start of a file in which the ``<OAI-PMH>`` root element must open."""


def detect(text: TextFile) -> bool:
    """Claims XML whose root element is ``<OAI-PMH>``."""
    return _PROLOGUE.match("\n".join(text.lines[:200])[:HEAD]) is not None


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; records that do not parse, deleted ones and those without an abstract
    are reported with their line."""
    source = "\n".join(text.lines)
    root = _PROLOGUE.match(source)
    if root is None:
        return [], [Problem(text.path, 1, "no <OAI-PMH> element in the file, skipped", skipped=True, whole_file=True)]
    opening = root.group(1)
    records = [(line, f"{opening}{body}</OAI-PMH>") for line, body in _records(source)]
    if not records:
        error = re.search(r"<(?:\w+:)?error\b[^>]*>([^<]*)", source)
        why = f"the repository answered: {normalize_space(error.group(1))}" if error else "no <record> in it"
        return [], [
            Problem(text.path, 1, f"OAI-PMH response without records ({why}), skipped", skipped=True, whole_file=True)
        ]
    return papers_from_records(text.path, records, _parse, _paper, "OAI-PMH")


def _records(source: str) -> Iterator[tuple[int, str]]:
    """(line it starts on, its XML) per ``<record>``; one that is never closed runs to the next one or the end."""
    starts = list(_RECORD.finditer(source))
    line, counted = 1, 0
    for k, found in enumerate(starts):
        end_tag = found.group(0).replace("<", "</", 1) + ">"
        limit = starts[k + 1].start() if k + 1 < len(starts) else len(source)
        close = source.find(end_tag, found.start(), limit)
        body = source[found.start() : close + len(end_tag)] if close >= 0 else source[found.start() : limit]
        line += source.count("\n", counted, found.start())
        counted = found.start()
        yield line, body


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(record: str) -> Mapping[str, Any]:
    """The record's fields by local element name: each name's texts in document order, and ``author_parts``, the
    authors as arXiv's format gives them (``keyname``, ``forenames``, ``suffix`` per ``author``)."""
    try:
        root = ET.fromstring(record)
    except ET.ParseError as exc:
        raise ValueError(re.sub(r":? line \d+, column \d+$", "", str(exc))) from None  # positions in the wrapped text
    fields: dict[str, Any] = {"author_parts": []}
    for element in root.iter():
        name = _local(element.tag)
        if name == "header":
            fields["deleted"] = element.get("status") == "deleted"
        elif name == "author" and len(element):
            parts = {_local(child.tag): normalize_space("".join(child.itertext())) for child in element}
            fields["author_parts"].append(parts)
        elif not len(element):
            fields.setdefault(name, []).append(normalize_space("".join(element.itertext())))
    return fields


def _paper(fields: Mapping[str, Any], source: Source) -> Paper | None:
    if fields.get("deleted"):
        raise NoAbstract("the repository marks it deleted")
    abstract = _first(fields, "abstract") or _dc_abstract(fields.get("description", []))
    if not abstract:
        return None
    names = _names(fields)
    identifier = _first(fields, "id")  # arXiv and arXivRaw: "2411.01234", "hep-th/9901001"
    urls = [f"https://arxiv.org/abs/{identifier}"] if identifier else []
    urls += [u for u in fields.get("identifier", []) if u.startswith(("http://", "https://"))]  # oai_dc
    doi = _first(fields, "doi") or next((u for u in fields.get("identifier", []) if _DOI.match(u)), "")
    return Paper(
        id="",
        title=_first(fields, "title") or None,
        abstract=abstract,
        sources=(source,),
        authors_count=len(names) or None,
        authors=tuple(names),
        date=_date(fields),
        links=tuple(web_links(urls, doi)),
    )


def _first(fields: Mapping[str, Any], name: str) -> str:
    return next((value for value in fields.get(name, []) if value), "")


def _dc_abstract(descriptions: list[str]) -> str:
    """Dublin Core's abstract: its descriptions but arXiv's "Comment: ..." and the like."""
    return " ".join(d for d in descriptions if d and not _DC_COMMENT.match(d))


def _names(fields: Mapping[str, Any]) -> list[str]:
    """arXiv's ``author`` elements ("Forenames Keyname"), else arXivRaw's one ``authors`` string, else Dublin
    Core's ``creator`` per author ("Lovelace, Ada")."""
    parts = fields["author_parts"]
    if parts:
        names = (" ".join(filter(None, (a.get("forenames"), a.get("keyname")))) for a in parts)
        return [f"{name} {a['suffix']}" if a.get("suffix") else name for name, a in zip(names, parts, strict=True)]
    if _first(fields, "authors"):
        return split_names(_first(fields, "authors"))
    return [name for name in fields.get("creator", []) if name]


def _date(fields: Mapping[str, Any]) -> str | None:
    """The first version's day: arXiv's ``created``, arXivRaw's first version ``date`` (an e-mail time), else Dublin
    Core's first ``date``."""
    for value in (*fields.get("created", []), *fields.get("date", [])):
        found = iso_date(value) or written_day(value)
        if found:
            return found
    return None

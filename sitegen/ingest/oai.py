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
    XML_PROLOGUE,
    NoAbstract,
    bare_doi,
    cut_short,
    html_text,
    iso_date,
    numbered_spans,
    opens_xml,
    papers_from_records,
    split_names,
    web_links,
    written_day,
    xml_element,
    xml_tags,
)
from sitegen.ingest.kinds import venue_text
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_PROLOGUE = re.compile(XML_PROLOGUE + r"(<((?:\w+:)?OAI-PMH)\b[^>]*>)", re.S)
_TAG = re.compile(r"<(/?)(?:[\w.-]+:)?(record|metadata)(?=[\s>/])")
_NOTE = re.compile(
    r"^(?:Comment|Journal-ref|Report-no|Subjects?|Thesis|Cataloged from|Includes bibliographical references"
    r"|This electronic version|Description based on)\b",
    re.IGNORECASE,
)
"""A ``dc:description`` that is a note, not the abstract: arXiv's "Comment: 12 pages", a library's catalogue notes
("Thesis: S.M., Massachusetts Institute of Technology", "Includes bibliographical references (pages 87-92).")."""
_HTML_MARKUP = re.compile(r"</?(?:p|br|div|span|strong|em|b|i|a|sup|sub|ul|ol|li|h\d)\b[^>]*>", re.IGNORECASE)
"""HTML in a text (Zenodo writes its descriptions as HTML): then its tags are dropped and entities read."""
_AFFILIATIONS = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")
"""arXivRaw's numbered affiliations: "A. Author (1), B. Author (1 and 2) ((1) MIT, (2) Stanford)"."""
_PROSE_CHARS = 80
"""A description this long is prose (an abstract), not a note."""


def detect(text: TextFile) -> bool:
    """Claims XML whose root element is ``<OAI-PMH>`` (with a namespace prefix or none)."""
    return opens_xml(text.lines, _PROLOGUE)


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract; records that do not parse, deleted ones and those without an abstract
    are reported with their line."""
    source = "\n".join(text.lines)
    root = _PROLOGUE.match(source)
    if root is None:
        return [], [Problem(text.path, 1, "no <OAI-PMH> element in the file, skipped", skipped=True, whole_file=True)]
    opening, name = root.group(1), root.group(2)
    records = [(line, f"{opening}{body}</{name}>") for line, body in _records(source)]
    if not records:
        why = f"the repository answered: {_error(source)}" if _error(source) else "no <record> in it"
        return [], [
            Problem(text.path, 1, f"OAI-PMH response without records ({why}), skipped", skipped=True, whole_file=True)
        ]
    return papers_from_records(text.path, records, _parse, _paper, "OAI-PMH")


def _error(source: str) -> str:
    """What an error response says: its code and its text (``noRecordsMatch: No records match``)."""
    found = re.search(r"<(?:\w+:)?error\b([^>]*?)(?:/>|>([^<]*))", source)
    if found is None:
        return ""
    code = re.search(r"\bcode\s*=\s*[\"']([^\"']*)", found.group(1))
    parts = [code.group(1) if code else "", normalize_space(found.group(2) or "")]
    return ": ".join(part for part in parts if part)


def _records(source: str) -> Iterator[tuple[int, str]]:
    """(line it starts on, its XML) per OAI ``<record>`` (``fields.numbered_spans``: lines counted once through)."""
    return numbered_spans(source, _record_spans(source))


def _record_spans(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) per OAI ``<record>``. A record inside a record's ``<metadata>`` (MARCXML's) is part of it, and
    one in a comment or CDATA section is text (``fields.xml_tags``); a record that is never closed ends where the
    next one starts, or at the end."""
    start: int | None = None
    metadata = nested = 0
    for tag in xml_tags(_TAG, source):
        closing, name = tag.group(1) == "/", tag.group(2)
        if name == "metadata":
            metadata = max(metadata + (-1 if closing else 1), 0) if start is not None else 0
        elif not closing:
            if start is not None and metadata:
                nested += 1
                continue
            if start is not None:  # the one before was never closed
                yield start, tag.start()
            start, metadata, nested = tag.start(), 0, 0
        elif start is not None and nested:
            nested -= 1
        elif start is not None:
            end = source.find(">", tag.end()) + 1 or len(source)
            yield start, end
            start = None
    if start is not None:
        yield start, len(source)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    """An element's text; paragraphs and section titles of JATS kept apart ("Background: Exercise may help."), HTML
    written as text (Zenodo's) read as HTML."""
    text = normalize_space(_inner(element))
    return html_text(text) if _HTML_MARKUP.search(text) else text


def _inner(element: ET.Element) -> str:
    return (element.text or "") + "".join(_block(child) + (child.tail or "") for child in element)


def _block(element: ET.Element) -> str:
    """The text of an element inside another: a section title ends in a colon, paragraphs stand apart."""
    inner, name = _inner(element), _local(element.tag)
    if name == "title" and inner.strip():
        return f" {inner.strip().rstrip(':')}: "
    return f" {inner} " if name in ("p", "sec") else inner


def _parse(record: str) -> Mapping[str, Any]:
    """The record's fields by local element name: each name's texts in document order; ``author_parts``, the
    authors as arXiv's format (``keyname``, ``forenames``, ``suffix`` per ``author``) or JATS (``surname`` and
    ``given-names`` per ``contrib``) give them; an ``abstract`` or ``article-title`` with markup in it as one text."""
    root = xml_element(record)
    fields: dict[str, Any] = {"author_parts": []}
    _collect(root, fields)
    return fields


def _collect(element: ET.Element, fields: dict[str, Any]) -> None:
    for child in element:
        name = _local(child.tag)
        if name == "header":
            fields["deleted"] = child.get("status") == "deleted"
            _collect(child, fields)
        elif name == "author" and len(child):  # arXiv: keyname, forenames, suffix
            fields["author_parts"].append({_local(part.tag): _text(part) for part in child})
        elif name == "contrib":  # JATS
            person = child.find("{*}name")
            if child.get("contrib-type", "author") == "author" and person is not None:
                parts = {_local(part.tag): _text(part) for part in person}
                fields["author_parts"].append({"keyname": parts.get("surname"), "forenames": parts.get("given-names")})
        elif name == "pub-date":  # JATS: year, month, day
            parts = {_local(part.tag): _text(part) for part in child}
            day = "-".join(f"{parts[k]:0>2}" for k in ("year", "month", "day") if parts.get(k, "").isdigit())
            fields.setdefault("date", []).append(day)
        elif name == "article-id":  # JATS
            fields.setdefault(child.get("pub-id-type", "id"), []).append(_text(child))
        elif name in ("abstract", "article-title") or not len(child):
            fields.setdefault(name, []).append(_text(child))
        else:
            _collect(child, fields)


def _paper(fields: Mapping[str, Any], source: Source) -> Paper | None:
    if fields.get("deleted"):
        raise NoAbstract("the repository marks it deleted")
    abstract = _first(fields, "abstract") or _dc_abstract(fields.get("description", []))
    if not abstract:
        return None
    names, cut_short = _names(fields)
    identifier = _first(fields, "id")  # arXiv and arXivRaw: "2411.01234", "hep-th/9901001"
    urls = [f"https://arxiv.org/abs/{identifier}"] if identifier else []
    urls += [u for u in fields.get("identifier", []) if u.startswith(("http://", "https://"))]  # oai_dc
    doi = _first(fields, "doi") or next((u for u in fields.get("identifier", []) if bare_doi(u)), "")
    return Paper(
        id="",
        title=_first(fields, "article-title") or _first(fields, "title") or None,
        abstract=abstract,
        sources=(source,),
        authors_count=None if cut_short else len(names) or None,
        authors=tuple(names),
        date=_date(fields),
        links=tuple(web_links(urls, doi)),
        venue=venue_text(_first(fields, "journal-ref") or _first(fields, "journal-title")),  # arXiv's; JATS's
    )


def _first(fields: Mapping[str, Any], name: str) -> str:
    return next((value for value in fields.get(name, []) if value), "")


def _dc_abstract(descriptions: list[str]) -> str:
    """Dublin Core's abstract: the first description that reads as prose and is no note (arXiv's "Comment: ...", a
    library's "Thesis: ..."); else the longest that is no note. A second one (the abstract in another language) is
    left out."""
    texts = [d for d in descriptions if d and not _NOTE.match(d)]
    return next((d for d in texts if len(d) >= _PROSE_CHARS), max(texts, key=len, default=""))


def _names(fields: Mapping[str, Any]) -> tuple[list[str], bool]:
    """The authors and whether the list is cut short ("et al"): arXiv's ``author`` elements ("Forenames Keyname")
    or JATS ``contrib``\\s, else arXivRaw's one ``authors`` string (numbered affiliations dropped), else Dublin
    Core's ``creator`` per author ("Lovelace, Ada")."""
    parts = fields["author_parts"]
    if parts:
        names = (" ".join(filter(None, (a.get("forenames"), a.get("keyname")))) for a in parts)
        named = [f"{name} {a['suffix']}" if a.get("suffix") else name for name, a in zip(names, parts, strict=True)]
        return [name for name in named if name], False
    if _first(fields, "authors"):
        listed, ended = cut_short(_AFFILIATIONS.sub("", _first(fields, "authors")))
        return split_names(listed), ended
    return [name for name in fields.get("creator", []) if name], False


def _date(fields: Mapping[str, Any]) -> str | None:
    """The first version's day: arXiv's ``created``, arXivRaw's first version ``date`` (an e-mail time), else Dublin
    Core's first ``date`` (or JATS's first ``pub-date``)."""
    for value in (*fields.get("created", []), *fields.get("date", [])):
        found = iso_date(value) or written_day(value)
        if found:
            return found
    return None

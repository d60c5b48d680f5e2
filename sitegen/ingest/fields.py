"""What the readers of reference-manager and database exports share: dates, links, the loop over records."""

from __future__ import annotations

import datetime
import email.utils
import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # noqa: SIM905
"""Month number by the first three letters of its English name, as BibTeX and MEDLINE write months."""
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
ARXIV_BARE_ID = r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
ARXIV_ID = ARXIV_BARE_ID + r"(?:v\d+)?"
"""An arXiv identifier: ``2411.01234``, ``2411.01234v2``, or before April 2007 ``hep-th/9901001``."""
_DOI_PREFIX = re.compile(r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def iso_date(value: str) -> str | None:
    """An ISO date as precise as the value (``2024-05-28``, ``2024-05``, ``2024``) and as far as it is a real date
    (``2024-02-30`` is ``2024-02``, ``2024-13`` is ``2024``); None for anything else."""
    found = _ISO_DATE.fullmatch(value.strip())
    parts = [part for part in found.groups() if part] if found else []
    while parts and not _real(*map(int, parts)):
        parts.pop()
    return "-".join(parts) or None


def leading_iso_date(text: str) -> str | None:
    """``iso_date`` of the ISO date a text starts with: a timestamp (``2024-05-28T12:00:00Z``) keeps its date."""
    found = _ISO_DATE.match(text.strip())
    return iso_date(found.group(0)) if found else None


def written_day(text: str) -> str | None:
    """The day of an RFC 822 time (RSS, e-mail, arXiv: ``Mon, 23 Nov 2026 22:30:00 -0800``) or an ISO 8601 one
    (``2026-11-23T22:30:00-08:00``) as written, in its own time zone (in UTC the first is the 24th); None if it is
    neither."""
    text = text.strip()
    iso = _ISO_DATE.match(text)
    day = iso.groups() if iso and all(iso.groups()) else None  # a whole day, not just a year or a month
    parts = tuple(map(int, day)) if day else (email.utils.parsedate_tz(text) or ())[:3]
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}" if len(parts) == 3 and _real(*parts) else None


_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WRITTEN_DATES = (
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),  # March 4, 2021
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+(?P<year>\d{{4}})"),  # 4 March 2021
    re.compile(rf"{_MONTH}(?:,?\s+|\s*-\s*)(?P<year>\d{{4}})"),  # March 2021, Mar-2021
    re.compile(rf"(?P<day>\d{{1,2}})-{_MONTH}-(?P<year>\d{{4}}|\d\d)"),  # 4-Mar-2021, Excel's 4-Mar-21
    re.compile(r"(?P<num_month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"),  # 04/2016
    re.compile(r"(?P<year>\d{4})\s*[-/.]\s*(?P<num_month>\d{1,2})(?:\s*[-/.]\s*(?P<day>\d{1,2}))?"),  # 2021/5/3
    re.compile(r"(?P<year>(?:19|20)\d\d)(?P<num_month>\d\d)(?P<day>\d\d)"),  # 20210304
    re.compile(rf"(?P<year>\d{{4}}),?\s+{_MONTH}(?:\s+(?P<day>\d{{1,2}}))?"),  # 2021, March 4
    re.compile(r"(?P<a>\d{1,2})\s*[/.]\s*(?P<b>\d{1,2})\s*[/.]\s*(?P<year>\d{4})"),  # 21.05.2021, 5/13/2021
)
"""Dates as spreadsheets and people write them, beside ISO 8601, RFC 822 and MEDLINE's (see :func:`loose_date`)."""


_MONTH_NAMES = "january february march april may june july august september october november december".split()  # noqa: SIM905


def _month(word: str) -> int | None:
    """The month a word names: its name or a short form of it ("Mar", "Sept"), not any word that starts like one
    ("Decision", "Octopus")."""
    word = word.lower()
    return next((k for k, name in enumerate(_MONTH_NAMES, 1) if len(word) >= 3 and name.startswith(word)), None)


_TIME = re.compile(r"(?<=\d)\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?$")
"""A time of day after a date, as a spreadsheet writes it ("5/13/2020 0:00"); an ISO timestamp keeps its own."""
_WEEKDAY = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?=\d)", re.IGNORECASE)
"""A weekday before a date ("Thu, 04 Mar 2021")."""
_YEAR_ONLY = re.compile(
    r"(\d{4})(?:\.0+|\s+(?:Spring|Summer|Autumn|Fall|Winter)|)|(?:Spring|Summer|Autumn|Fall|Winter),?\s+(\d{4})",
    re.IGNORECASE,
)
"""A year alone as a spreadsheet or a journal gives it: a number column's "2021.0", a season ("2023 Winter")."""

DATE_NOT_READ = "date {!r} not understood, left out (write it 2021-03-04, 2021-03 or 2021)"
"""What every reader says of a date it cannot read (``date_not_read`` cuts a long one short)."""
_RANGE = re.compile(r"(\d{4}(?:-\d\d){0,2})\s*(?:-{1,3}|[\u2013\u2014/])\s*(\d{4}(?:-\d\d){0,2})")
"""A range of years or ISO dates: ``2019--2020`` (an en dash once BibTeX's LaTeX is read), ``2019-2020``,
``2019/2020``, ISO 8601's interval ``2023-07-31/2023-08-02``."""


def date_not_read(written: object) -> str:
    """The message for a date no reader understands, the same in every format."""
    return DATE_NOT_READ.format(str(written)[:40])


def loose_date(value: str) -> str | None:
    """A date however a spreadsheet or a person writes it, as an ISO date as precise as it is: ISO 8601 (a timestamp
    too), RFC 822, MEDLINE's ``2021 Mar 4``, ``March 4, 2021``, ``4 March 2021``, ``March 2021``, ``2021/05/03``;
    ``21.05.2021`` and ``5/13/2021`` give the day when one of the numbers can only be the day, else the year alone
    (``5/6/2021``: May or June?); a range of years or ISO dates (``2019--2020``, ``2023-07-31/2023-08-02``) as its
    start. None when it reads none of these ways."""
    value = _WEEKDAY.sub("", _TIME.sub("", value.strip())).rstrip(".")
    if (span := _RANGE.fullmatch(value)) and iso_date(span[1]) == span[1] and iso_date(span[2]) and span[1] <= span[2]:
        return span[1]  # a range is read as its start, as BibLaTeX's ``date = {2023-07-31/2023-08-02}`` always was
    if alone := _YEAR_ONLY.fullmatch(value):
        return iso_date(alone.group(1) or alone.group(2))
    medline = re.fullmatch(r"\d{4}\s+([A-Za-z]+)\.?(?:[\s-].*)?", value)
    if medline and _month(medline.group(1)):
        return written_date(value)
    found = iso_date(value) or written_day(value)
    if found or not value:
        return found
    for pattern in _WRITTEN_DATES:
        m = pattern.fullmatch(value)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["year"]) + (0 if len(parts["year"]) == 4 else 2000 if int(parts["year"]) < 30 else 1900)
        if parts.get("month"):
            month = _month(parts["month"])
            if month is None:
                continue
        elif parts.get("num_month"):
            month = int(parts["num_month"])
            if not 1 <= month <= 12 or (parts.get("day") and not _real(year, month, int(parts["day"]))):
                return None  # "2021-13-45", "12345678": no date, not its year alone
        else:
            a, b = int(parts["a"]), int(parts["b"])
            if (a > 12) == (b > 12):  # both could be the month, or neither
                return iso_date(f"{year:04d}")
            month, parts["day"] = (b, parts["a"]) if a > 12 else (a, parts["b"])
        day = f"-{int(parts['day']):02d}" if parts.get("day") else ""
        return iso_date(f"{year:04d}-{month:02d}{day}")
    timestamp = re.match(r"\d{4}-\d\d-\d\d[T ]", value)  # one ISO 8601 does not read: "2024-05-28 10:00"
    return leading_iso_date(value) if timestamp else None


def _real(year: int, month: int = 1, day: int = 1) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


_HEADING = re.compile(r"(?:(?i:abstract|summary)\s*(?:[:.\u2014\u2013]|\s-\s)|ABSTRACT(?=\s+[A-Z]))\s*")
"""A heading an export writes before an abstract: "Abstract: ", IEEE's "Abstract—", "ABSTRACT Background ..."; not
the word beginning the text ("Summary statistics ...", "Summary-level data ...")."""
_COPYRIGHT = re.compile(
    r"(?:^|(?<=[.!?)\]]))\s*(?:(?:Copyright\s*)?©"
    r"|(?:Copyright\s*)?\([cC]\)\s*(?:\d{4}|The\b|[A-Z][a-z]+ (?:Ltd|Inc|B\.V|GmbH))"
    r"|Copyright\s+\d{4}\b|Crown [cC]opyright\b\s*©?|This article is protected by copyright\b"
    r"|Published by (?:Elsevier|Wiley|Springer|Oxford|Cambridge|Informa|BMJ)\b)[^©]{0,250}$"
    r"|(?:^|(?<=[.!?]))\s*All rights reserved\.?\s*$"
)
"""The publisher's copyright line at an abstract's end, as databases export it with the abstract: "© 2021 The
Author(s).", "(c) 2022 Elsevier Ltd. All rights reserved.", "Copyright © 2020 ...", "This article is protected by
copyright. All rights reserved.", "Crown Copyright © 2021 Published by Elsevier Ltd." (QA: only its last sentence
went) (250 characters at most, from a sentence's start to the end); a "(c)" only before a
year or a publisher (an enumeration's "(c) We estimate ..." is text), "All rights reserved" only as the last
sentence."""


_COPYRIGHT_WORDS = re.compile(r"©|\([cC]\)|[cC]opyright|Published by|All rights reserved")
"""Words one of which every match of ``_COPYRIGHT`` holds: a text without them is not searched for a copyright line
(the search, tried at every character, was a fifth of reading 8,000 abstracts)."""


def abstract_body(text: str) -> str:
    """An abstract without the heading before it and the copyright line after it, which a database exports with
    the text of some papers and not others: two copies of a paper then differ by them, and the site showed them."""
    body = _HEADING.sub("", text, count=1) if _HEADING.match(text) else text
    if _COPYRIGHT_WORDS.search(body):  # what every copyright line writes: most abstracts are read at a glance
        body = _COPYRIGHT.sub("", body)
    body = body.strip()
    return body if len(body) >= len(text) // 3 else text  # never the whole text: a note about copyright, say


def line_joined(text: str, line: str) -> str:
    """A wrapped line joined to the text before it: with a space, but a word a PDF broke at the line's end by a hyphen
    is written whole, without the hyphen when the English lexicon (``lemminflect``) knows the whole word ("pat-" +
    "tern" is "pattern"), with it when not ("well-" + "known" is "well-known", "privacy-" + "preserving")."""
    broken = _BROKEN_WORD.search(text)
    if broken is None or not line[:1].isalnum() or re.match(r"(?:and|or|to|nor)\b", line):
        return f"{text} {line}" if text else line  # "short-" + "and long-term": a hyphen that waits for its word
    rest = re.match(r"[a-z]+", line)
    if broken.group(1).isdigit() or rest is None:
        return text + line  # "COVID-" + "19", "IL-" + "6", "non-" + "Hodgkin": the hyphen stays
    whole = broken.group(1) + rest.group(0)
    from lemminflect import getAllLemmas  # 0.2 s to import: only for a broken word

    return text[:-1] + line if getAllLemmas(whole.lower()) else text + line


_BROKEN_WORD = re.compile(r"([^\W_]+)-$")


def cell_text(cell: str) -> str:
    """A spreadsheet cell's text on one line: a word broken at a line's end by a hyphen is written whole
    (:func:`line_joined`: "privacy-\npreserving" is "privacy-preserving", not "privacy- preserving"), and an
    abstract's heading alone
    on its first line ("Abstract\nFederated ...", Zotero's) goes."""
    cell = re.sub(r"^\s*(?:abstract|summary)\s*:?\s*\n", "", cell, flags=re.IGNORECASE)
    lines = [normalize_space(line) for line in cell.split("\n")]
    text = ""
    for line in lines:
        if line:
            text = line_joined(text, line)
    return text


BARE_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*$", re.IGNORECASE)
"""A web address without its scheme, a host and a path: ``www.example.org/paper``, ``arxiv.org/abs/2401.01234``."""
LINK_NOT_READ = "link {!r} is no web address (http or https), left out"
"""What the readers of exports say of a link they leave out (``ftp://``, ``javascript:``, a file's path)."""


def web_link(url: str) -> str | None:
    """A link as a paper's page may show it: an http or https URL as written, a web address without its scheme
    (``www.example.org/paper``, as people write one and the labelled-notes reader always read it) with ``https://``;
    None for anything else (``ftp://``, ``javascript:``, ``mailto:``, a file's path)."""
    url = url.strip()
    if url.lower().startswith(("http://", "https://")):
        return url
    return f"https://{url}" if BARE_HOST.match(url) else None


def left_out_links(urls: Iterable[str]) -> list[str]:
    """The links of a record that ``web_links`` leaves out, to say so (blank ones are none)."""
    return [url.strip() for url in urls if url.strip() and web_link(url) is None]


def web_links(urls: Iterable[str], doi: str) -> list[str]:
    """The record's URLs (http or https, or a web address without its scheme: see ``web_link``), then its DOI as a
    doi.org link (from ``10.x/y``, ``doi:10.x/y`` or a doi.org URL), without repeats (see ``distinct_links``)."""
    links = [untracked(link) for link in map(web_link, urls) if link]
    if bare_doi(doi):
        links.append(f"https://doi.org/{bare_doi(doi)}")
    return distinct_links(links)


def bare_doi(value: str) -> str:
    """The DOI a value writes (``10.x/y``, ``doi:10.x/y`` or a doi.org URL) as ``10.x/y``; "" when it is none."""
    doi = _DOI_PREFIX.sub("", value.strip())
    return doi if doi.startswith("10.") else ""


_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)


def distinct_links(links: Iterable[str]) -> list[str]:
    """The links in order without repeats, where links that differ only in ``http``/``https``, in the case of the
    host or in a trailing slash are one (Crossref's ``http://dx.doi.org/...`` beside its ``https://doi.org/...``,
    Mendeley's ``http://arxiv.org/abs/...`` beside the eprint's ``https://``): the first of them, in its ``https``
    form when one of them is written so. A doi.org link is always written ``https://doi.org/...``, and two that differ
    in case only are one (DOIs are case-insensitive: "10.1000/REG.2019" is "10.1000/reg.2019"). The links of one
    arXiv paper, its versions' pages and its DOI, are one: ``https://arxiv.org/abs/<id>`` without a version."""
    kept: dict[tuple[str, str, str, str], str] = {}
    for link in links:
        link = _DOI_URL.sub("https://doi.org/", link)
        if (found := _IDENTIFIER_LINK.match(link)) and (page := found["arxiv"] or found["arxiv_doi"]):
            # any version, the DataCite DOI: one link, the version-less abstract page where one is given
            key: tuple[str, str, str, str] = ("arxiv", page.lower(), "", "")
            if found["arxiv"]:
                link = f"https://arxiv.org/abs/{page}"
            if key not in kept or (found["arxiv"] and "doi.org" in kept[key]):
                kept[key] = link
            continue
        key = _link_key(link)
        if key not in kept or (link.startswith("https:") and not kept[key].startswith("https:")):
            kept[key] = link  # a key keeps its first place when its link is replaced
    return list(kept.values())


_IDENTIFIER_LINK = re.compile(
    rf"^https?://(?:(?:www\.|export\.)?arxiv\.org/abs/(?:arxiv:)?(?P<arxiv>{ARXIV_BARE_ID})(?:v\d+)?"
    rf"|(?:www\.|dx\.)?doi\.org/10\.48550/arxiv\.(?P<arxiv_doi>{ARXIV_BARE_ID})(?:v\d+)?"
    r"|(?:www\.|dx\.)?doi\.org/(?P<doi>[^?#]+?)"
    r"|(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/(?P<pmid>\d+)|www\.ncbi\.nlm\.nih\.gov/pubmed/(?P<old_pmid>\d+))/?$",
    re.IGNORECASE,
)
"""A link that writes a paper's identifier: a DOI, an arXiv id (its abstract page, any version, ``arXiv:`` or not,
or its DataCite DOI ``10.48550/arXiv.2403.09611``; only an arXiv id has a version, "10.1093/nar/gkv1189" is a DOI
whole) or a PubMed id."""
_KIND = {"arxiv": "arxiv", "arxiv_doi": "arxiv", "doi": "doi", "pmid": "pmid", "old_pmid": "pmid"}


def link_identifier(link: str) -> tuple[str, str] | None:
    """The ``(kind, id)`` a link writes (``"doi"``, ``"arxiv"`` or ``"pmid"``; lower case, URL escapes decoded, no
    trailing slash or full stop), else None. The one table of such links: merging tells copies by them
    (``dedupe.identifiers``) and orders a paper's links by them; :func:`distinct_links` makes an arXiv paper's links
    one. (``render`` asks another question, whether a link leads to the paper's own page at all, and has its own
    wider table.)"""
    found = _IDENTIFIER_LINK.match(link)
    if not found:
        return None
    group = next(name for name, value in found.groupdict().items() if value)
    return _KIND[group], urllib.parse.unquote(found[group]).lower().rstrip("/.")


def _link_key(link: str) -> tuple[str, str, str, str]:
    """What two links that are the same share: the host (any case), the path without a trailing slash, the query
    and the fragment; not the scheme."""
    try:
        parts = urllib.parse.urlsplit(link)
    except ValueError:  # an invalid IPv6 host, say: only the same text is the same link
        return (link, "", "", "")
    host = parts.netloc.lower()
    path = parts.path.rstrip("/")
    return (host, path.lower() if host == "doi.org" else path, parts.query, parts.fragment)


def untracked(url: str) -> str:
    """The URL without campaign-tracking parameters (``utm_source=rss``, as PubMed's feed links carry)."""
    parts = urllib.parse.urlsplit(url)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not key.startswith("utm_")]
    if len(kept) == len(pairs):
        return url  # nothing to drop: the URL stays exactly as written
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(kept)))


_TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|h\d|jats:p|jats:title|jats:sec)\b[^>]*>", re.IGNORECASE)
"""Tags that end a paragraph (HTML, and the JATS XML of Crossref's abstracts)."""
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.?(?:\s*-\s*|\s+)?)+")
"""A given name as initials: "A.", "A. M.", "J.-P.", "AM"."""


def html_text(markup: str) -> str:
    """Text of a field that may hold HTML or JATS: tags dropped (paragraph tags as spaces), entities decoded."""
    return normalize_space(html.unescape(_TAG.sub("", BLOCK_TAG.sub(" ", markup or ""))))


def split_names(names: str) -> list[str]:
    """The names in one string of names, as arXiv ("Ada Lovelace, Alan Turing"; "... and Alan Turing" in its
    metadata) or bioRxiv ("Lovelace, A., Turing, A. M.") write it; empty when it reads neither way ("Lovelace, Ada,
    Turing": a comma inside a name, or a list?)."""
    parts = [p.strip() for p in re.sub(r",?\s+and\s+", ", ", names.strip()).split(",") if p.strip()]
    if len(parts) <= 1 or all(len(p.split()) >= 2 for p in parts):
        return parts
    surnames, initials = parts[0::2], parts[1::2]
    if len(surnames) == len(initials) and all(_INITIALS.fullmatch(p) for p in initials):
        return [f"{surname}, {given}" for surname, given in zip(surnames, initials, strict=True)]
    return []


_ET_AL = re.compile(r"(?:^|(?<=[\s,]))(?:and\s+others|et\.?\s*al\.?)\s*$", re.IGNORECASE)


def cut_short(names: str) -> tuple[str, bool]:
    """A string of names without the "et al." (or "and others") that ends it, and whether it had one: then the
    names are not all the authors and their number is unknown."""
    rest = _ET_AL.sub("", names)
    return rest.rstrip(" ,"), rest != names


def counted_names(names: str) -> tuple[list[str], int | None]:
    """The names of one string of names (:func:`split_names`) and their count: unknown (None) when the string
    ends in "et al." or "and others", or names nobody."""
    written, ended = cut_short(names)
    listed = split_names(written)
    return listed, None if ended else len(listed) or None


def as_list(value: object) -> list[str]:
    """A tag's values as strings: parsers give a list for repeated tags, a string for one, None for none."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def as_text(value: object) -> str:
    """A tag's values joined by spaces ("" for none)."""
    return " ".join(as_list(value))


XML_PROLOGUE = (
    r"\s*(?:<\?xml[^>]*\?>\s*)?"  # declaration
    r"(?:(?:<!--.*?-->|<\?xml-stylesheet[^>]*\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)\s*)*"  # comments, style, DOCTYPE
)
"""What may stand before an XML document's root element (a DOCTYPE with its internal subset too); a reader's pattern
is this and its root element, compiled with ``re.S``."""
XML_HEAD = 4000
"""Characters at the start of a file in which an XML document's root element must open."""


def opens_xml(lines: Sequence[str], root: re.Pattern[str]) -> bool:
    """Whether the file's XML root element, as ``root`` (:data:`XML_PROLOGUE` and the element) matches it, opens
    within its first :data:`XML_HEAD` characters."""
    return root.match("\n".join(lines[:200])[:XML_HEAD]) is not None


_OPAQUE = r"<!--.*?-->|<!\[CDATA\[.*?\]\]>"
"""Comments and CDATA sections: a tag written in them is text, not markup."""


def xml_tags(tags: re.Pattern[str], source: str) -> Iterator[re.Match[str]]:
    """The matches of ``tags`` in an XML text that are markup: one inside a comment or a CDATA section is text and
    passed over (a DSpace thesis's description holding "<record>" in CDATA). One scan, the opaque sections tried first
    at each place, so the cost does not grow with their number (``tags`` has no flags of its own)."""
    scan = re.compile(f"{_OPAQUE}|{tags.pattern}", re.S)
    return (found for found in scan.finditer(source) if not found.group(0).startswith("<!"))


def numbered_spans(source: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """``(line it starts on, its text)`` per ``(start, end)`` span of the source, the spans in the order they start.
    Lines are counted on from the span before, never from the file's start: a harvest of 20,000 OAI-PMH records
    counted from the start for each record took 32 s (2 s for 5,000), now 0.3 s."""
    line, counted = 1, 0
    for start, end in spans:
        line, counted = line + source.count("\n", counted, start), start
        yield line, source[start:end]


def xml_element(record: str) -> ET.Element:
    """The element an XML record's text builds; ``ValueError`` with the parser's reason when it is not well-formed,
    without its line and column: they count in the record cut out of the file (and wrapped), not in the file, whose
    line the problem names."""
    try:
        return ET.fromstring(record)
    except ET.ParseError as exc:
        raise ValueError(re.sub(r":? line \d+, column \d+$", "", str(exc))) from None


_FRONT_MATTER = re.compile(r"^---\s*$")
_YAML_KEY = re.compile(r"^[\w\"'][^:#]{0,80}:(?:\s|$)")
"""A line that opens a YAML mapping: ``title: ...``, ``tags:``, ``"key": ...``."""


def front_matter_end(lines: Sequence[str]) -> int:
    """The index of the line after a YAML front matter block at a note's top (``---`` on its first line to the next
    ``---``, however far below: a Zotero note's front matter with a long ``tags`` list runs to
    hundreds of lines), 0 when it has none. Obsidian and Jekyll read front matter so; a file that opens with a rule
    and never has another ``---`` has none, nor has one whose first line below the rule is no ``name:`` field (a
    reading list that opens with a rule, then ``# Papers to read`` and its papers: QA, 40 papers were passed over
    as front matter down to a rule 230 lines below)."""
    if not lines or not _FRONT_MATTER.match(lines[0]):
        return 0
    first = next((line for line in lines[1:] if line.strip()), "")
    if not _YAML_KEY.match(first):
        return 0
    return next((k + 1 for k in range(1, len(lines)) if _FRONT_MATTER.match(lines[k])), 0)


class NoAbstract(Exception):
    """Raised by a ``to_paper`` for a record that has text but no abstract, to say what the text is instead."""


def papers_from_records(
    path: str,
    records: Iterable[tuple[int, str]],
    parse: Callable[[str], Mapping[str, Any]],
    to_paper: Callable[[Mapping[str, Any], Source], Paper | None],
    kind: str,
    notes: Callable[[Mapping[str, Any]], list[str]] | None = None,
) -> tuple[list[Paper], list[Problem]]:
    """Papers from ``(first line, text)`` records: ``parse`` (a library's) reads a record's tags, ``to_paper`` makes
    the paper (None, or ``NoAbstract`` with a reason: no abstract). A record the library cannot read, or without an
    abstract, is reported with its line and skipped; the file goes on. ``notes`` says what of a paper's record was
    left out (a date not understood), at the record's line."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for start, text in records:
        try:
            record = parse(text)
        except Exception as exc:  # whatever the library raises on a malformed record
            problems.append(Problem(path, start, f"not a valid {kind} record, skipped ({exc})", skipped=True))
            continue
        try:
            paper = to_paper(record, Source(path, start))
        except NoAbstract as what:
            problems.append(Problem(path, start, f"{kind} record without an abstract, skipped ({what})", skipped=True))
            continue
        if paper is None:
            problems.append(Problem(path, start, f"{kind} record without an abstract, skipped", skipped=True))
        else:
            papers.append(paper)
            problems += [Problem(path, start, note) for note in (notes(record) if notes else [])]
    return papers, problems


CAPITAL = "[" + "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha()) + "]"
"""A capital letter of the Latin, Greek or Cyrillic alphabets, for initials in a pattern: "Hansen Ø", "Åström K",
"Ibáñez Í" (QA: ``[A-Z]`` took "Åström K(1), Øvretveit J(2)" for no list of names, and PubMed's author line became
the start of the abstract)."""

_INITIALS_NAME = re.compile(rf"(?P<family>[^,]+?),? (?P<initials>{CAPITAL}{{1,4}})(?: (?P<suffix>Jr|Sr|II|III|IV))?")
"""A family name, initials run together and maybe a suffix, as MEDLINE's ``AU`` ("Lovelace AM", "King ML Jr") and
Web of Science's ``AU`` ("Lovelace, AM") write a name."""


def initials_name(name: str) -> str:
    """Such a name as ``Family, A. M.`` (``Family, Jr., M. L.``), the form the other sources' names take, so it is
    shown "A. M. Lovelace" (the short name is all a record has without full names); anything else as it is."""
    m = _INITIALS_NAME.fullmatch(name)
    if m is None:
        return name
    initials = " ".join(f"{letter}." for letter in m["initials"])
    suffix = f"{m['suffix']}., " if m["suffix"] in ("Jr", "Sr") else f"{m['suffix']}, " if m["suffix"] else ""
    return f"{m['family']}, {suffix}{initials}"


_DOTTED_INITIAL = re.compile(r"-?[^\W\d_]{1,2}\.")
"""One initial with its full stop, maybe after a hyphen: "D.", "-P." (of "J.-P."), "Yu." (Scopus's Russian "Yu.N.")."""
_FAMILY_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def _dotted_initials(word: str) -> list[str] | None:
    """The initials of a word made only of them, each with its full stop and run together as Scopus writes them
    ("D.P." -> ["D.", "P."], "J.-P." -> ["J.", "-P."]); None for any other word. An initial is a capital letter,
    maybe with a small one ("Yu.", "Ch."), but one standing alone must be a single letter: "Jr." or "Co." is no
    given name."""
    units = _DOTTED_INITIAL.findall(word)
    if not units or "".join(units) != word:
        return None
    letters = [unit.strip("-.") for unit in units]
    if not all(a[0].isupper() and a[1:].islower() == bool(a[1:]) for a in letters):
        return None
    return units if len(units) > 1 or len(letters[0]) == 1 else None


def _spaced(units: list[str]) -> str:
    """Initials written apart, as the other sources write them: "D. P.", with "J.-P." kept whole."""
    return "".join(unit if unit.startswith("-") or i == 0 else f" {unit}" for i, unit in enumerate(units))


def dotted_initials_name(name: str) -> str:
    """A name whose given name is initials with full stops run together, as Scopus writes names, as ``Family, D. P.``
    (the form :func:`initials_name` gives MEDLINE's names), so it is shown "D. P. Kingma" like the others; anything
    else as it is.

    Two shapes only, both with a full stop after every initial: a comma before the initials (Scopus's RIS ``AU  -
    Kingma, D.P.``, "van der Berg, H.J.") or, without a comma, a family name of one to four words and then the
    initials (Scopus's CSV ``Authors`` column: "Kingma D.P.", "Radford A.", "van der Berg H.J."). A name without
    full stops ("Wang Li", "Li, Wu", "Andrew Ng", "Lovelace AM") is never read as initials here: a short family name
    or a Chinese given name looks like them, and a plain "Ada Lovelace" is given name first already."""
    if "," in name:
        parts = name.split(",")
        for i, part in enumerate(parts[1:], start=1):
            if (units := _dotted_initials(part.strip())) is not None and len(units) > 1:
                parts[i] = f" {_spaced(units)}"
        return ",".join(parts)
    *family, last = name.split() or [""]
    units = _dotted_initials(last)
    if units is None or not 1 <= len(family) <= 4 or not family[-1][0].isupper():
        return name
    if not all(_FAMILY_WORD.fullmatch(word) and _dotted_initials(word) is None for word in family):
        return name  # "Lovelace A. M.", "A. Lovelace": not the Scopus shape
    return f"{' '.join(family)}, {_spaced(units)}"


def written_date(value: str) -> str | None:
    """A year, then maybe a month's name and a day, as MEDLINE's ``DP`` and Web of Science's ``PY`` and ``PD``
    write a date, as an ISO date as precise as it is: ``2024 May 28`` → 2024-05-28, ``2024 May-Jun`` → 2024-05,
    ``2023 Winter`` → 2023."""
    words = re.split(r"[\s-]+", value.strip())
    parts = words[:1]
    if len(words) > 1 and words[1][:3].lower() in MONTHS:
        parts.append(f"{MONTHS[words[1][:3].lower()]:02d}")
        if len(words) > 2 and words[2].isdigit() and 1 <= int(words[2]) <= 31:
            parts.append(words[2].zfill(2))
    return iso_date("-".join(parts))

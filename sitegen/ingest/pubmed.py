"""Readers for PubMed's two other ways of saving abstracts: the web site's "Save" as "Abstract (text)" and the XML of
E-utilities and the annual baseline (``<PubmedArticleSet>``). PubMed's own "PubMed format" is ``medline``.

"Abstract (text)" is a listing for reading: each article is numbered (``1. Lancet. 2020 Feb 15;395(10223):497-506.``,
the citation) and made of paragraphs parted by blank lines: the title, the authors (``Huang C(1), Wang Y(2)``), their
affiliations (``Author information:``), notices (``Erratum in`` with indented lines), the abstract, its copyright
line, and ``DOI:`` / ``PMCID:`` / ``PMID:`` lines. Lines are wrapped at about 80 characters. An article starts at
its number, one more than the last one's, after a blank line; so an abstract line that happens to start "2. " does
not cut an article in two.

The XML is cut into ``<PubmedArticle>`` (and ``<PubmedBookArticle>``) elements here, so each keeps its line and a
malformed one costs only itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

from sitegen.ingest.fields import (
    CAPITAL,
    MONTHS,
    XML_PROLOGUE,
    NoAbstract,
    initials_name,
    numbered_spans,
    opens_xml,
    papers_from_records,
    web_links,
    written_date,
    xml_element,
    xml_tags,
)
from sitegen.ingest.kinds import most_notable, publication_type, venue_text
from sitegen.ingest.markup import cites, raised_text
from sitegen.ingest.medline import medline_title
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

# ---- "Abstract (text)" -------------------------------------------------------------------------------------------

_NUMBERED = re.compile(r"(\d+)\.\s+\S")
_PMID_LINE = re.compile(r"\bPMID:\s*\d+")
"""An article's PubMed id line (anywhere in a line of the Summary format, which may wrap it)."""
_CITATION = re.compile(r"\d+\.\s+(?:In:\s|[^.]{1,150}\.\s+(?:1[6-9]|20)\d\d\b)")
"""A numbered citation: ``2. Nature. 2020 Mar;...`` (journal, full stop, year) or a book's ``3. In: Adam MP, ...``."""
_TRAILER = re.compile(r"(?:DOI|PMCID|PMID|PII|NIHMSID):", re.IGNORECASE)
"""The identifier lines that follow the abstract."""
_NOTICE = re.compile(r"\s{2,}\S")
"""An indented line: the articles a notice (``Erratum in``, ``Comment on``, ``Update of``) names."""
_HEADED = re.compile(r"(?:Author information|Collaborators|Conflict of interest statement|Keywords)\s*:", re.I)
"""The first line of a block that is neither abstract nor title: affiliations, a group's members."""
_NOTICE_HEAD = re.compile(
    r"(?:Erratum|Comment|Update|Retraction|Partial retraction|Republished|Corrected and republished"
    r"|Retracted and republished|Expression of concern|Summary for patients|Reprint|Original report"
    r"|Dataset use reported)\s+(?:in|of|on|for|from)\s*:?",
    re.IGNORECASE,
)
"""A notice's heading, a line of its own (``Erratum in``, ``Comment on``): not a title that starts so ("Update on
screening for colorectal cancer")."""
_LANGUAGE = re.compile(r"\[(?:Article|Abstract) (?:in|available in) [^\]]*\]\.?")
"""``[Article in Chinese; Abstract available in Chinese from the publisher]``."""
_COPYRIGHT = re.compile(
    r"(?:Copyright\b|©|\([cC]\)\s|Crown [cC]opyright|Published by\b|This article is protected by copyright"
    r"|The Author\(s\)|\d{4} The Authors?\b|Journal compilation|.*\bAll rights reserved\.?\s*$)"
)
"""The abstract's copyright line, which PubMed prints as a paragraph of its own after it."""
_COPYRIGHT_CHARS = 400
_AFFILIATION_MARK = re.compile(r"(?<=[^\W\d_.])(?:\((?:\d+|#|\*)\))+")
"""An author's affiliation numbers and marks of equal contribution, right after the name: ``Huang C(1)(2)``,
``Jumper J(#)(1)``."""
_SHORT_NAME = re.compile(
    rf"[^\W\d][\w'\u2019.-]*(?: [\w'\u2019.-]+){{0,2}} {CAPITAL}{{1,4}}(?: (?:Jr|Sr|2nd|3rd|II|III|IV))?"
)
"""An author as PubMed lists them: a family name of up to three words and initials ("Huang C", "van der Berg JH",
"King ML Jr")."""
_GROUP = re.compile(
    r"\b(?:Group|Consortium|Collaborat\w*|Investigators|Team|Committee|Network|Society|Working|Panel|Initiative"
    r"|Council|Association|Organi[sz]ation|Members|Trialists|Writing)\b",
    re.IGNORECASE,
)
"""A word of a group's name, an author of its own ("ACTT-1 Study Group Members", "WHO Solidarity Trial
Consortium")."""
_CITED_DATE = re.compile(
    r"\.\s+((?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?:\s+\d{1,2})?)?)(?=[;:.\s]|$)"
)
"""The publication date in the citation: ``Lancet. 2020 Feb 15;395...`` (the first; an ``Epub`` date comes later)."""
_CITED_DOI = re.compile(r"\bdoi:\s*(10\.\S+?)\.?(?:\s|$)")
_CITED_JOURNAL = re.compile(r"([^.;:]{1,150})\.\s+(?:1[6-9]|20)\d\d\b")
"""The journal the citation opens with, before its date: ``Lancet. 2020 Feb 15;...`` (PubMed's abbreviation, written
without full stops); a book's ``In: Adam MP, ...`` has none."""
_NOTICE_TYPES = {
    "retraction of": "Retraction notice",
    "retraction in": "Retracted",
    "erratum for": "Erratum",
    "comment on": "Comment",
}
"""What a notice above the abstract says of the article itself: ``Retraction in`` (it was retracted), ``Erratum
for`` (it corrects the article named), ``Retraction of``, ``Comment on``. ``Erratum in`` and ``Comment in`` name
other articles about it and say nothing of what it is."""


def detect_text(text: TextFile) -> bool:
    """Claims files whose first non-blank line opens a numbered citation (``1. Lancet. 2020 ...``) and that have a
    ``PMID: 123`` in their first 5,000 lines (a consortium's article has hundreds of lines of affiliations)."""
    first = next((line for line in text.lines if line.strip()), "")
    return _NUMBERED.match(first) is not None and any(_PMID_LINE.search(line) for line in text.lines[:5000])


def read_text(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per article with an abstract; one without is reported with its line. A file of PubMed's "Summary"
    format (one paragraph per article, never an abstract) is reported once, saying which format to save."""
    articles = list(_articles(text.lines))
    if articles and all(len(paragraphs) == 1 for _, paragraphs in articles):
        why = (
            f"PubMed's Summary format ({len(articles)} articles): it has no abstracts; save as 'Abstract (text)' "
            "or 'PubMed' format instead, skipped"
        )
        return [], [Problem(text.path, articles[0][0], why, skipped=True, whole_file=True)]
    records = ((start, str(index)) for index, (start, _) in enumerate(articles))
    return papers_from_records(
        text.path, records, lambda index: {"paragraphs": articles[int(index)][1]}, _text_paper, "PubMed"
    )


Paragraph = tuple[int, list[str]]


def _articles(lines: tuple[str, ...]) -> Iterator[tuple[int, list[Paragraph]]]:
    """(line of its number, its paragraphs) per article; lines before the first article are none of its."""
    start, expected = 0, None
    paragraphs: list[Paragraph] = []
    after_blank = True
    for number, line in enumerate(lines, start=1):
        numbered = _NUMBERED.match(line)
        if numbered and after_blank and _starts(paragraphs, line, expected == int(numbered.group(1))):
            if paragraphs:
                yield start, paragraphs
            start, expected, paragraphs = number, int(numbered.group(1)) + 1, []
            line = line[numbered.end(1) + 1 :].lstrip()  # the citation, its first paragraph
        if not line.strip():
            after_blank = True
            continue
        if start and after_blank:
            paragraphs.append((number, [line]))
        elif start:
            paragraphs[-1][1].append(line)
        after_blank = False
    if paragraphs:
        yield start, paragraphs


def _starts(paragraphs: list[Paragraph], line: str, next_number: bool) -> bool:
    """Whether a numbered line after a blank one starts an article: the first one; one numbered next (one more than
    the last) once the article above has its ``PMID:`` line or when the line is a citation; and any citation once
    the article above has its ``PMID:`` line (two saved files joined, a selection numbered 3, 7, 12). A paragraph of
    an abstract that starts "2. In 2019, ..." is no article."""
    if not paragraphs:
        return True
    done = any(_PMID_LINE.search(text) for _, lines in paragraphs for text in lines)
    citation = _CITATION.match(line) is not None
    return (next_number and (done or citation)) or (done and citation)


def _joined(paragraph: Paragraph) -> str:
    return normalize_space(" ".join(paragraph[1]))


def _is_notice(paragraph: Paragraph) -> bool:
    """A notice naming other articles (``Erratum in`` / indented citations) or a headed block (``Author
    information:``, ``Collaborators:``) or the language note."""
    lines = paragraph[1]
    if _HEADED.match(lines[0]) or _LANGUAGE.fullmatch(_joined(paragraph)):
        return True
    if _NOTICE_HEAD.fullmatch(lines[0].strip()):
        return True
    return len(lines) > 1 and all(_NOTICE.match(line) for line in lines[1:]) and not _NOTICE.match(lines[0])


def _names(paragraph: Paragraph) -> list[str] | None:
    """The authors, when the paragraph is PubMed's list of them; None when it is not."""
    text = _joined(paragraph)
    marked = _AFFILIATION_MARK.search(text) is not None
    names = [name.strip() for name in re.split(r"[,;]", _AFFILIATION_MARK.sub("", text).rstrip("."))]
    if not all(names) or any(len(name) > 100 or ":" in name for name in names):
        return None
    groups = [bool(_GROUP.search(name)) and len(name.split()) <= 12 for name in names]
    people = [bool(_SHORT_NAME.fullmatch(name)) for name in names]
    if all(g or p for g, p in zip(groups, people, strict=True)) and (marked or any(people) or len(names) == 1):
        return [name if group else initials_name(name) for name, group in zip(names, groups, strict=True)]
    return None


def _text_paper(fields: Mapping[str, Any], source: Source) -> Paper:
    paragraphs: list[Paragraph] = fields["paragraphs"]
    citation, rest = _joined(paragraphs[0]), paragraphs[1:]
    trailer = next((i for i, p in enumerate(rest) if _TRAILER.match(p[1][0])), len(rest))
    head, identifiers = rest[:trailer], [line.strip() for p in rest[trailer:] for line in p[1]]
    kinds = [_NOTICE_TYPES.get(normalize_space(p[1][0]).rstrip(":").strip().lower()) for p in head if _is_notice(p)]
    head = [p for p in head if not _is_notice(p)]
    title = _joined(head[0]) if head else ""  # the paragraph after the citation: PubMed always gives a title
    head = head[1:]
    authors: list[str] = []
    if head and (found := _names(head[0])) is not None:
        authors, head = found, head[1:]
    if head and _copyright(head[-1]):  # alone, it is no abstract: a reply with a copyright line only
        head = head[:-1]
    abstract = normalize_space(" ".join(_joined(p) for p in head))
    if not abstract:
        raise NoAbstract(repr(pubmed_title(title)) if title else "no text after the citation")
    doi = _field(identifiers, "DOI") or _cited(_CITED_DOI, citation)
    pmid = _field(identifiers, "PMID").split()[0] if _field(identifiers, "PMID") else ""
    links = web_links([], doi)
    if pmid.isdigit():
        links.insert(0, f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    date = _cited(_CITED_DATE, citation)
    return Paper(
        id="",
        title=pubmed_title(title) or None,
        abstract=abstract,
        sources=(source,),
        authors_count=len(authors) or None,
        authors=tuple(authors),
        date=written_date(date) if date else None,
        links=tuple(links),
        venue=venue_text(_cited(_CITED_JOURNAL, citation)) if _CITED_JOURNAL.match(citation) else None,
        publication_type=most_notable(kinds),
    )


def _copyright(paragraph: Paragraph) -> bool:
    text = _joined(paragraph)
    return len(text) <= _COPYRIGHT_CHARS and _COPYRIGHT.match(text) is not None


def _field(lines: list[str], name: str) -> str:
    prefix = f"{name}:".lower()
    return next((line[len(prefix) :].strip() for line in lines if line.lower().startswith(prefix)), "")


def _cited(pattern: re.Pattern[str], citation: str) -> str:
    found = pattern.search(citation)
    return found.group(1) if found else ""


def pubmed_title(title: str) -> str:
    """A title as PubMed writes it, as MEDLINE's ``TI`` is read."""
    return medline_title(normalize_space(title))


# ---- XML -----------------------------------------------------------------------------------------------------------

_XML_ROOT = re.compile(XML_PROLOGUE + r"<(PubmedArticleSet|PubmedBookArticleSet)\b", re.S)
_ARTICLE = re.compile(r"<(PubmedArticle|PubmedBookArticle)(?=[\s>])")


def detect_xml(text: TextFile) -> bool:
    """Claims XML whose root element is ``<PubmedArticleSet>`` (E-utilities' ``efetch``, the baseline files)."""
    return opens_xml(text.lines, _XML_ROOT)


def read_xml(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per article with an abstract; articles that do not parse or have no abstract are reported."""
    source = "\n".join(text.lines)
    records = list(_xml_articles(source))
    if not records:
        return [], [
            Problem(text.path, 1, "PubMed XML without any <PubmedArticle>, skipped", skipped=True, whole_file=True)
        ]
    return papers_from_records(text.path, records, _parse_xml, _xml_paper, "PubMed XML")


def _xml_articles(source: str) -> Iterator[tuple[int, str]]:
    """(line, XML) per article (``fields.numbered_spans``: a baseline file of 30,000 articles is counted through
    once)."""
    return numbered_spans(source, _article_spans(source))


def _article_spans(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) per article: from its opening tag to its closing one, or to the next article when it is never
    closed. One written in a comment or CDATA section is text (``fields.xml_tags``)."""
    openings = list(xml_tags(_ARTICLE, source))
    for i, opening in enumerate(openings):
        limit = openings[i + 1].start() if i + 1 < len(openings) else len(source)
        closing = f"</{opening.group(1)}>"
        end = source.find(closing, opening.start(), limit)
        yield opening.start(), end + len(closing) if end >= 0 else limit


def _parse_xml(record: str) -> Mapping[str, Any]:
    return {"article": xml_element(record)}


def _inner(element: ET.Element | None) -> str:
    """An element's text with its markup (``<i>``, ``<b>``, MathML) dropped, a ``<sup>`` raised ("10⁶")."""
    return normalize_space(_markup_text(element)) if element is not None else ""


def _markup_text(element: ET.Element) -> str:
    """The text with ``<sup>`` raised, a numbered citation ("effort<sup>1-4</sup>") dropped as MEDLINE drops it."""
    parts = [element.text or ""]
    for child in element:
        inner = _markup_text(child)
        if child.tag == "sup" and (raised := normalize_space(inner)):
            inner = "" if cites(raised, "".join(parts)) else raised_text(raised)
        parts.append(inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _xml_paper(fields: Mapping[str, Any], source: Source) -> Paper | None:
    article: ET.Element = fields["article"]
    document = article.find("MedlineCitation/Article")
    if document is None:
        document = article.find("BookDocument")
    if document is None:
        raise NoAbstract("no <Article> in it")
    parts = []
    for part in document.findall("Abstract/AbstractText"):
        text, label = _inner(part), (part.get("Label") or "").strip()
        if text:
            parts.append(f"{label}: {text}" if label else text)
    title = _inner(document.find("ArticleTitle")) or _inner(document.find("Book/BookTitle"))
    if not parts:
        raise NoAbstract(repr(pubmed_title(title)) if title else "no <Abstract> in it")
    authors, complete = _xml_authors(document)
    pmid = _inner(article.find("MedlineCitation/PMID")) or _inner(article.find("BookDocument/PMID"))
    doi = next(
        (
            _inner(e)
            for e in (*document.findall("ELocationID"), *article.findall("PubmedData/ArticleIdList/ArticleId"))
            if (e.get("EIdType") or e.get("IdType")) == "doi" and _inner(e)
        ),
        "",
    )
    links = web_links([], doi)
    if pmid.isdigit():
        links.insert(0, f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    return Paper(
        id="",
        title=pubmed_title(title) or None,
        abstract=" ".join(parts),
        sources=(source,),
        authors_count=len(authors) if authors and complete else None,
        authors=tuple(authors),
        date=_xml_date(document),
        links=tuple(links),
        venue=_xml_venue(document),
        publication_type=publication_type(_inner(e) for e in document.findall("PublicationTypeList/PublicationType")),
    )


def _xml_venue(document: ET.Element) -> str | None:
    """The journal's name (``Journal/Title``, else its abbreviation ``ISOAbbreviation``); a book chapter's book
    (``Book/BookTitle``: GeneReviews)."""
    names = ("Journal/Title", "Journal/ISOAbbreviation", "Book/BookTitle")
    return next((name for path in names if (name := venue_text(_inner(document.find(path))))), None)


def _xml_authors(document: ET.Element) -> tuple[list[str], bool]:
    """The authors ("Chaolin Huang", a group's name as it is) and whether the list is complete (``CompleteYN``)."""
    for author_list in document.findall("AuthorList"):
        if author_list.get("Type", "authors") != "authors":
            continue  # a book's editors
        names = []
        for author in author_list.findall("Author"):
            given = _inner(author.find("ForeName")) or " ".join(f"{c}." for c in _inner(author.find("Initials")))
            person = " ".join(filter(None, (given, _inner(author.find("LastName")), _inner(author.find("Suffix")))))
            if name := person or _inner(author.find("CollectiveName")):
                names.append(name)
        return names, author_list.get("CompleteYN", "Y") != "N"
    return [], True


def _xml_date(document: ET.Element) -> str | None:
    """The issue's date (``PubDate``: ``Year`` / ``Month`` / ``Day``, or ``MedlineDate`` "2020 Jan-Feb"), as MEDLINE's
    ``DP`` gives it; a book chapter's ``ContributionDate`` (GeneReviews' series began in 1993), else its book's
    ``PubDate``."""
    date = document.find("Journal/JournalIssue/PubDate")
    for other in ("ContributionDate", "Book/PubDate"):  # a chapter's own date, not its series' first year
        if date is None:
            date = document.find(other)
    if date is None:
        return None
    if medline := _inner(date.find("MedlineDate")):
        return written_date(medline)
    year, month, day = (_inner(date.find(part)) for part in ("Year", "Month", "Day"))
    if month.isdigit() and 1 <= int(month) <= 12:
        month = next(name for name, value in MONTHS.items() if value == int(month))
    return written_date(" ".join(filter(None, (year, month, day))))

"""A paper's venue and its notable publication type, as the exports write them, in sitegen's small vocabulary.

A screener must tell a conference abstract from its full paper, an erratum from its original, a retracted paper
from a sound one: each export says so in its own words (PubMed's ``Published Erratum``, Web of Science's
``Correction``, Scopus's ``Erratum``, OpenAlex's ``erratum``). They are read into :data:`PUBLICATION_TYPES`, and
only into those: the plain journal article, and kinds no reader needs to see (a book chapter, a dataset, "Research
Support, N.I.H., Extramural"), are no type (None). Nothing is guessed: an arXiv paper is not called a preprint
unless its record says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitegen.textutil import normalize_space

PUBLICATION_TYPES = (
    "Retraction notice",
    "Retracted",
    "Erratum",
    "Preprint",
    "Conference abstract",
    "Conference paper",
    "Editorial",
    "Letter",
    "Comment",
    "Meta-analysis",
    "Systematic review",
    "Randomized controlled trial",
    "Clinical trial",
    "Case report",
    "Review",
)
"""The publication types a paper may be given, most notable first: of several a record gives (PubMed lists
"Journal Article", "Review", "Systematic Review", "Meta-Analysis"), and of several copies merged, the first in this
order is kept. What a paper is or became (a retraction notice, a retracted paper, a correction, a preprint, a
conference abstract, an editorial or letter) comes before the design of the study it reports, the more specific
design before the broader ("Meta-analysis" before "Systematic review", "Randomized controlled trial" before "Clinical
trial", "Case report" before the "Review" of the literature it comes with)."""

_RANK = {name: rank for rank, name in enumerate(PUBLICATION_TYPES)}

_NAMES: dict[str, str] = {
    # PubMed (XML PublicationType, MEDLINE PT) and Europe PMC's pubType, which repeats them
    "Retraction of Publication": "Retraction notice",
    "Retracted Publication": "Retracted",
    "Published Erratum": "Erratum",
    "Preprint": "Preprint",
    "Congress": "Conference paper",  # NLM: "proceedings of a meeting, conference ..."
    "Editorial": "Editorial",
    "Letter": "Letter",
    "Comment": "Comment",
    "Meta-Analysis": "Meta-analysis",
    "Systematic Review": "Systematic review",
    "Randomized Controlled Trial": "Randomized controlled trial",
    "Randomized Controlled Trial, Veterinary": "Randomized controlled trial",
    "Clinical Trial": "Clinical trial",
    "Clinical Trial, Phase I": "Clinical trial",
    "Clinical Trial, Phase II": "Clinical trial",
    "Clinical Trial, Phase III": "Clinical trial",
    "Clinical Trial, Phase IV": "Clinical trial",
    "Clinical Trial, Veterinary": "Clinical trial",
    "Controlled Clinical Trial": "Clinical trial",
    "Pragmatic Clinical Trial": "Clinical trial",
    "Equivalence Trial": "Clinical trial",
    "Adaptive Clinical Trial": "Clinical trial",
    "Case Reports": "Case report",
    "Review": "Review",
    "Scoping Review": "Review",
    # Web of Science DT, Scopus "Document Type" (also RIS M3), Embase
    "Retraction": "Retraction notice",
    "Retracted": "Retracted",
    "Correction": "Erratum",
    "Erratum": "Erratum",
    "Meeting Abstract": "Conference abstract",
    "Conference Abstract": "Conference abstract",
    "Proceedings Paper": "Conference paper",
    "Conference Paper": "Conference paper",
    "Editorial Material": "Editorial",
    # OpenAlex type, Crossref type, JATS article-type (Europe PMC), CSL and Zotero item types, Semantic Scholar
    "retraction": "Retraction notice",
    "correction": "Erratum",
    "proceedings-article": "Conference paper",
    "paper-conference": "Conference paper",
    "conferencePaper": "Conference paper",
    "Conference": "Conference paper",
    "review-article": "Review",
    "systematic-review": "Systematic review",
    "case-report": "Case report",
    "CaseReport": "Case report",
    "MetaAnalysis": "Meta-analysis",
    "ClinicalTrial": "Clinical trial",
    "LettersAndComments": "Letter",
    # Dimensions' and Lens.org's publication types
    "proceeding": "Conference paper",
    "conference proceedings article": "Conference paper",
    # RIS TY
    "ABST": "Conference abstract",
    "CONF": "Conference paper",
    "CPAPER": "Conference paper",
    # BibTeX entry types
    "inproceedings": "Conference paper",
    # sitegen's own output reads back as written
    **{name: name for name in PUBLICATION_TYPES},
}
"""What the exports write (compared folded: case, spaces, hyphens and underscores aside) -> sitegen's type. Not
here, so no type: "Journal Article", "Article", "research-article", "Note", "Book Chapter", a clinical trial's
protocol (no trial result), Scopus's "Conference Review" (a proceedings volume's front matter) and "Short Survey"."""


def _folded(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()


_FOLDED = {_folded(name): kind for name, kind in _NAMES.items()}


def publication_type(names: Iterable[object]) -> str | None:
    """The most notable type (:data:`PUBLICATION_TYPES`' order) of the names a record gives; None when none is
    notable. A name may hold several parted by ``;`` (Web of Science's ``Article; Proceedings Paper``)."""
    found = [
        kind
        for name in names
        if isinstance(name, str)
        for part in name.split(";")
        if (kind := _FOLDED.get(_folded(part)))
    ]
    return most_notable(found)


def most_notable(kinds: Iterable[str | None]) -> str | None:
    """The first of ``kinds`` in :data:`PUBLICATION_TYPES`' order (unknown ones and None left out)."""
    return min((k for k in kinds if k in _RANK), key=_RANK.__getitem__, default=None)


def venue_text(value: object) -> str | None:
    """A journal's or proceedings' name as the input writes it, whitespace normalised; None for no text."""
    return normalize_space(value) or None if isinstance(value, str) else None

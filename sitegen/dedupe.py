"""Merge the same paper read from several places into one record that keeps every source."""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from anyascii import anyascii

from sitegen.ingest.fields import distinct_links, link_identifier
from sitegen.ingest.kinds import most_notable
from sitegen.records import Paper, Problem
from sitegen.textutil import comparison_key, greek_letter_names

# Two copies whose abstracts share less than this (word-set Jaccard) are different papers.
_SAME_PAPER_JACCARD = 0.5

T = TypeVar("T")


PREPRINT_DOI_PREFIXES = frozenset(
    {"10.1101", "10.2139", "10.21203", "10.20944", "10.26434", "10.36227", "10.22541", "10.5281", "10.6084"}
    | {"10.31219", "10.31234", "10.31235", "10.31222", "10.31223", "10.31224", "10.31226", "10.31730", "10.32942"}
)
"""DOI prefixes of preprint servers and repositories (bioRxiv and medRxiv, SSRN, Research Square, Preprints.org,
ChemRxiv, TechRxiv, Authorea, Zenodo, figshare, the OSF's servers): a paper keeps the same title and abstract
from its preprint to its journal, so such a DOI beside a journal's is no sign of two papers."""


def preprint_doi(doi: str) -> bool:
    """Whether a DOI (``10.1101/2024.01.15.575001``, no ``doi:``) is a preprint server's
    (:data:`PREPRINT_DOI_PREFIXES`): merging and the site memory hold it to disagree with no other DOI."""
    return doi.split("/", 1)[0] in PREPRINT_DOI_PREFIXES


def paper_key(paper: Paper) -> str:
    """Identity of a paper: its normalised title (Greek letters by name, so "β-VAE" is "$\\beta$-VAE"), or its
    abstract when it has no title (or one of punctuation only, as "???": two such are no more the same paper than two
    untitled ones)."""
    if paper.title and (title := comparison_key(greek_letter_names(paper.title))):
        return "t:" + title
    return "a:" + comparison_key(paper.abstract)


def identifiers(paper: Paper) -> set[tuple[str, str]]:
    """The paper's ``(kind, id)`` pairs from its links (:func:`link_identifier`); a preprint server's DOI is none
    (:data:`PREPRINT_DOI_PREFIXES`)."""
    found = {ident for link in paper.links if (ident := link_identifier(link))}
    return {(kind, value) for kind, value in found if kind != "doi" or not preprint_doi(value)}


def conflicting(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Whether two sets of identifiers name different papers: of some kind both have one, and none in common. A
    yearly report under one title, "Annual report of the cancer registry", is two papers with two DOIs."""
    kinds = {kind for kind, _ in a} & {kind for kind, _ in b}
    return any(not {i for k, i in a if k == kind} & {i for k, i in b if k == kind} for kind in kinds)


def _likeness(text_a: str, words_a: frozenset[str], text_b: str, words_b: frozenset[str]) -> float:
    """How alike two abstracts are (as their :func:`~sitegen.textutil.comparison_key`), given their words: 1 when
    one is the other or its beginning, else the share of their words they have in common (Jaccard)."""
    if text_a == text_b or text_a.startswith(text_b) or text_b.startswith(text_a):
        return 1.0
    return len(words_a & words_b) / max(1, len(words_a | words_b))


@dataclass(frozen=True, eq=False)
class _Copy:
    """A paper read from one place, with what comparing it takes, worked out once."""

    paper: Paper
    key: str
    ids: frozenset[tuple[str, str]]
    names: frozenset[str]
    """The words of its authors' names, in Latin letters, initials left out."""

    @classmethod
    def of(cls, paper: Paper) -> _Copy:
        names = frozenset(w for name in paper.authors for w in comparison_key(anyascii(name)).split() if len(w) > 1)
        return cls(paper, paper_key(paper), frozenset(identifiers(paper)), names)

    @functools.cached_property
    def text(self) -> str:
        """The abstract, folded (only when it is compared: most copies have no namesake)."""
        return comparison_key(self.paper.abstract)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.text.split())

    def likeness(self, other: _Copy) -> float:
        return _likeness(self.text, self.words, other.text, other.words)


@dataclass(eq=False)
class _Cluster:
    """Copies found to be one paper, with what they hold together."""

    copies: list[_Copy] = field(default_factory=list)
    ids: set[tuple[str, str]] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    order: int = 0
    """Its place among the clusters made so far: of candidates as alike, the first made wins."""

    def add(self, copy: _Copy) -> None:
        self.copies.append(copy)
        self.ids |= copy.ids
        self.names |= copy.names
        self.keys.add(copy.key)

    def likeness(self, copy: _Copy) -> float:
        return max(c.likeness(copy) for c in self.copies)

    def closeness(self, other: _Cluster) -> float:
        return max(self.likeness(c) for c in other.copies)


def dedupe(papers: Sequence[Paper]) -> tuple[list[Paper], list[Problem]]:
    """Merge duplicates; result is ordered by each paper's first source.

    Copies are one paper when they share an identifier (a DOI, arXiv or PubMed id) and their titles or abstracts
    are alike (``β-VAE`` and ``$\\beta$-VAE``, a title without its subtitle); or, without one, when their titles
    agree (:func:`paper_key`) and their abstracts are alike (:meth:`_Cluster.closeness`), unless both name their
    authors and no name is in both (two editorials under one title). Never when their identifiers disagree
    (:func:`conflicting`). A copy alike to several goes with the likest, so the preprint with the conference
    version's abstract joins the conference paper, not the journal paper of the same title; copies with the most
    identifiers are placed first, then by content (:func:`_content`), so none of this depends on the files' names or
    order. Candidates are looked up by identifier and by title, so the work grows with the number of copies, not its
    square."""
    copies = [_Copy.of(p) for p in sorted(papers, key=lambda p: p.sources)]
    units = _clusters_by_identifier(copies)
    # Then by title and abstract: the clusters made so far and the copies without identifiers, in input order.
    for copy in copies:
        if not copy.ids:
            units.append(_Cluster())
            units[-1].add(copy)
    kept = _clusters_by_title(units)
    _join_untitled_copies(kept)
    problems = _join_retitled_copies(kept)
    merged: list[Paper] = []
    for cluster in kept:
        paper, found_problems = merge(sorted((c.paper for c in cluster.copies), key=lambda p: p.sources))
        merged.append(paper)
        problems.extend(found_problems)
    merged.sort(key=lambda p: p.sources)
    return merged, problems


def _clusters_by_identifier(copies: Sequence[_Copy]) -> list[_Cluster]:
    """The first phase of :func:`dedupe`: the copies with identifiers, those with the most first (a journal record
    with its DOI and arXiv id before the bare preprint, which then goes with the version its abstract is), each
    joined to the likest cluster it shares an identifier with."""
    by_id: dict[tuple[str, str], list[_Cluster]] = {}
    units: list[_Cluster] = []
    for copy in sorted((c for c in copies if c.ids), key=lambda c: (-len(c.ids), *_content(c))):
        found = {id(c): c for i in copy.ids for c in by_id.get(i, [])}
        candidates = [
            c
            for c in found.values()
            if not conflicting(c.ids, set(copy.ids)) and c.likeness(copy) >= _SAME_PAPER_JACCARD
        ]
        home = max(candidates, key=lambda c: (c.likeness(copy), -c.order)) if candidates else _Cluster(order=len(units))
        if not candidates:
            units.append(home)
        home.add(copy)
        for i in copy.ids:
            if home not in by_id.setdefault(i, []):
                by_id[i].append(home)
    return units


def _clusters_by_title(units: Sequence[_Cluster]) -> list[_Cluster]:
    """The second phase of :func:`dedupe`: each cluster, in the order of its content, joins the closest cluster kept
    before it under one of its title keys (no identifier disagreeing, an author in common where both name them),
    else is kept."""
    kept: list[_Cluster] = []
    by_key: dict[str, list[_Cluster]] = {}
    for unit in sorted(units, key=lambda u: min(_content(c) for c in u.copies)):
        unit.order = len(kept)
        found = {id(c): c for key in unit.keys for c in by_key.get(key, [])}
        candidates = [
            c
            for c in found.values()
            if not conflicting(c.ids, unit.ids)
            and (not c.names or not unit.names or c.names & unit.names)
            and c.closeness(unit) >= _SAME_PAPER_JACCARD
        ]
        home = max(candidates, key=lambda c: (c.closeness(unit), -c.order)) if candidates else unit
        if candidates:
            for copy in unit.copies:
                home.add(copy)
        else:
            kept.append(unit)
        for key in unit.keys:
            if home not in by_key.setdefault(key, []):
                by_key[key].append(home)
    return kept


def _content(copy: _Copy) -> tuple[bool, str, str, tuple[str, ...], str]:
    """The order copies are placed in, by what they say and never by their files' names: those naming their authors
    first (an unnamed copy then joins the likest paper, not the first one read), then by title and text."""
    paper = copy.paper
    return (not paper.authors, copy.key, paper.abstract, paper.authors, paper.date or "")


def _join_untitled_copies(clusters: list[_Cluster]) -> None:
    """An untitled copy (a file of "Abstract:" lines) of a paper an export or listing titles joins the titled
    copies, when its abstract is theirs word for word (``comparison_key``) and no identifier says otherwise: it
    came out as a second page under a title made from its abstract."""
    if all(c.key.startswith("t:") for cluster in clusters for c in cluster.copies):
        return
    titled: dict[str, _Cluster] = {}
    for cluster in clusters:
        for copy in cluster.copies:
            if copy.key.startswith("t:"):
                titled.setdefault(copy.text, cluster)
    joined = set()
    for cluster in clusters:
        if all(c.key.startswith("a:") for c in cluster.copies):
            home = titled.get(cluster.copies[0].text)
            if home is not None and home is not cluster and not conflicting(home.ids, cluster.ids):
                for copy in cluster.copies:
                    home.add(copy)
                joined.add(id(cluster))
    clusters[:] = [c for c in clusters if id(c) not in joined]


RETITLED_WORDS = 30
"""Fewest words of an abstract that, word for word the same, makes copies under two alike titles one paper: short
texts ("This article has been retracted.") are shared by different papers."""
RETITLED_LIKENESS = 0.8
"""How alike two titles must be (difflib's ratio, folded) to be one title mistyped: "Dynamic Evaluaton of ..." and
"Dynamic Evaluation of ..."; not two titles over one abstract an export filled with its journal's description."""


def _join_retitled_copies(clusters: list[_Cluster]) -> list[Problem]:
    """Papers whose abstracts are word for word the same (``comparison_key``; :data:`RETITLED_WORDS` or more) under
    titles that differ by a slip (:data:`RETITLED_LIKENESS`) are one paper, unless their identifiers disagree or
    both name their authors and no name is in both; each join is said, so the slip can be fixed (QA: a typo fixed
    in one file of two left two pages of one abstract, without a word). Only papers whose abstracts open and end alike
    (:func:`_opening`) are compared, so an abstract is folded whole only when another's ends are its own."""
    problems: list[Problem] = []
    earlier: dict[str, list[_Cluster]] = {}
    joined = set()
    for cluster in clusters:
        openings = {_opening(c.paper.abstract) for c in cluster.copies if c.key.startswith("t:")} - {""}
        candidates = {id(h): h for key in sorted(openings) for h in earlier.get(key, []) if id(h) not in joined}
        home = next((h for h in candidates.values() if _same_text(h, cluster) and _retitled(h, cluster)), None)
        if home is None:
            for key in openings:
                earlier.setdefault(key, []).append(cluster)
            continue
        copy, other = (min(c.copies, key=lambda c: c.paper.sources) for c in (cluster, home))
        problems.append(
            Problem.at(
                copy.paper.sources[0],
                f"title {copy.paper.title!r} differs from {other.paper.title!r} at {other.paper.sources[0]}, "
                "whose abstract is the same: merged as one paper",
            )
        )
        for c in cluster.copies:
            home.add(c)
        joined.add(id(cluster))
    clusters[:] = [c for c in clusters if id(c) not in joined]
    return problems


def _opening(abstract: str) -> str:
    """The first and the last 8 words of an abstract (folded from 120 characters at each end, so that a copy with a
    few more quotes or dashes has the same words), or nothing for a short one: abstracts that are the same open and
    end the same."""
    if len(abstract) < 200:
        return ""
    head = comparison_key(abstract[:120]).split()[:8]
    tail = comparison_key(abstract[-120:]).split()[-8:]
    return " ".join([*head, "...", *tail])


def _same_text(home: _Cluster, cluster: _Cluster) -> bool:
    """Whether the two hold a titled copy of one long abstract, word for word."""

    def texts(unit: _Cluster) -> set[str]:
        return {c.text for c in unit.copies if c.key.startswith("t:") and len(c.words) >= RETITLED_WORDS}

    return bool(texts(home) & texts(cluster))


def _retitled(home: _Cluster, cluster: _Cluster) -> bool:
    if conflicting(home.ids, cluster.ids) or (home.names and cluster.names and not home.names & cluster.names):
        return False
    return any(
        difflib.SequenceMatcher(None, a.key, b.key, autojunk=False).ratio() >= RETITLED_LIKENESS
        for a in home.copies
        for b in cluster.copies
        if a.key.startswith("t:") and b.key.startswith("t:")
    )


def merge(copies: Sequence[Paper]) -> tuple[Paper, list[Problem]]:
    """One record from several copies, each field the best a copy gives, whichever file it is in (renaming a file
    must not change the site): the abstract most copies give, else the longest; the fullest title (:func:`_title`);
    the first year with the most precise date of that year (:func:`_date`); the most complete and fullest author
    list (:func:`_authors`); the most upvotes; every link once (:func:`_link_rank`; of spellings of one link, the
    first by its text) and every source; the venue as most copies write it (:func:`_venue`) and the most notable
    publication type (:func:`_publication_type`). A copy whose abstract differs
    (beyond case and punctuation) is said."""
    first = copies[0]
    if len(copies) == 1:
        return first, []
    # The abstract most copies agree on (beyond case and punctuation: one source's glued citation numbers or
    # copyright line loses to the text the others share), then the longest; of two as long, the one its text puts
    # first, not its file's name.
    agree = Counter(comparison_key(p.abstract) for p in copies)
    longest = max(copies, key=lambda p: (agree[comparison_key(p.abstract)], len(p.abstract), p.abstract))
    problems = [
        Problem.at(
            p.sources[0],
            f"abstract differs from the copy at {longest.sources[0]}; kept "
            + (
                f"the one {agree[comparison_key(longest.abstract)]} copies give"
                if agree[comparison_key(longest.abstract)] > agree[comparison_key(p.abstract)]
                else "the longer one"
                if len(longest.abstract) > len(p.abstract)
                else "that one (they are as long)"
            ),
        )
        for p in copies
        if comparison_key(p.abstract) != comparison_key(longest.abstract)
    ]
    authors, authors_count = _authors(copies)
    merged = replace(
        first,
        title=_title(copies),
        abstract=longest.abstract,
        sources=tuple(sorted({s for p in copies for s in p.sources})),
        authors=authors,
        authors_count=authors_count,
        date=_date(copies),
        upvotes=max((p.upvotes for p in copies if p.upvotes is not None), default=None),
        links=tuple(sorted(distinct_links(sorted(link for p in copies for link in p.links)), key=_link_rank)),
        venue=_venue(copies),
        publication_type=_publication_type(copies),
    )
    return merged, problems


def _link_rank(link: str) -> tuple[int, str]:
    """Merged links in an order no file's name decides: the paper's DOI, arXiv and PubMed pages, then the others,
    each by its text."""
    kind = ident[0] if (ident := link_identifier(link)) else ""
    return ({"doi": 0, "arxiv": 1, "pmid": 2}.get(kind, 3), link)


def _title(copies: Sequence[Paper]) -> str | None:
    """The fullest title: not in capitals only ("DEEP RESIDUAL LEARNING ..."), of the most words (a subtitle kept:
    "...: A Randomized Clinical Trial"), without a full stop at its end, with the most acronyms kept (arXiv's "BERT:
    ..." before two Google Scholar copies' "Bert: ..."), then as most copies write it (QA: three databases'
    "(TOCI-GER): a randomised ..." lost to Scopus's "(TOCI-GER) - A Randomised ...", one character longer), then the
    longest, then the one with most capitals (the journal's "Attention Is All You Need" before Google Scholar's
    "Attention is all you need"), then by its text."""
    titles = [p.title for p in copies if p.title]
    if not titles:
        return None
    written = Counter(titles)
    return max(
        titles,
        key=lambda t: (
            not t.isupper(),
            len(comparison_key(t)),
            not t.endswith("."),
            sum(1 for word in _WORD.findall(t) if word.isupper()),
            written[t],
            len(t),
            sum(c.isupper() for c in t),
            t,
        ),
    )


_WORD = re.compile(r"[^\W\d_]{2,}")
"""A word of a title, for counting its acronyms ("BERT" before Google Scholar's "Bert")."""


def _date(copies: Sequence[Paper]) -> str | None:
    """The first year any copy gives, as precisely as a copy gives a date of that year (the day the preprint came out
    before the year of the journal's issue; a day of that year before its month): when the paper first appeared."""
    dates = [p.date for p in copies if p.date]
    if not dates:
        return None
    year = min(d[:4] for d in dates)
    return min((d for d in dates if d.startswith(year)), key=lambda d: (-len(d), d))


def _authors(copies: Sequence[Paper]) -> tuple[tuple[str, ...], int | None]:
    """The names of the copy that gives the most of them, a complete list before one cut short ("and others"), of
    equals the one with the fullest names (given names written out, then letters beyond ASCII: "Augustin Žídek"
    before "A. Zidek"); with the largest count any copy gives, when it is more than those names ("• 12 authors" on a
    listing page, beside an export that names the first three), else their number. No names: the first count
    given."""
    named = [p for p in copies if p.authors]
    if not named:
        return (), _first(p.authors_count for p in copies)
    best = max(
        named,
        key=lambda p: (
            p.authors_count is not None,
            len(p.authors),
            sum(len(name) for name in p.authors),
            sum(not ch.isascii() for name in p.authors for ch in name),
            p.authors,
        ),
    )
    counts = [p.authors_count for p in copies if p.authors_count is not None and p.authors_count > len(best.authors)]
    return best.authors, max(counts, default=best.authors_count)


def _venue(copies: Sequence[Paper]) -> str | None:
    """The venue of the copies that are not preprints when one names it (the journal a preprint appeared in, not
    "arXiv (Cornell University)"), not in capitals only (Web of Science's "LANCET" after "The Lancet"), as most of
    them write it (compared without case or punctuation), then the longest (the journal's name before its
    abbreviation: "Lancet (London, England)" before "Lancet"), then by its text: whichever file each copy is in."""
    published = [p.venue for p in copies if p.venue and _published(p)]
    venues = published or [p.venue for p in copies if p.venue]
    if not venues:
        return None
    written = Counter(comparison_key(v) for v in venues)
    return max(venues, key=lambda v: (not v.isupper(), written[comparison_key(v)], len(v), v))


def _publication_type(copies: Sequence[Paper]) -> str | None:
    """The most notable type a copy gives (:data:`~sitegen.ingest.kinds.PUBLICATION_TYPES`' order: a retraction
    any database records is shown, whichever says the paper is a plain article), but "Preprint" only when no copy of
    another type names a venue: a preprint merged with its journal version is the published paper. Copies that
    differ only in their type are merged or kept apart as before (an erratum, whose text is not its original's,
    stays a paper of its own)."""
    published = any(_published(p) for p in copies)
    return most_notable(p.publication_type for p in copies if not (published and p.publication_type == "Preprint"))


PREPRINT_SERVERS = re.compile(
    r"\b(?:arxiv|biorxiv|medrxiv|chemrxiv|techrxiv|psyarxiv|socarxiv|edarxiv|eartharxiv|ssrn|research square"
    r"|preprints\.org|osf preprints|zenodo|openreview)\b",
    re.IGNORECASE,
)
"""Venues that name where preprints are posted, not where the paper was published: Google Scholar's BibTeX writes
``journal={arXiv preprint arXiv:2109.00001}``, OpenAlex gives ``arXiv (Cornell University)`` as the source of a
record it types "article" (QA: either was the merged paper's venue beside the journal's, being longer)."""


def _published(paper: Paper) -> bool:
    """Whether a copy names the venue the paper was published in: a venue, on a copy that is no preprint and in no
    preprint server (:data:`PREPRINT_SERVERS`)."""
    return bool(paper.venue) and paper.publication_type != "Preprint" and not PREPRINT_SERVERS.search(paper.venue or "")


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)

"""Merge the same paper read from several places into one record that keeps every source."""

from __future__ import annotations

import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from sitegen.ingest.fields import distinct_links
from sitegen.records import Paper, Problem
from sitegen.textutil import fold

# Two copies whose abstracts share less than this (word-set Jaccard) are different papers.
_SAME_PAPER_JACCARD = 0.5

T = TypeVar("T")


_IDENTIFIER = re.compile(
    r"^https?://(?:www\.)?(?:doi\.org/10\.48550/arxiv\.(?P<arxiv_doi>[^?#]+?)|doi\.org/(?P<doi>[^?#]+?)"
    r"|arxiv\.org/abs/(?:arxiv:)?(?P<arxiv>[^?#]+?)|pubmed\.ncbi\.nlm\.nih\.gov/(?P<pmid>\d+))(?:v\d+)?/?$",
    re.IGNORECASE,
)
"""The identifiers a link writes: a DOI, an arXiv id (from its page or its DataCite DOI ``10.48550/arXiv.ID``; any
version) or a PubMed id."""

PREPRINT_DOI_PREFIXES = frozenset(
    {"10.1101", "10.2139", "10.21203", "10.20944", "10.26434", "10.36227", "10.22541", "10.5281", "10.6084"}
    | {"10.31219", "10.31234", "10.31235", "10.31222", "10.31223", "10.31224", "10.31226", "10.31730", "10.32942"}
)
"""DOI prefixes of preprint servers and repositories (bioRxiv and medRxiv, SSRN, Research Square, Preprints.org,
ChemRxiv, TechRxiv, Authorea, Zenodo, figshare, the OSF's servers): a paper keeps the same title and abstract
from its preprint to its journal, so such a DOI beside a journal's is no sign of two papers."""


def paper_key(paper: Paper) -> str:
    """Identity of a paper: its normalised title, or its abstract when it has no title (or one of punctuation only,
    as "???": two such are no more the same paper than two untitled ones)."""
    if paper.title and (title := fold(paper.title)):
        return "t:" + title
    return "a:" + fold(paper.abstract)


def identifiers(paper: Paper) -> set[tuple[str, str]]:
    """The paper's ``(kind, id)`` pairs from its links (``"doi"``, ``"arxiv"``, ``"pmid"``; lower case, URL
    escapes decoded, no trailing slash or full stop); a preprint server's DOI is none
    (:data:`PREPRINT_DOI_PREFIXES`)."""
    found = set()
    for link in paper.links:
        if m := _IDENTIFIER.match(link):
            kind = next(k for k, v in m.groupdict().items() if v)
            value = urllib.parse.unquote(m[kind]).lower().rstrip("/.")
            if kind == "doi" and value.split("/", 1)[0] in PREPRINT_DOI_PREFIXES:
                continue
            found.add(("arxiv" if kind == "arxiv_doi" else kind, value))
    return found


def conflicting(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Whether two sets of identifiers name different papers: of some kind both have one, and none in common. A
    yearly report under one title, "Annual report of the cancer registry", is two papers with two DOIs."""
    kinds = {kind for kind, _ in a} & {kind for kind, _ in b}
    return any(not {i for k, i in a if k == kind} & {i for k, i in b if k == kind} for kind in kinds)


def same_paper(a: str, b: str) -> bool:
    """Do two abstracts (under the same title) describe the same paper?"""
    fa, fb = fold(a), fold(b)
    if fa == fb or fa.startswith(fb) or fb.startswith(fa):
        return True
    wa, wb = set(fa.split()), set(fb.split())
    return len(wa & wb) / max(1, len(wa | wb)) >= _SAME_PAPER_JACCARD


def dedupe(papers: Sequence[Paper]) -> tuple[list[Paper], list[Problem]]:
    """Merge duplicates; result is ordered by each paper's first source."""
    groups: dict[str, list[list[Paper]]] = defaultdict(list)
    ids: dict[int, set[tuple[str, str]]] = {}  # a cluster's (by id()) identifiers so far
    for paper in sorted(papers, key=lambda p: p.sources):
        clusters = groups[paper_key(paper)]
        own = identifiers(paper)
        home = next(
            (c for c in clusters if same_paper(c[0].abstract, paper.abstract) and not conflicting(ids[id(c)], own)),
            None,
        )
        if home is None:
            home = [paper]
            clusters.append(home)
            ids[id(home)] = set()
        else:
            home.append(paper)
        ids[id(home)] |= own
    _join_untitled_copies(groups, ids)
    merged: list[Paper] = []
    problems: list[Problem] = []
    for clusters in groups.values():
        for copies in clusters:
            paper, found = merge(copies)
            merged.append(paper)
            problems.extend(found)
    merged.sort(key=lambda p: p.sources)
    return merged, problems


def _join_untitled_copies(groups: dict[str, list[list[Paper]]], ids: dict[int, set[tuple[str, str]]]) -> None:
    """An untitled copy (a file of "Abstract:" lines) of a paper an export or listing titles joins the titled
    copies, when its abstract is theirs word for word (``fold``) and no identifier says otherwise: it came out as a
    second page under a title made from its abstract."""
    titled: dict[str, list[Paper]] = {}
    for key, clusters in groups.items():
        if key.startswith("t:"):
            for cluster in clusters:
                for paper in cluster:
                    titled.setdefault(fold(paper.abstract), cluster)
    for key in [k for k in groups if k.startswith("a:")]:
        kept = []
        for cluster in groups[key]:
            home = titled.get(key[2:])
            if home is not None and not conflicting(ids[id(home)], ids[id(cluster)]):
                home.extend(cluster)
                home.sort(key=lambda p: p.sources)
                ids[id(home)] |= ids[id(cluster)]
            else:
                kept.append(cluster)
        groups[key] = kept


def merge(copies: Sequence[Paper]) -> tuple[Paper, list[Problem]]:
    """One record from several copies: longest abstract, first known metadata, all sources."""
    first = copies[0]
    if len(copies) == 1:
        return first, []
    # The longest abstract; of two as long, the one its text puts first, not its file's name (renaming a file must
    # not change the site).
    longest = max(copies, key=lambda p: (len(p.abstract), p.abstract))
    problems = [
        Problem(
            p.sources[0].file,
            p.sources[0].line,
            f"abstract differs from the copy at {longest.sources[0]}; kept "
            + ("the longer one" if len(longest.abstract) > len(p.abstract) else "that one (they are as long)"),
        )
        for p in copies
        if p.abstract != longest.abstract
    ]
    authors, authors_count = _authors(copies)
    merged = replace(
        first,
        title=_first(p.title for p in copies),
        abstract=longest.abstract,
        sources=tuple(sorted({s for p in copies for s in p.sources})),
        authors=authors,
        authors_count=authors_count,
        date=_first(p.date for p in copies),
        upvotes=_first(p.upvotes for p in copies),
        links=tuple(distinct_links(link for p in copies for link in p.links)),  # http://x and https://x: one
    )
    return merged, problems


def _authors(copies: Sequence[Paper]) -> tuple[tuple[str, ...], int | None]:
    """The names of the copy that gives the most of them, a complete list before one cut short ("and others");
    with the largest count any copy gives, when it is more than those names ("• 12 authors" on a listing page, beside
    an export that names the first three), else their number. No names: the first count given."""
    named = [p for p in copies if p.authors]
    if not named:
        return (), _first(p.authors_count for p in copies)
    best = max(named, key=lambda p: (p.authors_count is not None, len(p.authors)))  # the first of equals
    counts = [p.authors_count for p in copies if p.authors_count is not None and p.authors_count > len(best.authors)]
    return best.authors, max(counts, default=best.authors_count)


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)

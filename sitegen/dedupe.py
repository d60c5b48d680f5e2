"""Merge the same paper read from several places into one record that keeps every source."""

from __future__ import annotations

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


def paper_key(paper: Paper) -> str:
    """Identity of a paper: its normalised title, or its abstract when it has no title."""
    if paper.title:
        return "t:" + fold(paper.title)
    return "a:" + fold(paper.abstract)


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
    for paper in sorted(papers, key=lambda p: p.sources):
        clusters = groups[paper_key(paper)]
        home = next((c for c in clusters if same_paper(c[0].abstract, paper.abstract)), None)
        if home is None:
            clusters.append([paper])
        else:
            home.append(paper)
    merged: list[Paper] = []
    problems: list[Problem] = []
    for clusters in groups.values():
        for copies in clusters:
            paper, found = merge(copies)
            merged.append(paper)
            problems.extend(found)
    merged.sort(key=lambda p: p.sources)
    return merged, problems


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

"""The whole flow in one place: ingest -> dedupe -> enrich -> themes -> render -> index."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sitegen import dedupe as dedupe_stage
from sitegen import enrich as enrich_stage
from sitegen.ingest import read_paths
from sitegen.records import Paper, Problem, Tally, ThemeResult

Progress = Callable[[str], None]


@dataclass(slots=True)
class Corpus:
    """Every paper of the input, enriched, plus what went wrong reading it."""

    papers: list[Paper]
    """Unique papers, sorted by id."""
    problems: list[Problem]
    """Problems in the order they were found."""
    tally: Tally
    """Counts for the final report."""
    themes: ThemeResult | None = None
    """Filled in by :func:`add_themes`."""
    readers: dict[str, str] = field(default_factory=dict)
    """Input file -> reader that claimed it."""


def read_corpus(paths: Iterable[str | os.PathLike[str]], *, merge: bool = True) -> Corpus:
    """Ingest, merge duplicates (unless ``merge`` is false) and enrich."""
    raw = read_paths(paths)
    problems = list(raw.problems)
    papers = raw.papers
    if merge:
        papers, merge_problems = dedupe_stage.dedupe(papers)
        problems.extend(merge_problems)
    papers = enrich_stage.enrich(papers)
    return Corpus(sorted(papers, key=lambda p: p.id), problems, _tally(raw.files, raw.papers, papers, problems), readers=raw.readers)


def _tally(files: int, raw: Sequence[Paper], unique: Sequence[Paper], problems: Sequence[Problem]) -> Tally:
    tally = Tally(files=files, problems=len(problems))
    for problem in problems:
        if problem.skipped:
            reason = problem.message.split(",")[0]
            tally.skip_reasons[reason] = tally.skip_reasons.get(reason, 0) + 1
    tally.skipped = sum(1 for p in problems if p.skipped and p.line > 0)
    tally.records = len(raw) + tally.skipped
    tally.merged = len(raw) - len(unique)
    return tally

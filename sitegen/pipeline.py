"""The whole flow in one place: ingest -> dedupe -> enrich -> themes -> render -> index."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import dedupe as dedupe_stage
from sitegen import enrich as enrich_stage
from sitegen.assets import static_assets
from sitegen.errors import BuildError, NoPapersError
from sitegen.ingest import display_path, read_paths
from sitegen.records import Paper, Problem, Tally, ThemeResult
from sitegen.render import Page, papers_json, render_pages
from sitegen.search import SearchDoc, build_search_files
from sitegen.templates import make_env
from sitegen.textutil import plain_math, plural
from sitegen.themes import ThemeOptions, detect_themes

_COLUMN = re.compile(r" (?:at )?column \d+(\)?)")
"""Where on its line a JSON error is: said in the problem, left out of the tally's reasons (as "at some column" at
the end of a parser's message, which may end in "at": "Unterminated string starting at column 14")."""


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
    """Filled in by :func:`gather_site`."""
    readers: dict[str, str] = field(default_factory=dict)
    """Input file -> reader that claimed it (kept for tests and debugging; the build does not print it)."""
    notes: list[str] = field(default_factory=list)
    """What was left out on purpose and is not a problem (folders holding a built site)."""


def read_corpus(
    paths: Iterable[str | os.PathLike[str]],
    *,
    merge: bool = True,
    exclude: Iterable[str | os.PathLike[str]] = (),
    pages: Mapping[str, Sequence[str]] | None = None,
) -> Corpus:
    """Ingest (nothing below the folders in ``exclude``), merge duplicates (unless ``merge`` is false) and enrich,
    keeping the paper pages an earlier build published (``pages``: the site memory's, :func:`enrich.assign_ids`)."""
    raw = read_paths(paths, exclude=exclude)
    problems = list(raw.problems)
    papers = raw.papers
    if merge:
        papers, merge_problems = dedupe_stage.dedupe(papers)
        problems.extend(merge_problems)
    papers = enrich_stage.enrich(papers, pages)
    return Corpus(
        sorted(papers, key=lambda p: p.id),
        problems,
        _tally(raw.files, raw.papers, papers, problems),
        readers=raw.readers,
        notes=raw.notes,
    )


NOT_READ = "hidden files and folders are not read"
"""Why a folder can hold files and still give none: said wherever no file was found."""


def check_some_papers(paths: Iterable[str | os.PathLike[str]], corpus: Corpus) -> None:
    """Refuse to build a site without a single paper: it would replace a good site by an empty one."""
    if corpus.papers:
        return
    names = ", ".join(display_path(Path(p)) for p in paths) or "(no inputs)"
    read, skipped = corpus.tally.files - corpus.tally.files_skipped, corpus.tally.files_skipped
    if read or skipped:
        counts = [f"{plural(n, 'file')} {how}" for n, how in ((read, "read"), (skipped, "skipped")) if n]
        why = f"{' and '.join(counts)}, not one paper (see the problems above)"
    else:
        why = f"no files found there ({NOT_READ}{', nor sites sitegen built' if corpus.notes else ''})"
    raise NoPapersError(f"no papers in {names}: {why}; nothing was built, and a site already there is kept", corpus)


def check_nothing_lost(tally: Tally) -> None:
    """Every record read is on a page, merged into another, or skipped with a reported reason."""
    if tally.records != tally.pages + tally.merged + tally.skipped:
        raise BuildError(
            f"tally does not add up: {tally.records} read != {tally.pages} written "
            f"+ {tally.merged} merged + {tally.skipped} skipped"
        )


def _tally(files: int, raw: Sequence[Paper], unique: Sequence[Paper], problems: Sequence[Problem]) -> Tally:
    tally = Tally(files=files)
    for problem in problems:
        if problem.skipped:
            table = tally.file_skip_reasons if problem.whole_file else tally.skip_reasons
            # Not cut at the first comma ("(FIFO, socket or device)"); one line per kind of problem, not per column.
            reason = _COLUMN.sub(
                lambda m: " at some column)" if m[1] else "",
                problem.message.split(", skipped")[0].removesuffix("; file skipped"),
            )
            table[reason] = table.get(reason, 0) + 1
    tally.skipped = sum(tally.skip_reasons.values())
    tally.files_skipped = sum(tally.file_skip_reasons.values())
    tally.records = len(raw) + tally.skipped
    tally.merged = len(raw) - len(unique)
    return tally


class Reporter:
    """Progress of long steps; the default says nothing. The CLI shows rich bars, MkDocs logs."""

    def start(self, step: str, total: int | None = None) -> None:
        """A step begins; ``total`` units of work when known."""

    def advance(self, amount: int = 1) -> None:
        """Some units of the current step are done."""

    def done(self) -> None:
        """The current step is finished."""


def as_steps(reporter: Reporter) -> Callable[[str], None]:
    """A long part of a step (embedding abstracts, say) shown as a step of its own."""

    def note(message: str) -> None:
        reporter.done()
        reporter.start(message[:1].upper() + message[1:])

    return note


@dataclass(slots=True)
class SiteBundle:
    """Everything the site needs, gathered before anything is written."""

    corpus: Corpus
    """Papers, themes, problems and tally."""
    pages: list[Page]
    """Markdown pages (home, themes, papers)."""
    files: dict[str, bytes]
    """Other generated files: papers.json, client libraries."""
    search: Callable[[Sequence[SearchDoc]], Mapping[str, bytes]]
    """The search index step, deferred: the plugin runs it while MkDocs writes the pages, with the project's own
    pages (none for sitegen's own site)."""
    notes: list[str] = field(default_factory=list)
    """What ``sitegen build`` says after the site is written (``mkdocs build`` logs it as it goes)."""


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    reporter: Reporter,
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    pages: Mapping[str, Sequence[str]] | None = None,
) -> Corpus:
    """The first step of the pipeline (read -> merge -> enrich), on its own so that a caller can stop before
    :func:`gather_site` does the rest."""
    reporter.start("Reading abstracts")
    corpus = read_corpus(paths, exclude=exclude, pages=pages)
    reporter.done()
    return corpus


def gather_site(
    corpus: Corpus,
    theme_options: ThemeOptions,
    *,
    site_name: str,
    templates: str | None = None,
    reporter: Reporter | None = None,
) -> SiteBundle:
    """The rest of the pipeline once :func:`read_inputs` has read, merged and enriched the ``corpus``: themes ->
    render -> search index; writes nothing."""
    reporter = reporter or Reporter()
    reporter.start(f"Detecting themes in {len(corpus.papers)} papers")
    corpus.themes = detect_themes(corpus.papers, theme_options, progress=as_steps(reporter))
    corpus.tally.themes, corpus.tally.unsorted = corpus.themes.counts
    reporter.done()
    reporter.start("Rendering Markdown pages", total=len(corpus.papers))
    pages = render_pages(corpus.papers, corpus.themes, make_env(templates), site_name)
    corpus.tally.pages = len({p.path for p in pages if p.path.startswith("papers/")})  # pages, not papers: one id each
    check_nothing_lost(corpus.tally)
    reporter.done()
    files = {"papers.json": papers_json(corpus.papers, corpus.themes).encode(), **static_assets()}
    search = functools.partial(build_search_files, search_docs(corpus.papers, corpus.themes))
    return SiteBundle(corpus, pages, files, search)


def search_docs(papers: Sequence[Paper], themes: ThemeResult) -> list[SearchDoc]:
    """What the search index needs of each paper."""
    docs = []
    for paper in papers:
        theme = themes.theme_of(paper.id)
        docs.append(
            SearchDoc(
                url=f"papers/{paper.id}/",
                title=plain_math(paper.title or ""),  # results are plain text: no KaTeX there
                abstract=plain_math(paper.abstract),
                theme_id=theme.id,
                theme_label=theme.label,
                date=paper.date,
                links=paper.links,
                authors=paper.authors,
                authors_cut_short=paper.more_authors != 0,
                title_derived=paper.title_synthesized,
                venue=paper.venue,
            )
        )
    return sorted(docs, key=lambda d: d.url)

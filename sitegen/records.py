"""Typed records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.textutil import plural


@dataclass(frozen=True, slots=True, order=True)
class Source:
    """One place a paper was read from."""

    file: str
    """Path of the input file as messages show it (``ingest.display_path``: relative to the working folder when
    inside it, else absolute; posix separators)."""
    line: int
    """1-based line number where the record starts."""
    column: int = 0
    """1-based column where the record starts when its line starts other records too (a JSON document on one
    line, as APIs send them); 0 otherwise."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    def to_json(self) -> dict[str, object]:
        place: dict[str, object] = {"file": self.file, "line": self.line}
        return {**place, "column": self.column} if self.column else place


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input, reported as ``path:line: message`` (``path:line: record at column N: message``
    for a record that shares its line with others)."""

    file: str
    """Path of the offending file."""
    line: int
    """1-based line number; for a problem with the whole file, the line that shows it (1, or a table's header)."""
    message: str
    """What is wrong, in words a user understands."""
    skipped: bool = False
    """True when a record (or a whole file) was dropped because of it."""
    whole_file: bool = False
    """True when it concerns the whole file (an unrecognised format, a table without an abstract column)."""
    column: int = 0
    """1-based column of the record when its line holds other records too (a JSON document on one line), as in
    :class:`Source`; 0 otherwise. Said after ``path:line:``, not in ``message``: the tally groups problems by their
    message, one line per kind, and ``path:line: message`` stays the one shape of every problem."""

    def __str__(self) -> str:
        where = f"record at column {self.column}: " if self.column else ""
        return f"{self.file}:{self.line}: {where}{self.message}"

    @classmethod
    def at(cls, source: Source, message: str, *, skipped: bool = False) -> Problem:
        """A problem with one record, at the place it was read from (its column too, when it shares its line)."""
        return cls(source.file, source.line, message, skipped=skipped, column=source.column)


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper: the unit of the site."""

    id: str
    """Stable, unique, URL-safe slug (empty until enrich assigns it)."""
    title: str | None
    """Title as read (None when the input had none and enrich has not run)."""
    abstract: str
    """The abstract text, whitespace-normalised."""
    sources: tuple[Source, ...]
    """Every place the paper was read from, sorted."""
    title_synthesized: bool = False
    """True when the title was derived from the abstract."""
    authors_count: int | None = None
    """Number of authors when the input said so (``len(authors)`` when it named them all; None with names when the
    list was cut short, as BibTeX's "and others")."""
    date: str | None = None
    """Publication date, ISO ``YYYY-MM-DD`` (``YYYY-MM`` or ``YYYY`` when the input says no more), when it says."""
    upvotes: int | None = None
    """Upvote count when the input said so."""
    links: tuple[str, ...] = ()
    """The links the input gave (an export's URL, DOI, arXiv or PubMed page), then the cleaned URLs found in the
    abstract, in order of appearance."""
    authors: tuple[str, ...] = ()
    """The authors' names in the input's order, as far as it gives them (a listing page gives only their number; a
    BibTeX list cut short with "and others" gives the names before it, its count unknown). Readers keep them as
    written; the enrich stage
    puts the given name first ("Lovelace, Ada" -> "Ada Lovelace", ``enrich.display_name``)."""
    venue: str | None = None
    """The journal or proceedings the paper is in, as the input writes it ("The Lancet", "LANCET", "Proceedings of
    NeurIPS"), whitespace-normalised; None when it does not say (an arXiv record without a journal reference)."""
    publication_type: str | None = None
    """What kind of paper it is, when that is notable: one of ``sitegen.ingest.kinds.PUBLICATION_TYPES`` ("Erratum",
    "Retracted", "Conference abstract", "Systematic review", ...), read from what the input says (PubMed's
    publication types, RIS ``TY``, BibTeX's entry type, Web of Science's ``DT``, ...); None for a plain journal
    article and when the input does not say."""

    @property
    def more_authors(self) -> int | None:
        """How many authors the names leave out: 0 when they are all named (or none is), None when some are left out
        but not how many (a list cut short with "and others")."""
        if not self.authors:
            return 0
        return None if self.authors_count is None else max(self.authors_count - len(self.authors), 0)

    def to_json(self) -> dict[str, object]:
        """The record as JSON-ready dict (field order is the documented one)."""
        return {
            "id": self.id,
            "title": self.title,
            "title_synthesized": self.title_synthesized,
            "abstract": self.abstract,
            "authors_count": self.authors_count,
            "authors": list(self.authors),
            "date": self.date,
            "upvotes": self.upvotes,
            "links": list(self.links),
            "venue": self.venue,
            "publication_type": self.publication_type,
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of papers about one subject."""

    id: str
    """URL-safe slug of the label (``unsorted`` for the catch-all theme)."""
    label: str
    """Short readable heading, 1-4 words, unique across themes."""
    terms: tuple[str, ...]
    """Most distinctive terms of the theme, best first."""
    paper_ids: tuple[str, ...]
    """Member papers, sorted by id."""
    unsorted: bool = False
    """True for the catch-all theme of papers that fit nowhere."""

    @property
    def size(self) -> int:
        return len(self.paper_ids)


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """Everything the themes stage decides about a corpus."""

    themes: tuple[Theme, ...]
    """Themes, largest first, the Unsorted theme (if any) last."""
    assignment: dict[str, str] = field(default_factory=dict)
    """Paper id -> theme id."""
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Paper id -> ids of the most similar other papers, best first."""
    engine: str = ""
    """Name of the engine that ran."""
    typical: dict[str, float] = field(default_factory=dict)
    """Paper id -> cosine between the paper and its theme's mean (the engine's vectors, 4 decimals): theme pages list
    the most typical papers first. Not for the papers of the Unsorted theme."""
    warnings: tuple[str, ...] = ()
    """Settings that did not apply (a pin of an unknown paper, a rename of no theme, a count above the papers)."""
    memory: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """What the next build may recall of these themes (``theme_memory``): (label before ``rename_themes``, paper
    ids), by label; not Unsorted."""
    notes: tuple[str, ...] = ()
    """Settings that applied but are worth a line, not a warning (a pin that makes a new theme)."""

    def theme_of(self, paper_id: str) -> Theme:
        tid = self.assignment[paper_id]
        return next(t for t in self.themes if t.id == tid)

    @property
    def counts(self) -> tuple[int, int]:
        """Themes (Unsorted not counted) and papers in Unsorted, as the build and ``sitegen themes`` report them."""
        return sum(1 for t in self.themes if not t.unsorted), sum(t.size for t in self.themes if t.unsorted)


@dataclass(slots=True)
class Tally:
    """Counts the build reports at the end; read = written + merged + skipped."""

    files: int = 0
    """Input files found (read or skipped)."""
    records: int = 0
    """Records read: every paper a file held, before merging."""
    merged: int = 0
    """Records merged into another copy of the same paper."""
    skipped: int = 0
    """Records dropped because of a problem (each is a :class:`Problem` with ``skipped``)."""
    pages: int = 0
    """Paper pages written: records - merged - skipped."""
    themes: int = 0
    """Themes, the Unsorted one not counted."""
    unsorted: int = 0
    """Papers in the Unsorted theme."""
    skip_reasons: dict[str, int] = field(default_factory=dict)
    """Records skipped, by reason."""
    files_skipped: int = 0
    """Files not read at all (binary, empty, unreadable, unknown format)."""
    file_skip_reasons: dict[str, int] = field(default_factory=dict)
    """Files skipped, by reason."""

    def summary(self) -> str:
        """One line: files, records, merged, skipped and papers (read = papers + merged + skipped)."""
        files = f"{plural(self.files - self.files_skipped, 'file')} read" + (
            f", {plural(self.files_skipped, 'file')} skipped" if self.files_skipped else ""
        )
        papers = self.records - self.merged - self.skipped
        return (
            f"{files}: {plural(self.records, 'record')}, {plural(self.merged, 'duplicate')} merged, "
            f"{self.skipped} skipped, {plural(papers, 'paper')}"
        )

    def written(self) -> str:
        """What the build made: ``577 paper pages written, 12 themes, 1 paper unsorted``."""
        unsorted = f", {plural(self.unsorted, 'paper')} unsorted" if self.unsorted else ""
        return f"{plural(self.pages, 'paper page')} written, {plural(self.themes, 'theme')}{unsorted}"

    def reasons(self) -> list[str]:
        """``skipped N files: reason`` and ``skipped N records: reason`` lines, sorted."""
        return [
            f"skipped {plural(count, kind)}: {reason}"
            for kind, table in (("file", self.file_skip_reasons), ("record", self.skip_reasons))
            for reason, count in sorted(table.items())
        ]

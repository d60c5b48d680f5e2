"""Ingest: find input files, pick a reader by content, return Paper records and problems."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.errors import InputError
from sitegen.ingest import (
    abstracts,
    arxiv,
    bibtex,
    daily,
    feed,
    jsonl,
    labelled,
    mail,
    markdown,
    medline,
    oai,
    pubmed,
    ris,
    table,
    wos,
)
from sitegen.ingest.fields import abstract_body
from sitegen.ingest.markup import markup_text
from sitegen.ingest.text import TextFile, decode
from sitegen.records import Paper, Problem
from sitegen.textutil import normalize_space, plural, tex_text

Detect = Callable[[TextFile], bool]
Read = Callable[[TextFile], tuple[list[Paper], list[Problem]]]


@dataclass(frozen=True, slots=True)
class Reader:
    """A named input format: ``detect`` looks at the content, ``read`` parses it."""

    name: str
    """Short name shown in messages."""
    detect: Detect
    """True when this reader recognises the file's content."""
    read: Read
    """Parse the file into records and problems."""


# Tried in order; the first whose detect() says yes claims the file.
READERS: list[Reader] = [
    Reader("json", jsonl.detect, jsonl.read),
    Reader("bibtex", bibtex.detect, bibtex.read),
    Reader("csv", table.detect, table.read),
    Reader("ris", ris.detect, ris.read),
    Reader("medline", medline.detect, medline.read),
    Reader("pubmed-text", pubmed.detect_text, pubmed.read_text),
    Reader("pubmed-xml", pubmed.detect_xml, pubmed.read_xml),
    Reader("wos", wos.detect, wos.read),
    Reader("feed", feed.detect, feed.read),
    Reader("oai", oai.detect, oai.read),
    Reader("arxiv-listing", arxiv.detect, arxiv.read),
    Reader("labelled", labelled.detect, labelled.read),
    Reader("markdown-notes", markdown.detect, markdown.read),
    Reader("abstract-lines", abstracts.detect, abstracts.read),
    Reader("daily-spaced", daily.detect_spaced, daily.read_listing),
    Reader("daily-compact", daily.detect_compact, daily.read_listing),
]


@dataclass(slots=True)
class IngestResult:
    """Everything read from the inputs."""

    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    readers: dict[str, str] = field(default_factory=dict)
    """Display path -> name of the reader that claimed it."""
    notes: list[str] = field(default_factory=list)
    """What was left out on purpose and is not a problem (folders holding a site sitegen built)."""


SITE_SIGNATURE = ("papers.json", "search/index.json")
"""Files every sitegen build writes: a folder holding them all is a built site, never read as input (and the
only kind of non-empty folder that ``--out`` may replace)."""


def is_built_site(folder: Path) -> bool:
    """True when ``folder`` holds every file of :data:`SITE_SIGNATURE`."""
    return all(os.path.isfile(folder / name) for name in SITE_SIGNATURE)  # False, not an error, if unreadable


_SHOWN_FROM: ContextVar[str | None] = ContextVar("shown_from", default=None)


@contextlib.contextmanager
def paths_shown_from(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Within it, :func:`display_path` shows paths relative to ``folder`` (a project's folder), also those outside
    it (``../shared/x.txt``): what a site publishes ("read from seeds/x.txt:3") is then the same wherever the build
    is run from, and never an absolute path of the machine that built it."""
    token = _SHOWN_FROM.set(os.path.abspath(folder))
    try:
        yield
    finally:
        _SHOWN_FROM.reset(token)


def display_path(path: Path) -> str:
    """Path relative to the working directory (or the folder of :func:`paths_shown_from`) when below it, posix
    separators; a link is named, not its target."""
    shown_from = _SHOWN_FROM.get()
    cwd = shown_from or os.getcwd()
    for absolute, base in ((os.path.abspath(path), cwd), (os.path.realpath(path), os.path.realpath(cwd))):
        try:
            return Path(absolute).relative_to(base).as_posix()
        except ValueError:
            continue
    if shown_from:
        with contextlib.suppress(ValueError):  # on another drive (Windows) there is no relative path
            return Path(os.path.relpath(os.path.abspath(path), shown_from)).as_posix()
    return path.as_posix()


_PLACEHOLDER = re.compile(
    r"[\[(]?\s*(?:no abstract(?: is)? available|abstract(?: is)? not available|no abstract|abstract not found|"
    r"n/?a|none|null|-+)\s*[.\])]?"
    r"|an abstract is not available for this content\b.*",
    re.IGNORECASE,
)
"""What exports write where there is no abstract: Scopus "[No abstract available]", "Abstract not available", "N/A",
Cambridge Core's "An abstract is not available for this content so a preview has been provided. ..." (QA: one such
paper took the page of another)."""


def _without_placeholders(papers: list[Paper]) -> tuple[list[Paper], list[Problem]]:
    """Papers whose abstract is only a placeholder are skipped with a problem: as abstracts they would all look
    alike, make a theme of their own and fill pages with nothing."""
    kept: list[Paper] = []
    problems: list[Problem] = []
    for paper in papers:
        if _PLACEHOLDER.fullmatch(paper.abstract.strip()):
            message = f"no abstract, skipped ({paper.abstract.strip()!r} stands in its place)"
            problems.append(Problem.at(paper.sources[0], message, skipped=True))
        else:
            kept.append(paper)
    return kept, problems


LONG_ABSTRACT = 20_000
"""Characters above which an abstract is implausible and said so. Abstracts run to 150-500 words, 1,000-3,500
characters (arXiv caps them at 1,920, most journals at 250-350 words); ten times a long one is a whole paper, or
records run together by a missing delimiter or an unclosed quote, and makes a page of that size."""


def _too_long(papers: list[Paper]) -> list[Problem]:
    """A warning per implausibly long abstract; the paper is kept, as it may be what the user meant."""
    return [
        Problem.at(
            paper.sources[0],
            f"abstract is {len(paper.abstract):,} characters long, over {LONG_ABSTRACT:,} (a whole paper, or records "
            "run together?); kept as it is",
        )
        for paper in papers
        if len(paper.abstract) > LONG_ABSTRACT
    ]


def _tex_cleaned(paper: Paper) -> Paper:
    """The paper with text-mode LaTeX (``\\emph{..}``, ``\\url{..}``, accents, ...) resolved in its title, abstract
    and authors' names (arXiv writes ``J\\"urgen``); math stays for KaTeX; the abstract without a heading before it or
    a copyright line after it (:func:`~sitegen.ingest.fields.abstract_body`); markup any export may carry (HTML,
    JATS, IEEE's formulas: :func:`~sitegen.ingest.markup.markup_text`) read as text. A lone surrogate (JSON's
    ``"\\ud800"``, half a character, which no file can hold) is the replacement character: it broke the build's
    hashes. The venue is read as the title is (Crossref's "Science &amp; Society")."""
    title = _whole(tex_text(markup_text(paper.title))) if paper.title else paper.title
    authors = tuple(_whole(tex_text(name)) for name in paper.authors)
    abstract = abstract_body(_whole(tex_text(markup_text(paper.abstract))))
    venue = normalize_space(_whole(tex_text(markup_text(paper.venue)))) or None if paper.venue else None
    return replace(paper, title=title, abstract=abstract, authors=authors, venue=venue)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)


def iter_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    sites: list[Path] | None = None,
    project_files: list[Path] | None = None,
) -> Iterator[Path]:
    """Files named or found (recursively, sorted, hidden ones skipped) under the paths.

    Whatever is found but is not a readable folder is yielded too (broken links, FIFOs, folders
    that cannot be listed), so that :func:`read_file` reports it instead of it vanishing.
    Files and folders in ``exclude`` (what the build itself reads or writes, when it lies inside an
    input folder) are passed over; so are folders holding a site sitegen built (an old ``--out``),
    which are appended to ``sites``, and a project's README, LICENSE and the like found in a folder
    (:data:`PROJECT_FILES`), appended to ``project_files``.
    """
    skip = {Path(p).resolve() for p in exclude}
    found = sites if sites is not None else []
    passed = project_files if project_files is not None else []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, _Scan(set(skip), {p.name for p in skip}, found, passed))
        elif path.exists():
            yield path
        else:
            raise InputError(f"{display_path(path)}: no such file or folder")


@dataclass(slots=True)
class _Scan:
    """What a walk below one input folder passes over."""

    seen: set[Path]
    """Real paths not to enter or read: folders already read, and the excluded files and folders."""
    names: set[str]
    """Names of the excluded paths: only a file of one of these names needs resolving to be checked."""
    sites: list[Path]
    """Folders passed over because they hold a built site."""
    project_files: list[Path] = field(default_factory=list)
    """Files passed over by their name: a project's README, LICENSE and the like (:data:`PROJECT_FILES`)."""


PROJECT_FILES = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING", "CODE_OF_CONDUCT"}
    | {"AUTHORS", "NOTICE", "CITATION", "SECURITY"}
)
"""Names (in any case) of the files a project keeps beside its data, as text or Markdown (:func:`is_project_file`):
found in a folder, they are passed over with a note, not read as abstracts (a README's heading and paragraph read
as a listing's title and abstract). Named as a PATH, such a file is read."""
PROJECT_FILE_SUFFIXES = frozenset({"", ".md", ".markdown", ".txt", ".rst", ".adoc", ".cff"})


def is_project_file(name: str) -> bool:
    """``README.md``, ``LICENSE``, ``CITATION.cff``: a name of :data:`PROJECT_FILES` with no suffix or a text one;
    not ``security.bib`` or ``authors.jsonl``, which are data."""
    stem, dot, suffix = name.partition(".")
    return stem.upper() in PROJECT_FILES and (dot + suffix).lower() in PROJECT_FILE_SUFFIXES


def _walk(folder: Path, scan: _Scan) -> Iterator[Path]:
    """Depth first, names sorted (the order of sorted full paths); linked folders followed once."""
    real = folder.resolve()
    if real in scan.seen:  # a link back to a folder already read, or an excluded folder
        return
    scan.seen.add(real)
    if is_built_site(folder):  # its HTML and JSON would come back as a heap of unreadable "input"
        scan.sites.append(folder)
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if path.is_dir():  # unlike DirEntry.is_dir, False (not an error) for a link loop
            yield from _walk(path, scan)
        elif is_project_file(entry.name):
            scan.project_files.append(path)
        elif not (entry.name in scan.names and path.resolve() in scan.seen):
            yield path


def _not_readable(path: Path) -> str:
    """Why a path found among the inputs is not a file that can be read."""
    if path.is_symlink() and not path.exists():
        return f"broken symbolic link, skipped (it points to {os.readlink(path)})"
    if path.is_dir():
        try:
            os.scandir(path).close()
        except OSError as exc:
            return f"cannot read folder ({exc.strerror}), skipped"
        return "folder not read, skipped"
    return "not a regular file (FIFO, socket or device), skipped"


_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+html|html)\b", re.IGNORECASE | re.DOTALL)
"""A saved web page: no reader reads HTML, and the message says what to do instead."""


def read_file(path: Path) -> tuple[list[Paper], list[Problem], str | None]:
    """Read one file with the reader that claims it; never raises for bad content."""
    shown = display_path(path)
    if not path.is_file():  # never open a FIFO: reading it would block
        return [], [Problem(shown, 1, _not_readable(path), skipped=True, whole_file=True)], None
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read file ({exc.strerror}), skipped"
        return [], [Problem(shown, 1, message, skipped=True, whole_file=True)], None
    if mail.detect(data):  # an .eml or an mbox: each message's text, decoded, is read as below
        as_mail = mail.read(shown, data, _read_mail_text)
        return as_mail if as_mail[0] or as_mail[2] else _mail_or_text(shown, data, as_mail)
    text, problems = decode(shown, data)
    if text is None:
        return [], problems, None
    papers, more, name = read_text(text)
    if name and (encoded := mail.quoted_printable(text)):  # a mail's source without its headers, read undecoded
        more = [encoded, *more]
    # In line order, as a reader works down the file (QA: "zotero.bib:76: not UTF-8: read as Windows-1252" came
    # before zotero.bib:40 and :48, the bytes being decoded before the records are read); stable for one line.
    return papers, sorted(problems + more, key=lambda p: (p.line, p.column)), name


def _mail_or_text(
    shown: str, data: bytes, as_mail: tuple[list[Paper], list[Problem], str | None]
) -> tuple[list[Paper], list[Problem], str | None]:
    """A file taken for mail that gives nothing as mail, read as text when a reader (not one that takes any prose)
    reads papers in it, said: what looked like a mail's headers was the top of notes, whose records must not be
    lost (QA: notes opening with ``From:`` / ``Date:`` lines lost their first record). Else the mail's problems."""
    text, problems = decode(shown, data)
    papers, more, name = _read_mail_text(text) if text else ([], [], None)
    if not papers:
        return as_mail
    why = as_mail[1][0].message if as_mail[1] else "nothing to read"
    note = Problem(
        shown,
        1,
        f"its first lines look like an e-mail's headers, but as e-mail it gives no paper ({why}): read as text",
    )
    return papers, [note, *problems, *more], name


def read_text(text: TextFile, readers: Iterable[Reader] | None = None) -> tuple[list[Paper], list[Problem], str | None]:
    """Read a decoded text with the first of ``readers`` (all of :data:`READERS`) that claims it; no name when none
    does, and the one problem says why."""
    readers = list(READERS if readers is None else readers)
    for reader in readers:
        if reader.detect(text):
            papers, more = reader.read(text)
            kept, placeholders = _without_placeholders(papers)
            kept = [_tex_cleaned(p) for p in kept]
            if found := [*placeholders, *_too_long(kept)]:
                more = sorted([*more, *found], key=lambda p: (p.line, p.column))
            return kept, more, reader.name
    return [], [_unclaimed(text, readers)], None


def _read_mail_text(text: TextFile) -> tuple[list[Paper], list[Problem], str | None]:
    """A mail's text read by every reader but those that take almost any prose: a note above an attached file, a
    list's welcome ("Dear subscriber, ...") were published as papers, read as a Daily Papers listing."""
    return read_text(text, [r for r in READERS if r.name not in _CATCH_ALL])


_KNOWN_UNREAD = (
    (re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?<xml>\s*<records>", re.S), "an EndNote XML export"),
    (re.compile(r"\A\s*%[0A-Z] \S"), "an EndNote or Refer tagged file (.enw)"),
    (re.compile(r"<rdf:RDF\b[^>]*zotero\.org/namespaces/export", re.S), "a Zotero RDF export"),
)
"""Exports people have that sitegen does not read, by their first lines: said by name, with what to export."""
_EXPORT_INSTEAD = "export the references as RIS, BibTeX or CSL JSON instead, abstracts included"


def _unclaimed(text: TextFile, readers: list[Reader]) -> Problem:
    """Why none of ``readers`` claims the file, saying what to do when it can be told: a saved web page, an export
    sitegen does not read, mail that lost its envelope (a digest forwarded with ``> `` before its lines, a base64
    body without its headers: :func:`~sitegen.ingest.mail.hint`), a spreadsheet whose header names no abstract
    column."""
    if _HTML.match("\n".join(text.lines[:5])):
        message = "an HTML page, skipped (copy the page's text into a .txt file, or use an export: BibTeX, CSV, RSS)"
        return Problem(text.path, 1, message, skipped=True, whole_file=True)
    head = "\n".join(text.lines[:50])
    for pattern, what in _KNOWN_UNREAD:
        if pattern.search(head):
            message = f"{what}, skipped (sitegen does not read it: {_EXPORT_INSTEAD})"
            return Problem(text.path, 1, message, skipped=True, whole_file=True)
    if hint := mail.hint(text, _claimed_by):
        return Problem(text.path, 1, hint, skipped=True, whole_file=True)
    names = ", ".join(r.name for r in readers)
    unrecognised = Problem(
        text.path, 1, f"unrecognised format (not one of: {names}), skipped", skipped=True, whole_file=True
    )
    return table.without_abstract_column(text) or unrecognised


_CATCH_ALL = frozenset({"daily-spaced", "daily-compact"})
"""Readers that take almost any prose (lines of titles and paragraphs): that one of them would read a text says
nothing of what it is."""


def _claimed_by(text: TextFile) -> str | None:
    """The name of the reader, other than those taking almost any text, that would read the text."""
    return next((r.name for r in READERS if r.name not in _CATCH_ALL and r.detect(text)), None)


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()
) -> IngestResult:
    """Read every file under the given paths but those in ``exclude`` (files or folders) and built sites."""
    result = IngestResult()
    sites: list[Path] = []
    project_files: list[Path] = []
    read: set[str] = set()
    repeated = 0
    for path in iter_files(paths, exclude=exclude, sites=sites, project_files=project_files):
        # `seeds seeds`, a folder and a file in it, or a link to a file beside it: each file is read once.
        real = os.path.realpath(path) if path.exists() else os.path.abspath(path)
        if real in read:
            repeated += 1
            continue
        read.add(real)
        papers, problems, reader = read_file(path)
        result.files += 1
        result.papers.extend(papers)
        result.problems.extend(problems)
        if reader:
            result.readers[display_path(path)] = reader
    signature = " and ".join(SITE_SIGNATURE)
    result.notes = [
        f"skipped {display_path(s)}/: a site sitegen built (it holds {signature})" for s in dict.fromkeys(sites)
    ]
    passed = [p for p in dict.fromkeys(project_files) if os.path.realpath(p) not in read]  # not named as well
    if passed:
        names = ", ".join(display_path(p) for p in passed)
        kind = "file" if len(passed) == 1 else "files"
        result.notes.append(f"skipped {names}: a project's own {kind}, not abstracts (name one as a PATH to read it)")
    if repeated:
        result.notes.append(f"{plural(repeated, 'file')} named or linked to more than once in the input, read once")
    return result

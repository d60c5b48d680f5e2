"""Reader for BibTeX / BibLaTeX files (reference-manager exports: Zotero, JabRef, Google Scholar, arXiv).

Parsing is bibtexparser's (v2), but values joined with ``#``, which it leaves as written, are evaluated here;
LaTeX (accents, ``\\emph``, ``50\\%``) is decoded by pylatexenc as bibtexparser's own middleware does, with math
kept as ``$...$`` for KaTeX. An entry becomes a paper when it has an abstract;
the entry's url, DOI and arXiv eprint become its links, its authors its author count, its date or year and
month its date.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Mapping

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import BlockMiddleware, LibraryMiddleware
from bibtexparser.model import DuplicateBlockKeyBlock, Entry
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from sitegen.ingest.fields import MONTHS, iso_date, web_links
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_ENTRY_START = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_LATEX = re.compile(r"[\\{}~]|--|``|''")
"""What makes a value worth decoding: commands, groups, ties, dashes, TeX quotes (``$x$`` and ``%`` stay as they are
without them)."""
_DECODER_NEEDED = re.compile(r"[\\$]|``|''|!`|\?`")
"""LaTeX that only pylatexenc reads right: commands, math, TeX quotes and inverted marks. Without them a value's LaTeX
is dashes, ties and groups, decoded as pylatexenc would (tested) in a fraction of the time."""
_DASHES = re.compile("---|--")
_MATH_DOLLAR = re.compile(r"(?<!\\)\$")
_BARE = re.compile(r"(?<!\\)([%&])")
_REASON = re.compile(r"due to syntactical error in bibtex:\s*(.+)", re.DOTALL)
_MONTH_MACROS = {
    name[:3].lower(): name
    for name in (
        *("January", "February", "March", "April", "May", "June"),
        *("July", "August", "September", "October", "November", "December"),
    )
}
"""The macros every BibTeX style defines (``month = may``)."""
_READ_FIELDS = frozenset(
    {"title", "abstract", "author", "date", "year", "month", "url", "doi", "eprint", "archiveprefix", "eprinttype"}
)
"""The fields a paper is made of: an undefined macro elsewhere (``journal = jmlr``, from a file of @string macros
kept apart) changes nothing sitegen shows, so it is not reported."""
_VALUE_NOTES = "sitegen_value_notes"
"""Entry metadata: (0-based line, message) of each field value that names a macro no @string defines or that is no
BibTeX value."""
_VALUE_DELIMITER = re.compile(r'(?<!\\)[{}"]')
"""Braces and quotes that delimit a part of a value; escaped ones are text, as bibtexparser's splitter reads them."""
_MACRO_OR_NUMBER = re.compile(r'[^\s#"{}(),=]+')
"""A part of a value outside quotes and braces: a macro name, or a number when it is all digits."""


def detect(text: TextFile) -> bool:
    """Claims files whose first line that is not blank or a ``%`` comment opens an entry: ``@article{``."""
    first = next((ln for ln in text.lines if ln.strip() and not ln.lstrip().startswith("%")), "")
    return _ENTRY_START.match(first) is not None


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per entry with an abstract; entries without one and blocks that do not parse are reported."""
    concatenate = _Concatenate()
    with _parser_messages() as reasons:
        library = _parse("\n".join(text.lines), concatenate)
    papers: list[Paper] = []
    problems = [Problem(text.path, line + 1, message) for line, message in concatenate.problems]
    entries: list[tuple[int, Entry]] = [(entry.start_line or 0, entry) for entry in library.entries]
    for block in library.failed_blocks:
        start = block.start_line or 0
        if isinstance(block, DuplicateBlockKeyBlock):  # the same key twice: still a paper (dedupe merges copies)
            again = _parse(block.raw or "", _Concatenate(concatenate.macros))  # alone, with the file's macros
            entries += [(start, entry) for entry in again.entries]
            continue
        reason = reasons.get(start, "unbalanced braces or quotes")
        problems.append(Problem(text.path, start + 1, f"not a valid BibTeX entry, skipped ({reason})", skipped=True))
    for start, entry in sorted(entries, key=lambda pair: pair[0]):
        line = start + 1  # bibtexparser counts lines from 0
        fields = {key.lower(): normalize_space(str(field.value)) for key, field in entry.fields_dict.items()}
        abstract = fields.get("abstract", "")
        if not abstract:
            # The tally groups problems by what precedes ", skipped": the key goes after it.
            message = f"BibTeX entry without an abstract, skipped ({entry.key})"
            problems.append(Problem(text.path, line, message, skipped=True))
            continue
        offset = start - (entry.start_line or 0)  # an entry parsed again alone counts its lines from 0
        for at, message in entry.parser_metadata.get(_VALUE_NOTES, []):
            problems.append(Problem(text.path, offset + at + 1, f"{message} ({entry.key})"))
        papers.append(
            Paper(
                id="",
                title=fields.get("title") or None,
                abstract=abstract,
                sources=(Source(text.path, line),),
                authors_count=len(names := author_names(fields.get("author", ""))) or None,
                authors=tuple(names),
                date=entry_date(fields),
                links=entry_links(fields),
            )
        )
    if not papers and not problems:  # only @string, @comment or @preamble blocks: say so rather than nothing
        problems.append(Problem(text.path, 1, "no BibTeX entry in the file, skipped", skipped=True, whole_file=True))
    return papers, sorted(problems, key=lambda p: p.line)


class _Concatenate(LibraryMiddleware):
    """Values joined with ``#`` (``"Prefix " # ml # " suffix"``) evaluated as BibTeX does, before the LaTeX is
    decoded. bibtexparser 2.1 resolves a value that is one macro alone and leaves any other unenclosed value as
    written, quotes and ``#`` included (its issue #396); its splitter keeps such a value whole and marks it
    ``no-enclosing``, which is what this middleware evaluates. Macros are the file's ``@string`` definitions (one
    may use those before it) and the month names every style defines. A macro no ``@string`` defines is read as its
    name, as written, and reported: BibTeX would read it as nothing."""

    def __init__(self, macros: Mapping[str, str] | None = None) -> None:
        super().__init__(allow_inplace_modification=True)
        self.macros: dict[str, str] = dict(_MONTH_MACROS if macros is None else macros)
        """Macro value by lower-cased name, for an entry parsed again alone (a duplicate key)."""
        self.problems: list[tuple[int, str]] = []
        """(0-based line, message) of the @string definitions that name an undefined macro or are no value."""

    def transform(self, library: Library) -> Library:
        for string in library.strings:
            if string.enclosing == "no-enclosing":
                string.value, message = self.evaluate(string.value, f"@string {string.key}")
                if message:
                    self.problems.append((string.start_line or 0, message))
            self.macros[string.key.lower()] = string.value
        for entry in library.entries:
            notes: list[tuple[int, str]] = []
            for field in entry.fields:
                if field.enclosing == "no-enclosing" and isinstance(field.value, str):
                    field.value, message = self.evaluate(field.value, field.key.lower())
                    if message and field.key.lower() in _READ_FIELDS:
                        notes.append((field.start_line or 0, message))
            entry.parser_metadata[_VALUE_NOTES] = notes
        return library

    def evaluate(self, value: str, where: str) -> tuple[str, str | None]:
        """The text of an unenclosed BibTeX value (of a field or @string named ``where``), and what to report about
        it (None when all is well)."""
        parts = value_parts(value)
        if parts is None:
            shape = "text in quotes or braces, numbers and macros joined by #"
            return value, f"{where} is not a BibTeX value ({shape}), kept as written: {value!r:.60}"
        undefined = [name for is_macro, name in parts if is_macro and name.lower() not in self.macros]
        text = "".join(self.macros.get(name.lower(), name) if is_macro else name for is_macro, name in parts)
        if not undefined:
            return text, None
        names = ", ".join(repr(name) for name in dict.fromkeys(undefined))
        return text, f"undefined BibTeX macro {names} in {where} (no @string defines it), read as its name"


def value_parts(value: str) -> list[tuple[bool, str]] | None:
    """The parts of a BibTeX value joined by ``#``: ``(True, name)`` for a macro, ``(False, text)`` for text in
    quotes or braces (without them) or a number. None when the value is not made that way."""
    parts: list[tuple[bool, str]] = []
    at = 0
    while True:
        at = len(value) - len(value[at:].lstrip())
        if value[at : at + 1] in ('"', "{"):
            end = _closing(value, at)
            if end is None:
                return None
            parts.append((False, value[at + 1 : end]))
            at = end + 1
        else:
            found = _MACRO_OR_NUMBER.match(value, at)
            if found is None:
                return None
            parts.append((not found.group().isdigit(), found.group()))
            at = found.end()
        at = len(value) - len(value[at:].lstrip())
        if at == len(value):
            return parts
        if value[at] != "#":
            return None
        at += 1


def _closing(value: str, at: int) -> int | None:
    """Index of the quote or brace closing the part that opens at ``at`` (a quote inside braces is text)."""
    depth = 1 if value[at] == "{" else 0
    for found in _VALUE_DELIMITER.finditer(value, at + 1):
        mark = found.group()
        if mark == "{":
            depth += 1
        elif mark == "}":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and value[at] == "{":
                return found.start()
        elif depth == 0:
            return found.start()
    return None


class _DecodeLatex(BlockMiddleware):
    """LaTeX to text in every field, as bibtexparser's ``LatexDecodingMiddleware`` does (pylatexenc, math kept as
    ``$...$``), with three differences. Only values with LaTeX in them go to pylatexenc, which takes about 5 ms an
    abstract: most abstracts are plain text (5,000 entries took 24 s), and in many more the only LaTeX is dashes,
    ties or braces (``{BERT}``), decoded here directly. A bare ``%`` means per cent ("from 2.19% to 8.41%"), not a
    comment that would make the decoder drop the rest of the abstract, and a bare ``&`` is "and" ("R&D"), not a
    table column the decoder would turn into spaces."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)
        context = get_default_latex_context_db()
        context.add_context_category("sitegen-bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")])
        self._decoder = LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="verbatim")

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        for field in entry.fields:
            if isinstance(field.value, str) and _LATEX.search(field.value):
                field.value = self.decode(field.value)
        return entry

    def decode(self, value: str) -> str:
        """The value as text (it holds LaTeX)."""
        if not _DECODER_NEEDED.search(value):
            return plain_latex(value)
        value = literal_marks(value)
        try:
            return str(self._decoder.latex_to_text(value))
        except Exception:  # pylatexenc on malformed LaTeX: keep the text as written
            return value


def plain_latex(value: str) -> str:
    """Dashes, ties and groups decoded as pylatexenc decodes them: "---" and "--" as em and en dash, "~" as a
    no-break space, braces dropped."""
    value = _DASHES.sub(lambda m: "\u2014" if len(m.group(0)) == 3 else "\u2013", value)
    return value.replace("~", "\u00a0").replace("{", "").replace("}", "")


def literal_marks(value: str) -> str:
    """Bare ``%`` and ``&`` escaped outside ``$...$`` math, so the decoder keeps them as written."""
    parts = _MATH_DOLLAR.split(value)
    return "$".join(_BARE.sub(r"\\\1", part) if i % 2 == 0 else part for i, part in enumerate(parts))


def _parse(source: str, concatenate: _Concatenate) -> Library:
    return parse_string(source, append_middleware=[concatenate, _DecodeLatex()])


@contextlib.contextmanager
def _parser_messages() -> Iterator[dict[int, str]]:
    """bibtexparser logs why a block failed; keep those reasons (by the block's 0-based line) off the console."""
    reasons: dict[int, str] = {}

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            found = re.search(r"\(line (\d+)\)", message)
            reason = _REASON.search(message)
            if found and reason:
                reasons[int(found.group(1))] = normalize_space(reason.group(1)).rstrip(". ")

    logger = logging.getLogger("bibtexparser")
    handler, propagate = Keep(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield reasons
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def author_names(authors: str) -> list[str]:
    """The names of a BibTeX author list ("A and B and C"); none when it is cut short with "and others"."""
    names = [normalize_space(name) for name in _AND.split(authors.strip()) if name.strip()]
    return [] if names and names[-1].lower() == "others" else names


def entry_date(fields: Mapping[str, str]) -> str | None:
    """ISO date as precise as the entry says: BibLaTeX ``date`` (2024-05-28, 2024-05, 2024; the start of a range),
    else ``year`` and ``month`` (may, May, 5). None when there is no four-digit year."""
    found = iso_date(fields.get("date", "").split("/")[0])
    if found:
        return found
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = fields.get("month", "").strip().lower().rstrip(".")
    number = MONTHS.get(month[:3]) if month[:3].isalpha() else int(month) if month.isdigit() else None
    return f"{year}-{number:02d}" if number and 1 <= number <= 12 else year


_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7}(v\d+)?")
"""An arXiv identifier, new style (2401.01234v2) or old (hep-th/9901001, math.AG/0101001)."""


def entry_links(fields: Mapping[str, str]) -> tuple[str, ...]:
    """The entry's url, its DOI as a doi.org link and its arXiv eprint as an arxiv.org link, in that order. An
    eprint is arXiv's when the entry says so (``archivePrefix``, ``eprinttype``) or, when it names no archive,
    when it is shaped like an arXiv identifier (as some exports write it)."""
    links = web_links([fields.get("url", "")], fields.get("doi", ""))
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "").strip()
    if eprint and (archive == "arxiv" or (not archive and _ARXIV_ID.fullmatch(eprint))):
        links.append(f"https://arxiv.org/abs/{eprint}")
    return tuple(dict.fromkeys(links))

"""Reader for Web of Science's plain-text export (``savedrecs.txt``: ``FN Clarivate Analytics Web of Science``).

The file opens with ``FN`` and ``VR`` lines, then holds records of two-character tags at the start of a line, one
space and the value (``PT J``, ``AU Lovelace, AM``, ``TI ...``), values continued on lines indented by three spaces;
each record ends with ``ER`` and the file with ``EF``. Records are cut out here, so each keeps the line it starts on
and a bad record costs only itself; several exports run together (``cat savedrecs*.txt``) read as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sitegen.ingest.fields import initials_name, papers_from_records, web_links, written_date
from sitegen.ingest.kinds import publication_type, venue_text
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

_TAG = re.compile(r"(?P<tag>[A-Z][A-Z0-9])(?: (?P<value>.*))?")
"""A field's first line: the tag at the start of the line, then one space and the value (``ER``, ``EF``: none)."""
_HEADER = re.compile(r"FN .*\bweb of science\b", re.IGNORECASE)
"""The export's first line: ``FN Clarivate Analytics Web of Science``, ``FN Thomson Reuters Web of Science``."""
_TYPE = re.compile(r"PT [A-Z]")
"""A record's first line without the header: its publication type (J journal, B book, S series, P patent, C)."""
_FILE_TAGS = ("FN", "VR", "EF")
"""Lines of the file, not of a record: its header (``FN``, ``VR``) and its end (``EF``)."""


def detect(text: TextFile) -> bool:
    """Claims files whose first non-blank line is the ``FN ... Web of Science`` header, or that open with a record
    (``PT J`` followed by another tag line) when the header was cut off. MEDLINE's ``PMID- 1`` and ``TI  - x`` and
    RIS's ``TY  - JOUR`` have no single space after a two-letter tag; a title line such as "PT Boats at War" is not
    followed by a tag line."""
    lines = (ln for ln in text.lines if ln.strip())
    first = next(lines, "")
    if _HEADER.match(first):
        return True
    if not _TYPE.fullmatch(first.rstrip()):
        return False
    second = _TAG.fullmatch(next(lines, "").rstrip())
    return second is not None and bool(second["value"]) and second["tag"] not in _FILE_TAGS


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per record with an abstract (``AB``); other records, a record without its ``ER`` line and text
    outside any record are reported with their line."""
    cut = _Cut(text.path)
    records = list(cut.records(text.lines))
    papers, problems = papers_from_records(
        text.path, ((start, "\n".join(lines)) for start, lines in records), parse, _paper, "Web of Science"
    )
    return papers, sorted([*cut.problems, *problems], key=lambda p: p.line)


@dataclass(slots=True)
class _Cut:
    """Cuts the lines into records, noting what is wrong with the file's structure."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def records(self, lines: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
        """(first line number, lines without the ``ER`` line) per record. A record ends at its ``ER`` line; one
        whose ``ER`` is missing (a truncated export) ends at the next ``PT`` line, the next header or ``EF``, or
        the end of the file, and is reported. Blank lines between records are passed over, other text is reported."""
        current: list[str] = []
        start = stray = 0
        for number, line in enumerate(lines, start=1):
            found = _TAG.fullmatch(line.rstrip())
            tag = found["tag"] if found else ""
            if current:
                if tag == "ER":
                    yield start, current
                    current = []
                elif tag in (*_FILE_TAGS, "PT"):
                    how = "read up to the next record" if tag == "PT" else f"read up to the '{tag}' line"
                    yield self._unclosed(start, current, how)
                    current = []
                if tag in ("ER", *_FILE_TAGS):
                    continue
            if current:
                current.append(line)
            elif tag and tag not in ("ER", *_FILE_TAGS) and found and found["value"]:
                current, start, stray = [line], number, 0
            elif tag in _FILE_TAGS or not line.strip():
                stray = 0
            elif not stray:  # one problem for each run of stray lines
                stray = number
                self.problems.append(Problem(self.path, number, "text outside a Web of Science record, skipped"))
        if current:
            yield self._unclosed(start, current, "read to the end")

    def _unclosed(self, start: int, lines: list[str], how: str) -> tuple[int, list[str]]:
        self.problems.append(Problem(self.path, start, f"record has no closing 'ER' line; {how}"))
        return start, lines


def parse(record: str) -> Mapping[str, list[str]]:
    """A record's fields: tag -> its lines' values, each continuation line (indented) a value of the tag above. An
    author tag (``AU``, ``AF``) has a name a line; the lines of the others are joined by spaces when read."""
    fields: dict[str, list[str]] = {}
    values: list[str] | None = None
    for line in record.split("\n"):
        found = _TAG.fullmatch(line.rstrip())
        if found:
            values = fields.setdefault(found["tag"], [])
            values.append(found["value"] or "")
        elif line.strip():
            if values is None:
                raise ValueError("it does not open with a tag")
            values.append(line.strip())
    return fields


def _text(record: Mapping[str, list[str]], tag: str) -> str:
    return normalize_space(" ".join(record.get(tag, [])))


def _names(record: Mapping[str, list[str]], tag: str) -> list[str]:
    """The names of an author tag, an author a line; ``[Anonymous]`` (WoS's word for no author) is none."""
    names = (normalize_space(name) for name in record.get(tag, []))
    return [name for name in names if name and name.lower() != "[anonymous]"]


def _paper(record: Mapping[str, list[str]], source: Source) -> Paper | None:
    abstract = _text(record, "AB")
    if not abstract:
        return None
    authors = _names(record, "AF") or [initials_name(name) for name in _names(record, "AU")]
    return Paper(
        id="",
        title=_text(record, "TI") or None,
        abstract=abstract,
        sources=(source,),
        authors_count=len(authors) or None,
        authors=tuple(authors),
        date=wos_date(_text(record, "PY"), _text(record, "PD")),
        links=tuple(web_links([], _text(record, "DI"))),
        venue=venue_text(_text(record, "SO")),  # in capitals, as Web of Science writes it: "NATURE"
        publication_type=publication_type([_text(record, "DT")]),  # "Article; Proceedings Paper"
    )


def wos_date(year: str, published: str) -> str | None:
    """The ISO date of ``PY`` and ``PD`` as precise as they are: ``2021`` and ``AUG 26`` → 2021-08-26, ``AUG`` →
    2021-08, ``MAR-APR`` → 2021-03, ``SPR`` → 2021. Without ``PY`` a year in ``PD`` (``DEC 2020``) is used."""
    words = [w for w in re.split(r"[\s,]+", published.strip()) if w]
    years = [w for w in words if re.fullmatch(r"\d{4}", w)]
    if not re.fullmatch(r"\d{4}", year.strip()):
        year = years[0] if years else ""
    return written_date(" ".join([year.strip(), *(w for w in words if w not in years)]))

"""Reader for spreadsheet exports: CSV or tab-separated, a header row naming an abstract column.

The column names of the common exports are known: Scopus (``Title``, ``Abstract``, ``Authors``, ``Year``,
``DOI``, ``Link``), Zotero (``Abstract Note``, ``Author``, ``Publication Year``, ``Url``), Web of Science
tab-delimited (``TI``, ``AB``, ``AU``, ``PY``, ``DI``) and a plain ``title,abstract`` sheet. The Python standard
library's ``csv`` module reads the rows, quoted fields spanning lines included; a quote that is never closed, which
``csv`` would let run on through the rows after it, is reported and the rows after it read again. Web of Science
writes no quoting: its files are read with quoting off.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Generator, Iterator, Mapping, Sequence

from sitegen.ingest.fields import (
    LINK_NOT_READ,
    cell_text,
    date_not_read,
    dotted_initials_name,
    left_out_links,
    loose_date,
    web_links,
)
from sitegen.ingest.kinds import publication_type, venue_text
from sitegen.ingest.text import TextFile
from sitegen.ingest.wos import wos_date
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "abstract": ("abstract", "abstract note", "ab"),
    "title": ("title", "article title", "document title", "ti"),
    "full_names": ("author full names", "af"),
    "authors": ("authors", "author", "author/s", "au"),
    "date": ("date", "publication date", "date published", "year", "publication year", "py"),
    "doi": ("doi", "di"),
    "url": ("url", "link"),
    "venue": ("source title", "publication title", "journal", "journal title", "venue", "so"),
    "type": ("document type", "publication type", "item type", "dt"),
}
"""Known header names (compared lower-cased, spaces folded) per field, in order of preference. The venue is Scopus's
and Dimensions' ``Source title``, Zotero's ``Publication Title``, Web of Science's ``SO``, not Scopus's ``Source``
(the database: "Scopus"); the publication type is Scopus's ``Document Type``, Dimensions' ``Publication Type``,
Zotero's ``Item Type``, Web of Science's ``DT`` (:func:`~sitegen.ingest.kinds.publication_type`)."""
DELIMITERS = (",", "\t", ";")
csv.field_size_limit(1 << 24)  # an abstract may be long; the default 128 kB limit would raise


def detect(text: TextFile) -> bool:
    """Claims files whose first non-blank line is a header row naming an abstract column and another known one."""
    return _header(text) is not None


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """One paper per row with an abstract; rows without one are reported with their line."""
    found = _header(text)
    if found is None:
        return [], [Problem(text.path, 1, "no header row with an abstract column, skipped", skipped=True)]
    first, delimiter = found
    header = _cells(text.lines[first], delimiter)
    columns = _columns(header)
    dates = _date_columns(header)
    wos = web_of_science(header, delimiter)
    published = [i for i, cell in enumerate(header) if wos and cell.strip() == "PD"]
    papers: list[Paper] = []
    problems: list[Problem] = []
    for start, row in _rows(text, first, delimiter, header, problems, quoted=not wos):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            if columns["abstract"] == len(header) - 1:  # the delimiter in an unquoted abstract, the last column
                row = [*row[: len(header) - 1], delimiter.join(row[len(header) - 1 :])]
            else:
                message = f"row has {len(row)} cells where the header has {len(header)} (a delimiter outside quotes?)"
                problems.append(Problem(text.path, start, message + "; read as the columns fall"))
        fields = {name: cell_text(row[i]) for name, i in columns.items() if i < len(row)}
        # an empty Date cell beside a filled Publication Year (Zotero fills one or the other): the first filled one
        fields["date"] = next((cell for i in dates if i < len(row) and (cell := normalize_space(row[i]))), "")
        if not fields.get("abstract"):
            message = "row without an abstract, skipped"
            if columns["abstract"] >= len(row):  # not an empty cell: no cell there at all
                message = (
                    f"row has {len(row)} cells where the header has {len(header)} (a cell left out?), "
                    "none in the abstract column, skipped"
                )
            problems.append(Problem(text.path, start, message, skipped=True))
            continue
        date = loose_date(fields.get("date", ""))
        if published and published[0] < len(row) and row[published[0]].strip():  # PY 2023 and PD JUN 15
            date = wos_date(fields.get("date", ""), row[published[0]]) or date
        if fields.get("date") and date is None:
            problems.append(Problem(text.path, start, date_not_read(fields["date"])))
        problems += [
            Problem(text.path, start, LINK_NOT_READ.format(url)) for url in left_out_links([fields.get("url", "")])
        ]
        papers.append(
            Paper(
                id="",
                title=fields.get("title") or None,
                abstract=fields["abstract"],
                sources=(Source(text.path, start),),
                authors_count=len(names := _authors(fields)) or None,
                authors=tuple(names),
                date=date,
                links=tuple(web_links([fields.get("url", "")], fields.get("doi", ""))),
                venue=venue_text(fields.get("venue")),
                publication_type=publication_type([fields.get("type")]),
            )
        )
    if not papers and not problems:
        problems.append(
            Problem(text.path, first + 1, "header row without rows, skipped", skipped=True, whole_file=True)
        )
    return papers, problems


def web_of_science(header: Sequence[str], delimiter: str) -> bool:
    """Whether a header is Web of Science's tab-delimited export's: its field tags (``PT``, ``AU``, ..., ``UT``).
    WoS writes its cells without quoting: a quote in one is text (a title opening ``"Bugs" in ...``)."""
    tags = [cell.strip() for cell in header if cell.strip()]
    return delimiter == "\t" and tags[:1] == ["PT"] and all(re.fullmatch(r"[A-Z][A-Z0-9]", tag) for tag in tags)


def _rows(
    text: TextFile, first: int, delimiter: str, header: Sequence[str], problems: list[Problem], quoted: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every row after the header, numbered by the line the row starts on. A row ``csv`` cannot read
    is reported and skipped; so is a row with a quoted cell never closed, and reading starts again on the line after
    the one that row starts on: one stray quote may not swallow the rest of the file. Without ``quoted`` a quote is
    text, and a row a line."""
    at = first + 1  # index of the line the reading starts (again) on
    while at < len(text.lines):
        at = yield from _rows_from(text, at, delimiter, header, problems, quoted)


def _rows_from(
    text: TextFile, at: int, delimiter: str, header: Sequence[str], problems: list[Problem], quoted: bool
) -> Generator[tuple[int, list[str]], None, int]:
    """The rows from line index ``at`` on; returns the index to read again from (the end, when all went well)."""
    lines = (line + "\n" for line in itertools.islice(text.lines, at, None))
    rows = (
        csv.reader(lines, delimiter=delimiter)
        if quoted
        else csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    )
    start = at  # index of the line the next row starts on
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return len(text.lines)
        except csv.Error as exc:  # a NUL byte, say: report the row, go on with the next line
            problems.append(Problem(text.path, start + 1, f"not a valid row ({exc}), skipped", skipped=True))
            start = at + rows.line_num
            continue
        end = at + rows.line_num
        spans = quoted and (end - start > 1 or end == len(text.lines))  # a quote left open takes in more lines
        column = _unclosed_quote(text.lines[start:end], delimiter) if spans else None
        if column is not None:
            problems.append(_never_closed(text, start, header, column))
            return start + 1
        yield start + 1, row
        start = end


def _never_closed(text: TextFile, start: int, header: Sequence[str], column: int) -> Problem:
    """The problem of the row starting at line index ``start``, whose cell ``column`` opens a quote never closed."""
    name = f"column {header[column]!r}" if column < len(header) else f"cell {column + 1}"
    after = f"rows read again from line {start + 2}" if start + 1 < len(text.lines) else "the file ends inside it"
    return Problem(text.path, start + 1, f"quoted cell never closed, skipped ({name}; {after})", skipped=True)


_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*("?)')
"""A quoted cell as ``csv`` reads it (``""`` is a quote inside it); group 1 is empty when it is never closed."""


def _unclosed_quote(lines: Sequence[str], delimiter: str) -> int | None:
    """Index of the cell of a row (its lines, as ``csv`` took them) whose quote is never closed, else None.

    ``csv`` reads an unclosed quote on into the next lines until it meets any quote, usually the one opening a cell
    of a later row, and reads what follows as text: a row of the file's last lines, or a quoted cell over several
    lines whose closing quote is followed by more than a delimiter. A cell closed where it should be (``"a\nb",``)
    is fine, and so is the lone ``"a"b`` that ``csv`` reads as ``ab`` on one line."""
    row = "\n".join(lines)
    cell, column = 0, 0  # where the cell starts, and its index
    while True:
        end = cell
        if row.startswith('"', cell):
            quoted = _QUOTED.match(row, cell)
            assert quoted is not None  # the pattern matches any text that opens with a quote
            end = quoted.end()
            if not quoted.group(1) or ("\n" in quoted.group(0) and row[end : end + 1] not in (delimiter, "\n", "")):
                return column
        cell = row.find(delimiter, end) + 1
        if not cell:
            return None
        column += 1


def _first_row(text: TextFile) -> int | None:
    """Index of the first non-blank line, the header, or of the line after it when that one is a note of one
    quoted cell, as Dimensions writes above its header (``"About the data: Exported on May 28, 2024. ..."``)."""
    lines = [i for i, ln in enumerate(text.lines) if ln.strip()][:2]
    note = len(lines) == 2 and text.lines[lines[0]].lstrip().startswith('"')
    if note and all(len(_cells(text.lines[lines[0]], d)) == 1 for d in DELIMITERS):
        return lines[1]
    if len(lines) == 2 and _SEP_LINE.fullmatch(text.lines[lines[0]].strip()):  # Excel's "sep=;" names the delimiter
        return lines[1]
    return lines[0] if lines else None


_SEP_LINE = re.compile(r"sep=[,;\t]", re.IGNORECASE)
"""The line Excel reads as the delimiter's name when it heads a CSV file."""


def _header(text: TextFile) -> tuple[int, str] | None:
    """Index of the header line and its delimiter, when the first non-blank line names an abstract column.

    Beside the abstract column the header holds another known column or only cells that read as column names
    (``id,abstract``): a title such as "Abstract, Concrete and Other Art" is no header. A line that is just
    ``abstract`` heads a sheet of one column."""
    first = _first_row(text)
    if first is None:
        return None
    line = text.lines[first]
    if _cells(line, ",") in (["abstract"], ["Abstract"], ["ABSTRACT"]):
        return first, ","
    for delimiter in DELIMITERS:
        cells = _cells(line, delimiter) if delimiter in line else []
        columns = _columns(cells)
        if "abstract" in columns and (len(columns) >= 2 or all(_column_name(cell) for cell in cells)):
            return first, delimiter
    return None


SHOWN_COLUMNS = 12
"""Column names listed in the message about a header without an abstract column (exports have 40 and more)."""


def without_abstract_column(text: TextFile) -> Problem | None:
    """The problem of a file no reader claims whose first non-blank line is a header row without an abstract column,
    naming its columns and the names read as the abstract; None for any other file."""
    first = _first_row(text)
    names = _other_header(text.lines[first]) if first is not None else None
    if first is None or names is None:
        return None
    shown = ", ".join(names[:SHOWN_COLUMNS]) + (f", ... ({len(names)} in all)" if len(names) > SHOWN_COLUMNS else "")
    known = [name.upper() if len(name) == 2 else name.title() for name in COLUMNS["abstract"]]
    accepted = f"{', '.join(known[:-1])} or {known[-1]}"
    message = (
        f"CSV header has no abstract column, skipped (columns: {shown}; "
        f"the abstract is read from a column named {accepted}, in any case)"
    )
    if "pmid" in {name.lower() for name in names} and "citation" in {name.lower() for name in names}:
        message += "; PubMed's CSV export has no abstracts: save the search 'Format: PubMed' (.nbib, .txt) instead"
    return Problem(text.path, first + 1, message, skipped=True, whole_file=True)


def _other_header(line: str) -> list[str] | None:
    """The column names of a header row without an abstract column: two known names (``Title,Authors,Year``), or
    only cells that read as column names (``a,b,c``; "Hello, world" is prose); None for any other line."""
    for delimiter in DELIMITERS:
        cells = _cells(line, delimiter) if delimiter in line else []
        columns = _columns(cells)
        if len(cells) < 2 or "abstract" in columns or not all(cell.strip() for cell in cells):
            continue
        if len(columns) >= 2 or all(_column_name(cell) for cell in cells):
            return [normalize_space(cell) for cell in cells]
    return None


def _column_name(cell: str) -> bool:
    """A cell that reads as a column name: an identifier of at most three words ("id", "Source Title", "pmid")."""
    return re.fullmatch(r"[A-Za-z][\w.-]*(?: [\w.-]+){0,2}", cell) is not None  # no space after the delimiter: prose


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Field name -> column index, by the first known name found for each field."""
    names = [" ".join(cell.lower().split()) for cell in header]
    found: dict[str, int] = {}
    for field, known in COLUMNS.items():
        for name in known:
            if name in names:
                found[field] = names.index(name)
                break
    return found


def _date_columns(header: Sequence[str]) -> list[int]:
    """The indices of every column a date may be in, in order of preference."""
    names = [" ".join(cell.lower().split()) for cell in header]
    return [names.index(name) for name in COLUMNS["date"] if name in names]


def _authors(fields: Mapping[str, str]) -> list[str]:
    """The authors of a row: from the full-names column when the export has one and it is filled in."""
    return full_names(fields["full_names"]) if fields.get("full_names") else author_names(fields.get("authors", ""))


def author_names(authors: str) -> list[str]:
    """The names of a ``;``-separated author list (Scopus, Zotero, Web of Science); none when it cannot be told.

    A list without ``;`` is one name when it has no comma, or one comma after a family name of one word (particles
    aside: "Hinton, Geoffrey", "van der Berg, J.", Zotero's single author); "Smith J., Doe A." and "Geoffrey Hinton,
    Yann LeCun" are two names, "García Márquez, Gabriel" one: no count is guessed for them. Scopus's "Kingma D.P."
    is read as ``Kingma, D. P.`` (:func:`~sitegen.ingest.fields.dotted_initials_name`), shown "D. P. Kingma"."""
    if ";" in authors:
        return [dotted_initials_name(normalize_space(name)) for name in authors.split(";") if name.strip()]
    family = authors.split(",")[0].split()
    if authors.count(",") == 1 and len([w for w in family if not w.islower()]) == 1 and len(family[-1]) > 1:
        return [dotted_initials_name(normalize_space(authors))]  # "Hinton, Geoffrey", "van der Berg, J.": one name
    return [dotted_initials_name(normalize_space(authors))] if authors.strip() and "," not in authors else []


_AUTHOR_ID = re.compile(r"\s*\(\d+\)\s*$")
"""Scopus writes each author's id after the name in ``Author full names``: "Lovelace, Ada (57212345678)"."""


def full_names(authors: str) -> list[str]:
    """The names of a full-names column (Scopus ``Author full names``, Web of Science ``AF``), ``;``-separated, each
    ``Family, Given``: without ``;``, one name if it has one comma at most ("Roe, Richard, Poe, Paul" cannot be told).
    Preferred to the short column of the same export: "Lovelace, Ada" is shown as "Ada Lovelace", as the other
    sources give it, where "Lovelace A." gives only "A. Lovelace"."""
    if ";" not in authors and authors.count(",") > 1:
        return []
    names = (normalize_space(_AUTHOR_ID.sub("", name)) for name in authors.split(";"))
    return [name for name in names if name]

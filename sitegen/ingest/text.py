"""Decode an input file into lines (UTF-8 or UTF-16, any line endings), reporting bad bytes, stray NUL bytes, binary
and empty files."""

from __future__ import annotations

import codecs
import contextlib
from dataclasses import dataclass
from typing import TypeVar

from sitegen.records import Problem
from sitegen.textutil import plural

_BOM = b"\xef\xbb\xbf"
_MAX_BAD_LINES = 5


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded input file."""

    path: str
    """Display path of the file."""
    lines: tuple[str, ...]
    """Lines without line endings; index 0 is line 1."""


_OLE = b"\xd0\xcf\x11\xe0"
"""An OLE compound file's first bytes: old Office files and Outlook's ``.msg``."""
_KNOWN_BINARY = (
    (
        b"%PDF-",
        "a PDF file, skipped (sitegen reads text: export the abstracts from your reference manager as BibTeX or "
        "RIS, or copy them into a .txt file)",
    ),
    (
        b"PK\x03\x04",
        "a ZIP archive (or .docx, .xlsx, .odt), skipped (unpack it; save a sheet as CSV, a document as text)",
    ),
    (_OLE, "an old Office file (.doc, .xls), skipped (save a sheet as CSV, a document as text)"),
    (b"\x1f\x8b", "a gzip-compressed file, skipped (decompress it first: gunzip)"),
)
"""Binary files people have at hand beside their abstracts, by their first bytes, and what to do instead."""


_OUTLOOK_STREAM = "__substg1.0_".encode("utf-16-le")
"""How an Outlook ``.msg`` names its streams (``__substg1.0_0037001F``, the subject) in its OLE directory: an old
Office file by its first bytes, told from a ``.doc`` or ``.xls`` by these names."""
_OUTLOOK_MSG = (
    "an Outlook message (.msg), skipped (save the mail as .eml, or in Outlook with File > Save As > Text Only: "
    "sitegen reads both)"
)


def binary_message(data: bytes) -> str | None:
    """What to report for a binary file (what it is and what to do, when its first bytes tell); None for text. A
    known kind goes by its first bytes alone: a PDF's first kilobytes may look like text. An Outlook message is an
    old Office file by its first bytes; it says so by its streams' names (QA: a ``.msg`` was told to be saved as
    CSV)."""
    if data.startswith(_OLE) and _OUTLOOK_STREAM in data:
        return _OUTLOOK_MSG
    known = next((message for magic, message in _KNOWN_BINARY if data.startswith(magic)), None)
    return known or ("binary file, skipped" if looks_binary(data) else None)


_HEAD = 8192
"""Bytes at the start of a file that tell text from binary."""
_HEAD_NULS = 8
"""NUL bytes a text may hold in its first :data:`_HEAD` bytes (a copy-paste or a bad save left them): more is binary."""
_NUL_SHARE = 100
"""A text holds at most one NUL byte per this many bytes (a short file counts as this many)."""
_TEXT_CONTROLS = (9, 10, 12, 13, 27)
"""Control bytes text holds: tab, line feed, form feed, carriage return, escape (terminal colours)."""


def looks_binary(data: bytes) -> bool:
    """True for data no person would call text: mostly control bytes, or NUL bytes more than a few strays. A text
    with NULs (at most :data:`_HEAD_NULS` in the first 8 KB, one per :data:`_NUL_SHARE` bytes in all) holds at most
    1% other control bytes in its first 8 KB; one without, up to 10%. UTF-16 without a byte order mark (every
    other byte NUL), images, archives and executables are binary."""
    head = data[:_HEAD]
    nuls = data.count(b"\x00")
    if head.count(b"\x00") > _HEAD_NULS or nuls * _NUL_SHARE > max(len(data), _NUL_SHARE):
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS and b != 0)
    return controls > len(head) * (0.01 if nuls else 0.1)


def decode(path: str, data: bytes) -> tuple[TextFile | None, list[Problem]]:
    """Turn raw bytes into lines; None (with a problem) for binary or empty files."""
    problems: list[Problem] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        # Excel's "Unicode text", Web of Science's "Tab-delimited (Win)": UTF-16, known by its byte order mark. If it
        # does not decode, it is no text after all: said binary below.
        with contextlib.suppress(UnicodeDecodeError):
            data = data.decode("utf-16").encode("utf-8")
    binary = binary_message(data)
    if binary:
        return None, [*problems, Problem(path, 1, binary, skipped=True, whole_file=True)]
    # A byte order mark and Windows line endings are how exports are written (Zotero's CSV, every RIS file), not
    # something wrong with them: read without a word, so that --strict passes on a clean export.
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    raw_lines, nuls = without_nuls(raw_lines)
    lines, bad = decode_lines(raw_lines)
    problems.extend(bad_byte_problems(path, bad))
    problems.extend(nul_problems(path, nuls))
    if not any(line.strip() for line in lines):
        return None, [*problems, Problem(path, 1, "empty file, skipped", skipped=True, whole_file=True)]
    return TextFile(path, tuple(lines)), problems


def decode_lines(raw_lines: list[bytes]) -> tuple[list[str], list[int]]:
    """The lines as text, and the numbers of those that are not UTF-8. Only the bytes that are not UTF-8 are read
    the old way: a line with one stray byte keeps its UTF-8 characters (``é``, not ``Ã©``)."""
    lines: list[str] = []
    bad: list[int] = []
    for number, raw in enumerate(raw_lines, start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("utf-8", _LEGACY_BYTES))
            bad.append(number)
    return lines, bad


def _legacy(raw: bytes) -> str:
    """Bytes that are not UTF-8, read the way old tools wrote them: Windows-1252, which is Latin-1 plus curly
    quotes and dashes in 0x80-0x9F (the five bytes it leaves undefined are read as Latin-1)."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes UTF-8 could not read, each read by ``_legacy``. Python's UTF-8 decoder hands
    over one invalid sequence at a time, so a Latin-1 line reads as it did when the whole line was read as
    Windows-1252, unless it holds a valid UTF-8 pair by chance ("Ã©", which Latin-1 text hardly ever writes)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(_legacy(bytes([byte])) for byte in error.object[error.start : error.end]), error.end


_LEGACY_BYTES = "sitegen-windows-1252"
codecs.register_error(_LEGACY_BYTES, _legacy_bytes)


def bad_byte_problems(path: str, bad: list[int]) -> list[Problem]:
    message = "not UTF-8: read as Windows-1252 (Latin-1)"
    return _first_lines(path, [(n, message) for n in bad])


_Line = TypeVar("_Line", str, bytes)


def without_nuls(lines: list[_Line]) -> tuple[list[_Line], list[tuple[int, int]]]:
    """The lines without their NUL bytes (or characters: U+0000 of a UTF-16 text), and (line number, NULs) of each
    line that held some. A few stray NULs are what a copy-paste or a bad editor save leaves in a text: dropped, so
    that the text is read (:func:`looks_binary` lets such a file pass as text)."""
    kept: list[_Line] = []
    found: list[tuple[int, int]] = []
    for number, line in enumerate(lines, start=1):
        count = line.count(b"\x00") if isinstance(line, bytes) else line.count("\x00")
        if count:
            found.append((number, count))
            line = line.replace(b"\x00", b"") if isinstance(line, bytes) else line.replace("\x00", "")
        kept.append(line)
    return kept, found


def nul_problems(path: str, nuls: list[tuple[int, int]]) -> list[Problem]:
    """One problem per line that held NUL bytes (:func:`without_nuls`), the first five and how many more."""
    return _first_lines(path, [(n, _nul_message(count)) for n, count in nuls])


def _nul_message(count: int) -> str:
    return f"{'a NUL byte' if count == 1 else plural(count, 'NUL byte')} in the text, dropped"


def _first_lines(path: str, found: list[tuple[int, str]]) -> list[Problem]:
    """A problem for each of the first :data:`_MAX_BAD_LINES` lines found, then one saying how many more."""
    problems = [Problem(path, n, message) for n, message in found[:_MAX_BAD_LINES]]
    if len(found) > _MAX_BAD_LINES:
        more = len(found) - _MAX_BAD_LINES
        problems.append(Problem(path, found[_MAX_BAD_LINES][0], f"... and {more} more lines like that"))
    return problems

"""E-mail as input: an ``.eml`` file or an mbox of messages, decoded with Python's ``email`` package into the text
of each part, which the readers then read as any text (in practice arXiv's daily digest, as it arrives)."""

from __future__ import annotations

import binascii
import codecs
import email
import email.errors
import email.message
import email.policy
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from sitegen.ingest.text import TextFile, bad_byte_problems, binary_message, decode_lines, nul_problems, without_nuls
from sitegen.records import Paper, Problem

ReadText = Callable[[TextFile], tuple[list[Paper], list[Problem], str | None]]
"""How the ingest stage reads a text: papers, problems and the name of the reader that claimed it (None: none)."""

_HEADER = re.compile(rb"^[!-9;-~]+:")
"""An RFC 5322 header line: a field name of printable ASCII but the colon, then a colon."""
_RECORD_LABELS = frozenset(
    {"title", "abstract", "authors", "author", "doi", "journal", "year", "url", "link", "links", "tags", "pmid"}
    | {"accepted", "published", "venue", "affiliations", "affiliation", "categories", "notes", "source", "arxiv"}
)
"""Labels of a paper's record that no mail's headers hold: a block of ``Name: value`` lines naming one is notes (QA:
``Title:`` / ``Date:`` / ``From: arXiv cs.LG`` / ``Abstract:`` was taken for a mail's headers, the record lost)."""
_TRANSPORT = frozenset(
    {"message-id", "mime-version", "content-type", "content-transfer-encoding", "return-path", "delivered-to"}
    | {"dkim-signature", "x-received", "authentication-results", "arc-seal", "x-mailer", "user-agent", "references"}
    | {"in-reply-to", "list-id", "list-unsubscribe", "thread-topic", "thread-index", "x-gm-thrid", "x-gmail-labels"}
    | {"x-mozilla-status", "x-google-smtp-source", "x-ms-exchange-organization-authas", "x-originating-ip"}
)
"""Headers that mail software writes and no person keeping notes does (``Received:``, which a journal's dates have
too, counts when it reads as a relay's: ``Received: from ... by ...``, ``Received: by ...;``)."""
_RELAY = re.compile(r"^(?:from|by|with|id)\s|;\s*(?:\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}", re.IGNORECASE)
_ADDRESS = re.compile(r"[^\s<>@\"(),;:]+@[^\s<>@\"(),;:]+\.\w")
"""An e-mail address in a header's value: ``no-reply@arxiv.org``, ``Jo <jo@uni.edu>``."""
_ENVELOPE = re.compile(rb"^From \S+.*\d")
"""An mbox's line before each message: ``From no-reply@arxiv.org Mon Nov  4 20:31:05 2024``."""
_QUOTED_FROM = re.compile(rb"^>(>*From )")
"""A body line an mbox quoted because it starts with "From " (mboxrd; mboxo quotes one level the same way)."""
_HEADER_LINES = 200
"""Lines a message's headers may take (a mail relayed many times has dozens of ``Received:`` lines)."""
_LEAD_LINES = 30
"""Lines before a mail that may be passed over to find it (blank lines, Gmail's summary table): :func:`_lead`."""
_EMLX_COUNT = re.compile(rb"^(\d+)[ \t]*\r?\n")
"""Apple Mail's ``.emlx``: the message's length in bytes on the first line, the message, then a property list."""
_GMAIL_SUMMARY = re.compile(rb"^Original Message\s*$")
_GMAIL_SUMMARY_END = re.compile(rb"^Download original\b")
"""Gmail's "Show original" page copied whole: "Original Message", a table (Message ID, From, SPF, ...), a line
"Download original  Copy to clipboard", then the message as it arrived."""


@dataclass(frozen=True, slots=True)
class _Region:
    """Where the mail stands in a file that holds more than the mail."""

    lines: int
    """Lines of the file before it (blank lines, Gmail's summary table, an .emlx's byte count)."""
    start: int
    """Offset of its first byte."""
    end: int
    """Offset after its last byte (an .emlx's property list after it is left out)."""


def detect(data: bytes) -> bool:
    """True for an mbox (``From `` envelope lines before messages) or one message, from its first line or after a
    few lines that are not text to read (:func:`_lead`). Known by its content, never by its name, and strictly
    (:func:`_is_mail`): notes that open with ``From:`` / ``Date:`` / ``Subject:`` lines are read as notes."""
    return _region(data.removeprefix(codecs.BOM_UTF8)[:65536]) is not None


def _region(data: bytes) -> _Region | None:
    """Where the mail of ``data`` is (None: it holds no mail): from its first line, or after the lines :func:`_lead`
    passes over; an .emlx's message runs for the byte count on its first line, its property list left out."""
    lines = data.split(b"\n", _LEAD_LINES + _HEADER_LINES + 1)
    if (count := _EMLX_COUNT.match(data)) and _mail_at(lines, 1):
        end = count.end() + int(count.group(1))
        plist = data[end : end + 100].lstrip().startswith(b"<?xml")  # a number that is no .emlx's cuts nothing
        return _Region(1, count.end(), end if plist else len(data))
    for skip in _lead(lines):
        if _mail_at(lines, skip):
            return _Region(skip, sum(len(line) + 1 for line in lines[:skip]), len(data))
    return None


def _lead(lines: list[bytes]) -> Iterator[int]:
    """Lines a mail may start at: the first, after blank lines (a raw source pasted with a blank line first), after
    Gmail's summary table of "Show original" copied whole. Nothing else is passed over: text before a mail may be a
    reader's, and a file that is not mail from its top is read as text."""
    first = next((n for n, line in enumerate(lines[:_LEAD_LINES]) if line.strip()), None)
    if first is None:
        return
    yield first
    if _GMAIL_SUMMARY.match(lines[first]):
        end = next((n for n in range(first, min(len(lines), _LEAD_LINES)) if _GMAIL_SUMMARY_END.match(lines[n])), None)
        if end is not None:
            yield next((n for n in range(end + 1, len(lines)) if lines[n].strip()), end + 1)


def _mail_at(lines: list[bytes], start: int) -> bool:
    """True when an mbox's ``From `` line or a message's headers (:func:`_is_mail`) stand at ``lines[start]``."""
    if start < len(lines) and _ENVELOPE.match(lines[start]):
        fields = _fields(lines, start + 1)
        return fields is not None and _is_mail(fields, envelope=True)
    fields = _fields(lines, start)
    return fields is not None and _is_mail(fields)


def _fields(lines: list[bytes], start: int) -> list[tuple[str, str]] | None:
    """The header block at ``lines[start]``, names lower-cased, folded values unfolded; None unless every line up to
    a blank line (or the end) is a header line."""
    fields: list[tuple[str, str]] = []
    end = min(len(lines), start + _HEADER_LINES)
    for line in lines[start:end]:
        line = line.rstrip(b"\r")
        if not line.strip():
            return fields or None
        text = line.decode("utf-8", "replace")
        if line[:1] in (b" ", b"\t") and fields:  # a header folded onto the next line
            fields[-1] = (fields[-1][0], f"{fields[-1][1]} {text.strip()}")
        elif _HEADER.match(line):
            name, _, value = text.partition(":")
            fields.append((name.lower(), value.strip()))
        else:
            return None
    return fields if fields and end == len(lines) else None  # headers to the end of the file, no text after them


def _is_mail(fields: list[tuple[str, str]], *, envelope: bool = False) -> bool:
    """True for a mail's headers: no label of a paper's record (``Title:``, ``Abstract:``, ``Authors:``), a
    ``From:`` naming an address and a header only mail software writes (``Message-ID:``, ``MIME-Version:``, a
    relay's ``Received:`` ...: :data:`_TRANSPORT`); after an mbox's ``From `` line, either of the two. A ``From:
    reading group`` / ``Subject: week 3`` above notes, ``Received: 3 March 2023`` in a journal's record are no mail."""
    names = {name for name, _ in fields}
    if names & _RECORD_LABELS:
        return False
    sender = any(name == "from" and _ADDRESS.search(value) for name, value in fields)
    software = bool(names & _TRANSPORT) or any(name == "received" and _RELAY.search(value) for name, value in fields)
    return (sender or software) if envelope else (sender and software)


@dataclass(frozen=True, slots=True)
class _Message:
    """One message of the file: its bytes as the mail client wrote them and where it starts."""

    data: bytes
    """The message, headers first (an mbox's envelope line left out, its ``>From `` lines unquoted)."""
    line: int
    """Line of the file where the message's first header stands."""
    reported_at: int
    """Line its problems are reported at: the mbox's ``From `` line, else the first header."""


def _messages(data: bytes) -> list[_Message]:
    """The messages of an mbox or the file's one message, where :func:`_region` finds the mail. A message starts at
    a ``From `` line followed by headers, after a blank line as mbox writers leave one; right after a body's last
    line only when a whole message's headers follow (:func:`_is_mail`: QA, two messages were read as one). A "From "
    in a text that no mbox writer quoted does not split it."""
    data = data.removeprefix(codecs.BOM_UTF8)
    region = _region(data) or _Region(0, 0, len(data))
    data = data[region.start : region.end]
    lines = data.split(b"\n")
    starts = [i for i, line in enumerate(lines) if _ENVELOPE.match(line) and _starts_message(lines, i)]
    if not starts:
        return [_Message(data, region.lines + 1, region.lines + 1)]
    messages = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        body = [_QUOTED_FROM.sub(rb"\1", line) for line in lines[start + 1 : end]]
        messages.append(_Message(b"\n".join(body), region.lines + start + 2, region.lines + start + 1))
    return messages


def _starts_message(lines: list[bytes], envelope: int) -> bool:
    """True when the ``From `` line ``lines[envelope]`` starts an mbox's message."""
    fields = _fields(lines, envelope + 1)
    if fields is None:
        return False
    after_blank = envelope == 0 or not lines[envelope - 1].strip()
    return _is_mail(fields, envelope=after_blank)


@dataclass(slots=True)
class _Text:
    """The decoded text of one part and the line of the file each of its lines comes from."""

    text: TextFile
    lines: list[int]
    """File line of each line of ``text``."""
    label: str
    """How messages name it: "e-mail text", or "e-mail attachment 'refs.bib'"."""
    attached: bool = False
    problems: list[Problem] = field(default_factory=list)
    """What was wrong with its decoding (the text is read all the same)."""
    unread: Problem | None = None
    """Why it gives no text to read (empty, base64 cut short, a binary attachment)."""

    def line_of(self, number: int) -> int:
        """The file line of line ``number`` of the text (1-based)."""
        return self.lines[min(max(number, 1), len(self.lines)) - 1] if self.lines else 1

    def placed_paper(self, paper: Paper) -> Paper:
        sources = tuple(replace(s, line=self.line_of(s.line)) for s in paper.sources)
        return replace(paper, sources=sources)

    def placed_problem(self, problem: Problem) -> Problem:
        return replace(problem, line=self.line_of(problem.line), whole_file=False)


def read(path: str, data: bytes, read_text: ReadText) -> tuple[list[Paper], list[Problem], str | None]:
    """Every text part of every message read by ``read_text``, its papers and problems placed at the lines of the
    file they come from; a message that gives nothing is reported, never dropped. The name is the reader's that
    read the first text (``arxiv-listing`` for a digest), None when no text was read."""
    messages = _messages(data)
    papers: list[Paper] = []
    problems: list[Problem] = []
    claimed: list[str] = []
    for message in messages:
        found, more, names = _read_message(path, message, read_text, alone=len(messages) == 1)
        papers += found
        problems += more
        claimed += names
    problems.sort(key=lambda p: (p.line, p.column))
    return papers, problems, claimed[0] if claimed else None


def _read_message(
    path: str, message: _Message, read_text: ReadText, *, alone: bool
) -> tuple[list[Paper], list[Problem], list[str]]:
    """The papers of one message's text parts and the problems with them, placed at the file's lines. A part no
    reader reads is reported when it is an attachment or when the message gives no paper (a note above an attached
    BibTeX file is no input); a message without text says what it holds instead. The message ``alone`` in its file
    (an .eml) that no reader reads is the file skipped, as a text file no reader reads is."""
    parsed = email.message_from_bytes(message.data, policy=email.policy.compat32)
    papers: list[Paper] = []
    problems: list[Problem] = []
    unread: list[tuple[_Text, Problem]] = []
    names: list[str] = []
    texts = 0
    for part, at in _leaves(parsed, message.data):
        text = _text_of(path, message, part, at)
        if text is None:
            continue
        texts += 1
        problems += text.problems
        if text.unread:
            unread.append((text, text.unread))
            continue
        found, more, name = read_text(text.text)
        if name is None:  # no reader claims it: the one problem says why, for the text as a whole
            why = text.placed_problem(more[0])
            unread.append((text, replace(why, message=f"{text.label}: {why.message}")))
            continue
        papers += [text.placed_paper(p) for p in found]
        problems += [text.placed_problem(p) for p in more]
        names.append(name)
    unread_problems = [problem for text, problem in unread if text.attached or not papers]
    if not texts:
        unread_problems.append(_no_text(path, message, parsed))
    if alone and unread_problems and not names:
        unread_problems[0] = replace(unread_problems[0], whole_file=True)
    return papers, unread_problems + problems, names


def _leaves(parsed: email.message.Message, data: bytes) -> Iterator[tuple[email.message.Message, int]]:
    """The parts holding content (not the multipart containers), each with the offset in ``data`` of its encoded
    body (-1 when it cannot be found): parts come in the order the file holds them, so each is looked for after
    the one before, from the end of the message's headers (an empty text, ``"\\n"``, is found there, not in them)."""
    ends = [at + len(blank) for blank in (b"\n\n", b"\n\r\n") if (at := data.find(blank)) >= 0]
    cursor = min(ends, default=0)  # the message's headers end at their blank line
    for part in parsed.walk():
        if part.is_multipart():
            continue
        raw = _raw_payload(part)
        at = data.find(raw, cursor) if raw else -1
        if at >= 0:
            cursor = at + len(raw)
        yield part, at


def _raw_payload(part: email.message.Message) -> bytes:
    """The part's body as the file holds it: plain 8-bit text is its own decoding, an encoded body is ASCII."""
    if _encoding(part) in ("quoted-printable", "base64", "x-uuencode", "uuencode", "x-uue", "uue"):
        try:
            payload = part.get_payload()
        except (UnicodeError, LookupError):  # 8-bit bytes in it, "decoded" in a charset such as "idna" that fails
            return b""
        return payload.encode("ascii", "replace") if isinstance(payload, str) else b""
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


def _filename(part: email.message.Message) -> str | None:
    """The attachment's file name; "attachment" when it is written in a charset that fails (RFC 2231's
    ``filename*=idna''...``, which Python's decoder does not catch)."""
    try:
        return part.get_filename()
    except (UnicodeError, LookupError):
        return "attachment"


def _encoding(part: email.message.Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _text_of(path: str, message: _Message, part: email.message.Message, at: int) -> _Text | None:
    """The part's decoded text with its lines placed in the file; None for a part that is no text to read (an
    HTML alternative, an image), a problem for an attachment that cannot be read."""
    ctype = part.get_content_type()
    filename = _filename(part)
    attached = part.get_content_disposition() == "attachment" or filename is not None
    if (ctype != "text/plain" and not attached) or _beside_the_text(part, filename):
        return None
    start = message.line + message.data[: max(at, 0)].count(b"\n") if at >= 0 else message.reported_at
    decoded = part.get_payload(decode=True)
    payload = decoded if isinstance(decoded, bytes) else b""
    label = f"e-mail attachment {filename or ctype!r}" if attached else "e-mail text"
    empty = _Text(TextFile(path, ()), [], label, attached)
    wide = _bom_codec(payload)
    if attached and ctype != "text/plain" and not wide and (binary := binary_message(payload)):
        empty.unread = Problem(path, start, f"{label}: {binary}", skipped=True)
        return empty
    damage = _base64_damage(path, start, part, label)
    if damage and damage.skipped:
        empty.unread = damage
        return empty
    offsets = _encoded_offsets(_raw_payload(part) if at >= 0 else b"", _encoding(part))
    charset = wide or part.get_content_charset()
    lines, numbers, problems = _decoded_lines(path, payload, charset, offsets, start)
    text = _Text(TextFile(path, tuple(lines)), numbers, label, attached, [*([damage] if damage else []), *problems])
    if not any(line.strip() for line in lines):
        text.unread = Problem(path, start, f"{label} is empty, skipped", skipped=True)
    return text


_BESIDE_THE_TEXT = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
    | {"application/pgp-keys", "text/vcard", "text/x-vcard", "text/directory", "text/calendar", "application/ics"}
)
_BESIDE_THE_TEXT_NAMES = (".asc", ".sig", ".p7s", ".vcf", ".ics")


def _beside_the_text(part: email.message.Message, filename: str | None) -> bool:
    """True for what mail clients add beside a message's text and no one sends as abstracts: a signature
    (``signature.asc``, ``smime.p7s``), a vCard, a calendar invitation, an image shown in the text (a logo, inline
    or named by a ``Content-ID``). Passed over without a word: reported as unreadable input, they failed --strict
    on a signed digest (QA)."""
    ctype = part.get_content_type()
    if ctype in _BESIDE_THE_TEXT or (filename or "").lower().endswith(_BESIDE_THE_TEXT_NAMES):
        return True
    inline = part.get_content_disposition() == "inline" or part.get("content-id") is not None
    return ctype.startswith("image/") and inline


def _bom_codec(payload: bytes) -> str | None:
    """The codec of a body that opens with UTF-16's byte order mark and decodes as such, else None: Web of Science's
    ``savedrecs.txt`` attached with no charset is read as it is read from a file (QA: it was unrecognised). The mark
    wins over a charset the part names, as browsers have it."""
    if not payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or payload.startswith(codecs.BOM_UTF32_LE):
        return None
    try:
        payload.decode("utf-16")
    except UnicodeDecodeError:
        return None
    return "utf-16"


def _base64_damage(path: str, line: int, part: email.message.Message, label: str) -> Problem | None:
    """What Python's decoder found wrong with the part's base64: cut short, it keeps the text undecoded (skipped);
    stray characters or padding it reads past (a warning)."""
    defects = {type(d) for d in part.defects}
    if email.errors.InvalidBase64LengthDefect in defects:
        message = f"{label} could not be decoded (its base64 is cut short or damaged), skipped"
        return Problem(path, line, message, skipped=True)
    if defects & {email.errors.InvalidBase64CharactersDefect, email.errors.InvalidBase64PaddingDefect}:
        message = f"{label}: its base64 is damaged (stray characters or padding); read as far as it decodes, check it"
        return Problem(path, line, message)
    return None


def _encoded_offsets(raw: bytes, encoding: str) -> list[int]:
    """For each line of the encoded body, the offset in the decoded bytes where its text begins: a quoted-printable
    line holds what it decodes to (a soft break ``=`` at its end joins it to the next), a base64 line three bytes
    for every four characters, a plain line itself."""
    offsets: list[int] = []
    total = 0
    for line in raw.splitlines(keepends=True):
        offsets.append(total * 3 // 4 if encoding == "base64" else total)
        if encoding == "quoted-printable":
            total += len(binascii.a2b_qp(line))
        elif encoding == "base64":
            total += len(_NOT_BASE64.sub(b"", line))  # characters so far: every 4 are 3 bytes
        else:
            total += len(line)
    return offsets or [0]


_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


def _decoded_lines(
    path: str, payload: bytes, charset: str | None, offsets: list[int], start: int
) -> tuple[list[str], list[int], list[Problem]]:
    """The decoded body's lines as text and the file line each starts on: in the part's charset, or (when it names
    none, or one Python cannot read text in) UTF-8, else Windows-1252 line by line, as any input file is read. Stray
    NUL bytes are dropped and reported, as in any input file."""
    codec = _codec(charset)
    if codec and codec.name.startswith(("utf-16", "utf-32")):  # its lines cannot be split as bytes
        wide, numbers = _wide_lines(payload, codec.name, offsets, start)
        wide, nuls = without_nuls(wide)
        return wide, numbers, [replace(p, line=numbers[p.line - 1]) for p in nul_problems(path, nuls)]
    raw_lines = payload.split(b"\n")
    if raw_lines and raw_lines[-1] in (b"", b"\r"):
        raw_lines.pop()
    numbers, position = [], 0
    for raw in raw_lines:
        numbers.append(start + max(bisect_right(offsets, position) - 1, 0))
        position += len(raw) + 1
    raw_lines, nuls = without_nuls([raw.removesuffix(b"\r") for raw in raw_lines])
    problems = [replace(p, line=numbers[p.line - 1]) for p in nul_problems(path, nuls)]
    lines = _in_charset(raw_lines, codec.name) if codec and codec.name != "utf-8" else None
    if lines is None:
        if charset and (codec is None or codec.name != "utf-8"):
            message = f"e-mail text in a charset Python cannot read ({charset!r}): read as UTF-8 or Windows-1252"
            problems.append(Problem(path, start, message))
        lines, bad = decode_lines(raw_lines)
        problems += [replace(p, line=numbers[p.line - 1]) for p in bad_byte_problems(path, bad)]
    elif bad := [n for n, line in enumerate(lines) if "\ufffd" in line]:
        message = f"e-mail text not valid {charset} (the charset it names): such bytes shown as \ufffd"
        problems.append(Problem(path, numbers[bad[0]], message))
    if lines:
        lines[0] = lines[0].removeprefix("\ufeff")
    return lines, numbers, problems


def _wide_lines(payload: bytes, codec: str, offsets: list[int], start: int) -> tuple[list[str], list[int]]:
    """The lines of a UTF-16 or UTF-32 body and the file line each starts on, found from the bytes each takes."""
    unit = 4 if "32" in codec else 2
    lines = payload.decode(codec, "replace").split("\n")
    if lines and lines[-1] in ("", "\r"):
        lines.pop()
    numbers, position = [], unit if payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else 0
    for line in lines:
        numbers.append(start + max(bisect_right(offsets, position) - 1, 0))
        position += len(line.encode(f"utf-{unit * 8}-le", "replace")) + unit
    lines = [line.removesuffix("\r") for line in lines]
    if lines:
        lines[0] = lines[0].removeprefix("\ufeff")
    return lines, numbers


_C1_AS_WINDOWS_1252 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0) if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
"""Text labelled ISO-8859-1 read as Windows-1252, as browsers and mail clients read it (the WHATWG Encoding
standard maps the label so): mail from Windows labels its curly quotes and dashes (bytes 0x93, 0x94, 0x96) Latin-1,
which has control characters there (QA: U+0093 and U+0094 around a method's name, U+0096 for its dash)."""


def _in_charset(raw_lines: list[bytes], codec: str) -> list[str] | None:
    """The lines in the codec, bytes it cannot read as U+FFFD (Latin-1 read as Windows-1252); None when it reads no
    text (``idna``, ``undefined``, which a hostile header may name, fail whatever the bytes)."""
    try:
        lines = [raw.decode(codec, "replace") for raw in raw_lines]
    except (UnicodeError, LookupError, ValueError):
        return None
    return [line.translate(_C1_AS_WINDOWS_1252) for line in lines] if codec == "iso8859-1" else lines


def _codec(charset: str | None) -> codecs.CodecInfo | None:
    """The text codec a charset names; UTF-8 for ASCII (8-bit text labelled ASCII is UTF-8 more often than not);
    None when it names none, or none Python has for text (``x-unknown``; ``base64`` and ``rot13`` are codecs too)."""
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset)
        "".encode(codec.name)
    except (LookupError, ValueError):
        return None
    return codecs.lookup("utf-8") if codec.name == "ascii" else codec


def _no_text(path: str, message: _Message, parsed: email.message.Message) -> Problem:
    """Why a message gives no text to read: only HTML (newsletters, journal alerts), or no text at all."""
    types = {part.get_content_type() for part in parsed.walk() if not part.is_multipart()}
    if "text/html" in types:
        why = "an HTML body only, skipped (sitegen reads a mail's plain text: copy the mail's text into a .txt file)"
    else:
        why = f"no text, skipped (its parts: {', '.join(sorted(types))})"
    return Problem(path, message.reported_at, f"e-mail message with {why}", skipped=True)


_SOFT_BREAK = re.compile(r"[^=\s]=$")
_QP_ESCAPE = re.compile(r"=3D|=[C-F][0-9A-F]=[89AB][0-9A-F]")
"""Quoted-printable: a soft line break (``=`` ending a line it cut), an ``=`` written ``=3D``, a UTF-8 character
written byte by byte (``Garc=C3=ADa``)."""


def quoted_printable(text: TextFile) -> Problem | None:
    """A warning, at its first such line, for a text read as written that is quoted-printable all over (five lines
    at least, one in twenty): a mail's source copied without the lines before it that would have said so (QA:
    "a= nd", "$k=3D4$", "Ruiz-Garc=C3=ADa" read in silence)."""
    filled = [n for n, line in enumerate(text.lines, start=1) if line.strip()]
    encoded = [n for n in filled if _quoted_printable_line(text.lines[n - 1])]
    if len(encoded) < 5 or len(encoded) * 20 < len(filled):
        return None
    message = (
        f"{_QUOTED_PRINTABLE}, read as it is written (a mail's text copied from its source?): save the whole mail, "
        "headers included, as an .eml file, which sitegen decodes"
    )
    return Problem(text.path, encoded[0], message)


def _quoted_printable_line(line: str) -> bool:
    """True for a line that shows quoted-printable: an escape, or a soft break that is not a base64 line's padding."""
    return bool(_QP_ESCAPE.search(line) or (_SOFT_BREAK.search(line) and not _BASE64_LINE.match(line.strip())))


_QUOTED_PRINTABLE = "quoted-printable text (=3D, =C3=A9, lines ending in '=')"
_QUOTED = re.compile(r"^> ?")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]{40,76}={0,2}$")


def hint(text: TextFile, claims: Callable[[TextFile], str | None]) -> str | None:
    """What an unrecognised text is when it is mail that lost its envelope, said with what to do: a digest forwarded
    with ``> `` before its lines (``claims`` names the reader that reads it once unquoted), or a body of base64 or
    quoted-printable saved without the headers that say how to decode it."""
    filled = [line for line in text.lines if line.strip()]
    quoted = [line for line in filled if line.startswith(">")]
    if len(quoted) >= 10 and len(quoted) * 2 >= len(filled):
        unquoted = TextFile(text.path, tuple(_QUOTED.sub("", line) for line in text.lines if line.startswith(">")))
        reader = claims(unquoted)
        if reader:
            return (
                f"text quoted with '> ' (a forwarded or replied mail) that reads as {reader} once unquoted, skipped "
                "(remove the '> ' before its lines, or save the original mail as an .eml file)"
            )
    if len(filled) >= 5 and sum(1 for line in filled if _BASE64_LINE.match(line.strip())) * 10 >= len(filled) * 9:
        return (
            "base64-encoded text (a mail's body without its headers?), skipped (save the whole mail, headers "
            "included, as an .eml file: sitegen decodes it)"
        )
    if quoted_printable(text):
        return (
            f"{_QUOTED_PRINTABLE} (a mail's body without its headers?), skipped (save the whole mail, headers "
            "included, as an .eml file: sitegen decodes it)"
        )
    return None

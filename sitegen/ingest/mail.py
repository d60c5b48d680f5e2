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

from sitegen.ingest.text import TextFile, bad_byte_problems, binary_message, decode_lines
from sitegen.records import Paper, Problem

ReadText = Callable[[TextFile], tuple[list[Paper], list[Problem], str | None]]
"""How the ingest stage reads a text: papers, problems and the name of the reader that claimed it (None: none)."""

_HEADER = re.compile(rb"^[!-9;-~]+:")
"""An RFC 5322 header line: a field name of printable ASCII but the colon, then a colon."""
_MAIL_HEADERS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version", "content-type"}
    | {"content-transfer-encoding", "delivered-to", "reply-to", "sender", "x-mailer", "user-agent", "in-reply-to"}
)
"""Headers a mail has and notes kept by hand have not, but for ``Date:`` and ``Subject:`` (and ``To:``)."""
_MAIL_ONLY = _MAIL_HEADERS - {"date", "subject", "to"}
_ENVELOPE = re.compile(rb"^From \S+.*\d")
"""An mbox's line before each message: ``From no-reply@arxiv.org Mon Nov  4 20:31:05 2024``."""
_QUOTED_FROM = re.compile(rb"^>(>*From )")
"""A body line an mbox quoted because it starts with "From " (mboxrd; mboxo quotes one level the same way)."""
_HEADER_LINES = 200
"""Lines a message's headers may take (a mail relayed many times has dozens of ``Received:`` lines)."""


def detect(data: bytes) -> bool:
    """True for an mbox (a ``From `` envelope line, then a message's headers) or one message (its headers from the
    first line to a blank line, naming at least two of a mail's headers, one of which notes never have: ``From:``,
    ``Message-ID:``, ``MIME-Version:``, ``Received:`` ...). Known by its content, never by its name."""
    lines = data.removeprefix(codecs.BOM_UTF8)[:65536].split(b"\n", _HEADER_LINES + 1)
    if _ENVELOPE.match(lines[0]):
        lines = lines[1:]
    return _headers_at(lines, 0)


def _headers_at(lines: list[bytes], start: int) -> bool:
    """True when a message's header block starts at ``lines[start]``."""
    names: set[str] = set()
    for line in lines[start : start + _HEADER_LINES]:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t") and names:  # a header folded onto the next line
            continue
        if not _HEADER.match(line):
            return False
        names.add(line.split(b":", 1)[0].decode("ascii").lower())
    else:
        return False
    return len(names & _MAIL_HEADERS) >= 2 and bool(names & _MAIL_ONLY)


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
    """The messages of an mbox (each after a ``From `` line that follows a blank line and comes before headers: a
    "From " in a text that no mbox writer quoted does not split it) or the file's one message."""
    data = data.removeprefix(codecs.BOM_UTF8)
    lines = data.split(b"\n")
    starts = [
        i
        for i, line in enumerate(lines)
        if _ENVELOPE.match(line) and (i == 0 or not lines[i - 1].strip()) and _headers_at(lines, i + 1)
    ]
    if not starts:
        return [_Message(data, 1, 1)]
    messages = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        body = [_QUOTED_FROM.sub(rb"\1", line) for line in lines[start + 1 : end]]
        messages.append(_Message(b"\n".join(body), start + 2, start + 1))
    return messages


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
    if ctype != "text/plain" and not attached:
        return None
    start = message.line + message.data[: max(at, 0)].count(b"\n") if at >= 0 else message.reported_at
    decoded = part.get_payload(decode=True)
    payload = decoded if isinstance(decoded, bytes) else b""
    label = f"e-mail attachment {filename or ctype!r}" if attached else "e-mail text"
    empty = _Text(TextFile(path, ()), [], label, attached)
    if attached and ctype != "text/plain" and (binary := binary_message(payload)):
        empty.unread = Problem(path, start, f"{label}: {binary}", skipped=True)
        return empty
    damage = _base64_damage(path, start, part, label)
    if damage and damage.skipped:
        empty.unread = damage
        return empty
    offsets = _encoded_offsets(_raw_payload(part) if at >= 0 else b"", _encoding(part))
    lines, numbers, problems = _decoded_lines(path, payload, part.get_content_charset(), offsets, start)
    text = _Text(TextFile(path, tuple(lines)), numbers, label, attached, [*([damage] if damage else []), *problems])
    if not any(line.strip() for line in lines):
        text.unread = Problem(path, start, f"{label} is empty, skipped", skipped=True)
    return text


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
    none, or one Python cannot read text in) UTF-8, else Windows-1252 line by line, as any input file is read."""
    raw_lines = payload.split(b"\n")
    if raw_lines and raw_lines[-1] in (b"", b"\r"):
        raw_lines.pop()
    numbers, position = [], 0
    for raw in raw_lines:
        numbers.append(start + max(bisect_right(offsets, position) - 1, 0))
        position += len(raw) + 1
    raw_lines = [raw.removesuffix(b"\r") for raw in raw_lines]
    problems: list[Problem] = []
    codec = _codec(charset)
    lines = _in_charset(raw_lines, codec.name) if codec and codec.name != "utf-8" else None
    if lines is None:
        if charset and (codec is None or codec.name != "utf-8"):
            message = f"e-mail text in a charset Python cannot read ({charset!r}): read as UTF-8 or Windows-1252"
            problems.append(Problem(path, start, message))
        lines, bad = decode_lines(raw_lines)
        problems += [replace(p, line=numbers[p.line - 1]) for p in bad_byte_problems(path, bad)]
    elif codec and codec.name.startswith(("utf-16", "utf-32")):  # its lines cannot be split as bytes
        lines = payload.decode(codec.name, "replace").splitlines()
        numbers = [start] * len(lines)
    elif bad := [n for n, line in enumerate(lines) if "\ufffd" in line]:
        message = f"e-mail text not valid {charset} (the charset it names): such bytes shown as \ufffd"
        problems.append(Problem(path, numbers[bad[0]], message))
    if lines:
        lines[0] = lines[0].removeprefix("\ufeff")
    return lines, numbers, problems


def _in_charset(raw_lines: list[bytes], codec: str) -> list[str] | None:
    """The lines in the codec, bytes it cannot read as U+FFFD; None when it reads no text (``idna``, ``undefined``,
    which a hostile header may name, fail whatever the bytes)."""
    try:
        return [raw.decode(codec, "replace") for raw in raw_lines]
    except (UnicodeError, LookupError, ValueError):
        return None


def _codec(charset: str | None) -> codecs.CodecInfo | None:
    """The text codec a charset names; UTF-8 for ASCII (8-bit text labelled ASCII is UTF-8 more often than not);
    None when it names none, or none Python has for text (``x-unknown``; ``base64`` and ``rot13`` are codecs too)."""
    if not charset or charset in ("us-ascii", "ascii"):
        return codecs.lookup("utf-8") if charset else None
    try:
        codec = codecs.lookup(charset)
        "".encode(codec.name)
    except (LookupError, ValueError):
        return None
    return codec


def _no_text(path: str, message: _Message, parsed: email.message.Message) -> Problem:
    """Why a message gives no text to read: only HTML (newsletters, journal alerts), or no text at all."""
    types = {part.get_content_type() for part in parsed.walk() if not part.is_multipart()}
    if "text/html" in types:
        why = "an HTML body only, skipped (sitegen reads a mail's plain text: copy the mail's text into a .txt file)"
    else:
        why = f"no text, skipped (its parts: {', '.join(sorted(types))})"
    return Problem(path, message.reported_at, f"e-mail message with {why}", skipped=True)


_QUOTED = re.compile(r"^> ?")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]{40,76}={0,2}$")


def hint(text: TextFile, claims: Callable[[TextFile], str | None]) -> str | None:
    """What an unrecognised text is when it is mail that lost its envelope, said with what to do: a digest forwarded
    with ``> `` before its lines (``claims`` names the reader that reads it once unquoted), or a body of base64
    saved without the headers that say how to decode it."""
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
    return None

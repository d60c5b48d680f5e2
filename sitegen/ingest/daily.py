"""Readers for scraped "Daily Papers" listing pages (compact and blank-line-spaced layouts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from sitegen.ingest import table
from sitegen.ingest.fields import MONTHS, iso_date, line_joined
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import normalize_space

# Header and separator lines of the listing page; never titles.
_NOISE = {
    "new",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "·",
    "•",
    "upvote",
}
_UPVOTES = re.compile(r"^(?:upvote\s*)?\d+$", re.IGNORECASE)
"""An upvote count on a line of its own ("12", "Upvote 12"): the page's vote button, never a title or abstract."""
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'(\[])")
_AUTHORS = re.compile(r"^[•·*-]?\s*(\d+)\s+authors?$", re.IGNORECASE)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATE = re.compile(rf"^({_MONTHS})[a-z]*\.? (\d{{1,2}}), (\d{{4}})(?:\s+(\d+))?$")
_BARE_DATE = re.compile(rf"^({_MONTHS})[a-z]*\.? \d{{1,2}}$")
_CONNECTIVES = frozenset(
    (  # noqa: SIM905
        "a an and as at between but by for from in into of on or over than that the to under using versus via vs. "
        "whether which while with within without"
    ).split()
)
"""Lower-case words that start no title and end none: a title line ending in one, or a line starting with one, was
cut from a title ("... A Benchmark and Analysis" + "of Failure Modes ...")."""
_CUT_TITLE = ":,-\u2013\u2014/"
"""A title line ending in one of these (a colon, comma, hyphen or dash) was cut: the next line goes on with it."""
_SENTENCE_END = re.compile(r"(?:.*[.!?\u2026]|.*://.*|www\..*)[\"'\u201d\u2019)\]]*")
"""How an abstract's last word ends: with a sentence's punctuation (maybe inside quotes or brackets), or it is a
link ("Code is available at https://github.com/..."): all but 2 of the seeds' 594 abstracts end so (20 of them
with a link and no full stop)."""
_WORD = r"[a-z]+(?:-[a-z0-9]+)*"
"""A lower-case word, maybe hyphenated ("large-scale", "state-of-the-art", "top-1")."""
_ACRONYM = r"\([A-Z0-9][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*\)"
"""An acronym in brackets, two capitals or digits or more ("(DFS)", "(ResNet)", "(2D)"; not "(Nearly)")."""
_CONNECTIVE_START = "|".join(re.escape(word) for word in sorted(_CONNECTIVES))
_LOWER_START = re.compile(
    rf"(?:e\.g\.|i\.e\.|\(?{_WORD}\)?[,;]?|{_ACRONYM}[,;]?)(?:\s+[a-z0-9(\[$\\]|$)|(?:\(?{_WORD}\)?|{_ACRONYM})\.(?:\s|$)"
    rf"|(?:{_CONNECTIVE_START})\s"
)
"""A line starting mid-sentence: a lower-case word and then another ("and improves perplexity", "with 8 to 64
experts"), or a lower-case word ending a sentence ("algorithm. This approach ...": a paste broke the abstract
before a sentence's last word, as at 4 % of the places mid-sentence in the seeds' abstracts; the line above, too
short to be prose by itself, was read as a title, the real title as one with no abstract). The word may be
hyphenated ("large-scale models ...", 2.5 % of those places: always misread so before), in brackets ("(in its
description ...", "(generate) future ...") or an acronym in brackets ("(DFS) problem ...", "(NTK). This ...";
another 0.7 %). A name starting in lower case ("iVideoGPT:", "node2vec:", "vMF", "mixup: Beyond", "gzip
Predicts", "x-vectors:", "f-GAN:") or a bracketed word ("(Almost) Free Lunch") starts a title; no title or abstract
of the seeds starts with a lower-case word and a full stop, nor any of their titles in any of these ways. A word of
:data:`_CONNECTIVES` ("the Adam optimizer ...", "with Global ...") goes on with a sentence whatever follows it: a
capital after it was misread before (1.6 % of the places mid-sentence); no title or abstract of the seeds starts
with one."""
_STRAY_LINES = 50
"""How far after a stray line an authors or date line is looked for."""
_MIN_ABSTRACT_CHARS = 80
_LONG_ABSTRACT_CHARS = 300


def is_noise(line: str) -> bool:
    """A header or separator line of the listing page, or an upvote count on a line of its own."""
    text = line.strip()
    return text.lower() in _NOISE or bool(_BARE_DATE.match(text) or _UPVOTES.match(text))


def looks_like_abstract(text: str) -> bool:
    """Running prose: long, or a dozen-plus words ending in a full stop (titles rarely do)."""
    if len(text) >= _LONG_ABSTRACT_CHARS:
        return True
    return len(text) >= _MIN_ABSTRACT_CHARS and text.endswith(".") and len(text.split()) >= 12


def parse_date(text: str) -> tuple[str | None, int | None] | None:
    """``May 28, 2024`` -> ``("2024-05-28", None)``; ``Jun 5, 2023 18`` -> 18 upvotes. A line of that shape is the
    date line even when its day does not exist: ``Feb 30, 2024 18`` keeps ``2024-02`` and its upvotes, as far as it
    is a real date like every date sitegen reads, rather than becoming a title with no abstract."""
    m = _DATE.match(text)
    if not m:
        return None
    month, day, year, votes = m.groups()
    return iso_date(f"{year}-{MONTHS[month[:3].lower()]:02d}-{int(day):02d}"), int(votes) if votes else None


@dataclass(slots=True)
class _Pending:
    """A record being assembled while walking the lines."""

    line: int
    title: str | None
    abstract: str | None = None
    meta: dict[str, object] = field(default_factory=dict)
    last: int = 0
    """Number of the record's last title or abstract line: a line joined to it names it."""
    ended: bool = False
    """An authors or date line came after it: the record's lines are over, nothing more is joined to it."""
    hint: str = ""
    """What probably happened, said with the problem when the record is skipped ("a wrapped title?")."""
    opening: str = ""
    """The abstract's first line, as written."""
    wrapped: list[Problem] = field(default_factory=list)
    """The notes of the lines joined to the title or the abstract."""


_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


def detect_listing(text: TextFile) -> bool:
    """Claims files that read as a listing: papers with a title line and at least one abstract that is running
    prose, with few lines left over (titles with no abstract, abstracts with no title). A title with no abstract
    whose authors or date line comes right after it is a listing's entry all the same, and no line left over: a
    scrape that lost half its abstracts was skipped whole as "unrecognised format", its papers with abstracts
    too (carried QA item).

    The file is judged as written first. Failing that, it is judged as read, lines joined: a line joined to a
    title or an abstract is no line left over in an entry that is clearly a listing's (:func:`_clearly_wrapped`),
    when there are two such entries or more. A page whose abstracts a paste all wrapped was an unrecognised format,
    each wrapped line counted against it (QA), and so was one whose titles were wrapped too (QA: a title's join
    still counted). Any other join still counts, so prose wrapped at 72 columns, or a heading over one paragraph,
    is no listing."""
    if table.without_abstract_column(text) is not None:  # a spreadsheet's long rows are no abstracts
        return False
    content = _content_lines(text)
    if _reads_as_listing(content, *_walk(text.path, content)):
        return True
    records, notes = _assemble(text.path, content, mend=True)
    clear = [record for record in records if _clearly_wrapped(record)]
    if len(clear) < 2:  # a heading over one wrapped paragraph may be any note's: a listing repeats the shape
        return False
    wrapped = {note for record in clear for note in record.wrapped}
    papers, problems = _finished(text.path, records, notes)
    return _reads_as_listing(content, papers, [p for p in problems if p not in wrapped])


def _reads_as_listing(content: list[tuple[int, str]], papers: list[Paper], problems: list[Problem]) -> bool:
    """Whether a reading of the lines is a listing's (:func:`detect_listing`)."""
    if not any(paper.title for paper in papers) or not any(looks_like_abstract(p.abstract) for p in papers):
        return False
    headings = sum(1 for p in papers if p.title and _MARKDOWN_HEADING.match(p.title))
    if headings * 2 >= len(papers):  # Markdown notes ("# Title", "## Abstract", "## Notes"), never a listing's titles
        return False
    lines = sum(1 for _, line in content if not _is_meta(line))
    before_meta = {number for (number, line), (_, after) in pairwise(content) if _is_meta(after) and not _is_meta(line)}
    entries = sum(1 for p in problems if p.line in before_meta and p.message.startswith(_NO_ABSTRACT))
    return len(problems) - entries <= max(2, lines // 5)


def _clearly_wrapped(record: _Pending) -> bool:
    """Whether the record is a listing's entry whose title or abstract a paste wrapped, not lines of prose read as
    one: a title shaped as one (:func:`_title_shaped`) that neither starts nor ends mid-sentence (two lower-case words,
    a colon, comma, dash or a word such as "of" at its end), then an abstract whose first line is running prose
    by its length alone (80 characters or more: no line of prose wrapped at 72 or 79 columns is) and starts a
    sentence of its own rather than going on with the title's, and which ends a sentence once joined."""
    title, first, abstract = record.title, record.opening, record.abstract
    if not record.wrapped or title is None or abstract is None:
        return False
    cut = title[-1] in _CUT_TITLE or title.split()[-1].lower() in _CONNECTIVES
    return (
        _title_shaped(title)
        and not cut
        and not _LOWER_START.match(title)
        and len(first) >= _MIN_ABSTRACT_CHARS
        and not first[0].islower()
        and looks_like_abstract(abstract)
        and _ends_sentence(abstract)
    )


def detect_compact(text: TextFile) -> bool:
    """Listing with no blank lines between items (seeds 001, 002)."""
    blank = sum(1 for ln in text.lines if not ln.strip())
    return blank <= len(text.lines) // 10 and detect_listing(text)


def detect_spaced(text: TextFile) -> bool:
    """Listing with blank lines between items and optional author/date lines (seeds 003, 004)."""
    blank = sum(1 for ln in text.lines if not ln.strip())
    return blank > len(text.lines) // 10 and detect_listing(text)


def read_listing(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """Walk the lines: title, abstract, then optional authors / date lines; a title or abstract that a paste broke
    onto two lines is joined again where the evidence is clear (:func:`_mend`)."""
    return _walk(text.path, _content_lines(text), mend=True)


def _walk(path: str, content: list[tuple[int, str]], *, mend: bool = False) -> tuple[list[Paper], list[Problem]]:
    """Pair each title line with the abstract after it (:func:`_assemble`) and finish the records, in the order of
    the lines."""
    return _finished(path, *_assemble(path, content, mend=mend))


def _assemble(path: str, content: list[tuple[int, str]], *, mend: bool) -> tuple[list[_Pending], list[Problem]]:
    """Pair each title line with the abstract after it; authors and date lines go to the paper before them and end
    its entry: the line after them is never its abstract (a title with no abstract, then its authors and date,
    then the next title, is reported as such).

    With ``mend``, a line that clearly goes on with the title or abstract above is joined to it, said with a note.
    Recognition walks without first: it judges the file as written, and joining lines must never make a file of
    other text (prose wrapped at 72 columns, whose lines start in lower case) read as a listing; it looks at the
    joins only of entries that are clearly a listing's (:func:`detect_listing`)."""
    records: list[_Pending] = []
    problems: list[Problem] = []
    for index, (number, line) in enumerate(content):
        pending = records[-1] if records else None
        if pending is not None and _read_meta(line, pending):
            pending.ended = True
            continue
        if mend and pending is not None and (note := _mend(path, content, index, pending)):
            problems.append(note)
            continue
        following = content[index + 1][1] if index + 1 < len(content) else None
        # a title waiting for its abstract: an authors or date line ended the entry of one that had none
        open_title = pending is not None and pending.abstract is None and not pending.ended
        if looks_like_abstract(line) or (open_title and _opens_abstract(line, following, wrapped=mend)):
            if pending is None or not open_title:
                pending = _untitled(path, number, pending, problems)
                records.append(pending)
            pending.abstract, pending.opening, pending.last = line, line, number
        else:
            if pending is not None and pending.abstract is None and number == pending.last + 1:
                pending.hint = "two title lines in a row: a wrapped title?"
            records.append(_Pending(number, line, last=number))
    return records, problems


def _finished(path: str, records: list[_Pending], problems: list[Problem]) -> tuple[list[Paper], list[Problem]]:
    """The records' papers and the problems, with those of records skipped, sorted by line."""
    papers: list[Paper] = []
    problems = list(problems)
    for record in records:
        _finish(path, record, papers, problems)
    return papers, sorted(problems, key=lambda problem: problem.line)


def _untitled(path: str, number: int, pending: _Pending | None, problems: list[Problem]) -> _Pending:
    """A record for an abstract with no title line. Right after another abstract, with no authors or date line
    between, it is more likely a stray line of that abstract than a paper whose title was lost; it is read as a
    paper when :func:`_mend` cannot tell (no authors or date line comes before the next paper's title: the line
    takes no paper's metadata), and the problem says what probably happened. After a title and its authors or date
    line it is no abstract of that title: the authors and date end an entry, and a title with no abstract is
    followed by them (QA: "Improving Multi-Interest Network with Stable Learning", "• 3 authors", then the next
    title-only entry's title became its abstract and took that entry's authors, date and upvotes)."""
    message = "abstract with no title line"
    if pending is not None and pending.abstract is not None and not pending.ended:
        message += " right after another abstract (one abstract broken onto two lines?)"
    elif pending is not None and pending.abstract is None:
        message += " (the title above already had its authors or date line: this abstract's title lost?)"
    problems.append(Problem(path, number, f"{message}; title will be synthesized"))
    return _Pending(number, None)


def _mend(path: str, content: list[tuple[int, str]], index: int, pending: _Pending) -> Problem | None:
    """Join the line to the title or abstract being read when it clearly goes on with it, and say so; None when
    it does not. Only a line that the walk would otherwise report is joined (a title that would be left without
    an abstract, an abstract that would get no title, a line after an abstract that would be a title with none):
    a file read without problems reads the same, but for a line starting with two lower-case words under an
    abstract cut mid-sentence, which no title does (:func:`_goes_on`), read as a title with its own abstract."""
    number, line = content[index]
    if pending.ended:
        return None
    if pending.abstract is None:
        following = content[index + 1][1] if index + 1 < len(content) else None
        if pending.title is None or _opens_abstract(line, following):
            return None
        why = _title_goes_on(pending.title, line, adjacent=number == pending.last + 1)
        why = why or _title_block(content, index, pending)
        what = "title"
        if why:
            pending.title = _joined(pending.title, line)
    else:
        why = _abstract_goes_on(pending.abstract, content, index)
        what = "abstract"
        if why:
            pending.abstract = _joined(pending.abstract, line)
    if not why:
        return None
    note = Problem(path, number, f"line joined to the {what} on line {pending.last} (a wrapped {what}: {why})")
    pending.last = number
    pending.wrapped.append(note)
    return note


def _title_goes_on(title: str, line: str, *, adjacent: bool) -> str:
    """Why the line, which would otherwise start a new title and leave this one without an abstract, is more of
    this title; empty when it may well be a title of its own. A title never starts with a lower-case "of", "and",
    "for" ... ("of Failure Modes in Open-Domain Question Answering", the repro's second title line), and a title
    that ends in a colon, comma, dash or such a word was cut, when the next line comes right under it. A title
    starting in lower case is no evidence by itself: "iVideoGPT: ...", "node2vec: ...", "gzip Predicts ..."."""
    first, last = line.split(maxsplit=1)[0], title.split()[-1]
    if first in _CONNECTIVES:
        return f"no title starts with {first!r}"
    if adjacent and title[-1] in _CUT_TITLE:
        return f"the title above ends with {title[-1]!r}"
    if adjacent and last in _CONNECTIVES:
        return f"the title above ends with {last!r}"
    return ""


def _title_block(content: list[tuple[int, str]], index: int, pending: _Pending) -> str:
    """Why the line, right under a one-line title, is the rest of it in the blank-line-spaced layout: the two lines
    stand together, a blank (or dropped) line above the title and below the line, as one title stands between
    blank lines there, and the next line opens the abstract. Both are shaped as titles, and the title ends no
    sentence. Two real titles in a row, the first one's abstract lost, have a blank line between them in this
    layout; in the compact layout nothing sets a title apart from its abstract, and two title lines in a row stay
    read as two (the second may be the next paper's title: "a wrapped title?")."""
    number, line = content[index]
    title = pending.title or ""
    apart_above = index < 2 or content[index - 2][0] < pending.line - 1
    if pending.line != pending.last or number != pending.line + 1 or not apart_above or index + 1 == len(content):
        return ""
    later, after = content[index + 1], content[index + 2][1] if index + 2 < len(content) else None
    if later[0] == number + 1 or _is_meta(later[1]) or not _opens_abstract(later[1], after):
        return ""
    if not (_title_shaped(title) and _title_shaped(line)) or _ends_sentence(title):
        return ""
    return "the two lines stand together between blank lines, the abstract after them"


def _abstract_goes_on(abstract: str, content: list[tuple[int, str]], index: int) -> str:
    """Why the line after an abstract, with no authors or date line between, is more of that abstract; empty when
    it is not clearly so. The abstract above ends mid-sentence (no full stop, question mark, or link) and the line
    ends one (a line like a title is no evidence: a run of titles without abstracts after a cut abstract is no
    part of it), the line starts mid-sentence ("and improves perplexity ...", "(DFS) problem ..."; not "iVideoGPT:
    ..."), or the line comes before the paper's authors or date line (a paper's lines end with those: a stray paper
    would have taken them). A short line followed by its abstract is the next paper's title, as in the compact
    layout, whatever its first letter; a line shaped like a title (:func:`_title_shaped`) is joined only for
    starting mid-sentence: it
    is a title with no abstract, whose authors and date line comes after it as an abstract's would (QA: "Are
    Emergent Abilities of Large Language Models a Mirage?" and its "3 authors", date and upvotes were glued to the
    paper above, which had none; 12 of 199 such titles in a listing of 3,000 papers). A line that goes on with the
    abstract's sentence (:func:`_goes_on`) is joined even with an abstract of its own after it when that goes on
    too: it is the middle of an abstract wrapped onto three lines or more ("... and we extend it to trees of drafts
    that" + "are verified in a single forward pass ..." + "by a factor of 1.8 ..."). Not when the line after is no
    such continuation: the line may be a title, and joining it would leave the line after without one (a property
    test found "... over many layers and data" + "and the method ..." + "A Title In Title Case")."""
    line = content[index][1]
    middle = _goes_on(abstract, line) and index + 1 < len(content) and bool(_LOWER_START.match(content[index + 1][1]))
    if not middle and not looks_like_abstract(line) and _title_with_abstract(content, index):
        return ""
    title_shaped = _title_shaped(line)
    if not title_shaped and not _ends_sentence(abstract) and (looks_like_abstract(line) or _ends_sentence(line)):
        return "the abstract above ends mid-sentence"
    if _LOWER_START.match(line):
        return "it starts in lower case" if line[0].islower() else "it starts mid-sentence, with a bracket"
    if not title_shaped and _before_metadata(content, index):
        return "the paper's authors or date line comes after it"
    return ""


def _title_shaped(line: str) -> bool:
    """Whether the line reads as a title rather than the rest of an abstract: short (no running prose), and it
    ends no sentence or ends in a question mark. An abstract, and so the tail of one a paste broke off, ends with
    a full stop or a link: all but 2 of the seeds' 594 abstracts do, none with a question mark; 576 of their 584
    titles end with neither and the other 8 with a question mark ("Just How Flexible are Neural Networks in
    Practice?"). Capitals tell nothing: many titles are in sentence case ("Do text-free diffusion models learn
    discriminative visual representations?")."""
    if looks_like_abstract(line):
        return False
    return not _ends_sentence(line) or line.rstrip("\"'\u201d\u2019)]").endswith("?")


def _title_with_abstract(content: list[tuple[int, str]], index: int) -> bool:
    """Whether the line, read as a title, gets an abstract: the next line, as :func:`_walk` pairs them (an authors
    or date line right after the title ends its entry)."""
    later = index + 1
    if later == len(content) or _is_meta(content[later][1]):
        return False
    after = content[later + 1][1] if later + 1 < len(content) else None
    return _opens_abstract(content[later][1], after)


def _before_metadata(content: list[tuple[int, str]], index: int) -> bool:
    """Whether an authors or date line comes after the line before any title of another paper (a line that its
    abstract follows). The lines between are then all the paper's: read as a paper of its own, a stray line would
    take the authors, date and upvotes of the paper above (the repro: "On language modelling benchmarks ...", the
    second half of an abstract, took the paper's "5 authors", date and 42 upvotes). A paste's slip, looked for in
    the next :data:`_STRAY_LINES` lines: a run of thousands of untitled abstracts is not read again for each one."""
    for later in range(index + 1, min(len(content), index + 1 + _STRAY_LINES)):
        line = content[later][1]
        if _is_meta(line):
            return True
        if not looks_like_abstract(line) and _title_with_abstract(content, later):
            return False
    return False


def _ends_sentence(text: str) -> bool:
    """Whether the text's last word ends a sentence (:data:`_SENTENCE_END`)."""
    return bool(_SENTENCE_END.fullmatch(text.rsplit(maxsplit=1)[-1]))


def _joined(text: str, line: str) -> str:
    """The line joined to the text (a word broken by a hyphen written whole, as :func:`line_joined` does), looking
    at the text's last word only: joining takes no longer however many lines the text has had joined."""
    head, _, last = text.rpartition(" ")
    return f"{head} {line_joined(last, line)}" if head else line_joined(last, line)


def _is_meta(line: str) -> bool:
    return bool(_AUTHORS.match(line)) or parse_date(line) is not None


def _content_lines(text: TextFile) -> list[tuple[int, str]]:
    """The numbered lines left once blank and noise lines are dropped (authors and date lines stay)."""
    lines = ((number, normalize_space(_GLUED_SUBSCRIBE.sub("", raw))) for number, raw in enumerate(text.lines, 1))
    return [(number, line) for number, line in lines if line and not is_noise(line)]


def _opens_abstract(line: str, following: str | None, *, wrapped: bool = True) -> bool:
    """Whether the line, coming right after a title, is that title's abstract or the first line of it: the one
    test of the walk, of :func:`_mend` and of :func:`_title_with_abstract`. A line of prose, or a short abstract
    (:func:`_short_abstract`); with ``wrapped`` (mending), also the first line of an abstract a paste wrapped, when
    the next line goes on with its sentence (:func:`_goes_on`) and the line is not in title case: "... we propose a
    method that" + "improves the accuracy of ..." was read as a title, the real title above it reported as a title
    with no abstract. Recognition judges the file as written, without."""
    if looks_like_abstract(line):
        return True
    if wrapped and following is not None and _goes_on(line, following) and not _title_cased(line):
        return True
    return _short_abstract(line, following)


def _goes_on(text: str, line: str) -> bool:
    """Whether the line goes on with the text's last sentence: the text ends mid-sentence (:func:`_ends_sentence`)
    and the line starts mid-sentence, as with two lower-case words (:data:`_LOWER_START`), as no title of the seeds
    does."""
    return not _ends_sentence(text) and bool(_LOWER_START.match(line))


def _title_cased(line: str) -> bool:
    """Whether every word of four letters or more starts in upper case, as in 401 of the seeds' 584 titles and in
    none of their 594 abstracts' first 14 words: such a line is a title, even when the next line starts in lower
    case."""
    words = [word for word in line.split() if word[:1].isalpha() and len(word.strip(",.:;?!()")) >= 4]
    return bool(words) and all(word[0].isupper() for word in words)


def _short_abstract(line: str, following: str | None) -> bool:
    """Whether a line too short to read as prose by itself, coming right after a title, is that title's abstract.

    Titles and abstracts alternate, so it is, unless the next line is a long abstract (then this line is the next
    paper's title and the title before had no abstract). When the paper's authors or date line or the end of the
    file follows, it is the abstract; when another short line follows, it is the abstract if it ends in a full stop
    as sentences do and titles do not."""
    if following is None or _AUTHORS.match(following) or parse_date(following):
        return True
    if looks_like_abstract(following):
        return False
    return line.endswith(".")


def _read_meta(line: str, pending: _Pending) -> bool:
    authors = _AUTHORS.match(line)
    if authors:
        pending.meta["authors_count"] = int(authors.group(1))
        return True
    date = parse_date(line)
    if date:
        pending.meta["date"], pending.meta["upvotes"] = date
        return True
    return False


_NO_ABSTRACT = "title with no abstract"


def _finish(path: str, pending: _Pending, papers: list[Paper], problems: list[Problem]) -> None:
    if pending.abstract is None:
        what = f"{_NO_ABSTRACT} ({pending.hint})" if pending.hint else _NO_ABSTRACT
        problems.append(Problem(path, pending.line, f"{what}, skipped: {pending.title!r:.80}", skipped=True))
        return
    papers.append(
        Paper(
            id="",
            title=pending.title,
            abstract=pending.abstract,
            sources=(Source(path, pending.line),),
            authors_count=pending.meta.get("authors_count"),  # type: ignore[arg-type]
            date=pending.meta.get("date"),  # type: ignore[arg-type]
            upvotes=pending.meta.get("upvotes"),  # type: ignore[arg-type]
        )
    )

"""The input side never raises, whatever the bytes: decode, every reader, read_file, merge and ids (hypothesis)."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.dedupe import dedupe
from sitegen.enrich import enrich
from sitegen.ingest import READERS, read_file
from sitegen.ingest.text import TextFile, decode
from sitegen.records import Paper, Problem
from sitegen.templates import text_with_math

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that look like the real formats, so the readers' deeper branches run, not only "unrecognised".
TITLE = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60)
WORDS = ["we", "propose", "a", "model", "that", "learns", "$x$", "$", "<b>", "{{", "data.", "\u200b", "\u202e"]
PROSE = st.lists(st.sampled_from(WORDS), min_size=12, max_size=70).map(lambda w: " ".join(w) + ".")
NOISE = st.sampled_from(["", " ", "Subscribe", "Daily Papers", "·", "May 28", "new"])
META = st.one_of(
    st.integers(0, 99).map(lambda n: f"· {n} authors"),
    st.sampled_from(["May 28, 2024", "Jun 5, 2023 18", "Feb 30, 2024", "Sept 1, 2020 7"]),
)
JSON_LINE = st.one_of(
    st.builds(lambda t, a: json.dumps({"title": t, "abstract": a}), TITLE, PROSE),
    st.builds(lambda t, a: json.dumps({"title": t, "abstract": a}, ensure_ascii=False), TITLE, st.text(max_size=80)),
    st.sampled_from(['{"abstract": 1}', "[1]", '{"title": "x"', "{", "null"]),
)
JSON_VALUE = st.one_of(TITLE, st.integers(-5, 3000), st.none(), st.lists(TITLE, max_size=2), st.booleans())
JSON_RECORD = st.fixed_dictionaries(
    {"title": st.one_of(TITLE, st.lists(TITLE, max_size=2), st.none()), "abstract": st.one_of(PROSE, JSON_VALUE)},
    optional={
        "authors": st.one_of(JSON_VALUE, st.lists(st.dictionaries(TITLE, TITLE, max_size=2), max_size=3)),
        "year": JSON_VALUE,
        "published": st.sampled_from([{"date-parts": [[2024, 13, 45]]}, {"date-parts": "x"}, {"date-parts": [[]]}]),
        "abstract_inverted_index": st.dictionaries(
            st.sampled_from(WORDS), st.lists(st.one_of(st.integers(-3, 50), TITLE), max_size=3), max_size=8
        ),
        "doi": JSON_VALUE,
        "externalIds": st.one_of(st.just({"ArXiv": "2405.00001", "DOI": 10}), JSON_VALUE),
        "versions": st.sampled_from([[{"created": "Mon, 9 Oct 2023 19:33:21 GMT"}], [{"created": 5}], "v1", []]),
        "categories": JSON_VALUE,
        "id": JSON_VALUE,
        "links": JSON_VALUE,
        "upvotes": JSON_VALUE,
        "authors_count": JSON_VALUE,
    },
)
JSON_DOCUMENT = st.builds(
    lambda records, key, indent: json.dumps({key: records} if key else records, indent=indent).split("\n"),
    st.lists(st.one_of(JSON_RECORD, JSON_VALUE), max_size=5),
    st.sampled_from(["", "results", "data", "message", "other"]),
    st.sampled_from([None, 1, 2]),
)
ARXIV_LINE = st.one_of(
    st.sampled_from(
        [
            "\\\\",
            "arXiv:2611.00001",
            "[1] arXiv:2611.00002 [pdf, other]",
            "[2] arXiv:2301.00003 (replaced) [pdf]",
            "Date: Thu, 19 Nov 2026 19:12:34 GMT   (1234kb)",
            "Date: not a date",
            "replaced with revised version Fri, 20 Nov 2026 10:00:00 GMT   (500kb)",
            "\\\\ ( https://arxiv.org/abs/2611.00001 ,  12kb)",
            "-" * 78,
            "New submissions (showing 2 of 2 entries)",
            "Total of 3 entries",
            "  wrapped continuation",
            "",
        ]
    ),
    TITLE.map(lambda t: "Title: " + t),
    TITLE.map(lambda t: "Authors: " + t),
    st.sampled_from(["DOI: 10.1/x", "Subjects: Machine Learning (cs.LG)", "Comments: 9 pages"]),
    PROSE,
)
BIB_FIELD = st.one_of(
    st.builds(
        lambda k, v: f"  {k} = {{{v}}},", st.sampled_from(["title", "abstract", "author", "year", "month"]), PROSE
    ),
    st.sampled_from(
        [
            "  year = 2024,",
            "  month = may,",
            "  date = {2024-13-99},",
            "  doi = {doi:10.1/x},",
            "  author = {A and others},",
        ]
    ),
    st.sampled_from(
        ["  eprint = {2404.1}, archivePrefix = {arXiv},", "  url = {ftp://x}", "  title = {\\'{e} % {", "}"]
    ),
)
BIB_ENTRY = st.tuples(
    st.sampled_from(["@article{k,", "@misc{k,", "@inproceedings(k,", "@string{s = {x}}", "@comment{", "@book{"]),
    st.lists(BIB_FIELD, max_size=6),
).map(lambda entry: [entry[0], *entry[1], "}"])
CSV_ROW = st.lists(
    st.one_of(TITLE, PROSE, st.sampled_from(['"', '""', '"a,b"', "2024", "doi:10.1/x", ";", "\t"])), max_size=5
)
CSV_LINES = st.tuples(
    st.sampled_from(
        ["title,abstract", "Title,Year,DOI,Abstract", "TI\tAB\tAU", "Key;Title;Abstract Note", "abstract,"]
    ),
    st.lists(CSV_ROW.map(",".join), max_size=8),
).map(lambda t: [t[0], *t[1]])
RIS_LINE = st.one_of(
    st.builds(
        lambda tag, v: f"{tag}  - {v}", st.sampled_from(["TY", "AU", "TI", "AB", "N2", "PY", "DA", "DO", "UR"]), PROSE
    ),
    st.sampled_from(["TY  - JOUR", "ER  - ", "ER  -", "PY  - 2024///", "DA  - 2024/13/99", "UR  - ftp://x", "  more"]),
    st.sampled_from(["TY - JOUR", "TY- CONF", "AB - typed by hand", "TI\t- tab", "ER -", "ER-", "", "Record #2 of 9"]),
)
MEDLINE_LINE = st.one_of(
    st.builds(
        lambda tag, v: f"{tag:<4}- {v}", st.sampled_from(["PMID", "TI", "AB", "AU", "FAU", "DP", "LID", "AID"]), PROSE
    ),
    st.sampled_from(
        ["PMID- 1", "DP  - 1991 May 28", "DP  - Winter", "LID - x [doi]", "      continued", "", "garbage"]
    ),
)
FEED_LINE = st.one_of(
    st.builds(
        lambda tag, v: f"<{tag}>{v}</{tag}>",
        st.sampled_from(["title", "description", "summary", "dc:creator", "pubDate", "published", "link"]),
        st.one_of(PROSE, TITLE, st.just("arXiv:2411.00001v1 Announce Type: new Abstract: x &amp; y")),
    ),
    st.sampled_from(
        ["<item>", "</item>", "<entry>", "</entry>", "<title>unclosed", "&bogus;", "<![CDATA[<p>x</p>]]>", "", "<"]
    ),
)
OAI_LINE = st.one_of(
    st.builds(
        lambda tag, v: f"<{tag}>{v}</{tag}>",
        st.sampled_from(["title", "abstract", "dc:description", "dc:creator", "created", "dc:date", "id", "doi"]),
        st.one_of(PROSE, TITLE, st.just("Comment: 12 pages"), st.just("doi:10.1103/PhysRevD.1.2")),
    ),
    st.sampled_from(
        [
            "<record>",
            "</record>",
            "<header>",
            '<header status="deleted">',
            "</header>",
            "<metadata>",
            "</metadata>",
            "<author><keyname>Roe</keyname><forenames>R.</forenames></author>",
            "<title>unclosed",
            "&bogus;",
            "",
            "<",
        ]
    ),
)
ANY_LINE = st.one_of(TITLE, PROSE, PROSE.map(lambda p: "Abstract: " + p), NOISE, META, JSON_LINE, BIB_FIELD)
LISTING_ITEM = st.tuples(
    TITLE.map(lambda t: ("Subscribe" if t[:1].isupper() else "") + t),
    PROSE,
    st.lists(META, max_size=2),
    st.lists(NOISE, max_size=2),
).map(lambda item: [item[0], item[1], *item[2], *item[3]])
FORMATS = {
    "listing": st.lists(LISTING_ITEM, max_size=8).map(lambda items: [line for item in items for line in item]),
    "abstracts": st.lists(st.one_of(PROSE.map(lambda p: "Abstract: " + p), PROSE, NOISE), max_size=20),
    "jsonl": st.lists(st.one_of(JSON_LINE, NOISE), max_size=20),
    "json": JSON_DOCUMENT,
    "arxiv": st.lists(ARXIV_LINE, max_size=30).map(lambda lines: ["arXiv:2611.00009", "Title: T", *lines]),
    "bibtex": st.lists(BIB_ENTRY, max_size=6).map(lambda items: [line for item in items for line in item]),
    "csv": CSV_LINES,
    "ris": st.lists(RIS_LINE, max_size=20).map(lambda lines: ["TY  - JOUR", *lines]),
    "medline": st.lists(MEDLINE_LINE, max_size=20).map(lambda lines: ["PMID- 123", *lines]),
    "feed": st.tuples(
        st.sampled_from(['<rss version="2.0"><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">']),
        st.lists(FEED_LINE, max_size=20),
    ).map(lambda t: ['<?xml version="1.0"?>', t[0], *t[1]]),
    "oai": st.lists(OAI_LINE, max_size=20).map(
        lambda lines: ['<?xml version="1.0"?>', '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">', *lines]
    ),
    "mixed": st.lists(ANY_LINE, max_size=30),
}
LINE_END = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def structured_file(draw: st.DrawFn) -> bytes:
    """A file in one of the formats (or a mix), with mixed line endings, maybe a BOM, truncation, bad bytes."""
    lines = draw(st.sampled_from(sorted(FORMATS)).flatmap(FORMATS.__getitem__))
    text = "".join(line + draw(LINE_END) for line in lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]  # truncated anywhere
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xe9", b"\xff\xfe", b"\x00", b"\x80"])) + data[at:]
    return data


ANY_BYTES = st.one_of(st.binary(max_size=2000), structured_file())


def check_problems(problems: list[Problem], path: str, line_count: int) -> None:
    for problem in problems:
        assert re.fullmatch(rf"{re.escape(path)}:\d+: \S.*", str(problem), re.DOTALL), str(problem)
        assert 1 <= problem.line <= max(1, line_count), problem


def check_papers(papers: list[Paper], path: str, line_count: int) -> None:
    for paper in papers:
        assert paper.abstract and paper.abstract == paper.abstract.strip()
        assert "\n" not in paper.abstract and "\r" not in paper.abstract
        assert paper.title is None or (paper.title.strip() and "\n" not in paper.title)
        assert all(s.file == path and 1 <= s.line <= line_count for s in paper.sources), paper.sources


@FUZZ
@given(ANY_BYTES)
def test_decode_never_raises_and_splits_lines(data: bytes) -> None:
    text, problems = decode("f.txt", data)
    if text is None:
        assert problems and problems[-1].skipped
        return
    assert all("\n" not in line and "\r" not in line for line in text.lines)
    assert len(text.lines) <= data.count(b"\n") + data.count(b"\r") + 1
    check_problems(problems, "f.txt", len(text.lines))


@FUZZ
@given(st.lists(st.one_of(ANY_LINE, st.text(max_size=200)), max_size=40))
def test_every_reader_reads_any_lines_without_raising(lines: list[str]) -> None:
    """Not only the reader that would claim the lines: each one, on anything."""
    text = TextFile("f.txt", tuple(line.replace("\n", " ").replace("\r", " ") for line in lines))
    for reader in READERS:
        reader.detect(text)
        papers, problems = reader.read(text)
        check_papers(papers, "f.txt", len(lines))
        check_problems(problems, "f.txt", len(lines))


@FUZZ
@given(ANY_BYTES)
def test_read_file_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        path.write_bytes(data)
        papers, problems, reader = read_file(path)
    shown = problems[0].file if problems else (papers[0].sources[0].file if papers else "")
    line_count = data.count(b"\n") + data.count(b"\r") + 1
    check_papers(papers, shown, line_count)
    check_problems(problems, shown, line_count)
    assert reader is None or reader in {r.name for r in READERS}
    assert papers or problems or not data.strip(b" \t\n\r\xef\xbb\xbf")


@FUZZ
@given(st.lists(structured_file(), min_size=1, max_size=3))
def test_merge_and_ids_never_raise_and_ids_are_unique_slugs(files: list[bytes]) -> None:
    papers: list[Paper] = []
    with tempfile.TemporaryDirectory() as folder:
        for number, data in enumerate(files):
            path = Path(folder) / f"{number}.txt"
            path.write_bytes(data)
            papers.extend(read_file(path)[0])
    merged, _ = dedupe(papers)
    enriched = enrich(merged)
    ids = [p.id for p in enriched]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids), ids
    assert sum(len(p.sources) for p in enriched) == len(papers)  # merging loses no source
    assert all(p.title for p in enriched)


@FUZZ
@given(st.text(max_size=300))
def test_math_markup_escapes_everything_but_its_own_spans(text: str) -> None:
    out = str(text_with_math(text))
    outside = re.sub(r'<span class="arithmatex">[^<>]*</span>', "", out)
    assert "<" not in outside and ">" not in outside, out
    assert '"' not in re.sub(r'<span class="arithmatex">', "", out).replace("&quot;", "")


@FUZZ
@given(st.text(alphabet="ab -~{}\n\t.',:;()[]#^_*é0%&`!?", max_size=40))
def test_bibtex_dashes_ties_and_groups_decode_as_pylatexenc_decodes_them(value: str) -> None:
    """The fast path for values whose only LaTeX is dashes, ties and braces gives pylatexenc's text."""
    from sitegen.ingest.bibtex import _DECODER_NEEDED, _DecodeLatex, literal_marks, plain_latex
    from sitegen.textutil import normalize_space

    decoder = _DecodeLatex()._decoder
    if not _DECODER_NEEDED.search(value):
        expected = normalize_space(decoder.latex_to_text(literal_marks(value)))
        assert normalize_space(plain_latex(value)) == expected

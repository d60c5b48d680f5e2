"""Web of Science plain-text export (``savedrecs.txt``): fields, dates, problems with their lines, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.ingest import read_file, wos
from sitegen.ingest.fields import initials_name
from sitegen.ingest.text import TextFile, decode
from sitegen.pipeline import read_corpus
from tests.conftest import FIXTURES

CASES = FIXTURES / "ingest"
HEADER = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
ABSTRACT = "AB We measure how often parsers drop records when an export is cut short.\n"


def lines(text: str) -> TextFile:
    return TextFile("savedrecs.txt", tuple(text.split("\n")))


def read(tmp_path: Path, text: str | bytes, name: str = "savedrecs.txt") -> tuple[list[str], list[str], str | None]:
    """Titles, problems (``path:line: message``) and the reader's name of a file holding ``text``."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    papers, problems, reader = read_file(path)
    return [p.title or "" for p in papers], [str(p).removeprefix(f"{tmp_path}/") for p in problems], reader


def test_savedrecs_records_become_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Continuation lines: another author for AU/AF, joined by a space for TI/AB; AF preferred to AU; PY with PD."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["wos_savedrecs.txt"])
    [plm, water, traffic] = sorted(corpus.papers, key=lambda p: p.sources)
    assert plm.title == (
        "Self-supervised pretraining of protein language models improves prediction of enzyme thermostability"
    )
    assert plm.abstract.startswith("Engineering enzymes that remain active at high temperature is central to indus")
    assert "\n" not in plm.abstract and "  " not in plm.abstract
    assert plm.abstract.endswith("Code and weights are available at https://github.com/example/thermo-plm.")
    assert plm.authors == ("Chidi N. Okafor", "Maja Lindqvist", "Hiroshi Tanaka", "Ana Paula Ferreira")
    assert (plm.authors_count, plm.date, str(plm.sources[0])) == (4, "2021-08-26", "wos_savedrecs.txt:3")
    assert plm.links == ("https://doi.org/10.1038/s41467-021-25353-4", "https://github.com/example/thermo-plm")
    # Only AU: "Lovelace, AM" is read as the initials it is; PD SPR gives no month.
    assert (water.authors, water.date, water.links) == (("A. M. Lovelace", "C. Babbage"), "1998", ())
    assert (traffic.date, traffic.authors_count, str(traffic.sources[0])) == ("2021-08", 3, "wos_savedrecs.txt:93")
    assert [str(p) for p in corpus.problems] == [
        "wos_savedrecs.txt:76: Web of Science record without an abstract, skipped",
    ]
    assert (corpus.tally.records, corpus.tally.skipped, len(corpus.papers)) == (4, 1, 3)
    assert corpus.tally.reasons() == ["skipped 1 record: Web of Science record without an abstract"]


@pytest.mark.parametrize(
    ("year", "published", "iso"),
    [
        ("2021", "AUG 26", "2021-08-26"),
        ("2021", "AUG", "2021-08"),
        ("2021", "SPR", "2021"),
        ("2019", "MAR-APR", "2019-03"),
        ("2020", "DEC 2020", "2020-12"),
        ("2021", "FEB 30", "2021-02"),  # no such day
        ("2021", "", "2021"),
        ("", "JUN 2022", "2022-06"),  # no PY: the year PD gives
        ("", "AUG 26", None),
        ("21", "", None),
    ],
)
def test_dates_are_py_with_the_month_and_day_of_pd(year: str, published: str, iso: str | None) -> None:
    assert wos.wos_date(year, published) == iso


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Lovelace, AM", "Lovelace, A. M."),
        ("King, ML Jr", "King, Jr., M. L."),
        ("Smith, J", "Smith, J."),
        ("de la Cruz, Maria", "de la Cruz, Maria"),
        ("WHO Collaborators", "WHO Collaborators"),
    ],
)
def test_au_initials_are_read_as_initials(name: str, shown: str) -> None:
    assert initials_name(name) == shown


def test_missing_er_is_read_to_the_next_record_or_the_end_and_reported(tmp_path: Path) -> None:
    text = (
        HEADER
        + "PT J\nTI Cut before its end\n"
        + ABSTRACT
        + "PT J\nTI Closed properly\n"
        + ABSTRACT
        + "ER\n\nPT J\nTI Last one, the export cut short\n"
        + ABSTRACT
    )
    titles, problems, reader = read(tmp_path, text)
    assert reader == "wos"
    assert titles == ["Cut before its end", "Closed properly", "Last one, the export cut short"]
    assert problems == [
        "savedrecs.txt:3: record has no closing 'ER' line; read up to the next record",
        "savedrecs.txt:11: record has no closing 'ER' line; read to the end",
    ]


def test_record_cut_by_ef_is_reported_and_stray_text_is_not_dropped_silently(tmp_path: Path) -> None:
    text = HEADER + "PT J\nTI Unclosed\n" + ABSTRACT + "EF\nsaved from the browser\nsecond stray line\n"
    titles, problems, _ = read(tmp_path, text)
    assert titles == ["Unclosed"]
    assert problems == [
        "savedrecs.txt:3: record has no closing 'ER' line; read up to the 'EF' line",
        "savedrecs.txt:7: text outside a Web of Science record, skipped",
    ]


def test_concatenated_exports_with_bom_and_crlf_are_read_whole(tmp_path: Path) -> None:
    """``cat savedrecs*.txt``: each export's header and EF are passed over; line numbers count from the file's top."""
    one = HEADER + "PT J\nAU Roe, R\nTI First export\n" + ABSTRACT + "ER\nEF\n"
    two = HEADER + "PT J\nAU [Anonymous]\nTI Second export\n" + ABSTRACT + "ER\nEF\n"
    data = b"\xef\xbb\xbf" + (one + two).replace("\n", "\r\n").encode()
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(data)
    papers, problems, reader = read_file(path)
    assert reader == "wos"
    assert [(p.title, p.authors, p.sources[0].line) for p in papers] == [
        ("First export", ("Roe, R.",), 3),
        ("Second export", (), 11),  # [Anonymous] is WoS's word for no author
    ]
    assert problems == []  # a byte order mark and CRLF are how Web of Science writes it


def test_headerless_records_are_recognised(tmp_path: Path) -> None:
    """Records copied without the FN/VR header still read: the file opens with ``PT J`` and another tag line."""
    titles, problems, reader = read(tmp_path, "PT J\nAU Roe, R\nTI No header\n" + ABSTRACT + "ER\n")
    assert (titles, problems, reader) == (["No header"], [], "wos")


@pytest.mark.parametrize(
    "first",
    ["FN Clarivate Analytics Web of Science", "FN Thomson Reuters Web of Science", "FN Clarivate Web of Science™"],
)
def test_either_vendor_header_is_recognised(first: str) -> None:
    assert wos.detect(lines(f"\n{first}\nVR 1.0\nPT J\nER\nEF"))


@pytest.mark.parametrize(
    "text",
    [
        "PMID- 1712345\nOWN - NLM\nTI  - A title\nAB  - An abstract.",  # MEDLINE
        "TY  - JOUR\nTI  - A title\nAB  - An abstract.\nER  - ",  # RIS
        "PT  - Journal Article\nTI  - A title",  # MEDLINE's PT tag
        "PT J",  # a lone line: no record follows
        "PT Boats at War: Small Craft in the Pacific\nThis abstract follows a title that looks like a tag.",
        "AI Agents That Plan\nWe propose agents that plan ahead.",  # a listing page's title
        "FN Notes on my reading list",
        "Web of Science export\nPT J",
    ],
)
def test_other_formats_are_not_claimed(text: str) -> None:
    assert not wos.detect(lines(text))


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if p.is_file() and ".expected." not in p.name))
def test_no_other_fixture_is_claimed(name: str) -> None:
    """Every other input fixture (MEDLINE, RIS, listings, feeds, CSV, ...) is left to its own reader."""
    text, _ = decode(name, (CASES / name).read_bytes())
    assert text is None or wos.detect(text) is name.startswith("wos_")


def test_medline_and_ris_exports_keep_their_readers(tmp_path: Path) -> None:
    assert read_file(CASES / "pubmed_export.txt")[2] == "medline"
    assert read_file(CASES / "endnote_export.ris")[2] == "ris"
    assert read_file(CASES / "wos_savedrecs.txt")[2] == "wos"

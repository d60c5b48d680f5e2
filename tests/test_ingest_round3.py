"""Ingest, QA round 3 (exports written as the services write them): RIS headers and ISO dates, Zotero's, Dimensions',
Lens.org's, Europe PMC's and arXiv's JSON, Better BibTeX's superscripts, Web of Science's tab-delimited files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.ingest import read_file
from sitegen.records import Paper


def read(tmp_path: Path, text: str, name: str) -> tuple[list[Paper], list[str], str | None]:
    """Papers, problems (``path:line: message``) and the reader's name of a file holding ``text``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    papers, problems, reader = read_file(path)
    return papers, [str(p).removeprefix(f"{tmp_path}/") for p in problems], reader


WILEY = (
    'Provider: John Wiley & Sons, Ltd\nDatabase: Wiley Online Library\nContent: text/plain; charset="UTF-8"\n\n'
    "TY  - JOUR\nTI  - Deep learning in ecology\nAU  - Lovelace, Ada\nPY  - 2023\n"
    "AB  - Deep learning is transforming ecology.\nER  - \n"
)
COCHRANE = (
    "Record #1 of 2\nProvider: John Wiley & Sons, Ltd\nDatabase: Cochrane Library\nContent: text/plain\n\n"
    "TY  - JOUR\nTI  - Exercise for low back pain\nPY  - 2021\nAB  - Exercise may reduce pain.\nER  - \n\n"
    "Record #2 of 2\nProvider: John Wiley & Sons, Ltd\nContent: text/plain\n\n"
    "TY  - JOUR\nTI  - Yoga for neck pain\nPY  - 2022\nAB  - Yoga may reduce neck pain.\nER  - \n"
)


@pytest.mark.parametrize(
    ("text", "titles", "lines"),
    [
        (WILEY, ["Deep learning in ecology"], [5]),
        (COCHRANE, ["Exercise for low back pain", "Yoga for neck pain"], [6, 16]),
    ],
)
def test_ris_after_an_exports_header_lines_is_read(
    tmp_path: Path, text: str, titles: list[str], lines: list[int]
) -> None:
    papers, problems, reader = read(tmp_path, text, "export.ris")
    assert (reader, problems) == ("ris", [])
    assert [p.title for p in papers] == titles
    assert [p.sources[0].line for p in papers] == lines


@pytest.mark.parametrize(
    "head",
    [
        "one\ntwo\nthree\nfour\nfive\n",  # more lines than a header has: prose
        "AU  - Lovelace, Ada\n",  # a record's tag before its TY line is no header
    ],
)
def test_ris_is_not_claimed_after_prose_or_a_tag(tmp_path: Path, head: str) -> None:
    text = head + "TY  - JOUR\nTI  - A title\nAB  - An abstract.\nER  - \n"
    _, _, reader = read(tmp_path, text, "notes.txt")
    assert reader != "ris"


@pytest.mark.parametrize(
    ("record", "date"),
    [
        ({"date": "2020-01-02", "year": "2020"}, "2020-01-02"),  # ISO beside PY: was 2020
        ({"date": "2020-01", "year": "2020"}, "2020-01"),
        ({"date": "2020-01-02T00:00:00Z"}, "2020-01-02"),
        ({"date": "2020-13-02", "year": "2020"}, "2020"),  # no 13th month
        ({"date": "2020-2021", "year": "2020"}, "2020"),  # a range of years, no month
        ({"date": "2020/01/02/"}, "2020-01-02"),
    ],
)
def test_ris_da_may_be_an_iso_date(record: dict[str, str], date: str | None) -> None:
    from sitegen.ingest.ris import record_date

    assert record_date(record) == date


def test_ris_iso_da_in_a_file(tmp_path: Path) -> None:
    text = "TY  - JOUR\nTI  - A title\nPY  - 2020\nDA  - 2020-01-02\nAB  - An abstract.\nER  - \n"
    [paper], _, _ = read(tmp_path, text, "refs.ris")
    assert paper.date == "2020-01-02"

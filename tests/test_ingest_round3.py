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


# ---------------------------------------------------------------- JSON of APIs and dumps


def parse_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> list[Paper]:
    """The papers ``sitegen parse --no-dedupe`` gives a JSON file (names shown given name first)."""
    from sitegen.pipeline import read_corpus

    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["export.json"])
    assert [str(p) for p in corpus.problems] == []
    return sorted(corpus.papers, key=lambda p: p.sources)


ZOTERO_API = """[
  {
    "key": "ABCD2345",
    "version": 1234,
    "links": {"self": {"href": "https://api.zotero.org/users/475425/items/ABCD2345"}},
    "meta": {"creatorSummary": "Jumper and Evans", "parsedDate": "2021-08-26", "numChildren": 1},
    "data": {
      "key": "ABCD2345",
      "itemType": "journalArticle",
      "title": "Highly accurate protein structure prediction with AlphaFold",
      "creators": [
        {"creatorType": "author", "firstName": "John", "lastName": "Jumper"},
        {"creatorType": "editor", "firstName": "Ed", "lastName": "Itor"},
        {"creatorType": "author", "firstName": "Richard", "lastName": "Evans"}
      ],
      "abstractNote": "Proteins are essential to life.",
      "date": "26 August 2021, online",
      "DOI": "10.1038/s41586-021-03819-2",
      "url": "https://www.nature.com/articles/s41586-021-03819-2"
    }
  },
  {
    "key": "EFGH6789",
    "data": {
      "title": "An edited volume",
      "creators": [{"creatorType": "editor", "firstName": "Ada", "lastName": "Lovelace"}],
      "abstractNote": "Chapters on engines.",
      "date": "2020-03-01"
    }
  }
]
"""


def test_zotero_web_api_items(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fields under ``data``, ``abstractNote``, creators' first and last names (authors only, unless none is one),
    ``DOI``, and Zotero's parsed date when the typed one is no ISO date."""
    [alphafold, volume] = parse_json(monkeypatch, tmp_path, ZOTERO_API)
    assert alphafold.title == "Highly accurate protein structure prediction with AlphaFold"
    assert alphafold.abstract == "Proteins are essential to life."
    assert (alphafold.authors, alphafold.authors_count) == (("John Jumper", "Richard Evans"), 2)
    assert alphafold.date == "2021-08-26"
    assert alphafold.links == (
        "https://www.nature.com/articles/s41586-021-03819-2",
        "https://doi.org/10.1038/s41586-021-03819-2",
    )
    assert (volume.authors, volume.date) == (("Ada Lovelace",), "2020-03-01")


DIMENSIONS = (
    '{"_stats": {"total_count": 2, "limit": 20, "offset": 0}, "publications": [{"id": "pub.1", "title": "A foundation'
    ' model for chest radiographs", "abstract": "We train a foundation model.", "authors": [{"first_name": "Ada",'
    ' "last_name": "Lovelace", "orcid": ""}, {"first_name": "Charles", "last_name": "Babbage"}], "date":'
    ' "2024-03-14", "doi": "10.1038/s41586-024-01234-x", "year": 2024}, {"id": "pub.2", "title": "Message passing",'
    ' "abstract": "Simple baselines are competitive.", "authors": [{"first_name": "Jane", "last_name": "Doe"}],'
    ' "year": 2024}]}'
)


def test_dimensions_publications(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The envelope is no record: its ``publications`` are, with their authors' first and last names."""
    [model, passing] = parse_json(monkeypatch, tmp_path, DIMENSIONS)
    assert (model.title, model.authors, model.date) == (
        "A foundation model for chest radiographs",
        ("Ada Lovelace", "Charles Babbage"),
        "2024-03-14",
    )
    assert model.links == ("https://doi.org/10.1038/s41586-024-01234-x",)
    assert (passing.authors, passing.date, passing.sources[0].column) == (("Jane Doe",), "2024", 387)


LENS = """{
  "total": 2,
  "data": [
    {
      "lens_id": "000-111-222-333-444",
      "title": "Soil microbiome shifts under drought",
      "abstract": "Drought reshapes soil microbial communities.",
      "authors": [{"first_name": "Ada", "last_name": "Lovelace", "initials": "A"}, {"first_name": "Charles",
                   "last_name": "Babbage", "initials": "C"}],
      "date_published": "2023-07-02T00:00:00+00:00",
      "year_published": 2023,
      "external_ids": [{"type": "doi", "value": "10.1111/gcb.16789"}, {"type": "pmid", "value": "37000001"}]
    },
    {
      "lens_id": "555-666-777-888-999",
      "title": "Root exudates and nitrogen cycling",
      "abstract": "Root exudates prime nitrogen mineralisation.",
      "authors": [{"first_name": "Grace", "last_name": "Hopper"}],
      "year_published": 2022,
      "external_ids": [{"type": "doi", "value": "10.1111/gcb.16000"}]
    }
  ]
}
"""


def test_lens_scholarly_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    [soil, roots] = parse_json(monkeypatch, tmp_path, LENS)
    assert (soil.authors, soil.authors_count, soil.date) == (("Ada Lovelace", "Charles Babbage"), 2, "2023-07-02")
    assert soil.links == ("https://pubmed.ncbi.nlm.nih.gov/37000001/", "https://doi.org/10.1111/gcb.16789")
    assert (roots.authors, roots.date, roots.links) == (
        ("Grace Hopper",),
        "2022",
        ("https://doi.org/10.1111/gcb.16000",),
    )


EUROPE_PMC = """{"version": "6.9", "hitCount": 3, "resultList": {"result": [
{"id": "38000001", "pmid": "38000001", "title": "Efficacy of R21/Matrix-M malaria vaccine.",
 "authorString": "Datoo MS, Dicko A, Hamaluba M.",
 "authorList": {"author": [
   {"fullName": "Datoo MS", "firstName": "Mehreen S", "lastName": "Datoo", "initials": "MS"},
   {"fullName": "Dicko A", "lastName": "Dicko", "initials": "A"},
   {"collectiveName": "R21 Study Group"}]},
 "abstractText": "Malaria remains a leading cause of death.", "firstPublicationDate": "2024-02-01"},
{"id": "PPR1", "title": "A lite result", "authorString": "Lovelace AM, Babbage C.",
 "abstractText": "No date but the electronic one.", "electronicPublicationDate": "2024-01-03"},
{"id": "PPR2", "title": "Dated", "authorString": "Lovelace AM.", "abstractText": "Two dates.",
 "pubYear": "2023", "electronicPublicationDate": "2023-05-06"}
]}}
"""


def test_europe_pmc_author_list_and_electronic_date(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``authorList`` gives full names (initials turned without a first name, a group's name as it is), not
    ``authorString``; ``electronicPublicationDate`` dates a record with no other date."""
    [vaccine, lite, dated] = parse_json(monkeypatch, tmp_path, EUROPE_PMC)
    assert vaccine.authors == ("Mehreen S Datoo", "A. Dicko", "R21 Study Group")
    assert (vaccine.authors_count, vaccine.date) == (3, "2024-02-01")
    assert (lite.authors_count, lite.date) == (2, "2024-01-03")
    assert dated.date == "2023"


ARXIV_SNAPSHOT = (
    '{"id": "math/0703001", "authors": "A. Author (1), B. Author (2) ((1) MIT, (2) Caltech)", "title": "On Hopf'
    ' algebras", "categories": "math.QA", "abstract": "  We study Hopf algebras.\\n", "versions": [{"version": "v1",'
    ' "created": "Thu, 1 Mar 2007 10:00:00 GMT"}], "authors_parsed": [["Author", "A.", ""], ["Author", "B.", ""]]}\n'
    '{"id": "0704.0001", "authors": "C. Bal\\\\\'azs, C.-P. Yuan", "title": "Diphoton production", "categories":'
    ' "hep-ph", "abstract": "A calculation.", "authors_parsed": [["Bal\\u00e1zs", "C.", ""], ["Yuan", "C. -P.", ""]]}\n'
    '{"id": "0704.0003", "authors": "D. Dee (Oxford), E. Eve Jr", "title": "Affiliated", "categories": "hep-th",'
    ' "abstract": "Named places.", "authors_parsed": [["Dee", "D.", "", "Oxford"], ["Eve", "E.", "Jr"]]}\n'
)


def test_arxiv_snapshot_affiliations_are_no_authors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Affiliations written into ``authors`` (numbered or not): the names of ``authors_parsed``; without them the
    string, as before."""
    [hopf, diphoton, affiliated] = parse_json(monkeypatch, tmp_path, ARXIV_SNAPSHOT)
    assert (hopf.authors, hopf.authors_count) == (("A. Author", "B. Author"), 2)
    assert (diphoton.authors, diphoton.authors_count) == (("C. Balázs", "C.-P. Yuan"), 2)
    assert (affiliated.authors, affiliated.authors_count) == (("D. Dee", "E. Eve Jr"), 2)


# ---------------------------------------------------------------- BibTeX's \textsuperscript


@pytest.mark.parametrize(
    ("abstract", "text"),
    [
        (r"an enormous effort\textsuperscript{1--4}, the structures", "an enormous effort, the structures"),
        (r"have been determined\textsuperscript{5}. Here", "have been determined. Here"),
        (r"determined \textsuperscript{2,5}.", "determined."),
        (r"around 10\textsuperscript{6} cells", "around 10⁶ cells"),
        (r"an area of 4 cm\textsuperscript{2} in all", "an area of 4 cm² in all"),
        (r"the 5\textsuperscript{th} trial", "the 5th trial"),
        (r"a value x\textsuperscript{a} here", "a value x^a here"),
        (r"ions (Ca\textsuperscript{2+}) flow", "ions (Ca²⁺) flow"),
        # and \textsubscript: digits lowered ("CO₂", found as "co2"), other text as the decoder writes it
        (
            r"capture of CO\textsubscript{2} and an IC\textsubscript{50} at T\textsubscript{max}",
            "capture of CO₂ and an IC₅₀ at Tmax",
        ),
    ],
)
def test_bibtex_textsuperscript_citations_dropped_others_raised(tmp_path: Path, abstract: str, text: str) -> None:
    """Better BibTeX writes raised text as ``\\textsuperscript``: a citation after a word goes (as JATS and HTML
    citations do, ``markup.cites``), any other superscript is raised."""
    bib = "@article{k,\n  title = {A title},\n  abstract = {" + abstract + "},\n}\n"
    [paper], problems, reader = read(tmp_path, bib, "refs.bib")
    assert (reader, problems) == ("bibtex", [])
    assert paper.abstract == text


# ---------------------------------------------------------------- Web of Science, tab-delimited

WOS_COLUMNS = ["PT", "AU", "AF", "TI", "SO", "AB", "PD", "PY", "DI", "UT"]


def wos_row(**cells: str) -> str:
    return "\t".join(cells.get(tag, "") for tag in WOS_COLUMNS) + "\t"


WOS_TABS = "\n".join([
    "\ufeff" + "\t".join(WOS_COLUMNS) + "\t",
    wos_row(PT="J", AU="Lovelace, A", AF="Lovelace, Ada", TI="Dark diversity in plant communities", PD="JUN 15",
            AB='We term the absent species "dark diversity".', PY="2023", DI="10.1111/ele.14000", UT="WOS:1"),
    wos_row(PT="J", AF="Hopper, Grace", TI='"Bugs" in early computers: an archival study', PD="SEP", PY="2022",
            AB="Archival records show the term predates the moth.", UT="WOS:2"),
    wos_row(PT="J", AF="Turing, Alan", TI="Morphogenesis revisited", PY="2021", AB='A "quoted" word.', UT="WOS:3"),
    wos_row(PT="J", AF="Noether, Emmy", TI='The last row opens "quoted', PD="SPR", PY="2020", AB="Last.", UT="WOS:4"),
]) + "\n"  # fmt: skip


def test_web_of_science_tab_delimited_quotes_are_text_and_pd_dates(tmp_path: Path) -> None:
    """WoS writes no quoting: a title opening with a quote keeps it (``csv`` took it for quoting), and a quote left
    open is no unclosed cell; ``PD`` gives the month and day, as in the plain-text export."""
    papers, problems, reader = read(tmp_path, WOS_TABS, "savedrecs.txt")
    assert (reader, problems) == ("csv", [])
    assert [p.title for p in papers] == [
        "Dark diversity in plant communities",
        '"Bugs" in early computers: an archival study',
        "Morphogenesis revisited",
        'The last row opens "quoted',
    ]
    assert papers[0].abstract == 'We term the absent species "dark diversity".'
    assert [p.date for p in papers] == ["2023-06-15", "2022-09", "2021", "2020"]
    assert [p.sources[0].line for p in papers] == [2, 3, 4, 5]


def test_other_tab_separated_sheets_still_read_quotes(tmp_path: Path) -> None:
    sheet = 'Title\tAbstract\tYear\n"A title, quoted"\t"An abstract\nover two lines"\t2021\n'
    [paper], problems, _ = read(tmp_path, sheet, "sheet.tsv")
    assert (paper.title, paper.abstract, paper.date, problems) == (
        "A title, quoted",
        "An abstract over two lines",
        "2021",
        [],
    )

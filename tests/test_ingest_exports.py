"""Reference-manager and database exports as they come (fixtures/exports: QA's files cut to a few records): the same
link twice, Crossref's JATS, BibTeX citations, PubMed's title stop, RIS dates, "and others", Mendeley's header."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitegen.pipeline import Corpus, read_corpus
from sitegen.records import Paper, Source
from tests.conftest import FIXTURES

EXPORTS = FIXTURES / "exports"


def read_exports(monkeypatch: pytest.MonkeyPatch, names: list[str]) -> tuple[Corpus, dict[str | None, Paper]]:
    """The corpus of export fixtures and its papers by title."""
    monkeypatch.chdir(EXPORTS)
    corpus = read_corpus(names)
    return corpus, {p.title: p for p in corpus.papers}


# ---------------------------------------------------------------- 1. the same link twice


@pytest.mark.parametrize(
    ("urls", "doi", "links"),
    [
        (
            ["http://dx.doi.org/10.1038/s41586-021-03819-2"],
            "10.1038/s41586-021-03819-2",
            ["https://doi.org/10.1038/s41586-021-03819-2"],
        ),
        (
            ["http://arxiv.org/abs/2405.12345", "https://arxiv.org/abs/2405.12345"],
            "",
            ["https://arxiv.org/abs/2405.12345"],
        ),
        (["https://example.org/paper/", "http://Example.org/paper"], "", ["https://example.org/paper/"]),
        (["http://example.org/a", "http://example.org/a/"], "", ["http://example.org/a"]),  # no https copy: as written
        (
            ["https://example.org/a?x=1", "https://example.org/a?x=2"],
            "",
            ["https://example.org/a?x=1", "https://example.org/a?x=2"],
        ),
        (["http://dx.doi.org/10.1/x"], "", ["https://doi.org/10.1/x"]),  # a doi.org link is always https://doi.org/
    ],
)
def test_links_that_differ_only_in_scheme_doi_host_or_slash_are_one(
    urls: list[str], doi: str, links: list[str]
) -> None:
    from sitegen.ingest.fields import web_links

    assert web_links(urls, doi) == links


def test_crossref_and_mendeley_give_each_link_once(monkeypatch: pytest.MonkeyPatch) -> None:
    _, by_title = read_exports(monkeypatch, ["crossref.json", "mendeley.bib"])
    alphafold = by_title["Highly accurate protein structure prediction with AlphaFold"]
    assert alphafold.links == ("https://doi.org/10.1038/s41586-021-03819-2",)
    # url http://arxiv.org/abs/..., then the DOI, then the eprint's https://arxiv.org/abs/...: one arXiv link (the
    # arXiv DOI names the same page since 2026-11-30, fourth session).
    guard = by_title["API-Guard: Preventing API Hallucination in Code LLMs"]
    assert guard.links == ("https://arxiv.org/abs/2405.12345",)


# ---------------------------------------------------------------- 2. Crossref's JATS


def test_crossref_jats_sections_and_citation_superscripts_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _, by_title = read_exports(monkeypatch, ["crossref.json"])
    alphafold = by_title["Highly accurate protein structure prediction with AlphaFold"].abstract
    assert "Through an enormous experimental effort, the structures" in alphafold
    assert "have been determined. Here we provide" in alphafold
    review = by_title["Spiking neural networks for event cameras: a review"].abstract
    assert review.startswith("Background: Event cameras report brightness changes asynchronously. Methods: We review")
    assert "Results: Spiking models" in review


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<jats:p>Handles 10<jats:sup>6</jats:sup> events a second.</jats:p>", "Handles 10⁶ events a second."),
        (
            "<jats:p>An area of 3 cm<jats:sup>2</jats:sup>, R<jats:sup>2</jats:sup> = 0.9.</jats:p>",
            "An area of 3 cm², R² = 0.9.",
        ),
        ("<jats:p>A rate of 5 s<jats:sup>\u22121</jats:sup>.</jats:p>", "A rate of 5 s⁻¹."),
        ("<jats:p>In O(n log<jats:sup>2</jats:sup> n) time.</jats:p>", "In O(n log² n) time."),
        ("<jats:p>The 1<jats:sup>st</jats:sup> and x<jats:sup>a b</jats:sup>.</jats:p>", "The 1st and x^(a b)."),
        ("<jats:p>As studies showed.<jats:sup>7,8</jats:sup> Then.</jats:p>", "As studies showed. Then."),
        (
            '<jats:p>Known [<jats:xref ref-type="bibr" rid="b1">1</jats:xref>, '
            '<jats:xref ref-type="bibr" rid="b2">2</jats:xref>] since '
            '<jats:xref ref-type="bibr" rid="b3">Smith et al.</jats:xref> '
            '(<jats:xref ref-type="fig" rid="f1">Fig. 1</jats:xref>).</jats:p>',
            "Known since Smith et al. (Fig. 1).",
        ),
        (
            '<jats:p>Proteins<jats:sup><jats:xref ref-type="bibr" rid="c3">3</jats:xref>,'
            '<jats:xref ref-type="bibr" rid="c4">4</jats:xref></jats:sup> fold.</jats:p>',
            "Proteins fold.",
        ),
        ("<jats:sec><jats:title>Aims.</jats:title><jats:p>To see.</jats:p></jats:sec>", "Aims. To see."),
    ],
)
def test_jats_superscripts_citations_and_titles(markup: str, text: str) -> None:
    from sitegen.ingest.markup import jats_text

    assert jats_text(markup) == text


# ---------------------------------------------------------------- 3. BibTeX citations


def test_bibtex_citations_are_dropped_not_written_cit(monkeypatch: pytest.MonkeyPatch) -> None:
    _, by_title = read_exports(monkeypatch, ["latex_cite.bib"])
    [paper] = by_title.values()
    assert paper.abstract.startswith("We study vision transformers (ViTs) under distribution shift. Accuracy drops")
    assert "<cit.>" not in paper.abstract


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"shift~\cite{hendrycks2019}. More", "shift. More"),
        (r"as in \citep[p.~3]{a,b} and \citet*{c}, here", "as in and, here"),
        (r"by \cite{a}, \cite{b}. Then", "by. Then"),
        (r"see Eq.~\eqref{e1}", "see Eq."),
        (r"the $\ref{x}$ math stays", r"the $\ref{x}$ math stays"),
    ],
)
def test_tex_text_drops_citations_with_the_space_before_them(tex: str, text: str) -> None:
    from sitegen.textutil import tex_text

    assert tex_text(tex) == text


def test_bibtex_decoder_drops_citations_before_pylatexenc() -> None:
    from sitegen.ingest.bibtex import _DecodeLatex

    decoded = _DecodeLatex().decode(r"Robust~\citep{x} and \emph{fast}~\ref{tab:1}.")
    assert decoded == "Robust and fast."


# ---------------------------------------------------------------- 4. PubMed's title stop


def test_medline_titles_lose_pubmeds_full_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    _, by_title = read_exports(monkeypatch, ["pubmed_titles.nbib"])
    assert set(by_title) == {
        "Highly accurate protein structure prediction with AlphaFold",
        "Machine learning for early sepsis detection in the intensive care unit: a multicentre retrospective cohort "
        "study",
    }


def test_medline_group_authors_keep_their_place_and_initials_are_spaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """``CN`` (a group author) was dropped, and a record of a group alone showed no author; a wrapped ``CN`` line is
    one name (Bio.Medline makes it two). ``AU`` initials are shown as the other readers show them (QA)."""
    _, by_title = read_exports(monkeypatch, ["medline_group_author.nbib"])
    authors = {title: (p.authors, p.authors_count) for title, p in by_title.items()}
    assert authors == {
        "Repurposed antiviral drugs for COVID-19: interim trial results": (
            ("Hongchao Pan", "WHO Solidarity Trial Consortium", "Richard Peto"),
            3,
        ),
        "Global burden of bacterial antimicrobial resistance in 2019": (("Antimicrobial Resistance Collaborators",), 1),
        "Sepsis alerts in the emergency department": (("V. Gopalakrishnan", "M. García"), 2),
    }


@pytest.mark.parametrize(
    ("ti", "title"),
    [
        ("Protein structure with AlphaFold.", "Protein structure with AlphaFold"),
        ("Reply to Smith et al.", "Reply to Smith et al."),
        ("Waiting for...", "Waiting for..."),
        ("Is it safe?", "Is it safe?"),
        ("Health policy in the U.S.", "Health policy in the U.S."),
        ("[A title translated into English].", "[A title translated into English]"),
        ("Streptomyces qaensis sp. nov.", "Streptomyces qaensis sp. nov."),  # the regression hunt
        ("Bacillus bar comb. nov.", "Bacillus bar comb. nov."),
    ],
)
def test_medline_title_stop_and_abbreviations(ti: str, title: str) -> None:
    from sitegen.ingest.medline import medline_title

    assert medline_title(ti) == title


# ---------------------------------------------------------------- 5. RIS dates


def test_ris_date_is_the_most_precise_of_da_py_y1(monkeypatch: pytest.MonkeyPatch) -> None:
    _, by_title = read_exports(monkeypatch, ["endnote_dates.ris"])
    assert by_title["Efficient retrieval-augmented generation with learned sparse indexes"].date == "2023-11-05"


@pytest.mark.parametrize(
    ("record", "date"),
    [
        ({"year": "2023", "publication_year": "2023/11/05"}, "2023-11-05"),
        ({"date": "2021/08//", "year": "2021"}, "2021-08"),
        ({"date": "2023/12/01/", "year": "2024", "publication_year": "2024/01/15"}, "2023-12-01"),  # DA first
        ({"year": "2024///", "publication_year": "2023/11/05"}, "2024"),  # years disagree: PY
        ({"year": "n.d."}, None),
    ],
)
def test_ris_record_dates(record: dict[str, str], date: str | None) -> None:
    from sitegen.ingest.ris import record_date

    assert record_date(record) == date


# ---------------------------------------------------------------- 6. "and others"


def test_bibtex_and_others_keeps_the_named_authors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus, by_title = read_exports(monkeypatch, ["biblatex_others.bib"])
    paper = by_title[r"Self-Supervised Learning of Speech with $\mathcal{O}(n)$ Attention"]
    assert (paper.authors, paper.authors_count) == (("Soo-jin Park",), None)
    # `sitegen parse` output reads back the same: names, and a count that stays unknown.
    dump = tmp_path / "papers.jsonl"
    dump.write_text("".join(json.dumps(p.to_json()) + "\n" for p in corpus.papers), encoding="utf-8")
    [again] = read_corpus([str(dump)]).papers
    assert (again.authors, again.authors_count) == (("Soo-jin Park",), None)


def test_bibtex_author_names() -> None:
    from sitegen.ingest.bibtex import author_names

    assert author_names("Park, Soo-jin and others") == (["Park, Soo-jin"], None)
    assert author_names("A and B") == (["A", "B"], 2)
    assert author_names("") == ([], None)


# ---------------------------------------------------------------- 7. Mendeley's header


def test_mendeley_bibtex_with_a_plain_text_header_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, by_title = read_exports(monkeypatch, ["mendeley.bib"])
    assert corpus.problems == []
    assert set(by_title) == {
        "API-Guard: Preventing API Hallucination in Code LLMs",
        "Language Models are Few-Shot Learners",
    }
    assert str(by_title["API-Guard: Preventing API Hallucination in Code LLMs"].sources[0]) == "mendeley.bib:7"


MENDELEY_HEADER = [
    "Automatically generated by Mendeley Desktop 1.19.8",
    "Any changes to this file will be lost if it is regenerated by Mendeley.",
    "",
    "BibTeX export options can be customized via the options menu.",
    "",
]


@pytest.mark.parametrize(
    ("lines", "claimed"),
    [
        ([*MENDELEY_HEADER, "@article{Zhang2024,", "abstract = {A},", "}"], True),
        (["% comment", "Some text", "@article{a, title={T}, abstract={A}}"], True),
        ([*(f"line {n}" for n in range(10)), "@article{k,", "}"], True),  # ten lines of text at most
        ([*(f"line {n}" for n in range(11)), "@article{k,", "}"], False),
        (["Mechanistic Permutability", "x" * 300, "@article{k,", "}"], False),  # an abstract first: a listing
        (["Mechanistic Permutability", "We study @article{ in a listing."], False),
        (["A title", "@article{ in a listing starts this line."], False),  # no key: not an entry
        (["A title", "@ the meeting, we met."], False),
    ],
)
def test_bibtex_may_start_after_a_few_lines_of_text(lines: list[str], claimed: bool) -> None:
    from sitegen.ingest import bibtex
    from sitegen.ingest.text import TextFile

    assert bibtex.detect(TextFile("x", tuple(lines))) is claimed


def test_copies_of_a_paper_merge_their_links_as_one_link_each() -> None:
    """The same paper from two files, one writing its arXiv link with http, the other with https: one link; and
    (QA, 2026-11-30) a version's page and the arXiv DOI are that link too, written without a version."""
    from sitegen.dedupe import dedupe
    from sitegen.records import Paper, Source

    text = "The same abstract, read from two exports of one library."
    copies = [
        Paper("", "Same paper", text, (Source("a.bib", 1),), links=("http://arxiv.org/abs/2405.12345",)),
        Paper("", "Same paper", text, (Source("b.ris", 1),), links=("https://arxiv.org/abs/2405.12345/",)),
    ]
    [merged], _ = dedupe(copies)
    assert merged.links == ("https://arxiv.org/abs/2405.12345",)
    copies = [
        Paper("", "Same paper", text, (Source("a.atom", 1),), links=("http://arxiv.org/abs/2405.12345v4",)),
        Paper("", "Same paper", text, (Source("b.json", 1),), links=("https://doi.org/10.48550/arxiv.2405.12345",)),
        Paper("", "Same paper", text, (Source("c.bib", 1),), links=("https://arxiv.org/abs/2405.12345",)),
    ]
    [merged], _ = dedupe(copies)
    assert merged.links == ("https://arxiv.org/abs/2405.12345",)
    # newcomer review (2026-11-30): merging took "abs/arXiv:ID" for the paper's id but kept it as a second link
    copies = [
        Paper("", "Same paper", text, (Source("a.bib", 1),), links=("https://arxiv.org/abs/arXiv:2405.12345",)),
        Paper("", "Same paper", text, (Source("b.ris", 1),), links=("https://arxiv.org/abs/2405.12345",)),
    ]
    [merged], _ = dedupe(copies)
    assert merged.links == ("https://arxiv.org/abs/2405.12345",)


@pytest.mark.parametrize(
    ("link", "identifier"),
    [
        ("https://doi.org/10.1093/nar/gkv1189", ("doi", "10.1093/nar/gkv1189")),
        ("http://dx.doi.org/10.1000/REG.2019/", ("doi", "10.1000/reg.2019")),
        ("https://doi.org/10.48550/arXiv.2405.12345v2", ("arxiv", "2405.12345")),
        ("https://export.arxiv.org/abs/hep-th/9901001v1", ("arxiv", "hep-th/9901001")),
        ("https://arxiv.org/abs/arXiv:2405.12345", ("arxiv", "2405.12345")),
        ("https://pubmed.ncbi.nlm.nih.gov/31978945/", ("pmid", "31978945")),
        ("https://www.ncbi.nlm.nih.gov/pubmed/31978945", ("pmid", "31978945")),
        ("https://arxiv.org/abs/2405.12345/extra", None),  # no arXiv id
        ("https://arxiv.org/pdf/2405.12345", None),  # a page, not the identifier's link
    ],
)
def test_one_table_tells_the_identifier_a_link_writes(link: str, identifier: tuple[str, str] | None) -> None:
    from sitegen.ingest.fields import link_identifier

    assert link_identifier(link) == identifier


@pytest.mark.parametrize(
    ("copies", "authors", "count"),
    [
        # A copy cut short with "and others" loses to one naming them all, wherever it comes.
        ([(("Ada Lovelace",), None), (("Ada Lovelace", "Alan Turing", "Emmy Noether"), 3)], 3, 3),
        # Of two complete lists, the longer; of equals, the first.
        ([(("A. Lovelace",), 1), (("Ada Lovelace", "Alan Turing"), 2), (("A", "B"), 2)], 2, 2),
        # Names cut short, and a listing page that counted them all: the names, with that count.
        ([((), 12), (("Ada Lovelace", "Alan Turing"), None)], 2, 12),
        # A complete-looking list of three, and a listing page that counted twelve: the larger count.
        ([((), 12), (("Ada Lovelace", "Alan Turing", "Emmy Noether"), 3)], 3, 12),
        # Names cut short and no count anywhere: the count stays unknown.
        ([((), None), (("Ada Lovelace", "Alan Turing"), None)], 2, None),
        # No names at all: the first count given.
        ([((), None), ((), 7), ((), 4)], 0, 7),
    ],
)
def test_copies_of_a_paper_keep_the_most_complete_author_list(
    copies: list[tuple[tuple[str, ...], int | None]], authors: int, count: int | None
) -> None:
    from sitegen.dedupe import dedupe
    from sitegen.records import Paper, Source

    text = "The same abstract, read from several exports of one library."
    papers = [
        Paper("", "Same paper", text, (Source(f"{n}.bib", 1),), authors=names, authors_count=given)
        for n, (names, given) in enumerate(copies)
    ]
    [merged], _ = dedupe(papers)
    best = next(names for names, _ in copies if len(names) == authors)
    assert (merged.authors, merged.authors_count) == (best, count)
    # `sitegen parse` output reads back the same.
    [again] = jsonl_papers(merged)
    assert (again.authors, again.authors_count) == (best, count)


def jsonl_papers(*papers: Paper) -> list[Paper]:
    from sitegen.ingest.jsonl import to_paper
    from sitegen.records import Source

    read = [to_paper(json.loads(json.dumps(p.to_json())), Source("p.jsonl", 1)) for p in papers]
    return [paper for paper, _ in read if paper is not None]


@pytest.mark.parametrize(
    ("extra", "links"),
    [
        ({"doi": None}, ("https://openalex.org/W2741809807",)),  # no DOI: its OpenAlex page
        ({"doi": "https://doi.org/10.1000/x.1"}, ("https://doi.org/10.1000/x.1",)),  # a DOI is the link
        ({"doi": None, "id": "W2741809807"}, ()),  # not an OpenAlex URL: no link made up
    ],
)
def test_an_openalex_work_without_a_doi_links_to_its_openalex_page(extra: dict[str, object], links: tuple[str]) -> None:
    from sitegen.ingest.jsonl import to_paper
    from sitegen.records import Source

    work = {"id": "https://openalex.org/W2741809807", "title": "T", "abstract": "An abstract.", **extra}
    paper, _ = to_paper(work, Source("works.json", 3))
    assert paper is not None and paper.links == links


def test_arxiv_oai_pmh_harvest_in_its_three_metadata_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """export.arxiv.org/oai2 ListRecords: arXiv (authors by parts, created), arXivRaw (one authors string, the first
    version's e-mail date) and oai_dc (creators, descriptions but "Comment:", identifiers); a deleted record and a
    broken one are reported with their lines, the rest read."""
    from sitegen.ingest import read_file

    monkeypatch.chdir(FIXTURES / "exports")
    papers, problems, reader = read_file(Path("arxiv_oai.xml"))
    assert reader == "oai"
    rows = [(p.title, p.authors, p.date, p.links, str(p.sources[0])) for p in papers]
    assert rows == [
        (
            r"Holography of $\mathcal{N}=4$ theories on curved backgrounds",
            ("Ada Lovelace", "Martin L. King Jr"),
            "2021-10-04",
            ("https://arxiv.org/abs/2110.01234", "https://doi.org/10.1007/JHEP11(2021)001"),
            "arxiv_oai.xml:6",
        ),
        (
            "Strings on orbifolds",
            ("Alan Turing", "Emmy Noether"),
            "1999-01-01",
            ("https://arxiv.org/abs/hep-th/9901001",),
            "arxiv_oai.xml:26",
        ),
        (
            "Black hole entropy from replica wormholes",
            ("Noether, Emmy", "Hopper, Grace"),
            "2021-10-11",
            ("https://arxiv.org/abs/2110.05555", "https://doi.org/10.1103/PhysRevD.104.086001"),
            "arxiv_oai.xml:38",
        ),
    ]
    assert papers[2].abstract.endswith("in two-dimensional gravity.")  # not the "Comment: 30 pages" after it
    assert [str(p) for p in problems] == [
        "arxiv_oai.xml:20: OAI-PMH record without an abstract, skipped (the repository marks it deleted)",
        "arxiv_oai.xml:61: not a valid OAI-PMH record, skipped (not well-formed (invalid token))",
    ]


def test_an_oai_pmh_error_response_says_what_the_repository_answered(tmp_path: Path) -> None:
    from sitegen.ingest import read_file

    (tmp_path / "harvest.xml").write_text(
        '<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'
        '<error code="noRecordsMatch">No records match the request</error>\n</OAI-PMH>\n'
    )
    papers, problems, reader = read_file(tmp_path / "harvest.xml")
    assert (papers, reader) == ([], "oai")
    assert [p.message for p in problems] == [
        "OAI-PMH response without records (the repository answered: noRecordsMatch: No records match the request), "
        "skipped"
    ]
    (tmp_path / "harvest.xml").write_text(
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="badResumptionToken"/></OAI-PMH>\n'
    )
    _, problems, _ = read_file(tmp_path / "harvest.xml")
    assert (
        problems[0].message == "OAI-PMH response without records (the repository answered: badResumptionToken), skipped"
    )


def test_oai_pmh_records_of_other_repositories(monkeypatch: pytest.MonkeyPatch) -> None:
    """Zenodo's HTML descriptions and a second one in French, a DSpace thesis whose catalogue notes come first and
    whose text holds "<record>" in CDATA and a comment, PubMed Central's JATS (sections, contributors, pub-date,
    article ids), a MARCXML record inside a record, arXivRaw's numbered affiliations and "et al"; a prefixed root."""
    from sitegen.ingest import read_file

    monkeypatch.chdir(FIXTURES / "exports")
    papers, problems, reader = read_file(Path("repositories_oai.xml"))
    assert reader == "oai"
    rows = [(p.title, p.authors, p.authors_count, p.date, p.links, p.sources[0].line) for p in papers]
    assert rows == [
        (
            "Traffic counts of a city, 2022\u20132023",
            ("Lovelace, Ada",),
            1,
            "2023-05-01",
            ("https://zenodo.org/record/1234567", "https://doi.org/10.5281/zenodo.1234567"),
            6,
        ),
        (
            "Learning to sort with <record> markers",
            ("Turing, Alan",),
            1,
            "2019",
            ("http://hdl.handle.net/1721.1/12345",),
            20,
        ),
        (
            "Exercise and memory in older adults",
            ("Emmy Noether", "Grace Hopper"),  # not the editor
            2,
            "2020-03-05",
            ("https://doi.org/10.1000/jex.2020.1",),
            36,
        ),
        (
            "Observation of a new particle",
            ("A. Author", "B. Author", "C. Author"),
            3,
            "2012-07-31",
            ("https://arxiv.org/abs/1207.7214",),
            64,
        ),
        (
            "Observation of a new boson at 125 GeV",
            ("G. Aad", "B. Abbott"),
            None,
            None,
            ("https://arxiv.org/abs/1207.7235",),
            70,
        ),  # "et al": a list cut short
    ]
    zenodo, thesis, pmc = papers[:3]
    assert zenodo.abstract == (
        "This dataset contains 1.2 million traffic counts recorded every 15 minutes in 2022\u20132023. "
        "See the documentation."
    )
    assert thesis.abstract.startswith("We study sorting networks that learn. Each <record> ... </record> pair")
    assert pmc.abstract == "Background: Exercise may help memory. Results: Walking improved recall in 120 adults."
    assert [str(p) for p in problems] == ["repositories_oai.xml:58: OAI-PMH record without an abstract, skipped"]


def test_tex_accents_are_read_in_titles_abstracts_and_names_of_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """arXiv writes accents as TeX in its metadata, feeds and digests: read as the letters, not only in BibTeX."""
    record = {
        "title": r"On Poincar\'e Duality",
        "abstract": r"Following Erd\H{o}s, we study \emph{Sch\"onberg} maps.",
        "authors": r"J\"urgen Schmidhuber, Fran\c{c}ois Chollet and C. Bal\'azs",
    }
    (tmp_path / "snapshot.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "lines.txt").write_text("Abstract: " + r"Sums over Erd\H{o}s graphs of Poincar\'e type." + "\n")
    monkeypatch.chdir(tmp_path)
    papers = {p.title: p for p in read_corpus(["."]).papers}
    paper = papers["On Poincaré Duality"]
    assert paper.abstract == "Following Erdős, we study Schönberg maps."
    assert paper.authors == ("Jürgen Schmidhuber", "François Chollet", "C. Balázs")
    assert [p.abstract for t, p in papers.items() if t != "On Poincaré Duality"] == [
        "Sums over Erdős graphs of Poincaré type."
    ]


def test_copies_whose_abstracts_differ_keep_the_longer_and_of_equals_one_chosen_by_text() -> None:
    """Which copy's abstract a merged paper keeps depended on its file's name when two were as long."""
    from sitegen.dedupe import dedupe
    from sitegen.records import Paper, Source

    text = "Emergent abilities of large models appear at scale, and we measure when they do on many tasks."
    one, two = text, text.replace("Emergent", "Emerging")
    for files in (("a.jsonl", "b.jsonl"), ("b.jsonl", "a.jsonl")):
        copies = [Paper("", "Same", abstract, (Source(f, 1),)) for f, abstract in zip(files, (one, two), strict=True)]
        [merged], problems = dedupe(sorted(copies, key=lambda p: p.sources))
        assert merged.abstract == max(one, two)
        assert [p.message for p in problems] == [
            f"abstract differs from the copy at {merged_source(merged, copies)}; kept that one (they are as long)"
        ]
    longer = [Paper("", "Same", text, (Source("a.jsonl", 1),)), Paper("", "Same", text + " More.", (Source("b", 2),))]
    [merged], problems = dedupe(longer)
    assert merged.abstract.endswith("More.")
    assert [str(p) for p in problems] == ["a.jsonl:1: abstract differs from the copy at b:2; kept the longer one"]
    # a record that shares its line with others is named by its column too, as every record-level problem is
    shared = [
        Paper("", "Same", text, (Source("a.json", 1, 2),)),
        Paper("", "Same", text + " More.", (Source("a.json", 1, 144),)),
    ]
    assert [str(p) for p in dedupe(shared)[1]] == [
        "a.json:1: record at column 2: abstract differs from the copy at a.json:1:144; kept the longer one"
    ]
    # QA (2026-11-30): copies that differ in case, quotes or dashes only are not said to differ (19 of 20 problems
    # of a real mixed library were such)
    styled = text.replace("appear", "\u2018appear\u2019").replace(", and", " \u2014 and")
    copies = [Paper("", "Same", text, (Source("a.bib", 1),)), Paper("", "Same", styled, (Source("b.ris", 1),))]
    assert dedupe(copies)[1] == []


def merged_source(merged: Paper, copies: list[Paper]) -> str:
    return str(next(p.sources[0] for p in copies if p.abstract == merged.abstract))


@pytest.mark.parametrize(
    ("authors", "names", "count"),
    [
        ("G. Aad, B. Abbott, et al", ("G. Aad", "B. Abbott"), None),  # "et al" is no author: a list cut short
        ("Ada Lovelace, Alan Turing and others", ("Ada Lovelace", "Alan Turing"), None),
        ("Ada Lovelace; Alan Turing; et al.", ("Ada Lovelace", "Alan Turing"), None),
        (["Ada Lovelace", "Alan Turing", "et al."], ("Ada Lovelace", "Alan Turing"), None),
        ("Ada Lovelace, Alan Turing", ("Ada Lovelace", "Alan Turing"), 2),
        ("Hans Metal", ("Hans Metal",), 1),  # a name ending in "etal" is a name
    ],
)
def test_json_authors_ending_in_et_al_are_a_list_cut_short(
    authors: object, names: tuple[str, ...], count: int | None
) -> None:
    from sitegen.ingest.jsonl import to_paper
    from sitegen.records import Source

    paper, _ = to_paper({"title": "T", "abstract": "An abstract.", "authors": authors}, Source("x.jsonl", 1))
    assert paper is not None and (paper.authors, paper.authors_count) == (names, count)


def test_an_oai_pmh_doctype_with_entities_is_read_and_its_entities_never_expanded(tmp_path: Path) -> None:
    """A DOCTYPE with an internal subset made the file "unrecognised"; its entities (an external one could read a
    local file) are never declared where the records are parsed: a record using one is reported, the rest read."""
    from sitegen.ingest import read_file

    records = (FIXTURES / "exports" / "arxiv_oai.xml").read_text().split("\n", 1)[1]
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE OAI-PMH [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    text = doctype + records.replace("Strings on orbifolds", "Strings on &xxe;")
    (tmp_path / "harvest.xml").write_text(text)
    papers, problems, reader = read_file(tmp_path / "harvest.xml")
    assert reader == "oai" and len(papers) == 2
    assert "root:" not in "".join(p.title or "" for p in papers)
    assert any(p.message == "not a valid OAI-PMH record, skipped (undefined entity)" for p in problems)


# ---------------------------------------------------------------- 9. one library from many places (QA, 2026-11-30)

_LONG = " We measured it at twelve sites over four years, and the effect held in every subgroup we looked at."


def _copy(file: str, title: str, abstract: str, **fields: object) -> Paper:
    from sitegen.records import Source

    return Paper("", title, abstract, (Source(file, 1),), **fields)  # type: ignore[arg-type]


def _merged_each_way(copies: list[Paper]) -> list[Paper]:
    """The papers the copies merge into, checked to be the same whatever the files are named (every order)."""
    import itertools

    from sitegen.dedupe import dedupe
    from sitegen.records import Source

    results = []
    for names in itertools.permutations(f"{i}.x" for i in range(len(copies))):
        renamed = [replace(p, sources=(Source(n, 1),)) for p, n in zip(copies, names, strict=True)]
        papers, _ = dedupe(renamed)
        results.append(sorted((p.title, p.abstract, p.date, p.authors, p.links, len(p.sources)) for p in papers))
    assert all(r == results[0] for r in results), "the merge depends on the files' names"
    return dedupe(copies)[0]


def test_two_editorials_by_different_authors_stay_two_papers() -> None:
    """Two special-issue editorials under the title "Editorial", without DOIs, whose abstracts share 70 % of their
    words, were one paper: the second one's abstract and authors lost, with only an "abstract differs" line."""
    from sitegen.dedupe import dedupe

    one = "This special issue gathers twelve papers on neural network theory from the 2022 conference." + _LONG
    two = "This special issue gathers nine papers on machine learning theory from the 2022 conference." + _LONG
    copies = [
        _copy("a.csv", "Editorial", one, authors=("Doya K.", "Wang D.")),
        _copy("b.csv", "Editorial", two, authors=("Khan E.", "Gönen M.")),
    ]
    assert len(dedupe(copies)[0]) == 2
    # the same editorial from two exports, names written two ways: one paper
    again = [copies[0], _copy("c.ris", "Editorial", one, authors=("Kenji Doya", "Dan Wang"))]
    assert len(dedupe(again)[0]) == 1


def test_merged_fields_are_the_best_any_copy_gives_whatever_the_files_are_called() -> None:
    """Renaming a file changed the merged title (Google Scholar's lower case, an all-capitals title with its stop), the
    date (a year where other copies give the day) and the authors (ASCII names where others have accents)."""
    text = "Deeper neural networks are more difficult to train; we present a residual learning framework." + _LONG
    copies = [
        _copy("scholar", "Deep residual learning for image recognition", text, date="2016"),
        _copy("openalex", "DEEP RESIDUAL LEARNING FOR IMAGE RECOGNITION.", text, date="2016-06"),
        _copy("arxiv", "Deep Residual Learning for Image Recognition", text, date="2015-12-10"),
        _copy("wos", "Deep Residual Learning for Image Recognition", text, authors=("He, K", "Zidek, A")),
        _copy(
            "crossref",
            "Deep residual learning for image recognition",
            text,
            authors=("Kaiming He", "Augustin Žídek"),
            date="2016-06-27",
        ),
    ]
    [merged] = _merged_each_way(copies)
    assert merged.title == "Deep Residual Learning for Image Recognition"
    assert merged.date == "2015-12-10"  # the first year, as precisely as a copy of that year gives it
    assert merged.authors == ("Kaiming He", "Augustin Žídek")


def test_the_merged_title_is_written_as_most_copies_write_it() -> None:
    """QA (medical exports): three databases' "(TOCI-GER): a randomised ..." lost to Scopus's Title Case "(TOCI-GER) -
    A Randomised ...", longer by one character only; a subtitle one copy adds still wins."""
    text = "Tocilizumab was given to 400 adults with COVID-19 pneumonia and compared with usual care." + _LONG
    colon = "Tocilizumab in COVID-19 (TOCI-GER): a randomised, controlled, open-label trial"
    copies = [
        _copy("pubmed.nbib", colon, text),
        _copy("epmc.json", colon, text),
        _copy("embase.ris", colon, text),
        _copy("scopus.csv", "Tocilizumab in COVID-19 (TOCI-GER) - A Randomised, Controlled, Open-Label Trial", text),
    ]
    [merged] = _merged_each_way(copies)
    assert merged.title == colon
    doi = ("https://doi.org/10.1016/toci-ger",)  # one paper by its DOI, the titles unlike
    fuller = [replace(c, links=doi) for c in copies] + [
        _copy("wos.txt", colon + ": the final analysis", text, links=doi)
    ]
    [merged] = _merged_each_way(fuller)
    assert merged.title == colon + ": the final analysis"
    # the regression hunt: an acronym and a title without a full stop still win over copies of one export
    bert = "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    scholar = _copy(
        "scholar.bib", "Bert: Pre-training of deep bidirectional transformers for language understanding", text
    )
    assert (
        _merged_each_way([scholar, replace(scholar, sources=(Source("again.bib", 1),)), _copy("a.json", bert, text)])[
            0
        ].title
        == bert
    )
    stop = _copy("a.ris", "Effect of statins on giant cell arteritis.", text)
    plain = _copy("b.bib", "Effect of statins on giant cell arteritis", text)
    assert _merged_each_way([stop, replace(stop, sources=(Source("c.ris", 1),)), plain])[0].title == plain.title


def test_a_preprint_joins_the_version_whose_identifier_it_shares() -> None:
    """arXiv's copy (no DOI) joined the journal version or the conference version of the same title, whichever file
    sorted first; it shares its arXiv id with the conference version, whose abstract it is."""
    conference = "SparseFlow estimates optical flow from sparse matches with a transformer decoder." + _LONG
    journal = conference + " This extended version adds event cameras, three data sets and an ablation of the decoder."
    arxiv = "https://arxiv.org/abs/2104.05622"
    copies = [
        _copy("arxiv.atom", "SparseFlow", conference, links=(arxiv + "v2",), date="2021-04-12"),
        _copy(
            "savedrecs", "SparseFlow", journal, links=("https://doi.org/10.1109/TPAMI.2023.3241187",), date="2023-09"
        ),
        _copy("s2.json", "SparseFlow", conference, links=(arxiv, "https://doi.org/10.1109/ICCV48922.2021.00455")),
    ]
    papers = _merged_each_way(copies)
    by_links = {p.links: p for p in papers}
    assert set(by_links) == {
        ("https://doi.org/10.1109/TPAMI.2023.3241187",),
        ("https://doi.org/10.1109/ICCV48922.2021.00455", arxiv),  # the DOI, then arXiv, whatever the files' order
    }
    assert by_links[("https://doi.org/10.1109/TPAMI.2023.3241187",)].date == "2023-09"


def test_copies_sharing_an_identifier_merge_though_their_titles_differ() -> None:
    """``$\\beta$-VAE`` and ``β-VAE``, and a title without its subtitle, under one arXiv id or DOI: one paper (they
    made two pages). A DOI shared by copies whose titles and abstracts both differ is taken for a slip: two papers."""
    text = "We study disentangled representations learnt by a variational autoencoder with a stronger prior." + _LONG
    arxiv = ("https://arxiv.org/abs/1804.03599",)
    beta = [
        _copy("a.atom", "Understanding disentangling in $\\beta$-VAE", text, links=arxiv),
        _copy(
            "b.json", "Understanding disentangling in β-VAE", text, links=("https://doi.org/10.48550/arxiv.1804.03599",)
        ),
    ]
    assert len(_merged_each_way(beta)) == 1
    beta_no_link = [replace(p, links=()) for p in beta]
    assert len(_merged_each_way(beta_no_link)) == 1  # the same title, Greek letters by name
    doi = ("https://doi.org/10.1080/17538157.2023.2180123",)
    review = "Federated learning allows hospitals to train a shared model without moving records." + _LONG
    subtitle = [
        _copy("crossref", "Federated learning in healthcare", review, links=doi),
        _copy(
            "pubmed",
            "Federated learning in healthcare: a systematic review of privacy-preserving methods",
            review,
            links=doi,
        ),
    ]
    [merged] = _merged_each_way(subtitle)
    assert merged.title == "Federated learning in healthcare: a systematic review of privacy-preserving methods"
    slip = [
        subtitle[0],
        _copy("bib", "Graph neural networks for traffic", "Traffic forecasting with graph networks.", links=doi),
    ]
    assert len(_merged_each_way(slip)) == 2


def test_crossref_subtitle_is_part_of_the_title() -> None:
    from sitegen.ingest.jsonl import to_paper
    from sitegen.records import Source

    record = {"title": ["Federated learning in healthcare"], "subtitle": ["a systematic review"], "abstract": "A."}
    paper, _ = to_paper(record, Source("x.json", 1))
    assert paper is not None and paper.title == "Federated learning in healthcare: a systematic review"
    record["subtitle"] = ["healthcare"]  # already in the title
    paper, _ = to_paper(record, Source("x.json", 1))
    assert paper is not None and paper.title == "Federated learning in healthcare"


@pytest.mark.parametrize(
    ("written", "body"),
    [
        ("Results held." + _LONG + " © 2022 Elsevier Ltd", "Results held." + _LONG),
        ("Results held." + _LONG + " (c) 2022 Elsevier Ltd. All rights reserved.", "Results held." + _LONG),
        ("Results held." + _LONG + " Copyright © 2020 The Authors.", "Results held." + _LONG),
        ("Results held." + _LONG + " © The Author(s) 2019.", "Results held." + _LONG),
        (
            "Results held." + _LONG + " This article is protected by copyright. All rights reserved.",
            "Results held." + _LONG,
        ),
        ("Abstract—Results held." + _LONG, "Results held." + _LONG),
        ("ABSTRACT Results held." + _LONG, "Results held." + _LONG),
        # prose about copyright, and a heading that is a word of the text, stay
        ("We review copyright © law." + _LONG, "We review copyright © law." + _LONG),
        ("Abstract algebra helps." + _LONG, "Abstract algebra helps." + _LONG),
        # QA round 2: an enumeration's "(c)" and a sentence on rights notices are text
        (
            "(a) We measure." + _LONG + " (c) We estimate the effect.",
            "(a) We measure." + _LONG + " (c) We estimate the effect.",
        ),
        (
            "So." + _LONG + " All rights reserved notices are examined.",
            "So." + _LONG + " All rights reserved notices are examined.",
        ),
        ("So." + _LONG + " Copyright (c) 2020 Elsevier B.V. All rights reserved.", "So." + _LONG),
        # QA (medical exports): only "All rights reserved." went
        ("So." + _LONG + " Crown Copyright © 2021 Published by Elsevier Ltd. All rights reserved.", "So." + _LONG),
        ("Summary-level data help." + _LONG, "Summary-level data help." + _LONG),
        ("Summary - Results held." + _LONG, "Results held." + _LONG),
        ("© 2021 all.", "© 2021 all."),  # nothing would be left
    ],
)
def test_an_abstract_loses_its_heading_and_copyright_line(written: str, body: str) -> None:
    """Databases export the publisher's copyright line with some abstracts: the longest copy, kept on merging, was the
    one with "© 2022 Elsevier Ltd" on the page and in search ("elsevier" found papers)."""
    from sitegen.ingest.fields import abstract_body

    assert abstract_body(written) == body


def test_a_spreadsheet_cell_keeps_words_broken_at_a_line_end_whole() -> None:
    from sitegen.ingest.fields import cell_text

    assert cell_text("Abstract\nWe report a privacy-\npreserving method in 2-\n3 steps.") == (
        "We report a privacy-preserving method in 2-3 steps."
    )


def test_citation_superscripts_after_a_quote_or_bracket_are_dropped() -> None:
    """Crossref's AlphaFold abstract: "the 'protein folding problem'⁸" and "(CASP14)¹²" kept the citations."""
    from sitegen.ingest.markup import jats_text

    text = jats_text(
        "<jats:p>the \u2018protein folding problem\u2019<jats:sup>8</jats:sup>—has been "
        "(CASP14)<jats:sup>12</jats:sup>, and (x + y)<jats:sup>2</jats:sup> is a square.</jats:p>"
    )
    assert text == "the \u2018protein folding problem\u2019—has been (CASP14), and (x + y)² is a square."


def test_tex_dashes_are_dashes() -> None:
    from sitegen.textutil import tex_text

    assert tex_text("152 layers---8x deeper, 1--2 days, a --- b") == "152 layers—8x deeper, 1\u20132 days, a — b"
    assert tex_text("OBJECTIVE--To see; $a--b$; ----") == "OBJECTIVE--To see; $a--b$; ----"


def test_merging_qa_round_2() -> None:
    """QA: "10.1093/nar/gkv1189" was read as the arXiv-like "10.1093/nar/gk" + a version, so every such DOI of 2015
    was one id (two corrigenda merged); a conference and a journal version sharing an arXiv id, whose abstracts are
    not alike, merged; the upvotes of a merged paper were the first file's."""
    corrigenda = [
        _copy(
            "a",
            "Corrigendum",
            "We correct table 2 of our article." + _LONG,
            links=("https://doi.org/10.1093/nar/gkv1189",),
        ),
        _copy(
            "b",
            "Corrigendum",
            "We correct figure 3 of our article." + _LONG,
            links=("https://doi.org/10.1093/nar/gkv007",),
        ),
    ]
    assert len(_merged_each_way(corrigenda)) == 2
    arxiv = ("https://arxiv.org/abs/2106.01357",)
    versions = [
        _copy("neurips.bib", "Diffusion bridges", "We propose a bridge between two distributions.", links=arxiv),
        _copy("journal.json", "Diffusion bridges", "An extended study of bridges, with proofs and new data sets.",
              links=(*arxiv, "https://doi.org/10.1000/jmlr.1")),
    ]  # fmt: skip
    assert len(_merged_each_way(versions)) == 2
    text = "Upvoted abstract about diffusion models and their samplers." + _LONG
    [merged] = _merged_each_way([_copy("a", "T", text, upvotes=12), _copy("b", "T", text, upvotes=340)])
    assert merged.upvotes == 340


def test_an_unnamed_copy_joins_the_likest_paper_whatever_its_file_is_called() -> None:
    """An authorless copy of the second of two editorials joined the first when its file sorted first, and that
    editorial's text was then the second's."""
    base = " This issue gathers papers on learning theory from the conference, and we thank the reviewers."
    one, two = "Rossi writes the first one." + base, "Sato writes the second editorial of the year." + base
    copies = [
        _copy("e1.json", "Editorial", one, authors=("Maria Rossi",)),
        _copy("e2.json", "Editorial", two, authors=("Kenji Sato",)),
        _copy("x.csv", "Editorial", two),
    ]
    papers = _merged_each_way(copies)
    assert sorted((p.authors, p.abstract, len(p.sources)) for p in papers) == [
        (("Kenji Sato",), two, 2),
        (("Maria Rossi",), one, 1),
    ]


def test_markup_in_spreadsheet_and_bibtex_abstracts_is_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: IEEE Xplore's CSV writes formulas as ``<inline-formula><tex-math>$...$</tex-math></inline-formula>`` and
    ACM's BibTeX abstracts are HTML (``<p>``, ``<i>``, ``&gt;``): pages showed the tags as text and search indexed
    "tex", "math", "formula". Now the TeX (for KaTeX) and the text; a tag that does more than format stays text."""
    (tmp_path / "ieee.csv").write_text(
        '"Document Title","Authors","Publication Year","Abstract","DOI"\n'
        '"Fast <italic>attention</italic>","A. Lovelace","2026","Reduces cost from <inline-formula> '
        '<tex-math notation=""LaTeX"">$\\mathcal {O}(n^{2})$ </tex-math></inline-formula> to linear.","10.1109/x.1"\n',
        encoding="utf-8",
    )
    (tmp_path / "acm.bib").write_text(
        "@inproceedings{a, title={T}, year={2023},\n abstract={<p>We propose <i>SparseRank</i>, with &gt;30% gains.</p>"
        "<p>Second paragraph <b onmouseover=x>stays</b>.</p>}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["ieee.csv", "acm.bib"])
    by_title = {p.title: p.abstract for p in corpus.papers}
    assert by_title["Fast attention"] == "Reduces cost from $\\mathcal {O}(n^{2})$ to linear."
    assert by_title["T"].startswith("<p>We propose <i>SparseRank</i>")  # one tag that does more: all as written
    (tmp_path / "acm.bib").write_text(
        "@inproceedings{a, title={T}, year={2023},\n abstract={<p>We propose <i>SparseRank</i>, with &gt;30% gains.</p>"
        "<p>Second paragraph.</p>}}\n",
        encoding="utf-8",
    )
    [paper] = read_corpus(["acm.bib"]).papers
    assert paper.abstract == "We propose SparseRank, with >30% gains. Second paragraph."


def test_words_a_pdf_broke_at_line_ends_are_whole_in_notes() -> None:
    """QA: an abstract copied from a PDF into notes kept "pat- tern", "well- known": searching "pattern" missed it."""
    from sitegen.ingest import labelled
    from sitegen.ingest.text import TextFile

    lines = ("Title: X", "Abstract: A sparse attention pat-", "tern in a well-", "known set of X-", "ray images.")
    [paper], _ = labelled.read(TextFile("notes.txt", lines))
    assert paper.abstract == "A sparse attention pattern in a well-known set of X-ray images."


def test_markup_qa_round_2() -> None:
    """QA: an abstract about HTML lost its tags ("wrap headings in and forget the closing tag"); a formula gained a
    space ("$k$ -means"); hyphens before numbers, capitals and a suspended hyphen were split or joined wrongly."""
    from sitegen.ingest.fields import line_joined
    from sitegen.ingest.markup import markup_text

    about_html = "Authors wrap headings in <b> and forget the closing </b> tag, or nest <p> inside <span>."
    assert markup_text(about_html) == about_html
    assert markup_text("Fast <inline-formula><tex-math>$k$</tex-math></inline-formula>-means") == "Fast $k$-means"
    joined = [
        line_joined(a, b) for a, b in [("COVID-", "19"), ("IL-", "6"), ("non-", "Hodgkin"), ("short-", "and long")]
    ]
    assert joined == ["COVID-19", "IL-6", "non-Hodgkin", "short- and long"]


def test_one_abstract_under_a_title_and_its_typo_is_one_paper_said() -> None:
    """QA (2026-11-30): a title's typo fixed in one file of two left two pages of one abstract, without a word.
    Word for word the same abstract (30 words or more) under titles a slip apart is one paper, and said; not under
    titles unlike each other (an export that filled the abstract with its journal's description), nor a short one."""
    from sitegen.dedupe import dedupe
    from sitegen.records import Paper, Source

    text = " ".join(f"word{n}" for n in range(40)) + "."
    fixed = Paper("", "Dynamic Evaluation of Neural Sequence Models", text, (Source("zotero.bib", 1),))
    typo = Paper("", "Dynamic Evaluaton of Neural Sequence Models", text, (Source("scrape.txt", 1),))
    [merged], problems = dedupe([typo, fixed])
    assert merged.title == "Dynamic Evaluation of Neural Sequence Models"
    assert [str(p) for p in problems] == [
        "scrape.txt:1: title 'Dynamic Evaluaton of Neural Sequence Models' differs from 'Dynamic Evaluation of "
        "Neural Sequence Models' at zotero.bib:1, whose abstract is the same: merged as one paper"
    ]
    quoted = replace(typo, abstract="\u201c" + text.replace("word5 ", "word5\u2014 ", 1).replace(".", "\u201d."))
    assert len(dedupe([quoted, fixed])[0]) == 1  # quotes and dashes of another export: the same words
    other = Paper("", "Protein folding at scale", text, (Source("journal.csv", 2),))
    assert len(dedupe([fixed, other])[0]) == 2
    short = "This article has been retracted by the publisher."
    assert len(dedupe([replace(fixed, abstract=short), replace(typo, abstract=short)])[0]) == 2


# ---------------------------------------------------------------- Scopus's initials, MEDLINE's joined LID lines


def test_scopus_initials_are_put_after_the_family_name_in_ris_and_csv(tmp_path: Path) -> None:
    """QA: Scopus runs initials together ("Kingma, D.P." in its RIS, "Kingma D.P." in its CSV ``Authors``), and such
    names stayed family name first beside "J. Ba" of the same record; given name first, whichever way written."""
    abstract = "We introduce Adam, an algorithm for first-order gradient-based optimization of stochastic objectives."
    names = ["Kingma, D.P.", "Kim, J.W.", "Ba, J.", "Lovelace, A.M.", "Lovelace, A. M.", "van der Berg, H.J."]
    ris = "TY  - JOUR\n" + "".join(f"AU  - {n}\n" for n in names) + f"TI  - Adam\nAB  - {abstract}\nER  - \n"
    (tmp_path / "scopus.ris").write_text(ris, encoding="utf-8")
    csv = f'"Authors","Title","Abstract"\n"Radford A.; Kim J.W.; van der Berg H.J.; Yu K.","Clip","{abstract}"\n'
    (tmp_path / "scopus.csv").write_text(csv, encoding="utf-8")
    plain = f'"Authors","Title","Abstract"\n"Wang Li; Andrew Y. Ng; Li, Wu; Ng, A.","Plain","{abstract} Plain."\n'
    (tmp_path / "plain.csv").write_text(plain, encoding="utf-8")
    by_title = {p.title: p.authors for p in read_corpus([str(tmp_path)]).papers}
    assert by_title["Adam"] == (
        "D. P. Kingma",
        "J. W. Kim",
        "J. Ba",
        "A. M. Lovelace",
        "A. M. Lovelace",
        "H. J. van der Berg",
    )
    assert by_title["Clip"] == ("A. Radford", "J. W. Kim", "H. J. van der Berg", "K. Yu")
    assert by_title["Plain"] == ("Wang Li", "Andrew Y. Ng", "Wu Li", "A. Ng")  # no full stops: as the other readers


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Kingma, D.P.", "Kingma, D. P."),
        ("Kingma D.P.", "Kingma, D. P."),
        ("Radford A.", "Radford, A."),
        ("Yu K.", "Yu, K."),
        ("van der Berg H.J.", "van der Berg, H. J."),
        ("Dupont J.-P.", "Dupont, J.-P."),
        ("Dupont, J.-P.M.", "Dupont, J.-P. M."),
        ("Ivanov Yu.N.", "Ivanov, Yu. N."),
        ("Öztürk Ö.", "Öztürk, Ö."),
        ("King, Jr., M.L.", "King, Jr., M. L."),
        # No full stops, or not the Scopus shape: as written.
        ("Ba, J.", "Ba, J."),
        ("Li, Wu", "Li, Wu"),
        ("Wang Li", "Wang Li"),
        ("Lovelace AM", "Lovelace AM"),
        ("John DOE", "John DOE"),
        ("Andrew Y. Ng", "Andrew Y. Ng"),
        ("A. Lovelace", "A. Lovelace"),
        ("Lovelace A. M.", "Lovelace A. M."),
        ("Smith Jr.", "Smith Jr."),
        ("Acme Co.", "Acme Co."),
        ("Google, Inc.", "Google, Inc."),
        ("et al.", "et al."),
        ("", ""),
    ],
)
def test_dotted_initials_name(name: str, read: str) -> None:
    from sitegen.ingest.fields import dotted_initials_name

    assert dotted_initials_name(name) == read


@pytest.mark.parametrize(
    "ids",
    [
        "LID - S0140-6736(20)30183-5 [pii]\nLID - 10.1016/S0140-6736(20)30183-5 [doi]\n",
        "LID - 10.1016/S0140-6736(20)30183-5 [doi]\nLID - S0140-6736(20)30183-5 [pii]\n",
        "AID - S0140-6736(20)30183-5 [pii]\nAID - 10.1016/S0140-6736(20)30183-5 [doi]\n",
        "LID - e12 [pii]\nAID - 10.1016/S0140-6736(20)30183-5 [doi]\nAID - e12 [pii]\n",
    ],
)
def test_medline_doi_of_two_lid_or_aid_lines(tmp_path: Path, ids: str) -> None:
    """QA: Bio.Medline joins a record's LID lines into one string ("S0140-... [pii] 10.1016/... [doi]"), and a DOI
    read only from a whole value was lost."""
    text = "PMID- 32007143\nOWN - NLM\nTI  - Clinical features.\n" + ids + "AB  - An abstract of a few words.\n"
    (tmp_path / "pubmed.txt").write_text(text, encoding="utf-8")
    [paper] = read_corpus([str(tmp_path / "pubmed.txt")]).papers
    assert paper.links == (
        "https://pubmed.ncbi.nlm.nih.gov/32007143/",
        "https://doi.org/10.1016/S0140-6736(20)30183-5",
    )


# ---------------------------------------------------------------- code review: notes' front matter, XML harvests


@pytest.mark.parametrize(
    ("written", "date", "problems"),
    [
        ("date: 2017-06-12", "2017-06-12", []),  # unquoted: YAML reads a date
        ("date: '2017-06-12'", "2017-06-12", []),
        ("date: 2017-06-12 23:30:00+02:00", "2017-06-12", []),  # the day as written, not in UTC
        ("published: 2017-06-12T08:00:00Z", "2017-06-12", []),
        ("date: [2017-06-12]", "2017-06-12", []),
        ("year: 2017", "2017", []),
        (
            "date: {year: 2017}",
            None,
            ["date \"{'year': 2017}\" not understood, left out (write it 2021-03-04, 2021-03 or 2021)"],
        ),
    ],
)
def test_a_notes_front_matter_date_is_read_however_yaml_gives_it(
    tmp_path: Path, written: str, date: str | None, problems: list[str]
) -> None:
    """Code review: ``date: 2017-06-12`` unquoted, as Obsidian's and Zotero's templates write it, is a date to YAML,
    not a text: the paper had no date, and no word said so."""
    from sitegen.ingest import read_file

    (tmp_path / "note.md").write_text(f"---\ntitle: T\n{written}\n---\n\n## Abstract\n\nText.\n")
    [paper], found, reader = read_file(tmp_path / "note.md")
    assert (reader, paper.date, [p.message for p in found]) == ("markdown-notes", date, problems)


def test_a_front_matter_ends_where_both_note_readers_say(tmp_path: Path) -> None:
    """Code review: the Markdown reader looked for the closing ``---`` in the first 200 lines, the labelled reader in
    any: a Zotero note whose front matter lists 250 tags had no front matter to it, so no title, and was an
    "unrecognised format". Both pass over the same lines now."""
    from sitegen.ingest import labelled, markdown, read_file
    from sitegen.ingest.text import TextFile

    tags = [f"  - tag{n}" for n in range(250)]
    head = ["---", "title: Deep Residual Learning", "date: 2015-12-10", "tags:", *tags, "---"]
    note = [*head, "", "## Abstract", "", "Deeper networks are harder to train.", "", "## Notes", "", "Mine."]
    (tmp_path / "note.md").write_text("\n".join(note) + "\n")
    [paper], problems, reader = read_file(tmp_path / "note.md")
    assert (reader, paper.title, paper.date, paper.abstract, problems) == (
        "markdown-notes",
        "Deep Residual Learning",
        "2015-12-10",
        "Deeper networks are harder to train.",
        [],
    )
    records = [*head, "", "Title: One", "Abstract: First.", "", "Title: Two", "Abstract: Second."]
    papers, problems = labelled.read(TextFile("list.md", tuple(records)))
    assert ([(p.title, p.sources[0].line) for p in papers], problems) == ([("One", 257), ("Two", 260)], [])
    unclosed = ["---", "Text under a rule, no other rule below."]
    for lines in (tuple(note), tuple(records), tuple(unclosed), ("---", "---", "Title: x"), ()):
        end = markdown._front_matter(lines)[1]
        assert labelled._without_front_matter(lines) == [""] * end + list(lines[end:])


def test_a_front_matter_of_no_fields_is_a_rule(tmp_path: Path) -> None:
    """A note that opens with a rule and has another below: what is between is no ``name: value`` fields, so no front
    matter (it was left out without a word, then said as "front matter holds no fields"; since the QA regression hunt
    a block is front matter only when its first line is a field): the lines are the note's own text."""
    from sitegen.ingest import read_file

    (tmp_path / "note.md").write_text("---\nRead this one twice.\n---\n\n# T\n\n## Abstract\n\nText.\n")
    [paper], problems, _ = read_file(tmp_path / "note.md")
    assert (paper.title, paper.abstract, problems) == ("T", "Text.", [])


class _CountedSource(str):
    """A file's text that remembers how many characters ``count`` looked through."""

    looked = 0

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        self.looked += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)


def test_xml_records_keep_their_lines_and_are_counted_through_once() -> None:
    """Code review: the OAI-PMH reader counted the lines before each record from the file's start (a harvest of
    20,000 records took 66 s to cut up) and looked through every comment and CDATA section for each tag; PubMed's
    XML reader did the second. A record's line is right after comments and CDATA (a ``<record>`` in them is text),
    and each character is counted once."""
    from sitegen.ingest import oai, pubmed

    record = "<record><metadata><dc><description><![CDATA[a\n<record>\nb]]></description></dc></metadata></record>\n"
    oai_source = _CountedSource("<OAI-PMH><ListRecords>\n<!-- <record>\n -->\n" + record * 300 + "</ListRecords>")
    lines = [line for line, _ in oai._records(oai_source)]
    assert lines == [4 + 3 * n for n in range(300)]
    assert oai_source.looked <= len(oai_source)
    article = "<PubmedArticle>\n<!-- <PubmedArticle> -->\n<AbstractText><![CDATA[<PubmedArticle>]]></AbstractText>\n"
    pubmed_source = _CountedSource("<PubmedArticleSet>\n" + (article + "</PubmedArticle>\n") * 300)
    lines = [line for line, _ in pubmed._xml_articles(pubmed_source)]
    assert lines == [2 + 4 * n for n in range(300)]
    assert pubmed_source.looked <= len(pubmed_source)


# ---------------------------------------------------------------- QA (a new user): Zotero's text symbols, BibTeX names


def test_zoteros_escaped_symbols_and_scopus_initials_in_bibtex(tmp_path: Path) -> None:
    """Zotero's BibTeX export writes every ``<`` and ``>`` as ``{\\textless}``/``{\\textgreater}``; pylatexenc
    dropped them ("p < 0.05" read "p 0.05") and wrote ``\\textasciicircum`` as a modifier letter. A comma name with
    run-together initials ("Kingma, D.P.") is given name first as in RIS and CSV."""
    bib = tmp_path / "zotero.bib"
    bib.write_text(
        "@article{t,\n"
        "  title = {Effects of temperature {\\textgreater} 40 {\\textdegree}{C} on {IL}-6},\n"
        "  abstract = {Samples with p {\\textless} 0.05 and n {\\textgreater} 30 were kept; ratio a{\\textbar}b;"
        " T{\\textasciicircum}2; {\\textperiodcentered} item; x{\\textunderscore}1.},\n"
        "  author = {Kingma, D.P. and Ba, J. and Li, Wu and Geoffrey E. Hinton},\n"
        "  year = {2020},\n}\n",
        encoding="utf-8",
    )
    [paper] = read_corpus([str(bib)]).papers
    assert paper.title == "Effects of temperature > 40 °C on IL-6"
    assert paper.abstract == "Samples with p < 0.05 and n > 30 were kept; ratio a|b; T^2; · item; x_1."
    assert paper.authors == ("D. P. Kingma", "J. Ba", "Wu Li", "Geoffrey E. Hinton")


def test_a_rule_above_a_reading_list_or_records_is_no_front_matter(tmp_path: Path) -> None:
    """QA: a reading list that opens with a ``---`` rule, then ``# Papers to read`` and 40 papers, lost them all as
    front matter down to a rule 230 lines below; records between ``---`` separators lost the first (of 3, of 61)
    without a word. Front matter opens with a ``name:`` field; a block holding an ``Abstract:`` is a record."""
    from sitegen.pipeline import read_corpus

    entries = [
        f"## Paper {n}\n\n### Abstract\n\nAbstract {n} about analytical engines and Bernoulli numbers.\n"
        for n in range(40)
    ]
    (tmp_path / "list.md").write_text(
        "---\n\n# Papers to read\n\n" + "\n".join(entries) + "\n---\n\n## Paper 40\n\n"
        "### Abstract\n\nAbstract 40 about analytical engines and Bernoulli numbers.\n"
    )
    records = [
        f"Title: Record {n}\nAbstract: Abstract {n} about universal machines and computable numbers.\n---\n"
        for n in range(3)
    ]
    (tmp_path / "records.txt").write_text("---\n" + "".join(records))
    corpus = read_corpus([str(tmp_path)])
    assert sorted(p.title for p in corpus.papers) == sorted(
        [f"Paper {n}" for n in range(41)] + [f"Record {n}" for n in range(3)]
    )
    assert corpus.problems == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Authors: Kingma, D.P.", ["D. P. Kingma"]),  # labelled
        ("Authors: Kingma, D.P., Ba, J.L.", ["D. P. Kingma", "J. L. Ba"]),
        ("Authors: Li, Wu", ["Wu Li"]),
    ],
)
def test_run_together_initials_are_given_name_first_from_any_reader(
    tmp_path: Path, written: str, shown: list[str]
) -> None:
    """QA: "Kingma, D.P." was "D. P. Kingma" from BibTeX, RIS and CSV but stayed as written from the labelled and
    Markdown notes readers and OAI-PMH's dc:creator; ``enrich.display_name`` spaces such initials for every reader."""
    from sitegen.enrich import display_name
    from sitegen.pipeline import read_corpus

    (tmp_path / "notes.txt").write_text(f"Title: Adam\n{written}\nAbstract: A method for stochastic optimization.\n")
    [paper] = read_corpus([str(tmp_path)]).papers
    assert list(paper.authors) == shown
    assert display_name("Kingma, D.P.") == "D. P. Kingma" and display_name("Kingma D.P.") == "Kingma D.P."


# ---------------------------------------------------------------- venue and publication type


@pytest.mark.parametrize(
    ("name", "read"),
    [
        (
            "venue_pubmed.xml",  # Journal/Title (spaces normalised), else ISOAbbreviation; the most notable type
            [
                (
                    "Statins for the primary prevention of cardiovascular disease",
                    "The Cochrane database of systematic reviews",
                    "Meta-analysis",
                ),
                ("Correction: Statins for the primary prevention of cardiovascular disease", "BMJ", "Erratum"),
                ("Ileal-lymphoid-nodular hyperplasia in children", "Lancet (London, England)", "Retracted"),
                ("A plain journal article", "Nature", None),
            ],
        ),
        (
            "venue_medline.nbib",  # JT, else TA; PT
            [
                (
                    "Tocilizumab in patients admitted to hospital with COVID-19 (RECOVERY): a randomised, controlled, "
                    "open-label, platform trial",
                    "Lancet (London, England)",
                    "Randomized controlled trial",
                ),
                (
                    "Retraction: Hydroxychloroquine or chloroquine with or without a macrolide",
                    "Lancet",
                    "Retraction notice",
                ),
                ("A letter without a journal name", None, "Letter"),
            ],
        ),
        (
            "venue.ris",  # a journal's tags for JOUR, T2 for CONF, none of a chapter's book; TY, Scopus's M3
            [
                ("Deep learning for chest radiographs", "Radiology", None),
                ("Attention over chest radiographs", "Proceedings of MICCAI 2021", "Conference paper"),
                (
                    "Chest radiograph attention: a meeting abstract",
                    "European Respiratory Journal",
                    "Conference abstract",
                ),
                ("Radiographs in a book chapter", None, None),
                ("A Scopus review", "European Radiology", "Review"),
            ],
        ),
        (
            "venue.bib",  # journal, journaltitle, booktitle; @inproceedings in any case
            [
                ("Deep Learning in Radiology", "Nature Reviews Cancer", None),
                ("Attention Is All You Need", "Advances in Neural Information Processing Systems", "Conference paper"),
                ("A BibLaTeX Conference Paper", "Journal of Machine Learning Research", "Conference paper"),
                ("A Note on Nothing", None, None),
            ],
        ),
        (
            "venue_scopus.csv",  # Source title (not Source: "Scopus"), Document Type
            [
                ("A Scopus Review of Statins", "The Lancet", "Review"),
                ("Erratum: Statin Trials", "The Lancet", "Erratum"),
                ("Statins at a Conference", "Proceedings of the Cardiology Congress", "Conference paper"),
                ("A Plain Article", "Heart", None),
            ],
        ),
        (
            "venue_wos.txt",  # SO over two lines, DT of one or two types
            [
                ("Statins in the elderly", "JOURNAL OF THE AMERICAN COLLEGE OF CARDIOLOGY", "Conference abstract"),
                (
                    "Statins in the elderly, a proceedings paper",
                    "PROCEEDINGS OF THE CARDIOLOGY CONGRESS",
                    "Conference paper",
                ),
                ("Correction to statins in the elderly", "CIRCULATION", "Erratum"),
            ],
        ),
        (
            "venue_apis.jsonl",  # OpenAlex, Semantic Scholar, Europe PMC, CSL JSON, Crossref, arXiv's snapshot
            [
                ("An OpenAlex review", "Nature Reviews Cardiology", "Review"),
                ("An OpenAlex retracted article", None, "Retracted"),
                ("A Semantic Scholar paper", "Journal of Clinical Oncology", "Meta-analysis"),
                ("A Europe PMC preprint", "medRxiv", "Preprint"),
                ("A CSL JSON conference paper", "Proceedings of ACL", "Conference paper"),
                ("A Crossref posted preprint", None, "Preprint"),
                ("An arXiv paper that appeared", "Phys. Rev. D 103 (2021) 012345", None),
                ("An arXiv paper that did not", None, None),  # arXiv is not said to be a preprint: never guessed
            ],
        ),
        (
            "venue_pubmed_abstract.txt",  # the citation's journal; "Retraction in" / "Retraction of" notices
            [
                ("Cardiovascular Disease, Drug Therapy, and Mortality in Covid-19", "N Engl J Med", "Retracted"),
                (
                    "Retraction: Cardiovascular Disease, Drug Therapy, and Mortality in Covid-19",
                    "N Engl J Med",
                    "Retraction notice",
                ),
            ],
        ),
        ("venue_feed.atom", [("An arXiv API entry that appeared", "Nature Physics 17, 1 (2021)", None)]),
    ],
)
def test_each_export_gives_its_venue_and_notable_publication_type(
    monkeypatch: pytest.MonkeyPatch, name: str, read: list[tuple[str, str | None, str | None]]
) -> None:
    """Screeners could not tell a conference abstract from its paper, an erratum from its original, nor which journal a
    paper is in: every export that says so gives them."""
    corpus, _ = read_exports(monkeypatch, [name])
    assert corpus.problems == []
    assert [(p.title, p.venue, p.publication_type) for p in sorted(corpus.papers, key=lambda p: p.sources)] == read


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (["Journal Article"], None),
        (["Journal Article", "Review", "Systematic Review", "Meta-Analysis"], "Meta-analysis"),
        (["Randomized Controlled Trial", "Retracted Publication"], "Retracted"),  # the retraction, whatever else
        (["Clinical Trial, Phase III", "Journal Article"], "Clinical trial"),
        (["Case Reports", "Review"], "Case report"),
        (["Article; Proceedings Paper"], "Conference paper"),  # Web of Science's DT
        (["Article; Early Access"], None),
        (["meta-analysis"], "Meta-analysis"),  # case, hyphens and spaces aside
        (["Conference abstract"], "Conference abstract"),  # sitegen's own output reads back
        (["Clinical Trial Protocol", "Research Support, Non-U.S. Gov't", None, 3], None),
    ],
)
def test_publication_types_are_read_into_a_small_vocabulary(names: list[object], kind: str | None) -> None:
    from sitegen.ingest.kinds import publication_type

    assert publication_type(names) == kind


def test_parse_output_reads_back_with_its_venue_and_type(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus, _ = read_exports(monkeypatch, ["venue_medline.nbib", "venue.bib"])
    dump = tmp_path / "parsed.jsonl"
    dump.write_text("".join(json.dumps(p.to_json()) + "\n" for p in corpus.papers), encoding="utf-8")
    again = read_corpus([str(dump)])
    assert [(p.venue, p.publication_type) for p in again.papers] == [
        (p.venue, p.publication_type) for p in corpus.papers
    ]


def _merged_typed_each_way(copies: list[Paper]) -> list[tuple[str | None, str | None]]:
    """(venue, publication type) of each merged paper, checked to be the same in every order of the files."""
    import itertools

    from sitegen.dedupe import dedupe

    results = []
    for names in itertools.permutations(f"{i}.x" for i in range(len(copies))):
        renamed = [replace(p, sources=(Source(n, 1),)) for p, n in zip(copies, names, strict=True)]
        results.append(sorted((p.venue or "", p.publication_type or "") for p in dedupe(renamed)[0]))
    assert all(r == results[0] for r in results), "the merge depends on the files' names"
    return [(p.venue, p.publication_type) for p in dedupe(copies)[0]]


def test_merged_copies_keep_one_venue_and_the_most_notable_type_in_any_file_order() -> None:
    """A retraction any database records is kept; the venue as most copies write it, not in capitals only, then the
    longest; a preprint merged with its journal version is the journal's paper, not a "Preprint"."""
    text = "Statins lowered cardiovascular events in people over eighty years of age in this cohort." + _LONG
    copies = [
        _copy("pubmed", "Statins over eighty", text, venue="Lancet (London, England)"),
        _copy("scopus", "Statins over eighty", text, venue="The Lancet", publication_type="Retracted"),
        _copy("wos", "Statins over eighty", text, venue="LANCET"),
        _copy("medline", "Statins over eighty", text, venue="Lancet (London, England)", publication_type="Review"),
    ]
    assert _merged_typed_each_way(copies) == [("Lancet (London, England)", "Retracted")]
    preprint = [
        _copy("openalex", "Statins over eighty", text, venue="medRxiv", publication_type="Preprint"),
        _copy("pubmed", "Statins over eighty", text, venue="Heart"),
    ]
    assert _merged_typed_each_way(preprint) == [("Heart", None)]
    alone = [preprint[0], _copy("arxiv", "Statins over eighty", text)]  # no journal version: still a preprint
    assert _merged_typed_each_way(alone) == [("medRxiv", "Preprint")]
    # QA: a venue naming a preprint server, on a copy no reader typed a preprint (Google Scholar's BibTeX, OpenAlex's
    # "article" from arXiv), was the merged venue beside the journal's, being longer, and hid the "Preprint" type.
    servers = [
        _copy("pubmed", "Statins over eighty", text, venue="Nature medicine"),
        _copy("scholar", "Statins over eighty", text, venue="arXiv preprint arXiv:2109.00001"),
        _copy("openalex", "Statins over eighty", text, venue="arXiv (Cornell University)"),
    ]
    assert _merged_typed_each_way(servers) == [("Nature medicine", None)]
    posted = [servers[1], _copy("openalex", "Statins over eighty", text, venue="medRxiv", publication_type="Preprint")]
    assert _merged_typed_each_way(posted) == [("arXiv preprint arXiv:2109.00001", "Preprint")]


def test_an_erratum_and_its_original_under_one_title_stay_two_papers() -> None:
    """Copies that differ in their publication type are merged or kept apart as before: an erratum's text is not its
    original's, so the two stay two papers, each with its type."""
    from sitegen.dedupe import dedupe

    original = "Statins lowered cardiovascular events in people over eighty years of age in this cohort." + _LONG
    erratum = "In this article the second table gave the number of patients wrongly; it has been corrected."
    copies = [
        _copy("a.xml", "Statins over eighty", original, venue="Heart"),
        _copy("b.xml", "Statins over eighty", erratum, venue="Heart", publication_type="Erratum"),
    ]
    assert sorted((p.publication_type or "", len(p.sources)) for p in dedupe(copies)[0]) == [("", 1), ("Erratum", 1)]


def test_character_references_in_a_venue_are_read(tmp_path: Path) -> None:
    """QA: Crossref's ``"container-title": ["Science &amp; Society"]`` was shown as "Science &amp; Society" (the page
    escaped it once more): a value with character references and no tag was taken as it was written."""
    from sitegen.pipeline import read_corpus

    row = {
        "title": ["Statins &amp; the elderly"],
        "abstract": "A cohort of people over eighty years of age took statins; we report their outcomes here.",
        "type": "journal-article",
        "container-title": ["Science &amp; Society"],
    }
    (tmp_path / "crossref.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    [paper] = read_corpus([tmp_path / "crossref.jsonl"]).papers
    assert (paper.title, paper.venue) == ("Statins & the elderly", "Science & Society")

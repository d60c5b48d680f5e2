"""Ingest fixtures: each input file under fixtures/ingest is a case with its expected records and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.pipeline import Corpus, read_corpus
from sitegen.records import Paper
from tests.conftest import FIXTURES, assert_golden

CASES = FIXTURES / "ingest"
INPUTS = sorted(p.name for p in CASES.iterdir() if not p.name.endswith(".expected.json"))


def read_cases(monkeypatch: pytest.MonkeyPatch, names: list[str]) -> tuple[Corpus, dict[str | None, Paper]]:
    """The corpus of fixture files (read from the fixture folder) and its papers by title."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus(names)
    return corpus, {p.title: p for p in corpus.papers}


@pytest.mark.parametrize("name", INPUTS)
def test_fixture(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    corpus = read_corpus([name])
    actual = {
        "papers": [p.to_json() for p in sorted(corpus.papers, key=lambda p: p.sources)],
        "problems": [str(p) for p in corpus.problems],
    }
    assert_golden(CASES / f"{Path(name).stem}.expected.json", actual)


def test_glued_subscribe_is_stripped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    titles = [p.title for p in read_corpus(["glued_subscribe.txt"]).papers]
    assert "Tracking the Feature Dynamics in LLM Training: A Mechanistic Study" in titles
    assert not any(t and t.startswith("Subscribe") for t in titles)


def test_spaced_layout_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    by_title = {p.title: p for p in read_corpus(["spaced_upvotes.txt"]).papers}
    dual = by_title[
        "Dual Process Learning: Controlling Use of In-Context vs. In-Weights Strategies with Weight Forgetting"
    ]
    assert (dual.authors_count, dual.date, dual.upvotes) == (4, "2024-05-28", None)
    orca = by_title["Orca: Progressive Learning from Complex Explanation Traces of GPT-4"]
    assert (orca.authors_count, orca.date, orca.upvotes) == (6, "2023-06-05", 18)


def test_duplicates_across_files_keep_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["duplicate_across_files"])
    quine = next(p for p in corpus.papers if p.title == "Neural Network Quine")
    assert [str(s) for s in quine.sources] == ["duplicate_across_files/a.txt:3", "duplicate_across_files/b.txt:3"]
    assert (quine.date, quine.upvotes, quine.authors_count) == ("2018-03-15", 2, 1)
    assert (corpus.tally.records, corpus.tally.merged, len(corpus.papers)) == (4, 1, 3)


def test_near_duplicate_pair_stays_two_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    papers = read_corpus(["near_duplicate_pair.txt"]).papers
    assert len(papers) == 2 and len({p.id for p in papers}) == 2


REPORT = "Annual report of the cancer registry"


def test_papers_sharing_a_title_with_different_identifiers_stay_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: a yearly report under one title, two DOIs, was one paper (the 2020 abstract, the 2019 date, both DOIs);
    two PubMed ids or arXiv ids as well. One DOI in common, or an arXiv page beside its arXiv DOI, is one paper."""
    abstract = "The registry recorded {} new cases of cancer in the region during the year {}, and survival rose."
    ris = "".join(
        f"TY  - JOUR\nTI  - {REPORT}\nPY  - {year}\nDO  - 10.1000/reg.{year}\n"
        f"AB  - {abstract.format(n, year)}\nER  -\n\n"
        for n, year in ((1204, 2019), (1311, 2020))
    )
    (tmp_path / "reports.ris").write_text(ris)
    same = {"title": REPORT, "abstract": abstract.format(1204, 2019), "doi": "https://doi.org/10.1000/REG.2019"}
    (tmp_path / "again.jsonl").write_text(json.dumps(same) + "\n")
    arxiv = [
        {
            "title": "Sparse Probes",
            "abstract": "We probe sparse features.",
            "url": "https://arxiv.org/abs/2401.00001v2",
        },
        {"title": "Sparse Probes", "abstract": "We probe sparse features.", "doi": "10.48550/arXiv.2401.00001"},
        {"title": "Sparse Probes", "abstract": "We probe sparse features!", "url": "https://arxiv.org/abs/2402.00002"},
    ]
    (tmp_path / "arxiv.jsonl").write_text("".join(json.dumps(r) + "\n" for r in arxiv))
    monkeypatch.chdir(tmp_path)
    papers = read_corpus(["."]).papers
    reports = sorted((p.date, len(p.sources), p.links) for p in papers if p.title == REPORT)
    assert reports == [
        ("2019", 2, ("https://doi.org/10.1000/REG.2019",)),  # as its first source writes it; DOIs ignore case
        ("2020", 1, ("https://doi.org/10.1000/reg.2020",)),
    ]
    probes = sorted(len(p.sources) for p in papers if p.title == "Sparse Probes")
    assert probes == [1, 2]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://doi.org/10.1101/2021.03.04.433000v2", "https://doi.org/10.1038/s41586-021-03819-2"),  # bioRxiv
        ("https://doi.org/10.1002%2F%28SICI%29abc", "https://doi.org/10.1002/(SICI)abc/"),  # escaped, a slash
        ("https://doi.org/10.1038/s41586-021-03819-2.", "https://doi.org/10.1038/s41586-021-03819-2"),
        ("https://arxiv.org/abs/arXiv:2101.00001", "http://arxiv.org/abs/2101.00001v3"),
        ("https://doi.org/10.48550/arXiv.hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001v1"),
    ],
)
def test_copies_whose_identifiers_are_one_paper_still_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    """QA: a preprint's DOI beside the journal's, and one identifier written two ways, split one paper in two."""
    rows = [{"title": "Folding", "abstract": "We predict protein structures.", "url": url} for url in (first, second)]
    (tmp_path / "two.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.chdir(tmp_path)
    assert len(read_corpus(["two.jsonl"]).papers) == 1


def test_an_untitled_copy_joins_the_titled_one_and_untitled_look_alikes_stay_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: the same abstract from a file of "Abstract:" lines and from a titled export made two pages, one under a
    title made from the abstract; titles of punctuation alone ("???", "!!!") merged two different papers."""
    abstract = "We show that sparse autoencoders recover monosemantic features in small transformers."
    (tmp_path / "untitled.txt").write_text(f"Abstract: {abstract}\n")
    (tmp_path / "titled.jsonl").write_text(json.dumps({"title": "Sparse Features", "abstract": abstract}) + "\n")
    rows = [
        {"title": "???", "abstract": "A study of question marks in titles of papers and how readers take them."},
        {"title": "!!!", "abstract": "A study of exclamation marks in titles of papers and how readers take them."},
    ]
    (tmp_path / "marks.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["."])
    joined = [p for p in corpus.papers if p.abstract == abstract]
    assert [(p.title, [str(s) for s in p.sources]) for p in joined] == [
        ("Sparse Features", ["titled.jsonl:1", "untitled.txt:1"])
    ]
    assert sorted(p.title for p in corpus.papers if p.title in ("???", "!!!")) == ["!!!", "???"]
    assert (corpus.tally.records, corpus.tally.merged, len(corpus.papers)) == (4, 1, 3)


def test_url_artefacts_are_cleaned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    papers = sorted(read_corpus(["url_artefacts.txt"]).papers, key=lambda p: p.sources)
    links = [link for p in papers for link in p.links]
    assert links == [
        "https://github.com/HCPLab-SYSU/SKT",
        "https://github.com/chansongoal/FCM-LM/tree/master",
        "https://github.com/nik-dim/sequel",
        "https://aka.ms/orca-lm",
        "https://github.com/a/flan_nas",
    ]


def test_untitled_abstracts_get_readable_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    papers = read_corpus(["untitled_abstracts.txt"]).papers
    titles = sorted(p.title or "" for p in papers)
    assert all(p.title_synthesized for p in papers)
    assert "KoopGen: a generator-based neural Koopman framework that models dynamics" in titles
    assert "DuMeta++: a dual meta-learning framework that operates without paired longitudinal data" in titles
    assert all(len(t.split()) <= 12 for t in titles)


def test_bibtex_export_metadata_latex_and_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference-manager export: LaTeX decoded (math kept for KaTeX), dates as precise as the entry, links."""
    _, by_title = read_cases(monkeypatch, ["zotero_export.bib"])
    cafe = by_title["Café Kernels: BERT-style Pre-training for Fast $O(n^{2})$ Attention"]
    assert cafe.abstract.startswith("We study attention with $O(n^{2})$ cost and cut it by 50% with kernel")
    assert (cafe.authors_count, cafe.date, cafe.links) == (1, "2023-11", ("https://github.com/example/cafe-kernels",))
    mech = by_title["Mechanistic Permutability: Match Features Across Layers"]
    assert (mech.authors_count, mech.date) == (3, "2025-05")  # month = may, a BibTeX macro
    temporal = by_title["Temporal Generalization Estimation in Evolving Graphs"]
    assert temporal.authors_count is None  # "and others": the count is not known
    assert temporal.date == "2024-05-28"
    assert temporal.links == ("https://arxiv.org/abs/2404.04969",)  # its DOI names that page
    # A bare % is per cent, not a LaTeX comment that would cut the abstract short.
    assert temporal.abstract.endswith("MAPE deteriorates from 2.19% to 8.00% without reconstruction.")


def test_bibtex_bare_ampersand_and_per_cent_are_text_outside_math() -> None:
    from sitegen.ingest.bibtex import _DecodeLatex

    decode = _DecodeLatex().decode
    assert decode(r"R&D -- 50% \emph{more}") == "R&D \u2013 50% more"  # not "R   D" (a table column) nor cut at %
    assert decode(r"{BERT}~is --- good") == "BERT\u00a0is — good"  # no command: decoded without pylatexenc
    assert decode(r"$a & b$ and \$5") == "$a & b$ and $5"  # math is kept as written


def test_bibtex_problems_name_the_entry_line_and_the_rest_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["zotero_export.bib"])
    assert [str(p) for p in corpus.problems] == [
        "zotero_export.bib:33: BibTeX entry without an abstract, skipped (goodfellow2016deep)",
        "zotero_export.bib:40: not a valid BibTeX entry, skipped (Unexpected block start: `@misc`. Was still "
        "looking for field-value closing `}`)",
    ]
    titles = {p.title for p in corpus.papers}
    assert {"Read Although the Entry Above Is Broken", "Same Key, Another Paper"} <= titles  # after it; same key
    assert (corpus.tally.records, corpus.tally.skipped, len(corpus.papers)) == (7, 2, 5)


def test_bibtex_values_joined_with_hash_are_concatenated(monkeypatch: pytest.MonkeyPatch) -> None:
    """``"Prefix " # ml # " suffix"``: quoted, braced, numeric parts and @string macros (one defined with another)
    joined; a macro no @string defines is read as its name and reported with the field's line."""
    corpus, by_title = read_cases(monkeypatch, ["bibtex_concatenation.bib"])
    concat = by_title["Quoted Machine Learning"]
    assert concat.abstract == "Prefix Machine Learning suffix with enough words to be an abstract of a paper."
    nested = by_title["Machine Learning Systems: BERT on a Budget"]
    assert (
        nested.abstract
        == "Braced and quoted parts, Machine Learning Systems and a number: 42, joined into one abstract."
    )
    assert nested.date == "2023-05"  # month = may, a macro every style defines
    assert "An abstract that uses a macro undefinedmacro which" in by_title["A Title Naming nomacro"].abstract
    assert by_title["A Title Naming nomacro"].venue == "jmlr"
    assert [str(p) for p in corpus.problems] == [  # journal = jmlr is reported: it is the paper's venue
        "bibtex_concatenation.bib:19: undefined BibTeX macro 'nomacro' in title (no @string defines it), "
        "read as its name (undefined)",
        "bibtex_concatenation.bib:20: undefined BibTeX macro 'jmlr' in journal (no @string defines it), "
        "read as its name (undefined)",
        "bibtex_concatenation.bib:21: undefined BibTeX macro 'undefinedmacro' in abstract (no @string defines it), "
        "read as its name (undefined)",
    ]


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ('"a" # ml # {b {c}}', [(False, "a"), (True, "ml"), (False, "b {c}")]),
        ("2024 # jan", [(False, "2024"), (True, "jan")]),
        ('{a "quote" inside} # "and \\" escaped"', [(False, 'a "quote" inside'), (False, 'and \\" escaped')]),
        ("foo bar", None),
        ('"unclosed # ml', None),
        ("ml #", None),
    ],
)
def test_bibtex_value_parts(value: str, parts: list[tuple[bool, str]] | None) -> None:
    from sitegen.ingest.bibtex import value_parts

    assert value_parts(value) == parts


@pytest.mark.parametrize(
    ("export", "title", "authors", "links"),
    [
        (
            "zotero_export.bib",
            "Mechanistic Permutability: Match Features Across Layers",
            3,
            ("https://openreview.net/forum?id=MDvecs7EvO",),
        ),
        (
            "arxiv_daily.xml",
            "Grokking as the Transition from Lazy to Rich Training Dynamics",
            4,
            ("https://arxiv.org/abs/2310.06110",),
        ),
    ],
)
def test_the_same_paper_in_a_listing_and_an_export_is_merged(
    monkeypatch: pytest.MonkeyPatch, export: str, title: str, authors: int, links: tuple[str, ...]
) -> None:
    """The listing gives upvotes and dates, the export (BibTeX, an arXiv feed) the authors and links: one paper."""
    monkeypatch.chdir(CASES.parents[2])
    corpus = read_corpus(["seeds/001_407d50b71459219c.txt", str(CASES / export)])
    same = [p for p in corpus.papers if p.title == title]
    assert len(same) == 1
    assert [Path(s.file).name for s in same[0].sources] == ["001_407d50b71459219c.txt", export]
    assert (same[0].authors_count, same[0].links) == (authors, links)
    assert len(same[0].authors) == authors  # the names, from the export, agree with the listing's count


def test_json_from_apis_and_dumps_becomes_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenAlex, Semantic Scholar and Crossref API pages and Zotero's CSL JSON (JSON documents) and arXiv's metadata
    snapshot (JSON Lines): each record with its line, abstract, authors, date and links; records without an abstract
    reported."""
    names = [
        "openalex_works.json",
        "semantic_scholar.json",
        "crossref_works.json",
        "arxiv_snapshot.jsonl",
        "zotero_csl.json",
    ]
    corpus, by_title = read_cases(monkeypatch, names)
    grok = by_title["Grokking in small transformers is a phase transition"]  # OpenAlex: an inverted index
    assert grok.abstract == (
        "Small transformers trained on modular arithmetic generalise long after they fit. "
        "We show that the change is a phase transition."
    )
    assert (grok.authors_count, grok.date, grok.links) == (2, "2024-05-28", ("https://doi.org/10.1000/example.0001",))
    assert str(grok.sources[0]) == "openalex_works.json:4"
    assert grok.authors == ("Ada Lovelace", "Alan Turing")  # authorships[].author.display_name
    lottery = by_title["Lottery tickets without backpropagation"]  # Semantic Scholar
    assert (lottery.authors_count, lottery.date) == (3, "2024-05-01")
    assert "https://arxiv.org/abs/2405.00001" in lottery.links
    sparse = by_title["Continual learning with sparse dictionaries"]  # Crossref: title list, JATS, date-parts
    assert sparse.abstract.startswith("Networks forget old tasks") and "p < 0.05" in sparse.abstract
    assert (sparse.authors_count, sparse.date) == (2, "2025-03")
    kumar = by_title["Grokking as the Transition from Lazy to Rich Training Dynamics"]  # arXiv snapshot
    assert (kumar.authors_count, kumar.date) == (4, "2023-10-09")  # "A, B, C and D"; the first version's day
    assert kumar.links == ("https://arxiv.org/abs/2310.06110",)
    assert by_title["An old-style arXiv identifier"].links[0] == "https://arxiv.org/abs/hep-th/9901001"
    quine = by_title["Neural network quines"]  # Zotero's CSL JSON: the year of its date-parts as text
    assert (quine.authors, quine.date) == (("Oscar Chang", "Hod Lipson"), "2018-03-15")  # given and family
    assert [str(p) for p in corpus.problems] == [
        "openalex_works.json:21: no 'abstract' text, skipped",
        "semantic_scholar.json:3: no 'abstract' text, skipped",
    ]


def test_a_json_document_cut_short_keeps_the_records_before_the_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, by_title = read_cases(monkeypatch, ["truncated_array.json"])
    assert sorted(t for t in by_title if t) == ["First of three", "Second of three"]
    assert [str(p) for p in corpus.problems] == [
        "truncated_array.json:4: not valid JSON (Unterminated string starting at column 43); the rest of the file "
        "skipped"
    ]
    assert (corpus.tally.records, corpus.tally.skipped) == (3, 1)


def test_parse_output_reads_back_as_the_same_papers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``sitegen parse`` writes JSON Lines that sitegen reads back with every field but the sources."""
    corpus, _ = read_cases(monkeypatch, ["zotero_export.bib", "arxiv_daily.xml"])
    dump = tmp_path / "papers.jsonl"
    dump.write_text("".join(json.dumps(p.to_json()) + "\n" for p in corpus.papers), encoding="utf-8")
    again = read_corpus([str(dump)])
    fields = ("title", "abstract", "authors_count", "authors", "date", "upvotes", "links")
    assert [[p.to_json()[f] for f in fields] for p in again.papers] == [
        [p.to_json()[f] for f in fields] for p in corpus.papers
    ]


@pytest.mark.parametrize("lines", [["[]"], ["{", '  "results": []', "}"]])
def test_a_json_document_without_records_is_reported(lines: list[str]) -> None:
    from sitegen.ingest import jsonl
    from sitegen.ingest.text import TextFile

    papers, problems = jsonl.read(TextFile("x.json", tuple(lines)))
    assert (papers, [str(p) for p in problems]) == ([], ["x.json:1: JSON document without records, skipped"])


@pytest.mark.parametrize(
    ("lines", "claimed"),
    [
        (['{"title": "T", "abstract": "A"}'], True),
        (["[", '  {"title": "T", "abstract": "A"}', "]"], True),
        (["{", '  "results": []', "}"], True),
        (["{\\rtf1\\ansi\\deff0 {\\fonttbl}", "Some text}"], False),  # RTF
        (["[1] A. Lovelace, Notes, 1843."], False),  # a numbered reference list
    ],
)
def test_json_is_recognised_by_its_opening(lines: list[str], claimed: bool) -> None:
    from sitegen.ingest import jsonl
    from sitegen.ingest.text import TextFile

    assert jsonl.detect(TextFile("x", tuple(lines))) is claimed


def test_arxiv_digest_and_listing_page_become_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """arXiv's e-mail digest (wrapped title and authors, date, DOI) and a copied /list page; replacements, listed
    without an abstract, are reported."""
    corpus, by_title = read_cases(monkeypatch, ["arxiv_digest.txt", "arxiv_list_page.txt"])
    grok = by_title["Grokking as the Transition from Lazy to Rich Training Dynamics, Revisited at Scale"]
    assert grok.abstract.startswith("We propose that the grokking phenomenon, where the train loss of a neural network")
    assert grok.abstract.endswith("and we test it at scale.")
    assert (grok.authors_count, grok.date, grok.links) == (4, "2026-11-19", ("https://arxiv.org/abs/2611.00001",))
    assert grok.authors[-1] == "Grace Hopper"  # "Grace" and "Hopper" on two lines of the digest
    pruning = by_title["Pruning at Initialisation Keeps Accuracy at 90% Sparsity"]
    assert pruning.links == ("https://arxiv.org/abs/2611.00002", "https://doi.org/10.1000/example.2611")
    sae = by_title["Sparse Autoencoders Find Features That Transfer Across Layers"]
    assert (sae.authors_count, sae.date, str(sae.sources[0])) == (2, None, "arxiv_list_page.txt:9")
    assert "Replacement submissions" not in by_title["Continual Learning Without Replay"].abstract
    assert [str(p) for p in corpus.problems] == [
        "arxiv_digest.txt:50: arXiv replacement (listed without an abstract), skipped (2301.00003)",
        "arxiv_list_page.txt:21: arXiv replacement (listed without an abstract), skipped (2301.00013)",
    ]


def test_records_of_a_json_document_on_one_line_keep_their_columns(tmp_path: Path) -> None:
    """APIs send JSON on one line: records that share a line are told apart by column (file:line:column)."""
    record = {"title": "Same", "abstract": "The same abstract twice, as an API page may repeat a record."}
    (tmp_path / "page.json").write_text(json.dumps({"results": [record, record]}) + "\n", encoding="utf-8")
    (tmp_path / "pages.jsonl").write_text(json.dumps({"data": [record]}) + "\n" + json.dumps(record) + "\n")
    corpus = read_corpus([str(tmp_path / "page.json"), str(tmp_path / "pages.jsonl")])
    assert [str(s).replace(str(tmp_path) + "/", "") for s in corpus.papers[0].sources] == [
        "page.json:1:14",
        "page.json:1:109",
        "pages.jsonl:1",
        "pages.jsonl:2",
    ]
    assert corpus.papers[0].sources[0].to_json() == {"file": str(tmp_path / "page.json"), "line": 1, "column": 14}


def test_feed_entries_become_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """arXiv's daily RSS and an arXiv API result (Atom): lead-in and HTML dropped, authors, dates, links."""
    corpus, by_title = read_cases(monkeypatch, ["arxiv_daily.xml", "arxiv_api.atom"])
    grok = by_title["Grokking as the Transition from Lazy to Rich Training Dynamics"]
    assert grok.abstract.startswith("We propose that the grokking phenomenon")  # no "arXiv:... Announce Type"
    assert (grok.authors_count, grok.date, grok.links) == (4, "2026-11-23", ("https://arxiv.org/abs/2310.06110",))
    kernel = by_title["Kernel Attention at $O(n)$ Cost & Its Limits"]
    assert kernel.abstract == (
        "We approximate softmax attention with random features at $O(n)$ cost & show where the approximation fails. "
        "Code: https://github.com/example/kernel-attention"
    )
    assert kernel.authors_count == 1  # "Lovelace, A.": one name, surname and initials, not two
    assert "https://doi.org/10.1000/example.2411" in kernel.links
    lottery = by_title["Lottery Tickets in Evolutionary Optimization: On Sparse Backpropagation-Free Trainability"]
    assert (lottery.authors_count, lottery.date) == (2, "2024-05-01")
    assert [str(p) for p in corpus.problems] == [
        "arxiv_daily.xml:35: feed record without an abstract, skipped",
        "arxiv_api.atom:25: not a valid feed record, skipped (mismatched tag)",
    ]


def test_europe_pmc_entities_and_raised_numbers_are_text() -> None:
    """QA round 3: "p &lt; 0.05" showed as written where no tag stood beside it, and "tau<sup>2</sup>" lost its
    square as a citation number."""
    from sitegen.ingest.markup import value_text

    assert value_text("p &lt; 0.05 and diet &amp; exercise") == "p < 0.05 and diet & exercise"
    assert value_text("tau<sup>2</sup> = 0.02, <i>I</i><sup>2</sup> = 40%") == "tau\u00b2 = 0.02, I\u00b2 = 40%"


def test_half_a_character_in_json_is_the_replacement_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the fuzz test: a lone surrogate ("\\ud800", valid JSON, no valid text) in two titles that slug alike
    crashed the ids' hash (UnicodeEncodeError)."""
    rows = ['{"title": "00\\ud800", "abstract": "First."}', '{"title": "00\\udc00", "abstract": "Second."}']
    (tmp_path / "half.jsonl").write_text("\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    papers = read_corpus(["half.jsonl"]).papers
    assert [p.title for p in papers] == ["00\ufffd", "00\ufffd"] and len({p.id for p in papers}) == 2


def test_a_europe_pmc_result_list_with_html_formatting_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: Europe PMC's search results (``resultList.result``) were "no 'abstract' text", and a record's HTML showed
    as tags on the page ("<h4>Background</h4>", "<i>Plasmodium</i>" in the title and its address). Formatting
    alone is read as text; a value with any other tag, or with "<" as a comparison, is kept as written."""
    record = {
        "pmid": "38000001",
        "doi": "10.1000/epmc.1",
        "title": "Malaria vaccines in <i>Plasmodium falciparum</i> infection.",
        "authorString": "Doe J, Roe R.",
        "firstPublicationDate": "2023-11-15",
        "abstractText": "<h4>Background</h4>Malaria kills children.<h4>Methods</h4>We gave 10<sup>6</sup> doses"
        " to 400 children &amp; followed them.",
    }
    kept = [
        {"title": "Tags <b onclick=x>with attributes</b> stay", "abstract": "Shown as written."},
        {"title": "Comparisons stay", "abstract": "Effects with p < 0.05 and <i>n</i> > 3 were kept."},
    ]
    envelope = {"version": "6.9", "hitCount": 1, "resultList": {"result": [record, *kept]}}
    (tmp_path / "epmc.json").write_text(json.dumps(envelope))
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["epmc.json"])
    first, *others = sorted(corpus.papers, key=lambda p: p.sources)
    assert (first.title, first.abstract) == (
        "Malaria vaccines in Plasmodium falciparum infection",  # without PubMed's full stop, as MEDLINE's (QA)
        "Background: Malaria kills children. Methods: We gave 10\u2076 doses to 400 children & followed them.",
    )
    assert (first.authors, first.date) == (("J. Doe", "R. Roe"), "2023-11-15")  # PubMed-style names turned, no stop
    assert first.links == ("https://pubmed.ncbi.nlm.nih.gov/38000001/", "https://doi.org/10.1000/epmc.1")
    assert [(p.title, p.abstract) for p in others] == [
        (kept[0]["title"], kept[0]["abstract"]),
        ("Comparisons stay", "Effects with p < 0.05 and n > 3 were kept."),  # the formatting goes, "<" and ">" stay
    ]


def test_a_feed_entry_read_leniently_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: an entry whose title closed with the wrong tag lost its title to one made from the abstract, without a
    word (and --strict passed): feedparser's lenient parser read it. Now it is read and said."""
    items = [
        "<item><title>Good</title><description>We propose a method for graphs at scale.</description></item>",
        "<item><title>Broken</description><description>We study gradient descent in wide nets.</description></item>",
    ]
    rss = (
        '<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</title>\n'
        + "\n".join(items)
        + "\n</channel></rss>\n"
    )
    (tmp_path / "feed.xml").write_text(rss)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["feed.xml"])
    assert len(corpus.papers) == 2
    assert [str(p) for p in corpus.problems] == [
        "feed.xml:5: feed record is not well-formed XML (mismatched tag); read as far as it goes, check it"
    ]


def test_journal_feeds_citations_are_not_abstracts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nature's, ScienceDirect's and PubMed's feeds put a citation in a paragraph of its own: it is dropped from the
    abstract (its DOI kept as a link), and an entry with nothing else is reported, saying what it holds."""
    corpus, by_title = read_cases(monkeypatch, ["nature_feed.rdf", "sciencedirect_feed.xml", "pubmed_feed.xml"])
    sleep = by_title["Place-cell remapping after sleep deprivation in mice"]
    assert sleep.abstract.startswith("Sleep deprivation impairs")  # no "Eur J Neurosci. ...", no "ABSTRACT"
    assert sleep.abstract.endswith("than after rest.")  # no "PMID: ... | DOI: ..."
    assert sleep.links == ("https://pubmed.ncbi.nlm.nih.gov/41000001/", "https://doi.org/10.1111/ejn.70001")
    qec = by_title["Quantum error correction below the surface-code threshold"]
    assert qec.abstract.startswith("A superconducting processor keeps") and "doi:" not in qec.abstract
    assert (qec.date, qec.authors_count) == ("2026-11-20", 2)
    sparse = by_title["Sparse coding with learned dictionaries for continual learning"]
    assert sparse.abstract.startswith("Networks trained on a sequence of tasks")
    assert (sparse.date, sparse.authors_count) == ("2026-11-23", 2)  # 22:30 -0800 as written, not the UTC day after
    assert [str(p) for p in corpus.problems] == [
        "nature_feed.rdf:22: feed record without an abstract, skipped (only a citation: Nature, Published online: "
        "20 November 2026; doi:10.1038/d41586-026-00002-y)",
        "sciencedirect_feed.xml:14: feed record without an abstract, skipped (only a citation: Publication date: "
        "January 2027 Source: Neural Networks, Volume 185 ...)",
        "pubmed_feed.xml:20: no abstract, skipped ('NO ABSTRACT' stands in its place)",
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Lovelace, Ada", "Ada Lovelace"),  # BibTeX, RIS, MEDLINE (FAU), CSV exports
        ("Lovelace, A. M.", "A. M. Lovelace"),  # bioRxiv
        ("de Gennes, P.-G.", "P.-G. de Gennes"),
        ("von Neumann, John", "John von Neumann"),
        ("King, Jr., Martin Luther", "Martin Luther King, Jr."),  # BibTeX's "von Last, Jr, First"
        ("O'Neil, Cathy", "Cathy O'Neil"),
        ("Müller, Jürgen", "Jürgen Müller"),
        ("Ada Lovelace", "Ada Lovelace"),  # arXiv, feeds, APIs: already so
        ("Lovelace A", "Lovelace A"),  # MEDLINE AU: no comma, left alone
        ("García, M", "M. García"),  # Web of Science AU in a CSV export, as MEDLINE's "García M" (QA)
        ("Lee, JH", "J. H. Lee"),
        ("LI, WEI", "WEI LI"),  # capitals: maybe a given name, not initials
        ("Li, Wu", "Wu Li"),
        ("Google, Inc.", "Google, Inc."),
        ("University of Oxford, Department of Physics", "University of Oxford, Department of Physics"),
        ("Smith, 2020", "Smith, 2020"),
        ("Lovelace, Ada, Turing", "Lovelace, Ada, Turing"),
        ("lovelace, ada", "lovelace, ada"),
        ("RTS,S Clinical Trials Partnership", "RTS,S Clinical Trials Partnership"),  # a group (QA): it was flipped
    ],
)
def test_names_are_shown_given_name_first_when_clearly_a_persons(written: str, shown: str) -> None:
    from sitegen.enrich import display_name

    assert display_name(written) == shown
    assert display_name(shown) == shown  # once is enough: parse output reads back the same


def test_one_person_is_spelled_one_way_across_formats(tmp_path: Path) -> None:
    bib = "@article{a, title={On engines}, author={Lovelace, Ada and Turing, Alan}, abstract={Engines compute.}}"
    (tmp_path / "refs.bib").write_text(bib + "\n")
    (tmp_path / "api.jsonl").write_text(
        json.dumps({"title": "On looms", "abstract": "Looms weave.", "authors": ["Ada Lovelace"]}) + "\n"
    )
    corpus = read_corpus([tmp_path])
    assert sorted(p.authors for p in corpus.papers) == [("Ada Lovelace",), ("Ada Lovelace", "Alan Turing")]


@pytest.mark.parametrize(
    ("creator", "names"),
    [
        ("Ada Lovelace", ["Ada Lovelace"]),
        ("Ada Lovelace, Alan Turing", ["Ada Lovelace", "Alan Turing"]),  # arXiv
        ("Ada Lovelace and Alan Turing", ["Ada Lovelace", "Alan Turing"]),
        ("Lovelace, A.", ["Lovelace, A."]),
        ("Lovelace, A., Turing, A. M., Noether, E.", ["Lovelace, A.", "Turing, A. M.", "Noether, E."]),  # bioRxiv
        ("de Gennes, P.-G., Curie, M", ["de Gennes, P.-G.", "Curie, M"]),
        ("Lovelace, Ada, Turing", []),  # neither way
        ("Lovelace, Turing", []),
        ("Ada Lovelace, Alan Turing, et al.", ["Ada Lovelace", "Alan Turing"]),  # cut short: count unknown
    ],
)
def test_feed_author_names(creator: str, names: list[str]) -> None:
    from sitegen.ingest.feed import author_names

    count = None if "et al" in creator else len(names) or None
    assert author_names([{"name": creator}]) == (names, count)


def test_an_arxiv_digest_entry_whose_authors_end_in_et_al_counts_none(tmp_path: Path) -> None:
    from sitegen.ingest import read_file

    digest = (
        "arXiv:2411.01234\nDate: Mon, 4 Nov 2024 12:00:00 GMT\nTitle: Observation of a new boson\n"
        "Authors: G. Aad, B. Abbott, et al\nCategories: hep-ex\n\\\\\n"
        "  A new boson is observed in the search for the Standard Model Higgs boson at the LHC.\n\\\\\n"
    )
    (tmp_path / "digest.txt").write_text(digest)
    [paper], problems, reader = read_file(tmp_path / "digest.txt")
    assert (reader, paper.authors, paper.authors_count, problems) == (
        "arxiv-listing",
        ("G. Aad", "B. Abbott"),
        None,
        [],
    )


@pytest.mark.parametrize(
    ("entry", "date"),
    [
        ({"published": "Mon, 23 Nov 2026 22:30:00 -0800", "published_parsed": (2026, 11, 24)}, "2026-11-23"),
        ({"published": "Mon, 23 Nov 2026 00:00:00 -0500", "published_parsed": (2026, 11, 23)}, "2026-11-23"),
        ({"updated": "2026-11-23T23:30:00-08:00", "updated_parsed": (2026, 11, 24)}, "2026-11-23"),
        ({"published": "2024-05-01T17:59:58Z", "updated": "2024-05-02T17:59:58Z"}, "2024-05-01"),
        ({"updated": "2026-11-20"}, "2026-11-20"),
        ({"published": "Nov 2026 sometime", "published_parsed": (2026, 11, 2)}, "2026-11-02"),  # feedparser's read
        ({"published": "2026-02-31"}, None),
        ({}, None),
    ],
)
def test_feed_dates_are_the_day_the_feed_wrote(entry: dict[str, object], date: str | None) -> None:
    from sitegen.ingest.feed import entry_date

    assert entry_date(entry) == date


@pytest.mark.parametrize(
    ("lines", "claimed"),
    [
        (['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">'], True),
        (['<?xml version="1.0"?>', "<!-- a comment -->", '<feed xmlns="http://www.w3.org/2005/Atom">'], True),
        (['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'], True),
        (['<?xml version="1.0"?>', "<html><body>An rss page</body></html>"], False),
        (["Feeds for Papers: <rss> in Practice", "We study feeds."], False),
    ],
)
def test_feeds_are_recognised_by_their_root_element(lines: list[str], claimed: bool) -> None:
    from sitegen.ingest import feed
    from sitegen.ingest.text import TextFile

    assert feed.detect(TextFile("x", tuple(lines))) is claimed


@pytest.mark.parametrize(
    ("lines", "claimed"),
    [
        (["% Encoding: UTF-8", "", "@Article{key,", "  title = {T},", "}"], True),
        (["@comment{x}", "@misc(key, abstract = {A})"], True),
        (["Mechanistic Permutability", "We study @article{ in a listing."], False),
        (['{"title": "@article{x,"}'], False),
    ],
)
def test_bibtex_is_recognised_by_its_first_entry(lines: list[str], claimed: bool) -> None:
    from sitegen.ingest import bibtex
    from sitegen.ingest.text import TextFile

    assert bibtex.detect(TextFile("x", tuple(lines))) is claimed


def test_a_bibtex_file_without_entries_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("macros.bib").write_text('% only macros\n@string{iclr = "ICLR"}\n@comment{nothing here}\n')
    corpus = read_corpus(["macros.bib"])
    assert [str(p) for p in corpus.problems] == ["macros.bib:1: no BibTeX entry in the file, skipped"]
    assert corpus.papers == []


def test_csv_export_rows_become_papers_with_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Scopus export: a quoted abstract over three lines is one paper, numbered by the line its row starts on."""
    corpus, by_title = read_cases(monkeypatch, ["scopus_export.csv"])
    llm = by_title["LLM-FE: Automated Feature Engineering for Tabular Data with LLMs as Evolutionary Optimizers"]
    assert (llm.authors_count, llm.date, str(llm.sources[0])) == (3, "2025", "scopus_export.csv:2")
    assert llm.links[1] == "https://doi.org/10.48550/arXiv.2503.14434"
    meerkat = by_title["Feature Representations for Automatic Meerkat Vocalization Classification"]
    assert "\n" not in meerkat.abstract and meerkat.abstract.endswith("automatic meerkat call analysis.")
    # Names from "Author full names" (Scopus ids dropped), shown given name first as other sources give them; one
    # name without ";" is one author there.
    assert llm.authors == ("Nikhil Abhyankar", "Parshin Shojaee", "Chandan K. Reddy")
    assert (meerkat.authors, meerkat.authors_count) == (("Laela Sayigh",), 1)
    sheet = by_title["Spreadsheet Rows Become Papers With Their Metadata"]
    # "Roe R., Poe P." (and "Roe, Richard, Poe, Paul") may be one name or two: no count is guessed.
    assert (sheet.authors_count, sheet.date, sheet.links) == (None, "2024-05", ("https://doi.org/10.1000/sheet.1",))
    assert str(sheet.sources[0]) == "scopus_export.csv:8"
    assert [str(p) for p in corpus.problems] == [
        "scopus_export.csv:6: row without an abstract, skipped",
        "scopus_export.csv:9: no abstract, skipped ('[No abstract available]' stands in its place)",
    ]
    assert "An Editorial Whose Abstract Is a Placeholder" not in by_title


def test_web_of_science_tab_delimited_columns_are_known() -> None:
    from sitegen.ingest import table
    from sitegen.ingest.text import TextFile

    text = TextFile(
        "savedrecs.txt", ("PT\tAU\tTI\tAB\tPY\tDI", "J\tSmith, J; Doe, A\tA Title\tAn abstract.\t2021\t10.1/x")
    )
    assert table.detect(text)
    papers, problems = table.read(text)
    assert problems == []
    [paper] = papers
    assert (paper.title, paper.abstract, paper.authors_count, paper.date) == ("A Title", "An abstract.", 2, "2021")
    assert paper.links == ("https://doi.org/10.1/x",)


def test_csv_unquoted_delimiters_stay_in_a_last_abstract_column_and_are_reported_elsewhere() -> None:
    from sitegen.ingest import table
    from sitegen.ingest.text import TextFile

    papers, problems = table.read(TextFile("a.csv", ("abstract", "We fit, and we test.", '"Quoted, too."')))
    assert ([p.abstract for p in papers], problems) == (["We fit, and we test.", "Quoted, too."], [])
    papers, problems = table.read(TextFile("b.csv", ("id,abstract", "7,We fit, and we test.")))
    assert ([p.abstract for p in papers], problems) == (["We fit, and we test."], [])
    papers, problems = table.read(TextFile("c.csv", ("abstract,year", "We fit, and we test.,2020")))
    assert [p.abstract for p in papers] == ["We fit"]
    assert [str(p) for p in problems] == [
        "c.csv:2: row has 3 cells where the header has 2 (a delimiter outside quotes?); read as the columns fall",
        "c.csv:2: date 'and we test.' not understood, left out (write it 2021-03-04, 2021-03 or 2021)",
    ]


def test_csv_quoted_cell_never_closed_is_reported_and_the_rows_after_it_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """csv would read the unclosed quote on into the next row ("After" vanished into the abstract above it): the row
    is skipped and reported, the next lines read again, and a quoted cell over two lines still works."""
    corpus, by_title = read_cases(monkeypatch, ["csv_unclosed_quote.csv"])
    assert [str(p) for p in corpus.problems] == [
        "csv_unclosed_quote.csv:3: quoted cell never closed, skipped (column 'Abstract'; rows read again from line 4)"
    ]
    assert [(str(p.sources[0]), p.title) for p in sorted(corpus.papers, key=lambda p: p.sources)] == [
        ("csv_unclosed_quote.csv:2", "Good One"),
        ("csv_unclosed_quote.csv:4", "After"),
        ("csv_unclosed_quote.csv:5", "Spanning Lines"),
    ]
    assert by_title["After"].abstract == "This row should still be read."
    assert (
        by_title["Spanning Lines"].abstract
        == "A quoted abstract that spans two lines and is closed where it should be."
    )
    assert (corpus.tally.records, corpus.tally.skipped, corpus.tally.skip_reasons) == (
        4,
        1,
        {"quoted cell never closed": 1},
    )


@pytest.mark.parametrize(
    ("lines", "titles", "problems"),
    [
        (  # cut short inside the last cell: nothing after it to read again
            ("title,abstract", "A,One.", 'B,"cut short'),
            ["A"],
            ["x.csv:3: quoted cell never closed, skipped (column 'abstract'; the file ends inside it)"],
        ),
        (  # no later quote to stop at: csv took in every line to the end
            ("title,abstract", '"B,Two.', "C,Three.", "D,Four."),
            ["C", "D"],
            ["x.csv:2: quoted cell never closed, skipped (column 'title'; rows read again from line 3)"],
        ),
        (  # a quote inside an unquoted cell, and "a"b: text, as csv reads them, not an open quote
            ("title,abstract", 'E,He said "hi".', 'F,"a"b'),
            ["E", "F"],
            [],
        ),
        (  # a quoted cell over lines, with "" inside, closed before the delimiter
            ("title\tabstract", 'G\t"Two ""quoted""', 'lines."', "H\tFive."),
            ["G", "H"],
            [],
        ),
    ],
)
def test_csv_unclosed_quotes_are_told_from_cells_over_lines(
    lines: tuple[str, ...], titles: list[str], problems: list[str]
) -> None:
    from sitegen.ingest import table
    from sitegen.ingest.text import TextFile

    papers, found = table.read(TextFile("x.csv", lines))
    assert ([p.title for p in papers], [str(p) for p in found]) == (titles, problems)


@pytest.mark.parametrize(
    ("lines", "claimed"),
    [
        (["title,abstract", "T,A"], True),
        (["Key;Item Type;Title;Abstract Note", "k;x;T;A"], True),
        (["", "Title\tAbstract"], True),
        (["Abstract, Concrete and Other Art: A Study", "We study art."], False),
        (["Abstract: We study art, and more."], False),
        (["id,abstract", "1,A"], True),
        (["abstract", "A"], True),
        (["Abstract, Concrete Art", "We study art."], False),
        (["Abstract art", "We study art."], False),
    ],
)
def test_csv_is_recognised_by_a_header_naming_an_abstract_column(lines: list[str], claimed: bool) -> None:
    from sitegen.ingest import table
    from sitegen.ingest.text import TextFile

    assert table.detect(TextFile("x", tuple(lines))) is claimed


def test_ris_export_records_become_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """RIS: continuation lines joined, AB or else N2, RIS dates as precise as given, URL and DOI links."""
    corpus, by_title = read_cases(monkeypatch, ["endnote_export.ris"])
    sae = by_title["Tracking the Feature Dynamics in LLM Training: A Mechanistic Study"]
    assert (sae.authors_count, sae.date, str(sae.sources[0])) == (3, "2024-12-23", "endnote_export.ris:1")
    assert sae.links == ("https://arxiv.org/abs/2412.17626",)  # its DOI names that page
    assert "\n" not in sae.abstract and sae.abstract.endswith("training mechanisms and feature evolution.")
    notes = by_title["An Abstract Kept in the Notes Field"]
    assert (notes.authors_count, notes.date, notes.links) == (1, "2023", ())  # Y1 2023///; ftp is no web link
    assert by_title["A Record Cut Off Before Its End Line"].date == "2022-07"
    assert [str(p) for p in corpus.problems] == [
        "endnote_export.ris:22: link 'ftp://example.org/not-a-web-link' is no web address (http or https), left out",
        "endnote_export.ris:30: RIS record without an abstract, skipped",
        "endnote_export.ris:36: record has no closing 'ER  -' line; read to the end of the file",
    ]
    assert (corpus.tally.records, corpus.tally.skipped, len(corpus.papers)) == (4, 1, 3)


def test_ris_records_without_end_lines_end_at_the_next_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand-edited or truncated export whose records lack their ``ER  -`` line: each ``TY`` line starts a record
    (after a blank line or straight after the last), no abstract runs into the next record's, and each unclosed
    record is said with the line it was read up to (it said "read to the end" of records cut at the next one)."""
    corpus, by_title = read_cases(monkeypatch, ["ris_without_end_lines.ris"])
    ends = {str(p.sources[0]): " ".join(p.abstract.split()[-4:]) for p in corpus.papers}
    assert ends == {
        "ris_without_end_lines.ris:1": "read without a word.",
        "ris_without_end_lines.ris:8": "this abstract ends here.",
        "ris_without_end_lines.ris:15": "follows straight after it.",
        "ris_without_end_lines.ris:24": "the file, and reported.",
    }
    assert by_title["Two Records With No Line Between Them"].authors == ("Omar Haddad", "Yuki Sato")
    assert by_title["The Last Record of a Truncated Export"].date == "2024"
    unclosed = "record has no closing 'ER  -' line"
    assert [str(p) for p in corpus.problems] == [
        f"ris_without_end_lines.ris:8: {unclosed}; read up to the next record (line 15)",
        f"ris_without_end_lines.ris:15: {unclosed}; read up to the next record (line 21)",
        f"ris_without_end_lines.ris:21: {unclosed}; read up to the next record (line 24)",
        "ris_without_end_lines.ris:21: RIS record without an abstract, skipped",
        f"ris_without_end_lines.ris:24: {unclosed}; read to the end of the file",
    ]


def test_ris_tags_typed_with_one_space_or_none_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: a hand-typed RIS file writing ``TI - A title`` (one space, a tab or none before the hyphen) was claimed as
    RIS but rispy reads only ``TI  - ``: every record was "RIS record without an abstract, skipped"."""
    corpus, by_title = read_cases(monkeypatch, ["ris_single_space_tags.ris"])
    assert ([str(p) for p in corpus.problems], len(corpus.papers)) == ([], 4)
    one = by_title["A Record Typed by Hand With One Space"]
    assert (one.authors, one.date, one.links) == (
        ("Ingrid Berg", "Kofi Mensah"),
        "2022-06-14",
        ("https://doi.org/10.1234/hand.2022.1",),
    )
    assert one.abstract.endswith(
        "A wrapped line that opens with AI-driven or UK-based is no tag: it stays part of the abstract."
    )
    assert by_title["Tags Written Without a Space Before the Hyphen"].publication_type == "Conference paper"
    assert by_title["A Tab Before the Hyphen"].authors == ("Yuki Sato",)
    assert by_title["Two Spaces and One in the Same Record"].abstract.endswith("is joined to the first.")


def test_ris_detection_of_hand_typed_tags() -> None:
    """A ``TY`` line typed with one space, a tab or none before its hyphen opens a RIS file; prose does not: a tag
    line before the ``TY`` line (``AB - testing`` in notes), more lines than a header has, or ``TY-`` in a word."""
    from sitegen.ingest import ris
    from sitegen.ingest.text import TextFile

    record = ("TI - A title", "AB - An abstract.", "ER -")
    texts = [
        ("TY - JOUR", *record),
        ("TY- JOUR", *record),
        ("TY\t- JOUR", *record),
        ("Provider: John Wiley & Sons, Ltd", "", "TY- JOUR", *record),
        ("Notes on testing", "AB - testing", "TY - JOUR", *record),
        ("Notes", "one", "two", "three", "four", "TY - JOUR", *record),
        ("TY-based scheduling", "is what these notes are about."),
        ("My abstracts", "", "AB - testing the reader with a line that looks like a tag", "More prose."),
    ]
    claimed = [ris.detect(TextFile("notes.txt", text)) for text in texts]
    assert claimed == [True, True, True, True, False, False, False, False]


def test_ris_tag_without_a_space_after_its_hyphen_keeps_its_first_letter() -> None:
    """``AB  -Text`` is a tag line to rispy, which cut the value at a fixed column: it was read ``ext``."""
    from sitegen.ingest import ris
    from sitegen.ingest.text import TextFile

    papers, _ = ris.read(TextFile("r.ris", ("TY  - JOUR", "TI  -Tight", "AB  -Written tight.", "ER  -")))
    assert [(p.title, p.abstract) for p in papers] == [("Tight", "Written tight.")]


def test_text_after_a_blank_line_at_the_end_of_an_unclosed_ris_record_is_no_part_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """QA: a record without its ``ER  -`` line took a page header after it (``Record #3 of 5``, an export's footer)
    into its abstract, where a closed record's header is passed over. Unindented text after a blank line at an
    unclosed record's end is passed over too, said with its lines; a wrapped line straight after the abstract, an
    indented line or a tag after a blank line, and anything before an ``ER`` line stay the record's."""
    corpus, by_title = read_cases(monkeypatch, ["ris_text_between_records.ris"])
    ends = {str(p.sources[0]): " ".join(p.abstract.split()[-4:]) for p in corpus.papers}
    assert ends == {
        "ris_text_between_records.ris:1": "and is passed over.",
        "ris_text_between_records.ris:10": "part of the abstract.",
        "ris_text_between_records.ris:20": "part of the abstract,",
        "ris_text_between_records.ris:28": "line comes after it.",
        "ris_text_between_records.ris:36": "no part of it.",
    }
    assert by_title["An Unclosed Record With a Blank Line Among Its Tags"].date == "2023"
    unclosed = "record has no closing 'ER  -' line"
    assert [str(p) for p in corpus.problems] == [
        f"ris_text_between_records.ris:10: {unclosed}; read up to line 15, the text after a blank line from line 17"
        " up to the next record (line 20) passed over",
        f"ris_text_between_records.ris:20: {unclosed}; read up to the next record (line 28)",
        f"ris_text_between_records.ris:36: {unclosed}; read up to line 40, the text after a blank line from line 42"
        " to the end of the file passed over",
    ]


def test_a_ris_abstract_in_several_ab_lines_is_read_whole() -> None:
    """QA: an export writing one ``AB`` line per paragraph lost every paragraph but the first (rispy keeps one)."""
    from sitegen.ingest import ris
    from sitegen.ingest.text import TextFile

    lines = ("TY  - JOUR", "TI  - Repeated AB", "AB  - Background first.", "AU  - Roe, R.", "AB  - Results second,")
    again = ("AB  - Background first.",)  # written twice (QA round 2: it was read twice)
    papers, problems = ris.read(TextFile("r.ris", (*lines, "  wrapped.", *again, "N2  - Not read.", "ER  - ")))
    assert [p.abstract for p in papers] == ["Background first. Results second, wrapped."]
    assert (papers[0].authors, problems) == (("Roe, R.",), [])


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2024/05/28/", "2024-05-28"), ("2024///", "2024"), ("2024/5", "2024-05"), ("2024//28", "2024"), ("24", None)],
)
def test_ris_dates_are_as_precise_as_given(value: str, iso: str | None) -> None:
    from sitegen.ingest.ris import ris_date

    assert ris_date(value) == iso


def test_pubmed_medline_records_become_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    """PubMed format: indented continuation lines joined, PubMed and DOI links, DP dates as precise as given."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["pubmed_export.txt"])
    [first, second] = sorted(corpus.papers, key=lambda p: p.sources)
    assert first.title and first.title.startswith("Glucose tolerance and blood pressure: long term follow up")
    assert (first.authors_count, first.date, str(first.sources[0])) == (2, "1991-05-28", "pubmed_export.txt:2")
    assert first.links == ("https://pubmed.ncbi.nlm.nih.gov/1712345/", "https://doi.org/10.1000/cardio.1991.1")
    assert "\n" not in first.abstract and "  " not in first.abstract
    assert (second.date, second.links) == ("1992", ("https://pubmed.ncbi.nlm.nih.gov/1754321/",))  # 1992 Winter
    # Full names (FAU) where given; else AU "Roe R" is read as the initial it is, shown given name first as usual.
    assert (first.authors, second.authors) == (("John Smith", "Anna Doe"), ("R. Roe",))
    assert [str(p) for p in corpus.problems] == ["pubmed_export.txt:72: MEDLINE record without an abstract, skipped"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [("1991 May 28", "1991-05-28"), ("1993 May-Jun", "1993-05"), ("1992 Winter", "1992"), ("2001", "2001"), ("", None)],
)
def test_medline_dates_are_as_precise_as_given(value: str, iso: str | None) -> None:
    from sitegen.ingest.medline import medline_date

    assert medline_date(value) == iso


@pytest.mark.parametrize(
    "placeholder",
    [
        "[No abstract available]",
        "Abstract not available.",
        "N/A",
        "none",
        "An abstract is not available for this content so a preview has been provided. Please use the Get access link "
        "above for information on how to access this content.",
    ],
)
def test_a_placeholder_abstract_is_no_abstract(
    placeholder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("papers.jsonl").write_text(
        json.dumps({"title": "Editorial", "abstract": placeholder})
        + "\n"
        + json.dumps({"title": "A Real Paper", "abstract": "We study none of this; N/A is a word here."})
        + "\n"
    )
    corpus = read_corpus(["papers.jsonl"])
    assert [p.title for p in corpus.papers] == ["A Real Paper"]
    assert [str(p) for p in corpus.problems] == [
        f"papers.jsonl:1: no abstract, skipped ({placeholder!r} stands in its place)"
    ]
    assert corpus.tally.skip_reasons == {"no abstract": 1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "a PDF file, skipped (sitegen reads text",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or .docx, .xlsx, .odt), skipped"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .xls), skipped"),
        (b"\x1f\x8b\x08\x00\x00\x00", "a gzip-compressed file, skipped (decompress it first"),
        (b"\x00\x01\x02\x03", "binary file, skipped"),
    ],
)
def test_binary_files_say_what_they_are_and_what_to_do(data: bytes, message: str) -> None:
    """The PDF's first lines read as text (Windows-1252), yet it is reported as a PDF, not as an unknown format."""
    from sitegen.ingest.text import decode

    text, problems = decode("x", data)
    assert text is None and [p.message[: len(message)] for p in problems] == [message]


def test_a_few_stray_nul_bytes_are_dropped_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy-paste or a bad editor save left NUL bytes in a text: it was skipped as a binary file, every paper in it
    lost. The NULs are dropped (the word they split is whole again) and each line holding some is said."""
    corpus, by_title = read_cases(monkeypatch, ["nul_in_abstract.txt"])
    assert len(corpus.papers) == 3 and not any("\x00" in p.abstract + (p.title or "") for p in corpus.papers)
    assert by_title["Stray Bytes in Saved Text Files"].abstract.endswith("holds at least one such byte.")
    assert "Reading Damaged Exports" in by_title  # the NUL at the end of the title line
    assert [str(p) for p in corpus.problems] == [
        "nul_in_abstract.txt:5: a NUL byte in the text, dropped",
        "nul_in_abstract.txt:10: 2 NUL bytes in the text, dropped",
        "nul_in_abstract.txt:13: a NUL byte in the text, dropped",
    ]


def test_nul_bytes_are_said_for_five_lines_and_how_many_more() -> None:
    from sitegen.ingest.text import decode

    line = "Abstract line that goes on long enough to hold a stray byte among a hundred others."
    data = "\n".join(f"{line}\x00" if n % 2 else line for n in range(14)).encode()
    text, problems = decode("notes.txt", data)
    assert text is not None and not any("\x00" in x for x in text.lines)
    assert [str(p) for p in problems] == [
        *(f"notes.txt:{n}: a NUL byte in the text, dropped" for n in (2, 4, 6, 8, 10)),
        "notes.txt:12: ... and 2 more lines like that",
    ]


_TEXT = ("We study how often text editors leave stray bytes in the files they save. " * 120).encode()
"""8,880 bytes of text: what stray NUL or control bytes are put in."""


def with_nuls(*offsets: int) -> bytes:
    """:data:`_TEXT` with a NUL byte put before each of its bytes at ``offsets``."""
    return b"\x00".join(_TEXT[a:b] for a, b in zip((0, *offsets), (*offsets, len(_TEXT)), strict=True))


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (with_nuls(4000), False),  # one stray NUL
        (with_nuls(*range(1000, 8001, 1000), 8600), False),  # 9 NULs, 8 of them in the first 8 KB
        (with_nuls(*range(800, 7201, 800)), True),  # 9 NULs in the first 8 KB
        (_TEXT[:60] + b"\x00" * 3, True),  # more than one NUL per 100 bytes
        (_TEXT[:4000] + b"\x00" + b"\x01" * 50 + _TEXT[4000:], False),  # other control bytes: under 1% of 8 KB
        (_TEXT[:4000] + b"\x00" + b"\x01" * 90 + _TEXT[4000:], True),  # over 1%, beside a NUL
        (_TEXT[:4000] + b"\x01" * 90 + _TEXT[4000:], False),  # over 1% without a NUL: text, as before (up to 10%)
        ((FIXTURES / "broken" / "binary.bin").read_bytes(), True),  # a PNG image
        ("Title\tAbstract\r\nA title\tAn abstract of the paper.\r\n".encode("utf-16-le"), True),  # no BOM
        (bytes(range(256)) * 40, True),  # all byte values alike: compressed or random data
    ],
    ids=["one-nul", "eight-nuls", "nine-nuls", "nul-share", "few-controls", "controls", "controls-no-nul", "png",
         "utf-16-no-bom", "all-bytes"],
)  # fmt: skip
def test_a_text_with_stray_nul_bytes_is_text_and_a_binary_file_binary(data: bytes, binary: bool) -> None:
    """At most 8 NULs in the first 8 KB, one per 100 bytes in all and 1% other control bytes is a text with stray
    NULs; images, UTF-16 without its byte order mark and other binary data stay binary."""
    from sitegen.ingest.text import decode, looks_binary

    assert looks_binary(data) is binary
    text, problems = decode("f.txt", data)
    assert (text is None) is binary
    if not binary:
        assert text is not None and not any("\x00" in line for line in text.lines)
        nuls = data.count(b"\x00")  # all in the text's one line
        said = {0: [], 1: ["a NUL byte in the text, dropped"]}.get(nuls, [f"{nuls} NUL bytes in the text, dropped"])
        assert [p.message for p in problems] == said


def test_a_stray_byte_leaves_the_utf8_of_its_line_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the byte that is not UTF-8 is read as Windows-1252: the line's "é" is not garbled into "Ã©"."""
    corpus, by_title = read_cases(monkeypatch, ["mixed_encoding.txt"])
    abstract = by_title["Mixed Encoding Paper"].abstract
    assert "UTF-8 \u00e9 but then has a bad byte \u00ff here" in abstract and "\u00c3" not in abstract
    assert [str(p) for p in corpus.problems] == ["mixed_encoding.txt:2: not UTF-8: read as Windows-1252 (Latin-1)"]


def test_a_files_problems_are_said_in_line_order(tmp_path: Path) -> None:
    """QA: the note of a byte that is not UTF-8 (found when the file is decoded, before its records are read) came
    before the problems of the records above it: ``zotero.bib:76`` before ``zotero.bib:40``."""
    from sitegen.ingest import read_file

    entries = [
        "@article{a, title={One}, abstract={We study the first thing in enough words to be an abstract.}}",
        "@article{b, title={No abstract here}}",
        "@article{c, title={Caf\xe9}, abstract={We study the third thing in enough words to be an abstract.}}",
    ]
    (tmp_path / "refs.bib").write_bytes("\n\n".join(entries).encode("latin-1") + b"\n")
    _, problems, _ = read_file(tmp_path / "refs.bib")
    assert [p.line for p in problems] == [3, 5], [str(p) for p in problems]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"caf\xc3\xa9 \xff", "caf\u00e9 \u00ff"),  # UTF-8 kept, the stray byte read as Windows-1252
        (b"caf\xe9 cr\xeape \x93quoted\x94", "caf\u00e9 cr\u00eape \u201cquoted\u201d"),  # all Windows-1252, as before
        (b"\xe9\xa0x \x81", "\u00e9\u00a0x \x81"),  # a cut sequence byte by byte; 0x81, undefined, as Latin-1
    ],
)
def test_bytes_that_are_not_utf8_are_read_one_by_one(data: bytes, line: str) -> None:
    from sitegen.ingest.text import decode

    text, problems = decode("x", data)
    assert text is not None and text.lines == (line,)
    assert [str(p) for p in problems] == ["x:1: not UTF-8: read as Windows-1252 (Latin-1)"]


@pytest.mark.parametrize(
    ("name", "second_upvotes"), [("spaced_impossible_date.txt", None), ("compact_impossible_date.txt", 3)]
)
def test_a_date_line_whose_day_does_not_exist_is_still_the_date_line(
    monkeypatch: pytest.MonkeyPatch, name: str, second_upvotes: int | None
) -> None:
    """``Feb 30, 2024 18`` keeps 2024-02 and 18 upvotes (as far as it is a real date) instead of becoming a title
    with no abstract, in both layouts of the listing page."""
    corpus, by_title = read_cases(monkeypatch, [name])
    assert corpus.problems == []
    assert len(corpus.papers) == 2
    first = by_title["Listing Dates That Do Not Exist"]
    assert (first.date, first.upvotes) == ("2024-02", 18)
    second = by_title["A Paper With A Real Date"]
    assert (second.date, second.upvotes) == ("2024-05-28", second_upvotes)


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("May 28, 2024", ("2024-05-28", None)),
        ("Sept 3, 2024 2", ("2024-09-03", 2)),
        ("Feb 29, 2023 7", ("2023-02", 7)),
        ("Feb 0, 2024", ("2024-02", None)),
        ("Jan 9", None),  # a bare date of the page's header, not a record's date line
    ],
)
def test_listing_date_lines(line: str, parsed: tuple[str | None, int | None] | None) -> None:
    from sitegen.ingest.daily import parse_date

    assert parse_date(line) == parsed


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-05-28", "2024-05-28"),
        ("2024-02-29", "2024-02-29"),
        ("2023-02-29", "2023-02"),  # as far as it is a real date
        ("2024-13", "2024"),
        ("2024", "2024"),
        ("0000", None),
        ("May 2024", None),
    ],
)
def test_dates_are_kept_as_far_as_they_are_real(value: str, date: str | None) -> None:
    from sitegen.ingest.fields import iso_date

    assert iso_date(value) == date


@pytest.mark.parametrize(
    ("fields", "link"),
    [
        ({"eprint": "2401.00001", "archiveprefix": "arXiv"}, "https://arxiv.org/abs/2401.00001"),
        ({"eprint": "2401.00001"}, "https://arxiv.org/abs/2401.00001"),  # no archive named, arXiv's shape
        ({"eprint": "hep-th/9901001v2"}, "https://arxiv.org/abs/hep-th/9901001"),  # any version: the paper
        ({"eprint": "math.AG/0101001"}, "https://arxiv.org/abs/math.AG/0101001"),
        ({"eprint": "2401.00001", "eprinttype": "hal"}, None),  # another archive's
        ({"eprint": "PMC12345"}, None),  # not arXiv's shape
    ],
)
def test_a_bibtex_eprint_is_an_arxiv_link_when_said_or_shaped_so(fields: dict[str, str], link: str | None) -> None:
    from sitegen.ingest.bibtex import entry_links

    assert entry_links(fields) == ((link,) if link else ())


@pytest.mark.parametrize(
    "lines",
    [
        ["Daily Papers", "A First Title", "A Second Title", "A Third Title", "A Fourth Title"],
        ["A Title", "A line that is not prose", "Another Title", "One more short line"],
    ],
)
def test_short_lines_alone_are_not_a_listing(lines: list[str]) -> None:
    """Pairing short abstracts with their titles needs a real abstract somewhere: a list of titles is not a listing."""
    from sitegen.ingest import daily
    from sitegen.ingest.text import TextFile

    assert not daily.detect_compact(TextFile("x", tuple(lines)))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Lovelace AM", "A. M. Lovelace"),
        ("van der Waals JD", "J. D. van der Waals"),
        ("King ML Jr", "M. L. King, Jr."),
        ("Müller-Lüdenscheidt HJ", "H. J. Müller-Lüdenscheidt"),
        ("Hansen Ø", "Ø. Hansen"),  # QA: initials past A-Z were left as written
        ("Åberg ÅM", "Å. M. Åberg"),
        ("WHO Collaborating Group", "WHO Collaborating Group"),  # no initials: as written
    ],
)
def test_medline_au_names_are_shown_given_name_first(name: str, shown: str) -> None:
    from sitegen.enrich import display_name
    from sitegen.ingest.fields import initials_name

    assert display_name(initials_name(name)) == shown


def test_a_pubmed_csv_with_long_rows_is_no_listing_and_says_where_the_abstracts_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMed's CSV has no abstract column; its rows with a long author list read like abstracts, so the listing
    reader took the header for a title and a row for its abstract: junk papers, exit 0."""
    authors = ", ".join(f"Author{i} A" for i in range(40))
    rows = [
        "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI",
        f'34265844,Highly accurate protein structure prediction with AlphaFold.,"{authors}.",Nature. 2021,Jumper J,'
        "Nature,2021,2021/07/15,PMC8371605,,10.1038/s41586-021-03819-2",
        f'37654321,Machine learning for science.,"{authors}.",Science. 2023,Doe J,Science,2023,2023/01/01,,,',
    ]
    (tmp_path / "pubmed.csv").write_text("\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["pubmed.csv"])
    assert corpus.papers == []
    [problem] = [str(p) for p in corpus.problems]
    assert problem.startswith("pubmed.csv:1: CSV header has no abstract column, skipped (columns: PMID, Title,")
    assert problem.endswith(
        "PubMed's CSV export has no abstracts: save the search 'Format: PubMed' (.nbib, .txt) instead"
    )


def test_csv_exports_of_dimensions_lens_and_zotero_keep_their_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dimensions writes a note of one quoted cell above its header; Lens.org names its columns "Author/s" and
    "Date Published"; Zotero's single author is "Family, Given" without a ";"."""
    abstract = "We study how exports are read. The abstract has two sentences."
    (tmp_path / "dimensions.csv").write_text(
        '"About the data: Exported on May 28, 2024. Criteria: ""deep learning"" in full data."\n'
        '"Rank","Title","Abstract","Authors","Publication Date"\n'
        f'"1","Dimensions paper","{abstract}","Jumper, John; Evans, Richard","2021-07-15"\n'
    )
    (tmp_path / "lens.csv").write_text(
        "Lens ID,Title,Date Published,Publication Year,Author/s,Abstract\n"
        f'017-404,Lens paper,2021-07-15,2021,John Jumper; Richard Evans,"{abstract}"\n'
    )
    (tmp_path / "zotero.csv").write_text(
        '"Key","Item Type","Publication Year","Author","Title","Abstract Note"\n'
        f'"Q3ZP","journalArticle","2022","Hinton, Geoffrey","Zotero paper","{abstract}"\n'
        f'"Q4ZP","journalArticle","2022","Roe R., Poe P.","Zotero pair","{abstract} Again."\n'
    )
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["."])
    assert corpus.problems == []
    by_title = {p.title: p for p in corpus.papers}
    assert str(by_title["Dimensions paper"].sources[0]) == "dimensions.csv:3"
    for title in ("Dimensions paper", "Lens paper"):
        assert (by_title[title].authors, by_title[title].date) == (("John Jumper", "Richard Evans"), "2021-07-15")
    assert (by_title["Zotero paper"].authors, by_title["Zotero paper"].authors_count) == (("Geoffrey Hinton",), 1)
    assert by_title["Zotero pair"].authors_count is None  # "Roe R., Poe P.": one name or two, not guessed


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """Excel's "Unicode text" and Web of Science's "Tab-delimited (Win)" are UTF-16 with a byte order mark: text,
    not the binary file its NUL bytes made it look like."""
    sheet = "Title\tAbstract\r\nÜber Netze\tWir untersuchen die Stabilität tiefer Netze. Sie ist groß.\r\n"
    data = sheet.encode(encoding)
    (tmp_path / "sheet.txt").write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["sheet.txt"])
    assert [(p.title, p.abstract[-13:]) for p in corpus.papers] == [("Über Netze", "Sie ist groß.")]
    assert corpus.problems == []  # how the export is written, not a problem with it


NOTES_ROUND_3 = """---
date: 2024-01-05
tags: [reading]
---
Title: First Paper
Year: 2017
Date read: 2024-01-05
Summary: my own take, not the abstract
Abstract: We study exercise for depression.
Abstract: A second labelled paragraph goes on with it.
Keywords: exercise,
  depression
Rating: 4/5
Link: https://doi.org/10.1016/S0140-6736(20)30183-5, https://example.org/a
Published: 2017-06-27

Title: Second Paper
Abstract:

Motivation: long reads are common.

Search methods: we searched three databases.

Conclusions and Relevance: it works.

- [ ] re-read section 3

Title: Third Paper
Summary: Only a summary, which is then the abstract.
Date: 2016 Decision Support Systems
"""


def test_labelled_notes_keep_each_field_with_its_paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA round 3: a header field shifted every title onto the paper before it; structured abstracts lost their
    sections after a blank line (Cochrane's "Search methods", JAMA's "Conclusions and Relevance"); notes went into
    the abstract; a "Summary:" replaced the abstract; a DOI with parentheses was cut; "2016 Decision ..." was
    December; a note's front matter gave the first paper its date."""
    (tmp_path / "notes.md").write_text(NOTES_ROUND_3)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["notes.md"])
    papers = sorted(corpus.papers, key=lambda p: p.sources)
    assert [(p.title, p.abstract, p.date) for p in papers] == [
        (
            "First Paper",
            "We study exercise for depression. A second labelled paragraph goes on with it.",
            "2017-06-27",  # "Date read: 2024-01-05" is no label the site reads; "Published:" agrees with "Year:"
        ),
        (
            "Second Paper",
            "Motivation: long reads are common. Search methods: we searched three databases. Conclusions and "
            "Relevance: it works.",
            None,
        ),
        ("Third Paper", "Only a summary, which is then the abstract.", None),
    ]
    assert papers[0].links == ("https://doi.org/10.1016/S0140-6736(20)30183-5", "https://example.org/a")
    assert [str(p) for p in corpus.problems] == [
        "notes.md:26: text outside any field, left out: '- [ ] re-read section 3'",
        "notes.md:28: date '2016 Decision Support Systems' not understood, left out (write it 2021-03-04, 2021-03 "
        "or 2021)",
    ]


PROQUEST_LIKE = """Document 1 of 2

Author: Lovelace, Ada; Turing, Alan

Abstract: We propose a sparse attention mechanism.

Subject: Attention; Transformers

Title: Sparse Attention

Publication year: 2024

____________________________________________________________

Document 2 of 2

Author: Hopper, Grace

Abstract: Graph networks are studied for molecules.

Title: Graph Networks
"""
HEADED = """Title: A
Summary: Background: first.
Methods: second.
- My notes on it
  - a nested note

## 2
Authors: Kaiming He
Title: B
Abstract: The second paper.
"""


def test_labelled_records_that_open_with_their_abstract_or_follow_a_heading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA round 4: with each record opening with its abstract (ProQuest's export), every abstract went to the paper
    before; after a "## 2" heading the next record's authors went to the paper above; a structured abstract under
    "Summary:" lost its sections; Logseq's bullets right under an abstract went into it."""
    (tmp_path / "proquest.txt").write_text(PROQUEST_LIKE)
    (tmp_path / "headed.md").write_text(HEADED)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["headed.md", "proquest.txt"])
    papers = sorted(corpus.papers, key=lambda p: p.sources)
    assert [(p.title, p.abstract, p.authors, p.date) for p in papers] == [
        ("A", "Background: first. Methods: second.", (), None),
        ("B", "The second paper.", ("Kaiming He",), None),
        ("Sparse Attention", "We propose a sparse attention mechanism.", ("Ada Lovelace", "Alan Turing"), "2024"),
        ("Graph Networks", "Graph networks are studied for molecules.", ("Grace Hopper",), None),
    ]
    assert [p.message for p in corpus.problems] == [
        "text outside any field, left out: '- My notes on it'",
        "text outside any field, left out: '- a nested note'",
        "text outside any field, left out: 'Document 1 of 2'",
        "text outside any field, left out: 'Document 2 of 2'",
    ]


def test_a_file_of_abstract_lines_under_one_title_heading_is_no_labelled_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA round 2: the heading became the first paper's title; the abstract-lines reader reports it instead."""
    lines = ["Title: My reading list", "Abstract: First abstract about graphs.", "Abstract: Second about proteins."]
    (tmp_path / "list.txt").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["list.txt"])
    assert corpus.readers == {"list.txt": "abstract-lines"}
    assert [p.title_synthesized for p in corpus.papers] == [True, True]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2021-05-03T10:00:00Z", "2021-05-03"),
        ("2021 Mar 4", "2021-03-04"),
        ("March 4, 2021", "2021-03-04"),
        ("4 March 2021", "2021-03-04"),
        ("Sept. 2021", "2021-09"),
        ("May 2021", "2021-05"),
        ("2021/05", "2021-05"),
        ("2021/05/03", "2021-05-03"),
        ("21.05.2021", "2021-05-21"),
        ("13/5/2021", "2021-05-13"),
        ("5/13/2021", "2021-05-13"),
        ("5/6/2021", "2021"),  # May or June: the year alone
        ("Winter 2021", "2021"),
        ("Spring term", None),
        # QA round 2: an Excel serial number was the year 4425; compact and dashed forms were the year alone
        ("44259", None),
        ("12345678", None),
        ("2021-3-4", "2021-03-04"),
        ("20210304", "2021-03-04"),
        ("2021, March 4", "2021-03-04"),
        # left alone in session 18, read since: Excel's and pandas' forms, a weekday, a time, a season
        ("Mar-2021", "2021-03"),
        ("4-Mar-21", "2021-03-04"),
        ("4-Mar-99", "1999-03-04"),
        ("04-Mar-2021", "2021-03-04"),
        ("04/2016", "2016-04"),
        ("13/2016", None),
        ("Thu, 04 Mar 2021", "2021-03-04"),
        ("5/13/2020 0:00", "2020-05-13"),
        ("5/13/2020 12:30 PM", "2020-05-13"),
        ("2021.0", "2021"),
        ("2023 Winter", "2023"),
        ("Decision 2021", None),
    ],
)
def test_dates_as_spreadsheets_write_them(written: str, date: str | None) -> None:
    """QA: a CSV's "March 4, 2021", "13/5/2021", "May 2021" or "2021/05" were left out without a word."""
    from sitegen.ingest.fields import loose_date

    assert loose_date(written) == date


def test_csv_date_from_the_first_filled_date_column() -> None:
    """An empty ``Date`` cell beside a filled ``Publication Year`` (Zotero fills one or the other) gave no date."""
    from sitegen.ingest import table
    from sitegen.ingest.text import TextFile

    lines = ("Title,Abstract Note,Date,Publication Year", "A,An abstract.,,2019", "B,Another.,Mar-2021,2021")
    papers, problems = table.read(TextFile("z.csv", lines))
    assert [p.date for p in papers] == ["2019", "2021-03"] and problems == []


def test_a_csv_date_not_understood_is_said_and_excels_sep_line_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: a file Excel wrote with its ``sep=;`` first line was "unrecognised format", every row lost."""
    rows = ["SEP=;", "Title;Date;Abstract", "One;March 4, 2021;First abstract.", "Two;Spring term;Second abstract."]
    (tmp_path / "excel.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["excel.csv"])
    assert [(p.title, p.date) for p in corpus.papers] == [("One", "2021-03-04"), ("Two", None)]
    assert [str(p) for p in corpus.problems] == [
        "excel.csv:4: date 'Spring term' not understood, left out (write it 2021-03-04, 2021-03 or 2021)"
    ]


# ---------------------------------------------------------------- PubMed's "Abstract (text)" and XML


def _pubmed_text(text: str) -> tuple[list[Paper], list[str]]:
    from sitegen.ingest import pubmed
    from sitegen.ingest.text import TextFile

    lines = tuple(text.split("\n"))
    assert pubmed.detect_text(TextFile("a.txt", lines))
    papers, problems = pubmed.read_text(TextFile("a.txt", lines))
    return papers, [str(p) for p in problems]


def test_pubmed_abstract_text_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """PubMed's "Abstract (text)": the citation's date, the title without its stop (a translated one keeps its
    brackets, as MEDLINE's does), the authors with their affiliation numbers dropped, notices, affiliations and the
    copyright line left out of the abstract, PubMed and DOI links; an article without an abstract is reported with
    its title."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["pubmed_abstract.txt"])
    papers = {p.sources[0].line: p for p in corpus.papers}
    lancet, nature, chinese, trial = papers[1], papers[41], papers[65], papers[95]
    assert lancet.title == "Clinical features of patients infected with 2019 novel coronavirus in Wuhan, China"
    assert (lancet.date, lancet.authors[:2], lancet.authors_count) == ("2020-02-15", ("C. Huang", "Y. Wang"), 9)
    assert lancet.authors[7] == "G. Fan"  # "Fan" and "G(8)" on two lines
    assert lancet.abstract.startswith("BACKGROUND: A recent cluster") and lancet.abstract.endswith("Technology.")
    assert lancet.links == (
        "https://pubmed.ncbi.nlm.nih.gov/31986264/",
        "https://doi.org/10.1016/S0140-6736(20)30183-5",
    )
    assert (nature.date, nature.authors) == ("2020-03", ("P. Zhou", "X. L. Yang", "X. G. Wang", "Z. L. Shi"))
    assert "Conflict" not in nature.abstract and "Wuhan Institute" not in nature.abstract
    assert (
        chinese.title == "[Expert consensus on the treatment of novel coronavirus pneumonia with convalescent plasma]"
    )
    assert chinese.abstract.startswith("Convalescent plasma") and chinese.authors == ("Q. Li", "X. Guan", "P. Wu")
    # "(1) standard care, (2) ..." is an abstract, not authors with affiliation numbers; the copyright line goes.
    assert (trial.authors, trial.date) == ((), "2019")
    assert trial.abstract.startswith("We compared three regimens: (1) standard care")
    assert trial.abstract.endswith("none were serious.")
    assert [str(p) for p in corpus.problems] == [
        "pubmed_abstract.txt:82: PubMed record without an abstract, skipped "
        "('Covid-19: the case for vaccinating teachers first')"
    ]


def test_pubmed_abstract_text_article_starts_at_its_citation() -> None:
    """A paragraph of an abstract that starts with the next article's number is no article."""
    papers, problems = _pubmed_text(
        "1. J Test. 2020 Jan;1(1):1-2.\n\nA title.\n\nDoe J.\n\nWe list two findings.\n\n"
        "2. In 2019, fewer patients came back.\n\nPMID: 1\n\n\n"
        "2. J Test. 2021 Feb;2(1):3-4.\n\nAnother title.\n\nRoe R.\n\nA second abstract.\n\nPMID: 2"
    )
    assert [p.title for p in papers] == ["A title", "Another title"]
    assert papers[0].abstract == "We list two findings. 2. In 2019, fewer patients came back."
    assert problems == []


def test_pubmed_abstract_text_authors_with_initials_past_a_to_z() -> None:
    """QA: "Åström K(1), Øvretveit J(2)" was taken for no list of names, so the paper had no authors and its
    abstract began with them."""
    papers, problems = _pubmed_text(
        "1. J Test. 2020 Jan;1(1):1-2.\n\nA title.\n\n"
        "Åström K(1), Øvretveit J(2), Łopatka M(1), Ibáñez Í(3).\n\nWe list two findings.\n\nPMID: 1"
    )
    assert [p.authors for p in papers] == [
        ("Åström, K.", "Øvretveit, J.", "Łopatka, M.", "Ibáñez, Í.")
    ]  # as shown: "K. Åström"
    assert papers[0].abstract == "We list two findings." and problems == []


def test_pubmed_summary_format_says_what_to_save() -> None:
    """PubMed's "Summary (text)" has no abstracts: one message for the file, saying which format has them."""
    papers, problems = _pubmed_text(
        "1. A title.\nDoe J, Roe R.\nJ Test. 2020 Jan;1(1):1-2.\nPMID: 1 Free PMC article.\n\n"
        "2. Another title.\nRoe R.\nJ Test. 2021 Feb;2(1):3-4.\nPMID: 2"
    )
    assert papers == []
    assert problems == [
        "a.txt:1: PubMed's Summary format (2 articles): it has no abstracts; save as 'Abstract (text)' or "
        "'PubMed' format instead, skipped"
    ]


def test_pubmed_xml_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """E-utilities' XML: labelled abstract sections, a raised ``<sup>``, full names, a group's name, the issue's
    date (also ``MedlineDate``), the article's DOI and not its references', a book chapter's authors and not its
    editors, an incomplete author list counted as unknown; a record that does not parse costs only itself."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus(["pubmed_efetch.xml"])
    papers = {p.sources[0].line: p for p in corpus.papers}
    lancet, chinese, book = papers[4], papers[77], papers[106]
    assert lancet.abstract.startswith("BACKGROUND: A recent cluster")
    assert "FINDINGS: By Jan 2, 2020" in lancet.abstract and "above 10³ pg/mL" in lancet.abstract
    assert "Copyright" not in lancet.abstract
    assert lancet.authors == ("Chaolin Huang", "Y. Wang", "China Novel Coronavirus Investigating and Research Team")
    assert (lancet.date, lancet.authors_count) == ("2020-02-15", 3)
    assert lancet.links == (
        "https://pubmed.ncbi.nlm.nih.gov/31986264/",
        "https://doi.org/10.1016/S0140-6736(20)30183-5",
    )
    assert chinese.title and chinese.title.startswith("[Expert consensus") and chinese.title.endswith("plasma]")
    assert (chinese.date, chinese.authors, chinese.authors_count) == ("2020-03-12", ("Qun Li",), None)
    assert (book.title, book.authors, book.date) == ("Cystic Fibrosis", ("Thida Ong",), "1993")
    assert [str(p) for p in corpus.problems] == [
        "pubmed_efetch.xml:60: PubMed XML record without an abstract, skipped "
        "('Covid-19: the case for vaccinating teachers first')",
        "pubmed_efetch.xml:97: not a valid PubMed XML record, skipped (mismatched tag)",
    ]


def test_pubmed_abstract_text_qa_round_2() -> None:
    """QA: a title ending in capitals ("... in the ICU.") was taken for the authors and one starting "Update on" for
    a notice; articles numbered 3, 7, 12 (a selection) or 1, 2, 1, 2 (two files joined) were swallowed by the first
    without a word; a group as an author, `;` before it and `(#)` marks of equal contribution; a reply whose only
    text is its copyright line became a paper."""
    papers, problems = _pubmed_text(
        "3. Crit Care Med. 2021 Mar 1;49(3):e1-e9.\n\nMachine learning in the ICU.\n\n"
        "Komorowski M(#)(1), Celi LA(2); ACTT-1 Study Group Members.\n\nAuthor information: \n(1)Imperial College.\n\n"
        "Machine learning is increasingly used in intensive care.\n\nPMID: 33000021\n\n\n"
        "7. JAMA. 2019 Dec 3;322(21):2077-2078.\n\nUpdate on screening for colorectal cancer.\n\n"
        "WHO Solidarity Trial Consortium.\n\nScreening guidance changed in 2018.\n\n"
        "Update of\n    JAMA. 2016 Jun 21;315(23):2564-2575.\n\nPMID: 31794601\n\n\n"
        "1. J Am Geriatr Soc. 2020 Jan;68(1):1.\n\nReply to the letter.\n\nRoe R.\n\n"
        "© 2020 The American Geriatrics Society.\n\nPMID: 31000001"
    )
    assert [(p.title, p.authors, p.abstract) for p in papers] == [
        (
            "Machine learning in the ICU",
            ("Komorowski, M.", "Celi, L. A.", "ACTT-1 Study Group Members"),  # shown given name first later
            "Machine learning is increasingly used in intensive care.",
        ),
        (
            "Update on screening for colorectal cancer",
            ("WHO Solidarity Trial Consortium",),
            "Screening guidance changed in 2018.",
        ),
    ]
    assert problems == ["a.txt:29: PubMed record without an abstract, skipped ('Reply to the letter')"]


def test_pubmed_abstract_text_found_past_a_long_first_article() -> None:
    """A consortium's article with hundreds of lines of affiliations put its PMID past line 200: "unrecognised"."""
    from sitegen.ingest import pubmed
    from sitegen.ingest.text import TextFile

    affiliations = "\n".join(f"({n})Institute {n}, Somewhere." for n in range(1, 400))
    text = (
        "1. Nature. 2021 Aug;596(7873):583-589.\n\nA title.\n\nJumper J(1).\n\n"
        f"Author information: \n{affiliations}\n\nAn abstract.\n\nPMID: 34265844"
    )
    assert pubmed.detect_text(TextFile("a.txt", tuple(text.split("\n"))))


def test_pubmed_xml_citations_and_a_chapters_own_date() -> None:
    """A numbered citation in ``<sup>`` is dropped as MEDLINE's text drops it ("effort¹⁻⁴" made the copies differ);
    a GeneReviews chapter is dated by its ``ContributionDate``, not the series' 1993."""
    from sitegen.ingest import pubmed
    from sitegen.ingest.text import TextFile

    xml = (
        "<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>1</PMID>"
        "<Book><PubDate><Year>1993</Year></PubDate><BookTitle>GeneReviews</BookTitle></Book>"
        "<ArticleTitle>Cystic Fibrosis</ArticleTitle>"
        "<Abstract><AbstractText>Decades of effort<sup>1-4</sup> made 10<sup>6</sup> cells.</AbstractText></Abstract>"
        "<ContributionDate><Year>2001</Year><Month>03</Month><Day>26</Day></ContributionDate>"
        "</BookDocument></PubmedBookArticle></PubmedArticleSet>"
    )
    [paper], problems = pubmed.read_xml(TextFile("a.xml", (xml,)))
    assert (paper.abstract, paper.date, problems) == ("Decades of effort made 10⁶ cells.", "2001-03-26", [])


# ---------------------------------------------------------------- Markdown reading notes (QA, 2026-11-30)


def _read_notes(tmp_path: Path, name: str, text: str) -> tuple[list[Paper], list[str], str | None]:
    from sitegen.ingest import read_file

    (tmp_path / name).write_text(text, encoding="utf-8")
    papers, problems, reader = read_file(tmp_path / name)
    return papers, [p.message for p in problems], reader


def test_markdown_notes_publish_the_abstract_and_never_the_readers_own_notes(tmp_path: Path) -> None:
    """QA: "# Title / ## Abstract / ## Notes" was read as a Daily Papers listing: two papers titled "## Abstract" and
    "## Notes", the second the reader's private note, and the real title reported as a title without abstract."""
    papers, problems, reader = _read_notes(
        tmp_path,
        "single.md",
        "# Attention Is All You Need\n\n## Abstract\n\nThe dominant sequence transduction models are based on "
        "complex recurrent networks. We propose the Transformer.\n\n## Notes\n\nMulti-head attention is the key "
        "idea and I should read the appendix again.\n",
    )
    assert reader == "markdown-notes" and problems == []
    [paper] = papers
    assert paper.title == "Attention Is All You Need" and paper.abstract.endswith("We propose the Transformer.")


def test_markdown_front_matter_gives_a_papers_fields(tmp_path: Path) -> None:
    """QA: a note whose front matter holds ``title`` and ``abstract`` (Obsidian, Zotero's note templates) was
    claimed and then yielded nothing, without a word; ``--strict`` passed."""
    papers, problems, reader = _read_notes(
        tmp_path,
        "bert.md",
        '---\ntitle: "BERT"\nyear: 2019\nauthors: [Jacob Devlin, Ming-Wei Chang]\ndoi: 10.18653/v1/N19-1423\n'
        'abstract: "We introduce a new language representation model called BERT."\n---\n\nMy notes here.\n',
    )
    assert reader == "markdown-notes" and problems == []
    [paper] = papers
    assert (paper.title, paper.authors, paper.date, paper.links) == (
        "BERT",
        ("Jacob Devlin", "Ming-Wei Chang"),
        "2019",
        ("https://doi.org/10.18653/v1/N19-1423",),
    )
    # the front matter's title with the abstract under a heading of the body
    papers, problems, _ = _read_notes(
        tmp_path, "gpt.md", "---\ntitle: Language Models are Few-Shot Learners\n---\n\n## Abstract\n\nWe scale up.\n"
    )
    assert [(p.title, p.abstract) for p in papers] == [("Language Models are Few-Shot Learners", "We scale up.")]


def test_markdown_headings_are_never_a_listings_titles(tmp_path: Path) -> None:
    """A note without an abstract section is no Daily Papers listing: "## Notes" was a title and the note a paper."""
    prose = "We study how transformers learn in context, with experiments on many synthetic tasks and sizes."
    papers, problems, reader = _read_notes(tmp_path, "n.md", f"# Some paper\n\n{prose}\n\n## Notes\n\n{prose}\n")
    assert (papers, reader) == ([], None)
    assert problems and problems[0].startswith("unrecognised format")


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        (
            "endnote.xml",
            '<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><titles><title>T</title></titles>'
            "</record></records></xml>",
            "an EndNote XML export",
        ),
        ("refs.enw", "%0 Journal Article\n%T A title\n%X An abstract.\n", "an EndNote or Refer tagged file (.enw)"),
        (
            "zotero.rdf",
            '<rdf:RDF\n xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
            ' xmlns:z="http://www.zotero.org/namespaces/export#">\n<bib:Article/>\n</rdf:RDF>\n',
            "a Zotero RDF export",
        ),
    ],
)
def test_exports_sitegen_does_not_read_are_named_with_what_to_export(
    tmp_path: Path, name: str, text: str, what: str
) -> None:
    """QA: EndNote's XML and .enw files were "unrecognised format (not one of: json, ...)", which names readers, not a
    next step; Zotero's RDF was taken for a feed: "feed without entries"."""
    papers, problems, reader = _read_notes(tmp_path, name, text)
    assert (papers, reader) == ([], None)
    assert problems == [
        f"{what}, skipped (sitegen does not read it: export the references as RIS, BibTeX or CSL JSON instead, "
        "abstracts included)"
    ]


def test_markdown_notes_qa_round_2(tmp_path: Path) -> None:
    """QA: a bad date in front matter crashed parse and build; labelled notes with a "# Reading list" heading were
    taken as one Markdown note (abstracts run together); a template's "# Annotations (private)" heading became the
    title; a code block's "# comment" was a title; text after a rule, a nested callout, a footnote and a second
    callout went into the abstract; math lost its "_" and "*"; a list of papers under one "#" heading ran into one."""
    papers, problems, _ = _read_notes(tmp_path, "bad.md", "---\ndate: 2021-02-29\n---\n# T\n\n## Abstract\n\nText.\n")
    assert [p.title for p in papers] == ["T"]
    assert problems[0].startswith("front matter is not valid YAML, its fields left out")
    labelled_md = (
        "# Reading list\n\n**Title:** One\n**Abstract:** First abstract.\n\n**Title:** Two\n**Abstract:** Second.\n"
    )
    papers, problems, reader = _read_notes(tmp_path, "list.md", labelled_md)
    assert (reader, [p.title for p in papers]) == ("labelled", ["One", "Two"])
    template = (
        "---\ntitle: Deep Residual Learning\nauthors: He, Kaiming\n---\n\n# Annotations (private highlights)\n\n"
        "Private.\n\n## Abstract\n\nDeeper networks.\n\n---\n\nMy notes below a rule.\n"
    )
    [paper], _, _ = _read_notes(tmp_path, "z.md", template)
    assert (paper.title, paper.abstract, paper.authors) == (
        "Deep Residual Learning",
        "Deeper networks.",
        ("He, Kaiming",),
    )
    tricky = (
        "```python\n# load the dataset\n```\n\n# Real Title\n\n"
        "> [!abstract]\n> We show $\\hat{\\theta}_{n}$ and $x^*$.\n"
        "> > [!note] nested\n> > private one\n> [!tip] My thoughts\n> private two\n\n[^1]: private three\n"
    )
    [paper], _, _ = _read_notes(tmp_path, "t.md", tricky)
    assert (paper.title, paper.abstract) == ("Real Title", "We show $\\hat{\\theta}_{n}$ and $x^*$.")
    listing = "# Papers to read\n\n## First\n\n### Abstract\n\nOne.\n\n## Second\n\n### Abstract\n\nTwo.\n"
    papers, _, _ = _read_notes(tmp_path, "l.md", listing)
    assert [(p.title, p.abstract) for p in papers] == [("First", "One."), ("Second", "Two.")]
    plain = "# A Title\n\nAbstract: The plain label, as other notes write it.\n\nRating: 5, private\n"
    [paper], _, _ = _read_notes(tmp_path, "p.md", plain)
    assert paper.abstract == "The plain label, as other notes write it."
    placeholders = "---\ntitle: '{{title}}'\nabstract: '{{abstractNote}}'\n---\n"
    papers, problems, _ = _read_notes(tmp_path, "tpl.md", placeholders)
    assert (papers, problems) == ([], ["a note template (its fields are placeholders), skipped"])

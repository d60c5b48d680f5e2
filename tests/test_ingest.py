"""Ingest fixtures: each input file under fixtures/ingest is a case with its expected records and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.pipeline import read_corpus
from tests.conftest import FIXTURES, assert_golden

CASES = FIXTURES / "ingest"
INPUTS = sorted(p.name for p in CASES.iterdir() if not p.name.endswith(".expected.json"))


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

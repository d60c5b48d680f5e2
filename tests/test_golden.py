"""Golden test over all of seeds/: the parsed records are compared whole (`make golden` rewrites)."""

from __future__ import annotations

import pytest

from sitegen.pipeline import read_corpus
from tests.conftest import ROOT, assert_golden


@pytest.fixture(scope="module")
def seeds(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    yield read_corpus(["seeds"])
    mp.undo()


def test_seed_records_golden(seeds) -> None:  # type: ignore[no-untyped-def]
    records = [p.to_json() for p in sorted(seeds.papers, key=lambda p: p.sources)]
    assert_golden(
        ROOT / "tests" / "golden" / "seeds.parse.json",
        {"papers": records, "problems": [str(p) for p in seeds.problems]},
    )


def test_seed_counts(seeds) -> None:  # type: ignore[no-untyped-def]
    assert len(seeds.papers) == 577
    assert (seeds.tally.records, seeds.tally.merged, seeds.tally.skipped) == (594, 17, 0)
    assert len({p.id for p in seeds.papers}) == 577


def test_seed_titles_are_clean(seeds) -> None:  # type: ignore[no-untyped-def]
    from sitegen.ingest.daily import is_noise

    for paper in seeds.papers:
        assert paper.title and not paper.title.startswith("Subscribe") and not is_noise(paper.title)
    synthesized = [p for p in seeds.papers if p.title_synthesized]
    assert len(synthesized) == 10
    assert all(s.file.endswith("000_fa2e9177cd6ac1dd.txt") for p in synthesized for s in p.sources)


def test_seed_metadata_and_links(seeds) -> None:  # type: ignore[no-untyped-def]
    by_title = {p.title: p for p in seeds.papers}
    dual = by_title[
        "Dual Process Learning: Controlling Use of In-Context vs. In-Weights Strategies with Weight Forgetting"
    ]
    assert (dual.authors_count, dual.date) == (4, "2024-05-28")
    assert by_title["Orca: Progressive Learning from Complex Explanation Traces of GPT-4"].upvotes == 18
    links = {link for p in seeds.papers for link in p.links}
    assert {"https://github.com/HCPLab-SYSU/SKT", "https://github.com/chansongoal/FCM-LM/tree/master"} <= links
    assert not any(link.endswith((".", ",", ")", "}")) or "{" in link for link in links)


def test_abstracts_alike_but_titles_differ_are_two_papers(seeds) -> None:  # type: ignore[no-untyped-def]
    titles = {p.title for p in seeds.papers}
    assert "Diffusion Models Beat GANs on Image Classification" in titles
    assert "Do text-free diffusion models learn discriminative visual representations?" in titles

"""Search relevance in the browser: lunr.js ranks the new query forms as lunr.py does, the typo status names what
was searched, an invisible query is no query, and an author link finds the names written otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from sitegen.search_query import index_from_files, search, year_hits
from tests.browser.support import assert_same_ranking, build_small_site
from tests.browser.test_search_browser import BOX, HITS, SUBPATH, hit_titles, search_files, type_query

STATUS = "[data-sitegen-search-status]"


def test_lunr_js_ranks_the_new_query_forms_like_lunr_py(page: Any, site_url: str, site_root: Path) -> None:
    index = index_from_files(search_files(site_root))
    page.goto(site_url)
    for text in [
        "generalization ",
        "generalization",
        "optimizer ",
        "transformer",
        "atention ",
        "atention",
        "prunning ",
        "generalizaton ",
        "segmantation ",
        "segmentaion",
        "quantisation ",
        "generatve ",
        "title:generalizaton ",
        "multi-modal ",
        "multimodal",
        "in-context learning ",
        "gpt4 ",
        "+diffusion -pruning ",
        "diffusion -pruning",
        "-pruning ",
        "diffusion^10 ",
        "title:diffusion ",
        "title:difusion",
        "lovelace",
        "agent atention ",
        # words being typed whose completions' stems are no term ("atteness" -> "att")
        "atten",
        "atte",
        "learni",
        # Chinese: any part of a run of characters, as overlapping pairs (it found only the start of a run)
        "医学图像",
        "应用",
        "卷积神经网络 ",
        "医学图",
        # whole words one edit from a word of the papers, whose stems and light forms are near no term (words.json)
        "classificaion ",
        "prunign ",
        "robustnses ",
        "interpretabiltiy ",
        "prunign graph ",
        "title:classificaion ",
        # a word left out that no paper has (search.js failed: "Search is unavailable")
        "learning -xyzzyq",
        "-xyzzyq learning",
        "learning -difusion models",
    ]:
        assert_same_ranking(page, index, text)


def test_a_misspelt_word_shows_results_for_its_correction(page: Any, site_url: str, site_root: Path) -> None:
    expected = len(search(index_from_files(search_files(site_root)), "attention "))
    page.goto(site_url)
    type_query(page, "atention ")
    expect(page.locator(STATUS)).to_have_text(f"Showing results for \u201cattention\u201d: {expected} matching papers")
    assert all("attention" in t.lower() for t in hit_titles(page)[:5])


def test_left_out_words_and_invisible_queries(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "+diffusion -pruning ")
    expect(page.locator(HITS).first).to_be_visible()
    assert not any("prun" in t.lower() for t in hit_titles(page))
    page.locator(BOX).fill("-pruning ")
    expect(page.locator(STATUS)).to_have_text("\u201c-pruning\u201d only leaves papers out: add a word to search for.")
    page.goto(site_url + "?q=%E2%80%8B")
    expect(page.locator(STATUS)).to_have_text("Type to start searching")
    expect(page.locator(HITS)).to_have_count(0)


BIB = """
@article{a, title={Deep belief nets}, author={Geoffrey E. Hinton and Simon Osindero}, year={2006},
  abstract={A fast learning algorithm for deep belief nets with many layers of features.}}
@article{b, title={Dropout for neural networks}, author={G. E. Hinton and N. Srivastava}, year={2012},
  abstract={Randomly omitting half of the feature detectors prevents co-adaptation of features.}}
@article{c, title={Matrix capsules with routing}, author={Hinton, Geoffrey and Sabour, Sara}, year={2018},
  abstract={Capsules group neurons whose outputs represent an entity and its pose.}}
@article{d, title={A Tribute to Geoffrey Hinton}, author={Jane Doe}, year={2024},
  abstract={We look back on the career of a pioneer of neural networks and backpropagation.}}
@article{e, title={Curriculum learning}, author={Y. Bengio and J. Louradour}, year={2009},
  abstract={Training works better when examples are presented in a meaningful order.}}
@article{f, title={A neural probabilistic language model}, author={Yoshua Bengio and R. Ducharme}, year={2003},
  abstract={We learn a distributed representation of words with the probability function of word sequences.}}
"""


def test_a_site_opened_from_disk_says_search_needs_it_served(page: Any, site_root: Path) -> None:
    """QA: opened from disk (file://), the box stayed at "Type to start searching" whatever was typed: Material's
    document$ never emits there, so the box was never bound, and the index cannot be fetched anyway."""
    page.goto((site_root / SUBPATH / "index.html").as_uri())
    page.click(BOX)
    page.keyboard.type("grokking")
    expect(page.locator(STATUS)).to_contain_text("Search needs the site served over HTTP")
    expect(page.locator(STATUS)).to_contain_text("python -m http.server -d site")


def test_an_author_link_finds_the_author_however_the_name_is_written(
    page: Any, server: tuple[Path, str], site_root: Path
) -> None:
    root, url = server
    bib = root.parent / "authors.bib"
    bib.write_text(BIB)
    site = build_small_site(root, url, "authors", bib)
    hinton = {"Deep belief nets", "Dropout for neural networks", "Matrix capsules with routing"}
    page.goto(site + "?q=Geoffrey%20E.%20Hinton&by=author")
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(HITS)).to_have_count(3)
    assert set(hit_titles(page)) == hinton
    for name, papers in [("Y.%20Bengio", 2), ("Yoshua%20Bengio", 2), ("Hinton,%20G.", 3)]:
        page.goto(site + f"?q={name}&by=author")
        expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
        expect(page.locator(HITS)).to_have_count(papers)
    page.goto(site)
    type_query(page, "G Hinton ")  # initials find the full names
    expect(page.locator(HITS)).to_have_count(3)
    assert set(hit_titles(page)) == hinton
    page.locator(BOX).fill("hinton ")
    expect(page.locator(HITS)).to_have_count(4)
    assert set(hit_titles(page)[:3]) == hinton  # his papers before the tribute with his name in its title


def test_two_words_written_as_one_rank_as_in_python(page: Any, site_url: str, site_root: Path) -> None:
    """The joined term's shard ("incontext") is fetched with the first round, on a fresh page as after it."""
    index = index_from_files(search_files(site_root))
    for text in ["in context learning", "in context learning ", "context learning ", "in-context learning "]:
        page.goto(site_url)
        assert_same_ranking(page, index, text)
    page.goto(site_url)
    type_query(page, "in context learning ")
    assert "in-context" in hit_titles(page)[0].lower()


def test_a_year_alone_shows_that_years_papers(page: Any, site_url: str, site_root: Path) -> None:
    """ "2024" is no paper's word: the papers from 2024 (search/years.json) instead of "No papers match"."""
    files = search_files(site_root)
    expected = year_hits(json.loads(files["search/years.json"]), "2024")
    assert expected and not search(index_from_files(files), "2024")
    rows = [
        row
        for n in range(len(files))
        if f"search/d/{n}.json" in files
        for row in json.loads(files[f"search/d/{n}.json"])
    ]
    page.goto(site_url)
    type_query(page, "2024")
    plural = "s" if len(expected) > 1 else ""
    expect(page.locator(STATUS)).to_have_text(
        f"No paper mentions \u201c2024\u201d; {len(expected)} paper{plural} from 2024"
    )
    shown = hit_titles(page)
    assert shown and shown == [rows[n][1] for n, _ in expected][: len(shown)]

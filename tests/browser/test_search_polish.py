"""Search polish in the browser: a year typed among the words pre-selects the year filter and the status line says
so, an author matched past the first three names is shown and marked, and a word typed without its accents finds
and marks the accented word, lunr.js ranking as lunr.py does; then what QA found of these: the typed year stays
chosen across themes, "All years" picked stays while words are typed, the filters count within each other's choice,
the name that matches best is shown, a year beside words that search for nothing shows its papers, hyphenated words
are marked; Enter opens the top result of the text in the box, any way of closing the search drops ?q=, Back to the
results keeps their place on a phone (also touched while the layout settles), a result opened in a new tab keeps them,
a theme picked while a search runs filters that search, Back from the browser's cache shows the results (each test
failed before the change)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sitegen.search_query import (
    Filtered,
    filtered,
    index_from_files,
    result_authors,
    same_author,
    search,
    year_hits,
    year_search,
)
from tests.browser.support import assert_same_ranking, build_small_site, checked_page, launch_chromium
from tests.browser.test_search_browser import BOX, HITS, MORE, hit_titles, search_files, type_query

STATUS = "[data-sitegen-search-status]"
YEAR = "[data-sitegen-search-year]"
STATE = "[data-sitegen-search]"
THEME = "[data-sitegen-search-filter]"


def doc_rows(files: dict[str, bytes]) -> list[list[Any]]:
    """Every doc-store row, by doc number."""
    return [
        row
        for n in range(len(files))
        if f"search/d/{n}.json" in files
        for row in json.loads(files[f"search/d/{n}.json"])
    ]


def refill(page: Any, text: str) -> None:
    """Replace the query and wait for its results."""
    page.locator(BOX).fill(text)
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")


# --- 1. A year typed with words -------------------------------------------------------------------------------------


def test_a_year_among_the_words_preselects_the_year_filter(page: Any, site_url: str, site_root: Path) -> None:
    """ "diffusion 2024" said "No paper has all of “diffusion 2024”" and listed every paper on diffusion."""
    files = search_files(site_root)
    index, years, rows = index_from_files(files), json.loads(files["search/years.json"]), doc_rows(files)
    dated = year_search(index, years, "diffusion 2024")
    assert dated is not None and 0 < len(dated.shown) < len(dated.hits)
    shown = len(dated.shown)
    page.goto(site_url)
    type_query(page, "diffusion 2024")
    expect(page.locator(STATUS)).to_have_text(
        f"{shown} paper{'s' * (shown != 1)} from 2024 matching \u201cdiffusion\u201d"
    )
    expect(page.locator(YEAR)).to_be_visible()  # the dated hits are all from 2024, but undated ones are left out
    expect(page.locator(YEAR)).to_have_value("2024")
    assert hit_titles(page) == [rows[n][1] for n, _ in dated.shown][:10]
    page.select_option(YEAR, "")  # "All years": every paper on diffusion
    expect(page.locator(STATUS)).to_have_text(f"{len(dated.hits)} matching papers")
    refill(page, "Diffusion 2024 ")  # the same year: "All years" stays, as picked
    expect(page.locator(YEAR)).to_have_value("")
    refill(page, "diffusion ")  # the year left the query: so did the filter it chose
    expect(page.locator(STATUS)).to_have_text(f"{len(dated.hits)} matching papers")
    expect(page.locator(YEAR)).to_be_hidden()
    assert page.url.endswith("?q=diffusion+")  # a finished word: its space kept


def test_a_year_none_of_the_hits_is_from_and_a_year_alone(page: Any, site_url: str, site_root: Path) -> None:
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    dated = year_search(index, years, "grokking 2024 ")
    assert dated is not None and dated.shown == dated.hits
    page.goto(site_url)
    type_query(page, "grokking 2024 ")
    expect(page.locator(STATUS)).to_have_text(
        f"No paper from 2024 matches \u201cgrokking\u201d; showing all {len(dated.hits)} matching papers"
    )
    expect(page.locator(HITS)).to_have_count(min(10, len(dated.hits)))
    refill(page, "2024")  # alone: as before
    expect(page.locator(STATUS)).to_contain_text("No paper mentions \u201c2024\u201d; ")
    refill(page, "diffusion 2030 ")  # no paper is from 2030: a word as before
    expect(page.locator(STATUS)).to_contain_text("No paper has all of \u201cdiffusion 2030\u201d")


def test_lunr_js_searches_what_the_year_leaves_like_lunr_py(page: Any, site_url: str, site_root: Path) -> None:
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    page.goto(site_url)
    for text in ["diffusion 2024", "2024 diffus", "learning 2023 ", "transformer atten 2024"]:
        dated = year_search(index, years, text)
        assert dated is not None, text
        browser_hits = page.evaluate("text => window.sitegenSearch.ranked(text)", dated.rest)
        assert [n for n, _ in browser_hits] == [n for n, _ in dated.hits], text


# --- 3. Accents folded ---------------------------------------------------------------------------------------------


def test_a_word_typed_without_its_accents_finds_and_marks_it(page: Any, site_url: str) -> None:
    """ "pade" found "Padé Approximants" but marked no word of its title; "schrodinger" found nothing."""
    page.goto(site_url)
    type_query(page, "pade")
    first = page.locator(HITS).first
    expect(first.locator("h1")).to_contain_text("Padé Approximants")
    expect(first.locator("h1 mark")).to_have_text("Padé")
    refill(page, "schrodinger ")
    expect(page.locator(HITS)).to_have_count(1)
    expect(page.locator(HITS).first.locator(".sitegen-search__snippet mark").first).to_have_text("Schrödinger")
    refill(page, "Schrödinger ")  # typed with its accent: the same
    expect(page.locator(HITS).first.locator(".sitegen-search__snippet mark").first).to_have_text("Schrödinger")


def test_lunr_js_folds_accents_like_lunr_py(page: Any, site_url: str, site_root: Path) -> None:
    index = index_from_files(search_files(site_root))
    page.goto(site_url)
    typed = ["pade", "padé", "Padé approx", "pade approximants ", "schrodinger ", "Schrödinger", "schro\u0308dinger "]
    for text in [*typed, "ansätze ", "ansatz", "pokémon ", "Poincaré ", "naïve bayes "]:
        assert_same_ranking(page, index, text)
    assert search(index, "schrodinger ")


# --- 2. An author matched past the first three ----------------------------------------------------------------------

BIB = """
@article{vaswani, title={Attention is all you need}, year={2017},
  author={Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit and Llion Jones and Aidan N. Gomez
          and Łukasz Kaiser and Illia Polosukhin},
  abstract={The dominant sequence transduction models are based on recurrent or convolutional neural networks.}}
@article{cut, title={Sparse attention at scale}, year={2020},
  author={Ada Lovelace and Alan Turing and Emmy Noether and Grace Hopper and Lukas Kaiser and others},
  abstract={We make attention sparse so that long sequences fit in memory.}}
@article{plain, title={Kernel methods revisited}, year={2019}, author={Bernhard Kaiser and John Doe},
  journal={Journal of Machine Learning Research},
  abstract={A kernel machine learns a linear function in a feature space.}}
@article{wangs, title={Many names}, year={2021},
  author={Li Zhang and Wei Wang and Jun Li and Hao Wang and Min Wang and Jie Wang and Yi Wang and Xin Chen},
  abstract={A paper whose authors share a family name.}}
@article{belief, title={Deep belief nets}, year={2006}, author={Geoffrey E. Hinton and Simon Osindero},
  abstract={We show how to use complementary priors to eliminate explaining away.}}
@article{capsule, title={Capsule routing}, year={2017}, author={Sara Sabour and Hinton, G. E.},
  abstract={A capsule is a group of neurons whose activity vector represents an entity.}}
@article{soil, title={Soil chemistry}, year={2010}, author={G. J. Hinton and Ann Lee}, journal={The Lancet},
  abstract={We measure soil acidity across farms.}}
@article{mueller, title={Mueller matrix imaging}, year={2012}, author={A. Mueller},
  abstract={Polarised light through tissue.}}
@article{muller, title={Polarimetry by the Müller calculus}, year={2011}, author={Anna Müller},
  abstract={Stokes vectors of scattered light.}}
@article{plainmuller, title={Depolarisation after Muller}, year={2013}, author={A. Muller},
  abstract={Turbid media.}}
"""


@pytest.fixture(scope="module")
def authors_url(server: tuple[Path, str]) -> Iterator[str]:
    """A site of papers whose authors a query may match past the first three names, and three Hintons."""
    root, url = server
    bib = root.parent / "polish.bib"
    bib.write_text(BIB)
    yield build_small_site(root, url, "polish", bib)


def authors_of(page: Any, title: str) -> Any:
    return page.locator(HITS).filter(has_text=title).locator(".sitegen-search__authors")


def test_an_author_matched_past_the_first_three_is_shown(page: Any, authors_url: str) -> None:
    """ "kaiser" found "Attention is all you need" and showed "Ashish Vaswani, Noam Shazeer, Niki Parmar et al."."""
    page.goto(authors_url)
    type_query(page, "kaiser")
    expect(page.locator(HITS)).to_have_count(3)
    attention = authors_of(page, "Attention is all you need")
    expect(attention).to_have_text("Ashish Vaswani, Noam Shazeer, Niki Parmar \u2026 \u0141ukasz Kaiser et al.")
    expect(attention.locator("mark")).to_have_text("Kaiser")
    sparse = authors_of(page, "Sparse attention at scale")  # the last name given, but they were not all
    expect(sparse).to_have_text("Ada Lovelace, Alan Turing, Emmy Noether \u2026 Lukas Kaiser et al.")
    expect(authors_of(page, "Kernel methods revisited")).to_have_text("Bernhard Kaiser, John Doe")
    refill(page, "lukasz ")  # typed without its accent: found and marked
    expect(page.locator(HITS)).to_have_count(1)
    expect(authors_of(page, "Attention").locator("mark")).to_have_text("\u0141ukasz")
    refill(page, "attention ")  # no name matched: the first three, as before
    expect(authors_of(page, "Attention is all you need")).to_have_text(
        "Ashish Vaswani, Noam Shazeer, Niki Parmar et al."
    )
    expect(authors_of(page, "Attention is all you need").locator("mark")).to_have_count(0)
    page.goto(authors_url + "?q=%C5%81ukasz%20Kaiser&by=author")  # an author link
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(HITS)).to_have_count(2)  # "Lukas Kaiser" has the initial L too
    expect(authors_of(page, "Attention is all you need").locator("mark")).to_have_text(["\u0141ukasz Kaiser"])  # whole


@pytest.mark.parametrize("name", ["Hinton GE", "GE Hinton", "G. E. Hinton"])
def test_an_author_link_with_initials_finds_that_author_first(page: Any, authors_url: str, name: str) -> None:
    """QA: a "GE Hinton" link listed G. J. Hinton's paper among the first: "GE" before the family name was read as a
    given name (initial G), which G. J. agrees with. ("Hinton GE", reported too, was right: checked here.)"""
    page.goto(authors_url + "?q=" + name.replace(" ", "%20") + "&by=author")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(f"{HITS} h1").nth(1)).to_be_visible()
    assert set(page.locator(f"{HITS} h1").all_inner_texts()[:2]) == {"Deep belief nets", "Capsule routing"}
    marks = page.locator(f"{HITS} .sitegen-search__authors mark").all_inner_texts()
    assert sorted(marks) == ["G. E. Hinton", "Geoffrey E. Hinton"], marks  # never G. J. Hinton


def test_a_word_searched_in_one_field_is_marked_in_that_field_alone(page: Any, authors_url: str) -> None:
    """QA: "author:wang" still marked "Wangs" in a title; "title:attention" marked the abstracts' "attention"."""
    page.goto(authors_url)
    type_query(page, "title:attention ")
    sparse = page.locator(HITS).filter(has_text="Sparse attention at scale")
    expect(sparse.locator("h1 mark")).to_have_text(["attention"])
    expect(sparse.locator(".sitegen-search__snippet")).to_contain_text("We make attention sparse")
    expect(sparse.locator(".sitegen-search__snippet mark")).to_have_count(0)
    refill(page, "attention ")  # in every field: the abstract's too
    expect(sparse.locator(".sitegen-search__snippet mark")).to_have_text(["attention"])


def test_an_umlaut_and_its_spelling_with_e_find_and_mark_each_other(
    page: Any, authors_url: str, server: tuple[Path, str]
) -> None:
    """QA: "Mueller" and "Müller" found disjoint sets of papers. Either finds both, marks both spellings, and an
    author link of one spelling finds and marks the other's name. The regression hunt: "muller" found "Mueller"
    (through "Müller") and marked it nowhere, nor "mueller" a plain "Muller"; each spelling marks all three now."""
    site = server[0] / "polish"
    files = {str(p.relative_to(site)): p.read_bytes() for p in (site / "search").rglob("*.json")}
    index, rows = index_from_files(files), doc_rows(files)
    page.goto(authors_url)
    folded = {"Polarimetry by the Müller calculus", "Depolarisation after Muller"}  # "müller" folds to "muller"
    for typed, firsts in (("mueller ", {"Mueller matrix imaging"}), ("müller ", folded), ("muller ", folded)):
        refill(page, typed)
        expect(page.locator(f"{HITS} h1")).to_have_text([rows[n][1] for n, _ in search(index, typed)])
        assert page.locator(f"{HITS} h1").all_inner_texts()[0] in firsts  # the spelling typed first
        titles = page.locator(f"{HITS} h1 mark").all_inner_texts()
        assert sorted(titles) == ["Mueller", "Muller", "Müller"], (typed, titles)
        names = page.locator(f"{HITS} .sitegen-search__authors mark").all_inner_texts()
        assert sorted(names) == ["Mueller", "Muller", "Müller"], (typed, names)
    page.goto(authors_url + "?q=A.%20Mueller&by=author")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(f"{HITS} h1")).to_have_count(3)
    marks = page.locator(f"{HITS} .sitegen-search__authors mark").all_inner_texts()
    assert sorted(marks) == ["A. Mueller", "A. Muller", "Anna Müller"], marks


MUELLER_BIB = """
@article{mueller, title={Mueller matrix imaging}, year={2012}, author={A. Mueller},
  abstract={Polarised light through tissue.}}
@article{length, title={Illusions of length}, year={2013}, author={B. Smith},
  abstract={Measured with a Mueller polarimeter.}}
@article{muller, title={Depolarisation after Muller}, year={2013}, author={C. Muller},
  abstract={Turbid media.}}
@article{queue, title={A blue queue}, year={2014}, author={D. Poet},
  abstract={The poet waits for the value.}}
@article{crystals, title={Photonic crystals}, year={2014}, author={E. Jones},
  abstract={Polarised light in crystals.}}
"""
"""No paper writes "M\u00fcller": "Mueller" and a plain "Muller" are no twins."""
SPELT = {"Mueller matrix imaging", "Illusions of length", "Depolarisation after Muller"}


@pytest.fixture(scope="module")
def mueller_site(server: tuple[Path, str]) -> tuple[str, dict[str, bytes]]:
    root, url = server
    bib = root.parent / "mueller.bib"
    bib.write_text(MUELLER_BIB)
    site = build_small_site(root, url, "mueller", bib)
    files = {
        str(p.relative_to(root / "mueller")): p.read_bytes() for p in (root / "mueller" / "search").rglob("*.json")
    }
    return site, files


def test_an_umlaut_typed_finds_and_marks_the_word_spelt_with_e(
    page: Any, mueller_site: tuple[str, dict[str, bytes]]
) -> None:
    """QA: "m\u00fcller" found nothing of a site that writes "Mueller" only (it searched the folded "muller"). It finds
    and marks "Mueller" now, and the plain "Muller" as before, while typed too, with a year, as an author link;
    lunr.js as lunr.py, and the words without an umlaut as before."""
    site, files = mueller_site
    index, rows = index_from_files(files), doc_rows(files)
    page.goto(site)
    typed = [
        "m\u00fcller ",
        "M\u00fcller",
        "m\u00fcll",
        "m\u00fc",
        "title:m\u00fcller ",
        "author:M\u00fcller ",
        "polarised -m\u00fcller ",
        "light NOT M\u00fcller",
        "mueller ",
        "muller ",
        "queue ",
        "blue ",
        "poet ",
        "pot ",
    ]
    for text in typed:
        assert_same_ranking(page, index, text)
    assert {rows[n][1] for n, _ in search(index, "m\u00fcller ")} == SPELT
    type_query(page, "m\u00fcller ")
    expect(page.locator(f"{HITS} h1")).to_have_text([rows[n][1] for n, _ in search(index, "m\u00fcller ")])
    assert sorted(page.locator(f"{HITS} h1 mark").all_inner_texts()) == ["Mueller", "Muller"]
    assert sorted(page.locator(f"{HITS} .sitegen-search__authors mark").all_inner_texts()) == ["Mueller", "Muller"]
    expect(
        page.locator(HITS).filter(has_text="Illusions of length").locator(".sitegen-search__snippet mark")
    ).to_have_text(["Mueller"])
    refill(page, "M\u00fcll")  # being typed
    assert set(hit_titles(page)) == SPELT
    assert sorted(page.locator(f"{HITS} h1 mark").all_inner_texts()) == ["Mueller", "Muller"]
    refill(page, "m\u00fcller 2013 ")  # a year among the words
    expect(page.locator(STATUS)).to_have_text("2 papers from 2013 matching \u201cm\u00fcller\u201d")
    assert set(hit_titles(page)) == {"Illusions of length", "Depolarisation after Muller"}
    page.goto(site + "?q=A.%20M%C3%BCller&by=author")  # an author link typed with the umlaut
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(f"{HITS} h1").first).to_have_text("Mueller matrix imaging")
    expect(page.locator(f"{HITS} .sitegen-search__authors mark")).to_have_text(["A. Mueller"])


def test_the_venue_is_searched_and_shown_after_the_year(page: Any, authors_url: str, server: tuple[Path, str]) -> None:
    """ "lancet" found nothing, though the paper page names The Lancet: the venue is searched (lunr.js as lunr.py),
    and a result shows it after the year, the words the query found there marked."""
    site = server[0] / "polish"
    index = index_from_files({str(p.relative_to(site)): p.read_bytes() for p in (site / "search").rglob("*.json")})
    page.goto(authors_url)
    for text in ["lancet", "machine learning research ", "journal:lancet ", "venue:learning kernel "]:
        python_hits = search(index, text)
        assert python_hits, text
        assert [n for n, _ in page.evaluate("text => window.sitegenSearch.ranked(text)", text)] == [
            n for n, _ in python_hits
        ], text
    type_query(page, "lancet")
    expect(page.locator(f"{HITS} h1")).to_have_text(["Soil chemistry"])
    meta = page.locator(f"{HITS} .sitegen-search__meta")
    expect(meta.locator("time + .sitegen-search__venue")).to_have_text("The Lancet")
    expect(meta.locator(".sitegen-search__venue mark")).to_have_text(["Lancet"])
    refill(page, "machine learning research ")  # "research" is the venue's alone
    kernel = page.locator(HITS).filter(has_text="Kernel methods revisited")
    expect(kernel.locator(".sitegen-search__venue")).to_have_text("Journal of Machine Learning Research")
    expect(kernel.locator(".sitegen-search__venue mark")).to_have_text(["Machine", "Learning", "Research"])
    refill(page, "attention ")  # papers without a venue show none
    expect(page.locator(f"{HITS} .sitegen-search__venue")).to_have_count(0)


# --- 4. The filters and the typed year (QA) -------------------------------------------------------------------------


def papers(n: int) -> str:
    return f"{n} paper{'s' * (n != 1)}"


def expect_menus(page: Any, shown: Filtered, labels: dict[str, str]) -> None:
    """The theme and year menus read as :func:`filtered` has them."""
    all_themes, *themes = shown.themes
    expect(page.locator(f"{THEME} option")).to_have_text(
        [f"All themes ({all_themes[1]})", *(f"{labels[t]} ({n})" for t, n in themes)]
    )
    expect(page.locator(f"{YEAR} option")).to_have_text(
        [f"All years ({shown.all_years})", *(f"{y} ({n})" for y, n in shown.years)]
    )


def diffusion_2024(site_root: Path) -> tuple[Any, Any, list[Any], Any]:
    """The seeds site's index, search/years.json, manifest themes and the search of "diffusion 2024"."""
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    dated = year_search(index, years, "diffusion 2024")
    assert dated is not None
    return index, years, json.loads(files["search/index.json"])["themes"], dated


def test_the_typed_year_stays_chosen_across_themes(page: Any, site_url: str, site_root: Path) -> None:
    """ "diffusion 2024", then a theme none of whose hits is from 2024 said "1 matching paper", and "All themes"
    again "44 matching papers" with the year filter hidden; the theme menu counted every year ("All themes (44)")."""
    _, years, themes, dated = diffusion_2024(site_root)
    labels = {t[0]: t[1] for t in themes}
    in_2024 = filtered(dated.hits, years, themes, year="2024", typed="2024")
    assert in_2024.themes[0] == ("", len(dated.shown))
    page.goto(site_url)
    type_query(page, "diffusion 2024")
    expect_menus(page, in_2024, labels)  # counted within 2024: only the themes with papers from it
    theme, count = in_2024.themes[1]
    page.select_option(THEME, theme)
    expect(page.locator(STATUS)).to_have_text(
        f"{papers(count)} in \u201c{labels[theme]}\u201d from 2024 matching \u201cdiffusion\u201d"
    )
    page.select_option(THEME, "")
    expect(page.locator(STATUS)).to_have_text(f"{papers(len(dated.shown))} from 2024 matching \u201cdiffusion\u201d")
    expect(page.locator(YEAR)).to_be_visible()
    expect(page.locator(YEAR)).to_have_value("2024")

    every = filtered(dated.hits, years, themes)
    other = next(t for t, _ in every.themes[1:] if t not in dict(in_2024.themes))  # none of its hits from 2024
    refill(page, "diffusion ")
    page.select_option(THEME, other)
    refill(page, "diffusion 2024")  # the year typed with that theme chosen
    none = filtered(dated.hits, years, themes, theme=other, year="2024", typed="2024")
    assert none.none
    n = len(none.shown)
    expect(page.locator(STATUS)).to_have_text(
        f"No paper from 2024 in \u201c{labels[other]}\u201d matches \u201cdiffusion\u201d; "
        + ("showing the one matching paper" if n == 1 else f"showing all {n} matching papers")
    )
    expect(page.locator(HITS)).to_have_count(min(n, 10))
    expect_menus(page, none, labels)  # the chosen theme listed with its 0
    expect(page.locator(YEAR)).to_have_value("2024")
    page.select_option(THEME, "")  # back: the papers from 2024 again
    expect(page.locator(STATUS)).to_have_text(f"{papers(len(dated.shown))} from 2024 matching \u201cdiffusion\u201d")
    expect_menus(page, in_2024, labels)


def test_a_chosen_theme_stays_while_a_year_is_typed_key_by_key(page: Any, site_url: str, site_root: Path) -> None:
    """QA: "diffusion", a theme picked, then " 2024" typed key by key: at "diffusion 20" no hit was in the theme and
    "All themes" took its place, so the theme was lost (pasted at once, it stayed). The theme stays chosen while
    none of the hits is in it, and the results say so."""
    index, years, themes, dated = diffusion_2024(site_root)
    labels = {t[0]: t[1] for t in themes}
    in_2024 = dict(filtered(dated.hits, years, themes, year="2024", typed="2024").themes)
    other = next(t for t, _ in filtered(dated.hits, years, themes).themes[1:] if t not in in_2024)
    page.goto(site_url)
    type_query(page, "diffusion ")
    page.select_option(THEME, other)
    page.locator(BOX).press_sequentially("2024", delay=400)  # the results of "diffusion 2", "diffusion 20", ...
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    none = filtered(dated.hits, years, themes, theme=other, year="2024", typed="2024")
    n = len(none.shown)
    expect(page.locator(STATUS)).to_have_text(
        f"No paper from 2024 in \u201c{labels[other]}\u201d matches \u201cdiffusion\u201d; "
        + ("showing the one matching paper" if n == 1 else f"showing all {n} matching papers")
    )
    expect(page.locator(THEME)).to_have_value(other)

    def theme_of(n: int) -> str:
        return next(str(t[0]) for t in themes if t[2] <= n < t[3])

    query = next(
        q
        for q in ("grokking ", "pruning ", "graph ", "agents ")
        if other not in {theme_of(n) for n, _ in search(index, q)}
    )
    hits = search(index, query)
    refill(page, query)  # none of its hits in the theme: all shown, the theme still chosen
    assert filtered(hits, years, themes, theme=other).theme_none
    expect(page.locator(STATUS)).to_have_text(
        f"No paper in \u201c{labels[other]}\u201d matches \u201c{query.strip()}\u201d; "
        f"showing all {len(hits)} matching papers"
    )
    expect(page.locator(THEME)).to_have_value(other)
    expect(page.locator(HITS)).to_have_count(min(len(hits), 10))
    refill(page, "diffusion ")  # hits in it again: the theme filters again
    expect(page.locator(THEME)).to_have_value(other)
    expect(page.locator(HITS)).to_have_count(
        len(filtered(search(index, "diffusion "), years, themes, theme=other).shown)
    )


def test_all_years_picked_stays_until_the_typed_year_changes(page: Any, site_url: str, site_root: Path) -> None:
    """After "diffusion 2024" and "All years", a space or another word chose 2024 again."""
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    more = year_search(index, years, "diffusion 2024 model ")
    assert more is not None
    page.goto(site_url)
    type_query(page, "diffusion 2024")
    page.select_option(YEAR, "")
    refill(page, "diffusion 2024 ")
    expect(page.locator(YEAR)).to_have_value("")
    refill(page, "diffusion 2024 model ")
    expect(page.locator(YEAR)).to_have_value("")
    expect(page.locator(STATUS)).to_have_text(f"{len(more.hits)} matching papers")
    expect(page.locator(YEAR)).to_be_visible()  # the typed year can be chosen again from it
    page.select_option(YEAR, "2024")
    refill(page, "diffusion 2024 models ")  # picked again, it is the typed year: it stays as well
    expect(page.locator(YEAR)).to_have_value("2024")
    page.select_option(YEAR, "")
    refill(page, "diffusion 2023 models ")  # the year in the query changed: it is chosen
    expect(page.locator(YEAR)).to_have_value("2023")
    refill(page, "diffusion models ")  # and gone from the query: "All years"
    expect(page.locator(YEAR)).to_have_value("")


def test_a_picked_year_counts_the_themes_within_it(page: Any, site_url: str, site_root: Path) -> None:
    """The theme menu counted every year whatever the year filter said, typed or picked."""
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    themes = json.loads(files["search/index.json"])["themes"]
    labels = {t[0]: t[1] for t in themes}
    hits = search(index, "reinforcement ")
    every = filtered(hits, years, themes)
    newest = every.years[0][0]
    page.goto(site_url)
    type_query(page, "reinforcement ")
    expect_menus(page, every, labels)
    page.select_option(YEAR, newest)
    picked = filtered(hits, years, themes, year=newest)
    assert picked.themes[0][1] < every.themes[0][1]
    expect_menus(page, picked, labels)


# --- 5. A year beside words that search for nothing (QA) ------------------------------------------------------------


def test_a_year_beside_words_that_search_for_nothing(page: Any, site_url: str, site_root: Path) -> None:
    """ "-diffusion 2024" and "the 2024" said "No papers match"; "2024" alone shows the papers from 2024."""
    files = search_files(site_root)
    index, years, rows = index_from_files(files), json.loads(files["search/years.json"]), doc_rows(files)
    alone = year_hits(years, "2024")
    without = year_hits(years, "-diffusion 2024", index)
    assert 0 < len(without) < len(alone)
    page.goto(site_url)
    type_query(page, "-diffusion 2024")
    expect(page.locator(STATUS)).to_have_text(
        f"No paper mentions \u201c2024\u201d; {papers(len(without))} from 2024 without \u201cdiffusion\u201d"
    )
    assert hit_titles(page) == [rows[n][1] for n, _ in without][:10]
    refill(page, "the 2024")
    expect(page.locator(STATUS)).to_have_text(f"No paper mentions \u201c2024\u201d; {papers(len(alone))} from 2024")
    assert hit_titles(page) == [rows[n][1] for n, _ in alone][:10]


# --- 6. Hyphenated words marked (QA) --------------------------------------------------------------------------------


def test_a_hyphenated_word_is_marked_whole(page: Any, site_url: str) -> None:
    """ "in-context learning" marked only "learning", "u-net" nothing: the index holds "incontext" and "unet"."""
    page.goto(site_url)
    type_query(page, "in-context learning")
    marks = page.locator(f"{HITS} mark").all_inner_texts()
    assert "in-context" in {m.lower() for m in marks}, marks
    assert not {"in", "context"} & {m.lower() for m in marks}, marks  # never the parts alone
    refill(page, "u-net ")
    marks = page.locator(f"{HITS} mark").all_inner_texts()
    assert "U-Net" in marks, marks
    refill(page, "in context learning ")  # two words, also searched joined: "in-context" is marked whole
    assert "in-context" in {m.lower() for m in page.locator(f"{HITS} mark").all_inner_texts()}


@pytest.mark.parametrize("typed", ["u-net", "2024 diffusion"])
def test_a_word_being_typed_marks_no_more_of_a_hyphenated_word(page: Any, site_url: str, typed: str) -> None:
    """QA: the word being typed, searched as a prefix, marked whole the hyphenated words it starts ("U-Net-based",
    "Diffusion-Based" for "2024 diffusion"), where the finished word marks its part ("diffusion 2024": "Diffusion")."""
    page.goto(site_url)
    type_query(page, typed)
    shown = " ".join(page.locator(HITS).all_inner_texts()).lower()
    assert re.search(r"\b(u-net|diffusion)-based\b", shown), "no hyphenated word to mark among the results"
    marks = {m.lower() for m in page.locator(f"{HITS} mark").all_inner_texts()}
    assert marks and not {m for m in marks if m.endswith("-based")}, marks
    assert {"u-net", "diffusion"} & marks, marks


def test_a_key_typed_on_a_result_goes_to_the_query(page: Any, site_url: str) -> None:
    """QA: "pruning", ArrowDown, then "x": focus stayed on the result and the key was lost."""
    page.goto(site_url)
    type_query(page, "pruning")
    page.keyboard.press("ArrowDown")
    expect(page.locator(HITS).first).to_be_focused()
    page.keyboard.type(" graph")
    expect(page.locator(BOX)).to_be_focused()
    expect(page.locator(BOX)).to_have_value("pruning graph")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Backspace")
    expect(page.locator(BOX)).to_have_value("pruning grap")


def test_a_stop_word_being_typed_beside_words_is_not_marked(page: Any, site_url: str) -> None:
    """QA: "attention is" (the "is" still being typed) marked "is" and "issue" and centred the snippets on them."""
    page.goto(site_url)
    type_query(page, "attention is")
    expect(page.locator(f"{HITS} mark").first).to_be_visible()
    marks = {m.lower() for m in page.locator(f"{HITS} mark").all_inner_texts()}
    assert marks and all(m.startswith("attention") for m in marks), marks


# --- 7. The name that matches best (QA) -----------------------------------------------------------------------------


def test_the_name_that_matches_more_of_the_query_is_shown(page: Any, authors_url: str) -> None:
    """ "yi wang" showed "Li Zhang, Wei Wang, Jun Li, Hao Wang, Min Wang, Jie Wang et al.": no Yi Wang."""
    expected = "Li Zhang, Wei Wang, Jun Li, Hao Wang, Min Wang \u2026 Yi Wang et al."
    page.goto(authors_url)
    type_query(page, "yi wang")
    expect(authors_of(page, "Many names")).to_have_text(expected)
    page.goto(authors_url + "?q=Yi%20Wang&by=author")  # an author link: that author alone, shown and marked (QA)
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    names = ("Li Zhang", "Wei Wang", "Jun Li", "Hao Wang", "Min Wang", "Jie Wang", "Yi Wang", "Xin Chen")  # BIB
    linked = result_authors(names, matched=lambda name: same_author(name, "Yi Wang"))
    assert linked == "Li Zhang, Wei Wang, Jun Li \u2026 Yi Wang et al."
    expect(authors_of(page, "Many names")).to_have_text(linked)
    expect(authors_of(page, "Many names").locator("mark")).to_have_text(["Yi Wang"])


# --- 8. Enter, closing and coming back (QA) -------------------------------------------------------------------------


class Held:
    """The search's term shards and doc chunks held back until ``release``: a slow connection, made certain."""

    def __init__(self, page: Any) -> None:
        self.routes: list[Any] = []
        self.released = False
        page.route(re.compile(r"/search/[td]/\d+\.json"), self._hold)

    def _hold(self, route: Any) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()


def top_url(site_url: str, site_root: Path, text: str) -> str:
    """The address of the top result for ``text`` as typed (lunr.py, which search.js mirrors)."""
    files = search_files(site_root)
    row = doc_rows(files)[search(index_from_files(files), text)[0][0]]
    return site_url + str(row[0])


def pruning_held_after_diffusion(page: Any, site_url: str) -> Held:
    """ "diffusion" searched, then Ctrl+A and "pruning" typed, whose search files are held back (:class:`Held`): the
    search for pruning runs while diffusion's list is on screen."""
    page.goto(site_url)
    type_query(page, "diffusion")
    held = Held(page)
    page.keyboard.press("Control+a")
    page.keyboard.type("pruning")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "busy")
    return held


def test_enter_right_after_typing_opens_the_top_result_of_the_text_in_the_box(
    page: Any, site_url: str, site_root: Path
) -> None:
    """QA: "diffusion", then Ctrl+A, "pruning" and Enter at once, the search files ~100 ms away, opened the top paper
    on diffusion: Enter clicked the list on screen while "pruning" was still searched."""
    top = top_url(site_url, site_root, "pruning")
    assert top != top_url(site_url, site_root, "diffusion")
    held = pruning_held_after_diffusion(page, site_url)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert held.routes, "the search for pruning fetched nothing: no race to test"
    assert page.url.endswith("?q=pruning")  # nothing opened while it searched
    held.release()
    expect(page).to_have_url(top)


def test_enter_before_the_first_results_opens_the_top_one_when_they_arrive(
    page: Any, site_url: str, site_root: Path
) -> None:
    """QA: with no earlier query, Enter before the first results arrived did nothing."""
    page.goto(site_url)
    held = Held(page)
    page.keyboard.press("/")
    page.keyboard.type("pruning")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert held.routes
    held.release()
    expect(page).to_have_url(top_url(site_url, site_root, "pruning"))


def test_enter_then_esc_before_the_results_arrive_opens_nothing(page: Any, site_url: str) -> None:
    page.goto(site_url)
    held = Held(page)
    page.keyboard.press("/")
    page.keyboard.type("pruning")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    held.release()
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    page.wait_for_timeout(300)
    assert page.url == site_url


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page at a phone's size, touched (as tests/browser/conftest.py's page: no script error allowed)."""
    with checked_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        yield page


def search_on_a_phone(phone: Any, text: str) -> None:
    """Tap the header's magnifier, type ``text`` and wait for its results."""
    phone.locator("label.md-header__button[for=__search]").tap()
    expect(phone.locator(BOX)).to_be_focused()
    phone.keyboard.type(text)
    expect(phone.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")


def test_the_back_arrow_of_a_phones_search_bar_drops_the_query_from_the_address(phone: Any, site_url: str) -> None:
    """QA: the arrow (a label for the toggle) closed the search without dropping ?q=: reloading reopened it, and Back
    from a page opened from there showed it full-screen again. Esc and a click beside the box dropped it."""
    phone.goto(site_url)
    search_on_a_phone(phone, "pruning")
    assert "q=pruning" in phone.url
    phone.locator("[data-sitegen-search] .md-search__icon[for=__search]").tap()  # the back arrow
    expect(phone.locator("#__search")).not_to_be_checked()
    assert phone.url == site_url
    assert phone.evaluate("() => !document.querySelector('[data-sitegen-search]').contains(document.activeElement)")
    phone.reload()
    phone.wait_for_timeout(500)  # past the moment a ?q= link's search reopens
    expect(phone.locator("#__search")).not_to_be_checked()
    phone.locator(".sg-themes a").first.tap()
    expect(phone).not_to_have_url(site_url)
    phone.go_back()
    expect(phone).to_have_url(site_url)
    phone.wait_for_timeout(500)
    expect(phone.locator("#__search")).not_to_be_checked()


SCROLLED = "() => document.querySelector('[data-sitegen-search] .md-search__scrollwrap').scrollTop"
"""Where the open search's list is scrolled to."""


def open_a_result_far_down_and_go_back(phone: Any, site_url: str, wait_until: str = "load") -> float:
    """On a phone: "graph", "Show more", the 15th result tapped, Back; the list's place when the result was tapped."""
    phone.goto(site_url)
    search_on_a_phone(phone, "graph")
    phone.locator(MORE).tap()
    hit = phone.locator(HITS).nth(14)
    hit.scroll_into_view_if_needed()
    place = phone.evaluate(SCROLLED)
    assert place > 500, place
    href = hit.evaluate("a => a.href")
    hit.tap()
    expect(phone).to_have_url(href)
    phone.go_back(wait_until=wait_until)
    expect(phone).to_have_url(re.compile(r"\?q=graph$"))
    return float(place)


def test_back_to_the_results_on_a_phone_keeps_their_place(phone: Any, site_url: str) -> None:
    """QA: "graph", "Show more", the 15th result tapped, Back: the results came back scrolled to the top (scrollTop
    1184 -> 0), where at desktop size they kept their place."""
    scrolled = SCROLLED
    place = open_a_result_far_down_and_go_back(phone, site_url)
    expect(phone.locator(HITS)).to_have_count(20)
    phone.wait_for_function(f"() => Math.abs(({scrolled})() - {place}) <= 1", timeout=5000)
    phone.wait_for_timeout(1500)  # past Material closing the search after a change of address, and the layout's moves
    expect(phone.locator("#__search")).to_be_checked()
    assert abs(phone.evaluate(scrolled) - place) <= 1, (phone.evaluate(scrolled), place)
    expect(phone.locator(HITS).nth(14)).to_be_in_viewport()


@pytest.mark.parametrize("modifier", ["Control", "Shift"])
def test_a_result_opened_in_a_new_tab_keeps_the_results(page: Any, site_url: str, modifier: str) -> None:
    """QA: Ctrl+click on a result opened it in a new tab and closed the results in this one (as Material's own search
    does); a middle click kept them. Shift+click opened the result in this tab (Material's instant navigation)."""
    page.goto(site_url)
    type_query(page, "pruning")
    hit = page.locator(HITS).nth(1)
    href = hit.evaluate("a => a.href")
    with page.context.expect_page() as opened:
        hit.click(modifiers=[modifier])
    expect(opened.value).to_have_url(href)
    page.wait_for_timeout(300)
    expect(page.locator("#__search")).to_be_checked()
    assert page.url.endswith("?q=pruning")
    expect(page.locator(HITS).first).to_be_visible()


# --- 9. A filter picked while a search runs, Back from the browser's cache (QA, second round) -----------------------


@pytest.mark.parametrize("enter", [False, True])
def test_a_theme_picked_while_a_search_runs_filters_that_search(
    page: Any, site_url: str, site_root: Path, enter: bool
) -> None:
    """QA: "diffusion", then Ctrl+A and "pruning", and a theme picked while "pruning" was searched: the box said
    "pruning", the list and status line were diffusion's in that theme ("28 matching papers"), the search for
    "pruning" was dropped, and Enter (pressed before the pick or after) opened the top paper on diffusion."""
    files = search_files(site_root)
    index, years, rows = index_from_files(files), json.loads(files["search/years.json"]), doc_rows(files)
    themes = json.loads(files["search/index.json"])["themes"]
    before, after = search(index, "diffusion"), search(index, "pruning")
    offered = dict(filtered(before, years, themes).themes[1:])  # the menu at the pick: diffusion's themes
    counts = dict(filtered(after, years, themes).themes[1:])

    def top(hits: list[tuple[int, float]], theme: str) -> int:
        return filtered(hits, years, themes, theme=theme).shown[0][0]

    # The theme of most of pruning's papers that it offers, whose top paper on diffusion is another.
    theme = max((t for t in offered if counts.get(t) and top(before, t) != top(after, t)), key=counts.__getitem__)
    shown = filtered(after, years, themes, theme=theme)
    assert not shown.theme_none and len(shown.shown) < len(after)  # pruning's papers in it: a real filter
    held = pruning_held_after_diffusion(page, site_url)
    if enter:
        page.keyboard.press("Enter")
    page.select_option(THEME, theme)
    page.wait_for_timeout(300)
    assert held.routes, "the search for pruning fetched nothing: no race to test"
    assert page.url.endswith("?q=pruning")  # nothing opened while it searched
    held.release()
    if enter:
        expect(page).to_have_url(site_url + str(rows[shown.shown[0][0]][0]))
        return
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    label = next(t[1] for t in themes if t[0] == theme)
    expect(page.locator(STATUS)).to_have_text(
        papers(len(shown.shown)).replace("paper", "matching paper") + f" in \u201c{label}\u201d"
    )
    assert hit_titles(page) == [rows[n][1] for n, _ in shown.shown][:10]
    expect(page.locator(THEME)).to_have_value(theme)
    page.locator(BOX).press("Enter")
    expect(page).to_have_url(site_url + str(rows[shown.shown[0][0]][0]))


@pytest.fixture(scope="module")
def cached(browser: Any) -> Iterator[Any]:
    """A Chromium with its back/forward cache on, as every browser has it (Playwright turns it off)."""
    with launch_chromium(bfcache=True) as cached:
        yield cached


@pytest.fixture(scope="module")
def nosite_url(server: tuple[Path, str]) -> str:
    """The authors' site built without a site_url: no instant navigation, a result opened loads its page."""
    root, url = server
    bib = root.parent / "nosite.bib"
    bib.write_text(BIB)
    return build_small_site(root, url, "nosite", bib, site_url=False)


@pytest.mark.parametrize("size", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_back_from_a_result_kept_by_the_browsers_cache_shows_the_results(
    cached: Any, nosite_url: str, size: dict[str, int]
) -> None:
    """QA: without site_url, in a browser with a back/forward cache, Back from a result showed the page with the
    search closed, though the address had ?q=graph and the box held it: the cache restored the page as the click
    on the result had left it, and nothing looked at the address again (no load, no document$)."""
    with checked_page(cached, viewport=size) as page:
        page.goto(nosite_url)
        page.evaluate("() => addEventListener('pageshow', ev => { window.restored = ev.persisted; })")
        page.keyboard.press("/")
        page.keyboard.type("attention")
        expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
        hit = page.locator(HITS).nth(1)
        href = hit.evaluate("a => a.href")
        hit.click()
        expect(page).to_have_url(href)
        page.go_back(wait_until="commit")  # a page from the cache fires no load
        expect(page).to_have_url(nosite_url + "?q=attention")
        assert page.evaluate("() => window.restored") is True, "not restored from the back/forward cache"
        expect(page.locator("#__search")).to_be_checked()
        expect(page.locator(HITS).nth(1)).to_be_visible()
        expect(page.locator(BOX)).to_have_value("attention")


def test_a_touch_while_the_results_settle_after_back_keeps_their_place(phone: Any, site_url: str) -> None:
    """QA: on a phone, after Back the list came back at its place, was at the top for ~250 ms while the layout
    settled, then at its place again; a touch in that window (a reader looking for their place) stopped the restore
    and left the list at the top."""
    scrolled = SCROLLED
    place = open_a_result_far_down_and_go_back(phone, site_url, wait_until="commit")
    # For 2 s, at every frame where the open list is away from its place, a touch on the results (beside any link):
    # a reader looking for their place while the layout settles.
    touches = phone.evaluate(
        """place => new Promise(done => {
            const start = performance.now();
            let touches = 0;
            (function frame() {
                const wrap = document.querySelector('[data-sitegen-search] .md-search__scrollwrap');
                const open = document.getElementById('__search').checked;
                if (open && wrap && document.querySelectorAll('[data-sitegen-search-hit]').length >= 20 &&
                    Math.abs(wrap.scrollTop - place) > 1) {
                    const at = document.querySelector('[data-sitegen-search-status]');
                    at.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, pointerType: 'touch'}));
                    at.dispatchEvent(new TouchEvent('touchstart', {bubbles: true}));
                    touches++;
                }
                if (performance.now() - start < 2000) requestAnimationFrame(frame); else done(touches);
            })();
        })""",
        place,
    )
    assert touches, "the list was never away from its place: nothing to test"
    expect(phone.locator("#__search")).to_be_checked()
    assert abs(phone.evaluate(scrolled) - place) <= 1, (phone.evaluate(scrolled), place, touches)

"""Query parsing and status lines found wanting by QA on a site of physics and medical abstracts (2026-11-30, fourth
session): search.js reads a query as sitegen.search_query does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from sitegen.search_query import index_from_files, plan, search, year_hits
from tests.browser.support import assert_same_ranking, build_small_site
from tests.browser.test_search_browser import BOX, HITS, search_files, type_query

STATUS = "[data-sitegen-search-status]"

QUERIES = [
    # 1. a hyphen glued after punctuation is the text's own
    "(2+1)-dimensional ",
    "C*-algebras",
    "SU(2)-invariant ",
    "Ca2+-ATPase ",
    "CD4+-cells",
    "OBJECTIVE--To assess. DESIGN--Retrospective ",
    "tumor (-carcinoma) ",
    "tumor\u3000-carcinoma ",
    "\u201c-carcinoma tumor",
    # 2. the "s" of a possessive is no word
    "Barrett's esophagus ",
    "Crohn\u2019s disease",
    "the world's largest ",
    "kernel's",
    "O'Sullivan ",
    # 3. a field's name before a space, a quote or a bracket applies to the words after it
    'title:"dark matter" ',
    "title: diffusion ",
    "title:(diffusion) models",
    "title:'diffusion' ",
    "title:\u201cdiffusion models\u201d ",
    '-title:"diffusion models" learning ',
    "title: ",
    "title:",
    "title:\u201cdiffusion mod",
    # 6. upper-case boolean words
    "diffusion NOT pruning ",
    "diffusion AND models ",
    "diffusion OR pruning ",
    "graph neural OR diffusion ",
    "pruning OR distill",
    "NOT diffusion models",
    "diffusion or pruning ",
    # 7. a word typed to leave it out beside the same word searched for
    "diffusion -diffusion",
    "-diffusion diffusion",
    "diffusion diffusion",
    # second QA round (2026-11-30, fourth session): a sign or NOT before a quote or bracket
    'diffusion NOT "pruning" ',
    "diffusion -(pruning) ",
    'models -"diffusion model',
    "diffusion NOT (pruning OR distillation) ",
    "x -((y) z) w ",
    # a sign inside a field's words
    "title:(diffusion -pruning) ",
    "title: NOT diffusion models ",
    "title:-diffusion models ",
    'title:("diffusion models") ',
    "title:(-diffusion) models",
    # an apostrophe inside a word
    'title:"LLM\'s reasoning" ',
    "title:'model's learning' x",
    "author:O'Brien ",
    "author:\u201cD\u2019Alembert\u201d operator",
    # a word typed to its doubled consonant
    "embedd",
    "grokk",
    "programm",
    "transferr",
    "occurr",
    "add",
    # OR: every word of a quote or bracket beside it optional; the papers with all of them first
    '"diffusion models" OR "language models" ',
    "(graph neural) OR diffusion ",
    "language OR vision ",
    "language OR vision",
    "pruning OR distillation OR quantization ",
]


def test_search_js_plans_queries_as_python_does(page: Any, site_url: str) -> None:
    page.goto(site_url)
    planned = {text: page.evaluate("text => window.sitegenSearch.queries(text)", text) for text in QUERIES}
    assert {text: queries for text, queries in planned.items() if queries != plan(text).queries} == {}


def test_search_js_ranks_the_queries_qa_typed_as_python_does(page: Any, site_url: str, site_root: Path) -> None:
    index = index_from_files(search_files(site_root))
    page.goto(site_url)
    for text in QUERIES:
        assert_same_ranking(page, index, text)


def test_a_word_near_no_term_names_no_correction(page: Any, site_url: str, site_root: Path) -> None:
    """QA: "Helicobacter pylori" said "Showing results for “helicobacter pylori”: no paper has all of the words; 2
    papers with some of them" though nothing was corrected ("helicobacter" is near no term)."""
    index = index_from_files(search_files(site_root))
    expected, corrected = len(search(index, "qqqqxx diffusion ")), len(search(index, "difusion qqqqxx "))
    assert expected > 1 and corrected > 1
    page.goto(site_url)
    type_query(page, "qqqqxx diffusion ")
    expect(page.locator(STATUS)).to_have_text(
        f"No paper has all of \u201cqqqqxx diffusion\u201d; {expected} papers with some of the words"
    )
    page.locator(BOX).fill("difusion qqqqxx ")  # a word corrected beside it: the correction is said
    expect(page.locator(STATUS)).to_have_text(
        f"Showing results for \u201cdiffusion qqqqxx\u201d: no paper has all of the words; {corrected} papers "
        "with some of them"
    )


SCRIPTS_BIB = """
@article{nis, title={Pressure-driven metal-insulator transition in NiS$_{2}$}, year={2020},
  abstract={We follow NiS$_2$ and the heavy-fermion superconductor CeCoIn$_5$ under pressure.}}
@article{ni, title={Nickel under pressure}, year={2021}, abstract={Plain nickel, for contrast.}}
@article{ir, title={Infrared bands of water ice}, year={2022}, abstract={A band at 1600 cm⁻¹ and one at 3 cm.}}
"""


def test_subscript_digits_are_found_by_plain_ones_and_marked(page: Any, server: tuple[Path, str]) -> None:
    """QA: "NiS$_{2}$" is written "NiS₂", and "NiS2" or "CeCoIn5" typed found nothing; "cm-1" did not find "cm⁻¹"."""
    root, url = server
    bib = root.parent / "scripts.bib"
    bib.write_text(SCRIPTS_BIB)
    site = build_small_site(root, url, "scripts", bib)
    for typed, marked in [
        ("NiS2 ", "NiS\u2082"),
        ("cecoin5", "CeCoIn\u2085"),
        ("nis\u2082 ", "NiS\u2082"),
        ("cm-1 ", "cm\u207b\u00b9"),  # second QA round: a superscript minus is a hyphen
        ("cm\u207b\u00b9 ", "cm\u207b\u00b9"),
    ]:
        page.goto(site)
        type_query(page, typed)
        expect(page.locator(HITS)).to_have_count(1)
        expect(page.locator(f"{HITS} mark").first).to_have_text(marked)


def test_a_word_left_out_beside_itself_matches_no_paper(page: Any, site_url: str) -> None:
    """QA: "tumor -tumor" said "“tumor -tumor” only leaves papers out: add a word to search for", though it has one."""
    page.goto(site_url)
    type_query(page, "diffusion -diffusion")
    expect(page.locator(STATUS)).to_have_text(
        "No papers match \u201cdiffusion -diffusion\u201d. Check the spelling or remove a word."
    )
    expect(page.locator(HITS)).to_have_count(0)


def test_a_year_beside_words_left_out_with_not_names_them(page: Any, site_url: str, site_root: Path) -> None:
    """QA: "NOT diffusion 2024" said "No paper mentions “2024”; 13 papers from 2024", where "-diffusion 2024" says
    "... without “diffusion”" (the status line looked for a "-" only)."""
    files = search_files(site_root)
    index, years = index_from_files(files), json.loads(files["search/years.json"])
    without = year_hits(years, "NOT diffusion 2024", index)
    assert without == year_hits(years, "-diffusion 2024", index) and len(without) > 1
    page.goto(site_url)
    type_query(page, "NOT diffusion 2024")
    expect(page.locator(STATUS)).to_have_text(
        f"No paper mentions \u201c2024\u201d; {len(without)} papers from 2024 without \u201cdiffusion\u201d"
    )


def test_a_correction_keeps_the_boolean_words_as_typed(page: Any, site_url: str, site_root: Path) -> None:
    """QA: "difusion NOT pruning" said "Showing results for “diffusion not pruning”", lower-case "not" being a stop
    word: the line read as a search for both words."""
    index = index_from_files(search_files(site_root))
    expected = len(search(index, "difusion NOT pruning "))
    assert expected == len(search(index, "diffusion -pruning ")) > 1
    page.goto(site_url)
    type_query(page, "difusion NOT pruning ")
    expect(page.locator(STATUS)).to_have_text(
        f"Showing results for \u201cdiffusion NOT pruning\u201d: {expected} matching papers"
    )


def test_a_fields_name_alone_asks_for_a_word(page: Any, site_url: str) -> None:
    """QA: "title:" said "No papers match “title:”. Check the spelling or remove a word.", also on the way to
    'title:"dark matter"'."""
    page.goto(site_url)
    type_query(page, "title:")
    expect(page.locator(STATUS)).to_have_text("Type a word after \u201ctitle:\u201d to search that field.")
    page.keyboard.type('"')
    expect(page.locator(STATUS)).to_have_text("Type a word after \u201ctitle:\u201d to search that field.")
    page.keyboard.type("d")  # one letter: too short, not a misspelling
    expect(page.locator(STATUS)).to_have_text(
        '\u201ctitle:"d\u201d is too short or too common to search for: type more of a word.'
    )

"""Search found wanting by QA on a site of medical abstracts (2026-12-01), in the browser: Greek letters and their
names, pasted identifiers, an author link's namesakes (Python's side: tests/test_search_med.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sitegen.search_query import index_from_files, plan
from tests.browser.support import assert_same_ranking, build_small_site
from tests.browser.test_search_browser import BOX, HITS, hit_titles, type_query

STATUS = "[data-sitegen-search-status]"
STATE = "[data-sitegen-search]"

MED_BIB = """
@article{anti, title={Anti-TNF-\u03b1 therapy and the risk of lymphoma}, author={Søren Ørsted and Mette Jørgensen},
  year={2021}, doi={10.1016/S0140-6736(22)00123-4}, url={https://pubmed.ncbi.nlm.nih.gov/35012345/},
  abstract={Patients on anti-TNF-\u03b1 agents were followed for lymphoma over ten years.}}
@article{glued, title={Serum levels in sepsis}, author={Anna Katharina Müller}, year={2022},
  doi={10.2337/dc23-0456}, abstract={Serum TNF\u03b1 rose within hours of admission.}}
@article{mesh, title={Tumor Necrosis Factor-alpha in arthritis}, author={Anna Katharina Müller and Bjørn Ødegaard and
  Mehmet Çelik and François Lefèvre}, year={2022}, abstract={A cytokine and the joints.}}
@article{blockers, title={Withdrawal of beta-blockers after infarction}, author={Ayşe Müller}, year={2023},
  abstract={Stopping the drugs raised the rate of angina.}}
@article{blocker, title={A β-blocker for angina}, author={Ana Müller}, year={2023},
  abstract={One drug, one trial.}}
@article{pre, title={A preprint on sepsis}, author={Hans Müller}, year={2024}, eprint={2403.09611},
  archivePrefix={arXiv}, abstract={Sepsis in 2022: 10 wards, 1016 patients, 6736 samples, 22 sites, 4 arms, 2337 days.}}
"""

GREEK_AND_IDS = [
    "TNF-alpha ", "TNF-\u03b1 ", "TNF\u03b1 ", "tnf alpha ", "TNFalpha", "β-blocker ", "beta-blocker",
    "tumor necrosis factor-\u03b1 ", "NF-\u03baB ", "IL-1\u03b2", "\u03b1\u03b2 T cells ", "-\u03b1 sepsis ", "\u00b5g",
    "35012345", "PMID: 35012345", "10.1016/S0140-6736(22)00123-4", "doi:10.2337/dc23-0456", "arXiv:2403.09611v2",
    "doi:10.2337/dc23-9999", "2022",
]  # fmt: skip


@pytest.fixture(scope="module")
def med_site(server: tuple[Path, str]) -> tuple[str, dict[str, bytes]]:
    """The site of the papers above, its URL and its search files."""
    root, url = server
    bib = root.parent / "med.bib"
    bib.write_text(MED_BIB, encoding="utf-8")
    site = build_small_site(root, url, "med", bib)
    files = {str(p.relative_to(root / "med")): p.read_bytes() for p in (root / "med" / "search").rglob("*.json")}
    return site, files


def marked(page: Any) -> list[str]:
    return [m.strip() for m in page.locator(f"{HITS} mark").all_inner_texts()]


def test_search_js_ranks_greek_letters_and_identifiers_as_python_does(
    page: Any, med_site: tuple[str, dict[str, bytes]]
) -> None:
    site, files = med_site
    index = index_from_files(files)
    page.goto(site)
    planned = {text: page.evaluate("text => window.sitegenSearch.queries(text)", text) for text in GREEK_AND_IDS}
    assert {text: queries for text, queries in planned.items() if queries != plan(text).queries} == {}
    for text in GREEK_AND_IDS:
        assert_same_ranking(page, index, text)


def test_greek_letters_and_their_names_find_each_other_and_are_marked(
    page: Any, med_site: tuple[str, dict[str, bytes]]
) -> None:
    """QA: "TNF-alpha" found nothing though two papers write "TNF-\u03b1", "β-blocker" missed "beta-blockers"."""
    site, _ = med_site
    page.goto(site)
    type_query(page, "TNF-alpha ")
    expect(page.locator(HITS)).to_have_count(2)
    assert {"TNF-\u03b1", "TNF\u03b1"} <= set(marked(page))  # the hyphenated word and the glued one, whole
    page.locator(BOX).fill("alpha ")
    expect(page.locator(HITS)).to_have_count(3)
    assert {"\u03b1", "alpha"} == set(marked(page))  # "\u03b1" alone, also glued in "TNF\u03b1"
    page.locator(BOX).fill("β-blocker ")
    expect(page.locator(HITS)).to_have_count(2)
    assert set(hit_titles(page)) == {"Withdrawal of beta-blockers after infarction", "A β-blocker for angina"}
    assert set(marked(page)) == {"beta-blockers", "β-blocker"}


def test_a_pasted_identifier_finds_its_paper_alone(page: Any, med_site: tuple[str, dict[str, bytes]]) -> None:
    """QA: a PMID said "No papers match", a DOI listed papers that share a stray number with it."""
    site, _ = med_site
    page.goto(site)
    type_query(page, "35012345")
    for typed, title in [
        ("35012345", "Anti-TNF-\u03b1 therapy and the risk of lymphoma"),
        ("10.1016/S0140-6736(22)00123-4", "Anti-TNF-\u03b1 therapy and the risk of lymphoma"),
        ("doi:10.2337/dc23-0456", "Serum levels in sepsis"),
        ("https://arxiv.org/abs/2403.09611v2", "A preprint on sepsis"),
    ]:
        page.locator(BOX).fill(typed)
        expect(page.locator(STATUS)).to_have_text("1 matching paper")
        assert hit_titles(page) == [title], typed
    page.locator(BOX).fill("doi:10.1016/S0140-6736(22)99999-9")
    expect(page.locator(STATUS)).to_have_text("No paper has the DOI 10.1016/s0140-6736(22)99999-9.")
    expect(page.locator(HITS)).to_have_count(0)
    page.locator(BOX).fill("PMID: 2022")  # a number named a PMID is no year
    expect(page.locator(STATUS)).to_have_text("No paper has the PMID 2022.")


def test_an_author_link_lists_the_authors_own_papers_first(page: Any, med_site: tuple[str, dict[str, bytes]]) -> None:
    """QA: the link of "Anna Katharina Müller" ranked "Ayşe Müller" and "Ana Müller" above her own papers."""
    site, _ = med_site
    page.goto(site + "?q=Anna%20Katharina%20M%C3%BCller&by=author")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    titles = hit_titles(page)
    assert set(titles[:2]) == {"Serum levels in sepsis", "Tumor Necrosis Factor-alpha in arthritis"}, titles
    assert set(titles[2:4]) == {"Withdrawal of beta-blockers after infarction", "A β-blocker for angina"}, titles

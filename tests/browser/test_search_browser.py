"""Typing into the real header search box of the built seeds site, in headless Chromium."""

from __future__ import annotations

import bisect
import itertools
import json
import re
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sitegen.search import SNIPPET_CHARS
from sitegen.search_query import index_from_files, search
from sitegen.stemmer import stem
from tests.browser.support import assert_same_ranking

SUBPATH = "papers-site/"  # where conftest serves the site

HITS = "[data-sitegen-search-hit]"
BOX = "[data-sitegen-search-query]"


def hit_titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(f"{HITS} h1").all_inner_texts()]


def type_query(page: Any, text: str) -> None:
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type(text)
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")


def test_grokking(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "grokking lazy rich")
    expect(page.locator(HITS).first.locator("h1")).to_have_text(
        "Grokking as the Transition from Lazy to Rich Training Dynamics"
    )
    expect(page.locator(HITS).first.locator("mark").first).to_have_text("Grokking")


def test_neural_turing_machine_from_a_paper_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "papers/grokking-as-the-transition-from-lazy-to-rich-training-dynamics/")
    type_query(page, "neural turing machine")
    expect(page.locator(HITS).first.locator("h1")).to_have_text("Neural Turing Machines")
    href = page.locator(HITS).first.get_attribute("href")
    assert href is not None and href.endswith(f"/{SUBPATH}papers/neural-turing-machines/")


def test_q_link_opens_with_results(page: Any, site_url: str) -> None:
    page.goto(site_url + "papers/neural-turing-machines/?q=neural+turing+machine")
    expect(page.locator(BOX)).to_have_value("neural turing machine")
    expect(page.locator(HITS).first.locator("h1")).to_have_text("Neural Turing Machines")
    expect(page.locator(HITS).first).to_be_visible()


def test_typing_updates_the_shareable_link(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "grokking lazy")
    assert "q=grokking+lazy" in page.url


def test_back_from_a_result_shows_the_results_again(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "grokking lazy")
    count = page.locator("[data-sitegen-search-status]").inner_text()
    page.locator(HITS).first.click()
    expect(page.locator("h1.sg-title")).to_contain_text("Grokking")
    assert "q=" not in page.url
    page.go_back()
    expect(page.locator(BOX)).to_have_value("grokking lazy")
    page.wait_for_timeout(500)  # past the moment Material closes the search after a change of address (125 ms)
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(count)
    expect(page.locator(HITS).first).to_be_visible()
    assert "q=grokking+lazy" in page.url


def test_closing_by_the_overlay_drops_the_query_from_the_address(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "grokking lazy")
    page.locator(".md-search__overlay").click(position={"x": 5, "y": 5}, force=True)
    expect(page.locator("#__search")).not_to_be_checked()
    assert "q=" not in page.url


def test_theme_filter_narrows(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "learning")
    options = page.locator("[data-sitegen-search-filter] option")
    assert options.count() > 2
    total = int(options.nth(0).inner_text().rsplit("(", 1)[1].rstrip(")"))
    label, count = options.nth(1).inner_text().rsplit(" (", 1)
    page.select_option("[data-sitegen-search-filter]", index=1)
    # the theme named (QA: a screen reader heard the same sentence as for every theme's papers)
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(
        f"{count.rstrip(')')} matching papers in \u201c{label}\u201d"
    )
    assert int(count.rstrip(")")) < total
    themes = page.locator(f"{HITS} .sitegen-search__theme").all_inner_texts()
    assert themes and set(themes) == {label}


def test_year_filter_narrows_and_hides_for_one_year(page: Any, site_url: str, site_root: Path) -> None:
    """Years come from search/years.json, counted over the hits (papers without a date are in "All years" only)."""
    files = search_files(site_root)
    base, offsets = json.loads(files["search/years.json"])
    hits = search(index_from_files(files), "reinforcement ")
    years = Counter(str(base + offsets[n]) for n, _ in hits if offsets[n])
    assert len(years) >= 2, years
    newest = max(years)
    page.goto(site_url)
    type_query(page, "reinforcement ")
    options = page.locator("[data-sitegen-search-year] option").all_inner_texts()
    assert options == [f"All years ({len(hits)})", *(f"{y} ({years[y]})" for y in sorted(years, reverse=True))]
    page.select_option("[data-sitegen-search-year]", newest)
    status = page.locator("[data-sitegen-search-status]")
    expect(status).to_have_text(f"{years[newest]} matching paper{'s' * (years[newest] != 1)} from {newest}")
    dates = page.locator(f"{HITS} .sitegen-search__date").all_inner_texts()
    assert len(dates) == years[newest] and all(d.startswith(newest) for d in dates), dates
    page.select_option("[data-sitegen-search-year]", "")
    expect(status).to_have_text(f"{len(hits)} matching papers")
    diffusion = search(index_from_files(files), "diffusion ")
    dated = {str(base + offsets[n]) for n, _ in diffusion if offsets[n]}
    assert len(dated) == 1 and any(not offsets[n] for n, _ in diffusion)  # dated hits from one year; some undated
    (year,) = dated
    assert year in years
    page.select_option("[data-sitegen-search-year]", year)  # then a query whose hits hide the year filter
    page.locator(BOX).fill("diffusion ")  # one edit: no query in between whose hits lack the year
    expect(status).to_have_text(f"{len(diffusion)} matching papers")  # the hidden filter no longer filters
    expect(page.locator("[data-sitegen-search-year]")).to_be_hidden()


def search_files(site_root: Path) -> dict[str, bytes]:
    site = site_root / SUBPATH
    return {str(p.relative_to(site)): p.read_bytes() for p in (site / "search").rglob("*.json")}


def test_word_being_typed_is_required(page: Any, site_url: str, site_root: Path) -> None:
    finished = len(search(index_from_files(search_files(site_root)), "knowledge distillation "))
    page.goto(site_url)
    type_query(page, "knowledge distillati")  # "distillati" stems to no term: a second shard round
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(f"{finished} matching papers")
    assert all("distil" in title.lower() for title in hit_titles(page)[:3]), hit_titles(page)
    expect(page.locator(f"{HITS} mark").filter(has_text="distil").first).to_be_visible()


def test_snippet_shows_a_late_match(page: Any, site_url: str, site_root: Path) -> None:
    site = site_root / SUBPATH
    rows = [row for p in sorted((site / "search" / "d").glob("*.json")) for row in json.loads(p.read_bytes())]
    (abstract,) = [row[3] for row in rows if row[1] == "Learning on Model Weights using Tree Experts"]
    late = abstract.lower().find("ancestor")
    assert late > 2 * SNIPPET_CHARS and late + 2 * SNIPPET_CHARS < len(abstract)  # cut at both ends
    page.goto(site_url)
    type_query(page, "ancestor")
    expect(page.locator(HITS)).to_have_count(1)
    shown = page.locator(f"{HITS} .sitegen-search__snippet")
    expect(shown.locator("mark").first).to_have_text(re.compile("^ancestors?$", re.IGNORECASE))
    text = shown.inner_text()
    assert text.startswith("\u2026") and text.endswith("\u2026"), text
    assert text[1:-1].strip() in abstract and abstract[:40] not in text, text
    assert SNIPPET_CHARS * 0.6 < len(text) <= SNIPPET_CHARS + 2, text


def test_word_typed_before_the_stemmer_rewrites_its_end(page: Any, site_url: str, site_root: Path) -> None:
    """ "phys" stems to "phi" (a term: the Greek letter) and "analy" to "anali" (no term)."""
    index = index_from_files(search_files(site_root))
    for typed, title_word in [("phys", "physics"), ("analy", "analy")]:
        expected = len(search(index, typed))
        page.goto(site_url)
        type_query(page, typed)
        expect(page.locator("[data-sitegen-search-status]")).to_have_text(f"{expected} matching papers")
        assert expected > 10 and any(title_word in t.lower() for t in hit_titles(page)), hit_titles(page)
        expect(page.locator(f"{HITS} mark").first).to_have_text(re.compile(f"^{typed}", re.IGNORECASE))


def test_misspelt_word_is_retried_and_said(page: Any, site_url: str, site_root: Path) -> None:
    index = index_from_files(search_files(site_root))
    # "prunning": the spelling of the results nearest to what was typed ("pruning", not "prune" or "pruned");
    # "prunign", "classificaion", "robustnses": stems and light forms near no term, a word of the papers near them
    # (search/words.json; they found nothing)
    typos = [("difusion", "diffusion"), ("grpah neural ", "graph neural"), ("prunning ", "pruning")]
    typos += [("prunign ", "pruning"), ("classificaion ", "classification"), ("robustnses ", "robustness")]
    for typed, right in typos:
        expected = len(search(index, right + " "))
        assert expected and search(index, typed) == search(index, right + " "), typed
        page.goto(site_url)
        type_query(page, typed)
        status = page.locator("[data-sitegen-search-status]")
        expect(status).to_have_text(f"Showing results for \u201c{right}\u201d: {expected} matching papers")
        expect(page.locator(f"{HITS} .sitegen-search__snippet mark").first).to_be_visible()  # snippets may follow
        marks = page.locator(f"{HITS} .sitegen-search__snippet mark").all_inner_texts()
        assert marks and {stem(m.lower()) for m in marks} <= {stem(w) for w in right.split()}, marks


def test_words_are_marked_after_a_corrected_query(page: Any, site_url: str) -> None:
    """The status line of a corrected query reads the results' words (wordsFor); the next results are still marked
    whole. An early return from an exec loop over the shared word pattern once left it mid-text, and the highlights
    that followed missed every word shorter than where it stopped."""
    page.goto(site_url)
    type_query(page, "difusion")
    expect(page.locator("[data-sitegen-search-status]")).to_contain_text("\u201cdiffusion\u201d")
    page.keyboard.type(" models ")
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    snippet = page.locator(f"{HITS} .sitegen-search__snippet").first
    expect(snippet.locator("mark").first).to_be_visible()
    marks = {stem(m.lower()) for m in snippet.locator("mark").all_inner_texts()}
    assert marks and marks <= {stem("diffusion"), stem("models")}, marks


def test_no_results_hint(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "qqqzzzx ")
    expect(page.locator("[data-sitegen-search-status]")).to_contain_text("No papers match")
    expect(page.locator(HITS)).to_have_count(0)


@pytest.mark.parametrize("typed", ["a", "of a", "-"])  # "-": "No papers match “-”. Check the spelling"
def test_a_query_of_short_or_common_words_says_so(page: Any, site_url: str, typed: str) -> None:
    page.goto(site_url)
    type_query(page, typed)
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(
        f"\u201c{typed.strip()}\u201d is too short or too common to search for: type more of a word."
    )
    expect(page.locator(HITS)).to_have_count(0)


def test_no_paper_with_every_word_shows_those_with_some(page: Any, site_url: str, site_root: Path) -> None:
    expected = len(search(index_from_files(search_files(site_root)), "diffusion pruning "))
    assert expected
    page.goto(site_url)
    type_query(page, "diffusion pruning ")
    status = page.locator("[data-sitegen-search-status]")
    expect(status).to_have_text(
        f"No paper has all of \u201cdiffusion pruning\u201d; {expected} papers with some of the words"
    )
    expect(page.locator(HITS).first).to_be_visible()


def test_a_misspelt_word_and_no_paper_with_every_word_say_both(page: Any, site_url: str, site_root: Path) -> None:
    index = index_from_files(search_files(site_root))
    expected = len(search(index, "diffusion pruning "))
    page.goto(site_url)
    type_query(page, "difusion pruning ")
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(
        f"Showing results for \u201cdiffusion pruning\u201d: no paper has all of the words; {expected} papers "
        "with some of them"
    )
    # The first results (on diffusion) hold no "pruning": it read "diffusion prune", the stem (spellingDocs)
    page.goto(site_url)
    type_query(page, "difusion prunning ")
    expect(page.locator("[data-sitegen-search-status]")).to_have_text(
        f"Showing results for \u201cdiffusion pruning\u201d: no paper has all of the words; {expected} papers "
        "with some of them"
    )


def test_keyboard_and_instant_navigation(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    type_query(page, "neural turing machine")
    page.keyboard.press("ArrowDown")
    expect(page.locator(HITS).first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/papers/neural-turing-machines/", wait_until="commit")
    assert page.evaluate("window.__sameDocument") is True, "navigation.instant should keep the document"
    expect(page.locator("#__search")).not_to_be_checked()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("s")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("grokking lazy rich")
    expect(page.locator(HITS).first.locator("h1")).to_have_text(
        "Grokking as the Transition from Lazy to Rich Training Dynamics"
    )
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_hostile_paper_text_stays_text(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "zebrafish")
    title = page.locator(HITS).first.locator("h1")
    expect(title).to_contain_text("<script>window.__xss=2</script>")
    assert page.evaluate("window.__xss") is None
    assert page.locator("[data-sitegen-search] script, [data-sitegen-search] img, [data-sitegen-search] b").count() == 0


def test_an_author_name_finds_the_paper_and_is_shown(page: Any, site_url: str) -> None:
    """The hostile paper names its authors (one name with markup in it): typing a name finds it, and the result
    shows the names with the match marked, as text."""
    page.goto(site_url)
    type_query(page, "lovelace")
    first = page.locator(HITS).first
    expect(first.locator("h1")).to_contain_text("Zebrafish")
    authors = first.locator(".sitegen-search__authors")
    expect(authors).to_have_text('Ada <img src=x onerror="window.__xss=5"> Lovelace, Alan Turing')
    expect(authors.locator("mark")).to_have_text("Lovelace")
    assert page.evaluate("window.__xss") is None


def test_an_author_name_on_a_paper_page_searches_for_the_author(page: Any, site_url: str) -> None:
    """A paper page links each name to the site search (?q=name&by=author): the author's paper comes first,
    also above a paper with the name in its title (namesake.jsonl), as in a plain search, and a name
    with markup in it stays text on the way."""
    page.goto(site_url)
    type_query(page, "Alan Turing")
    expect(page.locator(HITS).first.locator("h1")).to_contain_text("Zebrafish")  # the author's paper first
    expect(page.locator(HITS).nth(1).locator("h1")).to_contain_text("Turing Patterns")  # then the name in a title
    page.goto(site_url)
    type_query(page, "zebrafish")
    page.locator(HITS).first.click()
    expect(page.locator("h1.sg-title")).to_contain_text("Zebrafish")
    page.locator(".sg-authors a", has_text="Alan Turing").click()
    expect(page.locator(BOX)).to_have_value("Alan Turing")
    page.wait_for_timeout(500)  # Material closes the search 125 ms after a change of address: it opens again
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(HITS).first).to_be_visible()
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(HITS).first.locator("h1")).to_contain_text("Zebrafish")
    expect(page.locator(HITS).nth(1).locator("h1")).to_contain_text("Turing Patterns")  # still found, after
    assert page.url.endswith("?q=Alan%20Turing&by=author")
    page.locator(BOX).press("End")
    page.locator(BOX).press_sequentially(" 1952")  # edited: a plain search again, by=author gone from the address
    expect(page.locator(HITS).first.locator("h1")).to_contain_text("Turing Patterns")
    assert "by=author" not in page.url
    page.go_back()
    page.locator(".sg-authors a").first.click()
    expect(page.locator(BOX)).to_have_value('Ada <img src=x onerror="window.__xss=5"> Lovelace')
    expect(page.locator(HITS).first.locator("h1")).to_contain_text("Zebrafish")
    assert page.evaluate("window.__xss") is None
    page.wait_for_timeout(500)  # as above: Material's close and sitegen's reopening after the change of address
    expect(page.locator("#__search")).to_be_checked()
    page.locator(BOX).press("Escape")  # closed: neither the query nor by=author stays in the address
    expect(page).not_to_have_url(re.compile(r"[?&](?:q|by)="))


def test_lunr_js_ranks_like_lunr_py(page: Any, site_url: str, site_root: Path) -> None:
    site = site_root / SUBPATH
    files = {str(p.relative_to(site)): p.read_bytes() for p in (site / "search").rglob("*.json")}
    index = index_from_files(files)
    page.goto(site_url)
    queries = [
        "grokking lazy rich",
        "neural turing machine",
        "gro",
        "transformer atten",
        "learning",
        "learn",  # a common completion ("learning") first, then the papers with rarer ones ("Learngene")
        "diffusion mod",
        "tran",
        "quantum reinforcement graph",
        "the",
        "diffusion models ",
        "knowledge distillation",
        "pruning",
        "relati",
        "attention the",
        "knowledge qqqzzzx",
        "diffusion pruning ",
        "diffusion prun",
        "constructor valueof ",  # names on Object.prototype are no terms
        "phy",
        "phy ",
        "quantum phy",
        "body",
        "phys",
        "physi",
        "analy",
        "analys ",
        "difusion",
        "difusion models",
        "knowledge distilation ",
        "lerning rate",
        "grpah",
        "qqqzzzx",
        "2027 ",
        # every step of typing, including words typed past the end of their stem ("learni")
        *("continual learning"[:k] for k in range(11, 19)),
        *("knowledge distillation"[:k] for k in range(12, 23)),
    ]
    for text in queries:
        assert_same_ranking(page, index, text)
    assert json.loads(files["search/index.json"])["count"] == len(list((site / "papers").iterdir()))


MORE = "[data-sitegen-search-more]"
FOCUSED = """() => {
  const at = document.activeElement, box = document.querySelector('[data-sitegen-search]');
  if (!at || !box.contains(at)) return 'outside';
  if (at.matches('[data-sitegen-search-query]')) return 'box';
  if (at.matches('[data-sitegen-search-more]')) return 'more';
  if (at.matches('[data-sitegen-search-hit]')) return 'hit';
  return at.tagName.toLowerCase();
}"""
"""Where focus is: the query box, "Show more", a result, another element of the search dialog, or outside it."""


def focus_after(page: Any, key: str, presses: int) -> list[str]:
    """Where focus is (FOCUSED) after each of ``presses`` presses of ``key``."""
    found = []
    for _ in range(presses):
        page.keyboard.press(key)
        found.append(page.evaluate(FOCUSED))
    return found


def test_tab_stays_in_the_open_search(page: Any, site_url: str) -> None:
    """The open search is a modal dialog: Tab goes round its elements, from the last ("Show more", or a filter
    when there is none) to the query box, Shift+Tab the other way, never to the page behind; Esc still closes it."""
    page.goto(site_url)
    type_query(page, "distillation ")
    expect(page.locator(MORE)).to_be_visible()
    forward = focus_after(page, "Tab", 5)
    assert "outside" not in forward and forward[forward.index("more") + 1] == "box", forward
    expect(page.locator(BOX)).to_be_focused()  # round to the box again
    backward = focus_after(page, "Shift+Tab", 6)
    assert "outside" not in backward and backward[0] == "more", backward
    assert backward[:5] == [*reversed(forward[:4]), "box"], (forward, backward)
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.goto(site_url)
    type_query(page, "grokking ")  # one page of results: no "Show more"
    expect(page.locator(MORE)).to_be_hidden()
    page.keyboard.press("ArrowUp")
    expect(page.locator(HITS).last).to_be_focused()
    page.keyboard.press("Tab")  # from the last result (not a Tab stop itself) round to the box
    expect(page.locator(BOX)).to_be_focused()
    assert focus_after(page, "Shift+Tab", 1) == ["select"]  # the theme filter: the last Tab stop here
    page.goto(site_url + "?q=grokking")  # opened by a link: focus is on the page, still Tab goes to the dialog
    expect(page.locator(HITS).first).to_be_visible()
    page.wait_for_timeout(500)  # past the moment Material closes the search after a change of address (125 ms)
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(BOX)).to_be_focused()


WHERE = """() => {
  const at = document.activeElement;
  if (!at || at === document.body) return 'body';
  const box = at.getBoundingClientRect(), style = getComputedStyle(at);
  const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  return (at.closest('[data-sitegen-search]') ? 'search' : at.closest('header') ? 'header' : 'page')
    + (shown || at.matches('.md-skip, .md-option') ? '' : ' (invisible)');
}"""
"""Where focus is: in the search dialog, elsewhere in the header, or on the page; "(invisible)" when the element
has no visible box (a skip link shows only once focused; Material's palette switch is a hidden radio button whose
label shows the focus)."""


def tab_to_the_page(page: Any, presses: int) -> list[str]:
    """Where focus is (WHERE) after each press of Tab, up to the first on the page or ``presses`` of them."""
    seen: list[str] = []
    while len(seen) < presses and seen[-1:] != ["page"]:
        page.keyboard.press("Tab")
        seen.append(page.evaluate(WHERE))
    return seen


def test_tab_passes_the_search_box_by_and_never_into_the_closed_dialog(page: Any, site_url: str) -> None:
    """Focusing the box opens the search, and the open dialog keeps Tab in it: Tab alone could not get past the
    header, Esc left focus nowhere and the next Tab went into the closed dialog's invisible scroll box. Now the
    first Tab reaches "Skip to content", the empty box is passed by, and the closed dialog takes no Tab."""
    page.goto(site_url)
    page.keyboard.press("Tab")
    expect(page.locator("a.md-skip")).to_be_focused()
    expect(page.locator("a.md-skip")).to_have_attribute("href", re.compile("#sg-content$"))
    assert page.locator("#sg-content").count() == 1
    seen = tab_to_the_page(page, 8)
    assert seen[-1] == "page" and "search" in seen, seen  # through the box and on, in at most 8 presses
    assert not any("invisible" in where for where in seen), seen
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("Shift+Tab")  # back into the box: open again, and Esc closes it
    page.keyboard.press("Shift+Tab")
    page.locator(BOX).focus()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.keyboard.press("Tab")
    assert "invisible" not in page.evaluate(WHERE)


def test_tab_passes_a_box_it_comes_to_with_a_query_in_it(page: Any, site_url: str) -> None:
    """After a click beside the box had closed the search, Tab came to the box, which opened it with its results,
    and then went round them: the keyboard could not get past. A box only passed through lets Tab go on."""
    page.goto(site_url)
    type_query(page, "learning ")
    page.mouse.click(300, 24)  # on the header's title, beside the box
    expect(page.locator("#__search")).not_to_be_checked()
    seen = tab_to_the_page(page, 4)
    assert seen[-1] == "page" and "search" in seen, seen
    expect(page.locator("#__search")).not_to_be_checked()


def test_back_to_the_results_of_a_page_left_for_one_the_keys_go_to_the_query(page: Any, site_url: str) -> None:
    """Back from a result reopens its results with focus nowhere: what was typed went nowhere."""
    page.goto(site_url)
    type_query(page, "grokking")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(site_url)
    page.go_back()
    expect(page.locator(HITS).first).to_be_visible()
    page.wait_for_timeout(500)  # past the moment Material closes the search after a change of address (125 ms)
    page.keyboard.type(" lazy")
    expect(page.locator(BOX)).to_have_value("grokking lazy")


def test_a_click_beside_the_box_closes_the_search_and_takes_focus_out(page: Any, site_url: str) -> None:
    page.goto(site_url)
    type_query(page, "grokking ")
    page.mouse.click(5, 800)  # the overlay beside the box
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.evaluate("() => !document.querySelector('[data-sitegen-search]').contains(document.activeElement)")
    assert "q=" not in page.url


def test_arrow_keys_reach_show_more_and_go_on_into_what_it_shows(page: Any, site_url: str, site_root: Path) -> None:
    """ArrowDown goes from the last result to "Show more" (and on round to the box; ArrowUp from the box to it);
    Space or Enter on it shows the next results and focus lands on the first of them, so the arrows go on."""
    total = len(search(index_from_files(search_files(site_root)), "pruning "))
    assert 20 < total <= 30, total  # three pages
    page.goto(site_url)
    type_query(page, "pruning ")
    hits, more = page.locator(HITS), page.locator(MORE)
    expect(hits).to_have_count(10)
    assert focus_after(page, "ArrowDown", 12) == ["hit"] * 10 + ["more", "box"]
    page.keyboard.press("ArrowUp")
    expect(more).to_be_focused()
    page.keyboard.press("Space")
    expect(hits).to_have_count(20)
    expect(hits.nth(10)).to_be_focused()
    expect(more).to_be_visible()
    assert focus_after(page, "ArrowUp", 2) == ["hit", "hit"]
    expect(hits.nth(8)).to_be_focused()
    assert focus_after(page, "ArrowDown", 12) == ["hit"] * 11 + ["more"]
    page.keyboard.press("Enter")
    expect(hits).to_have_count(total)
    expect(more).to_be_hidden()  # every result shown: focus is not lost with the button
    expect(hits.nth(20)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(hits.nth(21)).to_be_focused()
    title = hits.nth(21).locator("h1").inner_text().strip()
    page.keyboard.press("Enter")  # a result opens as before
    expect(page.locator("h1.sg-title")).to_have_text(title)


def test_esc_gives_focus_back_to_where_it_was_and_never_leaves_it_in_the_closed_dialog(
    page: Any, site_url: str
) -> None:
    """The dialog pattern: Esc closes the search and focus goes back to the link it was on before "/" opened it;
    opened with nothing focused, focus is let go rather than left on a hidden result."""
    page.goto(site_url)
    link = page.locator(".sg-themes a").first
    link.focus()
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("grokking ")
    expect(page.locator(HITS).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(HITS).first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(link).to_be_focused()
    page.goto(site_url)
    type_query(page, "grokking ")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate(FOCUSED) == "outside"


def test_a_projects_own_pages_are_found_with_the_papers(page: Any, server: tuple[Path, str]) -> None:
    """The plugin in a project with pages of its own: the search box finds them, "Pages" where a paper shows its
    theme, the status says results (not papers), and a hit opens the page."""
    import subprocess
    import sys

    root, url = server
    project = root.parent / "lab-project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "guide.md").write_text("# Reading guide\n\nWe read papers the xylophonic way.\n")
    (project / "mkdocs.yml").write_text(
        f"site_name: Lab\nsite_url: {url}lab/\ntheme:\n  name: material\nplugins:\n  - sitegen:\n"
        f"      inputs: [{Path(__file__).parents[1] / 'fixtures' / 'ingest' / 'spaced_upvotes.txt'}]\n"
        "      engine: tfidf\n"
    )
    sitegen = Path(sys.executable).with_name("sitegen")
    done = subprocess.run(
        [str(sitegen), "build", "-q", "--out", str(root / "lab")], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    page.goto(url + "lab/")
    type_query(page, "xylophonic")
    expect(page.locator("[data-sitegen-search-status]")).to_have_text("1 matching result")
    hit = page.locator(HITS).first
    expect(hit).to_contain_text("Reading guide")
    expect(hit.locator(".sitegen-search__theme")).to_have_text("Pages")
    hit.click()
    expect(page).to_have_url(url + "lab/guide/")
    expect(page.locator("article h1")).to_have_text("Reading guide")


def test_a_result_whose_title_was_derived_says_so(page: Any, site_url: str, site_root: Path) -> None:
    """As the home, theme and paper pages do: a title the input did not give is marked in the results too (QA: the
    search results alone passed a derived "A sparsely-annotated framework" off as the paper's own title)."""
    papers = json.loads((site_root / SUBPATH / "papers.json").read_text())["papers"]
    derived = next(p for p in papers if p["title_synthesized"])
    given = next(p for p in papers if not p["title_synthesized"])
    for paper, marked in ((derived, 1), (given, 0)):
        page.goto(site_url + "?q=" + "+".join(re.findall(r"[a-z]+", paper["title"].lower())[:6]))
        hit = page.locator(HITS).filter(has=page.locator("h1", has_text=paper["title"][:40])).first
        expect(hit).to_be_visible()
        expect(hit.locator(".sitegen-search__synth")).to_have_count(marked)
        if marked:
            expect(hit.locator(".sitegen-search__synth")).to_have_text("title derived from the abstract")


def test_back_to_the_results_focus_is_on_the_result_opened(page: Any, site_url: str) -> None:
    """QA: after Back from a result opened with the arrows and Enter, focus was on the page, and the first ArrowDown
    went to the first result; it goes on from the one opened."""
    page.goto(site_url)
    type_query(page, "graph neural")
    hits = page.locator(HITS)
    expect(hits.nth(5)).to_be_attached()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    expect(hits.nth(3)).to_be_focused()
    href = hits.nth(3).evaluate("a => a.href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(href)
    page.go_back()
    expect(hits.nth(3)).to_be_focused()
    page.wait_for_timeout(500)  # past the moment Material closes the search after a change of address (125 ms)
    expect(hits.nth(3)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(hits.nth(4)).to_be_focused()


def address(url: str) -> dict[str, str]:
    """The query of an address, as a dict."""
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def test_the_filters_chosen_are_in_the_address(page: Any, site_url: str) -> None:
    """QA: a theme picked was not in the address (?q= only), so a reload, a shared link or a Back that loads the page
    again showed the results of every theme. The theme and year are in it (&theme=, &year=), none for "All"."""
    page.goto(site_url)
    type_query(page, "reinforcement ")
    year = page.locator("[data-sitegen-search-year] option").nth(1).get_attribute("value")
    page.select_option("[data-sitegen-search-year]", year)
    theme = page.locator("[data-sitegen-search-filter] option").nth(1).get_attribute("value")
    page.select_option("[data-sitegen-search-filter]", theme)
    status = page.locator("[data-sitegen-search-status]")
    said, shown = status.inner_text(), hit_titles(page)
    assert address(page.url) == {"q": "reinforcement ", "theme": theme, "year": year}
    page.reload()
    expect(page.locator(BOX)).to_have_value("reinforcement ")
    expect(status).to_have_text(said)
    expect(page.locator("[data-sitegen-search-filter]")).to_have_value(str(theme))
    expect(page.locator("[data-sitegen-search-year]")).to_have_value(str(year))
    assert hit_titles(page) == shown
    page.select_option("[data-sitegen-search-filter]", "")
    page.select_option("[data-sitegen-search-year]", "")
    assert address(page.url) == {"q": "reinforcement "}
    page.select_option("[data-sitegen-search-filter]", theme)
    page.keyboard.press("Escape")  # closed: no query, no filter in the address
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.url == site_url


def test_a_link_shows_a_finished_last_word_as_finished(page: Any, site_url: str) -> None:
    """QA: "generalization " (a word finished by a space) found 287 papers, its link ?q=generalization 298: the
    link's last word was searched as one still being typed. The address keeps one space after a finished word."""
    page.goto(site_url)
    type_query(page, "generalization   ")
    status = page.locator("[data-sitegen-search-status]")
    said = status.inner_text()
    assert address(page.url) == {"q": "generalization "}
    page.reload()
    expect(page.locator(HITS).first).to_be_visible()
    expect(status).to_have_text(said)
    page.goto(site_url)
    type_query(page, "generaliz")  # a word still being typed stays one
    assert address(page.url) == {"q": "generaliz"}


def test_a_link_with_filters_opens_with_them_chosen(page: Any, site_url: str) -> None:
    """A year typed in the query is chosen by itself and is not repeated in the address; "All years" picked against
    it is &year=all. A theme or a year no result has (an old link) is no filter."""
    year = page.locator("[data-sitegen-search-year]")
    status = page.locator("[data-sitegen-search-status]")
    page.goto(site_url + "?q=diffusion+2024")
    expect(page.locator(HITS).first).to_be_visible()
    expect(year).to_have_value("2024")
    assert address(page.url) == {"q": "diffusion 2024"}
    page.select_option("[data-sitegen-search-year]", "")
    assert address(page.url) == {"q": "diffusion 2024", "year": "all"}
    expect(status).not_to_contain_text("from 2024")
    said = status.inner_text()
    page.reload()
    expect(page.locator(HITS).first).to_be_visible()
    expect(status).to_have_text(said)
    expect(year).to_have_value("")
    page.goto(site_url + "?q=diffusion&theme=no-such-theme&year=1901")
    expect(page.locator(HITS).first).to_be_visible()
    expect(page.locator("[data-sitegen-search-filter]")).to_have_value("")
    expect(year).to_have_value("")
    assert address(page.url) == {"q": "diffusion"}


UNAVAILABLE = re.compile(r"Search is unavailable: search/d/\d+\.json did not load \(.+\)")
"""The status line of a search whose doc-store chunk the network did not bring (fetchJSON names the file)."""
MORE_FAILED = re.compile(
    r"\d+ matching papers\. More could not be shown: search/d/\d+\.json did not load \(.+\)\. "
    "Press \u201cShow more\u201d to try again\\."
)
"""The status line after "Show more" whose chunk did not load: the count of the list on screen, and what to do."""


@pytest.mark.parametrize("how", ["show more", "theme"])
def test_a_chunk_that_fails_to_load_after_show_more_or_a_theme_says_so_and_the_next_try_loads_it(
    page: Any, site_url: str, how: str
) -> None:
    """A doc-store chunk that did not load (the network) after "Show more" or a theme picked left the status line
    saying "411 matching papers" over the list as it was or emptied, the search "done", and an uncaught error; only
    the query's own search said "Search is unavailable". Each says so, in the live region at once, and the next try
    ("Show more" again, the theme picked again) still fetches the chunk again and shows the results."""
    refusing, refused, asked = [False], [], []

    def chunks(route: Any) -> None:
        path = urllib.parse.urlsplit(route.request.url).path
        asked.append(path)
        if refusing[0]:
            refused.append(path)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(re.compile(r"/search/d/\d+\.json"), chunks)
    page.goto(site_url)
    search, status = page.locator("[data-sitegen-search]"), page.locator("[data-sitegen-search-status]")
    live, hits = page.locator("[data-sitegen-search] [aria-live]"), page.locator(HITS)
    refusing[0] = True  # a query's own search first: the message the others must give
    page.keyboard.press("/")
    page.keyboard.type("learning ")
    expect(search).to_have_attribute("data-sitegen-search-state", "error")
    expect(status).to_have_text(UNAVAILABLE)
    refusing[0] = False
    page.locator(BOX).press("Backspace")  # the next key: the chunks are fetched again
    page.locator(BOX).press("Space")
    expect(search).to_have_attribute("data-sitegen-search-state", "done")
    expect(hits).to_have_count(10)
    count = status.inner_text()
    assert re.fullmatch(r"\d+ matching papers", count), count
    label, theme_count = "", ""
    if how == "theme":
        label, theme_count = re.fullmatch(  # type: ignore[union-attr]
            r"(.*) \((\d+)\)", page.locator("[data-sitegen-search-filter] option").nth(1).inner_text()
        ).groups()

    def attempt() -> None:
        if how == "show more":
            page.locator(MORE).click()
        else:
            page.select_option("[data-sitegen-search-filter]", index=1)

    refused.clear()
    refusing[0] = True
    attempt()
    expect(search).to_have_attribute("data-sitegen-search-state", "error")
    assert refused, f"{how} fetched no chunk: nothing to fail"
    expect(status).to_have_text(MORE_FAILED if how == "show more" else UNAVAILABLE)
    expect(live).to_have_text(status.inner_text(), timeout=500)  # not typing: said at once
    failed, asked[:] = list(refused), []
    refusing[0] = False
    attempt()  # the theme picked again is a change: the menu went back to "All themes"
    expect(search).to_have_attribute("data-sitegen-search-state", "done")
    assert set(failed) <= set(asked), (failed, asked)  # fetched again
    if how == "show more":
        expect(hits).to_have_count(20)
        expect(status).to_have_text(count)
    else:
        expect(hits).to_have_count(min(10, int(theme_count)))
        expect(status).to_have_text(f"{theme_count} matching papers in \u201c{label}\u201d")
    expect(live).to_have_text(status.inner_text())


# --- After a file that did not load, and "Show more" racing another write (QA, third round) --------------------------

STATUS = "[data-sitegen-search-status]"
STATE = "[data-sitegen-search]"
MENUS = {"theme": "[data-sitegen-search-filter]", "year": "[data-sitegen-search-year]"}


class IndexFiles:
    """One folder of the search index's files as the network brings them (``search/d/<n>.json``, the doc-store
    chunks, or ``search/t/<n>.json``, the term shards): refused while ``refusing``, held back while ``holding``
    until ``release`` (then let through) or ``refuse_held`` (then refused), the rest let through; ``asked`` and
    ``refused`` list the paths of the requests."""

    def __init__(self, page: Any, folder: str) -> None:
        self.refusing, self.holding = False, False
        self.asked: list[str] = []
        self.refused: list[str] = []
        self.held: list[Any] = []
        page.route(re.compile(rf"/search/{folder}/\d+\.json"), self._route)

    def _route(self, route: Any) -> None:
        path = urllib.parse.urlsplit(route.request.url).path
        self.asked.append(path)
        if self.refusing:
            self.refused.append(path)
            route.abort("internetdisconnected")
        elif self.holding:
            self.held.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.holding = False
        for route in self.held:
            route.continue_()
        self.held.clear()

    def refuse_held(self) -> None:
        self.holding, self.refusing = False, True
        for route in self.held:
            self.refused.append(urllib.parse.urlsplit(route.request.url).path)
            route.abort("internetdisconnected")
        self.held.clear()


@pytest.mark.parametrize("menu", ["theme", "year"])
def test_a_menu_choice_that_failed_to_load_is_tried_again_by_picking_it_again(
    page: Any, site_url: str, menu: str
) -> None:
    """QA: a theme or year picked whose papers did not load stayed picked in its menu, and picking the same option
    again is no change (the browser fires no change event): another choice had to be picked first to try again. The
    menu goes back to the choice on screen before, the status line says to pick it to try again, and the same pick,
    made as a person makes it (the arrow key on the menu), fetches again and shows its papers."""
    chunks = IndexFiles(page, "d")
    page.goto(site_url)
    type_query(page, "learning ")
    select, status = page.locator(MENUS[menu]), page.locator(STATUS)
    expect(select).to_have_value("")
    option = select.locator("option").nth(1)
    value, label = option.get_attribute("value"), re.sub(r" \(\d+\)$", "", option.inner_text())
    chunks.refusing = True
    select.focus()
    page.keyboard.press("ArrowDown")  # the option after "All": the pick as a person makes it, a change
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "error")
    assert chunks.refused, f"the {menu} fetched no chunk: nothing to fail"
    expect(select).to_have_value("")  # the choice on screen before
    expect(status).to_have_text(UNAVAILABLE)
    assert status.inner_text().endswith(f". Pick \u201c{label}\u201d to try again.")
    assert menu not in urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    expect(page.locator(MORE)).to_be_hidden()
    chunks.refusing, chunks.asked[:] = False, []
    page.keyboard.press("ArrowDown")  # the same pick again
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(select).to_have_value(str(value))
    assert set(chunks.refused) <= set(chunks.asked)  # fetched again
    named = re.escape(f" in \u201c{label}\u201d" if menu == "theme" else f" from {label}")
    expect(status).to_have_text(re.compile(rf"\d+ matching papers{named}"))
    expect(page.locator(HITS).first).to_be_visible()


def test_a_show_more_that_failed_says_so_under_the_count_and_pressing_it_again_shows_more(
    page: Any, site_url: str
) -> None:
    """QA: "Show more" whose papers did not load said "Search is unavailable" over the results shown, the button still
    there with nothing to say what it would do. The results and the button stay, the status line keeps the count and
    says that more could not be shown and that pressing the button tries again (said at once), and pressing it again
    fetches again and shows the next papers."""
    chunks = IndexFiles(page, "d")
    page.goto(site_url)
    type_query(page, "learning ")
    status, hits, more = page.locator(STATUS), page.locator(HITS), page.locator(MORE)
    count = status.inner_text()
    assert re.fullmatch(r"\d+ matching papers", count), count
    chunks.refusing = True
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "error")
    assert chunks.refused, "Show more fetched no chunk: nothing to fail"
    expect(status).to_have_text(MORE_FAILED)
    assert status.inner_text().startswith(f"{count}. ")
    expect(page.locator("[data-sitegen-search-live]")).to_have_text(status.inner_text(), timeout=500)
    expect(hits).to_have_count(10)
    expect(more).to_be_visible()
    expect(more).to_be_focused()
    chunks.refusing, chunks.asked[:] = False, []
    page.keyboard.press("Enter")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    expect(hits).to_have_count(20)
    assert set(chunks.refused) <= set(chunks.asked)  # fetched again
    expect(status).to_have_text(count)
    expect(hits.nth(10)).to_be_focused()


def unavailable(named: str = "") -> re.Pattern[str]:
    """The status line of a query's own search whose term shard did not load, and what to do; ``named``: the theme or
    year picked while it ran (' in “Diffusion models”', ' from 2024')."""
    return re.compile(
        r"^Search is unavailable: search/t/\d+\.json did not load \(.+\)\. Type or press Enter to try again"
        + re.escape(named)
        + r"\.$"
    )


def test_a_query_search_that_failed_says_to_type_or_press_enter_and_enter_searches_again(
    page: Any, site_url: str
) -> None:
    """QA: a query's own search whose file did not load said only "Search is unavailable: ...", with nothing of what
    to do, and Enter in the box did nothing (only a key typed tried again). It says to type or press Enter (at once),
    and Enter fetches the file again and shows the results, opening none of them (none has been seen); a key typed
    tries again too."""
    shards = IndexFiles(page, "t")
    page.goto(site_url)
    status, hits = page.locator(STATUS), page.locator(HITS)
    shards.refusing = True
    page.keyboard.press("/")
    page.keyboard.type("learning ")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "error")
    assert shards.refused, "the search fetched no shard: nothing to fail"
    expect(status).to_have_text(unavailable())
    expect(page.locator("[data-sitegen-search-live]")).to_have_text(status.inner_text(), timeout=500)
    expect(hits).to_have_count(0)
    here, failed = page.url, list(shards.refused)
    shards.refusing, shards.asked[:] = False, []
    page.keyboard.press("Enter")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    assert set(failed) <= set(shards.asked), (failed, shards.asked)  # fetched again
    expect(status).to_have_text(re.compile(r"^\d+ matching papers$"))
    expect(hits).to_have_count(10)
    page.wait_for_timeout(300)
    assert page.url == here  # no result opened
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.press("Enter")  # on results seen: the top one, as ever
    page.wait_for_url(re.compile(r"/papers/[^?]+/"))


@pytest.mark.parametrize("menu", ["theme", "year"])
def test_a_pick_made_while_a_failed_search_ran_is_kept_named_and_searched_in_by_the_next_try(
    page: Any, site_url: str, menu: str
) -> None:
    """QA: a theme or year picked while the text in the box was searched (the search filters its results by it when
    they arrive), the search then failing, stayed picked in its menu though nothing of it was shown, and the status
    line said only "Search is unavailable: ...". The pick is kept, for the text being searched: the status line names
    it after what to do, the address holds it, and Enter searches the text in it."""
    shards = IndexFiles(page, "t")
    page.goto(site_url)
    type_query(page, "reinforcement ")
    select, status = page.locator(MENUS[menu]), page.locator(STATUS)
    option = select.locator("option").nth(1)
    value, label = option.get_attribute("value"), re.sub(r" \(\d+\)$", "", option.inner_text())
    named = f" in \u201c{label}\u201d" if menu == "theme" else f" from {label}"
    shards.holding = True
    page.keyboard.press("Control+a")
    page.keyboard.type("learning ")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "busy")
    page.wait_for_timeout(200)
    assert shards.held, "the search for learning fetched no shard: nothing to fail"
    page.select_option(MENUS[menu], str(value))  # while learning is searched
    shards.refuse_held()
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "error")
    expect(select).to_have_value(str(value))
    expect(status).to_have_text(unavailable(named))
    assert address(page.url) == {"q": "learning ", menu: str(value)}
    shards.refusing, shards.asked[:] = False, []
    page.locator(BOX).focus()
    page.keyboard.press("Enter")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    assert shards.asked, "the next try fetched nothing"
    expect(select).to_have_value(str(value))
    expect(status).to_have_text(re.compile(rf"^\d+ (?:matching papers{re.escape(named)}|papers{re.escape(named)} .*)$"))
    expect(page.locator(HITS).first).to_be_visible()


def chunk_of(files: dict[str, bytes], n: int) -> str:
    """The path of the doc-store chunk that holds doc ``n`` (chunkOf in search.js)."""
    starts = list(itertools.accumulate(json.loads(files["search/index.json"])["chunks"]))
    return f"/{SUBPATH}search/d/{bisect.bisect_right(starts, n) - 1}.json"


def test_show_more_pressed_while_a_new_text_is_searched_leaves_its_results_alone(
    page: Any, site_url: str, site_root: Path
) -> None:
    """QA: "Show more" shared the number of the search on screen with the next one, so pressed while a new text was
    searched (the button is the earlier list's), it appended the earlier text's next papers under the new text's
    results, with the earlier text's count, when its papers came after the new search's. The press does nothing: the
    list it would go on is on its way out."""
    files = search_files(site_root)
    index = index_from_files(files)
    before, after = search(index, "diffusion"), search(index, "pruning")
    rows = [row for n in range(len(files)) for row in json.loads(files.get(f"search/d/{n}.json", b"[]"))]
    kept = {chunk_of(files, n) for n, _ in before[:10] + after[:10]}
    late = {chunk_of(files, n) for n, _ in before[10:20]} - kept  # Show more's chunks alone: held till the end
    assert late, "diffusion's next papers are in the chunks on screen: nothing to hold"
    shards: list[Any] = []
    holding = [True]

    def route(route: Any) -> None:
        path = urllib.parse.urlsplit(route.request.url).path
        if path in late or ("/search/t/" in path and holding[0]):
            shards.append(route)
        else:
            route.continue_()

    page.goto(site_url)
    type_query(page, "diffusion")
    page.route(re.compile(r"/search/[td]/\d+\.json"), route)
    page.keyboard.press("Control+a")
    page.keyboard.type("pruning")
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "busy")
    page.wait_for_timeout(200)
    assert shards, "the search for pruning fetched nothing: no race to test"
    page.locator(MORE).click()  # diffusion's
    holding[0] = False
    for held in [r for r in shards if "/search/t/" in r.request.url]:
        held.continue_()
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    for held in [r for r in shards if "/search/d/" in r.request.url]:
        held.continue_()  # Show more's papers, after the new search's
    page.wait_for_timeout(300)
    assert hit_titles(page) == [rows[n][1] for n, _ in after[:10]]
    expect(page.locator(STATUS)).to_have_text(f"{len(after)} matching papers")


@pytest.mark.parametrize("first", ["theme", "show more"])
def test_show_more_pressed_while_papers_load_shows_each_paper_once(page: Any, site_url: str, first: str) -> None:
    """QA: "Show more" pressed while a theme's papers loaded (the list emptied, the button still there), or pressed
    twice while its papers loaded, shared the number of the write it came after: both wrote the same papers, one
    after the other. The later press replaces the earlier write; the list holds each paper once."""
    chunks = IndexFiles(page, "d")
    page.goto(site_url)
    type_query(page, "learning ")
    status, shown = page.locator(STATUS), 10
    if first == "theme":
        theme = page.locator(MENUS["theme"]).locator("option").nth(1)
        label, count = re.fullmatch(r"(.*) \((\d+)\)", theme.inner_text()).groups()  # type: ignore[union-attr]
        assert int(count) > 10, count
        said = f"{count} matching papers in \u201c{label}\u201d"
        chunks.holding = True
        page.select_option(MENUS["theme"], index=1)
    else:
        said, shown = status.inner_text(), 20
        chunks.holding = True
        page.locator(MORE).click()
    page.wait_for_timeout(200)
    assert chunks.held, f"{first} fetched no chunk: no race to test"
    page.locator(MORE).click()
    chunks.release()
    expect(page.locator(STATE)).to_have_attribute("data-sitegen-search-state", "done")
    page.wait_for_timeout(300)
    titles = hit_titles(page)
    assert len(titles) == shown and len(set(titles)) == shown, titles
    expect(status).to_have_text(said)

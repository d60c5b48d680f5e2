"""Accessibility of the built pages in Chromium: axe-core's rules, what a screen reader is told, the keyboard.

axe-core (installed from npm by ``make test`` into .venv/npm, like KaTeX) runs its WCAG 2 A/AA rules on each
page in the light and the dark palette; the test fails on any violation and names the rule and the elements.
What a screen reader says of an element is Chrome's own accessibility tree (CDP), as a QA reader checked it.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, SUBPATH
from tests.browser.support import checked_page, require
from tests.browser.test_search_browser import BOX, HITS, type_query
from tests.browser.test_search_polish import Held

AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return require(AXE, f"{AXE} is missing: `make test` installs axe-core from npm").read_text(encoding="utf-8")


def violations(page: Any, axe_source: str) -> list[str]:
    """One line per failed rule: id, impact, help and the first elements."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", RULES
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe(page: Any, site_url: str, site_root: Path, axe_source: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    site = site_root / "papers-site"
    paper = sorted(p.name for p in (site / "papers").iterdir())[0]
    theme = sorted(p.name for p in (site / "themes").iterdir())[0]
    found: dict[str, list[str]] = {}
    for path in ["", f"themes/{theme}/", f"papers/{paper}/", f"papers/{derived_related(site)}/"]:
        page.goto(site_url + path)
        found[path or "home"] = violations(page, axe_source)
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("diffusion")
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator("[data-sitegen-search-hit]").first).to_be_visible()
    found["search results"] = violations(page, axe_source)
    assert found == {name: [] for name in found}, found


def derived_related(site: Path) -> str:
    """The first paper whose related papers list one with a title derived from the abstract and shorter than the muted
    text beside it ("· title derived from the abstract · Theme"): axe's link-in-text-block failed there (17 of the
    seeds' pages) while colour alone told the title from that text. (Where the item fits on one line, axe cannot tell
    the colours apart, "element overlap", and says nothing: test_titles_in_lists_are_underlined checks it anyway.)"""
    for folder in sorted((site / "papers").iterdir()):
        related = (folder / "index.html").read_text(encoding="utf-8").partition('class="sg-related"')[2]
        for item in re.findall(r"<li>(.*?)</li>", related.partition("</ul>")[0], re.S):
            title, _, beside = item.partition("</a>")
            if "sg-synth" in beside and len(text_of(title)) < len(text_of(beside)):
                return folder.name
    raise AssertionError("no paper lists a related paper whose title was derived and short")


def test_titles_in_lists_are_underlined(page: Any, site_url: str, site_root: Path) -> None:
    """WCAG 1.4.1: muted text sits beside the titles of the lists of papers (related papers, a theme's, the latest),
    and the titles were told from it by colour alone; they are underlined. The 404 page's and the muted text's own
    links were already."""
    site = site_root / SUBPATH
    theme = sorted(p.name for p in (site / "themes").iterdir())[0]
    for path, links in [
        (f"papers/{derived_related(site)}/", ".sg-related li > a"),
        (f"themes/{theme}/", ".sg-papers li > a"),
        ("", ".sg-papers li > a:first-child"),
    ]:
        page.goto(site_url + path)
        lines = page.locator(links).evaluate_all("links => links.map(a => getComputedStyle(a).textDecorationLine)")
        assert lines and set(lines) == {"underline"}, (path, lines)


def text_of(html: str) -> str:
    """The text of a piece of HTML, tags left out."""
    return re.sub(r"<[^>]*>", "", html).strip()


def accessible(page: Any, locator: Any) -> tuple[str, str, str]:
    """Role, name and description of an element in Chrome's accessibility tree (CDP): what a screen reader says."""
    locator.evaluate("e => e.setAttribute('data-ax-probe', '')")
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        found = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-ax-probe]"})["nodeId"]
        node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": found, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
        locator.evaluate("e => e.removeAttribute('data-ax-probe')")
    role, name, description = (node.get(key, {}).get("value", "") for key in ("role", "name", "description"))
    return role, name, description


def test_a_search_result_is_named_by_what_it_shows_title_first(page: Any, site_url: str) -> None:
    """QA: a result is a link around an article, and Chrome named the link from nothing: a screen reader said "link"
    on every result the arrows reached. Its name is what it shows (title, authors, theme, snippet; axe checks that the
    name holds the text shown), the title first."""
    page.goto(site_url)
    type_query(page, "lovelace")
    first = page.locator(HITS).first
    expect(first.locator("h1")).to_contain_text("Zebrafish")
    title = first.locator("h1").inner_text().strip()
    authors = first.locator(".sitegen-search__authors").inner_text().strip()
    theme = first.locator(".sitegen-search__theme").inner_text().strip()
    role, name, _ = accessible(page, first)
    assert role == "link" and name.startswith(f"{title} {authors} {theme}"), name
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name=title)).to_be_focused()


MATH_PAPER = "persistent-homology-of-the-cosmic-web-i-hierarchical-topology-in-lambda-cdm"
MATH_TITLE = "Persistent homology of the cosmic web. I: Hierarchical topology in \u039bCDM cosmologies"


def test_math_in_a_title_is_in_the_names_of_its_heading_and_links(page: Any, site_url: str) -> None:
    """QA: Chrome leaves KaTeX's math out of accessible names, so a screen reader read the title "... in $\\Lambda$CDM
    cosmologies" as "... in CDM cosmologies", on the paper's heading and on every link to it."""
    page.goto(site_url + f"papers/{MATH_PAPER}/")
    heading = page.locator("h1.sg-title")
    expect(heading.locator(".katex").first).to_be_attached()  # KaTeX rendered it
    assert accessible(page, heading)[:2] == ("heading", MATH_TITLE)
    theme = page.locator("a.sg-theme").inner_text()
    page.locator("a.sg-theme").click()
    expect(page.locator("h1.sg-title")).to_have_text(theme)
    links = page.locator("ul.sg-papers > li > a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    at = hrefs.index(f"{site_url}papers/{MATH_PAPER}/")
    assert accessible(page, links.nth(at))[:2] == ("link", MATH_TITLE)
    assert at > 0, "the paper is first in its theme: no paper before it links to it as the next one"
    links.nth(at - 1).click()  # the paper before it in the theme: its "next" link
    expect(page.locator("a.sg-following")).to_have_js_property("href", f"{site_url}papers/{MATH_PAPER}/")
    expect(page.locator("a.sg-following .katex").first).to_be_attached()
    assert accessible(page, page.locator("a.sg-following"))[:2] == ("link", MATH_TITLE + " \u2192")


def test_the_label_of_math_keeps_a_latin_1_page_latin_1() -> None:
    """The plain text of "$\\Lambda$" is "\u039b": written as such, it would make Python hold the whole page in 2 bytes
    a character (see test_templates.test_pages_of_latin_text_stay_latin_1); a character reference keeps it Latin-1."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    papers = [
        Paper("1", "Topology in $\\Lambda$CDM & caf\u00e9", "An abstract.", (Source("x.txt", 1),), date="2024-01-01"),
        Paper("2", "Plain", "An abstract.", (Source("x.txt", 2),), date="2024-01-02"),
    ]
    themes = ThemeResult((Theme("t", "Theme T", ("term",), ("1", "2")),), dict.fromkeys("12", "t"), typical={})
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    label = 'aria-label="Topology in &#923;CDM &amp; caf\u00e9"'
    assert label in pages["papers/1.md"] and label in pages["themes/t.md"] and label in pages["index.md"]
    assert [path for path, text in pages.items() if max(map(ord, text)) > 0xFF] == []
    assert "aria-label" not in pages["papers/2.md"].partition("<h1")[2].partition("</h1>")[0]


HIDDEN_UNDER_HEADER = """() => {
  const at = document.activeElement.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return at.top < header.bottom && at.bottom > 0;
}"""
"""Whether the focused element is (partly) under the sticky header."""


def test_keyboard_focus_never_hides_under_the_sticky_header(page: Any, site_url: str, site_root: Path) -> None:
    """QA: after "Skip to content" and Tab the focused theme tag of a paper page sat under the header (the page was
    scrolled a little), and so did links reached by Shift+Tab up a theme page. The browser scrolls what gets focus
    out from under the header."""
    page.goto(site_url + f"papers/{MATH_PAPER}/")
    tag = page.locator("a.sg-theme")
    page.evaluate("y => window.scrollTo(0, y)", tag.evaluate("a => a.getBoundingClientRect().top - 10"))
    assert tag.evaluate("a => a.getBoundingClientRect().top") < 48  # under the header, yet in the window
    tag.focus()
    assert not page.evaluate(HIDDEN_UNDER_HEADER)
    theme = sorted(p.name for p in (site_root / SUBPATH / "themes").iterdir())[0]
    page.goto(site_url + f"themes/{theme}/")
    for _ in range(60):
        page.keyboard.press("Tab")
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(HIDDEN_UNDER_HEADER):
            hidden.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert hidden == []


def test_an_anchor_lands_where_material_puts_it(page: Any, site_url: str) -> None:
    """The page keeps focus clear of the header by scroll-padding; Material's own margin for a :target is as much
    smaller, so #related lands 3.4rem below the top as before (Material: 3.6rem less 0.2rem for an h2)."""
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(site_url + f"papers/{MATH_PAPER}/#related")
    rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    top = page.evaluate("document.getElementById('related').getBoundingClientRect().top")
    assert abs(top - 3.4 * rem) < 2, (top, rem)


@pytest.mark.parametrize(("scheme", "toggle"), [("light", "Switch to dark mode"), ("dark", "Switch to light mode")])
def test_tab_comes_to_the_palette_toggle_the_button_shown_is(
    page: Any, site_url: str, scheme: str, toggle: str
) -> None:
    """QA: Material checks neither palette radio on load, so Tab came to the first, "Switch to dark mode", in the dark
    palette too, where the button shown says "Switch to light mode"."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url)
    shown = page.locator("label.md-header__button[for^=__palette]:not([hidden])")
    expect(shown).to_have_attribute("title", toggle)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "__palette":
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == toggle


LIVE = "[data-sitegen-search] [aria-live]"
"""The search's live region, found as a screen reader finds it: what it reads out of the status line."""

STATUS_WRITES = """() => {
  const live = document.querySelector('[data-sitegen-search] [aria-live]');
  const shown = document.querySelector('[data-sitegen-search-status]');
  const at = () => Math.round(performance.now());
  window.liveWrites = [];
  window.shownWrites = [];
  window.events = [];
  new MutationObserver(() => window.liveWrites.push([at(), live.textContent]))
    .observe(live, {childList: true, characterData: true, subtree: true});
  new MutationObserver(() => window.shownWrites.push([at(), shown.textContent]))
    .observe(shown, {childList: true, characterData: true, subtree: true});
  const root = document.querySelector('[data-sitegen-search]');
  for (const type of ['input', 'change']) root.addEventListener(type, () => window.events.push([at(), type]), true);
}"""
"""Notes each write to the search status line's live region (a write a screen reader reads out), with its time
(ms), in ``window.liveWrites``; each text the status line shows, with its time, in ``window.shownWrites``; and the
time of each key typed in the box ("input") and menu choice ("change") in ``window.events``."""

ANNOUNCE_MS = 1000
"""search.js's ANNOUNCE_MS: how long typing pauses before the live region says the count."""


def test_the_search_status_line_is_written_only_when_it_changes(page: Any, site_url: str) -> None:
    """QA: the status line, a live region, was rewritten on every key even when its text stood still, and a screen
    reader read it out each time: "diffusion model" typed key by key wrote "44 matching papers" 7 times running, and
    "Show more" wrote it again. It is a polite live region read whole, with the text the status line shows (the line
    shown is hidden from screen readers: they would read it twice)."""
    page.goto(site_url)
    status, live = page.locator("[data-sitegen-search-status]"), page.locator(LIVE)
    assert [live.get_attribute(a) for a in ("role", "aria-live", "aria-atomic")] == ["status", "polite", "true"]
    assert status.get_attribute("aria-hidden") == "true"
    page.evaluate(STATUS_WRITES)
    page.keyboard.press("/")
    page.keyboard.type("diffusion model", delay=30)
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator(".sitegen-search__more")).to_be_visible()
    expect(live).to_have_text(status.inner_text(), timeout=ANNOUNCE_MS + 4000)  # once typing has paused
    page.wait_for_timeout(300)  # a last search's status, if one were still to come
    assert accessible(page, live)[0] == "status"  # in the open search
    writes = [text for _, text in page.evaluate("window.liveWrites")]
    assert writes and writes[-1] == status.inner_text()
    assert [w for k, w in enumerate(writes) if k and writes[k - 1] == w] == [], writes
    before = len(writes)
    page.locator(".sitegen-search__more").click()
    expect(page.locator(HITS)).to_have_count(20)
    page.wait_for_timeout(300)
    assert len(page.evaluate("window.liveWrites")) == before  # the same hits: nothing to say


def test_a_query_typed_key_by_key_is_announced_once_typing_pauses(page: Any, site_url: str) -> None:
    """QA: typed key by key, the count of a query changes on many keys ("d" ... "diffusion model"), and a screen reader
    read out each one ("212 matching papers", "57 matching papers", ...). The live region is written once typing
    pauses (ANNOUNCE_MS after the last key), with the final count only; the status line shown and the results follow
    each key at once. A theme picked from the menu, not typing, is announced at once."""
    page.goto(site_url)
    status, live = page.locator("[data-sitegen-search-status]"), page.locator(LIVE)
    page.evaluate(STATUS_WRITES)
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("diffusion model", delay=150)
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    final = status.inner_text()
    assert re.fullmatch(r"\d+ matching papers", final), final
    expect(page.locator(HITS).first).to_be_visible()
    early = live.inner_text()  # typing has only just stopped
    expect(live).to_have_text(final, timeout=ANNOUNCE_MS + 4000)
    page.wait_for_timeout(500)  # a later write, if one were to come
    keys = [t for t, kind in page.evaluate("window.events") if kind == "input"]
    shown, said = page.evaluate("window.shownWrites"), page.evaluate("window.liveWrites")
    assert len(keys) == len("diffusion model"), keys
    assert [text for _, text in said] == [final], said  # no count of a query half typed, and the final one once
    assert early != final  # shown at once, said after the pause
    # Sighted users saw the count of the query half typed, at once, while the keys were still coming.
    while_typing = {text for t, text in shown if t < keys[-1]}
    assert len(while_typing - {final}) >= 2, shown
    assert shown[-1][1] == final, shown
    assert said[0][0] - max(keys[-1], shown[-1][0]) >= ANNOUNCE_MS - 50, (said, shown, keys)
    # Not typing: a theme picked is said at once.
    theme = page.locator("[data-sitegen-search-filter] option").nth(1)
    label = re.sub(r" \(\d+\)$", "", theme.inner_text())
    page.select_option("[data-sitegen-search-filter]", index=1)
    expect(live).to_contain_text(f"in \u201c{label}\u201d")
    picked = [t for t, kind in page.evaluate("window.events") if kind == "change"][-1]
    said = page.evaluate("window.liveWrites")
    assert len(said) == 2 and said[1][0] - picked < ANNOUNCE_MS, (said, picked)  # not after a pause
    assert said[1][1] == status.inner_text()


@pytest.mark.parametrize("closed", ["before", "after"])
def test_nothing_is_announced_once_the_search_is_closed(page: Any, site_url: str, closed: str) -> None:
    """A query typed and the search closed (Esc) before typing had paused ANNOUNCE_MS: the closed search still wrote
    the count to its live region, and a screen reader read "N matching papers" out over the page. Closing drops the
    announcement waiting (closed after the results arrived), and results that arrive after the close announce
    nothing (closed before); the status line still shows them, and the search opened again says what it shows."""
    page.goto(site_url)
    search, status, live = (
        page.locator("[data-sitegen-search]"),
        page.locator("[data-sitegen-search-status]"),
        page.locator(LIVE),
    )
    page.evaluate(STATUS_WRITES)
    held = Held(page) if closed == "before" else None
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("diffusion model", delay=30)
    if held:
        page.wait_for_timeout(300)
        assert held.routes, "the search fetched nothing: it cannot be closed before its results"
        expect(search).to_have_attribute("data-sitegen-search-state", "busy")
    else:
        expect(search).to_have_attribute("data-sitegen-search-state", "done")
        expect(page.locator(HITS).first).to_be_visible()
    waiting = page.evaluate("window.liveWrites")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert waiting == [], "said before the close: nothing was still to say"
    if held:
        held.release()
        expect(search).to_have_attribute("data-sitegen-search-state", "done")
    said = status.text_content() or ""  # the closed search's line is not displayed: no inner text
    assert re.fullmatch(r"\d+ matching papers", said), said  # the results arrived, shown (hidden) but not said
    page.wait_for_timeout(ANNOUNCE_MS + 500)  # past when the typed announcement was due
    assert page.evaluate("window.liveWrites") == []
    page.keyboard.press("/")  # opened again: a menu choice, not typing, is said at once
    page.select_option("[data-sitegen-search-filter]", index=1)
    expect(live).to_contain_text(" in \u201c")
    expect(live).to_have_text(status.inner_text())


def test_a_search_partial_without_the_live_copy_announces_its_status_line(page: Any, site_url: str) -> None:
    """A project's own partials/search.html from before 2026-12-01 has only the status line, the live region then:
    search.js writes it with the results (no error on the missing copy), as it did."""

    def old_partial(route: Any) -> None:
        html = route.fetch().text()
        old = re.sub(r'<span class="sitegen-search__live"[^>]*>[^<]*</span>', "", html).replace(
            '<span data-sitegen-search-status aria-hidden="true">',
            '<span data-sitegen-search-status role="status" aria-live="polite" aria-atomic="true">',
        )
        assert old.count("aria-live") == html.count("aria-live") and "data-sitegen-search-live" not in old
        route.fulfill(body=old, content_type="text/html; charset=utf-8")

    page.route(re.compile(r".*/(index\.html)?$"), old_partial)
    page.goto(site_url)
    live = page.locator(LIVE)
    expect(live).to_have_attribute("data-sitegen-search-status", "")
    type_query(page, "reinforcement ")
    expect(live).to_have_text(re.compile(r"\d+ matching papers"))
    expect(page.locator(HITS).first).to_be_visible()
    page.wait_for_timeout(ANNOUNCE_MS + 500)  # the typed query's announcement: no script error (checked_page)


def test_the_search_status_line_names_the_chosen_theme_and_year(page: Any, site_url: str) -> None:
    """QA: with a theme picked, a screen reader heard "28 matching papers", as for every theme's papers but a number;
    the status line names the theme, and a year picked from the menu (a typed year it named already)."""
    page.goto(site_url)
    type_query(page, "reinforcement ")
    status = page.locator("[data-sitegen-search-status]")
    all_count = status.inner_text()
    assert re.fullmatch(r"\d+ matching papers", all_count), all_count
    theme = page.locator("[data-sitegen-search-filter] option").nth(1)
    label, count = re.fullmatch(r"(.*) \((\d+)\)", theme.inner_text()).groups()  # type: ignore[union-attr]
    page.select_option("[data-sitegen-search-filter]", index=1)
    papers = f"{count} matching paper{'s' * (count != '1')}"
    expect(status).to_have_text(f"{papers} in \u201c{label}\u201d")
    page.select_option("[data-sitegen-search-filter]", "")
    expect(status).to_have_text(all_count)
    year = page.locator("[data-sitegen-search-year] option").nth(1)
    picked, count = re.fullmatch(r"(\d{4}) \((\d+)\)", year.inner_text()).groups()  # type: ignore[union-attr]
    page.select_option("[data-sitegen-search-year]", picked)
    expect(status).to_have_text(f"{count} matching paper{'s' * (count != '1')} from {picked}")


def current_links(page: Any) -> list[list[str]]:
    """The sidebar's links marked current (aria-current), as [value, address] (Material makes the addresses of
    pages in its sitemap absolute)."""
    return page.locator(".md-nav--primary a[aria-current]").evaluate_all(
        "links => links.map(a => [a.getAttribute('aria-current'), a.href])"
    )


def title_of(site: Path, theme: str) -> str:
    """A theme's label, as its page's heading says it."""
    found = re.search(r'<h1 class="sg-title">(.*?)</h1>', (site / "themes" / theme / "index.html").read_text("utf-8"))
    assert found, theme
    return html.unescape(found[1])


def test_the_sidebar_marks_the_current_page_for_screen_readers(page: Any, site_url: str, site_root: Path) -> None:
    """QA: the sidebar told the current page (and on a paper page its theme) from the others by colour alone. Its
    link has aria-current="page" (a screen reader says "current page"), a paper's theme aria-current="true" (the
    paper is in no nav); after instant navigation (Material replaces the sidebar) too."""
    site = site_root / SUBPATH
    themes = sorted(p.name for p in (site / "themes").iterdir())
    page.goto(site_url)
    assert current_links(page) == [["page", site_url]]
    page.goto(site_url + f"themes/{themes[0]}/")
    assert current_links(page) == [["page", site_url + f"themes/{themes[0]}/"]]
    page.locator(".md-nav--primary").get_by_role("link", name=title_of(site, themes[1]), exact=True).click()
    expect(page).to_have_url(site_url + f"themes/{themes[1]}/")
    # Material changes the address before it swaps the sidebar in (one current link before and after): wait for it.
    expect(page.locator(".md-nav--primary a[aria-current]")).to_have_text(title_of(site, themes[1]))
    assert current_links(page) == [["page", site_url + f"themes/{themes[1]}/"]]
    page.goto(site_url + f"papers/{MATH_PAPER}/")
    theme = page.locator("a.sg-theme").evaluate("a => a.href")
    assert current_links(page) == [["true", theme]]
    assert accessible(page, page.locator(".md-nav--primary a[aria-current]"))[:2] == (
        "link",
        page.locator("a.sg-theme").inner_text().strip(),
    )


NAMED_NAVS = """() => [...document.querySelectorAll('nav')].map(nav => [
  nav.className, nav.getAttribute('aria-label') || nav.getAttribute('aria-labelledby') || '',
  nav.querySelectorAll('a[href], button, label').length
])"""
"""Each nav of the page: its class, what names it, and how many links or buttons are in it."""


def test_every_navigation_landmark_is_named_and_has_something_in_it(page: Any, site_url: str, site_root: Path) -> None:
    """QA: a screen reader's list of landmarks offered an empty "Table of contents" navigation on every page
    (Material writes it without headings to list) and an unnamed "navigation" on a paper page (its theme tag)."""
    theme = sorted(p.name for p in (site_root / SUBPATH / "themes").iterdir())[0]
    for path in ["", f"themes/{theme}/", f"papers/{MATH_PAPER}/"]:
        page.goto(site_url + path)
        navs = page.evaluate(NAMED_NAVS)
        assert [n for n in navs if not n[1] or not n[2]] == [], (path, navs)
        assert not [n for n in navs if "md-nav--secondary" in n[0]], path
    assert accessible(page, page.locator("nav.md-tags"))[:2] == ("navigation", "Theme")


OWN_PAGE = """# About the lab

Some words.

## Members

Who we are.

## Funding

Who pays.
"""


@pytest.fixture(scope="module")
def own_page_url(server: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small site with a page of the project's own, with headings: ``<url>/own/about/``."""
    root, url = server
    folder = tmp_path_factory.mktemp("own-page")
    (folder / "docs").mkdir()
    (folder / "docs" / "about.md").write_text(OWN_PAGE, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nsite_url: {url}own/\ndocs_dir: {folder / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'templates' / 'overrides'}\n"
        "markdown_extensions: [toc]\n"
    )
    sitegen = Path(sys.executable).with_name("sitegen")
    inputs = [str(Path(__file__).parent / "fixtures" / "namesake.jsonl")]
    command = [str(sitegen), "build", "-q", "-f", str(config), *inputs, "--out", str(root / "own"), "--engine", "tfidf"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return f"{url}own/"


def test_a_page_with_headings_keeps_its_table_of_contents(page: Any, own_page_url: str) -> None:
    """The table of contents is left out only where it would be empty; a project's own page with headings has it,
    and its link in the sidebar is the current page's (not the label Material puts before it to open the contents
    on a phone)."""
    page.goto(own_page_url + "about/")
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc).to_have_count(1)
    assert toc.locator("a").all_inner_texts() == ["Members", "Funding"]
    assert current_links(page) == [["page", own_page_url + "about/"]]
    assert page.locator("label[aria-current]").count() == 0


DRAWER = ".md-sidebar--primary"
MENU = "label.md-header__button[for=__drawer]"
FOCUS = """() => {
  const at = document.activeElement;
  return [at.closest('.md-sidebar--primary') ? 'drawer' : at.closest('.md-content') ? 'content' : 'header',
          at.getAttribute('aria-label') || at.textContent.trim()];
}"""
"""Where focus is (in the drawer, the content or the header) and the focused element's name."""


def tab_stops(page: Any, count: int) -> list[list[str]]:
    """Where the first ``count`` presses of Tab from the top of the page land."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS))
    return stops


@pytest.mark.parametrize("width", [390, 1000])
def test_the_closed_drawer_takes_no_tab_and_the_open_one_works_with_the_keyboard(
    page: Any, site_url: str, axe_source: str, width: int
) -> None:
    """QA: below 76.25em (1220 px) the navigation is a drawer off screen when closed, and Tab went through its 14
    invisible links between the search box and the page; the menu button that opens it was a label Tab never came to.
    The closed drawer is hidden (once its slide has ended); the button takes Tab, Enter opens the drawer with focus on
    the current page's link, Esc closes it with focus back on the button, and Tab out of it closes it."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + f"papers/{MATH_PAPER}/")
    theme = page.locator("a.sg-theme").inner_text().strip()
    stops = tab_stops(page, 6)
    assert ["header", "Navigation"] in stops and all(where != "drawer" for where, _ in stops), stops
    assert stops[-1][0] == "content", stops
    menu = page.locator(MENU)
    menu.focus()
    assert accessible(page, menu)[:2] == ("button", "Navigation")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    assert page.evaluate(FOCUS) == ["drawer", theme]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)[0] == "drawer"
    expect(page.locator(DRAWER)).to_be_visible()
    page.wait_for_timeout(300)  # the slide in has ended
    assert violations(page, axe_source) == []
    page.keyboard.press("Escape")
    assert page.locator(DRAWER).evaluate("e => getComputedStyle(e).visibility") == "visible"  # sliding out
    expect(page.locator(DRAWER)).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    page.keyboard.press(" ")
    expect(page.locator(DRAWER)).to_be_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS)[0] != "drawer":
            break
    assert page.evaluate(FOCUS)[0] == "content"
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.locator(DRAWER)).to_be_hidden()


def test_at_desktop_width_the_sidebar_takes_tab_and_there_is_no_menu_button(
    page: Any, site_url: str, axe_source: str
) -> None:
    """From 76.25em up the navigation is a sidebar always shown: its links take Tab as before. A link with focus
    passes axe too (Material's accent colour on it was 4.25:1)."""
    page.goto(site_url + f"papers/{MATH_PAPER}/")
    expect(page.locator(MENU)).to_be_hidden()
    stops = tab_stops(page, 8)
    assert ["drawer", "Home"] in stops, stops
    page.locator(".md-nav--primary a[aria-current]").focus()
    assert violations(page, axe_source) == []


WHERE_FOCUS_IS = """() => {
  const at = document.activeElement, box = at.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {drawer: !!at.closest('.md-sidebar--primary'), name: at.getAttribute('aria-label') || at.textContent.trim(),
          tag: at.tagName, back: at.matches('.md-nav__title'), seen: !!hit && (hit === at || at.contains(hit))};
}"""
"""The focused element: whether it is in the drawer, its name and tag, whether it is a sub-panel's back arrow (the
title of a nested level), and whether it can be seen (nothing covers its middle)."""


def open_drawer(page: Any) -> None:
    """Open the drawer as a keyboard user does (Enter on the menu button) and wait for its slide to end."""
    page.locator(MENU).focus()
    page.keyboard.press("Enter")
    expect(page.locator(DRAWER)).to_be_visible()
    page.wait_for_timeout(300)


def press(page: Any, key: str) -> dict[str, Any]:
    """Press ``key``, wait for the sub-panel's slide (.25s), and say where focus is."""
    page.keyboard.press(key)
    page.wait_for_timeout(300)
    found: dict[str, Any] = page.evaluate(WHERE_FOCUS_IS)
    return found


def test_an_open_sub_panel_of_the_drawer_keeps_tab_from_what_it_covers_and_goes_back_by_keyboard(
    page: Any, site_url: str, site_root: Path, axe_source: str
) -> None:
    """QA: below 76.25em a theme page opens the drawer on its "Themes" sub-panel, which covers Home and the logo link,
    and Shift+Tab went on from the first theme to them, invisible. What it covers takes no Tab (nor a screen reader)
    while it is open, and does again once it closes. Its back arrow (a label in Material) is a button, named by what
    it shows ("Themes", expanded): Enter or Space closes the sub-panel with focus on the "Themes" button of the level
    above (collapsed), which opens it again."""
    page.set_viewport_size({"width": 800, "height": 900})
    site = site_root / SUBPATH
    theme = sorted(p.name for p in (site / "themes").iterdir())[0]
    page.goto(site_url + f"themes/{theme}/")
    open_drawer(page)
    assert page.evaluate(WHERE_FOCUS_IS)["name"] == title_of(site, theme)
    stops = [press(page, "Shift+Tab") for _ in range(30)]
    in_drawer = stops[: [stop["drawer"] for stop in stops].index(False)]
    assert in_drawer and all(stop["seen"] for stop in in_drawer), in_drawer
    assert in_drawer[-1]["back"] and in_drawer[-1]["name"] == "Themes", in_drawer

    open_drawer(page)
    back = page.locator(".md-nav--primary label.md-nav__title:not([for=__drawer])")
    back.focus()
    assert accessible(page, back)[:2] == ("button", "Themes")
    expect(back).to_have_attribute("aria-expanded", "true")
    assert violations(page, axe_source) == []
    at = press(page, "Enter")
    assert at["drawer"] and at["seen"] and not at["back"] and at["name"] == "Themes", at
    opener = page.locator(".md-nav--primary label.md-nav__link:not(.md-nav__title)[for]").first
    expect(opener).to_be_focused()
    assert accessible(page, opener)[:2] == ("button", "Themes")
    expect(opener).to_have_attribute("aria-expanded", "false")
    assert violations(page, axe_source) == []
    up = [press(page, "Shift+Tab") for _ in range(2)]
    assert [(stop["name"], stop["seen"]) for stop in up] == [("Home", True), ("Research papers by theme", True)], up
    press(page, "Tab")
    assert press(page, "Tab")["name"] == "Themes"
    at = press(page, " ")
    assert at["back"] and at["seen"] and at["name"] == "Themes", at
    expect(back).to_have_attribute("aria-expanded", "true")
    expect(opener).to_be_hidden()


def test_a_closed_sub_panel_of_the_drawer_takes_no_tab(page: Any, site_url: str) -> None:
    """QA: on the home page the drawer opens on its first level (Home, Themes) and the "Themes" sub-panel waits off to
    the right, transparent; Tab from Home went through its 13 links, unseen (and the drawer scrolled sideways, blank).
    Closed, it is hidden; Tab comes to "Themes" (a button below 76.25em), then leaves the drawer."""
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(site_url)
    open_drawer(page)
    assert page.evaluate(WHERE_FOCUS_IS)["name"] == "Home"
    at = press(page, "Tab")
    assert at["drawer"] and at["seen"] and at["name"] == "Themes" and at["tag"] == "LABEL", at
    assert not press(page, "Tab")["drawer"]


def test_at_desktop_width_a_section_title_is_no_button(page: Any, site_url: str) -> None:
    """From 76.25em up "Themes" is the title of a section always shown, not a control: it takes no Tab and is no
    button, also after the window was narrow (where it opens the drawer's sub-panel) and widened again."""
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(site_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    section = page.locator(".md-nav--primary .md-nav__item--section > label.md-nav__link")
    expect(section).to_be_visible()
    assert section.evaluate("e => [e.tabIndex, e.getAttribute('role'), e.hasAttribute('aria-expanded')]") == [
        -1,
        None,
        False,
    ]


def test_without_javascript_the_menu_button_is_a_label_a_click_opens_and_tab_passes_by(
    browser: Any, site_url: str
) -> None:
    """QA: without JavaScript the menu button took Tab and said "button", and Enter did nothing (site.js makes it a
    keyboard button). Without JavaScript it is Material's label for the drawer's checkbox: a click or tap opens the
    drawer, and Tab does not stop at a button that cannot work (the pages' own links lead on: the home page lists
    every theme)."""
    with checked_page(browser, viewport={"width": 800, "height": 900}, java_script_enabled=False) as page:
        page.goto(site_url)
        menu = page.locator(MENU)
        assert menu.evaluate("e => [e.tabIndex, e.getAttribute('role'), e.hasAttribute('aria-expanded')]") == [
            -1,
            None,
            False,
        ]
        stops = tab_stops(page, 6)
        assert all(name != "Navigation" for _, name in stops), stops
        menu.click()
        assert page.locator("#__drawer").is_checked()
        expect(page.locator(DRAWER)).to_be_visible()

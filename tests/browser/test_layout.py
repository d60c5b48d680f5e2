"""Layout on a phone and on a desktop, in headless Chromium: what a reader sees on the home page and the 404 page."""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.support import QuietHandler, QuietServer, build_small_site, require
from tests.browser.test_accessibility import AXE, violations
from tests.browser.test_search_browser import BOX, HITS, SUBPATH

WORDS_ON_ONE_LINE = """() => [...document.querySelectorAll('.sg-themes a')].flatMap(link => {
  const text = link.firstChild, found = [];
  for (const m of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, m.index);
    range.setEnd(text, m.index + m[0].length);
    if (range.getClientRects().length > 1) found.push(m[0]);
  }
  return found;
})"""
"""The words of theme labels that the browser broke across two lines (a word on one line has one box)."""


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_on_a_phone_theme_labels_wrap_between_words_and_keyboard_hints_are_hidden(phone: Any, site_url: str) -> None:
    phone.goto(site_url)
    assert phone.locator(".sg-themes a").count() > 5
    assert phone.evaluate(WORDS_ON_ONE_LINE) == []  # "Reinforce|ment learning" before 2026-11-29
    assert phone.locator(".sg-keys").first.is_hidden()
    hint = phone.locator("p", has_text="Search:").inner_text()
    assert "filters" in hint
    # Below Material's 60em breakpoint the header has a magnifier, no box: the hint said "click the search box".
    assert hint.startswith("Search: click the magnifier at the top, and type") and "search box" not in hint


def test_on_a_desktop_the_keyboard_hints_are_shown(page: Any, site_url: str) -> None:
    page.goto(site_url)
    hint = page.locator("p", has_text="Search:").inner_text()
    assert "press / or s, or click the search box at the top" in hint and "magnifier" not in hint
    assert "Use the arrow keys and Enter to open a result." in hint
    page.set_viewport_size({"width": 959, "height": 900})  # a narrow window: the header shows the magnifier
    hint = page.locator("p", has_text="Search:").inner_text()
    assert "press / or s, or click the magnifier at the top" in hint and "search box" not in hint


def test_on_a_phone_the_search_button_puts_the_cursor_in_the_box(phone: Any, site_url: str) -> None:
    """Tapping the magnifier opened the search with focus left on the page: what was typed went nowhere and a
    phone's keyboard would not come up until the box was tapped too."""
    phone.goto(site_url)
    phone.locator("label.md-header__button[for=__search]").tap()
    expect(phone.locator("#__search")).to_be_checked()
    expect(phone.locator("[data-sitegen-search-query]")).to_be_focused()
    phone.keyboard.type("grokking ")
    expect(phone.locator("[data-sitegen-search-hit]").first).to_be_visible()
    phone.locator("[data-sitegen-search] .md-search__icon[for=__search]").tap()  # the back arrow
    expect(phone.locator("#__search")).not_to_be_checked()


class GitHubPagesHandler(QuietHandler):
    """Serves as GitHub Pages does a project site: a missing path (a folder without index.html too) gets the
    project's 404.html with status 404, at whatever depth it was asked for."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        project = self.path.split("?")[0].strip("/").split("/")[0]
        missing = Path(self.directory) / project / "404.html"
        if code != 404 or not project or not missing.is_file():
            super().send_error(code, message, explain)
            return
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | Any) -> None:
        self.send_error(404)


MISSING_BIB = """
@article{laws, title={Scaling laws for neural language models}, year={2020},
  abstract={We study empirical scaling laws for language model performance on the cross-entropy loss.}}
@article{grok, title={Grokking beyond overfitting}, year={2022},
  abstract={Small algorithmic datasets show generalization long after overfitting.}}
@article{prune, title={Pruning convolutional networks}, year={2019},
  abstract={We remove filters from convolutional networks with little loss of accuracy.}}
"""


@pytest.fixture(scope="module")
def project_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    """A small site at ``/project/`` of a server that answers as GitHub Pages (its ``site_url`` names that server,
    so instant navigation is on, as on a hosted site)."""
    root = tmp_path_factory.mktemp("ghpages")
    server = QuietServer(("127.0.0.1", 0), functools.partial(GitHubPagesHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        bib = root.parent / "missing.bib"
        bib.write_text(MISSING_BIB)
        yield build_small_site(root, f"http://127.0.0.1:{server.server_port}/", "project", bib)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize(
    ("missing", "words"),
    [
        ("papers/scaling-laws-0a1b2c3d-2/", "scaling laws"),  # a hashed, numbered id: its ends are no words
        ("papers/x/scaling-laws/", "scaling laws"),  # deeper: relative links would lead to papers/x/...
        ("themes/old-label/scaling-laws/index.html", "scaling laws"),
    ],
)
def test_a_missing_page_links_home_and_searches_the_words_of_its_address(
    page: Any, project_url: str, missing: str, words: str
) -> None:
    """QA: the 404 page, where old addresses of papers and themes land, said "404 - Not found" and nothing more (on
    a phone, where the theme list is in the menu, a heading and a footer). It says why, links home and offers a
    search for the address's words, whose link opens the home page with them searched (``?q=``)."""
    assert page.goto(project_url + missing).status == 404
    expect(page.locator("article")).to_contain_text("it may have moved: pages are named after the papers' titles")
    search = page.get_by_role("link", name=f"Search for \u201c{words}\u201d")
    assert search.evaluate("a => a.href") == project_url + "?q=" + words.replace(" ", "%20")
    search.click()
    expect(page).to_have_url(project_url + "?q=" + words.replace(" ", "%20"))
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(BOX)).to_have_value(words)
    expect(page.locator(HITS).first).to_contain_text("Scaling laws for neural language models")
    page.goto(project_url + missing)
    page.get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(project_url)
    expect(page.locator("h1")).to_have_text("Research papers by theme")


def test_on_a_phone_a_missing_page_shows_where_to_go(phone: Any, project_url: str) -> None:
    phone.goto(project_url + "papers/scalling-laws/")
    for link in ["Search for \u201cscalling laws\u201d", "Go to the home page"]:
        expect(phone.get_by_role("link", name=link)).to_be_in_viewport()


def test_without_javascript_a_missing_page_links_home(browser: Any, project_url: str) -> None:
    """No search without JavaScript: the sentence and the link home, no empty search link."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(project_url + "papers/x/scaling-laws/")
        expect(page.locator("article")).to_contain_text("it may have moved")
        expect(page.get_by_role("link", name="Go to the home page")).to_have_attribute("href", "/project/")
        expect(page.locator("article a", has_text="Search for")).to_have_count(0)
        expect(page.locator("#sg-missing-search")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_missing_page_passes_axe(page: Any, project_url: str, scheme: str) -> None:
    axe = require(AXE, f"{AXE} is missing: `make test` installs axe-core from npm").read_text(encoding="utf-8")
    page.emulate_media(color_scheme=scheme)
    page.goto(project_url + "papers/x/scaling-laws/")
    expect(page.get_by_role("link", name="Search for \u201cscaling laws\u201d")).to_be_visible()
    assert violations(page, axe) == []


def _largest_dated_theme(site_root: Path) -> str:
    """The id of the theme with the most papers of two dates or more (the seeds' Daily Papers carry dates)."""
    data = json.loads((site_root / SUBPATH / "papers.json").read_text())
    dates: dict[str, set[str]] = {}
    for paper in data["papers"]:
        if paper["date"]:
            dates.setdefault(paper["theme"]["id"], set()).add(paper["date"])
    return max((t for t in dates if len(dates[t]) > 1), key=lambda t: len(dates[t]))


def test_a_theme_page_lists_its_papers_newest_first_when_asked(page: Any, site_url: str, site_root: Path) -> None:
    """Most typical first, as the page is written; "newest first" reorders the list (undated last), says so in the
    address, and a reload keeps it; "most typical first" puts the written order back. Keyboard: the buttons are
    reached with Tab and pressed with Enter."""
    theme = _largest_dated_theme(site_root)
    page.goto(f"{site_url}themes/{theme}/")
    items = page.locator("ul.sg-papers > li")
    written = items.all_inner_texts()
    dates = """() => [...document.querySelectorAll('ul.sg-papers > li')].map(
        li => (li.querySelector('.sg-date') || {textContent: ''}).textContent)"""
    newest = page.get_by_role("button", name="newest first")
    typical = page.get_by_role("button", name="most typical first")
    expect(typical).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".sg-order-said")).to_be_hidden()  # the buttons say the order
    newest.focus()
    page.keyboard.press("Enter")
    expect(newest).to_have_attribute("aria-pressed", "true")
    shown = page.evaluate(dates)
    given = [d for d in shown if d]
    assert given == sorted(given, reverse=True) and shown == given + [""] * (len(shown) - len(given))
    assert sorted(items.all_inner_texts()) == sorted(written) and items.all_inner_texts() != written
    assert page.url.endswith("?order=newest")
    page.reload()
    expect(newest).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(dates) == shown
    typical.click()
    assert items.all_inner_texts() == written and "order=" not in page.url


def test_without_javascript_a_theme_page_shows_its_order_and_no_buttons(
    browser: Any, site_url: str, site_root: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}themes/{_largest_dated_theme(site_root)}/")
        expect(page.locator(".sg-meta")).to_contain_text("the most typical first")
        assert page.locator(".sg-order__button").count() == 0
    finally:
        context.close()


SITE_NAME = ".md-header__topic:first-child .md-ellipsis"
PAGE_TITLE = ".md-header__topic:last-child .md-ellipsis"
WHOLE = "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"
"""Whether an element shows all of its text (Material cuts the header's with an ellipsis)."""


@pytest.mark.parametrize("width", [320, 360, 390])
def test_on_a_phone_the_header_shows_the_whole_site_name(browser: Any, site_url: str, width: int) -> None:
    """QA: at 360 px the header said "Research papers b…". Below 30em it takes two lines of a smaller font; so does
    the page's title Material shows there once the page is scrolled (the home page's is the site's name)."""
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(site_url)
        name = phone.locator(SITE_NAME)
        expect(name).to_have_text("Research papers by theme")
        assert name.evaluate(WHOLE), name.evaluate("e => [e.clientWidth, e.scrollWidth]")
        assert name.evaluate("e => e.getBoundingClientRect().height") <= 2.4 * 20  # within the header's 2.4rem
        phone.evaluate("window.scrollTo(0, 600)")
        expect(phone.locator(".md-header__title")).to_have_class(re.compile("md-header__title--active"))
        assert phone.locator(PAGE_TITLE).evaluate(WHOLE)
    finally:
        context.close()


DISPLAY_MATH_BIB = r"""
@article{gnn, title={A long display equation for graph neural networks}, author={Emmy Noether}, year={2021},
  abstract={Graph neural networks aggregate messages as $$h_v^{(k+1)} = \sigma\left(W^{(k)} h_v^{(k)} + \sum_{u \in
  \mathcal{N}(v)} \frac{1}{\sqrt{|\mathcal{N}(u)|\,|\mathcal{N}(v)|}} W^{(k)} h_u^{(k)} + b^{(k)}\right)$$ and we
  prove convergence of the graph neural network.}}
@article{short, title={A short equation for graph neural networks}, author={Emmy Noether}, year={2022},
  abstract={Graph neural networks aggregate messages as $$h = \sigma(x)$$ and converge.}}
"""


@pytest.fixture(scope="module")
def math_url(server: tuple[Path, str]) -> str:
    """A site of two papers whose abstracts hold display math, one too wide for a phone."""
    root, url = server
    bib = root.parent / "display-math.bib"
    bib.write_text(DISPLAY_MATH_BIB)
    return build_small_site(root, url, "display-math", bib)


def test_on_a_phone_long_display_math_scrolls_in_its_box(browser: Any, math_url: str) -> None:
    """QA: a display equation 657 px wide made a 360 px phone's page 657 px wide. It scrolls in its own box, which
    then takes focus, so that the keyboard scrolls it too (axe: scrollable-region-focusable); one that fits does
    not."""
    axe = require(AXE, f"{AXE} is missing: `make test` installs axe-core from npm").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(math_url + "papers/a-long-display-equation-for-graph-neural-networks/")
        box = phone.locator(".katex-display")
        expect(box).to_have_count(1)
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the column: it scrolls
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        expect(box).to_have_attribute("tabindex", "0")
        assert violations(phone, axe) == []
        phone.goto(math_url + "papers/a-short-equation-for-graph-neural-networks/")
        expect(phone.locator(".katex-display .katex")).to_be_visible()
        expect(phone.locator(".katex-display")).not_to_have_attribute("tabindex", "0")
    finally:
        context.close()

"""Layout on a phone and on a desktop, in headless Chromium: what a reader sees on the home page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

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
    assert "filters" in phone.locator("p", has_text="Search:").inner_text()


def test_on_a_desktop_the_keyboard_hints_are_shown(page: Any, site_url: str) -> None:
    page.goto(site_url)
    hint = page.locator("p", has_text="Search:").inner_text()
    assert "press / or s" in hint and "Use the arrow keys and Enter to open a result." in hint


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

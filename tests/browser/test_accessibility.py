"""Accessibility of the built pages, checked by axe-core in Chromium: home, a theme, a paper, search results.

axe-core (installed from npm by ``make test`` into .venv/npm, like KaTeX) runs its WCAG 2 A/AA rules on each
page in the light and the dark palette; the test fails on any violation and names the rule and the elements.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT
from tests.browser.support import require

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
    for path in ["", f"themes/{theme}/", f"papers/{paper}/"]:
        page.goto(site_url + path)
        found[path or "home"] = violations(page, axe_source)
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("diffusion")
    expect(page.locator("[data-sitegen-search]")).to_have_attribute("data-sitegen-search-state", "done")
    expect(page.locator("[data-sitegen-search-hit]").first).to_be_visible()
    found["search results"] = violations(page, axe_source)
    assert found == {name: [] for name in found}, found

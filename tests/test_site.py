"""The built site, through a real MkDocs build: pages, nav size, data export, determinism, sub-path."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.build import build_site
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _build(out: Path, **overrides: object) -> None:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        build_site(["seeds"], out, engine="tfidf", **overrides)  # type: ignore[arg-type]
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    _build(out)
    return out


@pytest.fixture(scope="module")
def data(site: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((site / "papers.json").read_text(encoding="utf-8"))


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_pages_exist(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    assert (site / "index.html").is_file()
    assert len(list((site / "papers").glob("*/index.html"))) == 577
    theme_ids = [t["id"] for t in data["themes"]]
    assert sorted(p.name for p in (site / "themes").iterdir()) == sorted(theme_ids)
    assert 10 <= len(theme_ids) <= 40


def test_papers_json_schema(data: dict) -> None:  # type: ignore[type-arg]
    assert len(data["papers"]) == 577
    keys = {"id", "title", "title_synthesized", "url", "theme", "date", "authors_count", "authors", "upvotes"}
    keys |= {"links", "sources", "venue", "publication_type"}
    for paper in data["papers"]:
        assert set(paper) == keys
        assert paper["url"] == f"papers/{paper['id']}/"
        assert set(paper["theme"]) == {"id", "label"}
    assert {"id", "label", "size", "terms"} == set(data["themes"][0])
    assert sum(t["size"] for t in data["themes"]) == 577


def test_paper_page_content(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    orca = next(p for p in data["papers"] if p["title"].startswith("Orca: Progressive"))
    html = (site / orca["url"] / "index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1
    assert "2023-06-05 · 6 authors · 18 upvotes" in html
    assert f'href="../../themes/{orca["theme"]["id"]}/"' in html
    assert "seeds/003_9f0e949b75d789a8.txt:85" in html
    assert html.count('<li><a href="../') >= 5  # related papers


def test_home_lists_the_latest_papers(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    home = (site / "index.html").read_text(encoding="utf-8")
    latest = home[home.index('id="latest"') :]
    urls = re.findall(r'<li><a href="(papers/[^"]+/)">', latest)
    dated = sorted((p for p in data["papers"] if p["date"]), key=lambda p: p["date"], reverse=True)
    assert len(urls) == 10 and urls[0] == dated[0]["url"]
    dates = [next(p["date"] for p in data["papers"] if p["url"] == u) for u in urls]
    assert dates == sorted(dates, reverse=True) and dates[-1] >= dated[9]["date"]


def test_page_titles_and_metadata_line(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>(.*?)</title>", home) == ["Research papers by theme"]  # not "X - X"
    undated = next(p for p in data["papers"] if not p["date"] and not p["title_synthesized"])
    html = (site / undated["url"] / "index.html").read_text(encoding="utf-8")
    assert 'class="sg-meta"><' not in html  # no empty metadata line, no stray separator
    assert '<p class="sg-meta sg-source">Read from <code>seeds/' in html  # last, for whoever keeps the site
    lossy = next(p for p in data["papers"] if "(L$^2$)" in p["title"])
    html = (site / lossy["url"] / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>(.*?)</title>", html)[0].startswith("Lossy and Lossless (L²)")


def test_nav_lists_home_and_themes_only(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    for page in ["index.html", data["papers"][0]["url"] + "index.html"]:
        html = (site / page).read_text(encoding="utf-8")
        nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
        nav = nav[: nav.index("</nav>\n  </div>") if "</nav>\n  </div>" in nav else len(nav)]
        assert "papers/" not in re.sub(r"papers\.json", "", nav.split('class="md-content"')[0])


def test_a_paper_pages_sidebar_marks_its_theme(site: Path, data: dict) -> None:  # type: ignore[type-arg]
    """QA reading the site: the sidebar of a paper page (no nav entry of its own) highlighted nothing. Its theme's
    entry is active, on the pages of papers of every theme (the nav is rendered once per theme), and only there."""
    first_of: dict[str, str] = {}
    for paper in data["papers"]:
        first_of.setdefault(paper["theme"]["id"], paper["url"])
    assert len(first_of) >= 2
    for theme, url in first_of.items():
        html = (site / url / "index.html").read_text(encoding="utf-8")
        active = re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]+)"', html)
        assert active == [f"../../themes/{theme}/"], (url, active)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not re.findall(r'md-nav__item--active">\s*<a href="[^"]*themes/', home)


def test_pages_stay_small(site: Path) -> None:
    sizes = [p.stat().st_size for p in (site / "papers").glob("*/index.html")]
    assert max(sizes) < 120_000, "a paper page must stay well under 120 KB (nav must not list papers)"


def test_search_assets_carry_their_content_hash(site: Path) -> None:
    """A rebuilt site with a changed search.js (or site.css, math.js) must not run a browser's cached old copy: the
    URL changes with it."""
    for page in (site / "index.html", next((site / "papers").glob("*/index.html"))):
        html = page.read_text(encoding="utf-8")
        for name in ("search.js", "search.css", "site.css", "math.js", "order.js", "site.js"):
            found = re.findall(rf'assets/sitegen/{re.escape(name)}\?v=([0-9a-f]+)"', html)
            served = hashlib.sha256((site / "assets" / "sitegen" / name).read_bytes()).hexdigest()
            assert found == [served[:10]], (page, name, found)
        assert "<script>\n" not in html  # sitegen's scripts are files a browser caches, not text on every page


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _build(again)
    assert digest(again) == digest(site)


def test_subpath_hosting(tmp_path: Path) -> None:
    from tests.linkcheck import broken_links

    out = tmp_path / "sub"
    _build(out, config_overrides={"site_url": "https://example.org/papers/"})
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/papers/">' in html
    # Root-absolute links would escape the sub-path.
    for page in [out / "index.html", *list((out / "papers").glob("*/index.html"))[:50]]:
        assert not re.search(r'(?:href|src)="/(?!/)', page.read_text(encoding="utf-8")), page
    assert broken_links(out, base_path="/papers/") == []
    missing = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="/papers/assets/' in missing  # the page every bad URL gets keeps its styles
    assert "<title>404 - Not found - " in missing  # not the home page's title
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/papers/" in sitemap
    assert "<lastmod>" not in sitemap  # reproducible builds would date every page 1970-01-01


def test_mkdocs_build_strict_from_repo(tmp_path: Path) -> None:
    env = {**os.environ, "SITEGEN_ENGINE": "tfidf"}
    env.pop("SITEGEN_SITE_URL", None)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "-d", str(tmp_path / "strict")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not re.search(r"^WARNING", done.stderr, re.MULTILINE), done.stderr
    assert "site_url is not set" in done.stderr  # the build says what a sub-path host needs
    assert len(list((tmp_path / "strict" / "papers").iterdir())) == 577


def test_every_internal_link_resolves(site: Path) -> None:
    from tests.linkcheck import broken_links

    assert broken_links(site) == []

"""The plugin in a project of the user's own: their home page, pages and nav stay; what sitegen cannot work with
(folder-less URLs, a file of theirs where sitegen writes one) is one clear error; a build without site_url says so.

Real ``mkdocs build`` and ``sitegen build`` runs over a small input.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page as MkPage

from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
GOOD = FIXTURES / "ingest" / "spaced_upvotes.txt"
PAGES = {
    "index.md": "# Our lab\n\nWelcome to the lab's reading list.\n",
    "guide.md": "# Guide\n\nHow we read papers: xylophonic method.\n",
    "about/team.md": "# Team\n\nWho we are.\n",
}


def project(folder: Path, pages: dict[str, str], **config: object) -> Path:
    """folder/mkdocs.yml of a user's project with their own ``docs/`` pages and the sitegen plugin."""
    (folder / "abstracts").mkdir(parents=True)
    (folder / "docs").mkdir()
    shutil.copy(GOOD, folder / "abstracts")
    for path, text in pages.items():
        (folder / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / path).write_text(text, encoding="utf-8")
    settings = {
        "site_name": "Lab",
        "theme": {"name": "material"},
        "plugins": [{"sitegen": {"inputs": ["abstracts"], "engine": "tfidf"}}],
        **config,
    }
    (folder / "mkdocs.yml").write_text(json.dumps(settings), encoding="utf-8")
    return folder / "mkdocs.yml"


def run(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITEGEN_SITE_URL", None)
    return subprocess.run(
        [str(BIN / command[0]), *command[1:]], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )


def nav_links(page: Path) -> list[str]:
    """The hrefs of the primary navigation of a built page, in order."""
    html = page.read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') : html.index("</nav>", html.index("md-nav--primary"))]
    return re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"\s+class="md-nav__link', nav)


def search_files(site: Path) -> tuple[dict[str, bytes], list[list[object]]]:
    """A built site's search files by path, and its search docs (``[url, title, theme, text, ...]``) in order."""
    files = {str(p.relative_to(site)): p.read_bytes() for p in (site / "search").rglob("*.json")}
    docs = [
        row
        for n in range(len(json.loads(files["search/index.json"])["chunks"]))
        for row in json.loads(files[f"search/d/{n}.json"])
    ]
    return files, docs


def hrefs(page: Path) -> set[str]:
    html = page.read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    return set(re.findall(r'href="([^"#]+)"', nav[: nav.index('class="md-content"')]))


@pytest.mark.parametrize("own_nav", [True, False])
def test_the_users_home_page_pages_and_nav_stay_and_the_themes_are_added(tmp_path: Path, own_nav: bool) -> None:
    nav = [{"Welcome": "index.md"}, {"Guide": "guide.md"}, {"About": [{"Team": "about/team.md"}]}]
    project(tmp_path, PAGES, **({"nav": nav} if own_nav else {}))
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    assert "docs/index.md is the home page: sitegen's (the theme list and latest papers) is not written" in done.stderr
    assert "DeprecationWarning" not in done.stderr  # MkDocs' word for a file replaced
    assert 'not included in the "nav"' not in done.stderr
    site = tmp_path / "site"
    assert "Welcome to the lab's reading list." in (site / "index.html").read_text(encoding="utf-8")
    links = hrefs(site / "guide" / "index.html")
    assert {"../about/team/", "../themes/"} <= {re.sub(r"themes/[^/]+/$", "themes/", h) for h in links}, links
    themes = sorted(p.name for p in (site / "themes").iterdir())
    assert themes and all(f"../themes/{name}/" in links for name in themes)
    assert len(list((site / "papers").iterdir())) == len(json.loads((site / "papers.json").read_text())["papers"])


def test_the_users_own_pages_are_searched_with_the_papers(tmp_path: Path) -> None:
    """Their pages are in sitegen's index (Material's search is replaced): found by their words, titled as MkDocs
    titles them, under "Pages" where a paper shows its theme; the papers are all still there."""
    from sitegen.search import PAGES as THEME
    from sitegen.search_query import index_from_files, search

    own = {**PAGES, "notes/reading-plan.md": "---\ntitle: Plan for the term\n---\nWe read *xylophonic* work.\n"}
    project(tmp_path, own)
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "site"
    files = {str(p.relative_to(folder)): p.read_bytes() for p in (folder / "search").rglob("*.json")}
    manifest = json.loads(files["search/index.json"])
    docs = [row for chunk in range(len(manifest["chunks"])) for row in json.loads(files[f"search/d/{chunk}.json"])]
    found = sorted(docs[n][:2] for n, _ in search(index_from_files(files), "xylophonic"))
    assert found == [["guide/", "Guide"], ["notes/reading-plan/", "Plan for the term"]]
    assert [t[:2] for t in manifest["themes"] if t[0] == THEME[0]] == [list(THEME)]
    papers = json.loads((folder / "papers.json").read_text())["papers"]
    assert manifest["count"] == len(papers) + 4  # the three pages and the home page of their own
    assert ["./", "Our lab"] in [row[:2] for row in docs]


def test_a_paper_and_a_theme_named_index_get_pages_of_their_own(tmp_path: Path) -> None:
    """QA: a paper titled "Index" was written to papers/index.md, which MkDocs makes the folder's index
    (papers/index.html): every link to papers/index/ was broken; so was a theme named "Index"."""
    from tests.linkcheck import broken_links

    project(
        tmp_path,
        {},
        plugins=[{"sitegen": {"inputs": ["abstracts"], "engine": "tfidf", "pin": {"index-paper": "Index"}}}],
    )
    row = {"title": "Index", "abstract": "An index of the compounds tested in the screen, with their structures."}
    (tmp_path / "abstracts" / "index.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert "An index of the compounds" in (site / "papers" / "index-paper" / "index.html").read_text(encoding="utf-8")
    [theme] = [p for p in (site / "themes").iterdir() if p.name.startswith("index-")]  # index-<hash>
    assert "index-paper" in (theme / "index.html").read_text(encoding="utf-8")
    assert not (site / "papers" / "index.html").exists() and not (site / "themes" / "index.html").exists()
    assert broken_links(site) == []


def test_without_a_home_page_of_their_own_sitegens_comes_first(tmp_path: Path) -> None:
    project(tmp_path, {"guide.md": PAGES["guide.md"]})
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    assert "is the home page" not in done.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "research papers, grouped into" in home
    assert {"guide/", "."} <= hrefs(tmp_path / "site" / "index.html")


def test_a_file_of_theirs_where_sitegen_writes_one_is_an_error_naming_it(tmp_path: Path) -> None:
    project(tmp_path, {"guide.md": PAGES["guide.md"]})
    (tmp_path / "docs" / "papers.json").write_text("[]")
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "ERROR   -  docs/papers.json: sitegen writes this path; move or rename it" in done.stderr


def test_folder_less_urls_are_one_error_line(tmp_path: Path) -> None:
    project(tmp_path, {}, use_directory_urls=False)
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "sitegen needs 'use_directory_urls: true' (the default)" in done.stderr
    done = run(tmp_path, "sitegen", "build", "-q", "-o", "site")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Error: mkdocs.yml: sitegen needs 'use_directory_urls: true' (the default): its pages and search link to "
        "folders (papers/<id>/); see README"
    ]


def test_sitegen_build_without_site_url_says_what_a_sub_path_needs(tmp_path: Path) -> None:
    project(tmp_path, {})
    done = run(tmp_path, "sitegen", "build", "-q", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "Note: site_url is not set, so the site is built for the root of a domain;" in done.stderr
    project(tmp_path / "hosted", {}, site_url="https://example.org/papers/")
    done = run(tmp_path / "hosted", "sitegen", "build", "-q", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "site_url" not in done.stderr


def test_a_readme_is_a_home_page_and_an_excluded_index_is_none(tmp_path: Path) -> None:
    """MkDocs publishes docs/README.md as the home page when there is no index.md: it stays so. An index.md that
    exclude_docs leaves out is no home page: sitegen's is written (there was none at all)."""
    project(tmp_path / "readme", {"README.md": "# Read me first\n\nwallaby\n"})
    done = run(tmp_path / "readme", "sitegen", "build", "-q", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "wallaby" in (tmp_path / "readme" / "site" / "index.html").read_text(encoding="utf-8")
    # sitegen build says it too, after the site is written (mkdocs build logs it as an INFO line)
    assert "Note: docs/README.md is the home page: sitegen's (the theme list and latest papers) is not written" in (
        done.stderr
    )
    project(tmp_path / "excluded", {"index.md": "# Draft home\n", "papers.json": "[]"}, exclude_docs="index.md\n")
    settings = tmp_path / "excluded" / "mkdocs.yml"
    config = json.loads(settings.read_text())
    settings.write_text(json.dumps({**config, "exclude_docs": "index.md\npapers.json\n"}))
    done = run(tmp_path / "excluded", "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr  # an excluded papers.json is never published: no clash
    assert "research papers, grouped into" in (tmp_path / "excluded" / "site" / "index.html").read_text()


def test_a_file_of_theirs_in_the_search_folder_is_an_error(tmp_path: Path) -> None:
    project(tmp_path, {"search/index.json": "{}"})
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 1
    assert "docs/search/index.json: sitegen writes this path; move or rename it" in done.stderr


def test_pages_are_searched_by_the_text_readers_see(tmp_path: Path) -> None:
    """Rendered with the project's Markdown extensions, as MkDocs renders them: no table pipes or admonition
    syntax in the snippet, entities decoded, and no comment, script or style (a comment's words are never shown,
    so they are never found)."""
    from sitegen.search_query import index_from_files, search

    page = (
        "Some words first.\n\n# Late heading\n\n| Column | Other |\n|---|---|\n| quokka | value |\n\n"
        '!!! note "Admonition title"\n    Inside the admonition.\n\n<div>platypus &amp; friend</div>\n\n'
        "<!-- TODO: move this -> internal wiki; password hunter2 -->\n\n<script>var zyzzyvatracker = 1;</script>\n"
    )
    project(tmp_path, {"notes.md": page}, markdown_extensions=["admonition", "tables"])
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    files, docs = search_files(tmp_path / "site")
    [row] = [row for row in docs if row[0] == "notes/"]
    assert row[1] == "Notes"  # the h1 does not open the page: MkDocs titles it by its file name too
    assert row[3] == (
        "Some words first. Late heading Column Other quokka value Admonition title Inside the admonition. "
        "platypus & friend"
    )
    index = index_from_files(files)
    assert search(index, "hunter2") == [] and search(index, "zyzzyvatracker") == []
    assert len(search(index, "quokka")) == 1


@pytest.mark.parametrize(
    ("nav", "expected"),
    [
        # No nav of theirs: their pages by folder, then the themes.
        (None, [{"Home": "index.md"}, "guide.md", {"Themes": [{"A": "themes/a.md"}, {"B": "themes/b.md"}]}]),
        # A theme page their nav names already is not listed twice.
        (
            [{"Guide": "guide.md"}, {"Best": "themes/b.md"}],
            [{"Home": "index.md"}, {"Guide": "guide.md"}, {"Best": "themes/b.md"}, {"Themes": [{"A": "themes/a.md"}]}],
        ),
        # A "Themes" section of theirs takes the themes; no second one.
        (
            [{"Themes": [{"Intro": "guide.md"}]}],
            [{"Home": "index.md"}, {"Themes": [{"Intro": "guide.md"}, {"A": "themes/a.md"}, {"B": "themes/b.md"}]}],
        ),
        # Also when they write it "themes" (the same word to a reader).
        (
            [{"themes": [{"Intro": "guide.md"}]}],
            [{"Home": "index.md"}, {"themes": [{"Intro": "guide.md"}, {"A": "themes/a.md"}, {"B": "themes/b.md"}]}],
        ),
        # Every theme named by them: no empty section; their index.md is the home page.
        (
            ["index.md", "themes/a.md", "themes/b.md"],
            ["index.md", "themes/a.md", "themes/b.md"],
        ),
    ],
)
def test_navigation_lists_each_page_once(nav: list[object] | None, expected: list[object]) -> None:
    from sitegen.plugin import navigation

    themes = [{"A": "themes/a.md"}, {"B": "themes/b.md"}]
    assert navigation(nav, ["guide.md"], [{"Home": "index.md"}], themes) == expected


def test_the_site_is_the_same_wherever_the_build_is_run_from(tmp_path: Path) -> None:
    """Pages say where a paper was read from relative to the project (the config's folder), not to the folder the
    build was started in, and never with an absolute path of the machine that built it."""
    config = project(tmp_path / "lab", PAGES)
    here = run(config.parent, "mkdocs", "build", "-d", str(tmp_path / "here"))
    elsewhere = run(tmp_path, "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "elsewhere"))
    assert here.returncode == elsewhere.returncode == 0, here.stderr + elsewhere.stderr
    sites = [tmp_path / "here", tmp_path / "elsewhere"]
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]
    assert all((sites[0] / f).read_bytes() == (sites[1] / f).read_bytes() for f in files[0])
    page = next((sites[1] / "papers").rglob("index.html")).read_text(encoding="utf-8")
    assert "Read from <code>abstracts/spaced_upvotes.txt:" in page
    assert str(tmp_path) not in (sites[1] / "papers.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- QA, 2026-11-30 (fourth session): their own theme


def test_a_main_html_of_their_own_keeps_sitegens_search_styles_and_math(tmp_path: Path) -> None:
    """A ``main.html`` in the project's ``custom_dir`` (extending "base.html", as Material's documentation shows,
    with an extrahead of its own) replaced sitegen's: no search script, styles or math on any page, and no word."""
    project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Hello from the lab{% endblock %}\n'
        '{% block extrahead %}<meta name="lab" content="1">{% endblock %}\n'
    )
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    for page in (tmp_path / "site" / "index.html", next((tmp_path / "site" / "papers").glob("*/index.html"))):
        html = page.read_text(encoding="utf-8")
        assert "Hello from the lab" in html and '<meta name="lab"' in html  # theirs
        for asset in (
            "assets/sitegen/search.js",
            "assets/sitegen/math.js",
            "assets/sitegen/order.js",
            "assets/sitegen/site.js",
            "assets/sitegen/site.css",
        ):
            assert asset in html, (page, asset)


@pytest.mark.parametrize(
    ("language", "skip", "search"),
    [("de", "Zum Inhalt", "Suche"), ("custom", "Jump to the papers", "Search")],  # custom: English for the rest
)
def test_material_speaks_the_projects_language(tmp_path: Path, language: str, skip: str, search: str) -> None:
    """sitegen asks Material's translations once per key and build (templates/overrides/partials/language.html): a
    page still speaks ``theme.language``, and a custom language of the project's own (Material's
    partials/languages/custom.html) still says its own words, Material's English the others."""
    project(tmp_path, {}, theme={"name": "material", "language": language, "custom_dir": "overrides"})
    (tmp_path / "overrides" / "partials" / "languages").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "languages" / "custom.html").write_text(
        '{% macro t(key) %}{{ {"language": "x-lab", "action.skip": "Jump to the papers"}[key] }}{% endmacro %}\n'
    )
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    for page in (tmp_path / "site" / "index.html", next((tmp_path / "site" / "papers").glob("*/index.html"))):
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{"x-lab" if language == "custom" else language}"' in html
        assert re.search(rf'class="md-skip">\s*{skip}\s*</a>', html), page  # the skip link
        assert f'placeholder="{search}"' in html, page  # the search box


def test_only_their_markdown_pages_go_through_python_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of sitegen's built-in templates are finished HTML: MkDocs' Page.render, which makes a Python-Markdown
    instance with every configured extension per page (1.5 s of CPU for 8,000 papers), runs only for the project's
    own pages (in-process ``mkdocs build``)."""
    rendered: list[str] = []
    render = MkPage.render

    def recording(page: MkPage, config: object, files: object) -> None:
        rendered.append(page.file.src_uri)
        render(page, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(MkPage, "render", recording)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(tmp_path)
    build(load_config(str(project(tmp_path, PAGES)), site_dir=str(tmp_path / "site")))
    assert sorted(rendered) == sorted(PAGES)
    assert len(list((tmp_path / "site" / "papers").glob("*/index.html"))) >= 2
    assert "xylophonic method" in (tmp_path / "site" / "guide" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("their_header", [False, True])
def test_each_paper_page_heads_with_its_own_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, their_header: bool
) -> None:
    """The header of paper pages is rendered once per theme and build with a slot for the title (base.html,
    ``SitegenPlugin.shared_fragment``): every page still shows its own title there; a header of the project's own,
    without the slot, is rendered page by page (in-process ``mkdocs build``)."""
    path = project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    if their_header:
        (tmp_path / "overrides" / "partials" / "header.html").write_text(
            '<header class="lab-header">{{ page.title }}</header>{% include "partials/search.html" %}\n'
        )
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(tmp_path)
    config = load_config(str(path), site_dir=str(tmp_path / "site"))
    build(config)
    pages = sorted((tmp_path / "site" / "papers").glob("*/index.html"))
    titles = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert title is not None
        titles.add(title.group(1).strip())
        if their_header:
            header = html[html.index('<header class="lab-header">') : html.index("</header>")]
        else:
            header = html[html.index('data-md-component="header-topic"') : html.index("</header>")]
        assert title.group(1).strip() in header, page
        assert "sitegen:page-title" not in html
    assert len(titles) == len(pages) >= 2
    shared = {key: html for key, html in config.plugins["sitegen"].fragments.items() if key.startswith("header:")}
    assert shared and all(bool(html) != their_header for html in shared.values())


def test_a_paper_page_their_nav_names_is_current_only_on_its_own_page(tmp_path: Path) -> None:
    """Paper pages share one rendering of the nav; a paper their nav named was marked current (``href="./"``) on
    every paper page, whichever was rendered first."""
    first = run_parse_ids(tmp_path)
    favourite, other = first[0], first[1]
    project(tmp_path / "p", {}, nav=[{"Favourite": f"papers/{favourite}.md"}])
    done = run(tmp_path / "p", "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "p" / "site" / "papers"
    own = (site / favourite / "index.html").read_text(encoding="utf-8")
    elsewhere = (site / other / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\./" class="md-nav__link md-nav__link--active"', own)
    assert "md-nav__link--active" not in elsewhere
    assert f'href="../{favourite}/" class="md-nav__link"' in elsewhere


def run_parse_ids(tmp_path: Path) -> list[str]:
    project(tmp_path / "ids", {})
    done = run(tmp_path / "ids", "sitegen", "parse", "abstracts")
    assert done.returncode == 0, done.stderr
    return sorted(json.loads(line)["id"] for line in done.stdout.splitlines())


def test_their_pages_are_searched_without_permalinks_and_with_words_whole(tmp_path: Path) -> None:
    """With ``toc: permalink`` every title of theirs ended in "¶"; "**bio**informatics" was indexed as "bio
    informatics", so "bioinformatics" did not find the page."""
    from sitegen.search_query import index_from_files, search

    page = "# Chemistry notes\n\nWe love **bio**informatics and *hydro*dynamics. [Back](index.md).\n"
    project(tmp_path, {"chem.md": page}, markdown_extensions=[{"toc": {"permalink": True}}])
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    files, docs = search_files(tmp_path / "site")
    [row] = [row for row in docs if row[0] == "chem/"]
    assert row[1] == "Chemistry notes"
    assert row[3] == "Chemistry notes We love bioinformatics and hydrodynamics. Back."
    index = index_from_files(files)
    assert [docs[number][0] for number, _ in search(index, "hydrodynamics")] == ["chem/"]


def test_their_theme_folder_is_never_input_and_site_url_advice_fits_their_config(tmp_path: Path) -> None:
    """``inputs: [.]`` read the theme's ``custom_dir`` as papers (an unrecognised-format problem per file, a failed
    build with ``strict``); and the note without ``site_url`` named SITEGEN_SITE_URL, which only sitegen's own
    mkdocs.yml reads."""
    project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "copyright.html").write_text("<p>© The lab</p>\n")
    settings = json.loads((tmp_path / "mkdocs.yml").read_text())
    settings["plugins"] = [{"sitegen": {"inputs": ["."], "engine": "tfidf", "strict": True}}]
    (tmp_path / "mkdocs.yml").write_text(json.dumps(settings))
    done = run(tmp_path, "sitegen", "build", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "copyright.html" not in done.stderr
    assert "Note: site_url is not set" in done.stderr and "SITEGEN_SITE_URL" not in done.stderr


def test_a_theme_of_theirs_that_drops_sitegens_search_is_said(tmp_path: Path) -> None:
    """QA: a ``partials/search.html`` of their own (Material's, copied) or a ``scripts`` block without super() left
    the site without search, and the build said nothing."""
    material = Path(sys.executable).parents[1].glob("lib/python*/site-packages/material/templates/partials/search.html")
    project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    shutil.copy(next(material), tmp_path / "overrides" / "partials" / "search.html")
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    assert (
        "sitegen: the pages lack sitegen's search box: partials/search.html in overrides replaces sitegen's, so "
        "search will not work" in done.stderr
    )
    (tmp_path / "overrides" / "partials" / "search.html").unlink()
    (tmp_path / "overrides" / "main.html").write_text('{% extends "base.html" %}{% block scripts %}{% endblock %}')
    done = run(tmp_path, "sitegen", "build", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "Warning: the pages lack sitegen's search script: a block of the theme leaves it out" in done.stderr
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block scripts %}{{ super() }}{% endblock %}'
    )
    done = run(tmp_path, "sitegen", "build", "-o", "site")
    assert done.returncode == 0, done.stderr
    assert "search will not work" not in done.stderr


def test_an_error_in_their_theme_template_is_one_line(tmp_path: Path) -> None:
    """QA: ``sitegen build`` printed a 40-line traceback for a main.html with an unclosed block, its first frame
    sitegen's 404.html; the previous site stays."""
    project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text('{% extends "base.html" %}\n{% block qa_broken %}\n')
    done = run(tmp_path, "sitegen", "build", "-q", "-o", "site")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "Error: overrides/main.html:2: theme template error: Unexpected end of template. Jinja was looking for the "
        "following tags: 'endblock'. The innermost block that needs to be closed is 'block'."
    )


def test_an_error_while_rendering_their_theme_template_names_its_line(tmp_path: Path) -> None:
    """QA: ``page.meta.nosuch.x`` in main.html said "theme template error: 'dict object' has no attribute 'nosuch'"
    and no more; a syntax error named the file and line."""
    project(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides").mkdir()
    said = {
        "page.meta.nosuch.x": "'dict object' has no attribute 'nosuch'",
        "1 // 0": "ZeroDivisionError: integer division or modulo by zero",  # the regression hunt: a traceback
    }
    for expression, message in said.items():
        lines = ['{% extends "base.html" %}', "{% block content %}", "{{ super() }}", f"{{{{ {expression} }}}}"]
        (tmp_path / "overrides" / "main.html").write_text("\n".join([*lines, "{% endblock %}", ""]))
        done = run(tmp_path, "sitegen", "build", "-q", "-o", "site")
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1] == f"Error: overrides/main.html:4: theme template error: {message}"


def test_material_blog_posts_keep_their_place_and_drafts_stay_out(tmp_path: Path) -> None:
    """QA: beside Material's blog plugin, sitegen read the docs before the blog had dated and drafted its posts: a
    "Posts" section listed every post (a draft too) and search linked posts to ``blog/posts/<name>/``, a 404, and
    found the draft's words."""
    pages = {
        "index.md": "# Lab\n\nWelcome.\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/first.md": "---\ndate: 2024-01-31\n---\n\n# Our first platypoid post\n\nHello.\n",
        "blog/posts/draft.md": "---\ndate: 2024-02-05\ndraft: true\n---\n\n# Unpublished result\n\nzorblaxium\n",
    }
    project(tmp_path, pages, plugins=["blog", {"sitegen": {"inputs": ["abstracts"], "engine": "tfidf"}}])
    done = run(tmp_path, "mkdocs", "build", "-d", "site")
    assert done.returncode == 0, done.stderr
    assert "is included in the 'nav' configuration, but this file is excluded" not in done.stderr
    files, docs = search_files(tmp_path / "site")
    urls = {str(row[0]) for row in docs}
    assert not any(url.startswith("blog/posts/") for url in urls)
    assert not any(b"zorblaxium" in data for data in files.values())
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Unpublished result" not in home


def test_a_theme_memory_is_written_read_and_said_when_broken(tmp_path: Path) -> None:
    """theme_memory: the build keeps its themes' labels and papers in the file (rewritten only when they change), the
    next build recalls them, and a file that is no theme memory is one error line naming it."""
    config = project(
        tmp_path, {}, plugins=[{"sitegen": {"inputs": ["abstracts"], "engine": "tfidf", "theme_memory": "themes.json"}}]
    )
    assert run(tmp_path, "mkdocs", "build", "-q", "-f", str(config)).returncode == 0
    memory = json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))
    built = json.loads((tmp_path / "site" / "papers.json").read_text(encoding="utf-8"))
    detected = {
        t["label"]: sorted(p["id"] for p in built["papers"] if p["theme"]["id"] == t["id"]) for t in built["themes"]
    }
    assert memory["format"] == 2 and memory["themes"] == {k: v for k, v in detected.items() if k != "Unsorted"}
    assert sorted(memory["pages"]) == sorted(p["id"] for p in built["papers"])
    # a label remembered for those papers is the label they get
    first = next(iter(memory["themes"]))
    memory["themes"]["Remembered label"] = memory["themes"].pop(first)
    (tmp_path / "themes.json").write_text(json.dumps(memory), encoding="utf-8")
    assert run(tmp_path, "mkdocs", "build", "-q", "-f", str(config)).returncode == 0
    assert (tmp_path / "site" / "themes" / "remembered-label" / "index.html").is_file()
    assert "Remembered label" in json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))["themes"]
    # a corrected title keeps the paper's page (the memory finds it by its abstract)
    source = tmp_path / "abstracts" / GOOD.name
    source.write_text(source.read_text(encoding="utf-8").replace("Orca: Progressive", "Orca 2: Progressive"))
    assert run(tmp_path, "mkdocs", "build", "-q", "-f", str(config)).returncode == 0
    page = tmp_path / "site" / "papers" / "orca-progressive-learning-from-complex-explanation-traces-of-gpt-4"
    assert "Orca 2: Progressive" in (page / "index.html").read_text(encoding="utf-8")
    # a trial build of other inputs reads the memory but keeps it as it was (QA: it replaced it)
    before = (tmp_path / "themes.json").read_bytes()
    (tmp_path / "trial.txt").write_text("Abstract: " + "A trial abstract about graphs and their walks. " * 5 + "\n")
    trial = run(tmp_path, "sitegen", "build", "trial.txt", "-o", str(tmp_path / "trial-site"), "-f", str(config))
    assert trial.returncode == 0, trial.stderr
    assert (tmp_path / "themes.json").read_bytes() == before
    assert "Note: theme memory themes.json kept as it was (a build with PATH)" in trial.stderr  # QA: not said
    (tmp_path / "themes.json").unlink()
    none = run(tmp_path, "sitegen", "build", "trial.txt", "-o", str(tmp_path / "trial-site"), "-f", str(config))
    assert "Note: theme memory themes.json not written (a build with PATH)" in none.stderr, none.stderr  # QA: "kept"
    assert not (tmp_path / "themes.json").exists()
    done = run(tmp_path, "sitegen", "build", "-o", str(tmp_path / "site-cli"), "-f", str(config))
    assert done.returncode == 0 and "Note: theme memory written to themes.json" in done.stderr, done.stderr
    assert json.loads((tmp_path / "themes.json").read_text(encoding="utf-8"))["format"] == 2
    (tmp_path / "themes.json").write_text("[1, 2]", encoding="utf-8")
    broken = run(tmp_path, "mkdocs", "build", "-q", "-f", str(config))
    assert broken.returncode == 1 and "theme_memory:" in broken.stderr and "themes.json" in broken.stderr
    assert "Traceback" not in broken.stderr
    # a memory where every build empties the folder, or a folder, is said before any work
    for where, said in (("site/themes.json", "lies in site_dir"), ("abstracts", "is a folder")):
        settings = json.loads(config.read_text(encoding="utf-8"))
        settings["plugins"][0]["sitegen"]["theme_memory"] = where
        config.write_text(json.dumps(settings), encoding="utf-8")
        refused = run(tmp_path, "mkdocs", "build", "-q", "-f", str(config))
        assert refused.returncode == 1 and said in refused.stderr and "Traceback" not in refused.stderr
        # the same for a build elsewhere (README audit: "site/themes.json" passed `sitegen build -o`)
        elsewhere = run(tmp_path, "sitegen", "build", "-q", "-o", str(tmp_path / "site-cli"), "-f", str(config))
        assert elsewhere.returncode == 2 and said in elsewhere.stderr and "Traceback" not in elsewhere.stderr

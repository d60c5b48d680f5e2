"""A user's template folder overrides any built-in template; the others keep coming from sitegen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.conftest import FIXTURES


def test_user_template_overrides_paper_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["build", str(FIXTURES / "ingest" / "spaced_upvotes.txt"), "--out", str(out), "--engine", "tfidf", "-q"]
    result = CliRunner().invoke(main, [*args, "--templates", str(FIXTURES / "templates")])
    assert result.exit_code == 0, result.output
    page = out / "papers" / "orca-progressive-learning-from-complex-explanation-traces-of-gpt-4" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<strong>Custom template</strong> for a paper in <em>" in html  # Markdown was rendered
    assert "sg-abstract" not in html
    assert "sg-themes" in (out / "index.html").read_text(encoding="utf-8")  # built-in home page


def test_paper_page_names_the_authors_escaped_and_cut_after_twenty() -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import AUTHORS_SHOWN, make_env

    def paper(pid: str, authors: tuple[str, ...]) -> Paper:
        return Paper(
            pid, pid.title(), "An abstract.", (Source("x.bib", 1),), authors=authors, authors_count=len(authors)
        )

    hostile = paper("few", ("Ada <script>Lovelace</script>", "Alan Turing"))
    crowd = paper("many", tuple(f"Author {n}" for n in range(1, 31)))
    nobody = paper("none", ())
    themes = ThemeResult((Theme("t", "T", (), ("few", "many", "none")),), {"few": "t", "many": "t", "none": "t"})
    pages = {p.path: p.content for p in render_pages([hostile, crowd, nobody], themes, make_env(), "Site")}
    assert (
        '<p class="sg-authors"><a href="../../?q=Ada%20%3Cscript%3ELovelace%3C/script%3E&amp;by=author">'
        "Ada &lt;script&gt;Lovelace&lt;/script&gt;</a>, "
        '<a href="../../?q=Alan%20Turing&amp;by=author">Alan Turing</a></p>'
    ) in pages["papers/few.md"]
    shown = ", ".join(
        f'<a href="../../?q=Author%20{n}&amp;by=author">Author {n}</a>' for n in range(1, AUTHORS_SHOWN + 1)
    )
    assert f'<p class="sg-authors">{shown} and {30 - AUTHORS_SHOWN} more</p>' in pages["papers/many.md"]
    assert "sg-authors" not in pages["papers/none.md"]


@pytest.mark.parametrize(
    ("names", "count", "tail"),
    [
        (2, 2, ""),
        (2, None, " et al."),  # BibTeX's "A and B and others": how many is not known
        (2, 12, " and 10 more"),  # named by one copy, counted by a listing page
        (25, None, " et al."),  # 20 of the 25 names shown, and more not named
        (25, 40, " and 20 more"),
    ],
)
def test_paper_page_says_when_authors_are_left_out(names: int, count: int | None, tail: str) -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    authors = tuple(f"Author {n}" for n in range(1, names + 1))
    paper = Paper("p", "P", "An abstract.", (Source("x.bib", 1),), authors=authors, authors_count=count)
    themes = ThemeResult((Theme("t", "T", (), ("p",)),), {"p": "t"})
    pages = {p.path: p.content for p in render_pages([paper], themes, make_env(), "Site")}
    line = next(line for line in pages["papers/p.md"].splitlines() if 'class="sg-authors"' in line)
    assert line.endswith(f"</a>{tail}</p>")


def test_home_page_search_hint_names_authors_only_when_papers_name_them() -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    named = Paper("a", "A", "An abstract.", (Source("x.bib", 1),), authors=("Ada Lovelace",), authors_count=1)
    unnamed = Paper("b", "B", "An abstract.", (Source("x.txt", 1),), authors_count=3)
    for papers, hinted in (([named, unnamed], True), ([unnamed], False)):
        ids = tuple(p.id for p in papers)
        themes = ThemeResult((Theme("t", "T", (), ids),), dict.fromkeys(ids, "t"))
        home = render_pages(papers, themes, make_env(), "Site")[0].content
        assert ("or an author's name" in home) is hinted


def test_home_page_counts_themes_without_unsorted_and_says_how_many_fit_none() -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    papers = [Paper(pid, pid.title(), "An abstract.", (Source("x.txt", n),)) for n, pid in enumerate("abcd", 1)]
    for unsorted, said in ((("d",), "; 1 paper fits none of them (Unsorted)."), ((), ".")):
        sorted_ids = tuple(p.id for p in papers if p.id not in unsorted)
        themes = [Theme("t", "T", (), sorted_ids)] + (
            [Theme("unsorted", "Unsorted", (), unsorted, True)] * bool(unsorted)
        )
        result = ThemeResult(tuple(themes), {p.id: "unsorted" if p.id in unsorted else "t" for p in papers})
        home = render_pages(papers, result, make_env(), "Site")[0].content
        assert "4 research papers, grouped into 1 theme detected from their abstracts\n(engine: <code>" in home
        assert f"</code>){said}" in home


def test_paper_and_theme_pages_describe_themselves() -> None:
    """Each page has its own meta description (Material reads ``description`` from the front matter): a paper's
    the start of its abstract, math as plain characters, cut at a word; a theme's its size and top terms."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import DESCRIPTION_CHARS, make_env

    long = 'We bound the "error" of $L^2$ estimators ' + "and more words " * 20
    papers = [Paper("a", "A", long, (Source("x.txt", 1),)), Paper("b", "B", "Short <abstract>.", (Source("x.txt", 2),))]
    themes = ThemeResult(
        (Theme("t", "Error bounds", ("error", "bounds"), ("a",)), Theme("unsorted", "Unsorted", (), ("b",), True)),
        {"a": "t", "b": "unsorted"},
    )
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    described = [line for line in pages["papers/a.md"].splitlines() if line.startswith("description: ")]
    assert len(described) == 1
    text = described[0].removeprefix("description: ").strip('"')
    assert text.startswith("We bound the &#34;error&#34; of L\\u00b2 estimators and more words")
    assert text.endswith("words\\u2026") and len(text) < DESCRIPTION_CHARS + 40  # escapes lengthen it
    assert 'description: "Short &lt;abstract&gt;."' in pages["papers/b.md"]
    assert 'description: "Error bounds: 1 paper on error, bounds"' in pages["themes/t.md"]
    assert "1 paper that fits no theme well" in pages["themes/unsorted.md"]


def test_a_paper_without_an_address_of_its_own_gets_look_up_links() -> None:
    """Listing pages rarely give a paper's address: its page offers a search for its title (for a title derived from
    the abstract, for the abstract's first words as a phrase), unless a link already names the paper."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    source = (Source("x.txt", 1),)
    papers = [
        Paper("titled", "Attention & $L^2$ Is All", "An abstract.", source, links=("https://github.com/a/b",)),
        Paper("doi", "Has a DOI", "An abstract.", source, links=("https://doi.org/10.1/x",)),
        Paper("arxiv", "On arXiv", "An abstract.", source, links=("http://arxiv.org/abs/2401.00001",)),
        Paper("untitled", "We study", "We study " + "many words " * 10, source, title_synthesized=True),
    ]
    themes = ThemeResult((Theme("t", "T", (), tuple(p.id for p in papers)),), {p.id: "t" for p in papers})
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    assert (
        '<p class="sg-lookup">Look it up: '
        '<a href="https://www.semanticscholar.org/search?q=Attention+%26amp%3B+L%C2%B2+Is+All" rel="nofollow noopener">'
    ) not in pages["papers/titled.md"]  # the URL is escaped once, by autoescape, not twice
    assert (
        '<p class="sg-lookup">Look it up: '
        '<a href="https://www.semanticscholar.org/search?q=Attention+%26+L%C2%B2+Is+All" rel="nofollow noopener">'
        'Semantic Scholar</a> · <a href="https://scholar.google.com/scholar?q=Attention+%26+L%C2%B2+Is+All" '
        'rel="nofollow noopener">Google Scholar</a></p>'
    ) in pages["papers/titled.md"]
    assert "sg-lookup" not in pages["papers/doi.md"] and "sg-lookup" not in pages["papers/arxiv.md"]
    phrase = "%22We+study" + "+many+words" * 5 + "%22"  # the first 12 words, quoted
    assert (
        f'<a href="https://scholar.google.com/scholar?q={phrase}" rel="nofollow noopener">Google Scholar</a></p>'
        in (pages["papers/untitled.md"])
    )
    assert "Semantic Scholar" not in pages["papers/untitled.md"]


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/pdf/2106.09685",
        "https://arxiv.org/html/2106.09685v2",
        "https://openreview.net/pdf?id=abc",
        "https://www.ncbi.nlm.nih.gov/pubmed/12345678",
        "https://dl.acm.org/doi/10.1145/3292500.3330701",
        "https://www.biorxiv.org/content/10.1101/2020.01.01.123v1",
    ],
)
def test_no_look_up_links_when_a_link_names_the_paper(url: str) -> None:
    from sitegen.records import Paper, Source
    from sitegen.templates import look_up

    assert look_up(Paper("p", "A title", "An abstract.", (Source("x.txt", 1),), links=(url,))) == []


def test_the_phrase_searched_for_an_untitled_paper_holds_no_double_quote() -> None:
    from sitegen.records import Paper, Source
    from sitegen.templates import look_up

    abstract = 'We call this "the grokking effect" and we study it in small models and large ones.'
    untitled = Paper("p", "We call this", abstract, (Source("x.txt", 1),), title_synthesized=True)
    [(_, url)] = look_up(untitled)
    assert url.endswith("?q=%22We+call+this+the+grokking+effect+and+we+study+it+in+small%22")  # 12 words


def test_a_title_derived_from_the_abstract_is_said_wherever_it_is_listed() -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    source = (Source("x.txt", 1),)
    papers = [
        Paper("given", "Given title", "An abstract.", source, date="2024-01-02"),
        Paper("derived", "Derived title", "Derived title and more.", source, date="2024-01-01", title_synthesized=True),
    ]
    themes = ThemeResult(
        (Theme("t", "T", (), ("given", "derived")),), {"given": "t", "derived": "t"}, {"given": ("derived",)}
    )
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    note = 'Derived title</a> <span class="sg-muted sg-synth">· title derived from the abstract</span>'
    for path in ("index.md", "themes/t.md", "papers/given.md"):  # latest papers, theme list, related papers
        assert note in pages[path], path
        assert 'Given title</a> <span class="sg-muted sg-synth">' not in pages[path]
    assert '<p class="sg-meta">2024-01-01 · <span class="sg-synth"' in pages["papers/derived.md"]


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        (14, None),
        (12, "The newest of the 12 papers whose input gave a date."),
        (3, "The 3 papers whose input gave a date, newest first."),
        (1, "The only paper whose input gave a date."),
        (0, None),
    ],
)
def test_latest_papers_say_how_many_have_a_date(dates: int, said: str | None) -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    source = (Source("x.txt", 1),)
    papers = [Paper(f"p{i}", f"P{i}", "Abstract.", source, date="2024-01-01" if i < dates else None) for i in range(14)]
    themes = ThemeResult((Theme("t", "T", (), tuple(p.id for p in papers)),), {p.id: "t" for p in papers})
    home = next(p.content for p in render_pages(papers, themes, make_env(), "Site") if p.path == "index.md")
    assert ('id="latest"' in home) == (dates > 0)
    assert ("whose input gave a date" in home) == (said is not None)
    if said:
        assert said in home


def test_a_theme_page_lists_its_most_typical_papers_first() -> None:
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    source = (Source("x.txt", 1),)
    papers = [
        Paper(pid, f"Paper {pid}", "An abstract.", source, date=f"2024-01-0{n}") for n, pid in enumerate("abcd", 1)
    ]
    themes = ThemeResult(
        (Theme("t", "T", (), ("a", "b", "c")), Theme("unsorted", "Unsorted", (), ("d",), True)),
        {"a": "t", "b": "t", "c": "t", "d": "unsorted"},
        typical={"a": 0.5, "b": 0.9, "c": 0.5},
    )
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    listed = re.findall(r'<li><a href="../../papers/(\w)/">', pages["themes/t.md"])
    assert listed == ["b", "c", "a"]  # most typical first; of two as typical, the newer first
    assert "· the most typical first</span></p>" in pages["themes/t.md"]
    assert "most typical" not in pages["themes/unsorted.md"]
    # order.js offers its buttons on the themes' lists, not on Unsorted's, which is newest first (the regression hunt)
    assert "data-sg-orderable" in pages["themes/t.md"] and "data-sg-orderable" not in pages["themes/unsorted.md"]


def test_a_paper_page_leads_to_the_papers_before_and_after_it_in_its_theme() -> None:
    """QA reading the site: going through a theme took the back button after every paper. A paper page names its
    place in the theme page's list (most typical first) and links the papers before and after it; a theme of one
    paper has no such links."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    source = (Source("x.txt", 1),)
    papers = [Paper(pid, f"Paper {pid}", "An abstract.", source) for pid in ("a", "b", "c", "d")]
    themes = ThemeResult(
        (Theme("t", "Theme T", (), ("a", "b", "c")), Theme("u", "Theme U", (), ("d",))),
        {"a": "t", "b": "t", "c": "t", "d": "u"},
        typical={"a": 0.2, "b": 0.9, "c": 0.5},  # listed b, c, a
    )
    pages = {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}
    middle = pages["papers/c.md"]
    assert 'Paper 2 of 3 in <a href="../../themes/t/">Theme T</a>' in middle
    assert '<a class="sg-previous" href="../b/" rel="prev">&larr; Paper b</a>' in middle
    assert '<a class="sg-following" href="../a/" rel="next">Paper a &rarr;</a>' in middle
    assert 'rel="prev"' not in pages["papers/b.md"] and 'rel="next"' in pages["papers/b.md"]
    assert 'rel="next"' not in pages["papers/a.md"]
    assert "sg-theme-nav" not in pages["papers/d.md"]


def test_pages_of_latin_text_stay_latin_1() -> None:
    """One character past Latin-1 in a built-in template (the "←" of the previous-paper link) made Python hold every
    page in 2 bytes a character: 280 MB more at the peak of a 40,000-paper build. Pages of Latin-1 text are Latin-1."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    papers = [
        Paper(pid, f"Paper {pid}", "An abstract · café.", (Source("x.txt", 1),), date="2024-01-0" + pid)
        for pid in "123"
    ]
    themes = ThemeResult((Theme("t", "Theme T", ("term",), ("1", "2", "3")),), dict.fromkeys("123", "t"), typical={})
    pages = render_pages(papers, themes, make_env(), "Site")
    assert [p.path for p in pages if max(map(ord, p.content)) > 0xFF] == []


def _typed_pages() -> dict[str, str]:
    """The pages of a paper and its conference abstract under one title (the abstract typed, the paper not), a
    retracted paper with a venue in characters past Latin-1, and a paper with a type but nothing else to say."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    papers = [
        Paper("full", "Statins Over Eighty", "The full paper.", (Source("x.ris", 1),), date="2021", venue="Heart"),
        Paper(
            "talk",
            "Statins Over Eighty",
            "The meeting abstract.",
            (Source("x.ris", 9),),
            date="2020",
            venue="Journal of the American College of Cardiology",
            publication_type="Conference abstract",
        ),
        Paper(
            "gone",
            "Gone",
            "Retracted.",
            (Source("x.ris", 20),),
            venue="Kardiología <i>Polska</i>",
            authors_count=2,
            publication_type="Retracted",
        ),
        Paper("bare", "Bare", "A type alone.", (Source("x.ris", 30),), publication_type="Erratum"),
    ]
    ids = tuple(p.id for p in papers)
    themes = ThemeResult((Theme("t", "Statins", (), ids),), dict.fromkeys(ids, "t"), typical={})
    return {p.path: p.content for p in render_pages(papers, themes, make_env(), "Site")}


def test_a_paper_page_shows_its_venue_in_the_meta_line_and_its_type_as_a_tag() -> None:
    """Screeners could not tell a conference abstract from its full paper, nor which journal a paper is in: the venue
    opens the meta line as plain text (escaped), the publication type is a tag before it."""
    pages = _typed_pages()
    assert (
        '<p class="sg-meta"><span class="md-tag sg-type">Conference abstract</span> '
        "Journal of the American College of Cardiology · 2020</p>"
    ) in pages["papers/talk.md"]
    assert '<p class="sg-meta">Heart · 2021</p>' in pages["papers/full.md"]
    assert "sg-type" not in pages["papers/full.md"]
    assert (
        '<p class="sg-meta"><span class="md-tag sg-type">Retracted</span> '
        "Kardiología &lt;i&gt;Polska&lt;/i&gt; · 2 authors</p>"
    ) in pages["papers/gone.md"]
    assert '<p class="sg-meta"><span class="md-tag sg-type">Erratum</span></p>' in pages["papers/bare.md"]


def test_a_theme_page_shows_a_papers_type_beside_its_title() -> None:
    """Two identical titles on one theme page read "Conference abstract" and nothing: which is which is seen there."""
    theme = _typed_pages()["themes/t.md"]
    full = next(line for line in theme.splitlines() if 'href="../../papers/full/"' in line)
    talk = next(line for line in theme.splitlines() if 'href="../../papers/talk/"' in line)
    assert "sg-type" not in full
    assert (
        'Statins Over Eighty</a> <span class="md-tag sg-type">Conference abstract</span> <span class="sg-muted">'
        in (talk)
    )


def test_papers_json_and_parse_output_carry_venue_and_publication_type() -> None:
    """``papers.json`` and ``sitegen parse``'s JSON Lines (``Paper.to_json``) name both, after the links."""
    import json

    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import papers_json

    paper = Paper("p", "P", "A.", (Source("x.ris", 1),), venue="Heart", publication_type="Review")
    assert list(paper.to_json())[-3:] == ["venue", "publication_type", "sources"]
    assert (paper.to_json()["venue"], paper.to_json()["publication_type"]) == ("Heart", "Review")
    row = json.loads(papers_json([paper], ThemeResult((Theme("t", "T", (), ("p",)),), {"p": "t"})))["papers"][0]
    assert (row["venue"], row["publication_type"]) == ("Heart", "Review")


def test_pages_with_venue_and_type_stay_latin_1() -> None:
    """The tag and the venue add no character past Latin-1 of the templates' own (a "·" is Latin-1)."""
    pages = _typed_pages()
    assert [path for path, text in pages.items() if max(map(ord, text)) > 0xFF] == []


def _pages_with(templates: Path, papers: list[Any] | None = None) -> dict[str, str]:
    """The pages rendered with the user's ``templates`` folder: papers ``a`` (dated, linked) and ``b`` (neither)."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    papers = papers or [
        Paper("a", "Paper A", "An abstract.", (Source("x.txt", 1),), date="2024-01-02", links=("https://x.org/a",)),
        Paper("b", "Paper B", "Another abstract.", (Source("x.txt", 7),)),
    ]
    ids = tuple(p.id for p in papers)
    themes = ThemeResult((Theme("t", "T", (), ids),), dict.fromkeys(ids, "t"))
    return {p.path: p.content for p in render_pages(papers, themes, make_env(templates), "Site")}


def _template_error(tmp_path: Path, paper_template: str) -> str:
    from sitegen.errors import BuildError

    (tmp_path / "paper.md.j2").write_text(paper_template, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        _pages_with(tmp_path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("size // 0", "ZeroDivisionError: integer division or modulo by zero"),
        ("authors_tail(theme)", "AttributeError: 'Theme' object has no attribute 'more_authors'"),
        ("'%d' % paper.title", "TypeError: %d format: a real number is required, not str"),
    ],
)
def test_any_error_of_a_users_template_is_one_line_naming_its_file_and_line(
    tmp_path: Path, expression: str, said: str
) -> None:
    """QA: ``{{ size // 0 }}`` (any exception not Jinja's own) printed a whole traceback, under ``mkdocs build`` and
    ``serve`` too, where README promises one line for an error the user can fix."""
    message = _template_error(tmp_path, "{{ front_matter(title='x') }}\n\n{{ " + expression + " }}\n")
    assert message == f"{tmp_path / 'paper.md.j2'}:3: template error: {said} (the page of paper 'a', read from x.txt:1)"


def test_a_users_template_error_under_sitegen_build_is_one_line(tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "theme.md.j2").write_text("{{ front_matter(title='x') }}\n{{ theme.size // 0 }}\n", encoding="utf-8")
    args = ["build", str(FIXTURES / "ingest" / "spaced_upvotes.txt"), "--out", str(tmp_path / "site"), "-q"]
    result = CliRunner().invoke(main, [*args, "--engine", "tfidf", "--templates", str(templates)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {templates / 'theme.md.j2'}:2: template error: ZeroDivisionError: integer division or modulo by zero"
    )
    assert not isinstance(result.exception, ZeroDivisionError)


def test_a_bug_in_sitegens_own_templates_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception raised under the built-in templates alone is sitegen's bug, not the user's: it is not turned into
    a one-line "template error", whose missing traceback would leave the bug report without its cause."""
    from sitegen import templates

    def broken(paper: object) -> list[tuple[str, str]]:
        raise KeyError("bug")

    monkeypatch.setattr(templates, "look_up", broken)
    with pytest.raises(KeyError):
        _pages_with(Path("/nonexistent"))


def test_sitegens_filters_show_nothing_for_a_missing_value(tmp_path: Path) -> None:
    """QA: ``{{ paper.date | math }}`` raised a TypeError for every paper without a date (most of them): sitegen's
    filters take None as no text (a number as its digits), as Jinja's own print None as nothing in effect."""
    (tmp_path / "paper.md.j2").write_text(
        "[{{ paper.date | math }}|{{ paper.date | plain }}|{{ paper.upvotes | description }}|{{ 3 | math }}]\n",
        encoding="utf-8",
    )
    pages = _pages_with(tmp_path)
    assert pages["papers/b.md"] == "[|||3]\n"
    assert pages["papers/a.md"] == "[2024-01-02|2024-01-02||3]\n"


def test_an_error_that_holds_for_some_papers_names_the_paper(tmp_path: Path) -> None:
    """``paper.links[0]`` fails only for a paper without links: the message says which, and where it was read."""
    message = _template_error(tmp_path, "{{ front_matter(title='x') }}\n{{ paper.links[0] }}\n")
    assert message == (
        f"{tmp_path / 'paper.md.j2'}:2: template error: tuple object has no element 0 "
        "(the page of paper 'b', read from x.txt:7)"
    )


@pytest.mark.parametrize(
    ("field", "hint"), [("volume", ""), ("titel", " (did you mean 'title'?)"), ("authors_cout", " (did you mean")]
)
def test_a_field_a_paper_lacks_is_said_with_the_fields_it_has(tmp_path: Path, field: str, hint: str) -> None:
    message = _template_error(tmp_path, "{{ paper." + field + " }}\n")
    assert f":1: template error: a Paper has no field {field!r}{hint}" in message
    assert "; its fields are id, title, abstract, sources, title_synthesized, authors_count, date, upvotes, " in message
    assert "(README: what each template is given)" in message
    assert "sitegen.records.Paper object" not in message


def test_a_field_a_theme_lacks_is_said_with_the_fields_it_has(tmp_path: Path) -> None:
    message = _template_error(tmp_path, "{{ theme.name }}\n")
    assert message.endswith(
        "template error: a Theme has no field 'name'; its fields are id, label, terms, paper_ids, unsorted, size "
        "(README: what each template is given) (the page of paper 'a', read from x.txt:1)"
    )


def test_a_users_template_extends_the_built_in_one_by_its_prefixed_name(tmp_path: Path) -> None:
    """``{% extends "sitegen/paper.md.j2" %}`` reaches the built-in template whatever the folder holds; replacing one
    of its blocks changes that part only, and extending it without a block of one's own changes nothing."""
    built_in = _pages_with(tmp_path)
    (tmp_path / "paper.md.j2").write_text('{% extends "sitegen/paper.md.j2" %}\n', encoding="utf-8")
    assert _pages_with(tmp_path) == built_in
    (tmp_path / "paper.md.j2").write_text(
        '{% extends "sitegen/paper.md.j2" %}\n'
        '{% block abstract %}<div class="mine">{{ paper.abstract | math }}</div>\n{% endblock %}\n',
        encoding="utf-8",
    )
    mine = _pages_with(tmp_path)
    before = '<div class="sg-abstract"><p>An abstract.</p></div>\n'
    assert before in built_in["papers/a.md"]
    assert mine["papers/a.md"] == built_in["papers/a.md"].replace(before, '<div class="mine">An abstract.</div>\n')
    assert mine["index.md"] == built_in["index.md"]


@pytest.mark.parametrize("block", ["title", "authors", "meta", "abstract", "links", "related", "theme_nav", "source"])
def test_each_block_of_the_built_in_paper_page_can_be_replaced(tmp_path: Path, block: str) -> None:
    (tmp_path / "paper.md.j2").write_text(
        '{% extends "sitegen/paper.md.j2" %}{% block ' + block + " %}[" + block + "]{% endblock %}", encoding="utf-8"
    )
    assert f"[{block}]" in _pages_with(tmp_path)["papers/a.md"]


@pytest.mark.parametrize(
    ("tag", "verb"), [("extends", "extends"), ("include", "includes"), ("from", "imports"), ("import", "imports")]
)
def test_a_template_that_extends_itself_is_one_line_saying_what_to_extend(tmp_path: Path, tag: str, verb: str) -> None:
    """QA: ``{% extends "paper.md.j2" %}`` in the user's paper.md.j2 found that file again and recursed until Python
    gave up (a RecursionError, a 72-line traceback)."""
    end = {"import": " as m", "from": " import x"}.get(tag, "")
    message = _template_error(tmp_path, "{# mine #}\n{% " + tag + ' "paper.md.j2"' + end + " %}\n")
    assert message == (
        f'{tmp_path / "paper.md.j2"}:2: this template {verb} "paper.md.j2", which is itself (the templates folder '
        'comes first); to build on the built-in paper.md.j2, name it "sitegen/paper.md.j2"'
    )


def test_a_template_not_in_utf8_is_one_line(tmp_path: Path) -> None:
    from sitegen.errors import BuildError

    (tmp_path / "paper.md.j2").write_bytes(b"{{ paper.title }}\ncaf\xe9\n")
    with pytest.raises(BuildError, match="^" + re.escape(f"{tmp_path / 'paper.md.j2'}:2: not UTF-8 text; save it as")):
        _pages_with(tmp_path)


def test_templates_that_extend_each_other_are_one_line_too(tmp_path: Path) -> None:
    (tmp_path / "other.j2").write_text('{% extends "paper.md.j2" %}', encoding="utf-8")
    message = _template_error(tmp_path, '{% extends "other.j2" %}')
    assert message.startswith(str(tmp_path)) and ": template error: RecursionError: maximum recursion depth" in message
    assert "\n" not in message


def test_a_misnamed_template_is_warned_of_once_with_the_name_it_may_mean(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """QA: a ``papers.md.j2`` (for ``paper.md.j2``) was silently ignored. A file of the templates folder that is no
    page template and that none of the user's templates extends, includes or imports is warned of, once per build;
    a helper they import is not, nor a file that is no template (a README)."""
    from sitegen.templates import make_env

    (tmp_path / "papers.md.j2").write_text("# {{ paper.title }}\n", encoding="utf-8")
    (tmp_path / "home.md.j2").write_text('{% import "macros.j2" as m %}{% include ["a.j2", "b.j2"] %}\n')
    (tmp_path / "b.j2").write_text('{% from "c.j2" import x %}\n')
    (tmp_path / "c.j2").write_text("{% macro x() %}{% endmacro %}\n")
    (tmp_path / "macros.j2").write_text("{% macro x() %}{% endmacro %}\n")
    (tmp_path / "leftover.j2").write_text("old\n")
    (tmp_path / "README.md").write_text("my templates\n")
    (tmp_path / ".hidden.j2").write_text("\n")
    for backup in ("home.md.j2~", "home.md.j2.bak", "home.md.j2.orig"):  # the regression hunt: aborted --strict
        (tmp_path / backup).write_text("old\n")
    with caplog.at_level("WARNING", logger="mkdocs.plugins.sitegen"):
        make_env(tmp_path)
    prefix = str(tmp_path).lstrip("/")  # shown relative to the working folder when inside it, else as given
    said = [r.getMessage() for r in caplog.records]
    rule = (
        "sitegen uses the files of the templates folder named as its page templates (home.md.j2, theme.md.j2, "
        "paper.md.j2) and those they extend, include or import"
    )
    assert [m.split(": ", 2)[1].rsplit("/", 1)[-1] for m in said] == ["leftover.j2", "papers.md.j2"]
    assert said[1].endswith(f"papers.md.j2: ignored (did you mean paper.md.j2?): {rule}")
    assert said[0].endswith(f"leftover.j2: ignored: {rule}") and prefix.rsplit("/", 1)[-1] in said[0]
    assert all(m.startswith("sitegen: ") for m in said)


def test_a_template_named_by_a_variable_leaves_only_near_names_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from sitegen.templates import make_env

    (tmp_path / "paper.md.j2").write_text("{% include part %}\n")
    (tmp_path / "part.j2").write_text("\n")
    (tmp_path / "Theme.md.j2").write_text("\n")
    with caplog.at_level("WARNING", logger="mkdocs.plugins.sitegen"):
        make_env(tmp_path)
    assert [r.getMessage().split(": ")[2] for r in caplog.records] == ["ignored (did you mean theme.md.j2?)"]


def test_a_sitegen_folder_in_the_templates_folder_is_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``sitegen/<name>`` always names a built-in template (so that a template of one's own can extend it): a
    ``sitegen/paper.md.j2`` of the user's was never read, without a word."""
    from sitegen.templates import make_env

    (tmp_path / "sitegen").mkdir()
    (tmp_path / "sitegen" / "paper.md.j2").write_text("mine\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="mkdocs.plugins.sitegen"):
        make_env(tmp_path)
    [said] = [r.getMessage() for r in caplog.records]
    assert said.startswith("sitegen: ") and "/sitegen: ignored: a template named sitegen/<name> is always" in said
    assert _pages_with(tmp_path)["papers/a.md"] != "mine\n"


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("{{ venue }}", "'venue' is undefined; paper.md.j2 is given paper, theme, related, theme_of, meta, position, "),
        ("{{ relatd }}", "'relatd' is undefined (did you mean 'related'?); paper.md.j2 is given paper, "),
    ],
)
def test_a_variable_a_template_is_not_given_is_said_with_those_it_is(tmp_path: Path, template: str, said: str) -> None:
    """QA: ``'venue' is undefined`` left the user to guess what a template has; the message lists its variables."""
    message = _template_error(tmp_path, template + "\n")
    assert f":1: template error: {said}" in message
    assert "size, previous, following and the globals of every template (README: what each template is given)" in (
        message
    )
    assert message.endswith("(the page of paper 'a', read from x.txt:1)")


@pytest.mark.parametrize(
    ("abstract", "found"),
    [
        (
            "BACKGROUND: Statins help. METHODS: We randomised 400. RESULTS: LDL fell (p<0.001). CONCLUSIONS: So.",
            [("BACKGROUND", "Statins help."), ("METHODS", "We randomised 400."),
             ("RESULTS", "LDL fell (p<0.001)."), ("CONCLUSIONS", "So.")],
        ),
        (
            "Method(s): We asked. Result(s): They said. Conclusion(s): Ask.",  # Embase
            [("Method(s)", "We asked."), ("Result(s)", "They said."), ("Conclusion(s)", "Ask.")],
        ),
        ("Motivation: Proteins fold. Availability and implementation: at https://x.org",
         [("Motivation", "Proteins fold."), ("Availability and implementation", "at https://x.org")]),
        (  # JAMA's headings (the regression hunt: three of them ran into OBJECTIVE's paragraph), Title Case
            "IMPORTANCE: It matters. DESIGN, SETTING, AND PARTICIPANTS: A cohort. EXPOSURES: Smoking. "
            "MAIN OUTCOMES AND MEASURES: Death. Materials And Methods: Ours.",
            [("IMPORTANCE", "It matters."), ("DESIGN, SETTING, AND PARTICIPANTS", "A cohort."),
             ("EXPOSURES", "Smoking."), ("MAIN OUTCOMES AND MEASURES", "Death."), ("Materials And Methods", "Ours.")],
        ),
        ("We list results: none are new. Methods: ours.", [("", "We list results: none are new. Methods: ours.")]),
        ("BACKGROUND: one heading only.", [("", "BACKGROUND: one heading only.")]),
        ("Background: a. results: lower case is text.", [("", "Background: a. results: lower case is text.")]),
    ],
)  # fmt: skip
def test_a_structured_abstract_is_its_sections(abstract: str, found: list[tuple[str, str]]) -> None:
    from sitegen.templates import sections

    assert sections(abstract) == found


def test_a_structured_abstract_is_shown_a_paragraph_a_section() -> None:
    """QA, a clinician screening trials: "Background: ... Methods: ... Findings: ..." ran together as one paragraph."""
    from sitegen.records import Paper, Source, Theme, ThemeResult
    from sitegen.render import render_pages
    from sitegen.templates import make_env

    abstract = "BACKGROUND: Statins help. METHODS: We randomised 400 adults. RESULTS: LDL fell (p<0.001)."
    paper = Paper("p", "A trial", abstract, (Source("x.txt", 1),))
    themes = ThemeResult((Theme("t", "T", (), ("p",)),), {"p": "t"})
    page = {p.path: p.content for p in render_pages([paper], themes, make_env(), "Site")}["papers/p.md"]
    assert (
        '<div class="sg-abstract"><p><strong class="sg-section">BACKGROUND</strong> Statins help.</p>'
        '<p><strong class="sg-section">METHODS</strong> We randomised 400 adults.</p>'
        '<p><strong class="sg-section">RESULTS</strong> LDL fell (p&lt;0.001).</p></div>'
    ) in page


def test_a_template_that_imports_math_label_from_the_old_macros_file_still_builds(tmp_path: Path) -> None:
    """QA: ``math_label`` was a macro of ``sitegen/macros.j2`` for part of 2026-12-01 and README said to import it;
    it is a global since, and a template with that import (either name of the file) still builds."""
    (tmp_path / "paper.md.j2").write_text(
        '{%- from "sitegen/macros.j2" import math_label %}{% from "macros.j2" import math_label as label %}'
        "[{{ math_label('On $x$') }}|{{ label(paper.id) }}]\n",
        encoding="utf-8",
    )
    assert _pages_with(tmp_path)["papers/a.md"] == '[ aria-label="On x"|]\n'

"""Render the site's Markdown pages and papers.json from papers and themes: which template makes which page, with
which variables. The Jinja environment the templates run in (loaders, filters, globals, template errors) is
:mod:`sitegen.templates`."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2

from sitegen.records import Paper, Theme, ThemeResult
from sitegen.templates import template_error, template_errors
from sitegen.textutil import plural


@dataclass(frozen=True, slots=True)
class Page:
    """One generated file of the site."""

    path: str
    """Path relative to the docs folder, posix separators (``papers/<id>.md``)."""
    content: str
    """Text of the file."""
    in_nav: bool = False
    """Whether the page belongs in the navigation (home and theme pages only)."""
    title: str = ""
    """Navigation title (escaped for HTML)."""


def meta_items(paper: Paper) -> list[str]:
    """The known metadata of a paper as short phrases, its venue first as a citation names the journal ("The Lancet
    · 2020-02-15 · 29 authors"); missing values are left out, never guessed. The publication type is no phrase of
    it: the page shows it as a tag of its own."""
    items = [value for value in (paper.venue, paper.date) if value]
    if paper.authors_count is not None:
        items.append(plural(paper.authors_count, "author"))
    if paper.upvotes is not None:
        items.append(plural(paper.upvotes, "upvote"))
    return items


LATEST = 10
"""Papers listed under "Latest papers" on the home page (the newest dated ones)."""


def _newest_first(papers: Sequence[Paper]) -> list[Paper]:
    by_title = sorted(papers, key=lambda p: ((p.title or "").casefold(), p.id))
    return sorted(by_title, key=lambda p: p.date or "", reverse=True)


def _members(theme: Theme, by_id: Mapping[str, Paper], typical: Mapping[str, float]) -> list[Paper]:
    """A theme's papers as its page lists them: the most typical first (``ThemeResult.typical``), equals newest first;
    the Unsorted theme's, which have nothing in common, and any without a score, newest first, then by title."""
    papers = _newest_first([by_id[i] for i in theme.paper_ids])
    if theme.unsorted:
        return papers
    return sorted(papers, key=lambda p: -typical.get(p.id, -2.0))  # stable: equals stay newest first, by title


def render_pages(papers: Sequence[Paper], themes: ThemeResult, env: jinja2.Environment, site_name: str) -> list[Page]:
    """Every Markdown page of the site: home, one per theme, one per paper."""
    with template_errors():
        return _render_pages(papers, themes, env, site_name)


def _render_pages(papers: Sequence[Paper], themes: ThemeResult, env: jinja2.Environment, site_name: str) -> list[Page]:
    by_id = {p.id: p for p in papers}
    theme_of = {pid: themes.theme_of(pid) for pid in by_id}
    pages = [
        Page(
            "index.md",
            _render(
                env.get_template("home.md.j2"),
                site_name=site_name,
                themes=themes.themes,
                papers=papers,
                engine=themes.engine,
                latest=_newest_first([p for p in papers if p.date])[:LATEST],
                dated=sum(1 for p in papers if p.date),
                theme_of=theme_of,
            ),
            in_nav=True,
            title="Home",
        )
    ]
    paper_tpl, theme_tpl = env.get_template("paper.md.j2"), env.get_template("theme.md.j2")
    listed: dict[str, list[Paper]] = {}
    for theme in themes.themes:
        members = _members(theme, by_id, themes.typical)
        listed[theme.id] = members
        content = _render(theme_tpl, theme=theme, papers=members)
        pages.append(Page(f"themes/{theme.id}.md", content, in_nav=True, title=html.escape(theme.label)))
    place = {paper.id: (n, members) for members in listed.values() for n, paper in enumerate(members)}
    for paper in papers:
        related = [by_id[i] for i in themes.related.get(paper.id, ()) if i in by_id]
        n, members = place[paper.id]
        content = _render(
            paper_tpl,
            about=paper,
            paper=paper,
            theme=theme_of[paper.id],
            related=related,
            theme_of=theme_of,
            meta=meta_items(paper),
            position=n + 1,
            size=len(members),
            previous=members[n - 1] if n > 0 else None,
            following=members[n + 1] if n + 1 < len(members) else None,
        )
        pages.append(Page(f"papers/{paper.id}.md", content))
    return pages


def _render(template: jinja2.Template, about: Paper | None = None, **variables: object) -> str:
    """``template`` rendered with ``variables``; an error in it as one line naming the template's file and line,
    the variables it was given when it names one it was not, and the paper the page is ``about`` (an error may hold
    for some papers only)."""
    try:
        return template.render(**variables)
    except Exception as exc:
        error = template_error(exc, about, given=(template.name or "", list(variables)))
        if error is None:
            raise
        raise error from exc


def papers_json(papers: Sequence[Paper], themes: ThemeResult) -> str:
    """The data export ``papers.json`` (documented in README), deterministic."""
    theme_by_id: dict[str, Theme] = {t.id: t for t in themes.themes}
    rows = []
    for paper in papers:
        theme = theme_by_id[themes.assignment[paper.id]]
        rows.append(
            {
                "id": paper.id,
                "title": paper.title,
                "title_synthesized": paper.title_synthesized,
                "url": f"papers/{paper.id}/",
                "theme": {"id": theme.id, "label": theme.label},
                "date": paper.date,
                "authors_count": paper.authors_count,
                "authors": list(paper.authors),
                "upvotes": paper.upvotes,
                "links": list(paper.links),
                "venue": paper.venue,
                "publication_type": paper.publication_type,
                "sources": [s.to_json() for s in paper.sources],
            }
        )
    data = {
        "papers": rows,
        "themes": [{"id": t.id, "label": t.label, "size": t.size, "terms": list(t.terms)} for t in themes.themes],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"

"""Render Markdown pages (Jinja2 templates) and papers.json from papers and themes."""

from __future__ import annotations

import contextlib
import html
import json
import re
import traceback
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from sitegen.errors import BuildError
from sitegen.records import Paper, Theme, ThemeResult
from sitegen.resources import PAGE_TEMPLATES
from sitegen.textutil import MATH, plain_math, plural

DESCRIPTION_CHARS = 160
"""Most characters of a page's meta description (about what search engines show of it)."""
HTML_MARKER = "<!-- sitegen:html -->\n"
"""First line of a page body that is finished HTML: the plugin passes it by Python-Markdown."""


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


def text_with_math(text: str) -> Markup:
    """Escape text for HTML; balanced ``$...$`` becomes an arithmatex span KaTeX renders."""
    parts: list[str] = []
    last = 0
    for match in MATH.finditer(text):
        parts.append(html.escape(text[last : match.start()]))
        tex, display = (match.group(1), False) if match.group(1) is not None else (match.group(2), True)
        wrapped = f"\\[{tex}\\]" if display else f"\\({tex}\\)"
        parts.append(f'<span class="arithmatex">{html.escape(wrapped)}</span>')
        last = match.end()
    parts.append(html.escape(text[last:]))
    return Markup("".join(parts))


def description(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """Plain text of at most ``limit`` characters for a page's meta description (math as plain characters), cut
    at a space with "…" where cut."""
    text = plain_math(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:.") + "…"


def front_matter(**fields: object) -> Markup:
    """YAML front matter; values as JSON (ASCII-escaped), which YAML reads back exactly."""
    lines = [f"{key}: {_yaml_json(value)}" for key, value in fields.items() if value is not None]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


def _yaml_json(value: object) -> str:
    """``value`` as JSON in ASCII that YAML reads back exactly. Not ``json.dumps(ensure_ascii=True)``: it writes a
    character beyond the BMP (a math letter such as U+1D53C, an emoji) as two ``\\u`` surrogates, which YAML reads
    as two broken characters, and MkDocs then drops the whole front matter (its raw text showed atop the page);
    YAML's own ``\\U`` escape takes the whole code point."""
    text = json.dumps(value, ensure_ascii=False)
    return "".join(c if c < "\x80" else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in text)


def make_env(user_templates: str | Path | None = None) -> jinja2.Environment:
    """Jinja2 environment: the user's folder first, then the built-in templates; HTML autoescape on."""
    search = [str(user_templates)] if user_templates else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(PAGE_TEMPLATES)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["math"] = text_with_math
    env.filters["plain"] = plain_math
    env.filters["description"] = description
    env.globals["front_matter"] = front_matter
    env.globals["html_marker"] = Markup(HTML_MARKER)
    env.globals["authors_shown"] = AUTHORS_SHOWN
    env.globals["authors_tail"] = authors_tail
    env.globals["look_up"] = look_up
    return env


def meta_items(paper: Paper) -> list[str]:
    """The known metadata of a paper as short phrases; missing values are left out, never guessed."""
    items = [paper.date] if paper.date else []
    if paper.authors_count is not None:
        items.append(plural(paper.authors_count, "author"))
    if paper.upvotes is not None:
        items.append(plural(paper.upvotes, "upvote"))
    return items


AUTHORS_SHOWN = 20
"""Names shown on a paper page; a longer list (a collaboration of thousands) ends in "and N more"."""


def authors_tail(paper: Paper) -> str:
    """What follows the names shown on a paper page: " and N more" for the authors not shown (past
    ``AUTHORS_SHOWN``, or counted but not named), " et al." when the list was cut short without a count."""
    if paper.more_authors is None:
        return " et al."
    more = len(paper.authors) + paper.more_authors - min(len(paper.authors), AUTHORS_SHOWN)
    return f" and {more} more" if more else ""


def look_up(paper: Paper) -> list[tuple[str, str]]:
    """Where a reader can look the paper up, as (name, search URL), when no link of its own says where it is.

    Listing pages and abstract dumps rarely carry a paper's address; a search for its title finds it. A
    title derived from the abstract would find nothing, so those are searched by the abstract's first
    words, as a quoted phrase, on Google Scholar only (Semantic Scholar has no phrase search).
    """
    if any(_IDENTIFIES.search(url) for url in paper.links):
        return []
    if paper.title_synthesized or not paper.title:
        words = _UNQUOTED.sub(" ", plain_math(paper.abstract)).split()[:LOOKUP_WORDS]
        return [("Google Scholar", SCHOLAR + urllib.parse.quote_plus('"' + " ".join(words) + '"'))] if words else []
    title = urllib.parse.quote_plus(plain_math(paper.title))
    return [("Semantic Scholar", SEMANTIC_SCHOLAR + title), ("Google Scholar", SCHOLAR + title)]


SCHOLAR = "https://scholar.google.com/scholar?q="
SEMANTIC_SCHOLAR = "https://www.semanticscholar.org/search?q="
LOOKUP_WORDS = 12
"""Words of an untitled paper's abstract searched as one phrase: enough to be unique, few enough to fit a URL."""
_IDENTIFIES = re.compile(
    r"^https?://(?:[^/]*\.)?(?:doi\.org|arxiv\.org/(?:abs|pdf|html)|pubmed\.ncbi\.nlm\.nih\.gov"
    r"|ncbi\.nlm\.nih\.gov/(?:pmc|pubmed)|openalex\.org|semanticscholar\.org/paper|huggingface\.co/papers"
    r"|openreview\.net/(?:forum|pdf)|aclanthology\.org)[/?]"
    r"|^https?://[^?#]*/10\.\d{4,9}/",  # a publisher's page with the DOI in its path (ACM, Springer, bioRxiv)
    re.IGNORECASE,
)
"""Links that name the paper itself (a DOI, its arXiv, PubMed, OpenAlex, ... page), not only its code."""
_UNQUOTED = re.compile('["\u201c\u201d\u201e]')
"""Double quotes, which would end the quoted phrase a Google Scholar link searches for."""


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


@contextlib.contextmanager
def template_errors() -> Iterator[None]:
    """A broken template (often the user's own) is a one-line ``file:line: message``, not a traceback."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        # Jinja rewrites tracebacks so that template frames name the .j2 file and line.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
        raise BuildError(f"{where}template error: {exc}") from exc


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
            env.get_template("home.md.j2").render(
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
        content = theme_tpl.render(theme=theme, papers=members)
        pages.append(Page(f"themes/{theme.id}.md", content, in_nav=True, title=html.escape(theme.label)))
    place = {paper.id: (n, members) for members in listed.values() for n, paper in enumerate(members)}
    for paper in papers:
        related = [by_id[i] for i in themes.related.get(paper.id, ()) if i in by_id]
        n, members = place[paper.id]
        content = paper_tpl.render(
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
                "sources": [s.to_json() for s in paper.sources],
            }
        )
    data = {
        "papers": rows,
        "themes": [{"id": t.id, "label": t.label, "size": t.size, "terms": list(t.terms)} for t in themes.themes],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"

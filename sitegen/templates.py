"""The Jinja environment of sitegen's page templates: the built-in templates (``templates/pages/``) and a project's
own templates folder over them, the filters and globals a template is given, and template errors as one line
naming file and line. :mod:`sitegen.render` renders the pages with it."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import html
import json
import logging
import re
import traceback
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from markupsafe import Markup
from markupsafe import escape as html_escape

from sitegen.errors import BuildError, SitegenError
from sitegen.ingest import display_path
from sitegen.records import Paper, Theme
from sitegen.resources import PAGE_TEMPLATES
from sitegen.textutil import MATH, plain_math

DESCRIPTION_CHARS = 160
"""Most characters of a page's meta description (about what search engines show of it)."""
HTML_MARKER = "<!-- sitegen:html -->\n"
"""First line of a page body that is finished HTML: the plugin passes it by Python-Markdown."""

log = logging.getLogger("mkdocs.plugins.sitegen")


def text_with_math(text: object) -> Markup:
    """Escape text for HTML; balanced ``$...$`` becomes an arithmatex span KaTeX renders. The ``math`` filter: None
    (a paper's missing date or title) is no text, a number its digits (QA: ``paper.date | math`` in a template of
    one's own raised a TypeError for every paper without a date)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if "$" not in text:  # most texts: no math
        return Markup(html.escape(text))
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


def description(text: object, limit: int = DESCRIPTION_CHARS) -> str:
    """Plain text of at most ``limit`` characters for a page's meta description (math as plain characters), cut
    at a space with "…" where cut; none for None, as the other filters."""
    text = plain_text(text)
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
    if text.isascii():
        return text
    return "".join(c if c < "\x80" else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in text)


PAGE_NAMES = ("home.md.j2", "theme.md.j2", "paper.md.j2")
"""The templates sitegen renders; a templates folder overrides any of them by holding a file of the same name."""
BUILT_IN = "sitegen"
"""Prefix that names sitegen's own templates whatever the user's folder holds (``sitegen/paper.md.j2``), so that a
``paper.md.j2`` of the user's can extend the built-in one and replace only its blocks."""


def make_env(user_templates: str | Path | None = None) -> jinja2.Environment:
    """Jinja2 environment: ``sitegen/<name>`` the built-in templates, else the user's folder first, then the
    built-in templates; HTML autoescape on. Files of the user's folder sitegen would not use are warned of."""
    built_in = jinja2.FileSystemLoader(str(PAGE_TEMPLATES))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({BUILT_IN: built_in})]
    if user_templates:
        loaders.append(UserTemplates(str(user_templates)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*loaders, built_in]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["math"] = text_with_math
    env.filters["plain"] = plain_text
    env.filters["description"] = description
    env.filters["sections"] = sections
    env.globals["front_matter"] = front_matter
    env.globals["html_marker"] = Markup(HTML_MARKER)
    env.globals["authors_shown"] = AUTHORS_SHOWN
    env.globals["authors_tail"] = authors_tail
    env.globals["look_up"] = look_up
    env.globals["math_label"] = math_label
    if user_templates:
        for warning in unused_templates(env, Path(user_templates)):
            log.warning("sitegen: %s", warning)
    return env


class UserTemplates(jinja2.FileSystemLoader):
    """The user's templates folder. A template of it that extends (includes, imports) its own name is an error
    saying to extend ``sitegen/<name>``: ``{% extends "paper.md.j2" %}``, the usual Jinja way to change one part
    of a page, found the user's file again, not sitegen's, and recursed until Python gave up (QA: a RecursionError
    and a 72-line traceback). A file that is not UTF-8 is an error naming it and the line, not the codec's
    traceback."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:  # a template saved as Latin-1 ("café"): a traceback from the codec
            line = exc.object[: exc.start].count(b"\n") + 1
            where = str(Path(self.searchpath[0], *template.split("/")))
            raise jinja2.TemplateSyntaxError("not UTF-8 text; save it as UTF-8", line, template, where) from exc
        for node in _references(environment, source):
            if isinstance(node.template, nodes.Const) and node.template.value == template:
                verb = {nodes.Extends: "extends", nodes.Include: "includes"}.get(type(node), "imports")
                message = f'this template {verb} "{template}", which is itself (the templates folder comes first)'
                if (PAGE_TEMPLATES / template).is_file():
                    message += f'; to build on the built-in {template}, name it "{BUILT_IN}/{template}"'
                raise jinja2.TemplateSyntaxError(message, node.lineno, template, filename)
        return source, filename, uptodate


_Reference = nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport


def _references(env: jinja2.Environment, source: str) -> list[_Reference]:
    """The extends, include and import tags of a template's ``source`` (none when it does not parse: rendering it
    says why, with its line)."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return []
    kinds = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
    return [node for node in tree.find_all(kinds) if isinstance(node, kinds)]  # typed as such


def unused_templates(env: jinja2.Environment, folder: Path) -> list[str]:
    """A warning for each file of the templates folder sitegen would silently not use: one not named as a page
    template (:data:`PAGE_NAMES`) that no template of the user's extends, includes or imports, when it is a Jinja
    file (``.j2``, ``.jinja``) or named close to a page template (QA: a ``papers.md.j2`` was ignored without a word).
    A helper such as ``macros.j2`` that the user's ``paper.md.j2`` imports is used; a template that names others only
    by a variable leaves unknown what it uses, so then only names close to a page template are warned of. An editor's
    backup of a file in use (``paper.md.j2~``, ``.bak``, ``.orig``: its name and more) is no mistake (the regression
    hunt: it aborted ``--strict`` builds, "did you mean paper.md.j2?"). A ``sitegen/`` folder in it is warned of
    too: that prefix names the built-in templates, so its files are never read."""
    try:
        files = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:  # no such folder: the config's check, or loading a template, says so
        return []
    used, dynamic, todo = set(PAGE_NAMES), False, [name for name in PAGE_NAMES if name in files]
    while todo:
        for name in _referenced(env, folder / todo.pop()):
            dynamic |= name is None
            if name is not None and name not in used:
                used.add(name)
                todo.append(name)
    warnings = []
    if (folder / BUILT_IN).is_dir():  # QA: a copy of the built-in templates put there silently did nothing
        warnings.append(
            f"{display_path(folder / BUILT_IN)}: ignored: a template named {BUILT_IN}/<name> is always sitegen's "
            f"built-in one; put a template of yours in the templates folder itself (paper.md.j2) and extend "
            f'"{BUILT_IN}/paper.md.j2" from it to change part of the page'
        )
    for name in files:
        if any(name.startswith(page) for page in used if page in files):  # a backup: paper.md.j2~, paper.md.j2.bak
            continue
        near = difflib.get_close_matches(name, PAGE_NAMES, n=1, cutoff=0.75)
        jinja = name.endswith((".j2", ".jinja", ".jinja2"))
        if name not in used and (near or (jinja and not dynamic)):
            hint = f" (did you mean {near[0]}?)" if near else ""
            warnings.append(
                f"{display_path(folder / name)}: ignored{hint}: sitegen uses the files of the templates folder named "
                f"as its page templates ({', '.join(PAGE_NAMES)}) and those they extend, include or import"
            )
    return warnings


def _referenced(env: jinja2.Environment, path: Path) -> list[str | None]:
    """The names of the templates the template at ``path`` extends, includes or imports, None for one named by a
    variable; none when it cannot be read or parsed (rendering it says why)."""
    try:
        return list(meta.find_referenced_templates(env.parse(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return []


def math_label(text: object, before: str = "", after: str = "") -> Markup:
    """`` aria-label="<text, its math as plain characters>"`` for a heading or link whose text holds math, else
    nothing. Chrome leaves KaTeX's math out of an accessible name: a screen reader read the title "... Hierarchical
    topology in $\\Lambda$CDM cosmologies" as "... in CDM cosmologies" (QA, by Chrome's accessibility tree). The plain
    text is the browser tab's (:func:`plain_text`); characters past Latin-1 are written as character references
    (``&#923;``), so that a page of Latin-1 text stays Latin-1 (see the arrows in paper.md.j2). ``before`` and
    ``after``: markup around the text in the label as in the element ("&larr; " of the previous paper's link).
    A function, not a Jinja macro: a macro call costs about ten times as much, and a page calls it up to 8 times
    (profiled: 0.4 s of rendering 3,000 papers)."""
    shown = "" if text is None else str(text)
    plain = plain_text(shown)
    if plain == shown:
        return Markup("")
    label = str(html_escape(plain)).encode("latin-1", "xmlcharrefreplace").decode("latin-1")
    return Markup(' aria-label="{}{}{}"').format(before, Markup(label), after)


def plain_text(text: object) -> str:
    """The ``plain`` filter: :func:`~sitegen.textutil.plain_math`, with nothing for None (a paper's missing date,
    title or upvotes, which most papers lack: QA, a TypeError for a template that showed ``paper.date | plain``)."""
    return "" if text is None else plain_math(text if isinstance(text, str) else str(text))


SECTION_NAMES = (
    "background", "introduction", "context", "importance", "rationale", "motivation", "purpose", "aim", "aims",
    "objective", "objectives", "hypothesis", "methods", "method", "method(s)", "methodology",
    "materials and methods", "patients and methods", "design", "study design", "setting", "participants", "patients",
    "interventions", "main outcome measures", "measurements", "data sources", "study selection", "data extraction",
    "design, setting, and participants", "design, setting and participants", "exposure", "exposures",
    "main outcomes and measures", "main outcome and measures", "experimental design", "evidence review",
    "observations", "meaning", "question",
    "evidence acquisition", "evidence synthesis", "search methods", "selection criteria",
    "data collection and analysis", "case presentation", "case report", "results", "result(s)", "main results",
    "findings", "methods and findings", "conclusion", "conclusions", "conclusion(s)", "conclusions and relevance",
    "interpretation", "discussion", "significance", "implications", "limitations", "relevance", "authors' conclusions",
    "trial registration", "clinical trial registration", "registration", "funding", "availability",
    "availability and implementation", "contact", "supplementary information",
)  # fmt: skip
"""The section headings of structured abstracts (NLM's structured-abstract labels, Embase's "Method(s)", Cochrane's
"Authors' conclusions", Bioinformatics' "Availability and implementation", JAMA's "Design, setting, and
participants", "Main outcomes and measures" and its key points' "Question", "Findings", "Meaning"), as
:func:`sections` finds them."""
_SECTION = re.compile(
    r"(?:^|(?<=[.!?)\]] ))("
    + "|".join(re.escape(name) for name in sorted(SECTION_NAMES, key=len, reverse=True))
    + r"):\s+",
    re.IGNORECASE,
)


def _heading_case(heading: str) -> bool:
    """Written as a heading: in capitals, with a capital first, or every word capitalised ("Materials And Methods";
    "and" may stay small)."""
    words = heading.split()
    return heading.isupper() or heading[1:].islower() or all(w[0].isupper() or w in ("and", "of") for w in words)


def sections(abstract: str) -> list[tuple[str, str]]:
    """A structured abstract as its sections, ``(heading, text)``: "BACKGROUND: ... METHODS: ..." as it opens with a
    heading of :data:`SECTION_NAMES` written in capitals or with a capital first ("Methods:", "METHODS:"; a
    lower-case "results:" is text) and holds two headings or more, each at the start or after a sentence's end. Any
    other abstract is one section without a heading, as it was shown before (QA, a clinician screening trials: the
    page ran "Background: ... Methods: ... Findings: ..." together as one paragraph, where PubMed shows one a
    section; the records keep one text, which search, themes and merging read)."""
    if not _SECTION.match(abstract):  # most abstracts: no heading at the start, no search through the whole text
        return [("", abstract)]
    found = [m for m in _SECTION.finditer(abstract) if m[1][0].isupper() and _heading_case(m[1])]
    if len(found) < 2 or found[0].start() != 0:
        return [("", abstract)]
    ends = [m.start() for m in found[1:]] + [len(abstract)]
    return [(m[1], abstract[m.end() : end].strip()) for m, end in zip(found, ends, strict=True)]


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


@contextlib.contextmanager
def template_errors() -> Iterator[None]:
    """A broken template (often the user's own) is a one-line ``file:line: message``, not a traceback."""
    try:
        yield
    except SitegenError:
        raise
    except Exception as exc:
        error = template_error(exc)
        if error is None:
            raise
        raise error from exc


def template_error(
    exc: Exception, paper: Paper | None = None, given: tuple[str, Sequence[str]] | None = None
) -> BuildError | None:
    """``exc``, raised while rendering, as one line naming the template's file and line, and the ``paper`` the page
    is about (an error may hold for some papers only: ``paper.links[0]`` for those without links). Any exception a
    template of the user's raised (a ``ZeroDivisionError`` from ``size // 0``), not only Jinja's own: README
    promises no traceback inside ``mkdocs build`` for an error the user can fix. None when no template of the
    user's ran (a bug of sitegen's own: its traceback is what a bug report needs). ``given``, the template's name and
    the variables it was given, says them for a variable it was not given (QA: ``'venue' is undefined`` left the
    user to guess what there is)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return BuildError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}")
    # Jinja rewrites tracebacks so that template frames name the .j2 file and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not isinstance(exc, jinja2.TemplateError) and not any(Path(f.filename).parent != PAGE_TEMPLATES for f in frames):
        return None
    where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    what = _no_such_field(str(exc), given) if isinstance(exc, jinja2.UndefinedError) else str(exc)
    if not isinstance(exc, jinja2.TemplateError):
        what = f"{type(exc).__name__}: {what}" if what else type(exc).__name__
    source = f", read from {paper.sources[0]}" if paper and paper.sources else ""
    about = f" (the page of paper {paper.id!r}{source})" if paper else ""
    return BuildError(f"{where}template error: {what}{about}")


_NO_ATTRIBUTE = re.compile(r"'sitegen\.records\.(Paper|Theme) object' has no attribute '([^']*)'")
_FIELDS = {
    record.__name__: [f.name for f in dataclasses.fields(record)]
    + [name for name, value in vars(record).items() if isinstance(value, property)]
    for record in (Paper, Theme)
}
"""What a template may read of a paper and of a theme: their fields and properties."""


_NO_VARIABLE = re.compile(r"'([^']*)' is undefined")


def _no_such_field(message: str, given: tuple[str, Sequence[str]] | None = None) -> str:
    """Jinja's "'sitegen.records.Paper object' has no attribute 'venue'" as what a Paper has instead, and its
    "'venue' is undefined" as the variables the template was given (``given``: its name and theirs; the globals
    every template has are in README), the nearest first when the name looks like a typo."""
    if given and (variable := _NO_VARIABLE.fullmatch(message)):
        name, names = variable[1], given[1]
        near = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return (
            f"{message}{hint}; {given[0]} is given {', '.join(names)} "
            "and the globals of every template (README: what each template is given)"
        )
    match = _NO_ATTRIBUTE.fullmatch(message)
    if match is None:
        return message
    record, name = match[1], match[2]
    near = difflib.get_close_matches(name, _FIELDS[record], n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    fields = ", ".join(_FIELDS[record])
    return f"a {record} has no field {name!r}{hint}; its fields are {fields} (README: what each template is given)"

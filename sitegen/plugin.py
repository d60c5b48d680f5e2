"""MkDocs plugin ``sitegen``: the same pipeline inside ``mkdocs build`` and ``mkdocs serve``."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial, wraps
from pathlib import Path
from typing import Any, TypeVar

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markdown import Markdown
from mkdocs import plugins as mkdocs_plugins
from mkdocs.commands import serve as mkdocs_serve_command
from mkdocs.config import base as mkdocs_config_base
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths
from mkdocs.utils.meta import get_data

from sitegen.address import check_address_free
from sitegen.background import BackgroundFiles
from sitegen.config import SitegenConfig
from sitegen.errors import InputError, SitegenError, StrictError
from sitegen.ingest import display_path, paths_shown_from
from sitegen.memory import SiteMemory, check_memory_path, read_memory, write_memory
from sitegen.pipeline import Corpus, Reporter, SiteBundle, check_some_papers, gather_site, read_inputs
from sitegen.records import Tally
from sitegen.resources import DEFAULT_CONFIG, THEME_OVERRIDES
from sitegen.search import SearchDoc, page_doc
from sitegen.templates import HTML_MARKER
from sitegen.textutil import page_heading_and_text
from sitegen.themes import ThemeOptions

log = logging.getLogger("mkdocs.plugins.sitegen")

EXTRA_CSS = ("assets/katex/katex.min.css",)
EXTRA_JS = ("assets/katex/katex.min.js",)
"""KaTeX's files (versioned by KaTeX); sitegen's own assets are linked by base.html with a content hash."""

F = TypeVar("F", bound=Callable[..., Any])

NO_SITE_URL = (
    "site_url is not set, so the site is built for the root of a domain; for a sub-path (e.g. a GitHub Pages "
    "project site) set site_url in mkdocs.yml or SITEGEN_SITE_URL, or the 404 page loses its styles and the "
    "sitemap stays empty"
)


def no_site_url(config: MkDocsConfig) -> str:
    """What to say when ``site_url`` is not set: set it in the config, or (a config that reads it, as sitegen's own
    does with ``!ENV [SITEGEN_SITE_URL, null]``) in that variable; another project's config does not read it."""
    path = Path(config.config_file_path or "mkdocs.yml")
    try:
        reads_variable = "SITEGEN_SITE_URL" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        reads_variable = False
    said = NO_SITE_URL if reads_variable else NO_SITE_URL.replace(" or SITEGEN_SITE_URL", "")
    if path.resolve() == DEFAULT_CONFIG.resolve():  # sitegen's own: a project's would be its mkdocs.yml
        return said
    return said.replace("in mkdocs.yml", f"in {display_path(path)}")  # QA: said so under -f other.yml too


NEEDS_DIRECTORY_URLS = (
    "sitegen needs 'use_directory_urls: true' (the default): its pages and search link to folders "
    "(papers/<id>/); see README"
)


def plugin_errors(event: F) -> F:
    """A sitegen error in a plugin event reaches MkDocs as a PluginError: one ``ERROR - ...`` line and a failed
    build, no traceback. Under ``sitegen build`` (``cli``) it stays a sitegen error, for the CLI to report."""

    @wraps(event)
    def wrapper(self: SitegenPlugin, *args: Any, **kwargs: Any) -> Any:
        try:
            return event(self, *args, **kwargs)
        except SitegenError as exc:
            if self.cli:
                raise
            raise PluginError(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
"""Material's own templates, which sitegen's base.html extends (as ``material/base.html``)."""


_THEME_PARTS = (
    ("sitegen's search script", "assets/sitegen/search.js"),
    ("sitegen's search box", "data-sitegen-search"),
)
"""What every page sitegen's theme renders holds, and the text that shows it."""


def theme_warning(missing: list[str], config: MkDocsConfig) -> str:
    """What to say when a page lacks part of sitegen's theme: which of the project's own templates replace sitegen's
    (``custom_dir``), or a block of theirs that leaves out Material's (no ``super()``)."""
    ours = ["base.html", "partials/header.html", "partials/search.html"]
    theirs = [name for name in ours if config.theme.custom_dir and Path(config.theme.custom_dir, name).is_file()]
    folder = display_path(Path(config.theme.custom_dir or ""))
    replaced = f"{', '.join(theirs)} in {folder} replace{'s' if len(theirs) == 1 else ''} sitegen's"
    cause = replaced if theirs else "a block of the theme leaves it out (one without {{ super() }}, such as 'scripts')"
    return (
        f"the pages lack {' and '.join(missing)}: {cause}, so search will not work; extend sitegen's templates "
        'instead (a main.html that extends "base.html" and calls {{ super() }} in the blocks it overrides; see README)'
    )


def add_theme_overrides(config: MkDocsConfig) -> None:
    """Put sitegen's Material overrides (search box, styles, scripts) into the theme, right after the user's own
    ``custom_dir``, so a ``mkdocs.yml`` needs only ``theme: material`` and the plugin."""
    if config.theme.name != "material":
        raise PluginError(f"sitegen needs 'theme: material' (found {config.theme.name!r}); see README")
    ours = THEME_OVERRIDES.resolve()
    if any(Path(d).resolve() == ours for d in config.theme.dirs):
        return
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(ours))


def translator(env: Any, config: MkDocsConfig) -> Callable[[str], Any]:
    """Material's ``lang.t``, asked once per key and build (templates/overrides/partials/language.html): the text of
    Material's own macro in ``material/partials/language.html``, which reads ``config.theme.language``."""
    material = env.get_template("material/partials/language.html").make_module({"config": config})
    said: dict[str, Any] = {}

    def translate(key: str) -> Any:
        if key not in said:
            said[key] = material.t(key)
        return said[key]

    return translate


TITLE_SLOT = "<!--sitegen:page-title-->"
"""Where a shared header (:meth:`SitegenPlugin.shared_fragment`) holds the page's title until base.html writes it."""


def _render_nothing(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` of MkDocs 1.6 for a page whose Markdown :meth:`SitegenPlugin.on_page_markdown` emptied (its
    HTML comes back in ``on_page_content``): what rendering "" leaves, without a Python-Markdown instance with every
    configured extension made for it (1.5 s of CPU for 8,000 pages with MkDocs' default extensions alone, more with
    a project's own)."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def asset_version(theme_dirs: list[str], path: str) -> str:
    """Short content hash of a theme asset, for ``?v=`` in its URL: a rebuilt site with a changed search.js is
    never run with a browser's cached old copy (hosts such as GitHub Pages let browsers cache for minutes)."""
    for folder in theme_dirs:
        candidate = Path(folder) / path
        if candidate.is_file():
            return hashlib.sha256(candidate.read_bytes()).hexdigest()[:10]
    return "0"


def log_tally(summary: str, tally: Tally) -> None:
    """The tally as ``sitegen build`` prints it: the summary, then one indented line per skip reason."""
    log.info("sitegen: %s", summary)
    for line in tally.reasons():
        log.info("sitegen:   %s", line)


def side_build_reason(options: Mapping[str, Any]) -> str:
    """Why a command line's options make a build other than the project's own ("" when they do not)."""
    given = [f"--{name}" if name == "engine" else "PATH" for name in ("inputs", "engine") if options.get(name)]
    return " and ".join(given)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What a command line sets over the config file, in every sitegen plugin MkDocs loads (see :func:`overriding`)."""

    options: Mapping[str, Any] = field(default_factory=dict)
    """Plugin options that replace the config file's (``inputs``, ``engine``, ``templates``)."""
    relative_to: Path | None = None
    """Folder that the config's relative paths mean (:attr:`SitegenPlugin.relative_to`)."""


_overrides: Overrides | None = None


@contextlib.contextmanager
def overriding(overrides: Overrides) -> Iterator[None]:
    """Apply ``overrides`` to every sitegen plugin loaded within the block.

    For ``sitegen serve``: ``mkdocs serve`` loads the config file anew before each rebuild, with a new plugin
    object configured from the file alone, so options set once on the first plugin would be lost.
    """
    global _overrides
    previous, _overrides = _overrides, overrides
    try:
        yield
    finally:
        _overrides = previous


def navigation(nav: list[Any] | None, theirs: list[str], home: list[Any], themes: list[dict[str, str]]) -> list[Any]:
    """The site's navigation: sitegen's home page (unless the project has its own), the project's own pages as its
    ``nav`` lists them (or, without one, as MkDocs would list them: by folder), then a "Themes" section. A page their
    ``nav`` names already is not listed again; the themes go into a "Themes" section of theirs when it has one."""
    if not nav:
        return [*home, *nest_paths(theirs), {"Themes": themes}]  # type: ignore[no-untyped-call]
    mentioned = _paths(nav)
    home = [entry for entry in home if "index.md" not in mentioned]
    themes = [entry for entry in themes if not set(entry.values()) & mentioned]
    section = next((item for item in nav if _themes_section(item)), None)
    if section is not None:
        [(title, entries)] = section.items()
        nav = [{title: [*entries, *themes]} if item is section else item for item in nav]
    elif themes:
        nav = [*nav, {"Themes": themes}]
    return [*home, *nav]


def _themes_section(item: object) -> bool:
    """A nav section of the project's own titled "Themes" (in any case)."""
    if not isinstance(item, dict) or len(item) != 1:
        return False
    [(title, entries)] = item.items()
    return isinstance(title, str) and title.strip().casefold() == "themes" and isinstance(entries, list)


def _paths(nav: object) -> set[str]:
    """Every page path a ``nav`` config names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_paths(item) for item in nav))
    return set()


def page_search_doc(file: File, config: MkDocsConfig) -> SearchDoc:
    """A page of the project's own for the search index: its text as readers see it, rendered with the project's
    Markdown extensions as MkDocs renders it (no markup, comment or script), titled as MkDocs titles it (front
    matter ``title``, else an ``h1`` that opens the page, else its file name)."""
    markdown, meta = get_data(file.content_string)
    html = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(markdown)
    heading, text = page_heading_and_text(html)
    name = Path(file.src_uri).stem
    if name in ("index", "README"):
        name = Path(file.src_uri).parent.name or "Home"
    title = str(meta.get("title") or heading or name.replace("-", " ").replace("_", " ").capitalize())
    return page_doc(file.url, title, text)


class LogReporter(Reporter):
    """Progress as MkDocs log lines (used when no CLI progress bar is attached)."""

    def start(self, step: str, total: int | None = None) -> None:
        log.info("sitegen: %s", step)


class SitegenPlugin(BasePlugin[SitegenConfig]):  # type: ignore[no-untyped-call]
    """Generates home, theme and paper pages, papers.json and the search index as MkDocs files."""

    def __init__(self) -> None:
        super().__init__()
        self.reporter: Reporter = LogReporter()
        self.bundle: SiteBundle | None = None
        self.base_dir = Path.cwd()
        self.fragments: dict[str, str] = {}
        self.sharing = False
        """Whether a fragment shared by pages of different titles is rendering (:meth:`shared_fragment`)."""
        self.theme_checked = False
        """Whether this build's first page has been checked for sitegen's search (``on_post_page``)."""
        self.nav_pages: set[str] = set()
        """Source paths of the pages the nav names (a project's nav may name a paper page)."""
        self.lit: MkPage | None = None
        """The theme page marked active while one of its papers renders (:meth:`on_page_context`)."""
        self.html_pages: dict[str, str] = {}
        self.search: BackgroundFiles | None = None
        self.exclude: list[str] = []
        """Folders never read as input besides site_dir (``sitegen build``: the output and its staging folder)."""
        self.cli = False
        """Set by ``sitegen build``: errors stay sitegen errors, for the CLI to report with the tally."""
        self.strict_option = "strict"
        """What turned strict on, named in its error: this config key, or ``sitegen build --strict``."""
        self.relative_to: Path | None = None
        """Folder that relative paths of the config mean (default: the config file's folder). ``sitegen build``
        sets the current folder when it falls back to sitegen's own config, which may lie inside the install."""
        self.side_build = ""
        """Why this build is not the project's own (``sitegen build``/``serve`` given other inputs or another
        engine): it reads the theme memory but never writes it (QA: a trial build of 30 papers replaced it)."""
        self.memory = SiteMemory()
        """What the ``theme_memory`` file held when this build began."""
        self.config_file: str | None = None
        """The config file, named in the errors ``rename_themes`` and ``pin`` cause (``resolve_base_dir``)."""

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        if _overrides is not None:  # validated with the rest, at every load
            options = {**options, **_overrides.options}
            self.relative_to = _overrides.relative_to
            self.side_build = side_build_reason(_overrides.options)
        return super().load_config(options, config_file_path)

    def resolve_base_dir(self, config_file_path: str | None) -> Path:
        """The folder the plugin's relative paths (``inputs``, ``templates``, ``cache_dir``) mean: the config
        file's, unless the command line said another (``relative_to``); kept as ``base_dir``."""
        self.base_dir = self.relative_to or Path(config_file_path or "mkdocs.yml").resolve().parent
        self.config_file = config_file_path
        return self.base_dir

    @plugin_errors
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if first_build_of_serve():
            # MkDocs binds the address after the first build: a busy port cost the whole build and a traceback.
            check_address_free(config.dev_addr.host, config.dev_addr.port)
        self.resolve_base_dir(config.config_file_path)
        if memory := self.theme_memory():
            check_memory_path(memory, config, [Path(self._path(p)) for p in self.config.inputs], self.side_build)
        add_theme_overrides(config)
        # Fixed timestamps (sitemap, gzip headers) so two builds are byte-identical.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        config.extra_css = [*(c for c in EXTRA_CSS if c not in config.extra_css), *config.extra_css]
        config.extra_javascript.extend(js for js in EXTRA_JS if js not in config.extra_javascript)
        if not config.use_directory_urls:
            raise PluginError(NEEDS_DIRECTORY_URLS)
        if not config.site_url and not self.cli:  # sitegen build says it with the tally (on_pre_build)
            log.info("sitegen: %s", no_site_url(config))
        return config

    def _path(self, value: str) -> str:
        return str(self.base_dir / value)

    def theme_options(self, memory: SiteMemory | None = None) -> ThemeOptions:
        """The theme settings, with the themes of the site ``memory`` (read from ``theme_memory`` if not given)."""
        c = self.config
        return ThemeOptions(
            engine=c.engine,
            count=c.theme_count,
            min_themes=c.min_themes,
            max_themes=c.max_themes,
            rename=dict(c.rename_themes),
            pin=dict(c.pin),
            related=c.related,
            cache_dir=self.embedding_cache(),
            memory=(memory or self.site_memory()).themes,
            source=display_path(Path(self.config_file)) if self.config_file else "",
        )

    def theme_memory(self) -> Path | None:
        """The ``theme_memory`` file, if one is set."""
        return Path(self._path(self.config.theme_memory)) if self.config.theme_memory else None

    def site_memory(self) -> SiteMemory:
        """What the ``theme_memory`` file remembers of the last build (nothing without one)."""
        return read_memory(path) if (path := self.theme_memory()) else SiteMemory()

    def embedding_cache(self) -> str:
        """The folder the semantic engine writes its embeddings to."""
        return self._path(os.path.join(self.config.cache_dir, "embeddings"))

    def build_files(self, config: MkDocsConfig) -> list[tuple[str, Path]]:
        """What the build reads or keeps besides its input, as ``(what, path)``: never input (:meth:`own_files`),
        never deleted with an old site (``build.protected_paths``)."""
        found = [("config file", Path(config.config_file_path or "mkdocs.yml")), ("docs_dir", Path(config.docs_dir))]
        if self.config.templates:
            found.append(("templates folder", Path(self._path(self.config.templates))))
        if config.theme.custom_dir:  # the theme's own overrides (QA: `inputs: [.]` read them as papers)
            found.append(("theme's custom_dir", Path(config.theme.custom_dir)))
        found.append(("embedding cache", Path(self._path(self.config.cache_dir))))
        if memory := self.theme_memory():
            found.append(("theme memory", memory))
        return found

    def own_files(self, config: MkDocsConfig) -> list[str]:
        """What the build itself reads or writes: never input, also when it lies inside an input folder."""
        return [config.site_dir, *(str(path) for _, path in self.build_files(config)), *self.exclude]

    @plugin_errors
    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Read the input before MkDocs empties site_dir, so that an input without a single paper keeps the site.
        inputs = [self._path(p) for p in self.config.inputs]
        templates = self._path(self.config.templates) if self.config.templates else None
        self.check_inputs(inputs)
        with paths_shown_from(self.base_dir):  # "read from seeds/x.txt:3" on the pages, wherever the build runs
            self.memory = memory = self.site_memory()
            read = read_inputs(inputs, self.reporter, exclude=self.own_files(config), pages=memory.pages)
        for note in read.notes:
            log.info("sitegen: %s", note)
        self.check_strict(read)
        for problem in read.problems:
            log.info("sitegen: %s", problem)
        check_some_papers(inputs, read)  # no paper at all: stop before any work, and before MkDocs empties site_dir
        self.bundle = gather_site(
            read, self.theme_options(memory), site_name=config.site_name, templates=templates, reporter=self.reporter
        )
        corpus = self.bundle.corpus
        if self.cli and not config.site_url:
            self.bundle.notes.append(no_site_url(config))
        engine = corpus.themes.engine if corpus.themes else "none"
        log_tally(f"{corpus.tally.summary()}; {corpus.tally.written()} (engine: {engine})", corpus.tally)
        for warning in corpus.themes.warnings if corpus.themes else ():
            log.warning("sitegen: %s", warning)  # pin/rename_themes keys that matched nothing
        for note in corpus.themes.notes if corpus.themes else ():  # a pin that made a theme: no warning under --strict
            self.say(note)

    def check_inputs(self, inputs: list[str]) -> None:
        """Under MkDocs, an input of the config that is not there is said as ``sitegen build`` says it: where it is
        listed (QA: ``mkdocs build`` said only "refs/missing.bib: no such file or folder", relative to the config,
        no key named). ``sitegen build`` checks them itself; PATHs of ``sitegen serve`` and sitegen's own config's
        default input are said as typed (``read_inputs``)."""
        own = Path(self.config_file or "").resolve() == DEFAULT_CONFIG.resolve()
        if self.cli or "PATH" in self.side_build or own:
            return
        config = display_path(Path(self.config_file or "mkdocs.yml"))
        for path in map(Path, inputs):
            if not path.exists():
                raise InputError(
                    f"{display_path(path)}: no such file or folder (listed under inputs in {config}; fix it there)"
                )

    def say(self, note: str) -> None:
        """Tell the user ``note``: under ``sitegen build`` after the tally and "Site written to", as ``Note: ...``;
        under MkDocs as an ``INFO`` line now."""
        if self.cli and self.bundle is not None:
            self.bundle.notes.append(note)
        else:
            log.info("sitegen: %s", note)

    def check_strict(self, corpus: Corpus) -> None:
        """With ``strict``, stop right after reading: no theme detected, no page rendered or written.

        ``mkdocs build`` logs every problem and the tally here; ``sitegen build`` prints them from the error.
        """
        if not (self.config.strict and corpus.problems):
            return
        if not self.cli:
            for problem in corpus.problems:
                log.warning("%s", problem)
            log_tally(corpus.tally.summary(), corpus.tally)
        raise StrictError(f"{len(corpus.problems)} problem(s) in the input ({self.strict_option})", corpus)

    @event_priority(-50)  # after other plugins' on_files (Material's blog resolves, dates and drafts its posts there)
    @plugin_errors
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.bundle is not None
        theirs = files.documentation_pages()  # before ours are added; excluded and draft pages left out
        home_page = next((f for f in theirs if f.dest_uri == "index.html"), None)  # index.md or README.md
        if home_page is not None:
            message = (
                f"{display_path(Path(home_page.abs_src_path or home_page.src_uri))} is the home page: sitegen's "
                "(the theme list and latest papers) is not written; the themes are in the navigation"
            )
            log.info("sitegen: %s", message)
            if self.cli:
                self.bundle.notes.append(message)
        pages = [page for page in self.bundle.pages if not (home_page and page.path == "index.md")]
        in_nav = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_nav)]
        published = {f.src_uri for f in files if f.inclusion.value > InclusionLevel.DRAFT.value}  # is_included()
        ours = [*(page.path for page in pages), *sorted(self.bundle.files)]
        clashes = [path for path in ours if path in published]
        clashes += sorted(path for path in published if path.startswith("search/"))  # the search index's folder
        if clashes:
            shown = ", ".join(display_path(Path(config.docs_dir, path)) for path in clashes[:3])
            raise SitegenError(
                f"{shown}{' ...' if len(clashes) > 3 else ''}: sitegen writes this path; move or rename it"
            )
        home: list[Any] = []
        themes: list[dict[str, str]] = []
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.content, inclusion=inclusion))
            if page.path == "index.md":
                home.append({page.title: page.path})
            elif page.in_nav:
                themes.append({page.title: page.path})
        for path, data in sorted(self.bundle.files.items()):
            files.append(File.generated(config, path, content=data))
        # The search index needs nothing MkDocs makes: build it on the other core meanwhile (with their pages).
        step = partial(self.bundle.search, [page_search_doc(f, config) for f in theirs])
        self.search = BackgroundFiles(step, "building the search index")
        config.nav = navigation(config.nav, in_nav, home, themes)
        self.reporter.start("Writing pages with MkDocs", total=len(self.bundle.pages))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_pages = {page.file.src_uri for page in nav.pages}
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # sitegen's base.html extends Material's as "material/base.html": a project's main.html extends "base.html",
        # sitegen's, and keeps its search, styles and math.
        self.theme_checked = False
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(MATERIAL_TEMPLATES)})])
        # Paper pages are not in the nav and all sit at the same depth, so Material's nav
        # renders to the same HTML for every one of them: render it once per build (base.html), unless a project's
        # nav names the page.
        self.fragments = {}
        env.globals["sitegen_cached"] = self.cached_fragment
        env.globals["sitegen_shared"] = self.shared_fragment
        env.globals["sitegen_title_slot"] = lambda title: TITLE_SLOT if self.sharing else title
        env.globals["sitegen_slot"] = TITLE_SLOT
        env.globals["sitegen_in_nav"] = lambda page: page.file.src_uri in self.nav_pages
        versions: dict[str, str] = {}  # per build: `mkdocs serve` picks up an edited asset

        def version(path: str) -> str:
            if path not in versions:
                versions[path] = asset_version(config.theme.dirs, path)
            return versions[path]

        env.globals["sitegen_version"] = version
        env.globals["sitegen_translate"] = translator(env, config)
        return env

    def cached_fragment(self, key: str, render: Any) -> str:
        """Render a template fragment once per build for ``key``."""
        if key not in self.fragments:
            self.fragments[key] = render()
        return self.fragments[key]

    def shared_fragment(self, key: str, render: Any) -> str:
        """Render a template fragment once per build for ``key`` with the page's title left as :data:`TITLE_SLOT`
        (written by ``sitegen_title_slot`` in partials/header.html), for base.html to fill in per page; "" when the
        fragment holds no such slot or more than one (a header of the project's own): the page renders it itself."""
        if key not in self.fragments:
            self.sharing = True
            try:
                html = render()
            finally:
                self.sharing = False
            self.fragments[key] = html if html.count(TITLE_SLOT) == 1 else ""
        return self.fragments[key]

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        # Built-in templates produce finished HTML (paper text escaped, never Markdown): skip
        # Python-Markdown for those pages, it was the costliest step per page. User templates
        # without the marker go through Markdown as usual.
        if markdown.startswith(HTML_MARKER):
            self.html_pages[page.file.src_uri] = markdown[len(HTML_MARKER) :]
            if type(page).render is MkPage.render:
                page.render = partial(_render_nothing, page)  # type: ignore[method-assign]
            return ""
        return markdown

    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        return self.html_pages.pop(page.file.src_uri, html)

    def on_page_context(self, context: Any, page: MkPage, config: MkDocsConfig, nav: Navigation) -> Any:
        """A paper page (in no nav) marks its theme's page active while it renders, so the sidebar shows which theme
        the reader is in (QA: it highlighted nothing); :meth:`on_post_page` unmarks it."""
        theme = page.meta.get("sitegen_theme") if page.file.src_uri.startswith("papers/") else None
        if theme and page.file.src_uri not in self.nav_pages:
            wanted = f"themes/{theme}.md"
            self.lit = next((p for p in nav.pages if p.file.src_uri == wanted), None)
            if self.lit is not None:
                self.lit.active = True
        return context

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        if self.lit is not None:
            self.lit.active = False
            self.lit = None
        self.reporter.advance()
        if not self.theme_checked:  # the first page says whether the theme keeps sitegen's search (one check a build)
            self.theme_checked = True
            missing = [what for what, mark in _THEME_PARTS if mark not in output]
            if missing:
                log.warning("sitegen: %s", theme_warning(missing, config))
        return output

    @plugin_errors
    def on_post_build(self, config: MkDocsConfig) -> None:
        self.reporter.done()
        if self.search is not None:
            self.reporter.start("Finishing the search index (built in the background)")
            search, self.search = self.search, None
            search.move_into(config.site_dir)
            self.reporter.done()
        if (rebuild := _SERVE_REBUILD.get()) is not None:
            rebuild.extend(self.watched(config))
        bundle = self.bundle
        if not (memory := self.theme_memory()) or bundle is None or bundle.corpus.themes is None:
            return
        if self.side_build:
            kept = "kept as it was" if memory.exists() else "not written"  # QA: "kept" said of no file at all
            said = f"theme memory {display_path(memory)} {kept} (a build with {self.side_build})"
        elif rebuild is not None:
            return  # a preview of an edit in progress (QA: a title saved half typed stayed the paper's URL)
        elif write_memory(memory, bundle.corpus.themes.memory, bundle.corpus.papers, self.memory.pages):
            said = f"theme memory written to {display_path(memory)}"
        else:
            return
        self.say(said)  # QA: sitegen build said neither

    def on_build_error(self, error: Exception) -> None:
        if self.search is not None:
            self.search.cancel()
            self.search = None

    def watched(self, config: MkDocsConfig) -> list[str]:
        """What ``serve`` watches besides MkDocs' own: the inputs, the templates, the project's theme folder (MkDocs
        watches it only with ``--watch-theme``) and the theme memory (deleted as an error says: QA, nothing
        rebuilt)."""
        paths = [self._path(path) for path in self.config.inputs]
        if self.config.templates:
            paths.append(self._path(self.config.templates))
        if config.theme.custom_dir:
            paths.append(config.theme.custom_dir)
        if (memory := self.theme_memory()) is not None:
            paths.append(str(memory))
        return paths

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Watch what the build reads (:meth:`watched`), and what each rebuild's config names (an input or
        templates folder added to mkdocs.yml while serving: QA, never watched). Rebuilds never write the theme
        memory: the first build of ``serve`` does, as ``build`` does; what follows previews edits in progress."""
        watching: set[str] = set()

        def watch(paths: list[str]) -> None:
            for path in paths:
                if path not in watching and os.path.exists(path):
                    watching.add(path)
                    server.watch(path)

        def rebuild(*args: Any, **kwargs: Any) -> Any:
            wanted: list[str] = []
            token = _SERVE_REBUILD.set(wanted)
            try:
                return first(*args, **kwargs)
            except ConfigurationError as exc:  # MkDocs printed two tracebacks for a config saved half written
                log.error("%s: %s; the last site is served until it is fixed", config.config_file_path, exc)
                return None
            except Abort as exc:  # MkDocs has logged the error itself
                if not stopped_before_cleaning(exc):
                    raise  # a site half written: MkDocs holds requests until a build succeeds
                log.error("%s: the last site is served until it is fixed", config.config_file_path)
                return None
            finally:
                _SERVE_REBUILD.reset(token)
                watch(wanted)

        watch(self.watched(config))
        first, server.builder = server.builder, rebuild
        return server


def stopped_before_cleaning(error: Abort) -> bool:
    """Whether a rebuild of ``serve`` stopped before MkDocs emptied site_dir, which still holds the last site: in
    loading the config (a plugin option refused: MkDocs logs it and raises :class:`Abort`) or in a plugin's
    ``on_config`` or ``on_pre_build`` (a ``theme_memory`` refused, an input gone; MkDocs logs the ``PluginError``
    and raises :class:`Abort` from it). Left to MkDocs, its server answers no request until a build succeeds (QA:
    ``theme_count: 0`` saved while serving, every page hung), unlike a config saved half written
    (``ConfigurationError``), which keeps the last site served."""
    if isinstance(error.__context__, BuildError):  # raised in mkdocs.commands.build.build, which caught it
        codes = [frame.f_code for frame, _ in traceback.walk_tb(error.__context__.__traceback__)]
        event = codes[1] if len(codes) > 1 else None  # the frame below build(): the event that failed
        return event is not None and event.co_filename == mkdocs_plugins.__file__ and event.co_name in _BEFORE_CLEANING
    codes = [frame.f_code for frame, _ in traceback.walk_tb(error.__traceback__)]
    return any(code.co_filename == mkdocs_config_base.__file__ and code.co_name == "load_config" for code in codes)


_BEFORE_CLEANING = ("on_config", "on_pre_build")
"""The events of a build (``PluginCollection``'s methods) before MkDocs empties site_dir (mkdocs 1.6
``commands/build.py``)."""


def first_build_of_serve() -> bool:
    """Whether this build is the first of ``mkdocs serve`` (or ``sitegen serve``): MkDocs' serve command is running it.
    ``on_startup`` would name the command, but MkDocs keeps a plugin that has it and reuses it in every later config
    load of the process; a guess from the build's temporary ``mkdocs_*`` folder and its ``site_url`` took a ``mkdocs
    build -d /tmp/mkdocs_x`` of a site whose ``site_url`` is the served address for one (QA)."""
    if _SERVE_REBUILD.get() is not None:
        return False
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == mkdocs_serve_command.__file__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


_SERVE_REBUILD: ContextVar[list[str] | None] = ContextVar("serve_rebuild", default=None)
"""Set while ``serve`` rebuilds after an edit (:meth:`SitegenPlugin.on_serve`): the paths that build's config wants
watched are added to it."""

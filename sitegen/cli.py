"""Command line: ``sitegen parse | themes | build | serve`` - a thin layer over the library."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import logging
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from sitegen import __version__
from sitegen.address import address_error, check_address_free, show_address
from sitegen.build import (
    DEFAULT_INPUT,
    NO_DEFAULT_INPUT,
    build_site,
    check_configured_inputs,
    configured,
    configured_site_dir,
    is_own_config,
    missing_input_error,
    names_sitegen,
    serve_overrides,
    site_config_path,
)
from sitegen.errors import ConfigError, InputError, NoPapersError, SitegenError, StrictError
from sitegen.memory import SiteMemory
from sitegen.pipeline import NOT_READ, Corpus, Reporter, as_steps, read_corpus
from sitegen.plugin import overriding
from sitegen.records import Problem
from sitegen.textutil import plural
from sitegen.themes import ThemeOptions, detect_themes, engine_choices
from sitegen.themes.evaluate import evaluate, read_labeled

F = TypeVar("F", bound=Callable[..., Any])

PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATH]...")
STRICT = click.option("--strict", is_flag=True, help="Exit with status 1 if the input had any problem.")


class EngineChoice(click.Choice[str]):
    """``--engine``: one of ``themes.engine_choices()`` as they are when the option is checked (or its help shown),
    not a tuple made when this module was imported: an engine a program adds to ``themes.ENGINES`` before it calls
    the CLI, or an installed package's, is one to choose (QA: ``--engine first-word`` was refused)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return engine_choices()

    @choices.setter
    def choices(self, value: object) -> None:
        """Ignored: click's ``Choice.__init__`` sets the choices, which are read from the registry instead."""


def site_options(func: F) -> F:
    """--config-file, --engine and --templates: what ``build`` and ``serve`` both take."""
    func = click.option(
        "--templates",
        type=click.Path(exists=True, file_okay=False, path_type=str),
        help="Folder of Jinja2 templates that override the built-in ones (paper.md.j2, theme.md.j2, home.md.j2).",
    )(func)
    func = click.option(
        "--engine",
        type=EngineChoice(),
        help="Theme engine (default: from the config, 'auto').",
    )(func)
    return click.option(
        "--config-file",
        "-f",
        type=click.Path(path_type=str),
        help="MkDocs config (default: ./mkdocs.yml, else sitegen's own).",
    )(func)


def handle_errors(func: F) -> F:
    """Turn SitegenError into a one-line ``Error: ...`` and its exit code; no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SitegenError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def report_problems(problems: Sequence[Problem], notes: Sequence[str] = ()) -> None:
    """Notes (folders left out on purpose) as ``Note: ...``, then every problem as ``path:line: message``; stderr."""
    for note in notes:
        click.echo(f"Note: {note}", err=True)
    for problem in problems:
        click.echo(str(problem), err=True)


def report_read(corpus: Corpus) -> None:
    """What reading found: notes, problems, tally and skip reasons (``parse``, ``themes``, and a build stopped
    after it)."""
    report_problems(corpus.problems, corpus.notes)
    click.echo(corpus.tally.summary(), err=True)
    for line in corpus.tally.reasons():
        click.echo(f"  {line}", err=True)


def note_nothing_found(paths: Sequence[str], corpus: Corpus) -> None:
    """For ``parse`` and ``themes``, which go on with no papers (``build`` stops with an error instead)."""
    if corpus.tally.files == 0:
        where = ", ".join(paths)
        click.echo(f"Note: no files found in {where} ({NOT_READ})", err=True)


def paths_or_default(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The PATH arguments, else ``seeds`` (an error that says so when it is missing)."""
    if paths:
        return paths
    if not Path(DEFAULT_INPUT).exists():
        raise missing_input_error(Path(DEFAULT_INPUT), NO_DEFAULT_INPUT)
    return (DEFAULT_INPUT,)


def finish(problems: Sequence[Problem], strict: bool) -> None:
    """Apply ``--strict`` after everything has been reported."""
    if strict and problems:
        raise StrictError(f"{len(problems)} problem(s) in the input (--strict)")


def emit_jsonl(rows: Sequence[dict[str, object]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


class _Count(click.IntRange):
    """A whole number of 1 or more: "abc" is "expected a whole number, not 'abc'", as the plugin says of
    ``theme_count: three`` (click said "'abc' is not a valid integer range")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip().lstrip("+-").isdigit():
            self.fail(f"expected a whole number, not {value!r}", param, ctx)
        return super().convert(value, param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """Turn raw dumps of paper abstracts into a themed, searchable static website.

    Input is any mix of text files and folders: scraped "Daily Papers" listings,
    files of "Abstract:" lines, notes of "Title:" / "Abstract:" records, Markdown
    reading notes (an "Abstract" section), JSON and JSON Lines (OpenAlex, Semantic
    Scholar, Crossref, Zotero, Europe PMC, arXiv metadata), arXiv's e-mail digest
    (as text, a saved .eml or an mbox) and copied listing pages,
    feeds (arXiv's daily RSS, arXiv API results, journal, bioRxiv and PubMed
    RSS/Atom), OAI-PMH harvests (arXiv, Zenodo, PubMed Central) and exports:
    BibTeX, RIS, CSV (Scopus, Zotero, Web of Science), Web of Science's plain
    text and PubMed's MEDLINE, "Abstract (text)" and XML formats. The format of
    each file is recognised
    from its content.
    Without PATH arguments the commands read the inputs of ./mkdocs.yml when
    it enables sitegen, else the folder seeds/.

    \b
    Typical use:
      sitegen parse seeds/          one JSON record per paper
      sitegen themes seeds/         the theme of every paper
      sitegen build seeds/          the whole site into site/
      sitegen serve                 preview with live reload
    """


@main.command(short_help="Print one JSON record per paper (JSON Lines).")
@PATHS
@click.option("--no-dedupe", is_flag=True, help="Print every record as read, before merging duplicates.")
@click.option(
    "--config-file",
    "-f",
    type=click.Path(path_type=str),
    help="MkDocs config whose sitegen inputs are read when no PATH is given, with the paper ids of its "
    "theme_memory, as the site gets them (default without PATH: ./mkdocs.yml, if it enables sitegen).",
)
@STRICT
@handle_errors
def parse(paths: tuple[str, ...], no_dedupe: bool, config_file: str | None, strict: bool) -> None:
    """Read abstracts and print one JSON record per paper (JSON Lines on stdout).

    PATH may be a file or a folder (read recursively); the default is the
    inputs of ./mkdocs.yml (or --config-file) when it enables sitegen, else
    seeds/. Problems with the input go to stderr as "path:line: message"; the
    rest of the input is still read.
    """
    # As themes and build read them (QA: in a project whose mkdocs.yml names papers/, "sitegen parse" read seeds/).
    # With PATHs and no --config-file the config is not read at all: parse is how one looks at an input file, and a
    # project's mkdocs.yml that does not load (broken YAML, no docs/) stopped it (the regression hunt).
    configured_inputs: tuple[str, ...] = ()
    own: list[str] = []
    pages: Mapping[str, Sequence[str]] = {}
    if config_file or not paths:
        _, configured_inputs, own, pages = configured_settings(config_file, paths, evaluating=False)
    inputs = paths or configured_inputs or paths_or_default(paths)
    corpus = read_corpus(inputs, merge=not no_dedupe, exclude=own, pages=pages)
    emit_jsonl([p.to_json() for p in sorted(corpus.papers, key=lambda p: p.sources)])
    report_read(corpus)
    note_nothing_found(inputs, corpus)
    finish(corpus.problems, strict)


@main.command(short_help="Print each paper's theme, or score an engine (--eval).")
@PATHS
@click.option(
    "--engine",
    type=EngineChoice(),
    help="Theme engine (default: the config's, else auto: semantic, MiniLM embeddings from the extra "
    "'sitegen[semantic]', if installed, else tfidf).",
)
@click.option(
    "--config-file",
    "-f",
    type=click.Path(path_type=str),
    help="MkDocs config whose sitegen settings (inputs, engine, theme count and bounds, rename_themes, pin) are "
    "used, as the site gets them (default: ./mkdocs.yml, if it enables sitegen).",
)
@click.option(
    "--count",
    type=_Count(min=1),
    help="Force this many themes (1 or more; at most one per paper) instead of choosing from the data.",
)
@click.option(
    "--eval",
    "eval_file",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON Lines with title, abstract and label: score the engine (NMI, ARI, purity) instead.",
)
@STRICT
@handle_errors
def themes(
    paths: tuple[str, ...],
    engine: str | None,
    config_file: str | None,
    count: int | None,
    eval_file: str | None,
    strict: bool,
) -> None:
    """Detect the themes of the papers and print each paper's theme (JSON Lines).

    A summary of the themes (label and size) goes to stderr. With --eval, the
    labels of the file are hidden from the engine and only used to score it.
    The settings of a sitegen config (./mkdocs.yml or --config-file) apply, as
    in the site; --engine and --count go over them.
    """
    options, configured_inputs, own, pages = configured_settings(config_file, paths, eval_file is not None)
    options = replace(options, engine=engine or options.engine, count=count or options.count)
    if eval_file:
        if paths:
            raise click.UsageError(f"--eval takes no PATH arguments (it scores {eval_file} alone; got {paths[0]})")
        score_engine(Path(eval_file), options, strict)
    else:
        print_themes(paths or configured_inputs or paths_or_default(paths), options, own, pages, strict)


def score_engine(path: Path, options: ThemeOptions, strict: bool) -> None:
    """``sitegen themes --eval``: the scores of the engine on a labelled file, one ``key: value`` a line."""
    rows, skipped = labeled_rows(path)
    with theme_progress(len(rows)) as progress:
        scores = evaluate(rows, options, progress)
    keys = ("nmi", "ari", "purity", "themes", "unsorted_share", "related", "related_chance", "seconds", "engine")
    for key in (*keys, "n"):
        click.echo(f"{key:>15}: {scores[key]}")
    for warning in scores["warnings"]:  # type: ignore[attr-defined]
        click.echo(f"Warning: {warning}", err=True)
    finish(skipped, strict)


def print_themes(
    inputs: Sequence[str], options: ThemeOptions, own: list[str], pages: Mapping[str, Sequence[str]], strict: bool
) -> None:
    """``sitegen themes``: each paper's theme as JSON Lines on stdout, the tally and the themes on stderr; paper ids
    as the site's (the ``pages`` of its memory kept)."""
    # As the build reads them: not the config, docs_dir, site_dir.
    corpus = read_corpus(inputs, exclude=own, pages=pages)
    with theme_progress(len(corpus.papers)) as progress:
        result = detect_themes(corpus.papers, options, progress)
    by_id = {t.id: t for t in result.themes}
    emit_jsonl(
        [
            {
                "id": p.id,
                "title": p.title,
                "abstract": p.abstract,
                "theme_id": result.assignment[p.id],
                "theme_label": by_id[result.assignment[p.id]].label,
                "unsorted": by_id[result.assignment[p.id]].unsorted,
            }
            for p in corpus.papers
        ]
    )
    report_read(corpus)
    note_nothing_found(inputs, corpus)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    (themes, unsorted), papers = result.counts, len(corpus.papers)
    counts = f"{plural(themes, 'theme')} over {plural(papers, 'paper')}" + (
        f", {unsorted} unsorted" if unsorted else ""
    )
    click.echo(f"{counts} (engine: {result.engine}):", err=True)
    for theme in result.themes:
        click.echo(f"  {theme.size:5d}  {theme.label}  [{', '.join(theme.terms[:5])}]", err=True)
    finish(corpus.problems, strict)


def configured_settings(
    config_file: str | None, paths: tuple[str, ...], evaluating: bool
) -> tuple[ThemeOptions, tuple[str, ...], list[str], Mapping[str, Sequence[str]]]:
    """The theme settings, inputs (none when PATHs are given), folders never read as input and remembered paper pages
    (``theme_memory``) of a config that enables sitegen (``--config-file``, else ./mkdocs.yml), as ``sitegen build``
    would use them (``parse`` and ``themes``); defaults and nothing else without one. ``--eval`` takes the engine and
    theme count settings only: ``rename_themes``, ``pin`` and the memory name themes and papers of the site, not of
    the labelled file."""
    path = site_config_path(config_file)
    own = is_own_config(str(path))
    # A ./mkdocs.yml of a project that does not use sitegen is not sitegen's business, even if it does not load.
    if not own and not config_file and not names_sitegen(path):
        found = None
    else:
        with mkdocs_logging(Console(stderr=True)):  # its warnings, as "sitegen build" says them
            found = configured(path, replay=True)
    if found is None:
        if config_file:
            raise ConfigError(f"{config_file}: the 'sitegen' plugin is not enabled under 'plugins:'")
        return ThemeOptions(), (), [], {}
    plugin, config = found
    # As the plugin resolves its paths (on_config); sitegen's own config (no mkdocs.yml here, or the checkout's)
    # as "sitegen build" reads it: its engine ($SITEGEN_ENGINE) applies, its relative paths mean this folder.
    if own:
        plugin.relative_to = Path.cwd()
    plugin.resolve_base_dir(str(path))
    if evaluating:
        return replace(plugin.theme_options(SiteMemory()), rename={}, pin={}), (), [], {}
    memory = plugin.site_memory()
    options = plugin.theme_options(memory)
    if own:
        return options, (), [], memory.pages  # its input is the default one (seeds), said as such when missing
    if not paths:
        check_configured_inputs(plugin.config.inputs, plugin.base_dir, str(path))
    inputs = tuple(str(plugin.base_dir / name) for name in plugin.config.inputs) if not paths else ()
    return options, inputs, plugin.own_files(config), memory.pages


@contextlib.contextmanager
def theme_progress(papers: int) -> Iterator[Callable[[str], None]]:
    """On a terminal, the themes step and its long parts (embedding) as progress lines on stderr; else nothing, so
    that piped output and logs stay as they are."""
    console = Console(stderr=True)
    reporter = RichReporter(console) if console.is_terminal else Reporter()
    reporter.start(f"Detecting themes in {papers} papers")
    try:
        yield as_steps(reporter)
    finally:
        if isinstance(reporter, RichReporter):
            reporter.close()


def labeled_rows(path: Path) -> tuple[list[dict[str, object]], list[Problem]]:
    """The rows of a labelled file to score and the lines skipped, reported as ``path:line: message`` and counted.
    Not one row left is an error: NMI 1.0 over no papers would read as a perfect engine."""
    rows, skipped = read_labeled(path)
    report_problems(skipped)
    if not rows:
        why = f" ({plural(len(skipped), 'line')} skipped, see above)" if skipped else ""
        raise InputError(f"{path}: no lines to score{why}; --eval reads JSON Lines with 'abstract' and 'label' on each")
    if skipped:
        click.echo(
            f"{plural(len(rows) + len(skipped), 'line')} read: {len(rows)} scored, {len(skipped)} skipped", err=True
        )
    return rows, skipped


class RichReporter(Reporter):
    """A rich progress bar per long step, on stderr."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None
        self.started = False

    def start(self, step: str, total: int | None = None) -> None:
        self.done()
        self.progress.start()  # no-op when already running
        self.started = True
        self.task = self.progress.add_task(step, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)

    def done(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[-1]
            self.progress.update(self.task, total=task.total or 1, completed=task.total or 1)
            self.task = None

    def close(self) -> None:
        """Stop the bar; nothing at all when no step started (stopping rich's display writes an empty line)."""
        self.done()
        if self.started:
            self.progress.stop()


@main.command(short_help="Build the whole site into --out (site/).")
@PATHS
@click.option(
    "--out",
    "-o",
    default=None,
    type=click.Path(path_type=Path),
    help="Folder to write the site to: a new or empty folder, or a site sitegen built before (it is replaced). "
    "[default: the config's site_dir, as mkdocs build uses it; site]",
)
@site_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option(
    "--strict",
    is_flag=True,
    help="If the input had any problem, stop right after reading it: report, exit 1, keep the previous site.",
)
@handle_errors
def build(
    paths: tuple[str, ...],
    out: Path | None,
    config_file: str | None,
    engine: str | None,
    templates: str | None,
    quiet: bool,
    strict: bool,
) -> None:
    """Build the whole site: parse, merge, themes, pages, search index, MkDocs.

    PATH may be files or folders (default: the config's inputs, seeds/); a folder
    holding a site sitegen built is skipped. The new site is built in a
    temporary folder and replaces --out only when complete, so a failed or
    interrupted build leaves the previous site as it was.
    """
    out = out if out is not None else configured_site_dir(config_file)
    console = Console(stderr=True)
    reporter = Reporter() if quiet else RichReporter(console)
    try:
        with mkdocs_logging(console):
            try:
                bundle = build_site(
                    paths,
                    out,
                    config_file=config_file,
                    reporter=reporter,
                    strict=strict,
                    engine=engine,
                    templates=templates,
                )
            finally:
                if isinstance(reporter, RichReporter):
                    reporter.close()
    except (NoPapersError, StrictError) as exc:  # stopped after reading: what was read and skipped, then the error
        if exc.corpus:
            report_read(exc.corpus)
        raise
    corpus = bundle.corpus
    report_problems(corpus.problems, corpus.notes)
    t = corpus.tally
    assert corpus.themes is not None
    click.echo(f"{t.summary()}; {t.written()} (engine: {corpus.themes.engine})", err=True)
    for line in t.reasons():
        click.echo(f"  {line}", err=True)
    click.echo(f"Site written to {out}/", err=True)
    for note in bundle.notes:
        click.echo(f"Note: {note}", err=True)


class _Said(logging.Handler):
    """MkDocs' warnings and errors as the other commands say theirs (``Warning: pin: ...``), one line each however
    long (a log handler of rich wrapped them at the terminal's width, into files too), above the progress bars."""

    def __init__(self, console: Console) -> None:
        super().__init__(level=logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        kind = "Error" if record.levelno >= logging.ERROR else "Warning"
        message = record.getMessage().removeprefix("sitegen: ")
        self.console.print(f"{kind}: {message}", markup=False, highlight=False, soft_wrap=True)


@contextlib.contextmanager
def mkdocs_logging(console: Console) -> Iterator[None]:
    """Show MkDocs warnings and errors (not its chatter) while building."""
    handler = _Said(console)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def parse_address(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, int]:
    """``HOST:PORT`` as MkDocs takes it (an IP address or ``localhost``; a port from 1 to 65535)."""
    host, colon, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not colon or not (port.isascii() and port.isdigit()) or not 1 <= int(port) <= 65535:
        raise click.BadParameter(f"{value!r}: expected HOST:PORT with a port from 1 to 65535", ctx, param)
    if host != "localhost":
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise click.BadParameter(f"{value!r}: {host!r} is not an IP address (nor localhost)", ctx, param) from None
    return host, int(port)


@main.command(short_help="Preview the site with live reload (mkdocs serve).")
@PATHS
@site_options
@click.option(
    "--dev-addr",
    "-a",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    callback=parse_address,
    help="Address to serve on: IP:PORT or localhost:PORT (port 1-65535, not in use).",
)
@handle_errors
def serve(
    paths: tuple[str, ...],
    config_file: str | None,
    engine: str | None,
    templates: str | None,
    dev_addr: tuple[str, int],
) -> None:
    """Preview the site with live reload: "mkdocs serve" with the sitegen plugin.

    As for build, PATH may be files or folders (default: the config's
    inputs, seeds/), and the config is ./mkdocs.yml if there is one, else
    sitegen's own. Edit a file under the inputs (or the templates) and the
    site is rebuilt and the page reloads.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    config, overrides = serve_overrides(paths, config_file, engine=engine, templates=templates)
    host, port = dev_addr
    check_address_free(host, port)  # before the build, which takes a while
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        with overriding(overrides):  # MkDocs loads the config anew for every rebuild
            mkdocs_serve(config_file=config, dev_addr=show_address(host, port), livereload=True)
    except OSError as exc:  # taken by another program since the check
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL):
            raise
        raise address_error(host, port, exc) from None

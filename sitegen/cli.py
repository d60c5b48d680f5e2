"""Command line: ``sitegen parse | themes | build | serve`` - a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click

from sitegen import __version__
from sitegen.errors import SitegenError, StrictError
from sitegen.pipeline import Corpus, read_corpus
from sitegen.records import Problem

F = TypeVar("F", bound=Callable[..., Any])

PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=str))
STRICT = click.option("--strict", is_flag=True, help="Exit with status 1 if the input had any problem.")


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


def report_problems(problems: Sequence[Problem]) -> None:
    """Every problem on stderr as ``path:line: message``."""
    for problem in problems:
        click.echo(str(problem), err=True)


def finish(problems: Sequence[Problem], strict: bool) -> None:
    """Apply ``--strict`` after everything has been reported."""
    if strict and problems:
        raise StrictError(f"{len(problems)} problem(s) in the input (--strict)")


def emit_jsonl(rows: Sequence[dict[str, object]]) -> None:
    out = click.get_text_stream("stdout")
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """Turn raw dumps of paper abstracts into a themed, searchable static website.

    Input is any mix of text files and folders: scraped "Daily Papers" listings,
    files of "Abstract:" lines, or JSON Lines with "title" and "abstract". The
    format of each file is recognised from its content. Without PATH arguments
    the commands read the folder seeds/.

    \b
    Typical use:
      sitegen parse seeds/          one JSON record per paper
      sitegen themes seeds/         the theme of every paper
      sitegen build seeds/          the whole site into site/
      sitegen serve                 preview with live reload
    """


@main.command()
@PATHS
@click.option("--no-dedupe", is_flag=True, help="Print every record as read, before merging duplicates.")
@STRICT
@handle_errors
def parse(paths: tuple[str, ...], no_dedupe: bool, strict: bool) -> None:
    """Read abstracts and print one JSON record per paper (JSON Lines on stdout).

    PATH may be a file or a folder (read recursively); the default is seeds/.
    Problems with the input go to stderr as "path:line: message"; the rest of
    the input is still read.
    """
    corpus = read_corpus(paths or ("seeds",), merge=not no_dedupe)
    emit_jsonl([p.to_json() for p in sorted(corpus.papers, key=lambda p: p.sources)])
    report_problems(corpus.problems)
    click.echo(_summary(corpus), err=True)
    finish(corpus.problems, strict)


def _summary(corpus: Corpus) -> str:
    t = corpus.tally
    return (
        f"{t.files} files, {t.records} records read, {t.merged} duplicates merged, "
        f"{t.skipped} skipped, {len(corpus.papers)} papers"
    )

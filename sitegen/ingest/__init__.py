"""Ingest: find input files, pick a reader by content, return Paper records and problems."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.errors import InputError
from sitegen.ingest import abstracts, daily, jsonl
from sitegen.ingest.text import TextFile, decode
from sitegen.records import Paper, Problem

Detect = Callable[[TextFile], bool]
Read = Callable[[TextFile], tuple[list[Paper], list[Problem]]]


@dataclass(frozen=True, slots=True)
class Reader:
    """A named input format: ``detect`` looks at the content, ``read`` parses it."""

    name: str
    """Short name shown in messages."""
    detect: Detect
    """True when this reader recognises the file's content."""
    read: Read
    """Parse the file into records and problems."""


# Tried in order; the first whose detect() says yes claims the file.
READERS: list[Reader] = [
    Reader("jsonl", jsonl.detect, jsonl.read),
    Reader("abstract-lines", abstracts.detect, abstracts.read),
    Reader("daily-spaced", daily.detect_spaced, daily.read_listing),
    Reader("daily-compact", daily.detect_compact, daily.read_listing),
]


@dataclass(slots=True)
class IngestResult:
    """Everything read from the inputs."""

    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    readers: dict[str, str] = field(default_factory=dict)
    """Display path -> name of the reader that claimed it."""


def display_path(path: Path) -> str:
    """Path relative to the working directory when below it, posix separators."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named or found (recursively, sorted, hidden ones skipped) under the paths."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file())
            yield from sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def read_file(path: Path) -> tuple[list[Paper], list[Problem], str | None]:
    """Read one file with the reader that claims it; never raises for bad content."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(shown, 1, f"cannot read file ({exc.strerror}), skipped", skipped=True, whole_file=True)], None
    text, problems = decode(shown, data)
    if text is None:
        return [], problems, None
    for reader in READERS:
        if reader.detect(text):
            papers, more = reader.read(text)
            return papers, problems + more, reader.name
    names = ", ".join(r.name for r in READERS)
    message = f"unrecognised format (not one of: {names}), skipped"
    return [], [*problems, Problem(shown, 1, message, skipped=True, whole_file=True)], None


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> IngestResult:
    """Read every file under the given paths."""
    result = IngestResult()
    for path in iter_files(paths):
        papers, problems, reader = read_file(path)
        result.files += 1
        result.papers.extend(papers)
        result.problems.extend(problems)
        if reader:
            result.readers[display_path(path)] = reader
    return result

"""The site memory (``theme_memory`` in mkdocs.yml): what the last build published, kept in a file of the project so
that the next build keeps the same URLs:

* each theme's label and papers, so that a theme that is mostly the same papers keeps its label, and so its page
  (``assemble.recall``). Without it, labels follow the papers: adding 1 % new papers a week changed 1-4 of 12 theme
  URLs every week (QA, 2026-11-30);
* each paper page's id and what identifies its paper (DOI, arXiv or PubMed id, a signature of the abstract:
  ``identity.page_keys``), so that a paper keeps its page when its title is corrected, its abstract revised or an
  older namesake arrives (``enrich.assign_ids``); pages of papers missing from a build are kept, so that a paper
  back after a broken export gets its page again.

The file is an input like any other: the same papers and the same memory give the same site."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from mkdocs.config.defaults import MkDocsConfig

from sitegen.errors import ConfigError
from sitegen.files import replace_file
from sitegen.identity import page_keys
from sitegen.ingest import display_path
from sitegen.records import Paper

FORMAT = 2
"""2 since 2026-11-30 (seventh session: paper pages added); a file of format 1 (themes only) is read, and written
anew as 2."""
ABOUT = (
    "sitegen's site memory: each theme's label and papers, and each paper page with what identifies its paper, at "
    "the last build, so that the next build keeps the same pages. Commit it with the site's sources; delete it to "
    "start afresh."
)


def _frozen() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SiteMemory:
    """What a memory file holds (nothing before the first build)."""

    themes: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    """Label (as detected or recalled, before ``rename_themes``) -> its papers' ids."""
    pages: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    """Paper id -> the keys that identify its paper (:func:`identity.page_keys`)."""


def read_memory(path: Path) -> SiteMemory:
    """The file's memory; nothing when there is no file yet (the first build). A file that is not a site memory is
    a :class:`ConfigError` naming it, never ignored in silence; one that cannot be read says why, with advice that
    fits: a folder is said as the build's check says it (QA: ``sitegen themes`` said "if it is one, delete it to
    start afresh" of a folder), a file that cannot be read is to be made readable, not deleted."""
    if path.is_dir():
        raise ConfigError(f"{_named(path)}: {IS_A_FOLDER}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SiteMemory()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_named(path)}: not a theme memory sitegen wrote (not UTF-8: {exc}){_ADVICE}") from exc
    except OSError as exc:
        raise ConfigError(
            f"{_named(path)}: cannot be read ({exc.strerror or exc}); make it readable, or point theme_memory "
            "at another file"
        ) from exc
    if conflict := _CONFLICT_MARKER.search(text):
        line = text.count("\n", 0, conflict.start()) + 1
        raise ConfigError(
            f"{_named(path)}:{line}: a merge conflict of two builds' memories (Git's {conflict[0]!r} line); "
            "resolve it by keeping one side whole (git checkout --ours or --theirs, then git add) and build again; "
            "only the pages the other side alone remembered may then move, as every page may when the file is "
            "deleted"
        )
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"{_named(path)}: not a theme memory sitegen wrote (not JSON: {exc}){_ADVICE}") from exc
    if isinstance(data, dict) and type(data.get("format")) is int and data["format"] > FORMAT:
        why = f'"format": {data["format"]} is of a newer sitegen than this one, which reads up to {FORMAT}'
    elif not isinstance(data, dict) or type(data.get("format")) is not int or data["format"] not in (1, FORMAT):
        why = f'no "format": {FORMAT}'
    elif not _lists_of_text(data.get("themes")):
        why = '"themes" is not an object of labels, each with a list of paper ids'
    elif data["format"] > 1 and not _lists_of_text(data.get("pages")):
        why = '"pages" is not an object of paper ids, each with a list of keys'
    elif any(":" not in key for keys in data.get("pages", {}).values() for key in keys):
        why = '"pages" holds a key without its kind ("doi:...", "text:...")'
    elif (bad := next((pid for pid in data.get("pages", {}) if not is_page_id(pid)), None)) is not None:
        why = (
            f'{bad[:40]!r}{"..." if len(bad) > 40 else ""} in "pages" is no page id sitegen gives (lower-case letters '
            f"and digits parted by hyphens, at most {_LONGEST_ID} characters, not 'index')"
        )
    else:
        return SiteMemory(
            MappingProxyType({str(label): tuple(ids) for label, ids in data["themes"].items()}),
            MappingProxyType({str(pid): tuple(keys) for pid, keys in data.get("pages", {}).items()}),
        )
    raise ConfigError(f"{_named(path)}: not a theme memory sitegen wrote ({why}){_ADVICE}")


_CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7})(?: .*)?$", re.MULTILINE)
"""A line Git writes where it could not merge two versions of a file (QA: two clones that each build and commit
the memory, as README advises, get one; the message said to delete the file, which moves pages)."""
_PAGE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LONGEST_ID = 120
"""Longer than any id sitegen gives (a slug of at most 80 characters, a hash, a number), shorter than a file name
may be."""


def is_page_id(text: str) -> bool:
    """Whether a paper id of a hand-edited memory is one sitegen could give: it names a folder under ``papers/``
    (QA: ``../../escaped`` wrote a page nowhere while the tally counted it, ``index`` became the folder's index)."""
    return bool(_PAGE_ID.fullmatch(text)) and text != "index" and len(text) <= _LONGEST_ID


def _lists_of_text(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(items, list) and all(isinstance(i, str) for i in items) for items in value.values()
    )


def _named(path: Path) -> str:
    """How messages name the memory: as the config does, relative to where sitegen runs (it was absolute)."""
    return f"theme_memory: {display_path(path)}"


_ADVICE = "; if it is one, delete it to start afresh, else point theme_memory at another file"
IS_A_FOLDER = "is a folder; name a file, e.g. theme_memory: themes.json beside mkdocs.yml"


def check_memory_path(path: Path, config: MkDocsConfig, inputs: Sequence[Path], side_build: str) -> None:
    """Before any work: a ``theme_memory`` that is a folder, the config file, an input, or lies in ``site_dir``
    (which every build empties; it would be published too) or in ``docs_dir`` (QA: published as a page, and the
    next build's site differed, as the memory it copied had changed), or (for a build that writes it) cannot be
    written, is a :class:`ConfigError` saying so (QA: a read-only one failed the build at its end, the site lost)."""
    real = path.resolve()
    where = _named(path)
    if path.is_dir():
        raise ConfigError(f"{where}: {IS_A_FOLDER}")
    if config.config_file_path and real == Path(config.config_file_path).resolve():
        raise ConfigError(f"{where}: is the config file; name another file, e.g. theme_memory: themes.json")
    if any(real == p.resolve() for p in inputs):
        raise ConfigError(f"{where}: is one of the inputs; name another file, e.g. theme_memory: themes.json")
    check_outside_site(path, config.site_dir)
    if real.is_relative_to(Path(config.docs_dir).resolve()):
        raise ConfigError(
            f"{where}: lies in docs_dir ({display_path(Path(config.docs_dir))}), whose files MkDocs publishes (and "
            "each build's memory would make the next site differ); keep it beside mkdocs.yml, e.g. "
            "theme_memory: themes.json"
        )
    if side_build:
        return
    existing = real if real.exists() else next(p for p in real.parents if p.exists())
    if not os.access(existing, os.W_OK) or (existing != real and not existing.is_dir()):
        raise ConfigError(f"{where}: cannot be written; make it writable, or leave theme_memory out")


def check_outside_site(path: Path, site_dir: str | Path) -> None:
    """A ``theme_memory`` inside ``site_dir`` is a :class:`ConfigError`: every build empties that folder (and would
    publish the memory). ``sitegen build -o`` checks the config's own ``site_dir`` too, where ``mkdocs build`` would
    write (the README audit: a memory there passed ``sitegen build -o out``, then stopped ``mkdocs build``)."""
    if path.resolve().is_relative_to(Path(site_dir).resolve()):
        raise ConfigError(
            f"{_named(path)}: lies in site_dir ({site_dir}), which every build empties (and would publish it); "
            "keep it beside mkdocs.yml"
        )


def memory_text(
    themes: Sequence[tuple[str, Sequence[str]]], papers: Sequence[Paper], kept: Mapping[str, Sequence[str]]
) -> str:
    """The file's text: the themes by label, one paper id a line, then the paper pages, one a line with the keys
    that identify its paper, so that a change reads well in a diff. The pages of this build's papers, and the ``kept``
    pages (an earlier memory's) whose ids no paper holds now: a paper missing from one build (an export that could
    not be read) gets its page back when it returns (QA: it got a new one)."""
    data = {"about": ABOUT, "format": FORMAT, "themes": {label: list(ids) for label, ids in sorted(themes)}}
    head = json.dumps(data, ensure_ascii=False, indent=1).removesuffix("\n}")
    pages = {pid: list(keys) for pid, keys in kept.items()} | {paper.id: list(page_keys(paper)) for paper in papers}
    lines = ",\n".join(
        f"  {json.dumps(pid, ensure_ascii=False)}: {json.dumps(keys, ensure_ascii=False)}"
        for pid, keys in sorted(pages.items())
    )
    return f'{head},\n "pages": {{\n{lines}\n }}\n}}\n' if lines else f'{head},\n "pages": {{}}\n}}\n'


def write_memory(
    path: Path, themes: Sequence[tuple[str, Sequence[str]]], papers: Sequence[Paper], kept: Mapping[str, Sequence[str]]
) -> bool:
    """Write the memory when it changed (a temporary file renamed into place); whether it was written. A symlink
    is written through: its target gets the text and the link stays (kept elsewhere, a shared data folder; the
    rename replaced the link by a file before)."""
    text = memory_text(themes, papers, kept)
    path = path.resolve() if path.is_symlink() else path
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return False
    try:
        replace_file(path, text.encode())
    except OSError as exc:
        raise ConfigError(f"{_named(path)}: cannot be written ({exc})") from exc
    return True

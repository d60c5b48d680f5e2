"""Broken input files are reported as ``path:line: message`` by ``sitegen build`` and the rest still builds.

tests/fixtures/broken/ holds the files (binary, empty, BOM, CRLF, Latin-1, truncated records,
bad JSON lines). What a repository cannot hold is made in the test: a broken symbolic link,
a FIFO (reading it would block forever), and a file and a folder with mode 000. Root reads
mode-000 files anyway, so when the tests run as root the build runs as ``nobody`` (setpriv):
the permission errors are then real, not simulated.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.ingest import LONG_ABSTRACT, READERS, read_paths
from sitegen.pipeline import read_corpus
from tests.conftest import FIXTURES

READER_NAMES = ", ".join(r.name for r in READERS)

SITEGEN = Path(sys.executable).parent / "sitegen"
SETPRIV = shutil.which("setpriv")
NOBODY = 65534

# Every problem, in the order the build reports them (files sorted, then merges).
EXPECTED_PROBLEMS = [
    "inputs/bad_lines.jsonl:2: JSON value is not an object, skipped",
    "inputs/bad_lines.jsonl:3: no 'abstract' text, skipped",
    "inputs/bad_lines.jsonl:4: no 'abstract' text, skipped",
    "inputs/bad_lines.jsonl:5: not valid JSON (Expecting property name enclosed in double quotes at column 2), skipped",
    "inputs/binary.bin:1: binary file, skipped",
    "inputs/empty.txt:1: empty file, skipped",
    "inputs/empty_with_bom.txt:1: empty file, skipped",
    "inputs/gone.txt:1: broken symbolic link, skipped (it points to nowhere.txt)",
    "inputs/latin1_listing.txt:1: not UTF-8: read as Windows-1252 (Latin-1)",
    "inputs/latin1_listing.txt:2: not UTF-8: read as Windows-1252 (Latin-1)",
    "inputs/locked:1: cannot read folder (Permission denied), skipped",
    "inputs/locked.txt:1: cannot read file (Permission denied), skipped",
    "inputs/queue.txt:1: not a regular file (FIFO, socket or device), skipped",
    "inputs/truncated.jsonl:2: not valid JSON (Unterminated string starting at column 43), skipped",
    "inputs/truncated_listing.txt:3: title with no abstract, skipped: 'Last title whose abstract was never downloaded'",
]
PERMISSION_PROBLEMS = [p for p in EXPECTED_PROBLEMS if "Permission denied" in p]

GOOD_TITLES = [
    "Byte order marks in streaming parsers",  # in bom.jsonl and again in truncated.jsonl: merged
    "Carriage returns as invisible characters",
    "Caf\u00e9 recommendations with sparse feedback",
    "Complete listing record",
    "Line endings in scraped listings",
    "Plain ASCII title after the Latin-1 one",
    "Tolerant decoding of noisy exports",
    "Valid record among bad lines",
]
LOCKED_LISTING = (
    "Locked title\nThis abstract sits in a file nobody may read, so the build must say so instead of dropping it.\n"
)


def unprivileged() -> list[str]:
    """Command prefix that drops root, so that mode 000 means unreadable; [] when not root."""
    if os.geteuid() != 0:
        return []
    if SETPRIV is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    return [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]


def make_inputs(inputs: Path) -> None:
    """The fixture files plus what a repository cannot hold."""
    shutil.copytree(FIXTURES / "broken", inputs)
    (inputs / "gone.txt").symlink_to("nowhere.txt")
    os.mkfifo(inputs / "queue.txt")
    (inputs / "locked.txt").write_text(LOCKED_LISTING)
    (inputs / "locked").mkdir()
    (inputs / "locked" / "inside.txt").write_text(LOCKED_LISTING)
    for path in (inputs / "locked.txt", inputs / "locked"):
        path.chmod(0)


@dataclass(frozen=True)
class Run:
    returncode: int
    stderr: str


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """A folder the unprivileged user can enter and write (pytest's tmp folders are root-only)."""
    root = Path(tempfile.mkdtemp(prefix="sitegen-broken-"))
    root.chmod(0o777)
    yield root
    for path in root.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(root)


def build(workdir: Path, *args: str) -> Run:
    cmd = [*unprivileged(), str(SITEGEN), "build", "inputs", "--engine", "tfidf", "-q", *args]
    env = {**os.environ, "HOME": str(workdir)}
    done = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
    return Run(done.returncode, done.stderr)


@pytest.fixture(scope="module")
def built(workdir: Path) -> Run:
    make_inputs(workdir / "inputs")
    return build(workdir, "--out", "site")


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(r"^\S+:\d+: ", line)]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_broken_file_is_reported_as_path_line_message(built: Run) -> None:
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert problem_lines(built.stderr) == EXPECTED_PROBLEMS


def test_everything_good_is_still_built(built: Run, workdir: Path) -> None:
    data = json.loads((workdir / "site" / "papers.json").read_text(encoding="utf-8"))
    assert sorted(p["title"] for p in data["papers"]) == sorted(GOOD_TITLES)
    for paper in data["papers"]:
        assert (workdir / "site" / paper["url"] / "index.html").is_file()
    byte_order = next(p for p in data["papers"] if p["title"] == GOOD_TITLES[0])
    sources = [f"{s['file']}:{s['line']}" for s in byte_order["sources"]]
    assert sources == ["inputs/bom.jsonl:1", "inputs/truncated.jsonl:1"]


def test_tally_adds_up_and_names_every_skip_reason(built: Run) -> None:
    tally = re.search(
        r"^(\d+) files read, (\d+) files skipped: (\d+) records, (\d+) duplicates? merged, (\d+) skipped, "
        r"(\d+) papers; (\d+) paper pages written",
        built.stderr,
        re.MULTILINE,
    )
    assert tally, built.stderr
    files, files_skipped, read, merged, skipped, papers, written = map(int, tally.groups())
    # 9 fixture files + link + FIFO + locked file + locked folder, 7 of them skipped whole (binary, 2 empty,
    # link, FIFO, locked file and folder), 6 read; 9 good records (one merged), 6 bad ones.
    assert (files, files_skipped, read, merged, skipped, papers, written) == (6, 7, 15, 1, 6, 8, 8)
    assert read == written + merged + skipped
    reasons = re.findall(r"^  skipped (\d+) (files?|records?): (.+)$", built.stderr, re.MULTILINE)
    assert sum(int(n) for n, kind, _ in reasons if kind.startswith("file")) == files_skipped
    assert sum(int(n) for n, kind, _ in reasons if kind.startswith("record")) == skipped
    assert sum(int(n) for n, _, _ in reasons) == len([p for p in EXPECTED_PROBLEMS if "skipped" in p])
    assert ("2", "records", "no 'abstract' text") in reasons
    assert ("1", "file", "not a regular file (FIFO, socket or device)") in reasons  # whole, not cut at its comma


def test_strict_reports_everything_then_exits_1_and_keeps_the_old_site(built: Run, workdir: Path) -> None:
    before = tree_digest(workdir / "site")
    strict = build(workdir, "--out", "site", "--strict")
    assert strict.returncode == 1
    assert problem_lines(strict.stderr) == EXPECTED_PROBLEMS
    assert strict.stderr.splitlines()[-1] == f"Error: {len(EXPECTED_PROBLEMS)} problem(s) in the input (--strict)"
    assert tree_digest(workdir / "site") == before
    assert not list(workdir.glob(".site.*")), "the staging folder was left behind"


def test_good_input_with_strict_builds(workdir: Path) -> None:
    (workdir / "clean").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "broken" / "bad_lines.jsonl", workdir / "clean" / "one.jsonl")
    (workdir / "clean" / "one.jsonl").write_text((workdir / "clean" / "one.jsonl").read_text().splitlines()[0] + "\n")
    cmd = [*unprivileged(), str(SITEGEN), "build", "clean", "--engine", "tfidf", "-q", "--strict", "-o", "clean-site"]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert problem_lines(done.stderr) == []
    assert (workdir / "clean-site" / "papers" / "valid-record-among-bad-lines" / "index.html").is_file()


def test_a_folder_that_cannot_be_listed_is_reported_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same code path without dropping privileges: os.scandir fails for one folder."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.jsonl").write_text('{"title": "T", "abstract": "An abstract."}\n')
    (tmp_path / "secret").mkdir()
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "scandir", scandir)
    result = read_paths(["."])
    assert [str(p) for p in result.problems] == ["secret:1: cannot read folder (Permission denied), skipped"]
    assert [p.title for p in result.papers] == ["T"]


def test_linked_folders_are_read_once_and_link_loops_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.jsonl").write_text('{"title": "T", "abstract": "An abstract."}\n')
    (tmp_path / "real" / "up").symlink_to("..")  # a loop back to the top
    (tmp_path / "alias").symlink_to("real")  # the same folder under another name
    (tmp_path / "self").symlink_to("self")  # a link to itself
    monkeypatch.chdir(tmp_path)
    result = read_paths(["."])
    assert [str(p) for p in result.problems] == ["self:1: broken symbolic link, skipped (it points to self)"]
    assert [str(p.sources[0]) for p in result.papers] == ["alias/a.jsonl:1"]


def test_a_folder_holding_a_built_site_is_not_read_and_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    """old-site/ holds papers.json and search/index.json: a site sitegen built, whose pages and JSON are no input.
    exports/ holds a papers.json only: that is input like any file."""
    monkeypatch.chdir(FIXTURES / "scan" / "old_site_inside")
    result = read_paths(["."])
    assert result.notes == ["skipped old-site/: a site sitegen built (it holds papers.json and search/index.json)"]
    assert result.problems == []
    assert (result.files, result.readers) == (2, {"exports/papers.json": "json", "papers.jsonl": "json"})
    given = read_paths(["old-site"])  # named as input, it is still a built site
    assert (given.files, given.notes) == (0, result.notes)


def test_excluded_files_and_folders_are_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the build itself reads or writes (its config file, docs_dir...) is not input below an input folder."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text("# Notes\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mkdocs.yml").write_text("site_name: y\n")  # the same name elsewhere is still read
    (tmp_path / "a.jsonl").write_text('{"title": "T", "abstract": "An abstract."}\n')
    monkeypatch.chdir(tmp_path)
    result = read_paths(["."], exclude=["mkdocs.yml", "docs"])
    assert sorted(result.readers) == ["a.jsonl"]
    assert [str(p) for p in result.problems] == [
        f"sub/mkdocs.yml:1: unrecognised format (not one of: {READER_NAMES}), skipped"
    ]
    assert read_paths(["mkdocs.yml"], exclude=["mkdocs.yml"]).files == 1  # a file named as input is read


def test_a_projects_readme_and_licence_in_an_input_folder_are_passed_over_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: a README.md beside the exports became papers ("# Reading list for the group"), a LICENSE one titled
    "Copyright (c) 2024 Ada Lovelace", and --strict passed. Named as a PATH, such a file is still read."""
    (tmp_path / "data").mkdir()
    readme = "# Reading list\n\nThis folder holds the exports of our reading group, kept up to date by Ada.\n"
    (tmp_path / "data" / "README.md").write_text(readme)
    licence = "MIT License\n\nCopyright (c) 2024 Ada Lovelace\n\nPermission is hereby granted, free of charge.\n"
    (tmp_path / "data" / "LICENSE").write_text(licence)
    (tmp_path / "data" / "a.jsonl").write_text('{"title": "T", "abstract": "An abstract."}\n')
    monkeypatch.chdir(tmp_path)
    result = read_paths(["data"])
    assert (result.files, len(result.papers), result.problems) == (1, 1, [])
    assert result.notes == [
        "skipped data/LICENSE, data/README.md: a project's own files, not abstracts (name one as a PATH to read it)"
    ]
    assert read_paths(["data/README.md"]).files == 1
    # Data under such a name is read (QA: "security.bib", "authors.jsonl" were passed over); a file named as well as
    # its folder is read, and not noted as passed over.
    for name in ("security.jsonl", "Authors.jsonl", "CHANGES.jsonl"):
        (tmp_path / "data" / name).write_text(json.dumps({"title": name, "abstract": f"An abstract of {name}."}) + "\n")
    again = read_paths(["data/README.md", "data"])
    assert (again.files, len(again.papers)) == (5, 4)  # the README, read, holds no paper
    assert again.notes == ["skipped data/LICENSE: a project's own file, not abstracts (name one as a PATH to read it)"]


def test_a_file_named_twice_is_read_once_and_noted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`seeds seeds`, a folder plus a file in it, or a link to a file beside it: the papers are not read twice and
    then counted as merged."""
    monkeypatch.chdir(FIXTURES / "scan" / "old_site_inside")
    once = read_paths(["."])
    twice = read_paths([".", "papers.jsonl", "./exports/../papers.jsonl", "."])
    assert (twice.files, len(twice.papers)) == (once.files, len(once.papers))
    assert twice.notes == [*once.notes, "4 files named or linked to more than once in the input, read once"]
    shutil.copy("papers.jsonl", tmp_path / "2026-11-30.jsonl")
    (tmp_path / "latest.jsonl").symlink_to("2026-11-30.jsonl")
    (tmp_path / "gone.jsonl").symlink_to("nowhere.jsonl")
    linked = read_paths([tmp_path])
    assert (linked.files, len(linked.papers)) == (2, len(read_paths(["papers.jsonl"]).papers))
    assert [p.message for p in linked.problems] == ["broken symbolic link, skipped (it points to nowhere.jsonl)"]
    assert linked.notes == ["1 file named or linked to more than once in the input, read once"]


def test_records_of_a_json_document_on_one_line_are_reported_with_their_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """APIs send a JSON document on one line: each bad record is named by line and column, as its sources are, and
    the tally still groups the problems by kind."""
    good = {"title": "Good one", "abstract": "A fine abstract about tolerant parsers."}
    (tmp_path / "d.json").write_text(json.dumps([good, {"abstract": 5}, {"title": "Only a title"}]) + "\n")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["d.json"])
    assert [str(p) for p in corpus.problems] == [
        "d.json:1: record at column 80: no 'abstract' text, skipped",
        "d.json:1: record at column 97: no 'abstract' text, skipped",
    ]
    assert corpus.tally.reasons() == ["skipped 2 records: no 'abstract' text"]
    assert [str(s) for p in corpus.papers for s in p.sources] == ["d.json:1:2"]


def test_a_csv_header_without_an_abstract_column_names_its_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "unrecognised format": the file is a spreadsheet, and the message says which columns it has and which
    names are read as the abstract. A line of prose with a comma is still no header."""
    (tmp_path / "a.csv").write_text("a,b,c\n1,2,3\n")
    (tmp_path / "b.tsv").write_text("\nTI\tAU\tPY\nAttention Is All You Need\tVaswani, A.\t2017\n")
    (tmp_path / "c.csv").write_text(",".join(f"c{i}" for i in range(1, 15)) + "\n" + ",".join("x" * 14) + "\n")
    (tmp_path / "d.txt").write_text("Hello, world\nHow are you, friend?\n")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["."])
    accepted = "the abstract is read from a column named Abstract, Abstract Note or AB, in any case"
    assert [str(p) for p in corpus.problems] == [
        f"a.csv:1: CSV header has no abstract column, skipped (columns: a, b, c; {accepted})",
        f"b.tsv:2: CSV header has no abstract column, skipped (columns: TI, AU, PY; {accepted})",
        "c.csv:1: CSV header has no abstract column, skipped "
        f"(columns: c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, ... (14 in all); {accepted})",
        f"d.txt:1: unrecognised format (not one of: {READER_NAMES}), skipped",
    ]
    assert corpus.tally.reasons()[0] == "skipped 3 files: CSV header has no abstract column"


def test_a_csv_row_missing_a_cell_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It said "row without an abstract" for a row whose abstract is there, one cell to the left."""
    (tmp_path / "a.csv").write_text(
        'Title,Year,Abstract\nFull row,2020,"We study complete rows."\nNo year,"We study rows that lack a cell."\n'
        "Empty,2021,\n"
    )
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["."])
    assert [str(p) for p in corpus.problems] == [
        "a.csv:3: row has 2 cells where the header has 3 (a cell left out?), none in the abstract column, skipped",
        "a.csv:4: row without an abstract, skipped",
    ]
    assert [p.title for p in corpus.papers] == ["Full row"]


def test_json_lines_after_a_bad_first_line_or_with_commas_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment before the records made the file "unrecognised format", commas after the objects one JSON document
    with "Extra data": every record was lost. A broken JSON array is still read up to its error."""
    record = '{"title": "T%d", "abstract": "We study records of JSON Lines files, number %d."}'
    (tmp_path / "a.jsonl").write_text("// exported\n" + "\n".join(record % (i, i) for i in (1, 2)) + "\n")
    (tmp_path / "b.jsonl").write_text("".join(record % (i, i) + ",\n" for i in (3, 4, 5)))
    (tmp_path / "c.json").write_text(
        "[\n" + record % (6, 6) + ',\n{"title": "Y", "abstract": oops},\n' + record % (7, 7) + "\n]\n"
    )
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["."])
    assert [str(p) for p in corpus.problems] == [
        "a.jsonl:1: not valid JSON (Expecting value at column 1), skipped",
        "b.jsonl:1: a comma after the object (the items of a JSON array without its brackets?): read past, here and "
        "on later lines",
        "c.json:3: not valid JSON (Expecting value at column 28); the rest of the file skipped",
    ]
    assert sorted(p.title or "" for p in corpus.papers) == ["T1", "T2", "T3", "T4", "T5", "T6"]


def test_a_json_title_of_a_number_and_a_list_of_urls_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ "title": 1984 became a title derived from the abstract, "url": [...] no link (QA)."""
    record = {"title": 1984, "abstract": "We study a novel known by a number.", "url": ["https://example.org/a", 5]}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n")
    monkeypatch.chdir(tmp_path)
    [paper] = read_corpus(["."]).papers
    assert (paper.title, paper.title_synthesized, paper.links) == ("1984", False, ("https://example.org/a",))


def test_an_implausibly_long_abstract_is_reported_and_still_built(tmp_path: Path) -> None:
    """A whole paper (or a file run together) read as one abstract: a warning with file and line, and the page."""
    huge = " ".join(["The body of the paper, pasted where its abstract should be."] * 25_000)
    near = " ".join(["word"] * ((LONG_ABSTRACT + 1) // 5))  # just under the threshold: no warning
    records = [
        {"title": "A normal paper", "abstract": "A short abstract about tolerant parsers of exports."},
        {"title": "A whole paper as its abstract", "abstract": huge},
        {"title": "A long abstract", "abstract": near},
    ]
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "papers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    cmd = [str(SITEGEN), "build", "inputs", "--engine", "tfidf", "-q", "--out", "site"]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert len(near) <= LONG_ABSTRACT < len(huge)
    assert problem_lines(done.stderr) == [
        f"inputs/papers.jsonl:2: abstract is {len(huge):,} characters long, over {LONG_ABSTRACT:,} (a whole paper, "
        "or records run together?); kept as it is"
    ]
    assert "3 records, 0 duplicates merged, 0 skipped, 3 papers; 3 paper pages written" in done.stderr
    page = tmp_path / "site" / "papers" / "a-whole-paper-as-its-abstract" / "index.html"
    assert page.stat().st_size > len(huge)

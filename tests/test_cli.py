"""CLI: exit codes, exact output lines and help text for every command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 40, f"{name} needs help text"
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and f"Usage: main {name}" in sub.output


def test_parse_seeds(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["parse", "seeds/"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 577
    first = json.loads(lines[0])
    assert list(first) == [
        "id",
        "title",
        "title_synthesized",
        "abstract",
        "authors_count",
        "date",
        "upvotes",
        "links",
        "sources",
    ]
    assert (
        result.stderr.strip().splitlines()[-1]
        == "5 files read: 594 records, 17 duplicates merged, 0 skipped, 577 papers"
    )
    no_dedupe = runner.invoke(main, ["parse", "--no-dedupe", "seeds"])
    assert len(no_dedupe.stdout.splitlines()) == 594


def test_parse_reports_problems_and_strict_exits_1(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "ingest")
    result = runner.invoke(main, ["parse", "dangling_title.txt", "empty.txt"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "dangling_title.txt:3: title with no abstract, skipped: 'A Title Whose Abstract Never Came'" in result.stderr
    assert "empty.txt:1: empty file, skipped" in result.stderr
    # A skipped file is a file, not a record: the totals keep the two apart.
    assert (
        result.stderr.strip().splitlines()[-1]
        == "2 files read (1 skipped): 2 records, 0 duplicates merged, 1 skipped, 1 paper"
    )
    strict = runner.invoke(main, ["parse", "--strict", "dangling_title.txt", "empty.txt"])
    assert strict.exit_code == 1
    assert strict.stderr.strip().splitlines()[-1] == "Error: 2 problem(s) in the input (--strict)"
    assert len(strict.stdout.splitlines()) == 1  # everything good is still printed


def test_missing_path_is_a_one_line_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["parse", "no/such/folder"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no/such/folder: no such file or folder\n"


def test_a_tally_that_does_not_add_up_stops_the_build() -> None:
    from sitegen.errors import BuildError
    from sitegen.pipeline import check_nothing_lost
    from sitegen.records import Tally

    check_nothing_lost(Tally(records=10, pages=7, merged=2, skipped=1))
    with pytest.raises(BuildError, match="10 read != 7 written \\+ 1 merged \\+ 1 skipped"):
        check_nothing_lost(Tally(records=10, pages=7, merged=1, skipped=1))


# ---------------------------------------------------------------- build: what --out may replace

ADVICE = "choose a new or empty folder for --out"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/" for p in folder.rglob("*")}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/proj/{abstracts/papers.jsonl, notes.txt, other/keep.txt, conf/mkdocs.yml}; the working folder is proj."""
    proj = tmp_path / "proj"
    (proj / "abstracts").mkdir(parents=True)
    shutil.copy(FIXTURES / "hostile" / "same_title.jsonl", proj / "abstracts" / "papers.jsonl")
    (proj / "notes.txt").write_text("keep me\n")
    (proj / "other").mkdir()
    (proj / "other" / "keep.txt").write_text("keep me too\n")
    (proj / "conf").mkdir()
    config = {
        "site_name": "Refused",
        "docs_dir": str(ROOT / "templates" / "docs"),
        "theme": {"name": "material"},
        "plugins": [{"sitegen": {"inputs": [str(proj / "abstracts")]}}],
    }
    (proj / "conf" / "mkdocs.yml").write_text(json.dumps(config))
    monkeypatch.chdir(proj)
    return proj


@pytest.mark.parametrize(
    ("cwd", "args", "message"),
    [
        (
            ".",
            ["abstracts", "--out", "."],
            f".: holds the current folder, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["abstracts", "--out", "abstracts"],
            f"abstracts: is the input abstracts, which replacing the site would delete; {ADVICE}",
        ),
        (
            "..",
            ["proj/abstracts", "--out", "proj"],
            f"proj: holds the input proj/abstracts, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["abstracts/papers.jsonl", "--out", "abstracts"],
            f"abstracts: holds the input abstracts/papers.jsonl, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["-f", "conf/mkdocs.yml", "--out", "conf"],
            f"conf: holds the config file conf/mkdocs.yml, which replacing the site would delete; {ADVICE}",
        ),
        (".", ["abstracts", "--out", "notes.txt"], f"notes.txt: exists and is not a folder; {ADVICE}"),
        (
            ".",
            ["abstracts", "--out", "other"],
            f"other: exists and is not a sitegen site (no papers.json, no search/index.json); {ADVICE}, "
            "or delete it yourself",
        ),
    ],
)
def test_build_refuses_an_out_it_would_lose_data_by_replacing(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: list[str], message: str
) -> None:
    """`--out .` once deleted the whole project, `--out abstracts` the input, `--out notes.txt` the file."""
    monkeypatch.chdir(project / cwd)
    before = snapshot(project.parent)
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf", *args])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert snapshot(project.parent) == before  # nothing replaced, nothing even started beside it

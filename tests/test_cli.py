"""CLI: exit codes, exact output lines and help text for every command."""

from __future__ import annotations

import json

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

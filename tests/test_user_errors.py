"""Mistakes a user can make (CLI arguments, plugin config, a busy port) give one clear message, never a traceback.

CLI: ``Error: ...`` and a non-zero exit. ``mkdocs build`` with the plugin: MkDocs' own ``Config value ...`` or
``ERROR - ...`` line and exit 1. Settings that merely match nothing (a pin of an unknown paper) are warnings.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitegen.cli import main
from sitegen.config import SitegenConfig
from sitegen.themes import ENGINES
from tests.conftest import FIXTURES, ROOT

MKDOCS = Path(sys.executable).with_name("mkdocs")
GOOD = FIXTURES / "ingest" / "spaced_upvotes.txt"
EMPTY = FIXTURES / "ingest" / "empty.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ---------------------------------------------------------------- sitegen serve


@pytest.fixture
def no_mkdocs_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """A config file in the working folder, and MkDocs' serve replaced by a recorder (so nothing is built)."""
    import mkdocs.commands.serve

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()  # serve loads the config first: MkDocs wants its docs_dir
    return calls


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_serve_on_a_port_in_use_says_so_before_building(
    runner: CliRunner, no_mkdocs_serve: list[dict[str, Any]], busy_port: int
) -> None:
    result = runner.invoke(main, ["serve", "-a", f"127.0.0.1:{busy_port}"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: 127.0.0.1:{busy_port}: address already in use\n"
    assert no_mkdocs_serve == []  # no build first


def test_serve_on_a_free_port_runs_mkdocs_serve(runner: CliRunner, no_mkdocs_serve: list[dict[str, Any]]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    result = runner.invoke(main, ["serve", "-a", f"127.0.0.1:{port}"])
    assert result.exit_code == 0, result.output
    assert no_mkdocs_serve == [{"config_file": "mkdocs.yml", "dev_addr": f"127.0.0.1:{port}", "livereload": True}]


def test_serve_reports_a_port_taken_after_the_check(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.serve

    def taken(**kwargs: Any) -> None:
        raise OSError(errno.EADDRINUSE, "Address already in use")

    monkeypatch.setattr(mkdocs.commands.serve, "serve", taken)
    monkeypatch.setattr("sitegen.cli.check_address_free", lambda host, port: None)
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["serve", "-a", "127.0.0.1:8767"])
    assert result.exit_code == 1
    assert result.stderr == "Error: 127.0.0.1:8767: address already in use\n"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1:99999", "expected HOST:PORT with a port from 1 to 65535"),
        ("127.0.0.1:0", "expected HOST:PORT with a port from 1 to 65535"),
        ("127.0.0.1:-1", "expected HOST:PORT with a port from 1 to 65535"),
        ("127.0.0.1:http", "expected HOST:PORT with a port from 1 to 65535"),
        ("127.0.0.1", "expected HOST:PORT with a port from 1 to 65535"),
        ("example.org:8000", "'example.org' is not an IP address (nor localhost)"),
    ],
)
def test_serve_rejects_a_bad_address(
    runner: CliRunner, no_mkdocs_serve: list[dict[str, Any]], address: str, reason: str
) -> None:
    result = runner.invoke(main, ["serve", "-a", address])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--dev-addr' / '-a': '{address}': {reason}"
    assert no_mkdocs_serve == []


# ---------------------------------------------------------------- sitegen themes


@pytest.mark.parametrize("count", ["0", "-1"])
def test_themes_count_must_be_at_least_1(runner: CliRunner, count: str) -> None:
    result = runner.invoke(main, ["themes", str(GOOD), "--engine", "tfidf", "--count", count])
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--count': {count} is not in the range x>=1." in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("count", ["abc", "2.5", ""])
def test_themes_count_must_be_a_whole_number(runner: CliRunner, count: str) -> None:
    result = runner.invoke(main, ["themes", str(GOOD), "--engine", "tfidf", "--count", count])
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--count': expected a whole number, not {count!r}" in result.stderr


def test_themes_count_above_the_papers_is_clamped_and_said(runner: CliRunner) -> None:
    result = runner.invoke(main, ["themes", str(GOOD), "--engine", "tfidf", "--count", "50"])
    assert result.exit_code == 0
    papers = len(result.stdout.splitlines())
    assert f"Warning: theme count 50 is more than the {papers} papers; using {papers}\n" in result.stderr


def test_themes_eval_takes_no_paths(runner: CliRunner) -> None:
    labelled = FIXTURES / "themes" / "four_topics.jsonl"
    result = runner.invoke(main, ["themes", "seeds", "--eval", str(labelled), "--engine", "tfidf"])
    assert result.exit_code == 2
    assert f"Error: --eval takes no PATH arguments (it scores {labelled} alone; got seeds)" in result.stderr
    assert result.stdout == ""


def test_themes_eval_reads_a_file_with_a_bom_crlf_and_numeric_labels(runner: CliRunner, tmp_path: Path) -> None:
    """Labelled files as other tools write them: byte order mark, CRLF, numbers as labels, no or null titles."""
    rows = [json.loads(line) for line in (FIXTURES / "themes" / "four_topics.jsonl").read_text().splitlines()]
    labels = sorted({str(r["label"]) for r in rows})
    lines = [
        json.dumps(
            {"abstract": r["abstract"], "label": labels.index(str(r["label"])), "title": None if i % 2 else r["title"]}
        )
        for i, r in enumerate(rows)
    ]
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())
    result = runner.invoke(main, ["themes", "--eval", str(labelled), "--engine", "tfidf"])
    assert result.exit_code == 0, result.output
    assert f"              n: {len(rows)}" in result.stdout


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_themes_eval_of_an_empty_file_is_an_error_not_a_perfect_score(
    runner: CliRunner, tmp_path: Path, content: str
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text(content)
    result = runner.invoke(main, ["themes", "--eval", str(empty)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {empty}: no lines to score; --eval reads JSON Lines with 'abstract' and 'label' on each"
    ]


def test_themes_eval_names_the_line_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_bytes(b'{"abstract": "a", "label": 1}\n{"abstract": "caf\xe9", "label": 2}\n')
    result = runner.invoke(main, ["themes", "--eval", str(labelled)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {labelled}:2: not UTF-8 text (invalid continuation byte); --eval reads UTF-8 JSON Lines\n"
    )


def test_themes_eval_reports_each_bad_line_and_scores_the_others(runner: CliRunner, tmp_path: Path) -> None:
    """A bad line costs only itself: each is named as path:line: message, the rest is scored, and the count said."""
    good = (FIXTURES / "themes" / "four_topics.jsonl").read_text().splitlines()
    bad = ['{"abstract": "cut short', "[1, 2]", '{"abstract": "No label here."}', '{"abstract": "", "label": "x"}']
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("\n".join([*good[:10], *bad, "", '{"abstract": "A null label.", "label": null}', *good[10:]]))
    result = runner.invoke(main, ["themes", "--eval", str(labelled), "--engine", "tfidf"])
    assert result.exit_code == 0, result.output
    assert f"              n: {len(good)}" in result.stdout
    assert result.stderr.splitlines() == [
        f"{labelled}:11: not valid JSON (Unterminated string starting at column 14), skipped",
        f"{labelled}:12: JSON value is not an object, skipped",
        f"{labelled}:13: no 'label' (a string or a number), skipped",
        f"{labelled}:14: no 'abstract' text, skipped",
        f"{labelled}:16: no 'label' (a string or a number), skipped",
        f"45 lines read: {len(good)} scored, 5 skipped",
    ]
    strict = runner.invoke(main, ["themes", "--eval", str(labelled), "--engine", "tfidf", "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "Error: 5 problem(s) in the input (--strict)"
    assert f"              n: {len(good)}" in strict.stdout


def test_themes_eval_without_a_good_line_is_an_error_after_the_bad_ones(runner: CliRunner, tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text('{"abstract": "No label here."}\n{"label": "x"}\n')
    result = runner.invoke(main, ["themes", "--eval", str(labelled)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{labelled}:1: no 'label' (a string or a number), skipped",
        f"{labelled}:2: no 'abstract' text, skipped",
        f"Error: {labelled}: no lines to score (2 lines skipped, see above); --eval reads JSON Lines with 'abstract' "
        "and 'label' on each",
    ]


def test_themes_eval_says_a_label_that_is_a_boolean_a_list_or_nan_is_none(runner: CliRunner, tmp_path: Path) -> None:
    """QA: ``"label": true`` was said to be "no 'label'", though the line has one: say what it is instead."""
    good = (FIXTURES / "themes" / "four_topics.jsonl").read_text().splitlines()
    bad = ['{"abstract": "Heart failure.", "label": true}', '{"abstract": "A list.", "label": [1, 2]}']
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("\n".join([*bad, '{"abstract": "Not a number.", "label": NaN}', *good]))
    result = runner.invoke(main, ["themes", "--eval", str(labelled), "--engine", "tfidf"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{labelled}:1: 'label' is a boolean (true), not a label (a string or a number), skipped",
        f"{labelled}:2: 'label' is a list ([1, 2]), not a label (a string or a number), skipped",
        f"{labelled}:3: 'label' is nan, not a label (a string or a number), skipped",
        f"43 lines read: {len(good)} scored, 3 skipped",
    ]


# ---------------------------------------------------------------- sitegen build with sitegen's own config


def test_relative_paths_of_the_builtin_config_mean_the_current_folder(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without a mkdocs.yml here, the embedding cache goes to ./.sitegen-cache, not beside sitegen's own config."""
    from sitegen.themes import semantic

    seen: list[tuple[str | None, str]] = []

    def fake_embed(
        texts: list[str], progress: Any = None, cache_dir: str | None = None, what: str = "abstracts"
    ) -> np.ndarray:
        seen.append((cache_dir, what))
        return np.eye(len(texts), 8)

    monkeypatch.setattr(semantic, "embed", fake_embed)
    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(GOOD, tmp_path / "abstracts")
    result = runner.invoke(main, ["build", "abstracts", "-q", "--engine", "semantic", "-o", "site"])
    assert result.exit_code == 0, result.output
    cache = str(tmp_path / ".sitegen-cache" / "embeddings")
    assert seen[0] == (cache, "abstracts") and {folder for folder, _ in seen} == {cache}  # label terms too, if any
    assert (tmp_path / "site" / "papers.json").is_file()


# ---------------------------------------------------------------- the plugin's config


def write_project(folder: Path, files: list[Path], **options: object) -> Path:
    """folder/mkdocs.yml with the plugin reading ``files`` from folder/abstracts (tfidf unless ``engine`` is
    given)."""
    (folder / "abstracts").mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, folder / "abstracts")
    config = {
        "site_name": "Checked",
        "docs_dir": str(ROOT / "templates" / "docs"),
        "theme": {"name": "material"},
        "plugins": [{"sitegen": {"inputs": ["abstracts"], "engine": "tfidf", **options}}],
    }
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def mkdocs_build(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), "build", "-d", "site", *options],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("options", "key", "message"),
    [
        ({"templates": "/nonexistent"}, "templates", "The path '/nonexistent' isn't an existing directory."),
        ({"templates": "my-templates"}, "templates", "isn't an existing directory."),
        ({"theme_count": 0}, "theme_count", "must be 1 or more, not 0"),
        ({"related": -3}, "related", "must be 0 or more, not -3"),
        ({"min_themes": 0}, "min_themes", "must be 1 or more, not 0"),
        ({"max_themes": -1}, "max_themes", "must be 1 or more, not -1"),
        ({"min_themes": 9, "max_themes": 3}, "min_themes", "must not be more than max_themes (3), not 9"),
        ({"theme_count": True}, "theme_count", "Expected a whole number"),
        ({"pin": ["a", "b"]}, "pin", "expected 'key: value' lines, as in 'pin: {my-paper-id: diff"),
        ({"rename_themes": "x"}, "rename_themes", "expected 'key: value' lines, as in 'rename_themes: {"),
        ({"theme_cout": 3}, "theme_cout", "unknown option (did you mean 'theme_count'?)"),
        ({"colour": 3}, "colour", "unknown option (the options are: cache_dir, engine, inputs, max_themes,"),
        ({"inputs": []}, "inputs", "lists no file or folder (leave it out to read seeds/)"),
        ({"inputs": None}, "inputs", "lists no file or folder (leave it out to read seeds/)"),  # "Required ..."
        ({"theme_memory": ""}, "theme_memory", "names no file (leave it out for no memory, or name one, e.g. "),
        ({"theme_memory": " "}, "theme_memory", "names no file"),  # QA: it wrote a file named a space
    ],
)
def test_bad_plugin_options_are_config_errors_naming_the_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, object], key: str, message: str
) -> None:
    path = write_project(tmp_path, [GOOD], **options)
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(path))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert errors[0].startswith(f"Config value 'plugins': Plugin 'sitegen' option '{key}': ")
    assert message in errors[0]


def test_sitegen_build_reports_a_bad_config_as_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    """All of MkDocs' reasons on the one ``Error:`` line, as ``sitegen serve`` gives them; warnings still shown."""
    path = write_project(tmp_path, [GOOD], theme_cout=3, pin=["a"])
    result = runner.invoke(main, ["build", "-q", "-f", str(path), "-o", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {path}: Config value 'plugins': Plugin 'sitegen' option 'pin': expected 'key: value' lines, as in "
        "'pin: {my-paper-id: diffusion-models}'; got a list; Plugin 'sitegen' option 'theme_cout': unknown option "
        "(did you mean 'theme_count'?)"
    ]


@pytest.mark.parametrize("indent", ["    ", "  "])
def test_an_option_written_at_the_level_of_sitegen_is_pointed_at(
    runner: CliRunner, tmp_path: Path, indent: str
) -> None:
    """``inputs:`` under ``- sitegen:`` but not indented past it makes it a second plugin of the list item, and
    MkDocs says only "Invalid Plugins configuration" (QA, 2026-12-01): the line and the fix are added."""
    path = tmp_path / "mkdocs.yml"
    docs = ROOT / "templates" / "docs"
    item = "  - sitegen:" if indent == "    " else "- sitegen:"
    path.write_text(
        f"site_name: X\ndocs_dir: {docs}\ntheme:\n  name: material\nplugins:\n{indent[:-2]}- search\n{item}\n"
        f"  # the abstracts\n{indent}inputs: [abstracts]\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "-q", "-f", str(path), "-o", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {path}: Config value 'plugins': Invalid Plugins configuration; line 9: 'inputs' is at the level "
        f"of 'sitegen' (line 7): indent the plugin's options under it, e.g. {len(indent) + 2} spaces"
    ]


def write_yaml_project(folder: Path, files: list[Path], **options: object) -> Path:
    """write_project in YAML, as a user writes it: a key such as ``1``, ``null`` or ``true`` stays a number, a
    null or a boolean (JSON would turn every key into text)."""
    path = write_project(folder, files)
    config = json.loads(path.read_text(encoding="utf-8"))
    config["plugins"][0]["sitegen"].update(options)
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_a_theme_count_beyond_the_bounds_is_said(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """theme_count 3 with max_themes 2 made 3 themes without a word (min_themes above max_themes is an error)."""
    write_yaml_project(tmp_path, [GOOD], engine="tfidf", theme_count=3, max_themes=2)
    monkeypatch.chdir(tmp_path)
    said = "3 themes, as set, beyond max_themes (2): the bounds are only for the automatic count"
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0, result.stderr
    assert f"Warning: Config value 'plugins': Plugin 'sitegen' option 'theme_count': {said}" in result.stderr
    assert said in mkdocs_build(tmp_path).stderr


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"theme_count": 45}, []),
        ({"theme_count": 3, "min_themes": 2}, []),
        ({"theme_count": 45, "max_themes": 40}, ["45 themes, as set, beyond max_themes (40)"]),
        ({"theme_count": 3, "min_themes": 5}, ["3 themes, as set, beyond min_themes (5)"]),
    ],
)
def test_a_theme_count_beyond_the_default_bounds_is_what_was_asked(options: dict[str, int], said: list[str]) -> None:
    """QA: theme_count 45 alone (max_themes left at its default, 40) was a warning that aborted mkdocs build
    --strict, though README says such a count holds; only bounds the config file sets are worth a word."""
    config = SitegenConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    assert failed == []
    assert [message.split(":")[0] for key, message in warnings] == said


def config_error(path: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The one error MkDocs logs loading ``path``, less its ``Config value 'plugins': Plugin 'sitegen' `` lead."""
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(path))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1, errors
    lead = "Config value 'plugins': Plugin 'sitegen' "
    assert errors[0].startswith(lead)
    return errors[0].removeprefix(lead)


RENAME = "as in 'rename_themes: {diffusion-models: Diffusion}'"
PIN = "as in 'pin: {my-paper-id: diffusion-models}'"
YAML_BOOLEANS = "(YAML reads yes, no, on, off, true and false unquoted as true or false); put it in quotes"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"rename_themes": {"diffusion-models": None}},
            f"option 'rename_themes': entry 'diffusion-models: null' has no label; write one, {RENAME}",
        ),
        (
            {"rename_themes": {"diffusion-models": " "}},
            f"option 'rename_themes': entry 'diffusion-models:  ' has no label; write one, {RENAME}",
        ),
        (
            {"rename_themes": {None: "Diffusion", "": "X"}},
            f"option 'rename_themes': entry 'null: Diffusion' has no theme id or label; write one, {RENAME}; "
            f"entry '\"\": X' has no theme id or label; write one, {RENAME}",
        ),
        (
            {"rename_themes": {True: "Diffusion"}},
            f"option 'rename_themes': entry 'true: Diffusion': true is not a theme id or label {YAML_BOOLEANS}",
        ),
        (
            {"pin": {"my-paper": None}},
            f"option 'pin': entry 'my-paper: null' has no theme id or label; write one, {PIN}",
        ),
        (
            {"pin": {"my-paper": ["a", "b"]}},
            f"option 'pin': entry 'my-paper: ['a', 'b']': ['a', 'b'] is not a theme id or label; write it as text, "
            f"{PIN}",
        ),
        (
            {"pin": {"my-paper": False}},
            f"option 'pin': entry 'my-paper: false': false is not a theme id or label {YAML_BOOLEANS}",
        ),
        ({"pin": {1: "a", "1": "b"}}, "option 'pin': entries '1: a' and '1: b' have the same paper id; keep one"),
    ],
)
def test_rename_and_pin_entries_without_text_are_config_errors_naming_the_entry(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, object], message: str
) -> None:
    """A missing or empty key or value, a YAML boolean or a list: one config error naming each such entry (the
    themes stage once crashed on them: ``TypeError: normalize() argument 2 must be str``)."""
    assert config_error(write_yaml_project(tmp_path, [GOOD], **options), caplog) == message


def test_numbers_in_rename_and_pin_are_read_as_their_text(tmp_path: Path) -> None:
    options = {"rename_themes": {"diffusion-models": 2024, 1: 2}, "pin": {2401.01234: 7, "my-paper": "X"}}
    config = load_config(str(write_yaml_project(tmp_path, [GOOD], **options))).plugins["sitegen"].config
    assert config.rename_themes == {"diffusion-models": "2024", "1": "2"}
    assert config.pin == {"2401.01234": "7", "my-paper": "X"}


def test_numbers_and_nulls_in_rename_and_pin_give_no_traceback_in_either_build(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbers build (a number as a theme's label; unmatched ones are the usual warnings); a null is one error
    line, from ``mkdocs build`` and from ``sitegen build``."""
    paper = "orca-progressive-learning-from-complex-explanation-traces-of-gpt-4"
    options: dict[str, object] = {"rename_themes": {1: 2}, "pin": {paper: 2024, 2401.01234: "X"}}
    write_yaml_project(tmp_path, [GOOD], **options)
    done = mkdocs_build(tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING -  sitegen: pin: no paper with id '2401.01234' in the input; ignored" in done.stderr
    assert "WARNING -  sitegen: rename_themes: no theme with id or label '1'; ignored" in done.stderr
    themes = json.loads((tmp_path / "site" / "papers.json").read_text(encoding="utf-8"))["themes"]
    assert {"id": "2024", "label": "2024"}.items() <= next(t for t in themes if t["id"] == "2024").items()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-q", "-o", "site2"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site2" / "papers.json").read_bytes() == (tmp_path / "site" / "papers.json").read_bytes()
    # As "sitegen themes" says them, one line each (a rich log handler wrapped them at 80 columns)
    unknown = "pin: no paper with id '2401.01234' in the input; ignored ('sitegen themes' prints each paper's id)"
    assert f"Warning: {unknown}" in result.stderr.splitlines()
    assert "Warning: rename_themes: no theme with id or label '1'; ignored" in result.stderr.splitlines()

    path = write_yaml_project(tmp_path, [GOOD], rename_themes={"diffusion-models": None})
    error = f"option 'rename_themes': entry 'diffusion-models: null' has no label; write one, {RENAME}"
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"ERROR   -  Config value 'plugins': Plugin 'sitegen' {error}" in done.stderr.splitlines()
    result = runner.invoke(main, ["build", "-q", "-o", "site2"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"Error: {path.name}: Config value 'plugins': Plugin 'sitegen' {error}"]


def test_a_single_input_is_a_one_item_list(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``inputs: abstracts``, as users write it, reads as ``inputs: [abstracts]``."""
    path = write_yaml_project(tmp_path, [GOOD], inputs="abstracts")
    assert "inputs: abstracts\n" in path.read_text(encoding="utf-8")
    assert load_config(str(path)).plugins["sitegen"].config.inputs == ["abstracts"]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-q", "-o", "site"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "site" / "papers.json").read_text(encoding="utf-8"))
    assert {s["file"] for p in data["papers"] for s in p["sources"]} == {f"abstracts/{GOOD.name}"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"strict": "yes please"}, "option 'strict': Expected true or false, got 'yes please'"),
        ({"strict": 1}, "option 'strict': Expected true or false, got 1"),
        ({"cache_dir": 5}, "option 'cache_dir': Expected a folder path (text), got 5"),
        ({"cache_dir": True}, "option 'cache_dir': Expected a folder path (text), got true"),
        ({"templates": 5}, "option 'templates': Expected a folder path (text), got 5"),
        ({"inputs": 5}, "option 'inputs': Expected a file or folder path, or a list of them, got 5"),
        ({"inputs": {"a": 1}}, "option 'inputs': Expected a file or folder path, or a list of them, got {'a': 1}"),
        ({"inputs": ["abstracts", 5]}, "option 'inputs': Expected a file or folder path (text), got 5"),
        ({"inputs": ""}, "option 'inputs': lists no file or folder (leave it out to read seeds/)"),
    ],
)
def test_sitegen_options_of_the_wrong_kind_are_said_in_plain_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, object], message: str
) -> None:
    """Not MkDocs' ``Expected type: <class 'bool'> but received: <class 'str'>``."""
    assert config_error(write_yaml_project(tmp_path, [GOOD], **options), caplog) == message


def test_sitegen_build_says_an_option_of_the_wrong_kind_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = write_yaml_project(tmp_path, [GOOD], strict="yes please")
    result = runner.invoke(main, ["build", "-q", "-f", str(path), "-o", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {path}: Config value 'plugins': Plugin 'sitegen' option 'strict': Expected true or false, got "
        "'yes please'"
    ]


def test_a_theme_other_than_material_is_one_error_line_for_build_and_serve(
    runner: CliRunner, tmp_path: Path, no_mkdocs_serve: list[dict[str, Any]]
) -> None:
    path = write_project(tmp_path, [GOOD])
    path.write_text(path.read_text(encoding="utf-8").replace('"material"', '"readthedocs"'), encoding="utf-8")
    for command in (["build", "-q", "-o", str(tmp_path / "site")], ["serve"]):
        result = runner.invoke(main, [*command, "-f", str(path)])
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [
            "Error: mkdocs.yml: sitegen needs 'theme: material' (found 'readthedocs'); see README"  # in the cwd
        ], command
    assert not no_mkdocs_serve


def test_good_plugin_options_load(tmp_path: Path) -> None:
    (tmp_path / "my-templates").mkdir()
    options = {"templates": "my-templates", "theme_count": 1, "related": 0, "min_themes": 3, "max_themes": 3}
    config = load_config(str(write_project(tmp_path, [GOOD], **options)))
    assert config.plugins["sitegen"].config.templates == str(tmp_path / "my-templates")


def test_mkdocs_build_with_missing_templates_fails_without_traceback(tmp_path: Path) -> None:
    write_project(tmp_path, [GOOD], templates="/nonexistent")
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "Config value 'plugins': Plugin 'sitegen' option 'templates': "
        "The path '/nonexistent' isn't an existing directory." in done.stderr
    )


def test_mkdocs_build_strict_fails_after_reading_and_keeps_the_site(tmp_path: Path) -> None:
    write_project(tmp_path, [GOOD, EMPTY], strict=True)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the previous site")
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "WARNING -  abstracts/empty.txt:1: empty file, skipped" in done.stderr
    assert "INFO    -  sitegen: 1 file read, 1 file skipped: 2 records, 0 duplicates merged, 0 skipped, 2 papers" in (
        done.stderr
    )
    assert "INFO    -  sitegen:   skipped 1 file: empty file" in done.stderr
    assert "ERROR   -  1 problem(s) in the input (strict)" in done.stderr
    assert "Detecting themes" not in done.stderr  # stopped right after reading
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert (tmp_path / "site" / "index.html").read_text() == "the previous site"


def test_sitegen_build_with_strict_in_the_config_reports_and_fails_after_reading(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, [GOOD, EMPTY], strict=True)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-q", "-o", "site"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "abstracts/empty.txt:1: empty file, skipped",
        "1 file read, 1 file skipped: 2 records, 0 duplicates merged, 0 skipped, 2 papers",
        "  skipped 1 file: empty file",
        "Error: 1 problem(s) in the input (strict)",
    ]
    assert not (tmp_path / "site").exists()


def test_mkdocs_build_over_a_project_holding_an_old_site_skips_it_and_says_so(tmp_path: Path) -> None:
    """inputs: [.] over a project that holds a site built before elsewhere than site_dir (here old-site/).

    The project's own mkdocs.yml and docs_dir are not input either (read, each would be a problem).
    """
    shutil.copytree(FIXTURES / "scan" / "old_site_inside", tmp_path / "project")
    config = {
        "site_name": "Scanned",
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": [{"sitegen": {"inputs": ["."], "engine": "tfidf", "strict": True}}],
    }
    (tmp_path / "project" / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "project" / "docs").mkdir()
    (tmp_path / "project" / "docs" / "notes.md").write_text("# Notes\n\nWhat we read this year.\n")
    done = mkdocs_build(tmp_path / "project")
    assert done.returncode == 0, done.stderr[-3000:]  # strict: not one problem, so nothing of old-site was read
    note = "INFO    -  sitegen: skipped old-site/: a site sitegen built (it holds papers.json and search/index.json)"
    assert note in done.stderr.splitlines()
    data = json.loads((tmp_path / "project" / "site" / "papers.json").read_text(encoding="utf-8"))
    files = sorted(s["file"] for p in data["papers"] for s in p["sources"])
    assert files == ["exports/papers.json", "papers.jsonl"]


@pytest.mark.skipif(not ENGINES["semantic"].available(), reason="semantic engine not installed")
def test_mkdocs_build_with_an_unwritable_cache_dir_names_it(tmp_path: Path) -> None:
    write_project(tmp_path, [GOOD], engine="semantic", cache_dir="/proc/nocache")
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "ERROR   -  cannot write the embedding cache to /proc/nocache/embeddings (No such file or directory); "
        "set cache_dir to a folder you can write to" in done.stderr
    )


def test_a_pin_that_makes_a_theme_is_a_note_so_mkdocs_build_strict_passes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: the warning every new theme got stopped ``mkdocs build --strict`` (``Aborted with 1 warnings``), with no
    way to say the theme is intended; a name close to a theme's still warns (``test_themes``)."""
    write_project(tmp_path, [GOOD], pin={"orca-progressive-learning-from-complex-explanation-traces-of-gpt-4": "Mine"})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr[-3000:]
    said = "pin: no theme with id or label 'Mine', so a new theme of that label is made"
    assert f"INFO    -  sitegen: {said}" in done.stderr.splitlines()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0, result.output
    assert f"Note: {said}" in result.stderr.splitlines()
    assert "Warning" not in result.stderr
    built = runner.invoke(main, ["build", "-q", "-o", "site2"])
    assert built.exit_code == 0, built.output
    assert f"Note: {said}" in built.stderr.splitlines() and "Warning" not in built.stderr


def test_labels_the_overrides_clash_on_are_an_error_naming_the_config_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: ``Error: pin: the labels ...`` named no file, unlike the other config errors (``Error: rn.yml: ...``)."""
    pin = {"orca-progressive-learning-from-complex-explanation-traces-of-gpt-4": "C"}
    write_project(
        tmp_path,
        [GOOD],
        pin={**pin, "dual-process-learning-controlling-use-of-in-context-vs-in-weights-strategies": "C++"},
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: mkdocs.yml: pin: the labels 'C' and 'C++' would share one page, themes/c/ (labels must differ in "
        "their letters or digits); choose another label for one of them"
    )


def test_sitegen_themes_says_a_theme_memory_folder_is_one_as_the_build_does(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: ``sitegen themes`` said "cannot be read ([Errno 21] Is a directory ...); if it is one, delete it to start
    afresh" of a folder: advice to delete a folder. The path as the config names it (it was absolute: QA serve)."""
    write_project(tmp_path, [GOOD], theme_memory="memdir")
    (tmp_path / "memdir").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: theme_memory: memdir: is a folder; name a file, e.g. theme_memory: themes.json beside mkdocs.yml\n"
    )


def test_a_theme_memory_in_docs_dir_is_refused_before_any_work(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: ``theme_memory: docs/themes.json`` was published with the site, and the memory each build wrote made the
    next build's site differ; refused as one in site_dir is, by ``mkdocs build`` and ``sitegen build`` alike."""
    path = write_project(tmp_path, [GOOD], theme_memory="docs/themes.json")
    settings = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**settings, "docs_dir": "docs"}), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    said = (
        "theme_memory: docs/themes.json: lies in docs_dir (docs), whose files MkDocs publishes (and each build's "
        "memory would make the next site differ); keep it beside mkdocs.yml, e.g. theme_memory: themes.json"
    )
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1 and f"ERROR   -  {said}\n" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-q", "-o", "out"])
    assert (result.exit_code, result.stderr) == (2, f"Error: {said}\n")
    assert not (tmp_path / "docs" / "themes.json").exists()


def test_mkdocs_build_says_where_a_missing_input_is_listed(tmp_path: Path) -> None:
    """QA: ``mkdocs build`` said only "refs/missing.bib: no such file or folder"; ``sitegen build`` names the key
    and the config, and so does the plugin now (the path as seen from where the build runs)."""
    write_project(tmp_path, [GOOD], inputs=["abstracts", "refs/missing.bib"])
    done = mkdocs_build(tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    said = "refs/missing.bib: no such file or folder (listed under inputs in mkdocs.yml; fix it there)"
    assert f"ERROR   -  {said}\n" in done.stderr, done.stderr
    elsewhere = subprocess.run(
        [str(MKDOCS), "build", "-q", "-d", "site", "-f", str(Path(tmp_path.name, "mkdocs.yml"))],
        cwd=tmp_path.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = said.replace("refs/", f"{tmp_path.name}/refs/").replace("mkdocs.yml", f"{tmp_path.name}/mkdocs.yml")
    assert f"ERROR   -  {said}\n" in elsewhere.stderr, elsewhere.stderr


def test_pins_and_renames_that_match_nothing_are_warnings(tmp_path: Path) -> None:
    write_project(tmp_path, [GOOD], pin={"no-such-paper": "Hand picked"}, rename_themes={"no-such-theme": "X"})
    done = mkdocs_build(tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING -  sitegen: pin: no paper with id 'no-such-paper' in the input; ignored" in done.stderr
    assert "WARNING -  sitegen: rename_themes: no theme with id or label 'no-such-theme'; ignored" in done.stderr

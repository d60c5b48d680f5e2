"""`mkdocs serve` and `sitegen serve` with the plugin: the site is served and rebuilt when an input file changes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.themes import engine_choices
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PAPER = (
    "{title}\nThis abstract is long enough to be read as an abstract by the listing reader,"
    " and it ends with a full stop.\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not served at {url} within {seconds} s")


@contextlib.contextmanager
def serving(program: str, cwd: Path, env: dict[str, str] | None = None, log: Path | None = None) -> Iterator[str]:
    """``mkdocs serve`` or ``sitegen serve`` run in ``cwd`` on a free port, its output written to ``log`` (else
    dropped); yields the site's URL, stops it after."""
    port = free_port()
    with contextlib.ExitStack() as files:
        out = files.enter_context(log.open("w")) if log is not None else subprocess.DEVNULL
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name(program)), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_serve_rebuilds_when_an_input_changes(tmp_path: Path) -> None:
    inputs = tmp_path / "abstracts"
    inputs.mkdir()
    paper = inputs / "papers.txt"
    paper.write_text(PAPER.format(title="A First Paper About Lazy Training") * 1, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: templates/docs", f"docs_dir: {ROOT / 'templates' / 'docs'}")
    config = config.replace("custom_dir: templates/overrides", f"custom_dir: {ROOT / 'templates' / 'overrides'}")
    config = config.replace("inputs: [seeds]", f"inputs: [{inputs}]")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with serving("mkdocs", tmp_path, {**os.environ, "SITEGEN_ENGINE": "tfidf"}) as url:
        wait_for(url, "1 research papers")
        with paper.open("a", encoding="utf-8") as f:
            f.write(PAPER.format(title="A Second Paper Added While Serving"))
        wait_for(url, "2 research papers")
        page = wait_for(url + "papers/a-second-paper-added-while-serving/", "A Second Paper Added While Serving")
        assert "<h1" in page


def test_sitegen_serve_paths_and_engine_survive_rebuilds_without_a_config(tmp_path: Path) -> None:
    """No mkdocs.yml here: sitegen's own config, with PATH as the only input and --engine over the config's, in
    the first build and in the rebuild after an edit (MkDocs loads the config anew for each)."""
    inputs = tmp_path / "abstracts"
    inputs.mkdir()
    paper = inputs / "papers.txt"
    paper.write_text(PAPER.format(title="A First Paper About Lazy Training"), encoding="utf-8")
    port = free_port()
    sitegen = Path(sys.executable).with_name("sitegen")
    env = {key: value for key, value in os.environ.items() if key != "SITEGEN_ENGINE"}  # the config's engine: auto
    server = subprocess.Popen(
        [str(sitegen), "serve", "abstracts", "--engine", "tfidf", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env={**env, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        home = wait_for(url, "1 research papers")
        assert "(engine: <code>tfidf</code>)" in home
        wait_for(url + "papers/a-first-paper-about-lazy-training/", "A First Paper About Lazy Training")
        with paper.open("a", encoding="utf-8") as f:
            f.write(PAPER.format(title="A Second Paper Added While Serving"))
        home = wait_for(url, "2 research papers")  # not the 577 of sitegen's seeds/, nor another engine
        assert "(engine: <code>tfidf</code>)" in home
        wait_for(url + "papers/a-second-paper-added-while-serving/", "A Second Paper Added While Serving")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abstracts"]  # nothing written beside the input


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["serve", "no/such/folder"], 1, "Error: no/such/folder: no such file or folder"),
        (["serve", "--config-file", "nope.yml"], 2, "Error: nope.yml: no such MkDocs config file"),
        (
            ["serve", "--engine", "fast"],
            2,
            "Error: Invalid value for '--engine': 'fast' is not one of "
            + ", ".join(f"'{name}'" for name in engine_choices())
            + ".",
        ),
        (
            ["serve"],
            1,
            "Error: seeds: no such file or folder (the default input when no PATH is given; "
            "pass the files or folders of abstracts to read)",
        ),
    ],
)
def test_sitegen_serve_mistakes_are_one_line_errors_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    import mkdocs.commands.serve

    calls: list[object] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "-a", f"127.0.0.1:{free_port()}"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, message)
    assert "Traceback" not in result.output
    assert calls == []


@pytest.mark.parametrize(
    ("docs", "code", "message"),
    [
        (
            True,
            1,
            "Error: nothere: no such file or folder (listed under inputs in mkdocs.yml; fix it there or pass PATH "
            "arguments)",
        ),
        (False, 2, "Error: mkdocs.yml: Config value 'docs_dir': The path '{tmp}/docs' isn't an existing directory."),
    ],
)
def test_sitegen_serve_checks_the_users_config_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docs: bool, code: int, message: str
) -> None:
    """A mkdocs.yml whose inputs are missing, or that MkDocs cannot load, is a one-line error up front (as build)."""
    import mkdocs.commands.serve

    calls: list[object] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    monkeypatch.chdir(tmp_path)
    config = "site_name: Mine\ntheme: material\nplugins:\n  - sitegen:\n      inputs: [nothere]\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    if docs:
        (tmp_path / "docs").mkdir()
    result = CliRunner().invoke(main, ["serve", "-a", f"127.0.0.1:{free_port()}"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, message.format(tmp=tmp_path.resolve()))
    assert calls == []


def test_sitegen_serve_options_need_a_config_that_enables_the_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PATH or --engine with a mkdocs.yml that does not list the plugin would do nothing: say so, serve nothing."""
    import mkdocs.commands.serve

    calls: list[object] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: Plain\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "abstracts.txt").write_text("Abstract: A paper.\n")
    result = CliRunner().invoke(main, ["serve", "abstracts.txt", "--engine", "tfidf", "-a", f"127.0.0.1:{free_port()}"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: mkdocs.yml does not enable the sitegen plugin, so PATH, --engine and --templates would do nothing; "
        "add '- sitegen' under its plugins:"
    )
    assert calls == []
    # Without options the plain config is MkDocs' business, as before.
    result = CliRunner().invoke(main, ["serve", "-a", f"127.0.0.1:{free_port()}"])
    assert result.exit_code == 0, result.output
    assert len(calls) == 1


def test_serve_rebuilds_when_the_projects_own_theme_changes(tmp_path: Path) -> None:
    """QA: an edit to a main.html of the project's ``custom_dir`` was never picked up (MkDocs watches the theme only
    with ``--watch-theme``, which ``sitegen serve`` does not have): the plugin watches it."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Themes"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    main_html = tmp_path / "overrides" / "main.html"
    main_html.write_text('{% extends "base.html" %}{% block announce %}Version one{% endblock %}', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Lab\ntheme: {name: material, custom_dir: overrides}\n"
        "plugins:\n  - sitegen: {inputs: [abstracts], engine: tfidf}\n",
        encoding="utf-8",
    )
    with serving("sitegen", tmp_path) as url:
        wait_for(url, "Version one")
        main_html.write_text('{% extends "base.html" %}{% block announce %}Version two{% endblock %}', encoding="utf-8")
        wait_for(url, "Version two")


def test_serve_rebuilds_keep_the_memory_and_watch_what_the_config_adds(tmp_path: Path) -> None:
    """QA: a title saved half typed while serving stayed the paper's URL for good, as each rebuild wrote the theme
    memory: only the first build of ``serve`` writes it. And an inputs folder added to mkdocs.yml while serving was
    read but never watched: a file added to it later rebuilt nothing."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Moss"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = "site_name: Lab\ntheme: {name: material}\nplugins:\n  - sitegen: {inputs: [%s], theme_memory: m.json}\n"
    (tmp_path / "mkdocs.yml").write_text(config % "abstracts", encoding="utf-8")
    with serving("sitegen", tmp_path, {**os.environ, "SITEGEN_ENGINE": "tfidf"}) as url:
        wait_for(url, "1 research papers")
        memory = (tmp_path / "m.json").read_text(encoding="utf-8")
        assert '"a-paper-on-moss"' in memory
        (tmp_path / "abstracts" / "more.txt").write_text(PAPER.format(title="Lichen Sym"), encoding="utf-8")
        wait_for(url + "papers/lichen-sym/", "Lichen Sym")
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "a.txt").write_text(PAPER.format(title="A Paper On Ferns"), encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(config % "abstracts, more", encoding="utf-8")
        wait_for(url, "3 research papers")
        (tmp_path / "more" / "b.txt").write_text(PAPER.format(title="A Paper On Algae"), encoding="utf-8")
        wait_for(url, "4 research papers")
        assert (tmp_path / "m.json").read_text(encoding="utf-8") == memory


def test_a_config_saved_half_written_while_serving_is_one_line(tmp_path: Path) -> None:
    """QA: a mkdocs.yml saved half written while serving printed two chained tracebacks (85 lines); it is one error
    line, the last site stays served, and the fixed config rebuilds."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Moss"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = "site_name: Lab\ntheme: {name: material}\nplugins:\n  - sitegen: {inputs: [abstracts], engine: tfidf}\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving("sitegen", tmp_path, log=log) as url:
        wait_for(url, "1 research papers")
        (tmp_path / "mkdocs.yml").write_text(config[:-20], encoding="utf-8")  # inside "{...}"
        deadline = time.monotonic() + 60
        while "the last site is served until it is fixed" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "1 research papers" in fetch(url)
        (tmp_path / "abstracts" / "more.txt").write_text(PAPER.format(title="A Paper On Ferns"), encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        wait_for(url, "2 research papers")
    text = log.read_text()
    assert "the last site is served until it is fixed" in text and "Traceback" not in text


def test_mkdocs_serve_on_a_busy_port_says_so_before_building(tmp_path: Path) -> None:
    """QA: plain ``mkdocs serve`` on a port in use built the whole site, then printed a traceback (MkDocs binds the
    address after the first build); the plugin checks it first and says it in one line, as ``sitegen serve`` does."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Moss"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = "site_name: Lab\ntheme: {name: material}\nplugins:\n  - sitegen: {inputs: [abstracts], engine: tfidf}\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [str(Path(sys.executable).with_name("mkdocs")), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0
    assert f"127.0.0.1:{port}: address already in use" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "sitegen: read" not in done.stderr + done.stdout  # stopped before reading the inputs


def test_mkdocs_build_never_checks_the_serve_address(tmp_path: Path) -> None:
    """QA: ``mkdocs build -d /tmp/mkdocs_x`` of a site whose site_url is the address ``serve`` uses was taken for the
    first build of ``serve`` (a guess from the folder and the site_url) and stopped on the port in use."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Moss"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        config = (
            f"site_name: Lab\nsite_url: http://127.0.0.1:{port}/\ndev_addr: 127.0.0.1:{port}\n"
            "theme: {name: material}\n"
            "plugins:\n  - sitegen: {inputs: [abstracts], engine: tfidf}\n"
        )
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="mkdocs_") as site:
            done = subprocess.run(
                [str(Path(sys.executable).with_name("mkdocs")), "build", "-d", site],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
    assert done.returncode == 0, done.stderr
    assert "address already in use" not in done.stderr


def test_plugin_option_mistakes_saved_while_serving_keep_the_last_site_served(tmp_path: Path) -> None:
    """QA: ``theme_cuont: 3`` or ``theme_count: 0`` saved while ``mkdocs serve`` ran left every page request hanging
    ("The server will appear stuck until build errors are resolved"); as with a config saved half written, the error
    is said, the last site stays served, and the fixed config rebuilds. The same for a mistake the plugin finds
    before MkDocs empties the site (a theme memory in docs_dir, an input gone)."""
    (tmp_path / "abstracts").mkdir()
    (tmp_path / "abstracts" / "papers.txt").write_text(PAPER.format(title="A Paper On Moss"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = "site_name: Lab\ntheme: {name: material}\nplugins:\n  - sitegen: {inputs: [abstracts], engine: tfidf%s}\n"
    (tmp_path / "mkdocs.yml").write_text(config % "", encoding="utf-8")
    log = tmp_path / "serve.log"
    mistakes = [", theme_cuont: 3", ", theme_count: 0", ", theme_memory: docs/m.json", ", inputs: [abstracts, gone]"]
    with serving("mkdocs", tmp_path, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, log) as url:
        wait_for(url, "1 research papers")
        for said, mistake in enumerate(mistakes, start=1):
            (tmp_path / "mkdocs.yml").write_text(config % mistake, encoding="utf-8")
            deadline = time.monotonic() + 60
            while log.read_text().count("the last site is served until it is fixed") < said:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
            assert "1 research papers" in fetch(url), mistake  # it timed out
        (tmp_path / "abstracts" / "more.txt").write_text(PAPER.format(title="A Paper On Ferns"), encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(config % "", encoding="utf-8")
        wait_for(url, "2 research papers")
    text = log.read_text()
    assert "unknown option (did you mean 'theme_count'?)" in text and "must be 1 or more, not 0" in text
    assert "theme_memory: docs/m.json: lies in docs_dir" in text
    assert "gone: no such file or folder (listed under inputs in mkdocs.yml; fix it there)" in text
    assert "appear stuck" not in text and "Traceback" not in text

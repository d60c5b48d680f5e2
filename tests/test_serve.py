"""`mkdocs serve` with the plugin: the site is served and rebuilt when an input file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
    port = free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "SITEGEN_ENGINE": "tfidf"}
    server = subprocess.Popen(
        [str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url, "1 research papers")
        with paper.open("a", encoding="utf-8") as f:
            f.write(PAPER.format(title="A Second Paper Added While Serving"))
        wait_for(url, "2 research papers")
        page = wait_for(url + "papers/a-second-paper-added-while-serving/", "A Second Paper Added While Serving")
        assert "<h1" in page
    finally:
        server.terminate()
        server.wait(timeout=20)

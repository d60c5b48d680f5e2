"""Browser fixtures: the seeds site built once, served on loopback under a sub-path, Debian's Chromium."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import checked_page, launch_chromium, require_chromium, serve

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBPATH = "papers-site/"
"""Served under a sub-path, as on a host with ``site_url: https://example.org/papers-site/``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser."""
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    return require_chromium()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[tuple[Path, str]]:
    """An empty folder served on loopback, and its URL."""
    root = tmp_path_factory.mktemp("served")
    with serve(root) as url:
        yield root, url


@pytest.fixture(scope="session")
def site_root(server: tuple[Path, str]) -> Path:
    """The seeds plus one hostile paper and one whose title names another paper's author, built by the real
    ``sitegen build`` into ``<root>/papers-site``.

    The project's mkdocs.yml plus a ``site_url`` naming the loopback server: Material's
    instant navigation only takes over links listed in sitemap.xml (empty without a
    site_url) and matches them by host and port.
    """
    root, url = server
    config = root.parent / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"site_url: {url}{SUBPATH}\n"
        f"docs_dir: {ROOT / 'templates' / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'templates' / 'overrides'}\n"
    )
    sitegen = Path(sys.executable).with_name("sitegen")
    inputs = ["seeds", *(str(FIXTURES / name) for name in ("hostile.jsonl", "namesake.jsonl", "cjk.jsonl"))]
    command = [str(sitegen), "build", "-q", "-f", str(config), *inputs, "--out", str(root / SUBPATH)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="session")
def site_url(server: tuple[Path, str], site_root: Path) -> str:
    return server[1] + SUBPATH


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with checked_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page

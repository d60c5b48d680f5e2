"""Real parts shared by the browser tests and the search benchmark: Debian's Chromium and a loopback server."""

from __future__ import annotations

import atexit
import contextlib
import functools
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """A loopback server that keeps quiet when the browser hangs up mid-file (Chromium closes a connection it no
    longer needs when a page navigates on): socketserver would print a BrokenPipeError traceback to stderr for each.
    Any other error in a request is still printed."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/`` serving ``directory`` from a thread; loopback only."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def require(path: Path, message: str) -> Path:
    """``path`` when it exists, else skip the test with ``message`` (fail instead in CI, where it must be there)."""
    import os

    import pytest

    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_chromium() -> Path:
    """Debian's Chromium, or skip with a clear message (fail instead in CI)."""
    return require(CHROMIUM, f"{CHROMIUM} is missing: install Debian's chromium (make chromium) for the browser tests")


@functools.cache
def _playwright() -> Any:
    """One Playwright driver per process, stopped at exit. Playwright's sync API refuses a second driver while
    one is open in the same thread, and a session-scoped browser (tests/browser) is still open when a module's
    own browser (test_hostile) starts in the same pytest worker."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    atexit.register(driver.stop)
    return driver


@contextlib.contextmanager
def launch_chromium(bfcache: bool = False) -> Iterator[Any]:
    """A headless Chromium driven by Playwright (never `playwright install`: Debian's build). ``bfcache``: with the
    back/forward cache every browser has on (Playwright turns it off: --disable-back-forward-cache), so that Back
    restores a page left by a link as it was, without loading it."""
    path = require_chromium()
    ignored = ["--disable-back-forward-cache"] if bfcache else []
    browser = _playwright().chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS, ignore_default_args=ignored)
    try:
        yield browser
    finally:
        browser.close()


@contextlib.contextmanager
def checked_page(browser: Any, **context: Any) -> Iterator[Any]:
    """A page in a context of its own (``context``: Playwright's options, a viewport say) that fails the test on
    any script error it saw."""
    browser_context = browser.new_context(**context)
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    browser_context.close()
    assert not errors, errors


def build_small_site(root: Path, url: str, name: str, inputs: Path, site_url: bool = True) -> str:
    """Build ``inputs`` with the repository's config into ``root/name`` (served at ``url``) and return its URL: a
    site of a few papers for what the seeds lack (authors' names). ``site_url``: whether the config names the site's
    address (without it, Material's instant navigation is off and every link loads a page)."""
    repo = Path(__file__).resolve().parents[2]
    config = root.parent / f"{name}-mkdocs.yml"
    named = f"site_url: {url}{name}/\n" if site_url else "site_url: null\n"  # not SITEGEN_SITE_URL either
    config.write_text(
        f"INHERIT: {repo / 'mkdocs.yml'}\n{named}docs_dir: {repo / 'templates' / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {repo / 'templates' / 'overrides'}\n"
    )
    sitegen = Path(sys.executable).with_name("sitegen")
    command = [str(sitegen), "build", "-q", "-f", str(config), str(inputs), "--out", str(root / name),
               "--engine", "tfidf"]  # fmt: skip
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return f"{url}{name}/"


def assert_same_ranking(page: Any, index: Any, text: str) -> None:
    """search.js in the page ranks ``text`` as sitegen.search_query.search does on the same index: the same papers
    in the same order, with the same scores (to 1e-9)."""
    from sitegen.search_query import search

    browser_hits = page.evaluate("text => window.sitegenSearch.ranked(text)", text)
    python_hits = search(index, text)
    assert [n for n, _ in browser_hits] == [n for n, _ in python_hits], text
    assert all(abs(a[1] - b[1]) < 1e-9 for a, b in zip(browser_hits, python_hits, strict=True)), text

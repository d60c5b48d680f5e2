"""Search benchmark: query-to-visible-result time and bytes, sitegen's search against mkdocs-material's.

Standalone: ``python bench/search.py --site site --papers seeds`` (``--papers`` is the input the
site was built from; Material's bare site needs the abstracts, which papers.json lacks).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lunr.stop_word_filter import WORDS as STOP_WORDS  # noqa: E402

from sitegen.search_query import gzip_size, words  # noqa: E402
from sitegen.textutil import comparison_key  # noqa: E402
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

TIMEOUT_MS = 60_000


@dataclass(frozen=True, slots=True)
class Engine:
    """How to drive one search UI."""

    name: str
    input: str
    """CSS selector of the search box."""
    titles: str
    """CSS selector of result titles."""
    fetched: tuple[str, ...]
    """URL fragments of the requests that belong to search."""


OURS = Engine("sitegen", "[data-sitegen-search-query]", "[data-sitegen-search-hit] h1", ("/search/",))
MATERIAL = Engine(
    "material",
    "[data-md-component=search-query]",
    ".md-search-result__item h1",
    ("search_index.json", "/workers/search", "/javascripts/lunr/"),
)

# Types the whole query at once, then waits for the title among the results (checked every frame).
_PROBE = """async ([input, titles, text, expected, timeout]) => {
  const box = document.querySelector(input);
  box.focus();
  const start = performance.now();
  box.value = text;
  box.dispatchEvent(new Event("input", {bubbles: true}));
  box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "a"}));
  const norm = s => s.toLowerCase().replace(/\\s+/g, " ").trim();
  while (performance.now() - start < timeout) {
    for (const el of document.querySelectorAll(titles)) {
      if (norm(el.textContent) === norm(expected) && el.offsetParent !== null) return performance.now() - start;
    }
    await new Promise(r => requestAnimationFrame(r));
  }
  return -1;
}"""


def measure(site_dir: str | Path, queries: Sequence[tuple[str, str]], engine: Engine = OURS) -> dict[str, Any]:
    """Per query, in a fresh browser profile: ms from typing to the expected title visible, bytes fetched."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(Path(site_dir)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for text, expected in queries:
            rows.append(_one_query(browser, url, engine, text, expected))
        browser.close()
    found = [r["ms"] for r in rows if r["ms"] >= 0]
    return {
        "engine": engine.name,
        "queries": rows,
        "median_ms": sorted(found)[len(found) // 2] if found else None,
        "max_ms": max(found) if found else None,
        "missed": sum(1 for r in rows if r["ms"] < 0),
        "first_query_bytes": rows[0]["bytes"] if rows else 0,
        "first_query_gzip": rows[0]["gzip"] if rows else 0,
    }


def _one_query(browser: Any, url: str, engine: Engine, text: str, expected: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies: list[bytes] = []

    def record(response: Any) -> None:
        if any(part in response.url for part in engine.fetched):
            with contextlib.suppress(Exception):
                bodies.append(response.body())

    page.on("response", record)
    page.goto(url, wait_until="load")
    ms = page.evaluate(_PROBE, [engine.input, engine.titles, text, expected, TIMEOUT_MS])
    page.wait_for_timeout(50)
    context.close()
    return {
        "query": text,
        "expected": expected,
        "ms": round(ms, 1),
        "bytes": sum(len(b) for b in bodies),
        "gzip": sum(gzip_size(b) for b in bodies),
    }


def pick_queries(papers: Sequence[dict[str, Any]], count: int = 5) -> list[tuple[str, str]]:
    """Queries typed by someone who half-remembers a title: its first words that single it out.

    Words of more than three letters are taken in title order until no other title has them all
    (synthetic corpora recombine titles, so the first three words alone are often shared), plus
    one more: the last word typed is still being typed, so it only counts as an optional prefix.
    """
    known = [
        ("grokking lazy rich", "Grokking as the Transition from Lazy to Rich Training Dynamics"),
        ("neural turing machine", "Neural Turing Machines"),
    ]
    titles = {p["title"] for p in papers}
    queries = [q for q in known if q[1] in titles]
    holders: dict[str, set[str]] = {}
    for title in titles:
        for word in set(words(title)):
            holders.setdefault(word, set()).add(title)
    step = max(1, len(papers) // count)
    for paper in papers[::step][: count - len(queries)]:
        terms: list[str] = []
        candidates = set(titles)
        for word in (w for w in words(paper["title"]) if len(w) > 3 and w not in STOP_WORDS):
            if word in terms:
                continue
            terms.append(word)
            if len(terms) >= 3 and len(candidates) == 1:
                break
            candidates &= holders[word]
        if terms:
            queries.append((" ".join(terms), paper["title"]))
    return queries


def material_site(site_dir: Path, inputs: Sequence[str], out: Path) -> Path:
    """A bare mkdocs-material site with the same paper pages and Material's default search."""
    from sitegen.pipeline import read_corpus

    abstracts = {comparison_key(p.title or ""): p.abstract for p in read_corpus(inputs).papers}
    papers = json.loads((site_dir / "papers.json").read_text())["papers"]
    docs = out / "docs"
    (docs / "papers").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Papers\n\nBare mkdocs-material site for the search benchmark.\n")
    for paper in papers:
        abstract = abstracts.get(comparison_key(paper["title"]), "")
        (docs / "papers" / f"{paper['id']}.md").write_text(f"# {paper['title']}\n\n{abstract}\n")
    (out / "mkdocs.yml").write_text(
        "site_name: Papers\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nnav:\n  - index.md\nnot_in_nav: |\n  papers/\n"
    )
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")], check=True)
    return out / "site"


def index_bytes(site_dir: Path) -> dict[str, int]:
    """Bytes of everything under search/ (raw and gzip), and of the largest single file."""
    files = [p for p in (site_dir / "search").rglob("*") if p.is_file()]
    data = [p.read_bytes() for p in files]
    return {
        "files": len(files),
        "raw": sum(len(d) for d in data),
        "gzip": sum(gzip_size(d) for d in data),
        "largest_gzip": max((gzip_size(d) for d in data), default=0),
    }


def compare(site_dir: Path, inputs: Sequence[str], queries: Sequence[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Ours and Material's on the same papers and queries, in the same run."""
    papers = json.loads((site_dir / "papers.json").read_text())["papers"]
    queries = list(queries or pick_queries(papers))
    result: dict[str, Any] = {"papers": len(papers), "date": time.strftime("%Y-%m-%d"), "index": index_bytes(site_dir)}
    result["sitegen"] = measure(site_dir, queries, OURS)
    with tempfile.TemporaryDirectory(prefix="bench-material-") as tmp:
        started = time.perf_counter()
        bare = material_site(site_dir, inputs, Path(tmp))
        result["material_build_s"] = round(time.perf_counter() - started, 1)
        result["material"] = measure(bare, queries, MATERIAL)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", type=Path, help="a site built by `sitegen build`")
    parser.add_argument("--papers", nargs="+", default=["seeds"], help="the input the site was built from")
    parser.add_argument("--ours-only", action="store_true", help="skip mkdocs-material's search")
    args = parser.parse_args(argv)
    if args.ours_only:
        papers = json.loads((args.site / "papers.json").read_text())["papers"]
        result: dict[str, Any] = {"index": index_bytes(args.site), "sitegen": measure(args.site, pick_queries(papers))}
    else:
        result = compare(args.site, args.papers)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`make bench`: time `sitegen build` against a bare mkdocs-material build of the same N papers.

Synthetic corpus: N papers recombined from the seed abstracts (sentences shuffled across papers,
titles recombined from seed title halves plus a serial so every title is distinct), written as
JSON Lines. "Bare" is one Markdown page per paper, Material's default search plugin, and a nav
that lists only the home page (a nav listing every paper grows with N^2 and cannot finish at 8,000).
Each build runs `--repeat` times alternately; medians and their ratio are printed and saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from sitegen.pipeline import read_corpus  # noqa: E402


def synthetic_corpus(n: int, seed: int = 0) -> list[dict[str, str]]:
    """N distinct papers recombined from the seeds' titles and abstract sentences."""
    papers = read_corpus([ROOT / "seeds"]).papers
    rng = random.Random(seed)
    sentences = [s for p in papers for s in re.split(r"(?<=[.!?])\s+", p.abstract) if len(s) > 40]
    halves = [re.split(r":\s|\s(?=for|of|with|in|via)\b", p.title or "", maxsplit=1) for p in papers]
    heads = [h[0] for h in halves]
    tails = [h[1] for h in halves if len(h) > 1]
    rows = []
    for i in range(n):
        title = f"{rng.choice(heads)}: {rng.choice(tails)} ({i + 1})"
        abstract = " ".join(rng.sample(sentences, rng.randint(5, 9)))
        rows.append({"title": title, "abstract": abstract})
    return rows


def write_corpus(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_bare_project(rows: list[dict[str, str]], folder: Path) -> Path:
    """A plain mkdocs-material project with one page per paper and the default search."""
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    (docs / "papers").mkdir(parents=True)
    (docs / "index.md").write_text("# Papers\n\nSynthetic papers for the benchmark.\n", encoding="utf-8")
    for i, row in enumerate(rows):
        (docs / "papers" / f"p{i:05d}.md").write_text(f"# {row['title']}\n\n{row['abstract']}\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Bare\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  papers/*\n",
        encoding="utf-8",
    )
    return config


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of one command."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds


def bench_build(n: int, repeat: int, engine: str) -> dict[str, object]:
    rows = synthetic_corpus(n)
    corpus = OUT / f"corpus-{n}.jsonl"
    write_corpus(rows, corpus)
    bare = write_bare_project(rows, OUT / f"bare-{n}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    ours_cmd = [str(BIN / "sitegen"), "build", str(corpus), "--out", str(OUT / f"ours-{n}"), "--engine", engine, "-q"]
    bare_cmd = [str(BIN / "mkdocs"), "build", "-q", "-f", str(bare), "-d", str(OUT / f"bare-site-{n}")]
    ours, bare_times = [], []
    for _ in range(repeat):
        ours.append(timed(ours_cmd, ROOT, env))
        bare_times.append(timed(bare_cmd, ROOT, env))
    size = sum(p.stat().st_size for p in (OUT / f"ours-{n}").rglob("*") if p.is_file())
    bare_size = sum(p.stat().st_size for p in (OUT / f"bare-site-{n}").rglob("*") if p.is_file())
    result = {
        "n": n,
        "engine": engine,
        "repeat": repeat,
        "ours_s": [round(t, 2) for t in ours],
        "bare_s": [round(t, 2) for t in bare_times],
        "ours_median_s": round(statistics.median(ours), 2),
        "bare_median_s": round(statistics.median(bare_times), 2),
        "ratio": round(statistics.median(ours) / statistics.median(bare_times), 2),
        "ours_site_mb": round(size / 1e6, 1),
        "bare_site_mb": round(bare_size / 1e6, 1),
        "ours_kb_per_paper": round(size / n / 1e3, 1),
    }
    print(json.dumps(result), flush=True)
    return result


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages split between the processes sharing them."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """(largest RSS, summed PSS) in kB over ``root`` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return max((rss.get(pid, 0) for pid in tree), default=0), sum(_pss_kb(pid) for pid in tree)


def bench_memory(n: int, engine: str) -> dict[str, object]:
    """Peak memory of one `sitegen build` at N papers, sampled from /proc every 0.2 s.

    Reports the largest single process (RSS) and the whole process tree (summed PSS: pages the
    forked search-index process shares with its parent are counted once).
    """
    corpus = OUT / f"corpus-{n}.jsonl"
    write_corpus(synthetic_corpus(n), corpus)
    cmd = [str(BIN / "sitegen"), "build", str(corpus), "--out", str(OUT / f"ours-{n}"), "--engine", engine, "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    largest = summed = 0
    while process.poll() is None:
        one, total = _tree_memory_kb(process.pid)
        largest, summed = max(largest, one), max(summed, total)
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {process.returncode}")
    result = {
        "n": n,
        "engine": engine,
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_mb_largest_process": round(largest / 1024),
        "peak_pss_mb_process_tree": round(summed / 1024),
    }
    print(json.dumps(result), flush=True)
    return result


def bench_search(n: int, big_n: int) -> dict[str, object]:
    """Query latency and bytes in headless Chromium: ours vs Material's search on the same papers."""
    from bench import search as search_bench

    seeds_site = OUT / "seeds-site"
    subprocess.run(
        [str(BIN / "sitegen"), "build", "seeds", "--out", str(seeds_site), "--engine", "tfidf", "-q"],
        cwd=ROOT,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    results: dict[str, object] = {
        "seeds": search_bench.compare(seeds_site, [str(ROOT / "seeds")]),
        str(n): search_bench.compare(OUT / f"ours-{n}", [str(OUT / f"corpus-{n}.jsonl")]),
    }
    big = OUT / f"ours-{big_n}"
    if big_n and big.is_dir():
        papers = json.loads((big / "papers.json").read_text(encoding="utf-8"))["papers"]
        results[str(big_n)] = {
            "index": search_bench.index_bytes(big),
            "sitegen": search_bench.measure(big, search_bench.pick_queries(papers)),
        }
    for key, value in results.items():
        print(key, json.dumps(value), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=8000, help="papers in the timed corpus (default 8000; 0 skips it)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build (default 3)")
    parser.add_argument("--memory-n", type=int, default=40000, help="papers for the peak-memory run (0 skips it)")
    parser.add_argument("--engine", default="tfidf", help="theme engine for our build (default tfidf)")
    parser.add_argument("--no-search", action="store_true", help="skip the browser search benchmark")
    args = parser.parse_args()
    date = dt.date.today().isoformat()
    results: dict[str, object] = {"date": date}
    if args.n:
        results["build"] = bench_build(args.n, args.repeat, args.engine)
    if args.memory_n:
        results["memory"] = bench_memory(args.memory_n, args.engine)
    if args.n and not args.no_search:
        results["search"] = bench_search(args.n, args.memory_n)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"results-{date}-n{args.n}-m{args.memory_n}.json").write_text(
        json.dumps(results, indent=1) + "\n", encoding="utf-8"
    )
    print(f"saved {OUT / f'results-{date}-n{args.n}-m{args.memory_n}.json'}")


if __name__ == "__main__":
    main()

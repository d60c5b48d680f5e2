"""Clustering shared by the engines: choose the theme count, assign papers, find outliers and neighbours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.metrics import silhouette_score

from sitegen.themes import graph

Cluster = Callable[[Any, int, int], np.ndarray]
"""(unit vectors, k, seed) -> cluster index per row."""
Choose = Callable[[Any, list[int], Cluster, int], tuple[int, np.ndarray]]
"""(vectors, candidate counts, cluster, seed) -> (count, cluster index per row)."""

UNSORTED_SHARE = 0.10
"""At most this share of papers goes to the Unsorted theme (issue 4)."""


def kmeans(vectors: Any, k: int, seed: int) -> np.ndarray:
    """Spherical-ish k-means on unit vectors (k-means++ with several seeded restarts)."""
    model = KMeans(n_clusters=k, n_init=4, random_state=seed)
    return np.asarray(model.fit_predict(vectors))


def nmf(vectors: Any, k: int, seed: int) -> np.ndarray:
    """Each row's strongest NMF topic (non-negative TF-IDF input; Lee & Seung factorisation)."""
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=200, tol=1e-3)
    weights = model.fit_transform(vectors)
    return np.asarray(weights.argmax(axis=1))


def candidate_counts(n: int, low: int, high: int, steps: int = 12) -> list[int]:
    """Theme counts worth trying, spaced geometrically between the bounds; a theme holds ~4 papers or more."""
    top = max(2, min(high, n // 4))
    bottom = max(2, min(low, top))
    return sorted({int(k) for k in np.round(np.geomspace(bottom, top, steps))})


def rule_of_thumb(vectors: Any, counts: list[int], cluster: Cluster, seed: int) -> tuple[int, np.ndarray]:
    """k = sqrt(n/2) (Mardia et al. 1979) clipped to the counts: sparse TF-IDF silhouettes only grow with k."""
    k = int(np.clip(round(np.sqrt(vectors.shape[0] / 2)), counts[0], counts[-1]))
    return k, cluster(vectors, k, seed)


def graph_communities(vectors: Any, counts: list[int], cluster: Cluster, seed: int) -> tuple[int, np.ndarray]:
    """Communities of the kNN graph (see ``graph.communities``), as many as the counts' bounds allow."""
    labels = graph.communities(vectors, counts[0], counts[-1], seed)
    return int(labels.max()) + 1, labels


def choose_count(vectors: Any, counts: list[int], cluster: Cluster, seed: int) -> tuple[int, np.ndarray]:
    """The count with the best cosine silhouette (Rousseeuw 1987); ties go to fewer themes."""
    best: tuple[float, int, np.ndarray] | None = None
    for k in counts:
        labels = cluster(vectors, k, seed)
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(vectors, labels, metric="cosine"))
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return counts[0], np.zeros(vectors.shape[0], dtype=int)
    return best[1], best[2]


def centroid_similarity(vectors: Any, labels: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the (unit) centroid of its own cluster."""
    sims = np.zeros(vectors.shape[0])
    for group in np.unique(labels):
        rows = labels == group
        members = _dense(vectors[rows])
        sims[rows] = members @ _unit(members.mean(axis=0))
    return sims


def outliers(sims: np.ndarray, order_keys: list[str]) -> np.ndarray:
    """Rows far below the typical fit (Tukey's lower fence), at most UNSORTED_SHARE of them."""
    q1, q3 = np.percentile(sims, [25, 75])
    fence = q1 - 1.5 * (q3 - q1)
    below = [i for i in range(len(sims)) if sims[i] < fence]
    below.sort(key=lambda i: (sims[i], order_keys[i]))
    cap = int(UNSORTED_SHARE * len(sims))
    mask = np.zeros(len(sims), dtype=bool)
    mask[below[:cap]] = True
    return mask


def nearest(vectors: Any, ids: list[str], count: int, chunk: int = 1024) -> dict[str, tuple[str, ...]]:
    """For every row the ``count`` most similar other rows, best first; rows are in id order, so ties go by id."""
    related: dict[str, tuple[str, ...]] = {}
    for start in range(0, len(ids), chunk):
        sims = np.round(_dense(vectors[start : start + chunk] @ vectors.T), 9)
        for offset, row in enumerate(sims):
            row[start + offset] = -np.inf
            order = np.argsort(-row, kind="stable")[: min(count, len(ids) - 1)]
            related[ids[start + offset]] = tuple(ids[j] for j in order)
    return related


def renumber(labels: np.ndarray, ids: list[str], min_size: int = 3) -> np.ndarray:
    """Canonical cluster numbers: largest first, ties by first member id; tiny clusters become -1."""
    members: dict[int, list[int]] = {}
    for row, group in enumerate(labels.tolist()):
        members.setdefault(group, []).append(row)
    big = [rows for rows in members.values() if len(rows) >= min_size] or list(members.values())
    big.sort(key=lambda rows: (-len(rows), ids[rows[0]]))
    out = np.full(len(labels), -1, dtype=int)
    for number, rows in enumerate(big):
        out[rows] = number
    return out


def absorb(vectors: Any, labels: np.ndarray) -> np.ndarray:
    """Rows without a cluster (-1) join the cluster with the most similar centroid."""
    keep = sorted(set(labels.tolist()) - {-1})
    if not keep or (labels >= 0).all():
        return labels
    centres = np.vstack([_unit(_dense(vectors[labels == g]).mean(axis=0)) for g in keep])
    lost = np.flatnonzero(labels < 0)
    best = np.asarray(_dense(vectors[lost]) @ centres.T).argmax(axis=1)
    out = labels.copy()
    out[lost] = np.asarray(keep)[best]
    return out


def _dense(matrix: Any) -> np.ndarray:
    return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)

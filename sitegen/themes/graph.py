"""Graph clustering: a kNN similarity graph split into communities by consensus Louvain, count chosen by stability."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.metrics import adjusted_rand_score

NEIGHBOURS = 15
"""kNN graph degree: UMAP's and BERTopic's default ``n_neighbors``."""
RESOLUTIONS = (1.0, 1.414, 2.0, 2.828, 4.0)
"""Modularity resolutions tried (Reichardt & Bornholdt 2006): 1 and finer, since modularity at 1
already merges small communities (the resolution limit, Fortunato & Barthelemy 2007)."""
RUNS = 5
"""Louvain runs (seeded node orders) per resolution, for the stability score and the consensus."""


def knn_graph(vectors: Any, k: int = NEIGHBOURS) -> sparse.csr_matrix:
    """Symmetric graph of each row's ``k`` most cosine-similar rows, weighted by (positive) similarity."""
    dense = np.asarray(vectors.toarray() if hasattr(vectors, "toarray") else vectors, dtype=np.float64)
    n = dense.shape[0]
    k = max(1, min(k, n - 1))
    sims = np.round(dense @ dense.T, 9)  # rounded: float noise must not reorder neighbours
    np.fill_diagonal(sims, -np.inf)
    near = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    rows = np.repeat(np.arange(n), k)
    weights = np.maximum(sims[rows, near.ravel()], 1e-6)
    graph = sparse.csr_matrix((weights, (rows, near.ravel())), shape=(n, n))
    return graph.maximum(graph.T).tocsr()


def louvain(graph: sparse.csr_matrix, resolution: float, seed: int) -> np.ndarray:
    """Community per node by Louvain modularity optimisation (Blondel et al. 2008), seeded node order."""
    rng = np.random.default_rng(seed)
    labels = np.arange(graph.shape[0])
    while True:
        part = _local_moves(graph, resolution, rng)
        if len(np.unique(part)) == graph.shape[0]:
            return _compact(labels)
        labels = part[labels]
        member = sparse.csr_matrix((np.ones(len(part)), (np.arange(len(part)), part)))
        graph = (member.T @ graph @ member).tocsr()


def _local_moves(graph: sparse.csr_matrix, resolution: float, rng: np.random.Generator) -> np.ndarray:
    degree = np.asarray(graph.sum(axis=1)).ravel()
    scale = resolution / max(float(degree.sum()), 1e-12)
    community = np.arange(graph.shape[0])
    total = degree.copy()
    moved = True
    while moved:
        moved = False
        for node in rng.permutation(graph.shape[0]).tolist():
            own = int(community[node])
            total[own] -= degree[node]
            best = _best_community(graph, node, community, total, degree[node] * scale)
            total[best] += degree[node]
            community[node] = best
            moved = moved or best != own
    return _compact(community)


def _best_community(graph: sparse.csr_matrix, node: int, community: np.ndarray, total: np.ndarray, pull: float) -> int:
    """The neighbouring community with the largest modularity gain; staying wins ties."""
    start, end = graph.indptr[node], graph.indptr[node + 1]
    links: dict[int, float] = {}
    for other, weight in zip(graph.indices[start:end].tolist(), graph.data[start:end].tolist(), strict=True):
        if other != node:
            links[int(community[other])] = links.get(int(community[other]), 0.0) + weight
    best = int(community[node])
    gain = links.get(best, 0.0) - pull * total[best]
    for group in links:  # neighbour order is fixed, so ties resolve the same way every run
        score = links[group] - pull * total[group]
        if score > gain + 1e-12:
            best, gain = group, score
    return best


def _compact(labels: np.ndarray) -> np.ndarray:
    return np.unique(labels, return_inverse=True)[1].astype(int)


def consensus(graph: sparse.csr_matrix, runs: list[np.ndarray], resolution: float) -> np.ndarray:
    """Louvain on the graph's edges reweighted by how often the runs agree (Lancichinetti & Fortunato 2012)."""
    coo = graph.tocoo()
    agree = np.mean([labels[coo.row] == labels[coo.col] for labels in runs], axis=0)
    keep = agree > 0
    agreed = sparse.csr_matrix((agree[keep], (coo.row[keep], coo.col[keep])), shape=graph.shape)
    return louvain(agreed, resolution, 0)


def stability(runs: list[np.ndarray]) -> float:
    """Mean adjusted Rand index between every two runs: how reproducible the partition is."""
    pairs = list(combinations(runs, 2))
    return float(np.mean([adjusted_rand_score(a, b) for a, b in pairs])) if pairs else 1.0


def communities(vectors: Any, low: int, high: int, seed: int) -> np.ndarray:
    """Community per row: the most reproducible resolution whose consensus has ``low``..``high`` communities."""
    graph = knn_graph(vectors)
    tried = [_partition(graph, resolution, seed) for resolution in RESOLUTIONS]
    fitting = [i for i, (_, labels) in enumerate(tried) if low <= _count(labels) <= high]
    if fitting:
        return tried[max(fitting, key=lambda i: (tried[i][0], -i))][1]
    too_few = _count(tried[-1][1]) < low
    span = (RESOLUTIONS[-1], RESOLUTIONS[-1] * 16) if too_few else (RESOLUTIONS[0] / 16, RESOLUTIONS[0])
    return _bisect(graph, span, low, high, seed)


def _partition(graph: sparse.csr_matrix, resolution: float, seed: int) -> tuple[float, np.ndarray]:
    runs = [louvain(graph, resolution, seed * RUNS + run) for run in range(RUNS)]
    return stability(runs), consensus(graph, runs, resolution)


def _bisect(graph: sparse.csr_matrix, span: tuple[float, float], low: int, high: int, seed: int) -> np.ndarray:
    """Geometric bisection on the resolution until the count is within bounds (or 10 halvings)."""
    lo, hi = span
    labels = _partition(graph, hi, seed)[1]
    for _ in range(10):
        middle = float(np.sqrt(lo * hi))
        labels = _partition(graph, middle, seed)[1]
        if low <= _count(labels) <= high:
            break
        lo, hi = (middle, hi) if _count(labels) < low else (lo, middle)
    return labels


def _count(labels: np.ndarray) -> int:
    return len(np.unique(labels))

"""Graph clustering: a kNN similarity graph split into communities by Louvain, consensus over resolutions."""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

NEIGHBOURS = 15
"""kNN graph degree: UMAP's and BERTopic's default ``n_neighbors``."""
RESOLUTION = 1.0
"""Plain modularity (Newman & Girvan 2004); other resolutions only to meet the count bounds."""
FINER = (1.0, 1.414, 2.0, 2.828)
"""Resolutions whose runs the consensus accumulates (Reichardt & Bornholdt 2006): 1 and finer only, since
coarser than 1 only merges more (the resolution limit, Fortunato & Barthelemy 2007)."""
RUNS = 10
"""Most Louvain runs (seeded node orders) per resolution, for the consensus."""
RUN_BUDGET = 10_000
"""Nodes x runs per resolution: large corpora (already stable) get fewer runs, so 8,000 papers stay fast;
with one run left, resolution 1 alone is used (see ``accumulated``)."""
CHUNK = 1024
"""Most rows whose similarities to all others are computed at once (1,024 x 8,000 floats: 64 MB)."""
CHUNK_CELLS = CHUNK * 8192
"""Most similarities per chunk: past 8,192 papers a chunk has fewer rows, so memory per chunk stays flat."""
SPARSE_ROWS = 32
"""Most rows per chunk for sparse (tfidf) vectors: their similarities are the sparse matrix times the chunk's rows as
a dense block (vocabulary x rows), read once per word of every paper; a narrow block stays in the processor's cache
(32 rows of 20,000 words: 2.5 MB). Same similarities to the last bit (each is summed over the same words in the same
order). Measured 2026-12-01 (synthetic corpora, medians of 3 alternating runs): 2.7 s CPU against 3.8 with
1,024-row chunks at 8,000 papers, 60.1 s against 75.7 with 209-row ones at 40,000; 16 or 64 rows did the same."""
WORKERS = 4
"""Most threads for the neighbour search: chunks are independent, and sparse products and partitions release
the GIL (on 2 cores: 2.0x faster at 40,000 papers, 1.65x at 8,000). The result does not depend on the count."""
TIE_WINDOW = 8
"""Extra neighbour candidates looked at, so that ties at the cut still go by id."""


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Each row's most similar other rows, best first (equal similarities by row number, i.e. by paper id), and
    those similarities. Computed once per corpus: the kNN graph and the related papers both read it."""

    rows: np.ndarray
    sims: np.ndarray
    keys: np.ndarray | None = None
    """Each row's key (``text_keys``), from which Louvain draws the order it visits the nodes in; None: the row
    numbers."""

    def node_keys(self) -> np.ndarray:
        return self.keys if self.keys is not None else np.arange(self.rows.shape[0], dtype=np.uint64)


def text_keys(texts: Sequence[str]) -> np.ndarray:
    """A 64-bit hash of each text: what the papers are, not where their ids sort them, orders Louvain's visits."""
    return np.array(
        [int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little") for t in texts],
        dtype=np.uint64,
    )


def neighbours(vectors: Any, width: int, keys: np.ndarray | None = None) -> Neighbours:
    """The ``width`` most cosine-similar other rows of every row (unit rows, dense or sparse); ``keys`` as
    ``Neighbours.keys``."""
    n = vectors.shape[0]
    width = max(0, min(width, n - 1))
    if width == 0:
        return Neighbours(np.zeros((n, 0), dtype=int), np.zeros((n, 0)), keys)
    rows = max(1, min(CHUNK, CHUNK_CELLS // n, SPARSE_ROWS if sparse.issparse(vectors) else n))
    starts = range(0, n, rows)
    workers = min(WORKERS, len(starts), _cores())
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:  # map keeps the chunks in order
            parts = list(pool.map(lambda start: _nearest_rows(vectors, start, rows, width), starts))
    else:
        parts = [_nearest_rows(vectors, start, rows, width) for start in starts]
    return Neighbours(np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts]), keys)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _nearest_rows(vectors: Any, start: int, rows: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    # Rows come in id order, so the same papers give the same sums.
    block = vectors[start : start + rows]
    if sparse.issparse(vectors):  # tfidf: sparse x dense block is 2x faster than sparse x sparse at 40,000 papers
        sims = np.ascontiguousarray(np.asarray(vectors @ block.T.toarray()).T)
    else:
        sims = np.asarray(block @ vectors.T)
    sims[np.arange(sims.shape[0]), np.arange(start, start + sims.shape[0])] = -np.inf
    # A window a little wider than needed, so that near-ties at the cut are all seen; then sort by rounded
    # similarity (float noise must not reorder equal similarities) and row number (id order).
    width = min(count + TIE_WINDOW, sims.shape[1] - 1)
    top = np.sort(np.argpartition(sims, -width, axis=1)[:, -width:], axis=1)
    close = np.round(np.take_along_axis(sims, top, axis=1), 9)
    best = np.take_along_axis(top, np.lexsort((top, -close), axis=1), axis=1)[:, :count]
    cut = np.round(np.take_along_axis(sims, best[:, -1:], axis=1), 9)
    for row in np.flatnonzero(close.min(axis=1) >= cut[:, 0]):  # the tie may go on outside the window
        best[row] = np.lexsort((np.arange(sims.shape[1]), -np.round(sims[row], 9)))[:count]
    return best, np.take_along_axis(sims, best, axis=1)


def knn_graph(table: Neighbours, k: int = NEIGHBOURS) -> sparse.csr_matrix:
    """Symmetric graph of each row's ``k`` most similar rows, weighted by (positive) similarity."""
    n = table.rows.shape[0]
    k = min(k, table.rows.shape[1])
    rows = np.repeat(np.arange(n), k)
    sims = np.maximum(table.sims[:, :k].ravel(), 1e-6)
    graph = sparse.csr_matrix((sims, (rows, table.rows[:, :k].ravel())), shape=(n, n))
    return graph.maximum(graph.T).tocsr()


def louvain(graph: sparse.csr_matrix, resolution: float, seed: int, keys: np.ndarray) -> np.ndarray:
    """Community per node by Louvain modularity optimisation (Blondel et al. 2008), nodes visited in an order drawn
    from their ``keys`` and the seed (``visit_order``)."""
    labels = np.arange(graph.shape[0])
    level = 0
    while True:
        part = _local_moves(graph, resolution, visit_order(keys, seed, level))
        if part.max() + 1 == graph.shape[0]:
            return _compact(labels)
        labels = part[labels]
        keys = community_keys(keys, part)
        graph = aggregate(graph, part)
        level += 1


def visit_order(keys: np.ndarray, seed: int, level: int = 0) -> np.ndarray:
    """The nodes in a pseudo-random order drawn from their keys, the seed and the level: a node's place among the
    others depends on its own key only (equal keys by node number). Before 2026-12-02 the order was a seeded
    permutation of the rows, so renaming one paper (its id sorts it elsewhere) or adding one reshuffled the order of
    all: a better title derived for one seed paper moved 9 of tfidf's 12 themes and merged two of them."""
    salt = _mix(np.array([seed * 1_000_003 + level], dtype=np.uint64))
    return np.lexsort((np.arange(len(keys)), _mix(keys ^ salt)))


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser (Steele et al. 2014): each bit of a key moves every bit of the result."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def community_keys(keys: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Each community's key: its smallest member key, which stays as long as that member does."""
    out = np.full(int(part.max()) + 1, np.iinfo(np.uint64).max, dtype=np.uint64)
    np.minimum.at(out, part, keys)
    return out


def aggregate(graph: sparse.csr_matrix, part: np.ndarray) -> sparse.csr_matrix:
    """The graph of the communities: edge weights summed, inner edges kept as self-loops."""
    member = sparse.csr_matrix((np.ones(len(part)), (np.arange(len(part)), part)))
    return (member.T @ graph @ member).tocsr()


def _local_moves(graph: sparse.csr_matrix, resolution: float, order: np.ndarray) -> np.ndarray:
    """Leiden's fast local moving (Traag et al. 2019): a node is revisited only when a neighbour moved."""
    n = graph.shape[0]
    # The nodes renumbered in visiting order: node i of ``ranked`` is ``order[i]``, so the queue starts 0, 1, 2, ...
    # and each node's neighbours, in index order, are in visiting order too (they are queued again in it, and equal
    # gains go to the community met first: the consensus graph's agreement weights tie often).
    ranked = graph[order][:, order].tocsr()
    ranked.sort_indices()
    # Plain lists: this loop is the hot spot, and numpy scalar access is several times slower.
    indptr, indices, weights = ranked.indptr.tolist(), ranked.indices.tolist(), ranked.data.tolist()
    edges = [[(indices[e], weights[e]) for e in range(indptr[i], indptr[i + 1]) if indices[e] != i] for i in range(n)]
    degree = np.asarray(ranked.sum(axis=1)).ravel().tolist()
    scale = resolution / max(sum(degree), 1e-12)
    community, total = list(range(n)), list(degree)
    queue = deque(range(n))
    queued = [True] * n
    while queue:
        node = queue.popleft()
        queued[node] = False
        own = community[node]
        total[own] -= degree[node]
        best = _best_community(edges[node], own, community, total, degree[node] * scale)
        total[best] += degree[node]
        community[node] = best
        if best != own:
            for other, _ in edges[node]:
                if not queued[other] and community[other] != best:
                    queued[other] = True
                    queue.append(other)
    found = np.empty(n, dtype=np.int64)
    found[order] = order[np.asarray(community, dtype=np.int64)]  # back to node numbers, each community by its first
    return _compact(found)


def _best_community(
    edges: list[tuple[int, float]], own: int, community: list[int], total: list[float], pull: float
) -> int:
    """The neighbouring community with the largest modularity gain; staying wins ties."""
    links: dict[int, float] = {}
    for other, weight in edges:
        group = community[other]
        links[group] = links.get(group, 0.0) + weight
    best, gain = own, links.get(own, 0.0) - pull * total[own]
    for group, link in links.items():  # neighbour order is fixed, so ties resolve the same way every run
        score = link - pull * total[group]
        if score > gain + 1e-12:
            best, gain = group, score
    return best


def _compact(labels: np.ndarray) -> np.ndarray:
    return np.unique(labels, return_inverse=True)[1].astype(int).ravel()


def consensus(graph: sparse.csr_matrix, runs: list[np.ndarray], resolution: float, keys: np.ndarray) -> np.ndarray:
    """Louvain on the graph's edges reweighted by how often the runs agree (Lancichinetti & Fortunato 2012)."""
    if len(runs) == 1:
        return runs[0]
    coo = graph.tocoo()
    agree = np.mean([labels[coo.row] == labels[coo.col] for labels in runs], axis=0)
    keep = agree > 0
    agreed = sparse.csr_matrix((agree[keep], (coo.row[keep], coo.col[keep])), shape=graph.shape)
    return louvain(agreed, resolution, 0, keys)


def _run_count(graph: sparse.csr_matrix) -> int:
    return max(1, min(RUNS, RUN_BUDGET // max(int(graph.shape[0]), 1)))


def _runs(graph: sparse.csr_matrix, resolution: float, seed: int, keys: np.ndarray) -> list[np.ndarray]:
    return [louvain(graph, resolution, seed * RUNS + run, keys) for run in range(_run_count(graph))]


def partition(graph: sparse.csr_matrix, resolution: float, seed: int, keys: np.ndarray) -> np.ndarray:
    """Consensus of seeded Louvain runs; as many runs as ``RUN_BUDGET`` allows (1 to ``RUNS``)."""
    return consensus(graph, _runs(graph, resolution, seed, keys), resolution, keys)


def communities(
    table: Neighbours, low: int, high: int, seed: int, resolutions: tuple[float, ...] = (RESOLUTION,)
) -> np.ndarray:
    """Community per row, the consensus over the resolutions; finer or merged when out of ``low``..``high``."""
    graph, keys = knn_graph(table), table.node_keys()
    labels = accumulated(graph, resolutions, seed, keys)
    if _count(labels) < low:
        labels = _finer(graph, labels, low, seed, keys)
    if _count(labels) > high:
        labels = merge(graph, labels, high, seed, keys)
    return labels


def accumulated(graph: sparse.csr_matrix, resolutions: tuple[float, ...], seed: int, keys: np.ndarray) -> np.ndarray:
    """Evidence accumulation (Fred & Jain 2005) over resolutions: Louvain runs at every resolution, then the
    consensus at resolution 1 of the graph reweighted by how often two neighbours share a community. Pairs
    together at every scale stay together, so no single resolution has to be picked. Past ``RUN_BUDGET`` / 2
    nodes one run per resolution is all the budget allows: too few votes for a consensus (and 8,000 papers would
    take a second longer), so resolution 1 is used, as before accumulation."""
    if len(resolutions) == 1 or _run_count(graph) < 2:
        return partition(graph, resolutions[0], seed, keys)
    runs = [labels for resolution in resolutions for labels in _runs(graph, resolution, seed, keys)]
    return consensus(graph, runs, RESOLUTION, keys)


def _finer(graph: sparse.csr_matrix, labels: np.ndarray, low: int, seed: int, keys: np.ndarray) -> np.ndarray:
    """The coarsest resolution above 1 giving at least ``low`` communities (geometric bisection, 6 steps)."""
    lo, hi = RESOLUTION, RESOLUTION * 16
    for _ in range(6):
        middle = float(np.sqrt(lo * hi))
        trial = partition(graph, middle, seed, keys)
        if _count(trial) >= low:
            labels, hi = trial, middle
        else:
            lo = middle
    return labels


def merge(graph: sparse.csr_matrix, labels: np.ndarray, high: int, seed: int, keys: np.ndarray) -> np.ndarray:
    """At most ``high`` communities, as many as allowed: Louvain on the community graph, coarser resolution bisected
    (cheap: the community graph is tiny). Disconnected parts never merge, so they may still be more."""
    small, small_keys = aggregate(graph, labels), community_keys(keys, labels)
    lo, hi, best = RESOLUTION / 64, RESOLUTION, labels
    for _ in range(12):
        middle = float(np.sqrt(lo * hi))
        merged = louvain(small, middle, seed, small_keys)[labels]
        if _count(merged) <= high:
            best, lo = merged, middle
        else:
            hi = middle
    return best


def _count(labels: np.ndarray) -> int:
    return len(np.unique(labels))

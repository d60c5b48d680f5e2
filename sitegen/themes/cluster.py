"""Clustering shared by the engines: choose the theme count, assign papers, find outliers and neighbours."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.cluster import KMeans

from sitegen.themes import graph

Cluster = Callable[[Any, int, int], np.ndarray]
"""(unit vectors, k, seed) -> cluster index per row."""
Choose = Callable[[graph.Neighbours, int, int, int], np.ndarray]
"""(each row's nearest rows, fewest, most, seed) -> cluster index per row, the count chosen from the data; more than
``most`` clusters are replaced by the engine's ``Cluster`` with ``most`` (``themes.group``)."""

UNSORTED_SHARE = 0.10
"""At most this share of papers goes to the Unsorted theme (issue 4)."""
SMALLEST_SHARE = 0.005
"""A theme holds at least this share of the papers (and 3 papers); smaller groups join their nearest theme."""


def centred(vectors: np.ndarray, mean: np.ndarray | None = None) -> np.ndarray:
    """The vectors less the corpus mean (or ``mean``), made unit length again (a row equal to it becomes zeros).

    The semantic engine's themes are found this way (``Engine.centre``). MiniLM's vectors of one field's abstracts
    all lean the same way, so their cosines differ little and a few papers are everybody's nearest ("hubs"); cosine
    after centring measures how papers differ from the corpus (Suzuki et al. 2013, "Centering similarity measures
    to reduce hubs"). On the labelled abstracts it raised the physics NMI by +0.01 to +0.04 (averaged over
    resamples and random corpora), left the mix and medical about as they were, and made the themes much steadier
    when a few papers come or go (README, Quality and Stability). Not for tfidf: no gain, and sparse rows would
    become dense."""
    shifted = vectors - (vectors.mean(axis=0) if mean is None else mean)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return np.where(norms > 1e-9, shifted / np.maximum(norms, 1e-9), 0.0)  # float noise is not a direction


def typicality(vectors: Any, ids: Sequence[str], groups: Sequence[Sequence[str]]) -> dict[str, float]:
    """Paper id -> cosine between its row and the mean of its group's rows (unit rows, dense or sparse), rounded to
    4 decimals so that float noise cannot reorder a list. The papers nearest the middle of a theme are the ones its
    label and terms describe best: a theme page that lists them first reads as what the theme is about."""
    row = {pid: n for n, pid in enumerate(ids)}
    found: dict[str, float] = {}
    for members in groups:
        rows = vectors[[row[pid] for pid in members]]
        mean = np.asarray(rows.mean(axis=0)).ravel()
        norm = float(np.linalg.norm(mean))
        scores = np.asarray(rows @ (mean / norm if norm > 1e-12 else mean)).ravel()
        found.update((pid, round(float(score), 4)) for pid, score in zip(members, scores, strict=True))
    return dict(sorted(found.items()))


def kmeans(vectors: Any, k: int, seed: int) -> np.ndarray:
    """Spherical-ish k-means on unit vectors (k-means++ with several seeded restarts)."""
    model = KMeans(n_clusters=k, n_init=4, random_state=seed)
    return np.asarray(model.fit_predict(vectors))


def to_count(vectors: Any, labels: np.ndarray, k: int, split: Cluster, seed: int) -> np.ndarray:
    """Exactly ``k`` clusters where the rows allow it, from ``labels`` (the graph's communities): while there are more,
    the smallest joins the cluster with the nearest centroid; while there are fewer, the largest that holds two
    different rows is cut in two by ``split`` (the engine's k-means). Ties go by first row, i.e. by paper id.

    A forced ``theme_count`` is met this way rather than by k-means over the whole corpus (before 2026-12-01): k-means
    redraws every border when a paper comes or goes (QA, a lab's weekly additions: 2 new papers among the 577 seeds
    moved 439 of them to other themes with ``--count 12``, semantic, and 511 with tfidf), so no theme kept its page,
    ``theme_memory`` or not. The communities change as little with a forced count as without one."""
    labels = np.unique(labels, return_inverse=True)[1].astype(int).ravel()
    while labels.max() + 1 > k:
        sizes = np.bincount(labels)
        smallest = min(range(len(sizes)), key=lambda g: (sizes[g], int(np.flatnonzero(labels == g)[0])))
        centres = np.vstack([_centroid(vectors[labels == g]) for g in range(len(sizes))])
        closeness = centres @ centres[smallest]
        closeness[smallest] = -np.inf
        labels[labels == smallest] = int(np.argmax(closeness))
        labels = np.unique(labels, return_inverse=True)[1].astype(int).ravel()
    while labels.max() + 1 < k:
        sizes = np.bincount(labels)
        for g in sorted(range(len(sizes)), key=lambda g: (-sizes[g], int(np.flatnonzero(labels == g)[0]))):
            rows = np.flatnonzero(labels == g)
            if distinct_rows(vectors[rows]) < 2:  # identical rows stay one cluster (k-means would warn, and fail)
                continue
            halves = split(vectors[rows], 2, seed)
            if len(set(halves.tolist())) == 2:
                labels[rows[halves == halves[-1]]] = len(sizes)
                break
        else:
            break  # no cluster holds two different rows: fewer than k (the caller says so)
    return labels


def distinct_rows(vectors: Any) -> int:
    """How many different rows (to 6 decimals) there are, dense or sparse."""
    if hasattr(vectors, "tocsr"):
        rows = vectors.tocsr()
        return len(
            {
                (rows.indices[a:b].tobytes(), np.round(rows.data[a:b], 6).tobytes())
                for a, b in zip(rows.indptr[:-1], rows.indptr[1:], strict=True)
            }
        )
    return len(np.unique(np.round(np.asarray(vectors), 6), axis=0))


def count_bounds(n: int, low: int, high: int) -> tuple[int, int]:
    """The configured bounds on the theme count, narrowed so that a theme holds ~4 papers or more (fewer than 8
    papers make one theme)."""
    top = max(1, min(high, n // 4))
    return max(1, min(low, top)), top


def graph_communities(table: graph.Neighbours, low: int, high: int, seed: int) -> np.ndarray:
    """Consensus communities of the kNN graph over resolutions 1..2.8 (see ``graph.accumulated``)."""
    return graph.communities(table, low, high, seed, graph.FINER)


FOREIGN = 0.5
"""A part of a theme is foreign to it when its centre is less like the rest of the theme's (cosine) than this share of
how alike the two most different themes' centres are (and less than that itself, where they are opposed):
:func:`foreign_parts`."""


def foreign_parts(
    table: graph.Neighbours, raw: Any, labels: np.ndarray, smallest: int, high: int, seed: int
) -> np.ndarray:
    """Each theme's communities (Louvain on its part of the neighbour graph) that are foreign to the rest of it
    (:data:`FOREIGN`, judged on the engine's ``raw`` vectors, before centring) as themes of their own, while the
    count stays within ``high``. QA (2026-12-02): 8 clinical abstracts of the dev set added to the 577
    machine-learning seeds were each other's nearest papers, but with 15 neighbours each they also linked to ML
    papers, and the semantic engine filed them under "Reinforcement learning and agents" (70 papers), where no test
    of a paper's distance to its theme's centre tells them from a loose theme's own strays; 8 written for the test
    (``tests/fixtures/themes/clinical_strays.jsonl``) went there too, and into tfidf's "Unsupervised learning and
    clustering" (18). Their centres were at cosine -0.04 (semantic, the dev abstracts) and 0.05 (tfidf, the test's)
    from the rest of the theme, where the two most different themes were at 0.65 and 0.21; the other themes' parts
    are at 0.62 and 0.25 or more, and on the labelled dev splits, their resamples and random corpora no part is
    foreign."""
    groups = np.unique(labels)
    if len(groups) < 2:
        return labels
    centres = np.array([_centroid(raw[labels == g]) for g in groups])
    far = float((centres @ centres.T).min())
    bar = min(far, FOREIGN * far)
    knn, keys = graph.knn_graph(table), table.node_keys()
    out, fresh = labels.copy(), int(labels.max()) + 1
    for g in groups:
        rows = np.flatnonzero(labels == g)
        if len(rows) < 2 * smallest:
            continue
        parts = graph.louvain(knn[rows][:, rows].tocsr(), graph.RESOLUTION, seed, keys[rows])
        for part in range(int(parts.max()) + 1):
            member, rest = rows[parts == part], rows[parts != part]
            if len(member) < smallest or len(rest) < smallest or len(np.unique(out)) >= high:
                continue
            if float(_centroid(raw[member]) @ _centroid(raw[rest])) < bar:
                out[member], fresh = fresh, fresh + 1
    return out


def smallest_theme(n: int) -> int:
    """Fewest papers a theme may hold."""
    return max(3, int(SMALLEST_SHARE * n))


def centroid_similarity(vectors: Any, labels: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the (unit) centroid of its own cluster."""
    sims = np.zeros(vectors.shape[0])
    for group in np.unique(labels):
        rows = labels == group
        sims[rows] = _dense(vectors[rows] @ _centroid(vectors[rows])).ravel()
    return sims


def outliers(sims: np.ndarray, order_keys: list[str], first: np.ndarray | None = None) -> np.ndarray:
    """Rows far below the typical fit (Tukey's lower fence), at most UNSORTED_SHARE of them; the ``first`` rows
    (:func:`isolated`) before any other, within the same share."""
    q1, q3 = np.percentile(sims, [25, 75])
    fence = q1 - 1.5 * (q3 - q1)
    lead = np.zeros(len(sims), dtype=bool) if first is None else first
    below = [i for i in range(len(sims)) if sims[i] < fence or lead[i]]
    below.sort(key=lambda i: (not lead[i], sims[i], order_keys[i]))
    cap = int(UNSORTED_SHARE * len(sims))
    mask = np.zeros(len(sims), dtype=bool)
    mask[below[:cap]] = True
    return mask


FAR_OUT = 3.0
"""Tukey's "far out" fence (q1 - 3 x IQR) on each paper's likeness to the papers nearest it: :func:`isolated`."""


def isolated(table: graph.Neighbours, raw: Any, vectors: Any) -> np.ndarray:
    """Rows whose nearest rows are none of them like them, a mask: each row's best cosine on the engine's ``raw``
    vectors (before centring) among its nearest rows in ``table`` (found on ``vectors``), below Tukey's far-out
    fence (:data:`FAR_OUT`) of that figure over the corpus. Such a paper fits no theme, whichever it was put in: it
    goes to Unsorted (``themes._settled``). Not in fewer than 8 papers: their quartiles say little.

    The classic nearest-neighbour outlier score (Ramaswamy et al. 2000), judged on the raw vectors, as centring makes
    every paper's nearest ones look alike. QA (2026-12-02): one clinical or physics abstract among the 577
    machine-learning seeds went to Unsorted with tfidf (10 of 12 clinical ones) but never with semantic (0 of 20),
    mostly into "Reinforcement learning and agents": its theme's centre is no nearer to the theme's own papers than
    to it. Their best raw MiniLM cosines were 0.10-0.42 where the seeds' are 0.44 or more (median 0.65, fence 0.32);
    no seed and no paper of the labelled dev splits is below the fence."""
    n, width = table.rows.shape
    if width == 0 or n < 8:
        return np.zeros(n, dtype=bool)
    if raw is vectors:
        best = table.sims[:, 0]
    else:
        dense = _dense(raw)
        best = np.max([np.einsum("ij,ij->i", dense, dense[table.rows[:, j]]) for j in range(width)], axis=0)
    best = np.round(np.asarray(best, dtype=float), 6)  # float noise must not move a paper across the fence
    q1, q3 = np.percentile(best, [25, 75])
    return np.asarray(best < q1 - FAR_OUT * (q3 - q1))


NEAREST_KEPT = 1
"""How many of a paper's nearest papers lead its related papers whatever their theme (see :func:`nearest`)."""


def nearest(
    table: graph.Neighbours, ids: list[str], count: int, groups: Sequence[int] | None = None
) -> dict[str, tuple[str, ...]]:
    """For every row ``count`` related rows: its nearest row in ``table`` (``graph.NEIGHBOURS`` or more), whatever
    its group, then of the other nearest rows those of its own group (theme) first, then the others, each part best
    first. Rows are in id order, so ties go by id. A row in no group (-1, Unsorted) or without ``groups`` gets its
    nearest rows as they are.

    Own theme first: on the labelled abstracts the related papers then share the paper's label more often, by
    +0.03 to +0.08 for most kinds of corpus and engine, about the same where the themes are poor (tfidf on medical
    abstracts); see README, Quality. The nearest row first whatever its theme (:data:`NEAREST_KEPT`): QA, a paper
    near a theme's border, or put in the wrong theme, missed the paper most like it (96 of the 577 seed pages); the
    label share moved by -0.008 to +0.008, within the noise."""
    count = min(count, table.rows.shape[1])
    if count < 1:
        return {pid: () for pid in ids}
    related: dict[str, tuple[str, ...]] = {}
    for row, (pid, near) in enumerate(zip(ids, table.rows.tolist(), strict=True)):
        if groups is not None and groups[row] >= 0:
            kept, rest = near[:NEAREST_KEPT], near[NEAREST_KEPT:]
            near = kept + [j for j in rest if groups[j] == groups[row]] + [j for j in rest if groups[j] != groups[row]]
        related[pid] = tuple(ids[j] for j in near[:count])
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
    centres = np.vstack([_centroid(vectors[labels == g]) for g in keep])
    lost = np.flatnonzero(labels < 0)
    best = _dense(vectors[lost] @ centres.T).argmax(axis=1)
    out = labels.copy()
    out[lost] = np.asarray(keep)[best]
    return out


def _centroid(members: Any) -> np.ndarray:
    """Unit mean of the rows (dense or sparse: a sparse cluster is never made dense)."""
    return _unit(np.asarray(members.mean(axis=0)).ravel())


def _dense(matrix: Any) -> np.ndarray:
    return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)

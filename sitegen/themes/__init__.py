"""Themes: group papers into labelled themes with a registry of engines (tfidf, semantic, and those installed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import EntryPoint, entry_points
from types import MappingProxyType
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from sitegen.errors import ConfigError
from sitegen.records import Paper, ThemeResult
from sitegen.textutil import plural
from sitegen.themes import cluster, graph, tfidf
from sitegen.themes.assemble import Describe, assemble, no_theme_named, paper_text, unknown_pins
from sitegen.themes.cluster import Choose, Cluster

Progress = Callable[[str], None]

MIN_THEMES = 5
"""Fewest themes the automatic choice looks for when ``min_themes`` is not set; a corpus whose communities are
fewer keeps its own count (four subjects make four themes)."""


@dataclass(frozen=True, slots=True)
class ThemeOptions:
    """Settings of the themes stage, made from the plugin config (``plugin.theme_options``: ``theme_count`` is
    ``count``, ``rename_themes`` is ``rename``) and the CLI's options."""

    engine: str = "auto"
    """``auto`` (semantic when installed, else tfidf), ``tfidf``, ``semantic`` or another of ``engine_choices()``."""
    count: int | None = None
    """Force this many themes instead of choosing the count from the data."""
    min_themes: int | None = None
    """Fewest themes the automatic choice may pick, always reached (k-means makes them if the data's communities
    are fewer); None: ``MIN_THEMES``, unless the communities are fewer."""
    max_themes: int = 40
    """Most themes the automatic choice may pick."""
    rename: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Theme id or label -> the label to show instead."""
    pin: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Paper id -> label or id of the theme it must belong to."""
    related: int = 5
    """How many related papers to keep per paper."""
    cache_dir: str | None = None
    """Embedding cache folder of the semantic engine (default ``.sitegen-cache/embeddings``)."""
    seed: int = 0
    """Seed of every random step."""
    memory: Mapping[str, Sequence[str]] = field(default_factory=lambda: MappingProxyType({}))
    """An earlier build's themes (label -> paper ids, ``theme_memory``): a theme mostly of the same papers keeps
    its label (``assemble.recall``)."""
    source: str = ""
    """The config file ``rename`` and ``pin`` come from, named in the errors they cause (``mkdocs.yml: pin: the
    labels ...``, as MkDocs' own config errors name it); empty: none named."""


@dataclass(frozen=True, slots=True)
class Engine:
    """A named way to turn texts into vectors and vectors into clusters."""

    name: str
    """Registry name, reported as ``ThemeResult.engine``."""
    available: Callable[[], bool]
    """True when the engine's dependencies are installed."""
    vectors: Callable[[Sequence[str], ThemeOptions, Progress | None], Any]
    """Texts -> unit-length row vectors (dense array or sparse matrix)."""
    cluster: Cluster
    """(vectors, k, seed) -> cluster index per row: used when the config forces the count, and when the graph's
    communities are more than ``max_themes`` or fewer than a ``min_themes`` someone set."""
    choose: Choose
    """How the theme count is chosen when the config does not force it."""
    centre: bool = False
    """Compare the vectors less their corpus mean (``cluster.centred``)."""
    term_vectors: Callable[[Sequence[str], ThemeOptions, Progress | None], np.ndarray] | None = None
    """Label terms -> vectors in the space of ``vectors``, to rank a theme's label terms by how well they stand
    for the whole theme (``labels.representative``); None: by distinctiveness alone."""
    extra: str | None = None
    """The package extra that installs what the engine needs (``pip install 'sitegen[semantic]'``), if any: of
    sitegen for an engine of ``ENGINES``, of its package for one an entry point offers."""


def _tfidf_vectors(texts: Sequence[str], options: ThemeOptions, progress: Progress | None) -> Any:
    return tfidf.embed(texts)


def _semantic_available() -> bool:
    from sitegen.themes import semantic

    return semantic.available()


def _semantic_vectors(texts: Sequence[str], options: ThemeOptions, progress: Progress | None) -> Any:
    from sitegen.themes import semantic  # lazy: the tfidf path never imports torch

    return semantic.embed(texts, progress, options.cache_dir)


def _semantic_terms(terms: Sequence[str], options: ThemeOptions, progress: Progress | None) -> np.ndarray:
    from sitegen.themes import semantic

    return semantic.embed(terms, progress, options.cache_dir, what="label terms")


ENGINES: dict[str, Engine] = {
    "tfidf": Engine("tfidf", lambda: True, _tfidf_vectors, cluster.kmeans, cluster.graph_communities),
    "semantic": Engine(
        "semantic",
        _semantic_available,
        _semantic_vectors,
        cluster.kmeans,
        cluster.graph_communities,
        centre=True,
        term_vectors=_semantic_terms,
        extra="semantic",
    ),
}
"""The theme engines by name: the built-in ones, and any a program adds before it builds
(``ENGINES["first-word"] = Engine(...)``). Installed packages add theme engines through entry points
(``ENTRY_POINT_GROUP``); a name here wins over an entry point of the same name."""

ENTRY_POINT_GROUP = "sitegen.engines"
"""The entry-point group through which an installed package offers theme engines: the entry point's name is the
engine's name and it loads an ``Engine`` (``[project.entry-points."sitegen.engines"]``,
``first-word = "firstword_engine:ENGINE"``)."""


def engine_entry_points() -> dict[str, EntryPoint]:
    """The engines installed packages offer, by entry-point name, not loaded: naming them imports nothing, so a
    broken package fails only the run that picks its engine (``pick_engine``), not every run. One named ``auto``
    is left out: that name is the choice of the best engine installed."""
    return {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP) if point.name != "auto"}


def engine_choices() -> tuple[str, ...]:
    """What ``engine`` may be set to: ``auto`` (the best installed), the names in ``ENGINES`` and those of the
    installed packages' entry points. Read each time a choice is checked (``--engine``, the plugin's ``engine``),
    not once at import: an engine a program adds to ``ENGINES`` before it runs the CLI is one to choose (QA:
    ``--engine first-word`` was refused, though ``ENGINES["first-word"]`` was set and the library took it)."""
    installed = sorted(name for name in engine_entry_points() if name not in ENGINES)
    return ("auto", *ENGINES, *installed)


def pick_engine(name: str) -> Engine:
    """The engine named (from ``ENGINES``, else an installed package's entry point), or for ``auto`` the best one
    installed."""
    if name == "auto":
        return ENGINES["semantic"] if ENGINES["semantic"].available() else ENGINES["tfidf"]
    engine = ENGINES.get(name) or _installed_engine(name)
    if not engine.available():
        point = None if name in ENGINES else engine_entry_points()[name]
        package = "sitegen" if point is None or point.dist is None else point.dist.name  # whose extra it is
        how = f"pip install '{package}[{engine.extra}]'" if engine.extra else "its dependencies are missing"
        raise ConfigError(f"theme engine {name!r} is not installed ({how})")
    return engine


def _installed_engine(name: str) -> Engine:
    """The engine an installed package's entry point ``name`` loads, named ``name`` whatever its ``Engine.name``
    says (the results report the name that was chosen). A package that fails to load, or loads something other
    than an ``Engine``, is a ``ConfigError`` naming the entry point and its package, not a traceback from inside
    the package."""
    point = engine_entry_points().get(name)
    if point is None:
        raise ConfigError(f"unknown theme engine {name!r} (choose from: {', '.join(engine_choices())})")
    where = f"entry point '{point.name} = {point.value}' in group {ENTRY_POINT_GROUP}"
    if point.dist is not None:
        where += f" of the package {point.dist.name}"
    try:
        loaded = point.load()
    except Exception as exc:  # anything a third party's import can raise: said in one line, with its cause
        raise ConfigError(f"theme engine {name!r} could not be loaded ({where}): {type(exc).__name__}: {exc}") from exc
    if not isinstance(loaded, Engine):
        kind = type(loaded).__name__
        raise ConfigError(f"theme engine {name!r} is not a sitegen.themes.Engine ({where} gives a {kind})")
    return loaded if loaded.name == name else replace(loaded, name=name)


def group(
    vectors: Any, table: graph.Neighbours, engine: Engine, options: ThemeOptions, ids: list[str], raw: Any = None
) -> np.ndarray:
    """Cluster index per row, -1 for the Unsorted papers. A count the config forces is kept, however small its
    themes: the engine's communities sought at that count, then joined or split to it (``cluster.to_count``). A count
    chosen from the data joins themes smaller than ``cluster.smallest_theme`` to their nearest. When that leaves
    fewer than a ``min_themes`` that is set (the graph splits no finer, even at its finest resolution, or small
    themes joined), the communities are split to ``min_themes`` themes, as a forced count would be. A chosen count's
    themes first lose their foreign parts to themes of their own (``cluster.foreign_parts``, judged on ``raw``: the
    engine's vectors before centring; by default ``vectors``). Papers none of whose nearest papers is like them (on
    ``raw`` too: ``cluster.isolated``) are the first to go to Unsorted, whatever the count, unless a foreign part
    made them a theme: 8 clinical abstracts among the ML seeds (``clinical_strays.jsonl``) are each other's nearest,
    but 5 of them are isolated all the same (different clinical subjects: raw MiniLM cosines of about 0.3), and
    unsorting those left 3 of them and a cosmology paper as a theme ("Adults")."""
    n = vectors.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    alone = cluster.isolated(table, vectors if raw is None else raw, vectors)
    if options.count is not None:
        forced = _exactly(vectors, table, engine, min(options.count, n), options.seed)
        return _settled(vectors, forced, ids, 1, n, alone)
    low, high = cluster.count_bounds(n, options.min_themes or MIN_THEMES, options.max_themes)
    chosen = engine.choose(table, low, high, options.seed) if high > 1 else np.zeros(n, dtype=int)
    if _made(chosen) > high:  # an engine's choice past the bound (parts of the graph that never merge): the bound
        chosen = cluster.to_count(vectors, chosen, high, engine.cluster, options.seed)
    smallest = cluster.smallest_theme(n)
    parted = cluster.foreign_parts(table, vectors if raw is None else raw, chosen, smallest, high, options.seed)
    alone &= parted <= chosen.max()  # a foreign part's papers have a theme of their own: not alone
    chosen = parted
    labels = _settled(vectors, chosen, ids, smallest, low if options.min_themes is not None else 1, alone)
    if options.min_themes is not None and _made(labels) < low:
        labels = _settled(
            vectors, cluster.to_count(vectors, chosen, low, engine.cluster, options.seed), ids, 1, low, alone
        )
    return labels


def _exactly(vectors: Any, table: graph.Neighbours, engine: Engine, k: int, seed: int) -> np.ndarray:
    """``k`` clusters (fewer only when the rows are not that many different ones: identical papers stay one theme,
    and the caller warns; QA: a count of all the papers made one theme of each of four identical ones)."""
    n = vectors.shape[0]
    k = min(k, cluster.distinct_rows(vectors))
    if k <= 1:
        return np.zeros(n, dtype=int)
    chosen = engine.choose(table, k, k, seed) if table.rows.shape[1] else np.zeros(n, dtype=int)
    return cluster.to_count(vectors, chosen, k, engine.cluster, seed)


def _settled(
    vectors: Any, labels: np.ndarray, ids: list[str], smallest: int, keep: int, alone: np.ndarray | None = None
) -> np.ndarray:
    """Clusters of fewer than ``smallest`` rows joined to their nearest, renumbered, and the outliers sent to
    Unsorted (-1): the ``alone`` rows (``cluster.isolated``) first, then those far from their theme's centre. A
    theme the outliers would leave with fewer than ``smallest`` papers (or none) goes to Unsorted whole, if that
    leaves ``keep`` themes or more and Unsorted within its share (``cluster.UNSORTED_SHARE``), and else keeps all
    its papers: QA, 42 papers of four subjects and three strays made the strays a theme, two of them
    went to Unsorted, and the third was a theme of its own, "Theme 5", with no terms."""
    labels = cluster.renumber(cluster.absorb(vectors, cluster.renumber(labels, ids, smallest)), ids, smallest)
    unsorted = cluster.outliers(cluster.centroid_similarity(vectors, labels), ids, alone)
    themes, cap = _made(labels), int(cluster.UNSORTED_SHARE * len(labels))
    for g in sorted(set(labels.tolist())):
        rows = labels == g
        if int(np.count_nonzero(rows & ~unsorted)) >= min(smallest, int(np.count_nonzero(rows))):
            continue
        if themes - 1 >= keep and np.count_nonzero(unsorted | rows) <= cap:
            unsorted[rows], themes = True, themes - 1
        else:
            unsorted[rows] = False
    labels[unsorted] = -1
    return labels


def _made(labels: np.ndarray) -> int:
    """Number of themes, Unsorted not counted."""
    return len(set(labels.tolist()) - {-1})


def _describer(
    engine: Engine, options: ThemeOptions, found: Any, progress: Progress | None
) -> Callable[[np.ndarray], Describe | None]:
    """For a grouping (a theme number per row, -1 Unsorted): each theme's centre and the engine's term vectors, in
    the space the themes were found in (centred when the engine centres); None when the engine has no term vectors,
    or for a single theme (centred, its centre is the corpus mean: nothing to be close to). A function, as the
    themes after the pins are described again (``assemble``)."""
    embed_terms = engine.term_vectors
    mean = np.asarray(found.mean(axis=0)).ravel() if engine.centre else None
    shifted = found - mean if mean is not None else found

    def term_vectors(terms: Sequence[str]) -> np.ndarray:
        assert embed_terms is not None
        raw = embed_terms(terms, options, progress)
        return cluster.centred(raw, mean) if mean is not None else raw

    def describe(labels: np.ndarray) -> Describe | None:
        if embed_terms is None or labels.max() < 1:
            return None
        count = int(labels.max()) + 1
        centres = np.vstack([np.asarray(shifted[labels == g].mean(axis=0)).ravel() for g in range(count)])
        return centres, term_vectors

    return describe


def _feasible(options: ThemeOptions, n: int) -> tuple[ThemeOptions, tuple[str, ...]]:
    """The options with a forced count no larger than the ``n`` papers, and a note for a count or a ``min_themes``
    that ``n`` papers cannot have (a minimum past one theme per 4 papers is lowered by ``cluster.count_bounds``)."""
    if options.count is not None and options.count > n:
        return replace(options, count=n), (
            f"theme count {options.count} is more than the {plural(n, 'paper')}; using {n}",
        )
    cap = cluster.count_bounds(n, 1, n)[1]
    if options.count is None and options.min_themes is not None and options.min_themes > cap:
        low = cluster.count_bounds(n, options.min_themes, options.max_themes)[0]
        return options, (
            f"min_themes {options.min_themes} is more than one theme per 4 papers allows ({cap}); using {low}",
        )
    return options, ()


def _check_ids(ids: Sequence[str]) -> None:
    """A ``ValueError`` when a paper has no id or shares one: every result is keyed by paper id, so papers made
    in a program and passed straight in (``Paper(id="", ...)``, before ``enrich`` gives them ids) made a theme
    assignment with one key for nine papers, said nowhere (QA)."""
    counts = Counter(ids)
    clashes = sorted(((n, pid) for pid, n in counts.items() if n > 1 or not pid), key=lambda c: (-c[0], c[1]))
    if not clashes:
        return
    said = [f"{n} papers share the id {pid!r}" if n > 1 else f"a paper has the empty id {pid!r}" for n, pid in clashes]
    more = f"; and {plural(len(said) - 3, 'other id')}" if len(said) > 3 else ""
    raise ValueError(f"papers need unique ids: run sitegen.enrich.enrich first ({'; '.join(said[:3])}{more})")


def detect_themes(
    papers: Sequence[Paper], options: ThemeOptions | None = None, progress: Progress | None = None
) -> ThemeResult:
    """Themes, each paper's theme and related papers; the same papers in any order give the same result. The
    papers need unique, non-empty ids (``sitegen.enrich.enrich`` gives them): a ``ValueError`` otherwise."""
    options = options or ThemeOptions()
    engine = pick_engine(options.engine)
    ordered = sorted(papers, key=lambda p: p.id)
    ids = [p.id for p in ordered]
    _check_ids(ids)
    if not ordered:
        warnings = (*unknown_pins(ids, options.pin), *map(no_theme_named, sorted(options.rename)))
        return ThemeResult(themes=(), engine=engine.name, warnings=warnings)
    options, warnings = _feasible(options, len(ordered))
    low = cluster.count_bounds(len(ordered), options.min_themes or MIN_THEMES, options.max_themes)[0]
    asked = options.count is None and options.min_themes is not None  # a minimum someone set: reached, or said
    texts = [paper_text(p) for p in ordered]
    said: list[str] = []

    def relay(message: str) -> None:
        said.append(message)
        if progress:
            progress(message)

    found = engine.vectors(texts, options, relay)
    vectors = cluster.centred(found) if engine.centre else found
    if progress and said:  # the engine showed a long part of its own (embedding): what follows is a step too
        progress(f"grouping {len(ordered)} papers into themes")
    # One BLAS thread: measured 6x faster (for the LSA step the tfidf engine once had) on 2 busy cores: OpenBLAS
    # threads spin against each other and anything else running; results do not depend on it.
    with threadpool_limits(limits=1, user_api="blas"):
        table = graph.neighbours(vectors, max(graph.NEIGHBOURS, options.related), graph.text_keys(texts))  # once
        labels = group(vectors, table, engine, options, ids, found)
        made = _made(labels)
        if options.count is not None and made != options.count:  # identical abstracts: fewer groups to split
            warnings += (f"theme count {options.count} asked for, {made} made: no more groups of different papers",)
        elif asked and made < low:  # the same when splitting to ``low`` themes (see ``group``)
            warnings += (f"min_themes {low} asked for, {made} made: no more groups of different papers",)
        describe = _describer(engine, options, found, progress)
        try:
            made_up = assemble(
                ids, texts, labels, options.rename, options.pin, describe(labels), options.memory, redescribe=describe
            )
        except ConfigError as exc:  # labels the overrides give that cannot each have a page
            raise ConfigError(f"{options.source}: {exc}" if options.source else str(exc)) from exc
        themes, assignment = made_up.themes, made_up.assignment
        numbers = {t.id: -1 if t.unsorted else n for n, t in enumerate(themes)}
        related = cluster.nearest(table, ids, options.related, [numbers[assignment[pid]] for pid in ids])
        typical = cluster.typicality(vectors, ids, [t.paper_ids for t in themes if not t.unsorted])
    return ThemeResult(
        themes=themes,
        assignment=assignment,
        related=related,
        engine=engine.name,
        warnings=warnings + made_up.warnings,
        typical=typical,
        memory=made_up.memory,
        notes=made_up.notes,
    )

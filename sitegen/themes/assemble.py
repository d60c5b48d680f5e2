"""Turn cluster numbers into Theme records: labels, terms, Unsorted, then the user's overrides."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np

from sitegen.errors import ConfigError
from sitegen.records import Paper, Theme
from sitegen.textutil import URL, slugify
from sitegen.themes import labels as lab
from sitegen.themes.tfidf import singular

Describe = tuple[np.ndarray, Callable[[Sequence[str]], np.ndarray]]
"""Each group's centre (a row per group number) and terms -> vectors in the same space."""
UNSORTED_ID = "unsorted"
UNSORTED_LABEL = "Unsorted"
TERMS = 10
LABEL_TEXTS = 2000
"""Labels are read from at most about this many texts, spread evenly over the themes (every n-th member)."""
SHARED_BY = 2
"""Fewest papers of a theme that hold the second part of its label ("X and Y"): one paper's subject is no
theme's. Near-copies of a paper count once (``labels.near_copies``)."""
LEAD_SHARE = 0.1
"""Least share of a theme's papers (near-copies counted once) that hold the term its label is named after, in a theme
of ``LEAD_FROM`` papers or more: in a catch-all theme a phrase that two or three papers repeat outscores the words the
others share, and 85 physics and mathematics papers were "Dark matter and particles", which 6 of them mention. A term
of wider hold leads instead; if none holds enough, the best term all the same. At 15 % the seeds' "Object detection
and segmentation" (its phrase in 13 % of 76 papers) became "Image segmentation". In any theme the term is held by 2
papers, as a second part is: 3 copies of one paper made a theme of 11 "Graham conjecture and reflectionless", one
paper of 4 "Break" (over 8 resamples of each split of the labelled abstracts, that changed 2 labels of 325)."""
LEAD_FROM = 40
"""Fewest papers of a theme that ``LEAD_SHARE`` applies to. In smaller themes a phrase of 2 or 3 papers is as much as
any subject of theirs gets, and the rule traded sub-topics for words of every abstract: over 8 resamples of the
labelled abstracts it turned "Lower esophageal sphincter" (21-34 papers) into "Syndrome and achalasia", "Pain and
achalasia" or "Therapy and achalasia", and "Myasthenia gravis and receptors" into "Children and receptors"."""
WHOLE_SHARE = 0.5
"""Least share of the papers that hold the term a corpus's only theme is named after; else it is :data:`ALL_LABEL`.
The label of the only theme heads every page as the name of the whole collection: QA, 5 papers on transformers,
residual networks, BERT, algae and the Hubble constant were one theme, "Constant and encoder", named after words of
2 of them."""
ALL_LABEL = "All papers"
"""The only theme's label when no term is held by :data:`WHOLE_SHARE` of its papers."""


def paper_text(paper: Paper) -> str:
    """The text an engine sees: title (when real) and abstract, without links (:data:`textutil.URL`, the links
    ``enrich`` finds: a link's words, "github", "com", are no subject)."""
    abstract = URL.sub(" ", paper.abstract)
    if paper.title and not paper.title_synthesized:
        return f"{paper.title}. {abstract}"
    return abstract


def name_groups(
    texts: Sequence[str], groups: np.ndarray, describe: Describe | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """(label, terms) per group number, labels unique; larger groups choose first. With ``describe`` (each group's
    centre and a way to put terms in the same space) terms are ranked by how well they stand for the whole group
    as well as by how distinctive they are (``labels.representative``)."""
    count = int(groups.max()) + 1 if len(groups) else 0
    ranking, texts, groups, copies = _ranked(texts, groups, count, describe)
    ends = lab.phrase_ends(texts)
    forms = lab.word_forms(texts)
    taken: set[str] = {UNSORTED_ID}
    named: list[tuple[str, tuple[str, ...]]] = []
    for g, ranked in enumerate(ranking):
        held = np.flatnonzero(groups == g)
        members = [texts[i] for i in held]
        label = _first_free(ranked, members, taken, ends, forms, [copies[i] for i in held], whole=count == 1)
        label = label or (ALL_LABEL if count == 1 else f"Theme {g + 1}")
        taken.add(label_key(label))
        named.append((label, shown_terms((t for t, _ in ranked), members)))
    return named


def _ranked(
    texts: Sequence[str], groups: np.ndarray, count: int, describe: Describe | None
) -> tuple[list[list[tuple[str, float]]], list[str], np.ndarray, list[int]]:
    """Each group's terms, best first (c-TF-IDF over the label texts, near-copies weighing as one text; re-ranked
    by ``describe`` when given), with the label texts (the prose of :func:`_label_rows`), their groups and their
    near-copy numbers (``labels.near_copies``)."""
    rows = _label_rows(groups, count)
    prose, picked = [lab.prose(texts[i]) for i in rows], groups[rows]
    copies = lab.near_copies(prose, picked.tolist())
    scores, terms = lab.class_tfidf(prose, picked.tolist(), count, copies)
    ranking = [lab.top_terms(scores[g], terms) if terms else [] for g in range(count)]
    if describe is not None:
        ranking = lab.representative(ranking, *describe)
    return ranking, prose, picked, copies


def shown_terms(ranked: Iterable[str], texts: Sequence[str] | None = None) -> tuple[str, ...]:
    """The ``TERMS`` best terms a theme's pages show, one form of each: a term whose words are an earlier one's but
    for plurals and hyphens is left out (QA: "neurons, neuron", "graph, graphs", "diffusion model, diffusion models",
    "class-incremental learning, class incremental learning"), and so is one whose words are a run of an earlier
    one's (QA, a clinician's corpus: "magnetic resonance imaging, resonance, resonance imaging" took 3 of the 10
    slots, saying one thing). A longer phrase after a shorter one it holds takes the shorter one's place when the
    theme's ``texts`` write the shorter one mostly in it (``INSIDE`` of the papers that hold it hold the phrase:
    "series, time series" is "time series") and the phrase has no stop word in it (the regression hunt: "tactics and
    match" took the place of "tactics" in a corpus that always wrote them so), and is shown beside it otherwise
    ("graph", "graph neural networks": a subject and a part of it)."""
    shown: list[tuple[tuple[str, ...], str]] = []
    for term in ranked:
        words = tuple(singular(word) for word in re.split(r"[\s-]+", term) if word)
        if any(_run_of(words, earlier) for earlier, _ in shown):
            continue
        held = [n for n, (earlier, _) in enumerate(shown) if _run_of(earlier, words)]
        plain = not any(word in lab.STOP_WORDS for word in term.split())  # not "tactics and match" for "tactics"
        if held and plain and texts is not None and all(_mostly_in(shown[n][1], term, texts) for n in held):
            shown[held[0]] = (words, term)
            shown = [entry for n, entry in enumerate(shown) if n not in held[1:]]
        else:
            shown.append((words, term))
        if len(shown) == TERMS:
            break
    return tuple(term for _, term in shown)


INSIDE = 0.8
"""Share of the papers holding a shown term that must hold a longer phrase of it for the phrase to replace it."""


def _mostly_in(term: str, phrase: str, texts: Sequence[str]) -> bool:
    """Whether the texts that hold ``term`` mostly hold it as part of ``phrase`` ("series" of "time series")."""
    return lab.papers_with(phrase, texts) >= INSIDE * lab.papers_with(term, texts)


def _run_of(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``words`` are ``phrase`` or a run of its words ("resonance imaging" of "magnetic resonance imaging")."""
    return any(phrase[i : i + len(words)] == words for i in range(len(phrase) - len(words) + 1))


def _label_rows(groups: np.ndarray, count: int) -> np.ndarray:
    """Every n-th member of each theme (rows are in id order), so labels cost the same for any corpus size."""
    cap = max(1, LABEL_TEXTS // max(count, 1))
    picked = [np.flatnonzero(groups == g) for g in range(count)]
    rows = [members[:: -(-len(members) // cap)] for members in picked if len(members)]
    return np.sort(np.concatenate(rows)) if rows else np.arange(0)


def _first_free(
    ranked: list[tuple[str, float]],
    members: list[str],
    taken: set[str],
    ends: Mapping[str, float],
    forms: lab.Forms | None = None,
    copies: Sequence[int] | None = None,
    *,
    whole: bool = False,
) -> str | None:
    """The best free label: named after a term that 2 of the theme's papers hold, and ``LEAD_SHARE`` of them in a
    theme of ``LEAD_FROM`` papers or more, and a heading ("Cerebral" with no phrase of its own is skipped, and so is
    a phrase that names no thing, "Useful for predicting"), if any candidate makes one; else a heading of a term
    fewer hold; else the best free candidate all the same (a word is a better name than "Theme 3"). Papers are
    counted with their near-copies (``copies``, by ``labels.near_copies``; by default every text is its own) as one.
    Its words are cased as all the ``forms`` of the label texts write them (``labels.surface``; by default as the
    theme's own texts do). The ``whole`` corpus's only theme is named after a term half its papers hold
    (:data:`WHOLE_SHARE`), or not at all."""
    copies = list(copies) if copies is not None else list(range(len(members)))
    papers = len(set(copies))
    enough = max(min(SHARED_BY, papers), LEAD_SHARE * papers if papers >= LEAD_FROM else 0.0)
    if whole:
        enough = max(enough, WHOLE_SHARE * papers)
    # A second part names what 2 or more of the papers are about; a theme of copies of one text has only that one.
    by = min(SHARED_BY, papers) if len(members) > 1 else SHARED_BY

    def shared(phrase: str) -> bool:
        return lab.papers_with(phrase, members, copies) >= by

    passes = (
        ((True, True), (True, False)) if whole else ((True, True),) * (enough > 1) + ((False, True), (False, False))
    )
    for wide, headings_only in passes:
        for candidate in lab.candidates(ranked):
            if wide and lab.papers_with(candidate, members, copies) < enough:
                continue
            combined = lab.combine(candidate, ranked, ends if headings_only else None, shared, members)
            if headings_only and not (
                lab.heading(combined, ends) and all(lab.names_a_thing(part) for part in combined.split(" and "))
            ):
                continue
            label = lab.surface(combined, members, forms)
            if label_key(label) not in taken:
                return label
    return None


def label_key(label: str) -> str:
    """What two labels must not share: their slugs with plurals folded (QA: a forced count of 5 over 5 papers made
    themes "Layer" and "Layers")."""
    return "-".join(singular(word) for word in slugify(label).split("-"))


def assemble(
    ids: list[str],
    texts: Sequence[str],
    groups: np.ndarray,
    rename: Mapping[str, str],
    pin: Mapping[str, str],
    describe: Describe | None = None,
    memory: Mapping[str, Sequence[str]] | None = None,
    *,
    redescribe: Callable[[np.ndarray], Describe | None] | None = None,
) -> Assembled:
    """Theme records (largest first, Unsorted last), paper id -> theme id, warnings and notes about the overrides,
    and what to remember for the next build (:func:`remember`). With a ``memory`` of an earlier build (label ->
    paper ids), a theme that is mostly the papers of a remembered one keeps its label (:func:`recall`) before the
    overrides apply, so its page and the ``rename_themes`` keys naming it last. The terms of themes whose papers
    pins changed are ranked again from the papers they end with (``redescribe``: ``describe`` for another
    grouping)."""
    named = name_groups(texts, groups, describe)
    drafts = [_Draft(label, terms) for label, terms in named] + [_Draft(UNSORTED_LABEL, (), unsorted=True)]
    for pid, g in zip(ids, groups.tolist(), strict=True):
        drafts[g].members.append(pid)  # -1, Unsorted, is the last draft
    if memory:
        recall(drafts[:-1], memory)
    before = {id(draft): frozenset(draft.members) for draft in drafts}
    warnings = [*unknown_pins(ids, pin), *_rename(drafts, rename)]
    pinned, notes = _apply_pins(drafts, pin, set(ids), {theme_slug(label) for label in memory or {}})
    warnings += pinned
    notes += _renamed_but_empty(drafts)
    changed = [d for d in drafts if d.members and not d.unsorted and frozenset(d.members) != before.get(id(d))]
    if changed:
        _reterm(drafts, changed, ids, texts, redescribe)
    return Assembled(*_records(drafts), tuple(warnings), tuple(notes), remember(drafts))


@dataclass(frozen=True, slots=True)
class Assembled:
    """What :func:`assemble` decides."""

    themes: tuple[Theme, ...]
    """Largest first, Unsorted last."""
    assignment: dict[str, str]
    """Paper id -> theme id."""
    warnings: tuple[str, ...]
    """Overrides that did not apply as written: a pin of no paper, a rename of no theme, a pin to a name close to a
    theme's (a typo?)."""
    notes: tuple[str, ...]
    """Overrides that applied but are worth a line: a pin that makes a new theme, a rename of a theme with no paper
    this time."""
    memory: Memory
    """What the next build may recall (:func:`remember`)."""


Memory = tuple[tuple[str, tuple[str, ...]], ...]
"""What a build remembers of its themes: (label as detected or recalled, before ``rename_themes``; its papers' ids),
by label."""
KEEP_SHARE = 0.5
"""A theme keeps a remembered label when at least this share of the papers of both is in both (Jaccard): in a
simulation of weekly additions of 1 % new papers, themes that changed their label kept 66-97 % of their papers."""


def recall(drafts: Sequence[_Draft], memory: Mapping[str, Sequence[str]]) -> None:
    """Give each theme the remembered label of the theme whose papers it mostly holds (the best pairs first; each
    remembered label to one theme), unless that label would take another theme's page: then both keep their own."""
    present = {pid for draft in drafts for pid in draft.members}
    remembered = {  # papers no longer in the input count for nothing (QA: half removed, no label was recalled)
        label: frozenset(members) & present
        for label, members in memory.items()
        if theme_slug(label) != UNSORTED_ID  # a hand-edited "Unsorted" is no theme's label
    }
    pairs = []
    for number, draft in enumerate(drafts):
        held = frozenset(draft.members)
        for label, members in remembered.items():
            share = len(held & members) / len(held | members) if held and members else 0.0
            if share >= KEEP_SHARE:
                pairs.append((-share, label, number))
    given: dict[int, str] = {}
    for _, label, number in sorted(pairs):
        if number not in given and label not in given.values():
            given[number] = label
    while True:  # a recalled label that is another theme's own would give two themes one page
        pages: dict[str, list[int]] = {}
        for number, draft in enumerate(drafts):
            pages.setdefault(theme_slug(given.get(number, draft.detected)), []).append(number)
        clashes = [n for same in pages.values() if len(same) > 1 for n in same if n in given]
        if not clashes:
            break
        for number in clashes:
            del given[number]
    for number, label in given.items():
        drafts[number].detected = drafts[number].label = label


def remember(drafts: Sequence[_Draft]) -> Memory:
    """The themes to remember: every detected one with its papers after the pins, by its label before
    ``rename_themes`` (a key naming it then names it next time too); not Unsorted, nor a theme a pin made."""
    kept = [
        (d.detected, tuple(sorted(d.members))) for d in drafts if d.members and not d.unsorted and d.source != "pin"
    ]
    return tuple(sorted(kept))


@dataclass(slots=True)
class _Draft:
    """A theme while the overrides are applied: the label detected and the one it ends with."""

    detected: str
    terms: tuple[str, ...]
    unsorted: bool = False
    members: list[str] = field(default_factory=list)
    label: str = ""
    source: str = ""
    """The override that set the label or made the theme (``rename_themes``, ``pin``), else empty."""

    def __post_init__(self) -> None:
        self.label = self.label or self.detected

    @property
    def detected_id(self) -> str:
        return UNSORTED_ID if self.unsorted else theme_slug(self.detected)


def unknown_pins(ids: Sequence[str], pin: Mapping[str, str]) -> tuple[str, ...]:
    """One warning per ``pin`` key that names no paper, saying which paper it may mean and where ids come from.
    Warnings, not errors: paper ids change as the input changes (``rename_themes`` keys that name no theme are said
    by :func:`assemble`)."""
    known = set(ids)
    unknown = [pid for pid in sorted(pin) if pid not in known]
    by_stem: dict[str, list[str]] = {}
    for pid in ids if unknown else ():
        by_stem.setdefault(_COPY_SUFFIX.sub("", pid), []).append(pid)
    return tuple(
        f"pin: no paper with id {pid!r} in the input; ignored ({_paper_hint(pid, ids, by_stem)})" for pid in unknown
    )


_COPY_SUFFIX = re.compile(r"-[0-9a-f]{8}$")
"""What ``enrich.assign_ids`` adds to a title's slug to keep namesakes apart: a hash of title and abstract."""
_TWIN_SUFFIX = re.compile(r"-[0-9]+$")
"""What it adds to keep twins apart (the same title and abstract, as ``parse --no-dedupe`` lists a paper's copies):
a number; also the end of many a title's slug ("covid-19"), so only a paper whose id is the rest is meant."""


def _paper_hint(pid: str, ids: Sequence[str], by_stem: Mapping[str, Sequence[str]]) -> str:
    """Which paper a ``pin`` key that names none may mean. QA pinned ``neural-network-quine-64fbbbbb``, the id
    ``sitegen parse --no-dedupe`` gives a copy that the merge puts into ``neural-network-quine``: a paper whose id is
    the same title's slug (``by_stem``) is that one (either way: the copy's id, or the bare slug of a paper that has
    a hash now); else an id close to it (a typo); and in any case where the ids to pin are printed."""
    where = "'sitegen themes' prints each paper's id"
    namesakes = sorted(by_stem.get(_COPY_SUFFIX.sub("", pid), ()) or by_stem.get(_TWIN_SUFFIX.sub("", pid), ()))
    if namesakes:
        shown = ", ".join(map(repr, namesakes[:3])) + (", ..." if len(namesakes) > 3 else "")
        return (
            f"the paper{'s' * (len(namesakes) > 1)} of that title: {shown}; a copy merged into a paper, which "
            f"'sitegen parse --no-dedupe' lists with an id of its own, is pinned by the paper's id; {where}"
        )
    close = difflib.get_close_matches(pid, ids, n=1, cutoff=CLOSE)
    return f"did you mean {close[0]!r}? {where}" if close else where


CLOSE = 0.8
"""How alike (difflib's ratio) a name in ``pin`` must be to a paper's id or a theme's id or label to be taken for a
typo of it: "Diffusion model" for "Diffusion models" (0.97), "Surveys" not for "Survey methods" (0.57)."""


def no_theme_named(key: str, meant: str | None = None) -> str:
    """The warning for a ``rename_themes`` key that names no theme, with the theme it may be a typo of (QA: a ``pin``
    typo was told "did you mean", the same typo in ``rename_themes`` was not)."""
    hint = f" (did you mean {meant!r}?)" if meant is not None else ""
    return f"rename_themes: no theme with id or label {key!r}{hint}; ignored"


def _find(name: str, drafts: Sequence[_Draft], *, renamed: bool) -> _Draft | None:
    """The theme a ``rename_themes`` key or ``pin`` target names: by id or by label as detected, in any case, or,
    with ``renamed``, by the label it was given (a pin may name a theme by its old name or its new one). An id in
    another case is one written as an id, words joined by hyphens (QA: ``Diffusion-Models`` named no theme
    ``diffusion-models`` and made a new one, whose page was the other's: an error). Nothing looser: "C" names no
    theme "C++" (whose id is ``c``), "Segmentation!" no theme "Segmentation"."""
    for exact in (True, False):
        for draft in drafts:
            ids = [draft.detected_id, theme_slug(draft.label)] if renamed else [draft.detected_id]
            labels = [draft.detected, draft.label] if renamed else [draft.detected]
            if exact and (name in ids or name in labels):
                return draft
            if not exact and (
                _caseless(name) in map(_caseless, labels) or (_ID_SHAPED.fullmatch(name) and name.casefold() in ids)
            ):
                return draft
    return None


_ID_SHAPED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
"""A name written as a theme's id may be, in any case: words of letters and digits joined by hyphens."""


def _caseless(label: str) -> str:
    return " ".join(label.casefold().split())


def _rename(drafts: list[_Draft], rename: Mapping[str, str]) -> list[str]:
    """Give themes the labels ``rename_themes`` asks for. A key naming no theme, or a theme named by two keys, is a
    warning: the key that names it exactly wins over one that matches in another case, then the first in sorted
    order. Unsorted may be renamed too (its page stays ``themes/unsorted/``)."""
    warnings: list[str] = []
    claimed: dict[int, str] = {}

    def order(key: str) -> tuple[bool, str]:
        draft = _find(key, drafts, renamed=False)
        return (draft is None or key not in (draft.detected_id, draft.detected), key)

    for key in sorted(rename, key=order):
        draft = _find(key, drafts, renamed=False)
        if draft is None:
            warnings.append(no_theme_named(key, _close_theme(key, drafts, renamed=False)))
        elif id(draft) in claimed:
            winner = claimed[id(draft)]
            warnings.append(
                f"rename_themes: {winner!r} and {key!r} both name the theme {draft.detected!r}; "
                f"{rename[winner]!r} is used"
            )
        else:
            claimed[id(draft)] = key
            draft.label, draft.source = rename[key], "rename_themes"
    return sorted(warnings)


def _apply_pins(
    drafts: list[_Draft], pin: Mapping[str, str], known: set[str], remembered: AbstractSet[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """Move each pinned paper to the theme its ``pin`` names (by id or label, old or new, in any case); a name that
    is no theme's starts a new theme of that label. Warnings and notes: a new theme is a note (pinning papers to a
    theme of one's own is what ``pin`` is for, and ``mkdocs build --strict`` stopped on the warning it was), a
    warning when its name is close to a theme's, asking whether that one was meant (a typo)."""
    warnings: list[str] = []
    notes: list[str] = []
    for pid, target in sorted(pin.items()):
        if pid not in known:
            continue
        draft = _find(target, drafts, renamed=True)
        if draft is None:
            said = f"pin: no theme with id or label {target!r}, so a new theme of that label is made"
            if (meant := _close_theme(target, drafts)) is not None:
                warnings.append(said.replace(", so", f" (did you mean {meant!r}?), so", 1))
            elif target in remembered:  # the id of a theme the memory knows, whose label has changed
                warnings.append(said + f" ({ID_PIN_HINT})")
            else:
                notes.append(said)
            draft = _Draft(target, (), source="pin")
            drafts.insert(len(drafts) - 1, draft)  # Unsorted stays last
        for other in drafts:
            if pid in other.members:
                other.members.remove(pid)
        draft.members.append(pid)
    return warnings, notes


ID_PIN_HINT = (
    "it is written as a theme's id, and ids follow the labels, which change with the papers: pin to a label, "
    "or keep labels with theme_memory"
)
"""Why a ``pin`` to a name of no theme that is the id of a theme ``theme_memory`` remembers
(``few-shot-learning-and-segmentation``) is a warning, not a note: a new theme labelled with the id is not what was
meant (QA, a lab's config: a pin to last week's theme id quietly published a theme labelled with it). Any other new
name stays a note, lower-case labels too ("to-read", "covid-19": a warning for them aborted ``--strict`` builds)."""


def _close_theme(name: str, drafts: Sequence[_Draft], *, renamed: bool = True) -> str | None:
    """The label of the theme whose id or label (detected or, with ``renamed``, given) ``name`` is most like, if it
    is alike enough to be a typo of it (:data:`CLOSE`, any case); without ``renamed`` the detected label, which is
    what a ``rename_themes`` key names."""
    folded = _caseless(name)
    best: tuple[float, str] | None = None
    for draft in drafts:
        names = {draft.detected_id, _caseless(draft.detected)}
        if renamed:
            names |= {theme_slug(draft.label), _caseless(draft.label)}
        for other in sorted(names):
            ratio = difflib.SequenceMatcher(None, folded, other).ratio()
            if ratio >= CLOSE and (best is None or ratio > best[0]):
                best = (ratio, draft.label if renamed else draft.detected)
    return best[1] if best else None


def _renamed_but_empty(drafts: Sequence[_Draft]) -> list[str]:
    """A note per theme ``rename_themes`` names that has no paper after the pins: Unsorted when no paper is unsorted
    this time, a theme whose papers are all pinned elsewhere (QA: that rename was dropped without a word). Notes,
    not warnings: the key is right, the data or the pins leave nothing to show under it this time."""
    notes = []
    for draft in drafts:
        if draft.source != "rename_themes" or draft.members:
            continue
        if draft.unsorted:
            notes.append(f"rename_themes: no paper is {UNSORTED_LABEL!r} this time, so its new label is not used")
        else:
            notes.append(
                f"rename_themes: every paper of the theme {draft.detected!r} is pinned to another theme, so its new "
                f"label {draft.label!r} is not used"
            )
    return notes


def _reterm(
    drafts: Sequence[_Draft],
    changed: Sequence[_Draft],
    ids: Sequence[str],
    texts: Sequence[str],
    redescribe: Callable[[np.ndarray], Describe | None] | None,
) -> None:
    """The shown terms of the ``changed`` themes (pins took papers from them or gave them some) ranked again, as
    :func:`name_groups` ranks them, from the papers they end with; their labels stay. QA: a theme left with 1 of
    its 4 papers showed words of the 3 pinned away, and a theme a pin made showed none."""
    live = [d for d in drafts if d.members and not d.unsorted]
    number = {pid: g for g, draft in enumerate(live) for pid in draft.members}
    after = np.array([number.get(pid, -1) for pid in ids], dtype=int)
    ranking, prose, picked, _ = _ranked(texts, after, len(live), redescribe(after) if redescribe is not None else None)
    wanted = {id(d) for d in changed}
    for g, (draft, ranked) in enumerate(zip(live, ranking, strict=True)):
        if id(draft) in wanted:
            draft.terms = shown_terms((t for t, _ in ranked), [prose[i] for i in np.flatnonzero(picked == g)])


def _records(drafts: Sequence[_Draft]) -> tuple[tuple[Theme, ...], dict[str, str]]:
    themes: list[Theme] = []
    pages: dict[str, _Draft] = {}
    for draft in drafts:
        theme_id = UNSORTED_ID if draft.unsorted else theme_slug(draft.label)
        if theme_id in pages:
            raise ConfigError(_clash(draft, pages[theme_id], theme_id))
        pages[theme_id] = draft
        if draft.members:
            themes.append(Theme(theme_id, draft.label, draft.terms, tuple(sorted(draft.members)), draft.unsorted))
    themes.sort(key=lambda t: (t.unsorted, -t.size, t.id))
    assignment = {pid: t.id for t in themes for pid in t.paper_ids}
    return tuple(themes), dict(sorted(assignment.items()))


def theme_slug(label: str) -> str:
    """A theme's id, its page's name: the slug of its label (other scripts transliterated: ``日本語`` is
    ``ri-ben-yu``), or a short hash of a label with no letter or digit to slug (``★★``); ``index-<hash>`` for a
    theme named "Index", whose page ``themes/index.md`` MkDocs would make the index of the themes
    (``themes/index.html``, the links to ``themes/index/`` broken)."""
    digest = hashlib.sha1(label.encode()).hexdigest()[:8]
    slug = slugify(label) or f"theme-{digest}"
    return f"index-{digest}" if slug == "index" else slug  # not "index-theme": a label "Index Theme" has that slug


def _clash(draft: _Draft, other: _Draft, theme_id: str) -> str:
    """Why two themes cannot both have their labels: the override that caused it, both labels and the page."""
    keys = sorted({d.source for d in (draft, other) if d.source}) or ["rename_themes"]
    where = "/".join(keys)
    if theme_id == UNSORTED_ID:
        return (
            f"{where}: the label {draft.label!r} would take the page of the papers that fit no theme "
            f"(themes/{UNSORTED_ID}/); choose another label"
        )
    same = draft.label.casefold() == other.label.casefold()
    if same and not (draft.source and other.source):
        return f"{where}: {draft.label!r} is already the label of another theme; choose another label"
    if same:
        return f"{where}: two themes would be labelled {draft.label!r}; choose another label for one of them"
    first, second = sorted((other.label, draft.label))
    return (
        f"{where}: the labels {first!r} and {second!r} would share one page, themes/{theme_id}/ (labels "
        "must differ in their letters or digits); choose another label for one of them"
    )

"""Turn cluster numbers into Theme records: labels, terms, Unsorted, then the user's overrides."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from sitegen.errors import ConfigError
from sitegen.records import Paper, Theme
from sitegen.textutil import fold, slugify
from sitegen.themes import labels as lab

Describe = tuple[np.ndarray, Callable[[Sequence[str]], np.ndarray]]
"""Each group's centre (a row per group number) and terms -> vectors in the same space."""
UNSORTED_ID = "unsorted"
UNSORTED_LABEL = "Unsorted"
TERMS = 10
LABEL_TEXTS = 2000
"""Labels are read from at most about this many texts, spread evenly over the themes (every n-th member)."""
SHARED_BY = 2
"""Fewest papers of a theme that hold the second part of its label ("X and Y"): one paper's subject is no
theme's."""
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def paper_text(paper: Paper) -> str:
    """The text an engine sees: title (when real) and abstract, without links."""
    abstract = _URL.sub(" ", paper.abstract)
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
    rows = _label_rows(groups, count)
    texts, groups = [lab.prose(texts[i]) for i in rows], groups[rows]
    scores, terms = lab.class_tfidf(texts, groups.tolist(), count)
    ranking = [lab.top_terms(scores[g], terms) if terms else [] for g in range(count)]
    if describe is not None:
        ranking = lab.representative(ranking, *describe)
    ends = lab.phrase_ends(texts)
    taken: set[str] = {UNSORTED_ID}
    named: list[tuple[str, tuple[str, ...]]] = []
    for g, ranked in enumerate(ranking):
        members = [t for t, m in zip(texts, groups, strict=True) if m == g]
        label = _first_free(ranked, members, taken, ends) or f"Theme {g + 1}"
        taken.add(slugify(label))
        named.append((label, tuple(t for t, _ in ranked[:TERMS])))
    return named


def _label_rows(groups: np.ndarray, count: int) -> np.ndarray:
    """Every n-th member of each theme (rows are in id order), so labels cost the same for any corpus size."""
    cap = max(1, LABEL_TEXTS // max(count, 1))
    picked = [np.flatnonzero(groups == g) for g in range(count)]
    rows = [members[:: -(-len(members) // cap)] for members in picked if len(members)]
    return np.sort(np.concatenate(rows)) if rows else np.arange(0)


def _first_free(
    ranked: list[tuple[str, float]], members: list[str], taken: set[str], ends: Mapping[str, float]
) -> str | None:
    """The best free label: a heading ("Cerebral" with no phrase of its own is skipped) if any candidate makes
    one, else the best free candidate all the same (a word is a better name than "Theme 3")."""

    def shared(phrase: str) -> bool:  # a label's second part names what 2 or more of the papers are about
        return lab.papers_with(phrase, members) >= SHARED_BY

    for headings_only in (True, False):
        for candidate in lab.candidates(ranked):
            combined = lab.combine(candidate, ranked, ends if headings_only else None, shared)
            if headings_only and not lab.heading(combined, ends):
                continue
            label = lab.surface(combined, members)
            if slugify(label) not in taken:
                return label
    return None


def assemble(
    ids: list[str],
    texts: Sequence[str],
    groups: np.ndarray,
    rename: Mapping[str, str],
    pin: Mapping[str, str],
    describe: Describe | None = None,
) -> tuple[tuple[Theme, ...], dict[str, str], tuple[str, ...]]:
    """Theme records (largest first, Unsorted last), paper id -> theme id, and warnings about overrides."""
    named = name_groups(texts, groups, describe)
    labels = [_renamed(label, slugify(label), rename) for label, _ in named] + [UNSORTED_LABEL]
    terms = [t for _, t in named] + [()]
    members: list[list[str]] = [[] for _ in labels]
    for pid, g in zip(ids, groups.tolist(), strict=True):
        members[g if g >= 0 else len(labels) - 1].append(pid)
    _apply_pins(pin, set(ids), labels, terms, members)
    warnings = unused_overrides(ids, [label for label, _ in named], rename, pin)
    return (*_records(labels, terms, members), warnings)


def unused_overrides(
    ids: Sequence[str], labels: Sequence[str], rename: Mapping[str, str], pin: Mapping[str, str]
) -> tuple[str, ...]:
    """One warning per ``pin`` key that names no paper and per ``rename_themes`` key that names no theme.

    Warnings, not errors: paper ids and theme labels change as the input changes."""
    known = set(ids)
    names = {*labels, *(slugify(label) for label in labels)}
    folded = {fold(label) for label in labels}
    warnings = [f"pin: no paper with id {pid!r} in the input; ignored" for pid in sorted(pin) if pid not in known]
    warnings += [
        f"rename_themes: no theme with id or label {key!r}; ignored"
        for key in sorted(rename)
        if key not in names and fold(key) not in folded
    ]
    return tuple(warnings)


def _renamed(label: str, theme_id: str, rename: Mapping[str, str]) -> str:
    for key in (theme_id, label):
        if key in rename:
            return rename[key]
    folded = {fold(k): v for k, v in rename.items()}
    return folded.get(fold(label), label)


def _apply_pins(
    pin: Mapping[str, str], known: set[str], labels: list[str], terms: list[tuple[str, ...]], members: list[list[str]]
) -> None:
    # Pins name a theme by label or id; an unknown name starts a new theme of that label.
    for pid, target in sorted(pin.items()):
        if pid not in known:
            continue
        keys = [fold(label) for label in labels]
        slugs = [slugify(label) for label in labels]
        if fold(target) in keys:
            index = keys.index(fold(target))
        elif slugify(target) in slugs:
            index = slugs.index(slugify(target))
        else:
            labels.insert(-1, target)
            terms.insert(-1, ())
            members.insert(-1, [])
            index = len(labels) - 2
        for group in members:
            if pid in group:
                group.remove(pid)
        members[index].append(pid)


def _records(
    labels: list[str], terms: list[tuple[str, ...]], members: list[list[str]]
) -> tuple[tuple[Theme, ...], dict[str, str]]:
    themes: list[Theme] = []
    seen: set[str] = set()
    last = len(labels) - 1
    for index, (label, words, group) in enumerate(zip(labels, terms, members, strict=True)):
        theme_id = UNSORTED_ID if index == last else slugify(label)
        if not theme_id or theme_id in seen:
            raise ConfigError(f"theme label {label!r} is empty or used twice (check themes rename/pin)")
        seen.add(theme_id)
        if group:
            themes.append(Theme(theme_id, label, words, tuple(sorted(group)), unsorted=index == last))
    themes.sort(key=lambda t: (t.unsorted, -t.size, t.id))
    assignment = {pid: t.id for t in themes for pid in t.paper_ids}
    return tuple(themes), dict(sorted(assignment.items()))

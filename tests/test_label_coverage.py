"""Theme labels name as much of their theme as a 1-4 word heading can: a theme of two subjects is labelled with
both ("Network pruning and quantization"), not with the one that half its papers share."""

from __future__ import annotations

import numpy as np
import pytest

from bench.themes import label_coverage
from sitegen.themes.assemble import name_groups
from sitegen.themes.labels import GENERIC, MAX_WORDS, combine, coordinated, same_word

GALAXIES = [f"Galaxies and star formation: galaxies {w}." for w in ("grow", "merge", "collide", "fade")]


def two_subjects(first: str, second: str) -> list[str]:
    """Eight papers, half on each subject, each naming its subject three times among words no other paper has."""
    fillers = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    return [
        f"{subject.capitalize()}: {subject}; {subject} in the {fillers[i]} case."
        for i, subject in enumerate([first] * 4 + [second] * 4)
    ]


def labels_of(texts: list[str]) -> list[str]:
    groups = np.array([0] * 8 + [1] * (len(texts) - 8))
    return [label for label, _ in name_groups(texts, groups)]


def test_a_theme_of_two_subjects_is_labelled_with_both() -> None:
    """Before, the label was the best phrase alone, "Network pruning", which half of the papers hold."""
    texts = two_subjects("network pruning", "quantization")
    label = labels_of(texts + GALAXIES)[0]
    assert label == "Network pruning and quantization"
    assert label_coverage(label, texts[:8]) == 1.0
    assert label_coverage("Network pruning", texts[:8]) == 0.5


def test_two_phrases_sharing_their_head_make_one_heading() -> None:
    """Before: "Diffusion models". Two phrases of two words would make five with "and"; sharing "models", four."""
    texts = two_subjects("diffusion models", "generative models")
    assert labels_of(texts + GALAXIES)[0] == "Diffusion and generative models"
    assert coordinated(["feature", "selection"], ["feature", "engineering"]) == "feature selection and engineering"
    assert coordinated(["graph", "neural", "networks"], ["convolutional", "networks"]) is None  # five words
    assert coordinated(["object", "detection"], ["semantic", "segmentation"]) is None  # nothing shared


QUANTIZATION = {"quantization": 1.0, "report": 0.9, "series": 0.9, "adversary": 1.0, "molecules": 1.0}


@pytest.mark.parametrize(
    ("ranked", "ends", "label"),
    [
        ([("network pruning", 1.0), ("quantization", 0.9)], QUANTIZATION, "network pruning and quantization"),
        # No texts to show that the lone word names a thing of its own: none is added.
        ([("network pruning", 1.0), ("quantization", 0.9)], None, "network pruning"),
        # A side subject, far below the label's score, is not a second part.
        ([("network pruning", 1.0), ("quantization", 0.3)], QUANTIZATION, "network pruning"),
        # An everyday word of every field: "report" can be a verb.
        ([("network pruning", 1.0), ("report", 0.9)], QUANTIZATION, "network pruning"),
        # A word that only qualifies the next in the texts ("standard model") is no second part.
        ([("yang-mills theory", 1.0), ("standard", 0.9)], {"standard": 0.1}, "yang-mills theory"),
        # A fragment of a ranked phrase ("time series") is no second part.
        ([("feature selection", 1.0), ("series", 0.9), ("time series", 0.8)], QUANTIZATION, "feature selection"),
        # One subject said twice.
        ([("adversarial attacks", 1.0), ("adversary", 0.9)], QUANTIZATION, "adversarial attacks"),
        # Too long for a heading.
        ([("graph neural networks", 1.0), ("molecules", 0.9)], QUANTIZATION, "graph neural networks"),
        ([("graph neural networks", 1.0), ("link prediction", 0.9)], QUANTIZATION, "graph neural networks"),
    ],
)
def test_a_second_part_names_a_thing_of_its_own(
    ranked: list[tuple[str, float]], ends: dict[str, float] | None, label: str
) -> None:
    assert combine(ranked[0][0], ranked, ends) == label


def test_a_second_part_is_shared_by_papers_of_the_theme() -> None:
    ranked = [("network pruning", 1.0), ("quantization", 0.9)]
    assert combine("network pruning", ranked, QUANTIZATION, shared=lambda term: False) == "network pruning"
    assert combine("network pruning", ranked, QUANTIZATION, shared=lambda term: True) == (
        "network pruning and quantization"
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("star", "stars", True),
        ("theory", "theories", True),
        ("adversary", "adversarial", True),
        ("pruning", "quantization", False),
    ],
)
def test_forms_of_one_word_are_one_word(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same


def test_coverage_counts_papers_holding_every_word_of_a_label_part() -> None:
    texts = ["A graph neural network for molecules.", "Graphs and networks.", "Neural networks on graphs."]
    assert label_coverage("Graph neural networks", texts) == pytest.approx(2 / 3)  # word order is not checked
    assert label_coverage("Pruning and quantization", ["Pruning.", "Quantization.", "Galaxies."]) == pytest.approx(
        2 / 3
    )
    assert label_coverage("Learning of graphs", ["graph learning"]) == 1.0  # stop words aside
    assert label_coverage("Galaxies", []) == 0.0


def test_labels_stay_short_unique_headings() -> None:
    texts = two_subjects("network pruning", "quantization") + GALAXIES
    texts += two_subjects("diffusion models", "generative models")
    groups = np.array([0] * 8 + [1] * 4 + [2] * 8)
    labels = [label for label, _ in name_groups(texts, groups)]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert 1 <= len(label.split()) <= MAX_WORDS and label.lower() not in GENERIC


def test_a_word_every_field_writes_about_is_no_second_part() -> None:
    """ "Gradient descent and theory" says no more than "Gradient descent" (``VAGUE_PARTNERS``); a subject does."""
    assert labels_of(two_subjects("gradient descent", "theory") + GALAXIES)[0] == "Gradient descent"
    assert labels_of(two_subjects("gradient descent", "grokking") + GALAXIES)[0] == "Gradient descent and grokking"

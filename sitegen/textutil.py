"""Small text helpers shared by several stages."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Zero-width and bidi control characters: invisible, and they defeat matching.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Comparison key: NFKC, case-folded, invisible characters and punctuation gone."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return normalize_space(text)


def slugify(text: str, max_len: int = 80) -> str:
    """URL-safe ASCII slug, cut at a word boundary; empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or (words[0][:max_len] if words else "")

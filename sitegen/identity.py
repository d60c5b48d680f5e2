"""Which paper of this build is which page of the last one (the site memory's ``pages``, ``theme_memory``).

A page is remembered with the keys of its paper (:func:`page_keys`): its DOI, arXiv and PubMed ids, and a
signature of its abstract's text that a revised abstract still mostly shares (:func:`text_signature`). Never its
title, which is what may change. :func:`recall_ids` gives each paper the remembered page its keys point to."""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sitegen.ingest.fields import link_identifier
from sitegen.records import Paper

TEXT_KEY = "text:"
"""The key of an abstract's signature: ``text:`` and its :data:`SIGNATURE` hash values, 8 hex digits each."""
SIGNATURE = 8
"""Hash values in a text signature: the smallest of the hashes of its runs of three words (bottom-k MinHash)."""
_COMMON = 8
"""A key more remembered pages than this hold finds pages only for a paper that no rarer key of its own finds."""
_WORD = re.compile(r"\w+")
_MASK = 0xFFFFFFFF


def page_keys(paper: Paper) -> tuple[str, ...]:
    """What identifies a paper from one build to the next: its DOI, arXiv and PubMed ids (``doi:10.1000/x``), not
    those of links its abstract writes (a DOI it cites is another paper's), then its abstract's signature."""
    from sitegen.enrich import extract_links  # enrich imports this module: import on use

    cited = set(extract_links(paper.abstract))
    found = sorted({":".join(ident) for link in paper.links if link not in cited and (ident := link_identifier(link))})
    signature = text_signature(paper.abstract)
    return (*found, TEXT_KEY + " ".join(f"{value:08x}" for value in signature)) if signature else tuple(found)


@lru_cache(maxsize=1 << 16)  # a build asks twice per paper: to recall its page and to remember it
def text_signature(text: str) -> tuple[int, ...]:
    """The :data:`SIGNATURE` smallest hashes of the text's runs of three words (case folded; fewer for a text of
    few words): two versions of one abstract, a phrase reworded or a typo fixed, share most of them (the share
    estimates how alike their sets of word runs are); two different abstracts next to none."""
    words = [_word_hash(word) for word in _WORD.findall(text.casefold())]
    runs = {
        ((a * 0x9E3779B1 + b) * 0x85EBCA77 + c) & _MASK for a, b, c in zip(words, words[1:], words[2:], strict=False)
    }
    return tuple(sorted(heapq.nsmallest(SIGNATURE, runs or set(words))))


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def recall_ids(papers: Sequence[Paper], remembered: Mapping[str, Sequence[str]], age: Sequence[Any]) -> dict[int, str]:
    """Index -> remembered id of the papers a remembered page identifies: by an identifier first, then by the text
    (at least half of the smaller signature's values shared: a revised abstract is still its paper), the pairs
    sharing the most values first, then the older paper (``age``); each id to one paper and each paper one id. A
    page whose identifiers of some kind all differ from the paper's is another paper's (twins of one abstract with
    two DOIs), even if their texts agree."""
    split = {pid: frozenset(_split(keys)) for pid, keys in remembered.items()}
    by_key: dict[str, list[str]] = defaultdict(list)
    for pid, keys in split.items():
        for key in keys:
            by_key[key].append(pid)
    pairs = []
    for index, paper in enumerate(papers):
        keys = frozenset(_split(page_keys(paper)))
        # Pages are found by their rarer keys: a run of words many abstracts share ("in this paper") can be among
        # the smallest hashes of all of them, and would make every paper a candidate of every page. A paper with
        # none looks at them all.
        candidates = {pid for key in keys if len(found := by_key.get(key, ())) <= _COMMON for pid in found} or {
            pid for key in keys for pid in by_key.get(key, ())
        }
        for pid in candidates:
            theirs = split[pid]
            if _conflicting(keys, theirs):
                continue
            common = keys & theirs
            text = sum(key.startswith(TEXT_KEY) for key in common)
            by_identifier = len(common) > text
            if by_identifier or text >= max(1, math.ceil(min(_texts(keys), _texts(theirs)) / 2)):
                pairs.append((not by_identifier, -text, age[index], pid, index))
    ids: dict[int, str] = {}
    given: set[str] = set()
    for *_, pid, index in sorted(pairs):
        if index not in ids and pid not in given:
            ids[index] = pid
            given.add(pid)
    return ids


def _split(keys: Iterable[str]) -> tuple[str, ...]:
    """The keys with a text signature as one key per hash value (``text:0a1b2c3d``), so values can be looked up."""
    split: list[str] = []
    for key in keys:
        if key.startswith(TEXT_KEY):
            split.extend(TEXT_KEY + value for value in key.removeprefix(TEXT_KEY).split())
        else:
            split.append(key)
    return tuple(split)


def _texts(keys: Iterable[str]) -> int:
    return sum(key.startswith(TEXT_KEY) for key in keys)


def _conflicting(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two papers' keys name different papers: of some identifier kind both have one, none in common."""
    kinds = ({key.split(":", 1)[0] for key in a} & {key.split(":", 1)[0] for key in b}) - {TEXT_KEY[:-1]}
    return any(
        not {k for k in a if k.startswith(f"{kind}:")} & {k for k in b if k.startswith(f"{kind}:")} for kind in kinds
    )

"""Which paper of this build is which page of the last one (the site memory's ``pages``, ``theme_memory``).

A page is remembered with the keys of its paper (:func:`page_keys`): its DOI, arXiv and PubMed ids, its title, its
abstract word for word and a signature of it that a revised abstract still mostly shares (:func:`text_signature`).
:func:`recall_ids` gives each paper the remembered page its keys point to: by an identifier; else by its title
with most of its text (a revised abstract); else, a title corrected, by its abstract word for word."""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sitegen.dedupe import preprint_doi
from sitegen.ingest.fields import link_identifier
from sitegen.records import Paper
from sitegen.textutil import comparison_key

TEXT_KEY = "text:"
"""The key of an abstract's signature: ``text:`` and its :data:`SIGNATURE` hash values, 8 hex digits each."""
TITLE_KEY = "title:"
ABSTRACT_KEY = "abstract:"
SHORT_KEY = "short:"
"""The hash of an abstract of fewer than :data:`MIN_WORDS` words: the same title and this find the page; it alone,
under another title, does not ("Book review.")."""
SIGNATURE = 8
"""Hash values in a text signature: the smallest of the hashes of its runs of three words (bottom-k MinHash)."""
MIN_WORDS = 20
"""An abstract of fewer words identifies its paper only with its title ("Book review.", "Keynote talk.": QA, one
took another's page)."""
UNTITLED_SHARE = 0.75
"""A paper or page whose title was derived from its abstract (no title key) is its page's by text alone when they
share this much of the signature."""
_COMMON = 8
"""A key more remembered pages than this hold finds pages only for a paper that no rarer key of its own finds."""
_WORD = re.compile(r"\w+")
_MASK = 0xFFFFFFFF


def page_keys(paper: Paper) -> tuple[str, ...]:
    """What identifies a paper from one build to the next: its DOI, arXiv and PubMed ids (``doi:10.1000/x``), not
    those of links its abstract writes (a DOI it cites is another paper's); its title unless derived from the
    abstract (``title:``, a hash); a hash of its abstract as compared (``abstract:``, or ``short:`` for one of fewer
    than :data:`MIN_WORDS` words) and its signature (``text:``)."""
    keys = sorted(":".join(ident) for ident in own_identifiers(paper.links, paper.abstract))
    if paper.title and not paper.title_synthesized and (title := comparison_key(paper.title)):
        keys.append(f"{TITLE_KEY}{zlib.crc32(title.encode()):08x}")
    return (*keys, *_abstract_keys(paper.abstract))


def own_identifiers(links: Sequence[str], abstract: str) -> set[tuple[str, str]]:
    """The paper's own DOI, arXiv and PubMed ids (``("doi", "10.1000/x")``, :func:`link_identifier`) from its
    ``links``, not those of links its ``abstract`` writes: a DOI it cites is another paper's (memory keys, and the
    search field ``id``)."""
    from sitegen.enrich import extract_links  # enrich imports this module: import on use

    cited = set(extract_links(abstract))
    return {ident for link in links if link not in cited and (ident := link_identifier(link))}


@lru_cache(maxsize=1 << 16)  # a build asks twice per paper: to recall its page and to remember it
def _abstract_keys(abstract: str) -> tuple[str, ...]:
    if not (signature := text_signature(abstract)):
        return ()
    kind = ABSTRACT_KEY if len(_WORD.findall(abstract)) >= MIN_WORDS else SHORT_KEY
    digest = hashlib.sha1(comparison_key(abstract).encode()).hexdigest()[:16]
    return f"{kind}{digest}", TEXT_KEY + " ".join(f"{value:08x}" for value in signature)


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


def recall_ids(
    papers: Sequence[Paper], remembered: Mapping[str, Sequence[str]], age: Sequence[Any], stems: Sequence[str]
) -> dict[int, str]:
    """Index -> remembered id of the papers a remembered page identifies, each id to one paper and each paper one id.
    A page is a paper's when they share an identifier; else when they share the title and half or more of the text
    signature, or the abstract word for word (a revised abstract, a namesake's page: QA), or a title no other page
    or paper has (an abstract rewritten or cut to a feed's snippet: QA, round 4); else, the title changed,
    when they share the abstract word for word and no other page or paper has that abstract (QA: two papers of one
    abstract under two titles swapped pages; boilerplate and abstracts that differ in a year took removed papers'
    pages), or a derived title's page shares :data:`UNTITLED_SHARE` of the signature. A page whose identifiers of
    some kind all differ from the paper's is another paper's (twins of one abstract with two DOIs). The pairs with an
    identifier first, then with the title and text, then with the abstract alone, then with the title alone; within
    each the most text shared, then a page named as the paper's title slug (``stems``), then the older paper
    (``age``)."""
    split = {pid: frozenset(_split(keys)) for pid, keys in remembered.items()}
    by_key: dict[str, list[str]] = defaultdict(list)
    for pid, keys in split.items():
        for key in keys:
            by_key[key].append(pid)
    mine = [frozenset(_split(page_keys(paper))) for paper in papers]
    kinds = {pid: Counter(_kind(key) for key in keys) for pid, keys in split.items()}
    abstracts = Counter(key for keys in mine for key in keys if key.startswith(ABSTRACT_KEY))
    titles = Counter(key for keys in mine for key in keys if key.startswith(TITLE_KEY))
    pairs = []
    for index, keys in enumerate(mine):
        own = Counter(_kind(key) for key in keys)
        # Pages are found by their rarer keys: a run of words many abstracts share ("in this paper") can be among
        # the smallest hashes of all of them, and would make every paper a candidate of every page. A paper with
        # none looks at them all.
        candidates = {pid for key in keys if len(holders := by_key.get(key, ())) <= _COMMON for pid in holders} or {
            pid for key in keys for pid in by_key.get(key, ())
        }
        for pid in candidates:
            theirs = split[pid]
            if _conflicting(own, kinds[pid], keys, theirs):
                continue
            common = keys & theirs
            tier = _tier(
                own,
                kinds[pid],
                Counter(_kind(key) for key in common),
                unique_title=all(titles[k] == 1 and len(by_key[k]) == 1 for k in common if _kind(k) == TITLE_KEY),
                unique_abstract=all(
                    abstracts[k] == 1 and len(by_key[k]) == 1 for k in common if _kind(k) == ABSTRACT_KEY
                ),
            )
            if tier is not None:
                pairs.append(
                    (tier, -sum(_kind(k) == TEXT_KEY for k in common), pid != stems[index], age[index], pid, index)
                )
    ids: dict[int, str] = {}
    given: set[str] = set()
    for *_, pid, index in sorted(pairs):
        if index not in ids and pid not in given:
            ids[index] = pid
            given.add(pid)
    return ids


def may_take_slug(paper: Paper, remembered: Sequence[str]) -> bool:
    """Whether a paper no remembered page was found for may take the page its title slugs to, whose paper is gone:
    unless an identifier of some kind differs (another "Editorial": QA) or both abstracts have a signature and share
    less than half of it (another paper whose long title slugs the same)."""
    mine, theirs = frozenset(_split(page_keys(paper))), frozenset(_split(remembered))
    own, kinds = Counter(_kind(key) for key in mine), Counter(_kind(key) for key in theirs)
    if _conflicting(own, kinds, mine, theirs):
        return False
    shortest = min(own[TEXT_KEY], kinds[TEXT_KEY])
    return not shortest or sum(_kind(key) == TEXT_KEY for key in mine & theirs) >= math.ceil(shortest / 2)


def _tier(
    own: Counter[str], theirs: Counter[str], shared: Counter[str], *, unique_title: bool, unique_abstract: bool
) -> int | None:
    """How surely a remembered page is a paper's, from how many keys of each kind each has and both share (no
    identifier of theirs conflicting): 0 an identifier (not under another title and an abstract with nothing in
    common); 1 the title with the abstract word for word or half the
    signature; 2 the abstract alone (a changed title: word for word and ``unique_abstract``; a derived title: or
    :data:`UNTITLED_SHARE` of the signature); 3 the title alone (``unique_title``, or no text on one side); None: not
    the paper's page (see :func:`recall_ids`)."""
    text = shared[TEXT_KEY]
    same_text = shared[ABSTRACT_KEY] > 0 or shared[SHORT_KEY] > 0
    shortest = min(own[TEXT_KEY], theirs[TEXT_KEY])
    if shared.total() > text + shared[ABSTRACT_KEY] + shared[SHORT_KEY] + shared[TITLE_KEY]:
        # An identifier in common, under another title and an abstract with nothing in common, is a slip of the
        # export (each chapter given its book's DOI), as merging takes it: a new chapter took a removed one's page.
        slip = own[TITLE_KEY] and theirs[TITLE_KEY] and not shared[TITLE_KEY] and shortest and not (text or same_text)
        return None if slip else 0
    if shared[TITLE_KEY]:  # QA: a short abstract under its title lost its page to an older namesake
        if same_text or text >= max(1, math.ceil(shortest / 2)):
            return 1
        # No text to tell by (a memory of before short abstracts had keys), or a title no other page or paper has
        return 3 if not shortest or unique_title else None
    if own[TITLE_KEY] and theirs[TITLE_KEY]:  # the title changed
        return 2 if shared[ABSTRACT_KEY] and unique_abstract else None
    # A title derived from the abstract, here or there (or a page of the first memories, untitled)
    return 2 if same_text or text >= max(1, math.ceil(shortest * UNTITLED_SHARE)) else None


def _kind(key: str) -> str:
    """``doi:``, ``text:``, ...: what a key is (``memory.read_memory`` refuses keys without a colon)."""
    return key[: key.index(":") + 1]


def _split(keys: Iterable[str]) -> tuple[str, ...]:
    """The keys with a text signature as one key per hash value (``text:0a1b2c3d``), so values can be looked up."""
    split: list[str] = []
    for key in keys:
        if key.startswith(TEXT_KEY):
            split.extend(TEXT_KEY + value for value in key.removeprefix(TEXT_KEY).split())
        else:
            split.append(key)
    return tuple(split)


_NOT_IDENTIFIERS = frozenset({TEXT_KEY, TITLE_KEY, ABSTRACT_KEY, SHORT_KEY})


def _conflicting(a: Counter[str], b: Counter[str], keys_a: Iterable[str], keys_b: Iterable[str]) -> bool:
    """Whether two papers' keys (``a``, ``b``: how many of each kind) name different papers: of some identifier
    kind both have one, none in common. A preprint server's DOI (bioRxiv, SSRN, Zenodo: ``dedupe.preprint_doi``)
    disagrees with none, as in merging: a preprint keeps its title and abstract when it is published under a
    journal's DOI, or when Zenodo gives its new version a DOI of its own (QA, fifth round: the page moved)."""
    kinds = (a.keys() & b.keys()) - _NOT_IDENTIFIERS
    if not kinds:
        return False
    mine, theirs = _binding(keys_a), _binding(keys_b)
    return any(
        (ours := {k for k in mine if _kind(k) == kind})
        and (other := {k for k in theirs if _kind(k) == kind})
        and not ours & other
        for kind in kinds
    )


def _binding(keys: Iterable[str]) -> set[str]:
    """The identifiers among the keys that another identifier of their kind can contradict: not a preprint
    server's DOI."""
    return {
        key
        for key in keys
        if _kind(key) not in _NOT_IDENTIFIERS
        and not (key.startswith("doi:") and preprint_doi(key.removeprefix("doi:")))
    }

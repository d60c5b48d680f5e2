"""The query side of search in Python: what templates/overrides/assets/sitegen/search.js does in the browser.

It mirrors search.js function by function (each docstring names its counterpart: ``plan`` in search.js, ``yearHits``
in search.js...) and is the oracle the tests check search.js against, the reference implementation of a query and its
results: reading what a user typed, the lunr queries, typo corrections, years, filters, author links and the names a
result shows, over a lunr.py index built from the papers or re-assembled from the site's files. The build never
imports it: the site's files come from :mod:`sitegen.search`, whose tokenising, folding and stemming helpers and
index format constants it shares."""

from __future__ import annotations

import bisect
import gzip
import json
import re
import urllib.parse
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from itertools import accumulate, pairwise, product
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.query_parser import QueryParser
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.token_set import TokenSet
from lunr.trimmer import trimmer
from lunr.vector import Vector

from sitegen.ingest.fields import ARXIV_BARE_ID
from sitegen.search import (
    _APOSTROPHES,
    _GROUP,
    _HYPHEN,
    _WORD_CHAR,
    COMMON_COMPLETION,
    EXACT_BOOST,
    FIELDS,
    JOINED_BOOST,
    MIN_FUZZY,
    MIN_PREFIX,
    STEM_SUFFIXES,
    SearchDoc,
    _js_order,
    ambiguous_stems,
    analyze,
    author_key,
    bm25,
    cjk_bigrams,
    clean_text,
    corpus_words,
    exact_term,
    field_texts,
    identifier_term,
    name_parts,
    other_spelling,
    possessive,
    spelling_twins,
    spellings,
    spelt_with_e,
    text_words,
)
from sitegen.stemmer import stem

_NON_WORD = re.compile(r"[\W_]+")
_NO_PLURAL = re.compile("[^aeiou]ys$")


def words(text: str) -> list[str]:
    """Lower-cased words split on anything but letters and digits (search.js ``words`` does the same)."""
    return [w for w in _NON_WORD.split(text.lower()) if w]


def query_string(text: str, terms: Sequence[str] | None = None) -> str:
    """The lunr query for what a user typed (mirrored by ``plan`` in search.js).

    Finished words are required (``+word``), stop words dropped. The word still being typed
    (no separator after it) is required too once it has ``MIN_PREFIX`` characters and is not a
    stop word, as a prefix of index terms: ``+<typed_prefix>*`` (lunr skips the pipeline for
    wildcard terms and the index holds stems), plus the word itself, optional, so exact matches
    rank first. Shorter words stay optional, stop words an optional raw prefix.

    ``terms`` are the index terms in JavaScript order (None: no index at hand). A word that
    would match none (its stem is no term or, for the word being typed, its prefix starts none)
    is retried at edit distance 1, ``+word~1`` ("difusion" finds "diffusion"), if it is made of
    letters and its stem has ``MIN_FUZZY`` characters; such a query could only find nothing.
    A word whose light form is a term of its own (:func:`exact_term`) also has that term as an
    optional clause boosted ``EXACT_BOOST``, and a word retried the light forms at edit distance 1. Two
    neighbouring finished words whose joined form is a term are also searched as one (:func:`_joined_clauses`).

    A word written with hyphens is searched as one, joined ("in-context" -> "incontext", see
    :func:`index_words`); ``-word`` leaves out the papers with it, ``+word`` is a word as any other;
    ``title:``, ``abstract:``, ``author:`` and ``repo:`` search one field; lunr's ``^2`` and ``~1`` after a
    word are no words.
    """
    return queries(text, terms)[0]


def queries(text: str, terms: Sequence[str] | None = None) -> list[str]:
    """The lunr queries for what a user typed, whose hits are merged (``plan`` in search.js): the one of
    :func:`query_string`, and a second when the word being typed reads two ways.

    That is when the stemmer rewrote its end ("phy" -> "phi", "poly" -> "poli", "key" -> "kei") into a term and
    the letters as typed start terms too: the user may mean the finished word or be on the way to "physics",
    "polynomial" or "keypoint". A paper matches either prefix; lunr has no OR of two required prefixes, so the
    second query requires ``+<as typed>*`` instead and each paper keeps its better score.

    And a word typed with an umlaut whose spelling with "e" is a term too ("müller": "muller" and "mueller", where
    some paper writes "Muller" and another "Mueller"; :func:`_spellings_searched`): each query is there once per
    spelling, requiring that one, so a paper with either matches (at most ``MAX_SPELT_WORDS`` such words)."""
    return plan(text, terms).queries


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a query as :func:`parse_query` reads it."""

    text: str
    """Lower-cased, hyphens taken out ("in-context" -> "incontext")."""
    sign: str = ""
    """"-" (leave out the papers with it), "+" or ""."""
    field: str = ""
    """``"title:"`` and the like when the word searches one field, else ""."""
    colon: bool = False
    """Followed by ":" without being a field name: never retried at edit distance 1 ("vitl" for "title:")."""
    optional: bool = False
    """Beside an upper-case OR (or "|"): searched as an optional clause, not a required one (:func:`booleans`)."""


@dataclass(slots=True)
class Plan:
    """What a query searches for (``plan`` in search.js)."""

    queries: list[str]
    stems: list[str]
    """The stems of the words searched as typed (not retried, not left out), in order: their papers by an author
    of that name come first."""
    fuzzy: list[str]
    """The words retried at edit distance 1."""
    either: list[tuple[str, str]] = dataclass_field(default_factory=list)
    """``(field or "", stem)`` of the optional words searched as typed (beside an OR): the papers with all of them
    come first (:func:`_all_first`)."""
    spelt: dict[str, str] = dataclass_field(default_factory=dict)
    """The stem of a word typed with an umlaut that is searched both ways -> the stem of its spelling with "e"
    (:func:`_spellings_searched`): a paper whose authors hold either holds the word (:func:`by_authors_first`)."""


QUERY_FIELDS = {
    "title": "title", "abstract": "abstract", "author": "authors", "authors": "authors", "repo": "repo",
    "venue": "venue", "journal": "venue",
}  # fmt: skip
"""Field names a query word may be restricted to (``title:diffusion``), and the field each searches."""
_OPERATOR = re.compile(r"(?<=[^\W_])[\^~][\d.]*(?=\s|$)")
"""lunr's boost or edit distance after a word, as the last thing in it ("diffusion^10 "); "U^2-Net" is a name."""


_SPACES = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""The spaces, spelt out as in search.js (Python's ``\\s`` and JavaScript's differ on a few control characters)."""
_SIGN_AFTER = re.compile(f"[{_SPACES}([{{\"'\u2018\u201c\u00ab\u201e]")
"""What may stand before a "-" or "+" that is a sign (``SIGN_AFTER`` in search.js): a space, an opening bracket or
quote, or nothing. Glued after a word or other punctuation it is the text's own: "(2+1)-dimensional",
"C*-algebras", "SU(2)-invariant", "Ca2+-ATPase", "DESIGN--Retrospective" (a structured abstract) leave nothing out."""
_SUSPENDED = re.compile(r"(?:&|/|,|\band|\bor)\s*$")
"""What stands before a suspended hyphen ("evolution-aware & -free", "pre- and -post"): no "-word" to leave out."""


_OPENERS = "\"'\u2018\u201c\u00ab\u201e([{"
"""The opening quotes and brackets: before words, they group them (:func:`_lead`, ``OPENERS`` in search.js)."""
_QUOTE_CLOSES = "\"'\u2019\u201c\u201d\u00bb"
_BOOLEAN = re.compile(
    f"(?<![^{_SPACES}])(?:NOT[{_SPACES}]+(?=[^\\W_]|[{re.escape(_OPENERS)}])|(?:AND|OR)(?=[{_SPACES}]))"
)
"""An upper-case NOT before a word, a quote or a bracket, AND or OR between spaces (``BOOLEAN`` in search.js)."""


def booleans(text: str) -> str:
    """The text with PubMed's upper-case boolean words as this search reads them (``booleans`` in search.js): NOT
    before a word leaves it out ("tumor NOT carcinoma" is "tumor -carcinoma"), before a quote or bracket each word
    inside ("tumor NOT (carcinoma OR sarcoma)" is "tumor -(carcinoma | sarcoma)", :func:`_lead`), AND is dropped
    (every word is required anyway) and OR is "|", which makes the words either side of it optional
    (:func:`parse_query`). They were stop words: "tumor NOT carcinoma", "tumor OR carcinoma" and "tumor AND
    carcinoma" all required both."""
    return _BOOLEAN.sub(lambda m: {"A": " ", "O": " | "}.get(m[0][0], "-"), text)


def clean_query(text: str) -> str:
    """What a user typed with its boolean words read (:func:`booleans`), without the invisible characters
    (zero-width space, soft hyphen: Unicode's Cf), accents folded as the index folds them (:func:`clean_text`), and
    without lunr's boosts and edit distances after a word ("diffusion^10", "learn~2"); ``clean`` in search.js."""
    return _OPERATOR.sub(" ", clean_text(booleans(text)))


def parse_query(text: str) -> tuple[list[Word], Word | None]:
    """The finished words of a query and the word being typed (None when the text ends in a separator). The words
    either side of a "|" (an upper-case OR, :func:`booleans`) are optional, all the words of a quote or bracket, or
    of a field's name, beside it: '"dark matter" OR "dark energy"' is "dark matter energy", every word optional (it
    required "dark" and "energy"). A sign before a quote or bracket applies to each word up to its end
    (:func:`_lead`): "-"dark matter"" leaves out "dark" and "matter"."""
    text = cjk_bigrams(clean_query(text))
    found: list[Word] = []
    units: list[int] = []  # per word found: where its quote, bracket or field's name starts, else the word itself
    field, field_sign, typing, field_end, last_end, field_at = "", "", None, 0, 0, 0
    group_sign, group_end, opened, either = "", 0, -1, -1
    for m in _GROUP.finditer(text):
        if possessive(text, m):
            continue
        start, end = m.span()
        word = _HYPHEN.sub("", m.group())
        if start >= group_end:
            opened, group_sign = _lead(text, start)
            group_end = _group_end(text, opened) if opened >= 0 else 0
        if start >= field_end:
            field, field_sign = "", ""
        sign = _signed(group_sign, field_sign, _sign_at(text, start - 1))
        colon = text[end : end + 1] == ":"
        if colon and word in QUERY_FIELDS:
            field_end, after = _field_words(text, end + 1)
            field, field_sign = (QUERY_FIELDS[word] + ":", _signed(sign, after)) if field_end else ("", "")
            field_at = start
            continue  # a field's name is never searched, also with no word after it ("title: ")
        unit = opened if start < group_end else field_at if field else start
        if found and "|" in text[last_end:start]:  # beside an OR: the words before it of one unit, and this one's
            either = unit
            for k in range(len(found) - 1, -1, -1):
                if units[k] != units[-1]:
                    break
                found[k] = replace(found[k], optional=True)
        found.append(Word(word, sign, field, colon and not field, unit == either))
        units.append(unit)
        last_end = end
        if end == len(text):
            typing = found.pop()
    return found, typing


def _sign_at(text: str, at: int) -> str:
    """The sign at ``at`` ("+", "-" or "") when it is one: first in the query or after a space, an opening quote or
    bracket (:data:`_SIGN_AFTER`), not a suspended hyphen (:data:`_SUSPENDED`)."""
    sign = text[at] if at >= 0 and text[at] in "+-" and (at < 1 or _SIGN_AFTER.match(text, at - 1)) else ""
    if sign == "-" and _SUSPENDED.search(text, 0, at):
        return ""  # "evolution-aware & -free": a suspended hyphen, as titles write them
    return sign


def _signed(*signs: str) -> str:
    """One sign of several (a group's, a field's, a word's own): "-" over "+" over none."""
    return "-" if "-" in signs else "+" if "+" in signs else ""


def _lead(text: str, start: int) -> tuple[int, str]:
    """Where the quotes or brackets open right before the word at ``start`` (after its own sign, if any; the
    outermost of several), -1 when none does, and the sign before them (``lead`` in search.js): "-(tumor)",
    ""-"dark matter"". An apostrophe or bracket after a letter or digit opens nothing ("O'Brien", "f(R)")."""
    at = start - 1 if _sign_at(text, start - 1) else start
    opened = at
    while opened > 0 and text[opened - 1] in _OPENERS:
        opened -= 1
    if opened == at or (opened > 0 and _WORD_CHAR.match(text[opened - 1])):
        return -1, ""
    return opened, _sign_at(text, opened - 1)


def _group_end(text: str, at: int) -> int:
    """Where the group that the quote or bracket at ``at`` opens ends (``groupEnd`` in search.js): at the bracket
    that closes it (brackets inside counted) or the next closing quote; the text's end when none does."""
    if text[at] in "([{":
        depth = 0
        for i in range(at, len(text)):
            depth += (text[i] in "([{") - (text[i] in ")]}")
            if depth == 0:
                return i
        return len(text)
    for i in range(at + 1, len(text)):
        if text[i] in _QUOTE_CLOSES and not _inner_apostrophe(text, i):
            return i
    return len(text)


def _inner_apostrophe(text: str, at: int) -> bool:
    """Whether ``at`` is an apostrophe inside a word, a letter or digit either side ("Hodgkin's", "O'Brien"): it
    closes no quote, and a field's name applies to the word's parts after it too (``innerApostrophe`` in
    search.js)."""
    return (
        0 < at < len(text) - 1
        and text[at] in _APOSTROPHES
        and bool(_WORD_CHAR.match(text[at - 1]))
        and bool(_WORD_CHAR.match(text[at + 1]))
    )


_FIELD_OPENS = re.compile(f"[{_SPACES}]*([-+]?)([{re.escape(_OPENERS)}]*)[{_SPACES}]*[-+]?")
"""What may stand between a field's name and its words: spaces, a sign, opening quotes or brackets, the first word's
own sign ("title:(-diffusion)"; ``FIELD_OPENS`` in search.js)."""


def _field_words(text: str, at: int) -> tuple[int, str]:
    """Where the words end that a field's name followed by ":" (up to ``at``) applies to (``fieldWords`` in
    search.js): the next word ("title:tumor", "title: tumor"), or each word up to the closing quote or bracket
    ("title:"dark matter"", "title:(tumor)", "title:“dark matter”", "title:("dark matter")"; quotes make no
    phrase: each word is searched in the field); a word with an apostrophe inside whole ("author:O'Brien"; no quote
    closes there: 'title:"Hodgkin's disease"'); 0 when no word follows. And the sign after the ":", which applies
    to those words ("title:-dark", "title: NOT dark", "title:-(dark matter)"), else ""."""
    opens = _FIELD_OPENS.match(text, at)
    first = _GROUP.match(text, opens.end()) if opens else None
    if opens is None or first is None:
        return 0, ""
    if not opens.group(2):
        end = first.end()
        while _inner_apostrophe(text, end):  # "author:O'Brien": the index holds "o" and "brien"
            end = _GROUP.match(text, end + 1).end()  # type: ignore[union-attr]
        return end, opens.group(1)
    return _group_end(text, opens.start(2)), opens.group(1)


def plan(text: str, terms: Sequence[str] | None = None) -> Plan:
    """The lunr queries for what a user typed and what they stand for (see :func:`query_string`)."""
    tokens, typing = parse_query(text)
    done = [w for w in dict.fromkeys(tokens) if w.text not in STOP_WORDS and not _typed_again(w, typing)]
    spelt = spelt_words(text) if terms is not None else {}
    slots: list[list[list[str]]] = []  # per word, its clauses: one list per spelling searched (product: the queries)
    stems: list[str] = []
    fuzzy: list[str] = []
    either: list[tuple[str, str]] = []
    both: dict[str, str] = {}
    for w in done:
        alt = _spelt_word(w, spelt)
        if w.sign == "-":
            left = [f"-{w.field}{w.text}"]
            if alt is not None and _held(terms, alt.text):  # "-müller" leaves out "Mueller" too
                left.append(f"-{w.field}{alt.text}")
            slots.append([left])
            continue
        w, alt = _spellings_searched(w, alt, terms, _held, len(both))
        if not w.colon and _retried(w.text, terms, not _held(terms, w.text)):
            slots.append([[f"{_presence(w)}{w.field}{w.text}~1", *_exact_clauses(w, terms, "~1")]])
            fuzzy.append(w.text)
            continue
        exact = _exact_clauses(w, terms)
        slots.append([[f"{_presence(w)}{w.field}{word.text}", *exact] for word in (w, alt) if word is not None])
        stems.append(stem(w.text))
        if alt is not None:
            both[stem(w.text)] = stem(alt.text)
        if w.optional:
            either.append((w.field.rstrip(":"), stem(w.text)))
    slots.append([_joined_clauses(tokens, terms)])
    readings: list[list[str]] = [[]]
    if typing is not None and typing.sign == "-":
        if typing.text not in STOP_WORDS:
            alt = _spelt_word(typing, spelt)
            readings = [[f"-{typing.field}{typing.text}"]]
            if alt is not None and _held(terms, alt.text):
                readings[0].append(f"-{typing.field}{alt.text}")
    elif typing is not None:
        alt = _spelt_word(typing, spelt) if typing.text not in STOP_WORDS and len(typing.text) >= MIN_PREFIX else None
        typing, alt = _spellings_searched(typing, alt, terms, _starts, len(both))
        readings = _typing_clauses(typing, terms)
        if alt is not None:
            readings += _typing_clauses(alt, terms, typing)[:1]
        if any("~1" in clause for clause in readings[0]):
            fuzzy.append(typing.text)
        elif readings[0] and not readings[0][0].endswith("*"):
            stems.append(stem(typing.text))
            if alt is not None:
                both[stem(typing.text)] = stem(alt.text)
            if typing.optional:
                either.append((typing.field.rstrip(":"), stem(typing.text)))
    slots.append(readings)
    if not any(clause[0] != "-" for slot in slots for clause in slot[0]):
        return Plan([""], [], [])  # nothing to search for (only words to leave out: lunr would list every paper)
    queries = [" ".join(clause for part in parts for clause in part) for parts in product(*slots)]
    return Plan(queries, stems, fuzzy, list(dict.fromkeys(either)), both)


MAX_SPELT_WORDS = 2
"""How many words typed with an umlaut a query searches both ways at most (:func:`_spellings_searched`): each
doubles the queries. Any more are searched as the index holds them, the umlaut folded where it finds something."""


def spelt_words(text: str) -> dict[str, str]:
    """The words of a query typed with an umlaut -> their spelling with "e" ("müller" -> ``{"muller": "mueller"}``;
    :func:`sitegen.search.spellings`); ``speltWords`` in search.js."""
    return {word: spelt for word, spelt in spellings(text) if word != spelt}


def _spelt_word(w: Word, spelt: Mapping[str, str]) -> Word | None:
    """The word as spelt with "e" when it was typed with an umlaut (:func:`spelt_words`) and that is another term
    (not a stop word, another stem), else None (``speltWord`` in search.js)."""
    other = spelt.get(w.text)
    if other is None or other in STOP_WORDS or stem(other) == stem(w.text):
        return None
    return replace(w, text=other)


def _spellings_searched(
    w: Word,
    alt: Word | None,
    terms: Sequence[str] | None,
    found: Callable[[Sequence[str] | None, str], bool],
    both: int,
) -> tuple[Word, Word | None]:
    """The spelling a word typed with an umlaut is searched by, and the other one it is searched by too, if any
    (``spellingsSearched`` in search.js). The index holds "Müller" as "muller" and "mueller", but a paper that writes
    only "Mueller" as "mueller" alone (unless some paper writes "Müller" too: :func:`sitegen.search.spelling_twins`),
    so "müller", which folds to "muller", found none of them. Where only the spelling with "e" finds something
    (``found``: :func:`_held`, :func:`_starts`), the word is that spelling; where both do, both are searched (each
    query once per spelling: :func:`plan`), the light form's clause being the word's as typed, so the papers
    spelt as typed still come first; the folded word alone otherwise, as before, and past ``MAX_SPELT_WORDS``
    words searched both ways (``both``)."""
    if alt is None or not found(terms, alt.text):
        return w, None
    if not found(terms, w.text):
        return alt, None
    return (w, alt) if both < MAX_SPELT_WORDS else (w, None)


def _held(terms: Sequence[str] | None, word: str) -> bool:
    """Whether the index holds a finished word: its stem is a term."""
    return _first_term(terms, stem(word)) == stem(word)


def _starts(terms: Sequence[str] | None, word: str) -> bool:
    """Whether the prefix of a word being typed (:func:`typed_prefix`) starts a term."""
    prefix = typed_prefix(word, terms)
    return _first_term(terms, prefix).startswith(prefix)


def _typed_again(w: Word, typing: Word | None) -> bool:
    """Whether a finished word is being typed again, to the same end ("diffusion diffusion"): it is searched as the
    word being typed alone. Not a word being typed to leave it out, or the other way round: "tumor -tumor" searched
    "-tumor" alone and said it only left papers out (``plan`` in search.js)."""
    return typing is not None and w.text == typing.text and (w.sign == "-") == (typing.sign == "-")


def _presence(w: Word) -> str:
    """lunr's presence of a word searched for: "+" (required), "" when it is optional (beside an OR)."""
    return "" if w.optional else "+"


def _joined_clauses(tokens: Sequence[Word], terms: Sequence[str] | None) -> list[str]:
    """The optional clauses of two neighbouring finished words written as one (``joinedClauses`` in search.js):
    "in context" also searches "incontext", boosted ``JOINED_BOOST``, when that is an index term (hyphenated
    words are also indexed joined, :func:`index_words`), so the papers on in-context learning rank above "Order
    Theory in the Context of Machine Learning". Stop words count; both words without a sign, in one field."""
    if terms is None:
        return []
    found: dict[str, None] = {}
    for a, b in pairwise(tokens):
        joined = stem(a.text + b.text)
        if not a.sign and not b.sign and a.field == b.field and _first_term(terms, joined) == joined:
            found[f"{a.field}{a.text}{b.text}^{JOINED_BOOST}"] = None
    return list(found)


def _exact_clauses(w: Word, terms: Sequence[str] | None, fuzz: str = "") -> list[str]:
    """The optional clause of a word's light form, when the index holds it (retried words: always, at edit
    distance 1; :func:`search` keeps the near term that goes with the word's correction)."""
    if terms is None or w.field in ("authors:", "repo:"):
        return []
    term = exact_term(w.text)
    return [f"{w.field}{term}{fuzz}^{EXACT_BOOST}"] if fuzz or _first_term(terms, term) == term else []


def _typing_clauses(w: Word, terms: Sequence[str] | None, typed: Word | None = None) -> list[list[str]]:
    """The clauses of the word being typed, one list per reading of it (see :func:`queries`); ``typed``: the word as
    typed, when ``w`` is its other spelling (:func:`_spellings_searched`), whose light form's clause it keeps."""
    typing, field = w.text, w.field
    if typing in STOP_WORDS and len(typing) < MIN_PREFIX:
        return [[]]
    if typing in STOP_WORDS:
        return [[f"{field}{typing}*"]]
    if len(typing) < MIN_PREFIX:
        return [[f"{field}{typing}"]]
    prefix = typed_prefix(typing, terms)
    missed = not _first_term(terms, prefix).startswith(prefix)
    if _retried(typing, terms, missed):
        return [[f"{_presence(w)}{field}{typing}~1", *_exact_clauses(w, terms, "~1")]]
    exact = _exact_clauses(typed or w, terms)
    readings = [[f"{field}{typing}", *exact, f"{_presence(w)}{field}{prefix}*"]]
    if rewritten_prefix(typing, prefix, terms):
        readings.append([f"{field}{typing}", *exact, f"{_presence(w)}{field}{typing}*"])
    return readings


def rewritten_prefix(typing: str, prefix: str, terms: Sequence[str] | None) -> bool:
    """Whether the word being typed also needs its letters as typed for a prefix (``rewritten`` in search.js):
    its prefix is its stem, which the stemmer made by rewriting letters, and what was typed starts a term."""
    return (
        terms is not None
        and prefix == stem(typing)
        and not typing.startswith(prefix)
        and _first_term(terms, typing).startswith(typing)
    )


def _retried(word: str, terms: Sequence[str] | None, missed: bool) -> bool:
    """Whether a word that ``missed`` the index is retried at edit distance 1 (see :func:`query_string`)."""
    return terms is not None and missed and word.isalpha() and len(stem(word)) >= MIN_FUZZY


def _first_term(terms: Sequence[str] | None, text: str) -> str:
    """The first of ``terms`` (JavaScript order) not before ``text``; "" if none."""
    if terms is None:
        return ""
    at = bisect.bisect_left(terms, _js_order(text), key=_js_order)
    return terms[at] if at < len(terms) else ""


def typed_prefix(word: str, terms: Sequence[str] | None = None) -> str:
    """The term prefix that the word being typed requires (``typedPrefix`` in search.js).

    The word's stem when that is an index term (or no index is at hand): a finished word
    ("studies" -> "studi", "relational" -> "relat") or a stem prefix ("distil"). Otherwise the
    word is unfinished, maybe past the end of its stem ("learni" -> "learn", "distillati" ->
    "distil"): the common prefix of the word as typed and those stems of its completions by the
    rest of a suffix it ends with the start of that are terms ("atten" stays "atten": "atteness"
    stems to "att", no paper's word, which took it to every "attribute"). As typed, not its
    stem: the stemmer may rewrite its end ("analy" -> "anali", "phys" -> "phi") where the word
    goes on ("analysis", "physics").
    A word ending in a consonant and "ys" is never taken for finished even if its stem is a
    term ("phys" -> "phi"): Porter reads a plural there, but English has none ("study" ->
    "studies"). A word ending in a doubled consonant is also completed by "ing", whose stem drops
    the doubled letter ("embedd" -> "embed" of "embedding", "sett" -> "set"; :func:`_completed_stems`),
    also when its stem is a term ("transferr" of "transferable", "occurr" of "occurrence") if that
    stem has ``MIN_FUZZY`` characters: "transferr" -> "transfer" ("add" stays: "ad" starts too many).
    """
    term = stem(word)
    if terms is None:
        return term
    if _first_term(terms, term) == term and not _NO_PLURAL.search(word):
        undoubled = stem(word + "ing") if _DOUBLED.search(word) else ""
        if len(undoubled) >= MIN_FUZZY and _first_term(terms, undoubled) == undoubled:
            return _common_prefix(term, undoubled)  # "transferr": of "transferable" and of "transferring"
        return term
    prefix = word
    for completed in _completed_stems(word):
        if _first_term(terms, completed) == completed:
            prefix = _common_prefix(prefix, completed)
    return prefix if len(prefix) >= MIN_PREFIX else term


_DOUBLED = re.compile(r"([^aeiouylsz])\1$")
"""A doubled consonant at the end of a word that Porter's step 1b undoes after -ed or -ing ("embedding" -> "embed")."""


def _completed_stems(word: str) -> list[str]:
    """The stems (``MIN_PREFIX`` characters or more) of the word being typed completed by the rest of a stemmer
    suffix it ends with the start of ("learni": "learn" of "learning"), and, when it ends in a doubled consonant
    (:data:`_DOUBLED`), by "ing": "embedd" is on the way to "embedding", stem "embed" (``completedStems`` in
    search.js)."""
    found = [
        stem(word + suffix[cut:])
        for suffix in STEM_SUFFIXES
        for cut in range(1, len(suffix))
        if word.endswith(suffix[:cut])
    ]
    if _DOUBLED.search(word):
        found.append(stem(word + "ing"))
    return [completed for completed in found if len(completed) >= MIN_PREFIX]


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def js_stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """lunr.js's Porter stemmer (sitegen/stemmer.py), not lunr.py's: the two differ on words like
    "display", and the browser stems queries with lunr.js."""
    return token.update(lambda word, _metadata: stem(word))


# lunr's own label, so the serialized pipeline ("stemmer") loads in lunr.js, whose stemmer this is.
js_stemmer.label = "stemmer"  # type: ignore[attr-defined]


def js_pipeline() -> Pipeline:
    """The search-time pipeline of the browser: just the stemmer."""
    pipeline = Pipeline()
    pipeline.add(js_stemmer)
    return pipeline


def default_builder() -> Builder:
    """lunr.py's default builder (trimmer, stop words, stemmer) with the memoised stemmer."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, js_stemmer)
    builder.search_pipeline.add(js_stemmer)
    return builder


def build_index_reference(docs: Sequence[SearchDoc]) -> Index:
    """The index built by lunr.py's own Builder: slow, kept as the reference the tests compare with."""
    builder = default_builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    ambiguous, twins = ambiguous_stems(corpus_words(docs)), spelling_twins(docs)
    for number, doc in enumerate(docs):
        builder.add({"ref": str(number), **field_texts(doc, ambiguous, twins)})
    return builder.build()


def build_index(docs: Sequence[SearchDoc]) -> Index:
    """The same index as lunr.py's Builder (``build_index_reference``), built several times faster.

    Same tokenizer, pipeline, term order and weights; the saving is memoising the pipeline per
    distinct token and skipping per-token objects. The site's files come from :func:`analyze`
    and :func:`bm25` directly; this ``Index`` is for tests and Python-side queries.
    """
    analysis = analyze(docs)
    by_index = list(analysis.terms)
    inverted: dict[str, dict[str, Any]] = {}
    for term, index in analysis.terms.items():
        inverted[term] = {name: {} for name, _ in FIELDS}
        inverted[term]["_index"] = index
    vectors = {}
    for field, number, pairs in bm25(analysis, len(docs)):
        for index, _ in pairs:
            inverted[by_index[index]][field][str(number)] = {}
        vectors[f"{field}/{number}"] = Vector([x for pair in pairs for x in pair])
    return Index(inverted, vectors, TokenSet.from_list(sorted(inverted)), [n for n, _ in FIELDS], js_pipeline())


def load_index(docs: Sequence[SearchDoc]) -> Index:
    """The index as the browser sees it: serialized (weights rounded to 3 places) and loaded."""
    index = Index.load(json.loads(json.dumps(build_index(docs).serialize())))
    index.pipeline = js_pipeline()  # Index.load would bring back lunr.py's own stemmer
    index.sitegen_words = TokenSet.from_list(sorted(text_words(corpus_words(docs))))
    return index


def search(index: Index, text: str) -> list[tuple[int, float]]:
    """Ranked ``(doc number, score)`` for what a user typed; ties by doc number (as search.js).

    The papers with a common completion of the word being typed come first (:func:`_tiered`): lunr scores each
    term a prefix expands to by its own rarity, so while "learning" is typed, a paper on "Learngene" (one paper's
    word) would outrank every paper on learning. A word retried at edit distance 1 searches only its likeliest
    correction (:func:`_corrected`). Then the papers by an author of that name, when every word searched is in
    their authors' names ("lovelace": her papers before those that mention her, :func:`by_authors_first`).

    A query that is a paper's identifier (:func:`identifier_query`) finds the papers whose links hold it alone, by
    the field ``id``; when none does, nothing, unless it is a bare number: then the words' search, which finds a year
    or a number of the text ("2024", "500")."""
    found = identifier_query(text)
    if found is not None and ((by_id := identifier_hits(index, found)) or found.named):
        return by_id  # a pasted identifier: its paper alone (QA: "35012345" found nothing, a DOI stray numbers)
    planned = plan(text, _sorted_terms(index))
    tried = planned.queries
    if not tried[0]:
        return []
    index, tried = _corrected(index, tried)
    hits = _tiered(index, tried)
    if not hits and sum(clause.startswith("+") for clause in tried[0].split()) >= 2:
        hits = _tiered(index, [relaxed(query) for query in tried])  # no paper has every word: those with some
    return by_authors_first(index, _all_first(index, hits, planned.either), planned.stems, planned.spelt)


@dataclass(frozen=True, slots=True)
class Identifier:
    """A paper's identifier that a query is (:func:`identifier_query`; ``identifierQuery`` in search.js)."""

    kind: str
    """"doi", "pmid" or "arxiv", as :func:`sitegen.ingest.fields.link_identifier` names them."""
    value: str
    """Lower case, as the links' identifiers are indexed: "10.1016/s0140-6736(22)00123-4", "35012345", "2403.09611"."""
    named: bool
    """Said to be one: "PMID:", "doi:", a link, or the shape of a DOI or an arXiv id. A bare number ("35012345",
    "2024") is a PMID only when a paper has it: it may be a year or a number of the text."""

    @property
    def term(self) -> str:
        """Its term in the field ``id`` (:func:`sitegen.search.identifier_term`)."""
        return identifier_term(self.kind, self.value)


_PMID_QUERY = re.compile(
    r"(?P<named>pmid\s*:?\s*|(?:https?://)?(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/)?(?P<id>[0-9]{1,8})/?", re.IGNORECASE
)
"""A PMID, bare or named (``PMID_QUERY`` in search.js, as the next three; ASCII digits, as JavaScript's ``\\d``)."""
_DOI_QUERY = re.compile(
    r"(?:doi\s*:?\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/)?(?P<id>10\.[0-9]{4,9}/\S+)", re.IGNORECASE
)
_ARXIV_QUERY = re.compile(
    rf"(?:arxiv\s*:?\s*|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?:arxiv:)?)?(?P<id>{ARXIV_BARE_ID})"
    r"(?:v[0-9]+)?(?:\.pdf)?/?",
    re.IGNORECASE,
)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.(?P<id>{ARXIV_BARE_ID})(?:v[0-9]+)?", re.IGNORECASE)
"""arXiv's DataCite DOI, which stands for the arXiv id (as :func:`sitegen.ingest.fields.link_identifier` reads it)."""
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
"""Invisible characters a DOI copied from a PDF or a web page may carry (soft hyphen, zero-width space and joiners,
word joiner, byte order mark): ``INVISIBLE`` in search.js."""
IDENTIFIER_NAMES = {"doi": "DOI", "pmid": "PMID", "arxiv": "arXiv id"}
"""How the results name each kind of identifier: "No paper has the DOI 10.2337/dc23-0456." (``statusLine`` in
search.js)."""


def identifier_query(text: str) -> Identifier | None:
    """The identifier a query is, whole (spaces around it aside), else None (``identifierQuery`` in search.js): a PMID
    (1 to 8 digits, after "PMID:" or in a PubMed link, or bare), a DOI ("10.NNNN/...", after "doi:" or in a doi.org
    link; arXiv's own DOI "10.48550/arXiv.2403.09611" is that arXiv id) or an arXiv id ("2403.09611", "hep-th/9901001",
    after "arXiv:" or in an arxiv.org link, any version). Lower case, URL escapes decoded, no final "/" or full stop,
    as :func:`sitegen.ingest.fields.link_identifier` reads links. QA: "35012345" said "No papers match", and
    "10.1016/S0140-6736(22)00123-4" or "doi:10.2337/dc23-0456" listed papers that share a stray number with it."""
    text = _INVISIBLE.sub("", text).strip()
    if found := _PMID_QUERY.fullmatch(text):
        return Identifier("pmid", found["id"], bool(found["named"]))
    if found := _DOI_QUERY.fullmatch(text):
        doi = urllib.parse.unquote(found["id"]).lower().rstrip("/.")
        arxiv = _ARXIV_DOI.fullmatch(doi)
        return Identifier("arxiv", arxiv["id"], True) if arxiv else Identifier("doi", doi, True)
    if found := _ARXIV_QUERY.fullmatch(text):
        return Identifier("arxiv", found["id"].lower(), True)
    return None


def identifier_hits(index: Index, found: Identifier) -> list[tuple[int, float]]:
    """The papers whose field ``id`` holds the identifier, in store order (``identifierHits`` in search.js)."""
    posting = index.inverted_index.get(found.term, {}).get("id", {})
    return sorted((int(ref), 0.0) for ref in posting)


def _all_first(
    index: Index, hits: list[tuple[int, float]], either: Sequence[tuple[str, str]]
) -> list[tuple[int, float]]:
    """The hits that hold every word of an OR (``either``, :class:`Plan`) first, then the others, each in their order
    (``allFirst`` in search.js): lunr scores each optional word by its rarity, and on a dev set "field OR magnetic"
    put 6 papers with only "magnetic" above those with both."""
    if len(either) < 2:
        return hits
    first = [hit for hit in hits if all(_holds_any(index, hit[0], [pair]) for pair in either)]
    held = {n for n, _ in first}
    return first + [hit for hit in hits if hit[0] not in held]


_YEAR_WORD = re.compile(f"(?<![^{_SPACES}])((?:19|20)[0-9][0-9])(?![^{_SPACES}])")
"""A year typed as a word of its own, between spaces (not "+2024", "title:2024", "2023-2024"); the spaces spelt out,
as in search.js (Python's ``\\s`` and JavaScript's differ on a few control characters)."""


def _dated_years(years: Sequence[Any] | None) -> frozenset[int]:
    """The years some paper is from, out of search/years.json's content (None: no paper has a date)."""
    if years is None:
        return frozenset()
    base, per_doc = years
    return frozenset(base + y for y in per_doc if y)


def year_hits(years: Sequence[Any] | None, text: str, index: Index | None = None) -> list[tuple[int, float]]:
    """The papers of the year a query names, when it is a 4-digit year (1900-2099) beside words that search for
    nothing (stop words, words left out), in store order, less those with a word left out: what the results show
    when its search (:func:`search`) finds nothing (``yearHits`` in search.js). ``years``: the content of
    search/years.json (None: no paper has a date). "2024" is no seed paper's word; 15 are from 2024, and "the
    2024" and "-diffusion 2024" are those 15 and those of them without "diffusion", as people mean them.
    ``index``: where the words left out are looked up (without it a query leaving words out has no such hits)."""
    found = _year_beside_nothing(years, text)
    if years is None or found is None:
        return []
    year, rest = found
    left = left_out(rest)
    if left and index is None:
        return []
    base, per_doc = years
    dated = [n for n, y in enumerate(per_doc) if y and base + y == year]
    return [(n, 0.0) for n in dated if index is None or not _holds_any(index, n, left)]


def _typed_year(years: Sequence[Any] | None, text: str) -> tuple[int, str] | None:
    """The one year typed as a word of its own in a query, when some paper is from it, and the rest of the query
    (cleaned, the year a space; as typed where a word has an umlaut, which :func:`plan` searches by its spelling
    with "e" too); None otherwise."""
    if (named := identifier_query(text)) is not None and named.named:
        return None  # "PMID: 2019" is that paper's number, no date
    cleaned = clean_query(text)
    found = _YEAR_WORD.findall(cleaned)
    if len(found) != 1 or int(found[0]) not in _dated_years(years):
        return None
    if spelt_words(text) and _YEAR_WORD.findall(text) == found:  # "müller 2024": "müller" searched as typed (plan)
        return int(found[0]), _YEAR_WORD.sub(" ", text)
    return int(found[0]), _YEAR_WORD.sub(" ", cleaned)


def _year_beside_nothing(years: Sequence[Any] | None, text: str) -> tuple[int, str] | None:
    """The year typed in a query and the rest, when the rest searches for nothing (``yearAlone`` in search.js)."""
    found = _typed_year(years, text)
    return None if found is None or plan(found[1]).queries[0] else found


def left_out(text: str) -> list[tuple[str, str]]:
    """``(field or "", term)`` of each word a query leaves out ("-diffusion", "-title:gan"), as lunr reads
    ``-word``: its stem, in that field or any (``leftOut`` in search.js); stop words leave nothing out. A word typed
    with an umlaut also as spelt with "e" (:func:`_spelt_word`): "-müller" leaves out "Mueller" too."""
    tokens, typing = parse_query(text)
    signed = [w for w in [*tokens, *([typing] if typing else [])] if w.sign == "-" and w.text not in STOP_WORDS]
    spelt = spelt_words(text)
    forms = [form for w in signed for form in (w, _spelt_word(w, spelt)) if form is not None]
    return list(dict.fromkeys((w.field.rstrip(":"), stem(w.text)) for w in forms))


def _holds_any(index: Index, number: int, terms: Iterable[tuple[str, str]]) -> bool:
    """Whether paper ``number`` holds one of the ``(field or "", term)`` pairs (:func:`left_out`)."""
    for field, term in terms:
        posting = index.inverted_index.get(term, {})
        if any(str(number) in posting.get(f, {}) for f in ([field] if field else index.fields)):
            return True
    return False


def year_query(years: Sequence[Any] | None, text: str) -> tuple[str, int] | None:
    """The query without the year typed among its words, and that year (``yearQuery`` in search.js): "diffusion
    2024" searches "diffusion" and shows its papers from 2024, since people who type a year next to words mean the
    date, which no abstract needs to mention. Only one year, one that some paper is from, beside words that
    search for something (a year alone is :func:`year_hits`' case); else None, and the year is a word as any
    other. Also a year some abstracts write ("2023" on the seeds): the date is what is meant."""
    found = _typed_year(years, text)
    return (found[1], found[0]) if found is not None and plan(found[1]).queries[0] else None


@dataclass(frozen=True, slots=True)
class DatedSearch:
    """The results of a query with a year among its words (:func:`year_search`)."""

    year: int
    rest: str
    """The query without the year, cleaned (:func:`clean_query`; as typed where a word has an umlaut,
    :func:`_typed_year`): what is searched."""
    hits: list[tuple[int, float]]
    """Every hit of ``rest`` (:func:`search`), whatever its date: what "All years" of the year filter shows."""
    shown: list[tuple[int, float]]
    """The hits from ``year`` in their order (the year filter pre-selected); every hit when none is from it."""


def year_search(index: Index, years: Sequence[Any] | None, text: str) -> DatedSearch | None:
    """What the results show for a query with a year among its words (:func:`year_query`; ``run`` in search.js):
    the hits of the other words from that year, or all of them when none is ("No paper from 2019 matches
    “grokking”; showing all 7 matching papers"). None when the query has no such year."""
    found = year_query(years, text)
    if found is None or years is None:
        return None
    rest, year = found
    hits = search(index, rest)
    base, per_doc = years
    dated = [hit for hit in hits if per_doc[hit[0]] and base + per_doc[hit[0]] == year]
    return DatedSearch(year, rest, hits, dated or hits)


@dataclass(frozen=True, slots=True)
class Filtered:
    """The results under the theme and year filters, and what their menus offer (:func:`filtered`)."""

    shown: list[tuple[int, float]]
    """The hits of the chosen theme from the chosen year; all of the theme's when none is from it (``none``); those
    of every theme when none is in it (``theme_none``)."""
    none: bool
    """A year is chosen and no hit of the chosen theme is from it: the results say so."""
    themes: list[tuple[str, int]]
    """The theme menu, ``(id, count)`` in store order after ``("", count)`` for "All themes": counted within the
    chosen year (of every year when no hit is from it); the themes with hits, and the chosen one."""
    years: list[tuple[str, int]]
    """The year menu after "All years", newest first: counted within the chosen theme; the years with hits, the
    chosen one and the one typed in the query."""
    years_shown: bool
    """Whether the year menu shows: two years or more, or a year chosen or typed (it can then be undone)."""
    all_years: int = 0
    """The count of "All years" in the year menu: the hits of the chosen theme (of every theme: ``theme_none``)."""
    theme_none: bool = False
    """A theme is chosen and no hit is in it: the hits of every theme are shown, the results say so, and the theme
    stays chosen (a word half typed, "diffusion 20", drops no choice)."""


def filtered(
    hits: Sequence[tuple[int, float]],
    years: Sequence[Any] | None,
    themes: Sequence[Sequence[Any]],
    theme: str = "",
    year: str = "",
    typed: str = "",
) -> Filtered:
    """What the results and the filters show for ``hits``, a chosen ``theme`` id and ``year`` ("": all) and the year
    ``typed`` in the query (:func:`year_query`; ""): ``filtered``, ``renderFilter``, ``renderYears`` in search.js.
    ``themes``: the manifest's ``[id, label, first doc, end doc]``. Each filter counts within the other's choice,
    so a count is what choosing it shows, whether the year was typed or picked."""

    def theme_of(n: int) -> str:
        return next((str(t[0]) for t in themes if t[2] <= n < t[3]), "")

    def year_of(n: int) -> str:
        return str(years[0] + years[1][n]) if years is not None and years[1][n] else ""

    themed = [h for h in hits if not theme or theme_of(h[0]) == theme]
    theme_none = bool(theme) and not themed
    if theme_none:
        themed = list(hits)
    dated = [h for h in themed if year and year_of(h[0]) == year]
    of_year = [h for h in hits if year_of(h[0]) == year] if year else []
    by_theme = Counter(theme_of(n) for n, _ in of_year or hits)
    by_year = Counter(year_of(n) for n, _ in themed)
    listed = [(str(t[0]), by_theme[str(t[0])]) for t in themes if by_theme[str(t[0])] or t[0] == theme]
    shown_years = sorted({y for y in by_year if y} | ({year, typed} - {""}), reverse=True)
    return Filtered(
        shown=dated or themed,
        none=bool(year) and not dated,
        themes=[("", len(of_year or hits)), *listed],
        years=[(y, by_year[y]) for y in shown_years],
        years_shown=len(shown_years) >= 2 or bool(year or typed),
        all_years=len(themed),
        theme_none=theme_none,
    )


def author_search(index: Index, name: str) -> list[tuple[int, float]]:
    """The hits of an author link (``?q=<name>&by=author``; ``authorHits`` in search.js): first the papers of an
    author whose family name is the name's and whose initials agree with its initials as far as both go ("G.
    Hinton", "Geoffrey E. Hinton" and "Hinton, G. E." find one another; "G. J. Hinton" is someone else), ranked
    by lunr over those name keys, those of the name itself first (:func:`_same_name_first`); then the other hits of
    the name searched as words."""
    words_hits = search(index, name + " ")
    keys = compatible_keys(_sorted_terms(index), name)
    spelt = [key for key in spelt_keys(_sorted_terms(index), name) if key not in keys]
    if not keys and not spelt:
        return words_hits
    hits = _same_name_first(index, _ranked(index, [" ".join(f"authors:{key}" for key in keys)]), name) if keys else []
    seen = {n for n, _ in hits}
    if spelt:  # the family name typed with an umlaut, spelt with "e": "A. Mueller" for "A. Müller", after its own
        hits += [hit for hit in _ranked(index, [" ".join(f"authors:{key}" for key in spelt)]) if hit[0] not in seen]
        seen = {n for n, _ in hits}
    return hits + [hit for hit in words_hits if hit[0] not in seen]


def spelt_keys(terms: Sequence[str], name: str) -> list[str]:
    """The author keys among ``terms`` of the names that may be ``name`` written with "e" for an umlaut of its family
    name (``speltKeys`` in search.js): a link of "A. Müller" finds "A. Mueller" where no paper writes "Müller" (that
    paper's keys would be both, :func:`sitegen.search.author_words`); none for a family name without an umlaut."""
    parts, spelt = name_parts(name), name_parts(spelt_with_e(name))
    if parts is None or spelt is None or spelt[0] == parts[0]:
        return []
    return _keys_of(terms, spelt[0], parts[1])


def _same_name_first(index: Index, hits: list[tuple[int, float]], name: str) -> list[tuple[int, float]]:
    """The hits with an author of the same name first, then the others, each in their order (``sameNameFirst`` in
    search.js): a name key with the same initials (:func:`sitegen.search.author_key`) and, in the authors' names,
    every word of the name (:func:`same_name_terms`; accents folded, "Anna-Katharina" and "Anna Katharina" alike).
    QA: the link of "Anna Katharina Müller" listed "Ayşe Müller" and "Ana Müller" (key "_muller_a_", rarer, so
    higher by lunr) above two of her own three papers. From the postings alone: no doc is fetched."""
    postings = [index.inverted_index.get(term, {}).get("authors", {}) for term in same_name_terms(name)]
    if not postings:
        return hits
    first = [hit for hit in hits if all(str(hit[0]) in docs for docs in postings)]
    return first + [hit for hit in hits if any(str(hit[0]) not in docs for docs in postings)]


def same_name_terms(name: str) -> list[str]:
    """The terms a paper's authors field holds when an author's name is ``name``, written the same, as far as the
    index tells: its name key (:func:`sitegen.search.author_key`) and the stems of its words, stop words aside; none
    for a name without a key."""
    key = author_key(name)
    if key is None:
        return []
    found = [w for w in _NON_WORD.split(clean_text(name)) if w and w not in STOP_WORDS]
    return list(dict.fromkeys([key, *map(stem, found)]))


def same_author(name: str, author: str, twins: Mapping[str, str] | None = None) -> bool:
    """Whether ``name`` may be the author an author link names: the same family name, initials one the start of the
    other (as :func:`compatible_keys` finds their papers). Its results show and mark that name alone (``sameAuthor``,
    ``authorsLine`` in search.js): "Yi Wang", not every Wang. A family name is also its other spelling
    (:func:`family_spellings`): "A. Mueller" may be "Anna Müller", and, where the papers write "Müller" too
    (``twins``, :func:`sitegen.search.spelling_twins`), "A. Muller", as the index finds them."""
    own, theirs = name_parts(name), name_parts(author)
    if own is None or theirs is None:
        return False
    same = family_spellings(name, twins) & family_spellings(author, twins)
    return bool(same) and _initials_agree(own[1], theirs[1])


def family_spellings(name: str, twins: Mapping[str, str] | None = None) -> set[str]:
    """An author's family name as the index holds its name keys (:func:`sitegen.search.author_words`): as written,
    and its other spelling (:func:`sitegen.search.other_spelling`): "Müller" is {"muller", "mueller"}, "Mueller"
    {"mueller"} and, where the papers write "Müller" too, {"mueller", "muller"}; empty without a family name."""
    parts, spelt = name_parts(name), name_parts(spelt_with_e(name))
    if parts is None:
        return set()
    other = other_spelling(parts[0], parts[0] if spelt is None else spelt[0], twins or {})
    return {parts[0]} if other is None else {parts[0], other}


def _initials_agree(a: str, b: str) -> bool:
    """Two names' initials agree as far as both go: one is the start of the other ("ge" and "g"; "" and any)."""
    return a.startswith(b) or b.startswith(a)


def compatible_keys(terms: Sequence[str], name: str) -> list[str]:
    """The author keys among ``terms`` (JavaScript order) of the names that may be ``name``: same family name,
    initials one the start of the other (an author without given names agrees with any)."""
    parts = name_parts(name)
    return [] if parts is None else _keys_of(terms, *parts)


def _keys_of(terms: Sequence[str], family: str, initials: str) -> list[str]:
    """The author keys among ``terms`` with that family name and initials that agree with ``initials``."""
    head = f"_{family}_"
    found = []
    for term in terms[bisect.bisect_left(terms, _js_order(head), key=_js_order) :]:
        if not term.startswith(head):
            break
        given = term[len(head) : -1]
        if len(term) > len(head) and term.endswith("_") and _initials_agree(given, initials):
            found.append(term)
    return found


def by_authors_first(
    index: Index, hits: list[tuple[int, float]], stems: Sequence[str], spelt: Mapping[str, str] | None = None
) -> list[tuple[int, float]]:
    """The hits whose authors' names hold every one of ``stems`` that is a term first, then the others, each in
    their order (``authorsFirst`` in search.js). A stem that ``spelt`` maps to its spelling with "e" (:class:`Plan`)
    is held by the authors of either: "müller" puts the papers of "A. Mueller" first too."""
    spelt = spelt or {}

    def authors(term: str) -> dict[str, Any]:
        held: dict[str, Any] = index.inverted_index.get(term, {}).get("authors", {})
        return held

    postings = [
        {**authors(s), **authors(spelt[s])} if s in spelt else authors(s)
        for s in stems
        if s in index.inverted_index or s in spelt
    ]
    if not postings:
        return hits
    first = [hit for hit in hits if all(str(hit[0]) in docs for docs in postings)]
    return first + [hit for hit in hits if any(str(hit[0]) not in docs for docs in postings)]


def _corrected(index: Index, tried: Sequence[str]) -> tuple[Index, list[str]]:
    """The index whose token set lets each clause at edit distance 1 reach only its best near term: the one in
    most papers (then the first in JavaScript order), so "atention" searches "attention" alone, the correction the
    results show, not also "agent" and "latent"; a light form's clause (:func:`exact_term`) the near one with that
    term's stem, if any (``nearby`` in search.js). A near term that the word's near light forms stem to comes
    first: "segmantation" is near "semant" (of "semantic", in more papers) and "segment" by its stem, but only
    "segmentation" by its light form, so it searches "segment"; "quantisation", "quantiz", not "quantit". A word
    whose stem is near no term but whose light form is near one ("generalizaton": stem "generalizaton", light form
    "_generalization_") is searched as that light form's word instead, in the queries returned with the index; one
    whose light form is near none either as the word of the papers near it (:func:`_near_words`; the one whose stem
    is in most papers, then the first in JavaScript order): "prunign", "classificaion", "federatd" found
    nothing, their stems and light forms being near no term."""
    parsed = index.create_query()
    for query in tried:
        QueryParser(query, parsed).parse()
    near: set[str] = set()
    best: set[str] = set()
    fixes: dict[str, str] = {}  # a retried word's light-form term -> its correction's stem
    words: dict[str, str] = {}  # a retried word searched as the word of a near light form instead
    written: dict[str, str] = {}  # a retried word's light-form term -> the near word of the papers it is searched as
    lights = {clause.term for clause in parsed.clauses if clause.edit_distance and clause.term.startswith("_")}
    for clause in parsed.clauses:
        if clause.edit_distance and not clause.term.startswith("_"):
            found = _near(index, stem(clause.term))
            near.update(found)
            if found:
                light = exact_term(clause.term)
                shown = {stem(t[1:-1]) for t in _near(index, light)} if light in lights else set()
                fixes[light] = _likeliest(index, [t for t in found if t in shown] or found)
                best.add(fixes[light])
            elif exact_term(clause.term) in lights and (forms := _near(index, exact_term(clause.term))):
                words[clause.term] = _likeliest(index, forms)[1:-1]
                fixes[exact_term(clause.term)] = stem(words[clause.term])
            elif close := _near_words(index, clause.term):
                words[clause.term] = _likeliest(index, close, stem)
                fixes[exact_term(clause.term)] = stem(words[clause.term])
                written[exact_term(clause.term)] = words[clause.term]
    for clause in parsed.clauses:
        if clause.edit_distance and clause.term.startswith("_"):
            found = _near(index, clause.term)
            near.update(found)
            matching = [t for t in found if stem(t[1:-1]) == fixes.get(clause.term)]
            if matching:
                best.add(_likeliest(index, matching))
    for clause in parsed.clauses:  # a near term that another clause stands for stays
        if clause.term.endswith(Query.WILDCARD):
            best.update(t for t in near if t.startswith(clause.term.rstrip(Query.WILDCARD)))
        elif not clause.edit_distance:
            best.add(stem(clause.term))
    queries = [_searched_as(query, words, written, index) for query in tried] if words else list(tried)
    left_out = frozenset(near - best)
    if not left_out:
        return index, queries
    return Index(index.inverted_index, index.field_vectors, _Without(index.token_set, left_out), index.fields,
                 index.pipeline), queries  # fmt: skip


_RETRIED_CLAUSE = re.compile(r"(\+?)((?:\w+:)?)(\w+)~1")
_RETRIED_LIGHT = re.compile(r"((?:\w+:)?)(_\w+_)~1\^(\d+)")


def _searched_as(query: str, words: Mapping[str, str], written: Mapping[str, str], index: Index) -> str:
    """The query with each retried word's clause (``+field:word~1``) searching ``words[word]`` instead, and the
    light-form clause of one searched as a word of the papers (``written``) that word's light form, if a term,
    as the word itself would be searched (``searchedAs`` in search.js)."""

    def one(clause: str) -> str:
        m = _RETRIED_CLAUSE.fullmatch(clause)
        if m and m[3] in words:
            return f"{m[1]}{m[2]}{words[m[3]]}"
        m = _RETRIED_LIGHT.fullmatch(clause)
        if m and m[2] in written:
            term = exact_term(written[m[2]])
            return f"{m[1]}{term}^{m[3]}" if term in index.inverted_index else ""
        return clause

    return " ".join(found for found in map(one, query.split(" ")) if found)


def _likeliest(index: Index, terms: Sequence[str], term_of: Callable[[str], str] | None = None) -> str:
    """The term in most papers, the first in JavaScript order of those tied (``likeliest`` in search.js);
    ``term_of``: the term a string stands for (a word's stem), if not itself."""
    return min(terms, key=lambda t: (-_papers_of(index, term_of(t) if term_of else t), _js_order(t)))


def _near_words(index: Index, word: str) -> list[str]:
    """The words of the papers (:func:`text_words`) at edit distance 1 of ``word`` ("prunign": whose stem and
    light form are near no term), none for an index without them."""
    held: TokenSet | None = getattr(index, "sitegen_words", None)
    return _within_1(held, word) if held is not None else []


def _near(index: Index, term: str) -> list[str]:
    """The index terms at edit distance 1 of ``term``."""
    return _within_1(index.token_set, term)


def _within_1(held: TokenSet, word: str) -> list[str]:
    found: list[str] = held.intersect(TokenSet.from_fuzzy_string(word, 1)).to_list()
    return found


def _tiered(index: Index, tried: Sequence[str]) -> list[tuple[int, float]]:
    """The hits of the queries, those found with the rare completions of their prefixes (``term*``) left out
    first, in that search's order, then the rest (``tiered`` in search.js)."""
    hits = _ranked(index, tried)
    rare = _rare_completions(index, tried)
    if not rare:
        return hits
    narrowed = Index(index.inverted_index, index.field_vectors, _Without(index.token_set, rare), index.fields,
                     index.pipeline)  # fmt: skip
    first = _ranked(narrowed, tried)
    seen = {n for n, _ in first}
    return first + [hit for hit in hits if hit[0] not in seen]


def _rare_completions(index: Index, tried: Sequence[str]) -> frozenset[str]:
    """The terms a prefix of the queries expands to that are in fewer than 1/``COMMON_COMPLETION`` as many papers
    as its commonest, less any term another clause stands for (a finished word's stem, a retried word's near
    terms)."""
    prefixes: set[str] = set()
    kept: set[str] = set()
    for query in tried:
        parsed = index.create_query()
        QueryParser(query, parsed).parse()
        for clause in parsed.clauses:
            if clause.term.endswith(Query.WILDCARD):  # the query parser leaves the "*" in the term
                prefixes.add(clause.term.rstrip(Query.WILDCARD))
            else:
                piped = index.pipeline.run_string(clause.term, {"fields": clause.fields})
                for term in piped if clause.use_pipeline else [clause.term]:
                    clause.term = term
                    kept.update(index.token_set.intersect(TokenSet.from_clause(clause)).to_list())
    terms, rare = _sorted_terms(index), set[str]()
    for prefix in prefixes:
        start = bisect.bisect_left(terms, _js_order(prefix), key=_js_order)
        counts: dict[str, int] = {}
        for term in terms[start:]:
            if not term.startswith(prefix):
                break
            counts[term] = papers_with(index, term)
        if counts:
            top = max(counts.values())
            rare.update(term for term, count in counts.items() if count * COMMON_COMPLETION < top)
    return frozenset(rare - kept)


def _papers_of(index: Index, term: str) -> int:
    """:func:`papers_with`, 0 for no term."""
    return papers_with(index, term) if term in index.inverted_index else 0


def papers_with(index: Index, term: str) -> int:
    """How many papers hold ``term`` in any field (``papersWith`` in search.js)."""
    posting = index.inverted_index[term]
    return len({ref for field in index.fields for ref in posting.get(field, {})})


class _Without:
    """A token set whose expansions leave out some terms (lunr.py's Index reads only ``intersect``)."""

    def __init__(self, base: TokenSet, left_out: frozenset[str]) -> None:
        self.base, self.left_out = base, left_out

    def intersect(self, other: TokenSet) -> _Listed:
        return _Listed([term for term in self.base.intersect(other).to_list() if term not in self.left_out])


@dataclass(frozen=True, slots=True)
class _Listed:
    terms: list[str]

    def to_list(self) -> list[str]:
        return self.terms


_LAST_TERMS: dict[str, tuple[weakref.ref[Index], list[str]]] = {}


def _sorted_terms(index: Index) -> list[str]:
    """The index's terms in search.js's order, kept for the last index searched (tests and the benchmark search
    one index many times; lunr's Index defines == and so cannot key a cache)."""
    held = _LAST_TERMS.get("index")
    if held is None or held[0]() is not index:
        held = _LAST_TERMS["index"] = (weakref.ref(index), sorted(index.inverted_index, key=_js_order))
    return held[1]


def relaxed(query: str) -> str:
    """The query with every clause optional: papers with any of the words."""
    return " ".join(clause.removeprefix("+") for clause in query.split())


def _ranked(index: Index, tried: Sequence[str]) -> list[tuple[int, float]]:
    """The hits of all the queries, each paper with its best score."""
    best: dict[int, float] = {}
    for query in tried:
        for r in index.search(query):
            best[int(r["ref"])] = max(r["score"], best.get(int(r["ref"]), r["score"]))
    return sorted(best.items(), key=lambda hit: (-hit[1], hit[0]))


def index_from_files(files: Mapping[str, bytes]) -> Index:
    """The lunr.py index re-assembled from the shards, the way search.js assembles it."""
    manifest = json.loads(files["search/index.json"])
    fields: list[str] = manifest["fields"]
    inverted: dict[str, dict[str, Any]] = {}
    pairs: dict[str, list[tuple[int, float]]] = {}
    for number in range(len(manifest["shards"])):
        for term, index, *per_field in json.loads(files[f"search/t/{number}.json"]):
            posting: dict[str, Any] = {"_index": index}
            per_field += [[[], []]] * (len(fields) - len(per_field))  # fields left out at the end hold no docs
            for field, (deltas, scaled) in zip(fields, per_field, strict=True):
                refs = list(accumulate(deltas))
                posting[field] = {str(ref): {} for ref in refs}
                for ref, weight in zip(refs, scaled, strict=True):
                    pairs.setdefault(f"{field}/{ref}", []).append((index, weight / 1000))
            inverted[term] = posting
    vectors = {key: Vector([x for pair in sorted(value) for x in pair]) for key, value in pairs.items()}
    terms = sorted(inverted, key=_js_order)
    index = Index(inverted, vectors, TokenSet.from_list(terms), fields, js_pipeline())
    if "search/words.json" in files:  # for _near_words
        index.sitegen_words = TokenSet.from_list(sorted(json.loads(files["search/words.json"])))
    return index


RESULT_AUTHORS = 3
"""Names a search result shows ("Ada Lovelace, Alan Turing, Emmy Noether et al."), besides the matched ones."""
RESULT_MATCHED = 3
"""Names past the first ``RESULT_AUTHORS`` a result shows at most, those the query matched."""


def result_authors(authors: Sequence[str], cut_short: bool = False, matched: Callable[[str], int] | None = None) -> str:
    """The authors as a search result shows them (``authorParts`` in search.js): the first ``RESULT_AUTHORS`` names,
    then up to ``RESULT_MATCHED`` later ones that ``matched`` (how many of the query's words are in them, as
    :func:`name_score` counts; a bool does), each after "…" when names are skipped before it ("Vaswani, Shazeer,
    Parmar … Kaiser et al.": "kaiser" found the paper, and the result shows why), then "et al." when names follow
    (or the names given were not all of them)."""
    return "".join(text for text, _ in author_parts(authors, cut_short, matched))


def author_parts(
    authors: Sequence[str], cut_short: bool = False, matched: Callable[[str], int] | None = None
) -> list[tuple[str, bool]]:
    """:func:`result_authors` in pieces, ``(text, is a name)``: search.js marks the matched words of the names."""
    shown = [*range(min(RESULT_AUTHORS, len(authors))), *sorted(_best_matched(authors, matched))]
    parts: list[tuple[str, bool]] = []
    for before, k in zip([-1, *shown], shown, strict=False):
        if parts:
            parts.append((", " if k == before + 1 else " … ", False))
        parts.append((authors[k], True))
    if shown and (shown[-1] < len(authors) - 1 or cut_short):
        parts.append((" et al.", False))
    return parts


def _best_matched(authors: Sequence[str], matched: Callable[[str], int] | None) -> list[int]:
    """The positions of the ``RESULT_MATCHED`` names past the first ``RESULT_AUTHORS`` that match the query best:
    those with more of its words first ("yi wang": "Yi Wang" before "Hao Wang", who only shares "wang"), then in
    the authors' order."""
    if matched is None:
        return []
    scored = [(-int(matched(authors[k])), k) for k in range(RESULT_AUTHORS, len(authors))]
    return [k for score, k in sorted(scored) if score < 0][:RESULT_MATCHED]


def name_matches(name: str, words: Iterable[str], twins: Mapping[str, str] | None = None) -> bool:
    """Whether a word of an author's name is one of ``words`` as :func:`name_score` tells."""
    return name_score(name, words, twins) > 0


def name_score(name: str, words: Iterable[str], twins: Mapping[str, str] | None = None) -> int:
    """How many of ``words`` (the query's words, as typed or as their stems) some word of an author's name stems to
    (``nameScore`` in search.js): the names that hold more of the query's words are shown first (:func:`author_parts`).
    Accents folded, and each side's words by their other spelling too (:func:`sitegen.search.other_spelling`), as the
    index holds them: "Müller" scores for "mueller", "Mueller" for "müller", and, where the papers write both
    (``twins``, the manifest's), for "muller" (the regression hunt: it scored from the name's side only, and the
    results did not mark "Mueller" for "muller" though they found it)."""
    twins = twins or {}
    held = {
        stem(form) for word, spelt in spellings(name) for form in (word, other_spelling(word, spelt, twins)) if form
    }
    return sum(1 for word in dict.fromkeys(words) if held & _spelt_stems(word, twins))


def _spelt_stems(word: str, twins: Mapping[str, str]) -> set[str]:
    """The stems of a query's word and of its other spelling (hyphens taken out, as :func:`parse_query` does)."""
    folded, spelt = (_HYPHEN.sub("", clean_text(text)) for text in (word, spelt_with_e(word)))
    other = other_spelling(folded, spelt, twins)
    return {stem(folded)} if other is None else {stem(folded), stem(other)}


def gzip_size(data: bytes) -> int:
    """Bytes after gzip -6 with no timestamp, as a static host would send them."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))

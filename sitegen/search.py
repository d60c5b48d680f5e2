"""Search index step: a lunr.py index split into term shards, a chunked doc store, and lunr.js.

What search.js does with them in the browser has its Python twin in sitegen/search_query.py, which the tests and
the benchmark use and the build never imports."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

import lunr as lunr_pkg
from lunr.stop_word_filter import WORDS as STOP_WORDS

from sitegen.errors import BuildError
from sitegen.identity import own_identifiers
from sitegen.stemmer import light_stem, stem

# The browser runs lunr.js 2.3.9 (lunr.py 0.8 targets it, mkdocs 1.6 ships it); the index
# format below is lunr's, re-grouped by term so a query fetches only the shards it needs.
LUNR_JS_VERSION: str = lunr_pkg.__TARGET_JS_VERSION__
LUNR_JS_RESOURCE = ("mkdocs.contrib.search", "templates/search/lunr.js")
FORMAT_VERSION = 13
"""Version of the files under search/ (2: whole abstracts in the doc store, delta-coded chunk
starts, terms.json; 3: the authors field, trailing fields without the term left out of shard entries;
4: light forms ("_word_", :func:`exact_term`), hyphenated words also joined, authors' initials and name keys
("_family_initials_", :func:`author_key`); 5: ``joinedBoost`` in the manifest, :func:`search_query._joined_clauses`;
6: terms with their accents folded (:func:`fold`), every author's name in the doc store,
:func:`search_query.result_authors`; 7: words.json, :func:`text_words`; 8: no term "s" from a possessive,
:func:`possessive`; sub- and superscript digits folded, :data:`SCRIPT_DIGITS`; 9: superscript and subscript minus a
hyphen, :data:`SCRIPT_MINUS`; 10: a doc row's last number is flags, 2 for a title derived from the abstract; 11: Greek
letters by their names, :data:`GREEK_LETTERS` ("β-blocker" is the term "betablock" as "beta-blocker" is, QA), and
the field ``id``, a paper's DOI, PMID and arXiv id, :func:`identifier_terms`, searched by a pasted identifier alone,
QA); 12: a word written with an umlaut also under its spelling with "e", and one spelt with "e" under the umlaut's where
the papers write both, :func:`spelling_twins` ("Mueller" and "Müller" found disjoint sets of papers); 13: the field
``venue``, last, its words of letters (:func:`venue_words`: "lancet" found nothing), a doc row's venue after its
flags, and the manifest's ``twins`` (:func:`spelling_twins`), by which the results mark "Mueller" for "muller"."""

FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10), ("abstract", 1), ("repo", 2), ("authors", 5), ("id", 1), ("venue", 1),
)  # fmt: skip
"""Indexed fields and their boosts (baked into the term weights by the builder). Authors' names where the input
gave them: "lovelace" finds her papers first. The paper's identifiers (:func:`identifier_terms`) and its venue
(:func:`venue_words`) last: a shard entry leaves out the fields at its end without the term, so the other terms'
entries do not grow (the few words of venues pay for the empty fields before theirs, each identifier would pay for
an empty venue). The venue's boost is the abstract's, a word said once in an abstract of average length: a journal's
name says where a paper is, little of what it is about ("Physical Review Letters" holds no review, a paper in
"Nature" or "Cell" need not be on either), so "lancet" finds the papers in The Lancet while a word of the topic ranks
by the title and abstract as before. Not the theme label: every paper of "Network pruning" would match "pruning"
(results and the theme filter take the label from the manifest)."""
SNIPPET_CHARS = 180
"""Length of a result's snippet, cut by search.js from the whole abstract in the doc store around
the first word that matches the query (a match can be anywhere: a prefix of the abstract would
often not show it)."""
SHARD_BYTES = 48_000
"""Target raw size of a term shard; one hot term can make a shard bigger."""
DOC_CHUNK_BYTES = 12_000
"""Target raw size of a doc-store chunk; results fetch only the chunks they show."""
MIN_PREFIX = 2
"""The word being typed is required, as a prefix of index terms, once it has this many characters."""
COMMON_COMPLETION = 10
"""A completion of the word being typed is common when it is in at least 1/this as many papers as the commonest
completion: papers with a common one rank first (see :func:`search_query.search`)."""
MIN_FUZZY = 4
"""A word that matches no index term is retried at edit distance 1 once its stem is this long
(shorter stems are near too many terms: "gan~1" matches "can", "gap", "man")."""
STEM_SUFFIXES: tuple[str, ...] = (
    "s", "es", "ies", "sses", "ed", "eed", "ing", "ion", "e",
    "ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization",
    "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi",
    "icate", "ative", "alize", "iciti", "ical", "ful", "ness",
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou", "ism",
    "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip
"""Suffixes lunr's Porter stemmer (sitegen/stemmer.py) removes or rewrites, steps 1 to 5. A word
being typed that ends with the start of one ("learni", "distillati") stems to a longer string than
the finished word does ("learn", "distil"); see :func:`search_query.typed_prefix`."""
_REPO_HOSTS = frozenset({"github.com", "gitlab.com", "huggingface.co", "bitbucket.org"})


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One searchable paper page."""

    url: str
    """Site-relative page URL, e.g. ``papers/<id>/``."""
    title: str
    """Title shown in the results (synthesized titles included)."""
    abstract: str
    """Whole abstract, whitespace-normalised."""
    theme_id: str
    """Id of the paper's theme (used by the theme filter)."""
    theme_label: str
    """Readable theme label, shown in the results (not indexed)."""
    date: str | None = None
    """ISO date when known."""
    links: tuple[str, ...] = ()
    """The paper's links (the input's DOI and export URLs first, then those of its abstract); repository names are
    indexed, and the DOI, PMID and arXiv id they write (:func:`identifier_terms`)."""
    authors: tuple[str, ...] = ()
    """The authors' names, when the input gave them (indexed; a result shows some,
    :func:`search_query.result_authors`)."""
    authors_cut_short: bool = False
    """True when the names are not all the authors (a count above them, or "and others"): "et al." follows."""
    title_derived: bool = False
    """True when the input had no title and :mod:`sitegen.enrich` derived this one from the abstract: results say so,
    as the site's lists do."""
    venue: str | None = None
    """The journal or proceedings the paper is in, as the input writes it ("The Lancet"): indexed
    (:func:`venue_words`) and shown in the result's meta line after the date."""


EXACT_BOOST = 50
"""Boost of a word's light form (:func:`exact_term`) in a query: the papers with the word itself (or its plural,
-ed or -ing) rank above those that only share its Porter stem ("generalization" above "generative")."""
JOINED_BOOST = 50
"""Boost of two neighbouring query words searched as one ("in context" as "incontext",
:func:`search_query._joined_clauses`): the papers that write them as one word or hyphenated rank first."""
_GROUP = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_HYPHEN = re.compile("[-\u2010\u2011]")


_APOSTROPHES = "'\u2018\u2019"
_WORD_CHAR = re.compile(r"[^\W_]")
_POSSESSIVE_S = re.compile(rf"(?<=[^\W_][{_APOSTROPHES}])s(?![^\W_]|[-\u2010\u2011][^\W_])")
"""The "s" of a possessive as a word of its own, after a letter or digit and an apostrophe (:func:`possessive`; all
of a text's in one substitution, :func:`index_words`)."""


def possessive(text: str, m: re.Match[str]) -> bool:
    """Whether a word of ``text`` is the "s" of a possessive ("Barrett's", "Crohn\u2019s", "it's"): no word, in a query
    or in the index (``possessive`` in search.js). As a word it was required ("Barrett's esophagus" found 1 paper,
    "Barrett esophagus" 2) and matched, and was marked, wherever a lone "s" stood."""
    return m.group() == "s" and _POSSESSIVE_S.match(text, m.start()) is not None


def exact_term(word: str) -> str:
    """The term that stands for a word's light form (:func:`stemmer.light_stem`) in the index: "_generalization_" for
    "generalizations". The underscores keep it apart from the Porter stems: no prefix a user types and no edit of
    one character reaches it, and the stemmer leaves a word ending in "_" as it is."""
    return f"_{light_stem(word)}_"


def repo_names(links: Iterable[str]) -> str:
    """``owner repo`` words of code-hosting links, the way people remember a project."""
    names: list[str] = []
    for link in links:
        parts = urlsplit(link)
        segments = [s for s in parts.path.split("/") if s]
        if parts.hostname and parts.hostname.removeprefix("www.") in _REPO_HOSTS and segments:
            names.extend(segments[:2])
    return " ".join(names)


def field_texts(
    doc: SearchDoc, ambiguous: frozenset[str] = frozenset(), twins: Mapping[str, str] | None = None
) -> dict[str, str]:
    """What each indexed field holds for one paper. ``ambiguous``: the Porter stems whose words also stand in the
    index as their light forms (:func:`ambiguous_stems`); ``twins``: the words some paper writes with an umlaut and
    another with "e" (:func:`spelling_twins`)."""
    twins = twins or {}
    return {
        "title": " ".join(_with_light_forms(spellings(doc.title), ambiguous, twins)),
        "abstract": " ".join(_with_light_forms(spellings(doc.abstract), ambiguous, twins)),
        "repo": " ".join(index_words(repo_names(doc.links))),
        "authors": " ".join(w for name in doc.authors for w in author_words(name, twins)),
        "id": " ".join(identifier_terms(doc)),
        "venue": " ".join(_with_light_forms(venue_words(doc.venue), ambiguous, twins)),
    }


def venue_words(venue: str | None) -> list[tuple[str, str]]:
    """The words of a venue as the index holds them (:func:`spellings`), those with a letter only: "Phys. Rev. D 103
    (2021) 012345" is "phys rev d", "Proceedings of MICCAI 2021" "proceedings of miccai". Its numbers are a volume,
    pages or a year, which nobody searches by a journal's name, and a year as a term would take a year typed alone
    from the year filter (:func:`search_query.year_hits` shows the papers from 2021 only when "2021" is no term)."""
    return [pair for pair in spellings(venue or "") if any(c.isalpha() for c in pair[0])]


IDENTIFIER_HYPHEN = "\u2010"
"""What a hyphen of an identifier is written as in its term: lunr's tokenizer splits at "-" (and at spaces), and
"10.1016/s0140-6736(22)00123-4" must stay one term. U+2010 HYPHEN is no separator and no character of a DOI."""


def identifier_term(kind: str, value: str) -> str:
    """The term of the field ``id`` for a paper's identifier (``kind`` "doi", "pmid" or "arxiv", ``value`` lower case,
    as :func:`sitegen.ingest.fields.link_identifier` gives them): "_doi:10.2337/dc23\u20100456_", "_pmid:35012345_",
    "_arxiv:2403.09611_". Its underscores keep it from every prefix and typo retry, as a light form's
    (:func:`exact_term`), lunr's trimmer and stemmer leave it whole (a ":" inside), and a hyphen is
    :data:`IDENTIFIER_HYPHEN`. The browser never parses it as a query (lunr's query syntax reads ":" and "-"): a pasted
    identifier looks its term up (:func:`search_query.identifier_query`, ``identifierQuery`` in search.js)."""
    return f"_{kind}:{value.replace('-', IDENTIFIER_HYPHEN)}_"


def identifier_terms(doc: SearchDoc) -> list[str]:
    """The terms of a paper's DOI, PMID and arXiv id, from its links (:func:`identifier_term`), sorted; not those of
    the links its abstract writes (:func:`sitegen.identity.own_identifiers`, as the memory keys),
    nor one with a space inside (no term could hold it). QA: a pasted PMID ("35012345") found nothing and a DOI
    ("10.1016/S0140-6736(22)00123-4") a relaxed list of papers that share its numbers."""
    found = own_identifiers(doc.links, doc.abstract)
    return sorted(identifier_term(kind, value) for kind, value in found if not _ANY_SPACE.search(value))


_ANY_SPACE = re.compile(r"\s")


_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
"""A run of Chinese characters or Japanese kana: no spaces part its words (``cjkBigrams`` in search.js)."""


def cjk_bigrams(text: str) -> str:
    """The text with each run of Chinese or Japanese characters written as its overlapping pairs, as words: no
    space parts the words of those scripts, so "深度学习在医学图像" is indexed as "深度 度学 学习 ... 图像" and a
    query "医学图像" is "医学 学图 图像", all required: any part of a run finds it, not only its start. A run at
    the end of the text stays unfinished (the word being typed)."""
    out = _CJK_RUN.sub(lambda m: " " + " ".join(m[0][i : i + 2] for i in range(len(m[0]) - 1)) + " ", text)
    return out.rstrip(" ") if out != text and _CJK_RUN.search(text[-2:]) else out


def index_words(text: str) -> list[str]:
    """The words of a text as the index holds them: :func:`search_query.words`, and a word written with hyphens also
    joined ("in-context" -> "incontext", "U-Net" -> "unet", "GPT-4" -> "gpt4"; of three parts or more, each two
    neighbours joined too: "vision-language-action" -> "visionlanguage", "languageaction"), so the joined and the
    hyphenated spellings find each other (a query searches a hyphenated word joined, see
    :func:`search_query.parse_query`)."""
    found: list[str] = []
    cleaned = cjk_bigrams(clean_text(text))
    if "s" in cleaned and ("'" in cleaned or "\u2018" in cleaned or "\u2019" in cleaned):
        cleaned = _POSSESSIVE_S.sub(" ", cleaned)  # "Barrett's": no "s" (a space parts no other word)
    for word in _GROUP.findall(cleaned):
        if "-" not in word and "\u2010" not in word and "\u2011" not in word:
            found.append(word)  # most words: the loop's fast path
            continue
        parts = _HYPHEN.split(word)
        found += parts
        found.append("".join(parts))
        if len(parts) > 2:
            found += [a + b for a, b in pairwise(parts)]
    return found


def corpus_words(docs: Iterable[SearchDoc]) -> set[str]:
    """The distinct words (:func:`index_words`) of the papers' titles and abstracts, which :func:`text_words` and
    :func:`ambiguous_stems` read: one pass over the texts for both."""
    return {w for doc in docs for w in index_words(f"{doc.title} {doc.abstract}")}


def text_words(words: Iterable[str]) -> list[str]:
    """The words of the papers' titles and abstracts (:func:`corpus_words`) that a misspelt word may be corrected to
    (search/words.json, :func:`search_query._corrected`): made of letters, no stop word, in JavaScript order."""
    return sorted({w for w in words if w.isalpha()} - STOP_WORDS, key=_js_order)


def clean_text(text: str) -> str:
    """Lower-cased, without invisible characters (Unicode's Cf: a soft hyphen no longer splits a word), accents
    folded (:func:`fold`); ``cleanText`` in search.js."""
    lowered = text.lower()
    if lowered.isascii():  # most texts: no invisible character, accent or Greek letter, nothing to fold
        return lowered
    invisible = {ord(c): None for c in set(lowered) if unicodedata.category(c) == "Cf"}
    return fold(lowered.translate(invisible) if invisible else lowered)


_ACCENTS = re.compile("[\u0300-\u036f]")
FOLDED_LETTERS: dict[str, str] = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                  "\u0131": "i"}  # fmt: skip
"""Lower-case letters with no decomposition that :func:`fold` writes as the letters people type for them."""
SCRIPT_DIGITS: dict[str, str] = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789", strict=True))
"""Superscript and subscript digits, which :func:`fold` writes as plain ones: the build writes ``NiS$_{2}$`` as
"NiS₂" and ``CeCoIn$_5$`` as "CeCoIn₅", and "nis2" or "CeCoIn5" typed found nothing."""
SCRIPT_MINUS: dict[str, str] = {"\u207b": "-", "\u208b": "-"}
"""Superscript and subscript minus, which :func:`fold` writes as a hyphen: "cm⁻¹" is the word "cm-1", indexed as
"cm", "1" and "cm1" (:func:`index_words`), so "cm-1" and "cm^-1" typed find it."""
_FOLDED = str.maketrans({**FOLDED_LETTERS, **SCRIPT_DIGITS, **SCRIPT_MINUS})
_GREEK_NAMES = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
    "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
]  # fmt: skip
GREEK_LETTERS: dict[str, str] = {
    **dict(zip("αβγδεζηθικλμνξοπρστυφχψω", _GREEK_NAMES, strict=True)),
    **dict(zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", _GREEK_NAMES, strict=True)),
    "ς": "sigma", "\u03f2": "sigma", "\u03f9": "sigma", "ϐ": "beta", "ϑ": "theta", "ϴ": "theta", "\u03d2": "upsilon",
    "ϕ": "phi", "ϖ": "pi", "ϰ": "kappa", "\u03f1": "rho", "ϵ": "epsilon", "\u00b5": "mu",
}  # fmt: skip
"""Greek letters (the alphabet in both cases, final and lunate sigma, the symbol forms of mathematics, "ϕ" and "ϑ",
and the micro sign of "µg"), which :func:`fold` writes as their names. QA: "TNF-alpha" found nothing though two
papers write "TNF-\u03b1", "β-blocker" missed those on "beta-blockers", and MeSH spells them out ("Tumor Necrosis
Factor-alpha", "beta-Antagonists"). ``GREEK`` in search.js."""
GREEK_WORD = 4
"""A run of this many Greek letters or more is a word of the Greek language ("μεταχείριση"), left as it is: spelt
out it would be a dozen terms ("mu-epsilon-tau-..."). Shorter runs are letters ("αβ T cells", "γδ", "IL-1β")."""
_GREEK_RUN = re.compile(f"[{''.join(GREEK_LETTERS)}]+")


def _greek_spelt(text: str) -> str:
    """The text with each run of fewer than :data:`GREEK_WORD` Greek letters spelt out, a hyphen between the letters
    and between a letter and a letter or digit glued to it: "nfκb" -> "nf-kappa-b", "il-1β" -> "il-1-beta", "αβ" ->
    "alpha-beta", so that by the hyphenated words' rule (:func:`index_words`) "NF-κB", "NFκB", "NF-kappaB", "NFkappaB"
    and "nf kappa b" find one another (QA: "TNF-alpha" and "TNF-\u03b1"), and "IL-1 beta" finds "IL-1β"."""

    def spelt(m: re.Match[str]) -> str:
        if len(m[0]) >= GREEK_WORD:
            return m[0]
        before = "-" if m.start() and _WORD_CHAR.match(text, m.start() - 1) else ""
        after = "-" if _WORD_CHAR.match(text, m.end()) else ""
        return before + "-".join(GREEK_LETTERS[c] for c in m[0]) + after

    return _GREEK_RUN.sub(spelt, text)


def fold(text: str) -> str:
    """Lower-cased text (:data:`FOLDED_LETTERS` are lower-case) without its accents ("padé" -> "pade",
    "schrödinger" -> "schrodinger", "łukasz" -> "lukasz"), so a word typed without them finds it: people rarely
    type accents into a search box. Only the combining diacritical marks (U+0300-U+036F) of the canonical
    decomposition go, the marks Latin, Greek and Cyrillic letters carry; other scripts' vowel signs are part of
    their words. Superscript and subscript digits are plain ones (:data:`SCRIPT_DIGITS`: "nis₂" -> "nis2"), their
    minus a hyphen (:data:`SCRIPT_MINUS`: "cm⁻¹" -> "cm-1"). Greek letters are their names (:data:`GREEK_LETTERS`,
    :func:`_greek_spelt`: "il-1β" -> "il-1-beta", "nfκb" -> "nf-kappa-b"; the build writes TeX's ``$\\beta$`` as
    "β"). ``fold`` in search.js: index and query fold alike, and the highlighter marks "Padé" for "pade", "NiS₂" for
    "nis2", the "β" of "IL-1β" for "beta"."""
    return _greek_spelt(
        unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", text))).translate(_FOLDED)
    )


_UMLAUT = re.compile("[äöüÄÖÜ]")
_WITH_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def spelt_with_e(text: str) -> str:
    """The text with its umlauts written as German writes them without the letter: ä, ö, ü as ae, oe, ue
    ("Müller" -> "Mueller", "Schrödinger" -> "Schroedinger"; ß is already "ss", :data:`FOLDED_LETTERS`). Case is
    kept, as :func:`name_parts` reads initials by it ("Müller AK"). ``speltWithE`` in search.js."""
    return unicodedata.normalize("NFC", text).translate(_WITH_E)


def spellings(text: str) -> list[tuple[str, str]]:
    """Each word of :func:`index_words` with its spelling with "e" for an umlaut (:func:`spelt_with_e`), the word
    itself when it has none: "Müller and Mueller" -> ``[("muller", "mueller"), ("and", "and"), ("mueller",
    "mueller")]``. The two spellings of a text have the same words in the same places (one letter for two never
    parts a word), so the pairs line up."""
    found = index_words(text)
    if not _UMLAUT.search(unicodedata.normalize("NFC", text)):
        return [(word, word) for word in found]
    spelt = index_words(spelt_with_e(text))
    return list(zip(found, spelt, strict=True))


def spelling_twins(docs: Iterable[SearchDoc]) -> dict[str, str]:
    """The words some paper writes with an umlaut and some paper (the same or another) with "e" instead, their
    spelling with "e" -> the term of the umlaut's (the accent folded, :func:`fold`): ``{"mueller": "muller",
    "schroedinger": "schrodinger"}`` when the papers write both "Müller" and "Mueller", as German does without the
    letter. Each is indexed under the other's term too (:func:`_with_light_forms`, :func:`author_words`), so "Mueller"
    and "Müller" (which folds to "muller") find both (they found two disjoint sets of papers). Only such words: an
    English word that is no umlaut word's spelling with "e" ("queue", "blue", "value", "poet", "aerial") gains no
    other term, so "pot" never finds "poet". The other way too: a word some paper writes without the dots
    ("Schrodinger", the umlaut's term) -> its spelling with "e", so that the three spellings find one another (the
    regression hunt: "Schroedinger" missed "Schrodinger", which "Schrödinger" finds). From titles, abstracts,
    authors' names and venues, first spelling found in store order (deterministic). The manifest holds them
    (``twins``): the results mark a word by both its spellings, as the index holds it (``twinOf`` in search.js)."""
    texts = [text for doc in docs for text in (doc.title, doc.abstract, *doc.authors, doc.venue or "")]
    with_umlaut: dict[str, str] = {}
    for text in texts:
        if _UMLAUT.search(text) or "\u0308" in text:  # an umlaut, composed or not: few texts of most corpora
            for word, spelt in spellings(text):
                if word != spelt:
                    with_umlaut.setdefault(spelt, word)
    if not with_umlaut:
        return {}
    # Which of these words some text writes plainly: only the texts that hold one are read word by word (reading
    # them all made a fifth of the index build).
    words = sorted({*with_umlaut, *with_umlaut.values()}, key=lambda w: (-len(w), w))
    holds = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    plain = {word for text in texts if holds.search(text) for word, spelt in spellings(text) if word == spelt}
    twins = {spelt: word for spelt, word in sorted(with_umlaut.items()) if spelt in plain}
    for spelt, word in sorted(with_umlaut.items()):
        if word in plain:
            twins.setdefault(word, spelt)
    return twins


def other_spelling(word: str, spelt: str, twins: Mapping[str, str]) -> str | None:
    """The other term the index holds a word under, given the word and its spelling with "e" (a pair of
    :func:`spellings`): that spelling for a word with an umlaut ("muller", "mueller" of "Müller"), else the word's
    twin where the papers write it both ways (:func:`spelling_twins`: "mueller" -> "muller", and "muller" ->
    "mueller" where some paper writes "Muller" too); None for most words. The results mark and score a name by it
    from both sides, the query's word and the paper's (:func:`search_query.name_score`, ``twinOf`` in search.js):
    "muller" typed found a paper by "Mueller" and marked nothing, "poet" gains no "pot" (no paper writes "pöt")."""
    return spelt if spelt != word else twins.get(word)


def ambiguous_stems(words: Iterable[str]) -> frozenset[str]:
    """The Porter stems that words of two light forms or more share in the titles and abstracts (their
    :func:`corpus_words`; "gener":
    general, generalization, generative...): their words are indexed as their light forms too, unless the light
    form is the stem ("transform", "model": a third of those postings on the seeds, for little). Other stems
    stand for one light form, whose term would only repeat the stem's postings."""
    forms: dict[str, set[str]] = {}
    for word in words:
        if word not in STOP_WORDS:
            forms.setdefault(stem(word), set()).add(light_stem(word))
    return frozenset(term for term, found in forms.items() if len(found) > 1)


def _with_light_forms(
    pairs: Iterable[tuple[str, str]], ambiguous: frozenset[str], twins: Mapping[str, str]
) -> Iterator[str]:
    """The terms of a text's words (:func:`spellings`): each word; its light form where its stem is ambiguous; a
    word with an umlaut also as spelt with "e" ("müller": "muller" and "mueller"), and a word spelt with "e" that
    is another's twin (:func:`spelling_twins`) also as the umlaut's ("mueller": "mueller" and "muller"). Such twins
    also stand as their own spelling's light form (:func:`exact_term`, "_muller_" and "_mueller_"), which a query
    boosts (``EXACT_BOOST``): the papers spelt as typed rank first, then those of the other spelling."""
    for token, spelt in pairs:
        yield token
        twin = other_spelling(token, spelt, twins)
        light = token not in STOP_WORDS and stem(token) in ambiguous and light_stem(token) != stem(token)
        if twin is not None:
            yield twin
            light = light or spelt in twins
        if light:
            yield exact_term(token)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _initials(given: str) -> bool:
    """Whether a given name is initials written together ("GE Hinton"): two or three capitals (``INITIALS`` in
    search.js)."""
    return len(given) in (2, 3) and all(c.isupper() for c in given)


def name_parts(name: str) -> tuple[str, str] | None:
    """``(family name, initials)`` of an author's name, lower-cased: "Geoffrey E. Hinton", "G. E. Hinton",
    "Hinton, G. E.", "Hinton GE" (PubMed) and "GE Hinton" all give ``("hinton", "ge")``; the family name is the
    last word (before a comma, the last word there: "van Beethoven, Ludwig" as "Ludwig van Beethoven"). None
    without one.
    ``nameParts`` in search.js."""
    if "," in name:
        family_part, given_part = name.split(",", 1)
        given = [m.group() for m in _GROUP.finditer(given_part)]
        family = [m.group() for m in _GROUP.finditer(family_part)]
    else:
        groups = [m.group() for m in _GROUP.finditer(name)]
        while len(groups) > 1 and groups[-1].lower() in _NAME_SUFFIXES:
            groups.pop()
        if len(groups) > 1 and groups[-1].isupper() and groups[-1].isalpha() and len(groups[-1]) <= 3:
            family, given = groups[:-1], [*groups[-1]]  # "Hinton GE": initials after the family name
        else:
            family, given = groups[-1:], groups[:-1]
    if not family:
        return None
    initials = "".join(
        clean_text(g) if _initials(g) else "".join(part[0] for part in _HYPHEN.split(clean_text(g)) if part)
        for g in given
    )
    return _HYPHEN.sub("", clean_text(family[-1])), initials


def author_key(name: str) -> str | None:
    """The term that stands for an author in the authors field: "_hinton_ge_" for "Geoffrey E. Hinton" and for
    "G. E. Hinton". An author link's search (:func:`search_query.author_search`) finds the papers of an author whose
    family name is the same and whose initials agree as far as both go."""
    parts = name_parts(name)
    return None if parts is None else f"_{parts[0]}_{parts[1]}_"


def author_words(name: str, twins: Mapping[str, str] | None = None) -> list[str]:
    """What the authors field holds for one name: its words, the initials of its given names ("g" for
    "Geoffrey": "G Hinton" finds "Geoffrey Hinton") and its :func:`author_key`; a word with an umlaut also as spelt
    with "e", a word that is such a word's twin also as the umlaut's (:func:`spelling_twins`), and the name key of
    that spelling too ("Anna Müller": "_muller_a_" and "_mueller_a_"), so an author link of "A. Mueller" finds the
    papers of "Anna Müller" (``by=author``, :func:`search_query.author_search`) and the other way round."""
    twins = twins or {}
    found = list(_with_light_forms(spellings(name), frozenset(), twins))
    parts, key = name_parts(name), author_key(name)
    if parts is not None and key is not None:
        found += [i for i in parts[1] if i not in found]
        found.append(key)
        spelt = name_parts(spelt_with_e(name))
        family = spelt[0] if spelt is not None and spelt[0] != parts[0] else twins.get(parts[0])
        if family is not None:
            found.append(f"_{family}_{parts[1]}_")
    return found


_SEPARATORS = re.compile("[ \t\n\r\f\v\xa0-]+")  # lunr's tokenizer SEPARATOR_CHARS
_TRIM = re.compile(r"^\W*?([^\W]+)\W*?$")  # lunr's trimmer


@functools.cache
def _term(token: str) -> str | None:
    """lunr's pipeline for one token (trimmer, stop-word filter, stemmer); None when filtered out."""
    trimmed = _TRIM.match(token)
    word = trimmed.group(1) if trimmed else token
    return None if word in STOP_WORDS else stem(word)


@dataclass(slots=True)
class Analysis:
    """The corpus as lunr's builder sees it, without lunr's per-posting objects."""

    terms: dict[str, int]
    """Term -> lunr's ``_index`` (order of first appearance)."""
    postings: list[int]
    """Per term index: how many (field, document) pairs hold it (lunr's idf counts those)."""
    fields: list[tuple[str, int, Counter[int]]]
    """(field, document number, term index -> frequency), document by document."""


def analyze(
    docs: Sequence[SearchDoc], words: Iterable[str] | None = None, twins: Mapping[str, str] | None = None
) -> Analysis:
    """Tokenize and run lunr's pipeline over every field of every document. ``words``: the docs'
    :func:`corpus_words`, ``twins`` their :func:`spelling_twins`, when the caller has them."""
    analysis = Analysis({}, [], [])
    ambiguous = ambiguous_stems(corpus_words(docs) if words is None else words)
    twins = spelling_twins(docs) if twins is None else twins
    for number, doc in enumerate(docs):
        for field, text in field_texts(doc, ambiguous, twins).items():
            found = Counter(map(_term, filter(None, _SEPARATORS.split(text.lower()))))  # in order of first appearance
            counts: Counter[int] = Counter()
            for term, count in found.items():
                if term is not None:  # None: stop words
                    counts[analysis.terms.setdefault(term, len(analysis.terms))] = count
            if len(analysis.postings) < len(analysis.terms):
                analysis.postings.extend([0] * (len(analysis.terms) - len(analysis.postings)))
            for index in counts:
                analysis.postings[index] += 1
            analysis.fields.append((field, number, counts))
    return analysis


def bm25(analysis: Analysis, document_count: int) -> Iterator[tuple[str, int, list[tuple[int, float]]]]:
    """``(field, document, [(term index, weight)])`` as lunr's builder computes its field vectors.

    BM25 with k1 1.2 and b 0.75, the field's boost, rounded to 3 places; pairs sorted by term index.
    """
    k1, b = 1.2, 0.75
    boosts = dict(FIELDS)
    totals: Counter[str] = Counter()
    for field, _, counts in analysis.fields:
        totals[field] += sum(counts.values())
    idfs = [math.log(1 + abs((document_count - n + 0.5) / (n + 0.5))) for n in analysis.postings]
    for field, number, counts in analysis.fields:
        if not counts:  # lunr.py never divides by such a field's 0 average either
            yield field, number, []
            continue
        norm = k1 * (1 - b + b * (sum(counts.values()) / (totals[field] / document_count)))
        pairs = ((i, round(idfs[i] * ((k1 + 1) * tf) / (norm + tf) * boosts[field], 3)) for i, tf in counts.items())
        yield field, number, sorted(pairs)


def ordered(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Docs in store order: by theme, then URL, so every theme is one range of doc numbers."""
    return sorted(docs, key=lambda d: (d.theme_id, d.url))


PAGES = ("~pages", "Pages")
"""Theme id and label of a project's own pages in the index (no theme's id: ids are slugs): the results show
"Pages" where a paper shows its theme, and the theme filter offers it."""
PAGES_TAKEN = "Pages of this site"
"""Their label instead when a theme is labelled "Pages" (``rename_themes``): the filter never offers two."""


def build_search_files(docs: Sequence[SearchDoc], pages: Sequence[SearchDoc] = ()) -> dict[str, bytes]:
    """Every file search needs, site-relative path -> bytes; deterministic. ``pages``: a project's own pages
    (:func:`page_doc`), searched with the papers."""
    taken = {d.theme_label.casefold() for d in docs}
    if PAGES[1].casefold() in taken:  # a theme renamed "Pages"
        names = (PAGES_TAKEN if n < 2 else f"{PAGES_TAKEN} ({n})" for n in range(1, len(taken) + 3))
        label = next(name for name in names if name.casefold() not in taken)
        pages = [replace(page, theme_label=label) for page in pages]
    docs = ordered([*docs, *pages])
    files: dict[str, bytes] = {}
    words, twins = corpus_words(docs), spelling_twins(docs)
    shard_heads = _term_shards(docs, files, words, twins)
    files["search/words.json"] = _json_bytes(text_words(words))
    chunk_starts = _doc_chunks(docs, files)
    manifest = {
        "version": FORMAT_VERSION,
        "lunr": LUNR_JS_VERSION,
        "fields": [name for name, _ in FIELDS],
        "pipeline": ["stemmer"],
        "count": len(docs),
        "minPrefix": MIN_PREFIX,
        "minFuzzy": MIN_FUZZY,
        "exactBoost": EXACT_BOOST,
        "joinedBoost": JOINED_BOOST,
        "common": COMMON_COMPLETION,
        "snippet": SNIPPET_CHARS,
        "suffixes": list(STEM_SUFFIXES),
        "twins": twins,
        "shards": shard_heads,
        "chunks": _deltas(chunk_starts),  # delta-coded: a 40,000-paper store has ~4,700 chunks
        "themes": _theme_ranges(docs),
        "years": _years(docs, files),
        "stamp": _stamp(files),
    }
    files["search/index.json"] = _json_bytes(manifest)
    files["search/lunr.js"] = lunr_js()
    return dict(sorted(files.items()))


def page_doc(url: str, title: str, text: str) -> SearchDoc:
    """A page of the project's own (not a paper) as the index holds it: its text is searched and shown in the
    snippet as an abstract is."""
    return SearchDoc(url=url, title=title, abstract=text, theme_id=PAGES[0], theme_label=PAGES[1])


def _term_shards(
    docs: Sequence[SearchDoc], files: dict[str, bytes], words: Iterable[str], twins: Mapping[str, str]
) -> list[str]:
    """Write ``search/t/<n>.json`` shards of consecutive terms; returns each shard's first term.
    Also ``search/terms.json``, every term: search.js fetches it only to retry a word that
    matches none at edit distance 1 (the shards of the terms near it are unknown until then).

    Each entry is ``[term, index, [doc deltas, weights x 1000] per field]`` (delta coding keeps
    shards small; fields at the end that do not hold the term are left out). Postings are kept in
    compact arrays: at 40,000 papers lunr's own objects for them took over a gigabyte.
    """
    analysis = analyze(docs, words, twins)
    fields = [name for name, _ in FIELDS]
    column = {name: k for k, name in enumerate(fields)}
    postings = [[(array("l"), array("l")) for _ in fields] for _ in analysis.terms]
    for field, number, pairs in bm25(analysis, len(docs)):
        for index, weight in pairs:
            refs, weights = postings[index][column[field]]
            refs.append(number)  # documents arrive in order, so each list is sorted
            weights.append(round(weight * 1000))
    entries = sorted(analysis.terms.items(), key=lambda item: _js_order(item[0]))
    heads: list[str] = []
    shard: list[Any] = []
    size = 0
    for term, index in entries:
        per_field = [[_deltas(refs), list(weights)] for refs, weights in postings[index]]
        while len(per_field) > 1 and not per_field[-1][0]:
            per_field.pop()  # fields at the end without this term are left out (most terms are in no repo name)
        entry = [term, index, *per_field]
        entry_size = len(_json_bytes(entry))
        if shard and size + entry_size > SHARD_BYTES:
            files[f"search/t/{len(heads) - 1}.json"] = _json_bytes(shard)
            shard, size = [], 0
        if not shard:
            heads.append(term)
        shard.append(entry)
        size += entry_size
    if shard:
        files[f"search/t/{len(heads) - 1}.json"] = _json_bytes(shard)
    files["search/terms.json"] = _json_bytes([term for term, _ in entries])
    return heads


def _deltas(numbers: Sequence[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def _doc_chunks(docs: Sequence[SearchDoc], files: dict[str, bytes]) -> list[int]:
    """Write ``search/d/<n>.json`` chunks of ``[url, title, date, abstract]``, then, when the paper names any
    authors or has flags or a venue, every name (a list, maybe empty: search.js shows the first ones and those the
    query matched, see :func:`search_query.result_authors`), then the flags when any or a venue follows (0 for none):
    1 when those names are not all the authors, 2 when the title was derived from the abstract; then the venue when
    the input gave one (the result's meta line shows it); returns first doc numbers."""
    rows = []
    for d in docs:
        flags = (1 if d.authors and d.authors_cut_short else 0) | (2 if d.title_derived else 0)
        rows.append(
            [
                d.url,
                d.title,
                d.date or "",
                d.abstract,
                *([list(d.authors)] if d.authors or flags or d.venue else []),
                *([flags] if flags or d.venue else []),
                *([d.venue] if d.venue else []),
            ]
        )
    starts: list[int] = []
    position = 0
    for number, chunk in enumerate(_pack(rows, DOC_CHUNK_BYTES)):
        starts.append(position)
        position += len(chunk)
        files[f"search/d/{number}.json"] = _json_bytes(chunk)
    return starts


def _theme_ranges(docs: Sequence[SearchDoc]) -> list[list[Any]]:
    """``[id, label, first doc, end doc]`` per theme, in store order."""
    ranges: list[list[Any]] = []
    for number, doc in enumerate(docs):
        if ranges and ranges[-1][0] == doc.theme_id:
            ranges[-1][3] = number + 1
        else:
            ranges.append([doc.theme_id, doc.theme_label, number, number + 1])
    return ranges


def _years(docs: Sequence[SearchDoc], files: dict[str, bytes]) -> bool:
    """Write ``search/years.json`` for the year filter, ``[base, [year - base or 0 per doc number]]`` (0: no date),
    when any paper has a date; says whether it did. A file of its own, fetched with the first results, not with the
    manifest: 40,000 papers with random years over 11 years make 87 kB, 24 kB gzip."""
    years = [int(d.date[:4]) if d.date and d.date[:4].isdigit() else 0 for d in docs]
    known = [y for y in years if y]
    if known:
        base = min(known) - 1
        files["search/years.json"] = _json_bytes([base, [y - base if y else 0 for y in years]])
    return bool(known)


def _pack(items: Sequence[Any], budget: int) -> list[list[Any]]:
    """Consecutive runs of items whose JSON stays near ``budget`` bytes (at least one item each)."""
    packs: list[list[Any]] = []
    size = budget
    for item in items:
        item_size = len(_json_bytes(item))
        if size + item_size > budget and (not packs or packs[-1]):
            packs.append([])
            size = 0
        packs[-1].append(item)
        size += item_size
    return packs


def lunr_js() -> bytes:
    """lunr.js from the installed mkdocs package, checked to be the version lunr.py targets."""
    package, name = LUNR_JS_RESOURCE
    try:
        data = resources.files(package).joinpath(name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise BuildError(f"lunr.js not found in the installed mkdocs package ({exc})") from exc
    header = data[:200].decode("utf-8", "replace")
    if f"- {LUNR_JS_VERSION}" not in header:
        raise BuildError(f"mkdocs ships a lunr.js other than {LUNR_JS_VERSION}, the version lunr.py targets")
    return data


def _js_order(text: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _stamp(files: dict[str, bytes]) -> str:
    """Content hash of the shards and chunks, appended to their URLs to defeat stale caches."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path])
    return digest.hexdigest()[:12]

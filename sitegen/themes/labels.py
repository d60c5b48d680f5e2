"""Theme labels: c-TF-IDF distinctive phrases turned into short section headings."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from lemminflect import getAllLemmas, getInflection
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from sitegen.textutil import tex_accents

# Words with hyphens and digits stay whole ("in-context", "GPT-4", "3D").
TOKEN_PATTERN = r"(?u)\b[^\W_][\w]*(?:-[\w]+)*\b"

# Words that say nothing about a subject in an abstract; never a label on their own.
GENERIC = frozenset(
    """
    approach approaches algorithm algorithms analysis based benchmark benchmarks best better can
    case cases data dataset datasets deep demonstrate different effective efficient evaluate
    existing experiment experiments experimental extensive framework frameworks function general
    given high however improve improved improves improving including introduce key large learn
    learning level low method methods model models network networks new novel observed obtained
    paper performance present problem problems propose proposed provide recent result results
    show shows significant significantly state study studies system systems task tasks technique
    techniques use used using via wide work works art previous specific different various
    neural training trained learned achieve achieves address challenge challenges findings finding
    first second one two three also well may many number time times terms thus however machine
    patient patients subject subjects participant participants group groups control controls effect effects
    value values rate rates factor factors year years month months day days increase increased
    week weeks hour hours minute minutes proportion proportions mm hg mg kg ml cent percent literature
    report reports question questions type types difference differences amount amounts cause causes accuracy
    corresponding state-of-the-art input inputs output outputs possibility possibilities onset
    """.split()  # noqa: SIM905 - a word list reads better as text
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"et", "al", "etc", "e", "g", "i"}
_FUNCTION_WORDS = frozenset({"despite", "unlike", "versus", "vs", "regarding"})
"""Prepositions scikit-learn's stop words lack: no label starts or ends with one ("Despite their success"). Not
stop words of the engines, whose vectors stay as they were."""
_BAD_EDGE = (
    STOP_WORDS
    | _FUNCTION_WORDS
    | GENERIC - {"learning", "model", "models", "data", "network", "networks", "training", "time"}
)
MAX_WORDS = 4
OWN_SHARE = 0.4
"""A label term has at least this share of its occurrences in its own theme."""
HEAD_SHARE = 0.1
"""A label's last word ends a phrase in at least this share of its uses in the texts (see ``phrase_ends``)."""
ADJECTIVE_HEAD_SHARE = 0.3
"""The same for a word the lexicon also knows as an adjective ("small", "necessary", "black"): it heads a label only
if the texts use it as a noun in this share of its uses or more (``phrase_ends``)."""
PARTNER_SHARE = 0.4
"""A label's second part scores at least this share of what the label scores (``broaden``)."""
PARTNERS = 10
"""A label's second part is one of the theme's this many best terms."""
LONE_END = 0.3
"""A lone word joins a label as its second part only if it ends a phrase in this share of its uses or more."""
STEM = 6
"""Two words that open with the same this many letters are forms of one ("adversary", "adversarial")."""
FRAGMENT = 0.5
"""A word is a fragment of a phrase holding it that scores at least this share of the word's own score."""
VAGUE_PARTNERS = frozenset(
    """
    theory theories interaction interactions temperature dependence therapy treatment prediction predictions
    generation policy dimension dimensions properties conditions observations analysis performance structure
    structures dynamics behavior behaviour mechanism mechanisms approach approaches application applications
    children adults evaluation design disease diseases protein proteins symptom symptoms concentration
    concentrations incidence correlation correlations energy energies risk role roles period periods presentation
    abnormality abnormalities feature features pattern patterns change changes outcome outcomes response responses
    activity activities development process processes impact status quality aspect aspects parameter parameters
    region regions area areas phase phases evidence concept concepts issue issues effectiveness efficacy distribution
    distributions
    """.split()  # noqa: SIM905 - a word list reads better as text
)
"""Words every field writes about, which say nothing as a label's lone second part: "Gradient descent and theory",
"Graphene and temperature", "Pain and children", "Acute hepatitis and disease", "Brane and energy" (``lone_partner``;
the last two QA's, 2026-12-01)."""
EMPTY_ALONE = frozenset(
    """
    presence process processes ratio ratios range ranges examination existence respect common independent paradigm
    capability capabilities consistency calculation calculations phenomenon phenomena solution solutions module
    modules need needs means measure measures property purpose
    """.split()  # noqa: SIM905 - a word list reads better as text
)
"""Words that name no subject on their own, though a phrase may end in them ("Gaussian processes", "Signal-to-noise
ratio"): never a label or a label's part alone (``names_a_thing``). QA's small corpora (2026-12-02): "Presence",
"Process", "Ratio", "Examination", "Independent", "Respect and proving", "Treatment and common", "Time series and
paradigm", "Flow and existence"; the dev splits' "Black holes and solution", "Field theory and solutions"."""
NAMED = 0.8
"""A word is a name, written capitalised in a heading, when running prose capitalises it in this share of its uses."""
TITLED = 0.6
"""A sentence whose content words are capitalised in this share or more is a title ("Recurrent Neural Networks for
Text"): its capitals say nothing of the words."""
_TOKEN = re.compile(TOKEN_PATTERN)
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+")
_PUNCTUATION = re.compile(r"[^\w\s-]+|(?<!\w)-+|-+(?!\w)")
"""What ends a phrase: any mark but a hyphen inside a word ("in-context"; " - " and "--" do end one)."""
_WORD_OR_MARK = re.compile(TOKEN_PATTERN.removeprefix("(?u)") + r"|[^\w\s]")


_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]|\\[A-Za-z]+", re.S)
"""TeX in an abstract: display and inline math, and any command outside it ("U(N -> \\infty)")."""
_BARE_COMMANDS = (
    "mathcal mathbb mathbf mathrm mathit mathsf mathfrak mathscr boldsymbol operatorname textbf textit textrm "
    "frac dfrac tfrac sqrt ldots cdots vdots ddots cdot infty varepsilon varphi vartheta varrho leq geq neq "
    "widetilde widehat overline"
)
"""TeX command names that are no English words: notation wherever they stand."""
_SCRIPTED_COMMANDS = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi "
    "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell sum prod int oint lim log ln exp sin cos "
    "tan tanh min max sup inf arg argmin argmax det dim hat bar tilde vec dot ddot underline text left right"
)
"""TeX command names that are (or look like) words: notation only written onto ``{``, ``_`` or ``^`` ("alpha_i",
"sum_{i=1}"; "alpha particles" stays)."""
_NOTATION = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_BARE_COMMANDS.split())})(?![\w-])"
    rf"|(?<![\w-])(?:{'|'.join(_SCRIPTED_COMMANDS.split())})(?=[{{_^])"
    r"|(?<=[\w}])[_^](?:\{[^{}]*\}|\w+)"  # a subscript or superscript: "W_{ij}", "d^k"
)
"""TeX that lost its backslash or dollars (``mathcal{O}(d^k)``, ``sum_j mathcal W_{ij}``, ``distance
varepsilon``)."""


_SECTION_NAMES = (
    "background|objective|objectives|purpose|aim|aims|method|methods|methodology|results|result|conclusion|"
    "conclusions|design|setting|settings|subjects|patients|participants|intervention|interventions|measurements|"
    "findings|interpretation|context|importance|significance|introduction|summary|discussion|rationale|"
    "observations|exposure|exposures|materials and methods|main outcome measures|main outcome measure|"
    "study design|case report|case presentation|methods and results|patients and methods|subjects and methods"
)
_SECTIONS = sorted(_SECTION_NAMES.split("|"), key=len, reverse=True)  # the longest first: "METHODS AND RESULTS:"
_SECTION_HEADING = re.compile(
    rf"(?<![\w-])(?:{'|'.join(h.upper() for h in _SECTIONS)})\s*(?::|--|\u2014|\.(?=\s))"
    rf"|(?<![\w-])(?:{'|'.join(h.capitalize() for h in _SECTIONS)})\s*(?::|--|\u2014)"
)
"""A structured abstract's section heading ("OBJECTIVE--", "MATERIALS AND METHODS:", "RESULTS.", "Background:"):
the sections of every clinical abstract, no subject ("Potential and OBJECTIVE" labelled 7 papers of a 30-paper
corpus; QA, 2026-12-01)."""


def prose(text: str) -> str:
    """The text a label may come from: without TeX math and commands, whose words ("infty", "mathcal", "mu") are
    notation, not subjects, nor the command names and sub- or superscripted words left where a backslash or the
    dollars were lost ("mathcal{O}(d^k)" gave the label "Mathcal"); TeX accents become the letters they write.
    (The engines still see them: a theme of papers full of formulas is a real signal.)"""
    return _SECTION_HEADING.sub(
        ". ", _NOTATION.sub(" ", _MATH.sub(" ", tex_accents(text)))
    )  # "Poincar\\'e" is "Poincaré", not a broken word


def terms_of(text: str) -> list[str]:
    """The 1-3-word terms of a text, lower-cased; a term never spans punctuation: "architecture search (NAS)"
    gives "architecture search", not "architecture search nas"."""
    terms: list[str] = []
    for piece in _PUNCTUATION.split(text.lower()):
        words = _TOKEN.findall(piece)
        for n in (1, 2, 3):
            terms += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    return terms


def class_tfidf(
    texts: Sequence[str], groups: Sequence[int], n_groups: int, copies: Sequence[int] | None = None
) -> tuple[np.ndarray, list[str]]:
    """c-TF-IDF (Grootendorst, BERTopic) of each group over 1-3-grams: rows groups, columns terms.

    A term counts only where it is concentrated: a group whose texts hold less than ``OWN_SHARE`` of the term's
    occurrences scores 0 for it: "disease", frequent in a theme of heart papers but as frequent in the other
    medical themes, names none of them. With ``copies`` (``near_copies``), the near-copies of a text count as one
    text together (each a share): three versions of one paper do not make its words a theme's.

    Terms are those of 2 texts or more, and those of a group of one text (a forced count makes such themes): QA, a
    count of 5 over 5 papers left the algae paper's theme without a term ("Theme 5"), and named the others after
    the few words they shared with another ("Layer")."""
    alone = {g for g, n in Counter(groups).items() if n == 1 and g >= 0}
    vectorizer = CountVectorizer(analyzer=terms_of, min_df=1 if alone else 2)
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary: every term is unique
        return np.zeros((n_groups, 0)), []
    names = list(vectorizer.get_feature_names_out())
    if alone:
        present = counts > 0
        lone = np.asarray(present[[row for row, g in enumerate(groups) if g in alone]].sum(axis=0)).ravel() > 0
        keep = np.flatnonzero((np.asarray(present.sum(axis=0)).ravel() >= 2) | lone)
        counts, names = counts[:, keep], [names[i] for i in keep]
        if not names:
            return np.zeros((n_groups, 0)), []
    member = np.zeros((n_groups, len(texts)))
    versions = Counter(copies) if copies is not None else Counter()
    for row, group in enumerate(groups):
        if group >= 0:
            member[group, row] = 1.0 / versions[copies[row]] if copies is not None else 1.0
    tf = np.asarray(counts.T.dot(member.T).T)
    freq = tf.sum(axis=0) + np.asarray(counts[np.asarray(groups) < 0].sum(axis=0)).ravel()
    # Each term's share of its occurrences in each group, from the counts themselves: 2 of 5 is 0.4 exactly, whatever
    # else the texts hold (through the normalised frequencies it came out as 0.39999... or 0.4 by rounding).
    own = tf / np.where(freq > 0, freq, 1.0)  # with copies a term may be less than one text's worth
    totals = tf.sum(axis=1, keepdims=True)
    tf = tf / np.maximum(totals, 1.0)
    avg = float(freq.sum()) / max(n_groups, 1)
    idf = np.log(1.0 + avg / np.maximum(freq, 1.0))
    return np.where(own >= OWN_SHARE, tf * idf, 0.0), names


def usable(term: str) -> bool:
    """A term may name a theme: no stop or filler word at either end, one subject word at least, and a head
    word that names a thing (see ``noun_head``)."""
    words = term.split()
    if words[0] in _BAD_EDGE or words[-1] in _BAD_EDGE:
        return False
    if any(w.isdigit() or len(w) < 2 for w in words):
        return False
    return any(w not in GENERIC and w not in STOP_WORDS for w in words) and noun_head(words[-1])


def heading(term: str, ends: Mapping[str, float] | None) -> bool:
    """The last word of the term (of each part of "X and Y") ends phrases in the texts (``phrase_ends``; a word it
    lacks passes): "cerebral" and "magnetic resonance" (of "... imaging") are good terms but no headings."""
    if ends is None:
        return True
    heads = [part.split()[-1] for part in term.split(" and ")]
    nouns = ends.nouns if isinstance(ends, Ends) else frozenset()
    return all(
        ends.get(w, 1.0) >= (ADJECTIVE_HEAD_SHARE if _adjective(w) and w not in nouns else HEAD_SHARE) for w in heads
    )


class Ends(dict[str, float]):
    """``phrase_ends``: per word, the share of its uses that end a phrase; and the words the lexicon also knows as
    adjectives that the texts show to be nouns (``nouns``: their plural is written)."""

    nouns: frozenset[str] = frozenset()


def phrase_ends(texts: Sequence[str]) -> Ends:
    """Per word, the share of its uses in the texts that end a phrase: followed by punctuation, a stop word or the
    end of the text. Words that only qualify the next one never do ("cerebral", "aortic", "adversarial", "quantum":
    0-3 % in the labelled abstracts), although the lexicon lets most of them be nouns; words that name things often
    do ("brain" 49 %, "artery" 33 %, "galaxies" 89 %). "Cerebral" or "Magnetic resonance" (of "... imaging") are
    no headings.

    A word the lexicon also knows as an adjective shows no noun where an adjective stands as well: before "and",
    "or" or "than" ("black and white", "necessary and sufficient", "arterial and venous") and after a copula or a
    degree word ("is small", "very heavy"). Counted there, "necessary" ended 62 % of its uses in the labelled
    abstracts and the seeds, "small" 19 %, "black" 13 %; not counted, 22 %, 12 % and 0 %, while "potential", "set",
    "period" or "mass", nouns too, keep 47-81 % (``heading`` asks such words for ``ADJECTIVE_HEAD_SHARE``). The
    first 40 labelled abstracts made "Black and correlation" ("black holes", "black recipients") and "Arterial and
    hypertension".

    An adjective has no plural: such a word whose plural the texts write ("acids", "sera", "liquids", "females";
    ``_plurals``) is a noun (``Ends.nouns``), held to ``HEAD_SHARE`` as other nouns are. A QA mix of 134 abstracts
    was "Heart failure and cells" for "Acid and cells": "acid" ended 22 % of its uses, "serum" 23 %, below the 30 %
    an adjective needs; "black", "necessary", "small" or "arterial" have no plural in the texts."""
    uses: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for text in texts:
        tokens = _WORD_OR_MARK.findall(text.lower())
        for before, token, following in zip([".", *tokens[:-1]], tokens, [*tokens[1:], "."], strict=True):
            uses[token] += 1
            if not following[0].isalnum() or following in STOP_WORDS:
                if (following in _COORDINATORS or before in _PREDICATIVE) and _adjective(token):
                    continue
                ends[token] += 1
    shares = Ends({word: ends[word] / count for word, count in uses.items()})
    shares.nouns = frozenset(
        word for word in uses if word.isalpha() and _adjective(word) and any(p in uses for p in _plurals(word))
    )
    return shares


def _plurals(word: str) -> set[str]:
    """The plural forms the word may have: the lexicon's ("sera" of "serum"), and the word with "s" or "es"."""
    return (set(getInflection(word, tag="NNS")) | {f"{word}s", f"{word}es"}) - {word}


_COORDINATORS = frozenset({"and", "or", "nor", "than"})
_PREDICATIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "very", "too", "so"})
_ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "less", "ful", "able", "ible", "ed", "ally", "ously", "ively", "ably")
"""Endings of adjectives ("aortic", "reflectionless", "learnable"), participles ("pretrained") and the adverbs made
of them ("synergistically"): of the ~700 words the lexicon lacks in the seeds and the labelled abstracts that end so,
nearly all are no nouns ("testbed" is; a bare "-ly" is not counted: "SpikingJelly", "acromegaly")."""


@lru_cache(maxsize=1 << 14)
def _adjective(word: str) -> bool:
    """The word can be an adjective: the lexicon says so, or, for a word it lacks, its ending does."""
    last = word.split("-")[-1]
    parts = getAllLemmas(last)
    return "ADJ" in parts if parts else _adjective_ending(last)


def _adjective_ending(word: str) -> bool:
    """The word ends as adjectives, participles and adverbs do (``_ADJECTIVE_ENDINGS``), and is long enough for the
    ending to be one ("aortic", not "tic"); a gerund is a noun ("pruning")."""
    return word.endswith(_ADJECTIVE_ENDINGS) and len(word) > 5 and not word.endswith("ing")


@lru_cache(maxsize=1 << 14)
def noun_head(word: str) -> bool:
    """A heading names a thing, so its last word must be able to be a noun: "Finite", "Left ventricular" or
    "Learns" are not headings. The English lexicon of ``lemminflect`` tells which parts of speech a word can be;
    a word it does not know ("graphene", "supergravity", "3d") is taken for a technical noun unless it ends as
    adjectives, participles and adverbs do (``_ADJECTIVE_ENDINGS``: "Graham conjecture and reflectionless", "Layers
    and learnable", "Code and pretrained"), and an -ing form for a gerund ("Pruning"). (Words the lexicon lets be
    adjectives and nouns, "arterial", "black", "small", are told apart by the texts: ``phrase_ends``.)"""
    last = word.split("-")[-1]
    parts = getAllLemmas(last)
    if word.endswith("ing"):
        return True
    return "NOUN" in parts or "PROPN" in parts if parts else not _adjective_ending(last)


_PARTICIPLE = ("ed", "en", "ing")


def names_a_thing(term: str) -> bool:
    """A phrase reads as a heading, a noun phrase: it does not open with a word that can only be a verb or an
    adverb ("identify diffusion models", "represent signals", "jointly train"; participles such as "evoked" or
    "generated" qualify a noun, so they may), each stretch before an inner stop word ends in a word that can be
    a noun ("useful for predicting" does not; "cusps as singularities" does), and it is no clause of a plural noun
    and a verb ("features play" of "the role features play in", "sheds light": ``_clause``). A word of
    ``EMPTY_ALONE`` names nothing by itself."""
    words = term.split()
    if len(words) == 1 and words[0] in EMPTY_ALONE:
        return False
    parts = getAllLemmas(words[0])
    if len(words) > 1 and parts and not {"NOUN", "PROPN", "ADJ"} & set(parts) and not words[0].endswith(_PARTICIPLE):
        return False
    if _clause(words):
        return False
    return all(noun_head(w) for w, after in itertools.pairwise(words) if w not in STOP_WORDS and after in STOP_WORDS)


def _clause(words: Sequence[str]) -> bool:
    """The phrase ends in a plural noun and a word that can be a verb: a subject and its verb ("features play",
    "sheds light"), for a noun is rarely qualified by a plural ("sales report" is rare in abstracts; "series" and
    "dynamics" are no plurals)."""
    if len(words) < 2 or words[-1].endswith("ing") or "VERB" not in getAllLemmas(words[-1]):
        return False
    nouns = getAllLemmas(words[-2]).get("NOUN", ())
    return bool(nouns) and words[-2] not in nouns


def abbreviates(word: str, phrase: str) -> bool:
    """The word is an acronym of the phrase: its letters are the starts of the phrase's words in order (stop words
    may be skipped), an "s" of the plural aside: "kans" of "kolmogorov-arnold networks", "nerf" of "neural radiance
    fields", "lstm" of "long short-term memory"."""
    letters = re.sub(r"[^a-z0-9]", "", word.lower())
    parts = [w for w in re.split(r"[\s-]+", phrase.lower()) if w]
    if len(parts) < 2 or not letters:
        return False

    @cache
    def spells(i: int, j: int, end: int) -> bool:  # letters[i:end] from parts[j:], every part used but stop words
        if j == len(parts):
            return i == end
        part = parts[j]
        if part in STOP_WORDS and spells(i, j + 1, end):
            return True
        return any(
            letters[i : i + k] == part[:k] and spells(i + k, j + 1, end) for k in range(1, min(len(part), end - i) + 1)
        )

    return spells(0, 0, len(letters)) or (letters.endswith("s") and spells(0, 0, len(letters) - 1))


def top_terms(scores: np.ndarray, terms: Sequence[str], limit: int = 30) -> list[tuple[str, float]]:
    """The best usable terms of one group, best first, ties by term."""
    positive = np.flatnonzero(scores > 0)
    # The vectorizer's vocabulary is sorted, so among equal scores the lower index is the earlier term.
    order = positive[np.lexsort((positive, -scores[positive]))].tolist()
    picked: list[tuple[str, float]] = []
    for i in order:
        if len(picked) >= limit:
            break
        if usable(terms[i]):
            picked.append((terms[i], float(scores[i])))
    return picked


def representative(
    ranking: Sequence[Sequence[tuple[str, float]]],
    centres: np.ndarray,
    term_vectors: Callable[[Sequence[str]], np.ndarray],
) -> list[list[tuple[str, float]]]:
    """Each group's distinctive terms re-ranked by distinctiveness times how close the term's vector is to the
    group's centre (negative: dropped), as BERTopic's KeyBERTInspired representation re-ranks c-TF-IDF words. A
    word that one paper repeats is distinctive but far from the rest of its theme ("fake" in a theme of
    adversarial attacks and anomaly detection); a term near the centre names what the members share. All terms
    are embedded at once, in sorted order (one model call, cached)."""
    vocabulary = sorted({term for ranked in ranking for term, _ in ranked})
    if not vocabulary:
        return [list(ranked) for ranked in ranking]
    vectors = dict(zip(vocabulary, term_vectors(vocabulary), strict=True))
    out = []
    for g, ranked in enumerate(ranking):
        size = float(np.linalg.norm(centres[g]))
        if size < 1e-9:  # no direction to be close to: distinctiveness alone
            out.append(list(ranked))
            continue
        centre = centres[g] / size
        scored = [(term, score * float(vectors[term] @ centre)) for term, score in ranked]
        kept = sorted((pair for pair in scored if pair[1] > 0), key=lambda pair: (-pair[1], pair[0]))
        out.append(kept or list(ranked))  # every term points away: better the distinctive ones than no label
    return out


def candidates(ranked: Sequence[tuple[str, float]]) -> list[str]:
    """Label candidates best first: phrases that nearly match the top word are preferred."""
    if not ranked:
        return []
    best = ranked[0][1]
    phrases = [t for t, s in ranked if " " in t and s >= 0.4 * best]
    words = [t for t, _ in ranked if " " not in t]
    # A longer phrase wins over the phrase it extends when it scores almost as well.
    score = dict(ranked)
    for i, phrase in enumerate(phrases):
        longer = [p for p in phrases if p != phrase and f" {phrase} " in f" {p} " and score[p] >= 0.7 * score[phrase]]
        if longer:
            phrases[i] = longer[0]
    ordered = list(dict.fromkeys(phrases))
    # A lone word leads only when it is a real word ("Grokking"), not a token like "3d" or "rl".
    real = [w for w in words if w.isalpha() and len(w) >= 4]
    if real and real[0] == words[0] and (not ordered or score[words[0]] > 2.5 * score[ordered[0]]):
        ordered.insert(0, words[0])
    return list(dict.fromkeys([*ordered, *real, *words]))


def combine(
    first: str,
    ranked: Sequence[tuple[str, float]],
    ends: Mapping[str, float] | None = None,
    shared: Callable[[str], bool] | None = None,
    texts: Sequence[str] | None = None,
) -> str:
    """The label a candidate makes: a single word becomes its phrase or gets a second one (``pair_word``), and a
    label that is still one term gets a second part naming other papers of the theme (``broaden``; ``texts``: the
    theme's, to tell a second part the texts write with the label as one phrase)."""
    return broaden(pair_word(first, ranked, ends, shared), ranked, ends, shared, texts)


def pair_word(
    first: str,
    ranked: Sequence[tuple[str, float]],
    ends: Mapping[str, float] | None = None,
    shared: Callable[[str], bool] | None = None,
) -> str:
    """A phrase stays; a single word becomes its phrase or gets a second one: "Grokking and phase transitions".
    Added phrases are headings (``heading``) that name a thing (``names_a_thing``): "quantum" becomes "quantum
    criticality", not "quantum field", and "hypernetworks" gets no "represent signals".

    The second part here is always a phrase: a lone second word is too often an adjective or a fragment of a
    phrase ("Pruning and sparse", "Meta-learning and target"), so a word without a fitting phrase stays alone
    (``broaden`` may still give it a lone word that the texts show to be a noun of its own).
    Nor is it a piece of a longer ranked phrase ("resonance imaging" of "magnetic resonance imaging"), nor, with
    ``shared``, a phrase that fails it (one paper's subject: "Cancer and racial differences"), nor what the word
    abbreviates ("KANs and Kolmogorov-Arnold networks" says one thing twice)."""
    if " " in first:
        return first
    everything, ranked = ranked, [(t, s) for t, s in ranked if heading(t, ends)]
    own = [
        t
        for t, _ in ranked
        if " " in t
        and first in t.split()
        and len(t.split()) <= MAX_WORDS
        and names_a_thing(t)
        and (shared is None or shared(t) or not shared(first))
    ]
    if own:
        return own[0]
    fits = [
        term
        for term, _ in ranked[:10]
        if " " in term
        and len(term.split()) + 2 <= MAX_WORDS
        and not any(first in w or w in first for w in term.split())
        and not any(f" {term} " in f" {other} " for other, _ in everything if other != term)  # not a fragment
        and not abbreviates(first, term)
        and names_a_thing(term)
        and (shared is None or shared(term))
    ]
    return f"{first} and {fits[0]}" if fits else first


def broaden(
    label: str,
    ranked: Sequence[tuple[str, float]],
    ends: Mapping[str, float] | None = None,
    shared: Callable[[str], bool] | None = None,
    texts: Sequence[str] | None = None,
) -> str:
    """The label with a second part, when the theme has a second subject nearly as much its own: "Network pruning
    and compression", "Object detection and segmentation", "Diffusion and generative models". A theme rarely has
    one subject, and a label naming its best term alone named one sub-topic: "In-context learning" for 59 papers of
    which 7 say it. The part is one of the ``PARTNERS`` best terms, scores ``PARTNER_SHARE`` of the label's score or
    more (a side subject of a few papers stays out), names a thing that 2 or more papers share (``shared``) and fits
    in ``MAX_WORDS`` (``partnered``); the best such term wins. A label already of two parts stays. A term that the
    theme's ``texts`` write with a one-word label as one phrase (``one_phrase``) is no second part: the label becomes
    that phrase as the texts write it, if it is a heading 2 or more papers hold, else the next term is tried (7
    papers whose best words were "node" and "lymph", of one paper's "lymph node", were "Node and lymph"; "evolution"
    and "equations" of a corpus's "evolution equations" make "Evolution equation"). A phrase label keeps its part:
    "cell lines" and "carcinoma" grew into "Carcinoma cell lines", 3 papers of a theme of 40.

    Measured on the seeds (2026-11-30), the share of a theme's papers that hold its label's words rose from 31 %
    to 45 % (semantic) and from 38 % to 52 % (tfidf); see ``label_coverage`` in ``bench/themes.py``."""
    if " and " in label or not ranked:
        return label
    floor = PARTNER_SHARE * dict(ranked).get(label, ranked[0][1])
    for term, score in ranked[:PARTNERS]:
        if score < floor:
            break
        joined = partnered(label, term, score, ranked, ends) if term != label else None
        if not joined or (shared is not None and not shared(term)):
            continue
        written = one_phrase(label, term, texts) if texts is not None and " " not in label else None
        if written is None:
            return joined
        # "node" and "lymph" are the texts' "lymph node": that, or no second part of the two.
        fits = len(written.split()) <= MAX_WORDS and heading(written, ends) and names_a_thing(written)
        if fits and (shared is None or shared(written)):
            return written
    return label


def partnered(
    label: str, term: str, score: float, ranked: Sequence[tuple[str, float]], ends: Mapping[str, float] | None
) -> str | None:
    """The heading "label and term" of at most ``MAX_WORDS`` words, or None if the term makes no second part. Two
    phrases fit only by sharing their head or their first word ("diffusion models" and "generative models" make
    "diffusion and generative models"); a lone word must be shown by the texts to be a noun of its own
    (``lone_partner``). The term is no fragment of a longer ranked phrase nor of one with the label ("temperature
    and dependence" cuts "temperature dependence" in two), no abbreviation of the label nor the other way round,
    and shares no word with it but a generic one ("adversarial attacks and adversary" says one thing twice;
    "in-context learning and meta-learning" does not)."""
    if _fragment(term, label, ranked) or (" " not in term and not lone_partner(term, score, ranked, ends)):
        return None
    if abbreviates(term, label) or abbreviates(label.replace(" ", "-"), term) or abbreviates(label, term):
        return None
    if not (names_a_thing(term) and heading(term, ends)):
        return None
    first, second = label.split(), term.split()
    if len(first) > 1 and len(second) > 1:
        return coordinated(first, second)
    if len(first) + len(second) + 1 > MAX_WORDS or _overlap([w for w in first if w not in GENERIC], second):
        return None
    return f"{label} and {term}"


def _fragment(term: str, label: str, ranked: Sequence[tuple[str, float]]) -> bool:
    """A phrase is part of a longer ranked phrase ("resonance imaging"); a word makes a ranked phrase with a word of
    the label ("dependence" with "temperature")."""
    others = [other for other, _ in ranked if other != term]
    if " " in term:
        return any(f" {term} " in f" {other} " for other in others)
    return any(term in other.split() and set(label.split()) & set(other.split()) for other in others)


def lone_partner(
    term: str, score: float, ranked: Sequence[tuple[str, float]], ends: Mapping[str, float] | None
) -> bool:
    """A lone word may be a label's second part only on the texts' evidence that it names a thing of its own: it
    ends phrases often (``LONE_END``: "standard" of "standard model" or "abelian" do not), it is no fragment of a
    phrase ranked with it (``FRAGMENT``: "forgetting" of "catastrophic forgetting", "series" of "time series"), and
    the lexicon knows it as a noun that cannot be a verb ("report", "course", "change", "respect" are everyday words
    of every field; -ing forms are gerunds: "forecasting"). Without texts to show it (no ``ends``), none may."""
    if ends is None or len(term) < 4 or not term.replace("-", "").isalpha() or ends.get(term, 0.0) < LONE_END:
        return False
    if term in VAGUE_PARTNERS:
        return False
    if any(other != term and term in other.split() and s >= FRAGMENT * score for other, s in ranked):
        return False
    return noun_head(term) and (term.endswith("ing") or "VERB" not in getAllLemmas(term))


def coordinated(first: list[str], second: list[str]) -> str | None:
    """Two phrases that share their last word ("diffusion models", "generative models") or their first ("feature
    selection", "feature engineering") as one heading, "Diffusion and generative models", if it fits in
    ``MAX_WORDS``; None otherwise, or if the rest of them shares a word."""
    if same_word(first[-1], second[-1]) and not _overlap(first[:-1], second[:-1]):
        words = [*first[:-1], "and", *second]
    elif same_word(first[0], second[0]) and not _overlap(first[1:], second[1:]):
        words = [*first, "and", *second[1:]]
    else:
        return None
    return " ".join(words) if len(words) <= MAX_WORDS else None


def _overlap(first: Sequence[str], second: Sequence[str]) -> bool:
    return any(same_word(a, b) for a in first for b in second)


def same_word(a: str, b: str) -> bool:
    """The two words are forms of one: one holds the other ("star", "stars"), they are one plural folded
    ("theory", "theories") or they open with the same ``STEM`` letters ("adversary", "adversarial")."""
    from sitegen.themes.tfidf import singular  # tfidf imports this module: import on use

    return a in b or b in a or singular(a) == singular(b) or (len(a) >= STEM and a[:STEM] == b[:STEM])


def papers_with(phrase: str, texts: Sequence[str], copies: Sequence[int] | None = None) -> int:
    """How many of the texts hold the phrase as whole words (any case, any spacing, a word's plural or singular:
    "lymph node" is held by a text on "lymph nodes"). With ``copies`` (``near_copies``), near-copies of one text
    count once: 3 lightly edited versions of a paper are one paper, not the "2 or more" a second part needs."""
    pattern = _phrase_pattern(phrase)
    held = [i for i, text in enumerate(texts) if pattern.search(text)]
    return len({copies[i] for i in held}) if copies is not None else len(held)


def one_phrase(first: str, second: str, texts: Sequence[str]) -> str | None:
    """The phrase the texts make of the two, as they most often write it ("lymph nodes" of "node" and "lymph"), if
    they write them together, in either order, in half or more of the texts that hold both; else None. "Node and
    lymph" would cut the phrase in two and turn it round."""
    both = [t for t in texts if _phrase_pattern(first).search(t) and _phrase_pattern(second).search(t)]
    written: Counter[str] = Counter()
    together = 0
    for text in both:
        found = [
            " ".join(m.group(0).lower().split())
            for a, b in ((first, second), (second, first))
            for m in _phrase_pattern(f"{a} {b}").finditer(text)
        ]
        together += bool(found)
        written.update(found)
    if not together or 2 * together < len(both):
        return None
    return sorted(written.items(), key=lambda pair: (-pair[1], pair[0]))[0][0]


NEAR_COPY = 0.8
"""Two texts are near-copies when they share this share of their distinct words (Jaccard) or more: the lightly edited
versions of a paper in the QA's corpus shared over 0.9, two different papers of the seeds or the labelled abstracts
never more than 0.5."""


def near_copies(texts: Sequence[str], groups: Sequence[int]) -> list[int]:
    """For each text, the index of the first text of its group that it is a near-copy of (``NEAR_COPY``; through
    other copies too), else its own: versions of one paper ("(version 2)", a fixed typo) are one text's worth of
    evidence for a label, not three ("Graham conjecture and reflectionless" was held by 3 copies of each of two
    papers). Texts of different groups are never copies of each other here."""
    owner = list(range(len(texts)))
    if not texts:
        return owner
    try:
        bags = CountVectorizer(analyzer=lambda text: set(_TOKEN.findall(text.lower())), binary=True).fit_transform(
            texts
        )
    except ValueError:  # no words at all
        return owner
    sizes = np.asarray(bags.sum(axis=1)).ravel()
    by_group: dict[int, list[int]] = {}
    for row, group in enumerate(groups):
        by_group.setdefault(group, []).append(row)
    for rows in by_group.values():
        if len(rows) < 2:
            continue
        shared = (bags[rows] @ bags[rows].T).toarray()
        union = sizes[rows][:, None] + sizes[rows][None, :] - shared
        close = shared >= NEAR_COPY * np.maximum(union, 1)
        for i, j in zip(*np.nonzero(np.triu(close, 1)), strict=True):
            a, b = _root(owner, rows[i]), _root(owner, rows[j])
            owner[max(a, b)] = min(a, b)
    return [_root(owner, row) for row in range(len(texts))]


def _root(owner: list[int], row: int) -> int:
    while owner[row] != row:
        row = owner[row]
    return row


class Forms(NamedTuple):
    """How the texts write each word (lower-cased key): everywhere, and in running prose only."""

    every: dict[str, Counter[str]]
    running: dict[str, Counter[str]]
    """Forms inside sentences that are not title-cased, the first word of each sentence left out: a capital there
    says the word is a name ("Adam", "Kolmogorov-Arnold"), not that it stands first or in a title."""


def word_forms(texts: Sequence[str]) -> Forms:
    """Each word's written forms in the texts (see ``Forms``), for ``surface``."""
    every: defaultdict[str, Counter[str]] = defaultdict(Counter)
    running: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for sentence in _SENTENCE.split(text):
            words = _TOKEN.findall(sentence)
            content = [w for w in words if w.lower() not in STOP_WORDS and not _acronymic(w) and w[:1].isalpha()]
            titled = len(content) >= 2 and sum(w[:1].isupper() for w in content) / len(content) >= TITLED
            for i, word in enumerate(words):
                every[word.lower()][word] += 1
                if i and not titled:
                    running[word.lower()][word] += 1
    return Forms(dict(every), dict(running))


def surface(label: str, texts: Sequence[str], forms: Forms | None = None) -> str:
    """The label as a heading, in sentence case: the first letter upper, acronyms ("KANs", "GPT-4") and names
    ("Adam", "Kolmogorov-Arnold") as the texts write them, any other word lower case, however often titles write it
    capitalised ("Text-to-Image Generation", "Recurrent Neural Networks"). ``forms``: of the texts, by default."""
    if forms is None:
        forms = word_forms(texts)
    empty: Counter[str] = Counter()
    text = " ".join(_case(w, forms.every.get(w, empty), forms.running.get(w, empty)) for w in label.split())
    return text[:1].upper() + text[1:]


def _case(word: str, every: Counter[str], running: Counter[str]) -> str:
    """An acronym form written in half of the word's uses or more; else the capitalised form if running prose
    capitalises the word in at least ``NAMED`` of its uses (a name: lower case is rare); else lower case."""
    total = sum(every.values())
    for form, count in sorted(every.items(), key=lambda pair: (-pair[1], pair[0])):
        if _acronymic(form) and count * 2 >= total:
            return form
    capital = sorted((-count, form) for form, count in running.items() if form[:1].isupper())
    if capital and -sum(count for count, _ in capital) / sum(running.values()) >= NAMED:
        return capital[0][1]
    return word


def _acronymic(form: str) -> bool:
    """A capital after the first letter of a part: "KANs", "GPT-4", "R-CNN", "ImageNet" (not "Text-to-Image")."""
    if form.islower():
        return False  # most words: no capital at all
    return any(any(c.isupper() for c in part[1:]) for part in form.split("-"))


@lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(_word_forms(w) for w in phrase.split())
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])", re.IGNORECASE)


def _word_forms(word: str) -> str:
    """A pattern of the word in the singular or the plural ("node", "nodes"; "artery", "arteries")."""
    from sitegen.themes.tfidf import singular  # tfidf imports this module: import on use

    one = singular(word.lower())
    plural = one.endswith("y") and len(one) > 2
    forms = rf"{re.escape(one[:-1])}(?:y|ies)" if plural else rf"{re.escape(one)}(?:s|es)?"
    return forms if one == word.lower() or re.fullmatch(forms, word.lower()) else rf"(?:{forms}|{re.escape(word)})"

"""The Porter stemmer exactly as lunr.js 2.3.9 has it, so Python-built indexes match browser queries.

lunr.py's own stemmer follows the reference Python implementation, which differs from lunr.js
(e.g. ``display`` -> ``displai`` in Python, ``display`` in JavaScript): a word stemmed one way
at build time and the other way in the browser is never found. This is a line-by-line port of
``lunr.stemmer`` from lunr.js 2.3.9 (mkdocs/contrib/search/templates/search/lunr.js).
"""

from __future__ import annotations

import functools
import re

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@functools.cache
def stem(word: str) -> str:
    """Stem one lower-case token the way lunr.js does (memoised: corpora repeat their words)."""
    if len(word) < 3:
        return word
    first_y = word[0] == "y"
    w = "Y" + word[1:] if first_y else word
    w = _step1ab(w)
    if m := _1C.match(w):
        w = m.group(1) + "i"
    w = _step234(w)
    w = _step5(w)
    return "y" + w[1:] if first_y else w


@functools.cache
def light_stem(word: str) -> str:
    """Porter's step 1 alone (plurals, -ed, -ing, a final y), as lunr.js has it: inflections folded, derivations
    kept apart ("generalizations" -> "generalization", "optimizing" -> "optimize", but "generative" and "optimal"
    stay). search.js ``lightStem`` is the same lines."""
    if len(word) < 3:
        return word
    first_y = word[0] == "y"
    w = _step1ab("Y" + word[1:] if first_y else word)
    if m := _1C.match(w):
        w = m.group(1) + "i"
    return "y" + w[1:] if first_y else w


def _step1ab(w: str) -> str:
    if _1A.search(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A2.search(w):
        w = _1A2.sub(r"\1\2", w, count=1)
    if m := _1B.match(w):
        if _MGR0.search(m.group(1)):
            w = _LAST.sub("", w, count=1)
    elif m := _1B2.match(w):
        stem_ = m.group(1)
        if _S_V.search(stem_):
            w = stem_
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = _LAST.sub("", w, count=1)
            elif _1B_CVC.search(w):
                w += "e"
    return w


def _step234(w: str) -> str:
    if (m := _2.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4B.match(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    return w


def _step5(w: str) -> str:
    if m := _5.match(w):
        stem_ = m.group(1)
        if _MGR1.search(stem_) or (_MEQ1.search(stem_) and not _5_CVC.search(stem_)):
            w = stem_
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    return w

"""Small text helpers shared by several stages."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from anyascii import anyascii

# Zero-width and bidi control characters: invisible, and they defeat matching.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def plural(number: int, word: str) -> str:
    """``1 paper``, ``2 papers``: a count with its noun (regular plurals only)."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends (``str.split``'s whitespace is the regular
    expressions' ``\\s``, ``str.isspace``; split and joined is faster than substituted)."""
    return " ".join(text.split())


def comparison_key(text: str) -> str:
    """Comparison key: NFKC, case-folded, invisible characters and punctuation gone."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    return _NOT_ALNUM.sub(" ", text).strip()


_NOT_ALNUM = re.compile(r"[\W_]+")
"""Runs of characters that are not ``str.isalnum()`` (``\\w`` is exactly that and ``_``)."""


_GREEK = re.compile("[\u0391-\u03c9]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese characters (CJK ideographs): each is a syllable of its own in the transliteration."""


def greek_letter_names(text: str) -> str:
    """Greek letters spelt out, as a reader says them, in a text written in another script ("β-VAE" -> "beta-VAE",
    "ΛCDM" -> "LambdaCDM", "αβ-divergence" -> "alphabeta-divergence"); a text mostly in Greek is left to
    :func:`_latin` ("Μεταχείριση δεδομένων" -> "Metacheirisi dedomenon")."""
    greek = len(_GREEK.findall(text))
    if greek > 3 and greek * 2 > sum(ch.isalpha() for ch in text):
        return text
    return _GREEK.sub(lambda m: _greek_name(m.group(0)), text)


def _greek_name(letter: str) -> str:
    base = unicodedata.normalize("NFD", letter)[0]  # "ά" (alpha with tonos) is named "alpha", not "tonos"
    name = unicodedata.name(base, " ").rsplit(" ", 1)[1].lower()
    return "lambda" if name == "lamda" else name  # Unicode spells it LAMDA


def _latin(text: str) -> str:
    """The text in Latin letters (``anyascii``): accents dropped ("Schrödinger" -> "Schrodinger", "Łukasz" ->
    "Lukasz"), other scripts transliterated ("Глубокое обучение" -> "Glubokoe obuchenie"), Chinese characters
    one syllable each ("深度学习" -> "Shen Du Xue Xi")."""
    return anyascii(_HAN.sub(lambda m: f" {m.group(0)} ", text))


def slugify(text: str, max_len: int = 80) -> str:
    """URL-safe ASCII slug, cut at a word boundary; empty when nothing is left.

    Accents are dropped ("Schrödinger" -> "schrodinger") and a Greek letter standing alone spelt out ("β-VAE" ->
    "beta-vae"), so that such titles keep their telling word; other scripts are transliterated (:func:`_latin`:
    "Глубокое обучение" -> "glubokoe-obuchenie", "深度学习" -> "shen-du-xue-xi"). Any dash or other punctuation
    parts words ("Erdős\u2013Rényi", with an en dash -> "erdos-renyi"). TeX commands in math are markup, not
    words, and are left out (QA: "$\\mathcal{O}(1)$ attention ... in $\\mathbb{R}^d$" gave
    ``mathcal-o-1-attention-...-in-mathbb-r-d``), except Greek letters and the operators and symbols a reader says
    ("$\\log n$" -> "log-n", "$\\ell_1$" -> "ell-1", "$\\infty$" -> "infty").
    """
    words_of_math = MATH.sub(lambda found: _TEX_COMMAND.sub(_said_command, found[0]), text)
    spelt = greek_letter_names(unicodedata.normalize("NFKC", words_of_math))
    # Punctuation and symbols outside ASCII part words as ASCII ones do (an en dash: erdos-renyi, not erdosrenyi).
    parted = "".join(" " if unicodedata.category(c)[0] in "PSZ" else c for c in spelt)
    words = re.findall(r"[a-z0-9]+", _latin(parted).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or (words[0][:max_len] if words else "")


_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SAID_COMMANDS = frozenset("log ln exp sin cos tan max min sup inf lim det dim ker deg gcd arg ell infty".split())  # noqa: SIM905


def _said_command(found: re.Match[str]) -> str:
    name = found[1]
    return f" {name} " if name in GREEK or name in _SAID_COMMANDS else " "


# Inline math: $...$ whose content neither starts nor ends with a space and holds no $; or $$...$$.
MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:\\\$|[^$])+?)(?<=[^\s\\])\$(?!\$)|\$\$(.+?)\$\$")

GREEK = {
    name: chr(code)
    for name, code in (
        ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5),
        ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8), ("iota", 0x3B9),
        ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0),
        ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4), ("phi", 0x3C6), ("varphi", 0x3C6), ("chi", 0x3C7),
        ("psi", 0x3C8), ("omega", 0x3C9), ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398),
        ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Phi", 0x3A6), ("Psi", 0x3A8),
        ("Omega", 0x3A9),
    )
}  # fmt: skip
"""TeX names of Greek letters and their characters."""

_ABBREVIATIONS = {"ie": "i.e.", "eg": "e.g.", "etal": "et al.", "etc": "etc."}
"""Abstracts' macros for the usual abbreviations (``\\ie``, ``\\eg``, ``\\etal``)."""

_TILDE_HACK = re.compile(r"\{?\\?raise\s*\.?\d*ex\s*\\?hbox\{\$\\?scriptstyle\s*\\?sim\$\}\}?")
"""``{\\raise.17ex\\hbox{$\\scriptstyle\\sim$}}``: the classic TeX way to write "about" (~); a scraper may have
dropped any of its backslashes (``raise.17ex`` followed by ``scriptstyle`` and ``sim`` is TeX all the same)."""

_CITE = r"\\(?:[A-Za-z]*[Cc]ite[A-Za-z]*|(?:eq|auto|page|c|C)?ref)\*?(?:\s*\[[^\[\]{}]*\]){0,2}\s*\{[^{}]*\}"
_CITATIONS = re.compile(rf"{_CITE}(?:\s*[,;]?(?:\s|~)*{_CITE})*")


def drop_citations(text: str) -> str:
    """The text without its citations and cross-references (``\\cite{..}``, ``\\citep[p.~3]{..}``, ``\\textcite{..}``,
    ``\\ref{..}``, ``\\eqref{..}``; a run of them) and the space or tie before them: they point into a paper the
    abstract is not part of, and the text reads right without them ("shift~\\cite{h}." -> "shift.")."""
    parts: list[str] = []
    last = 0
    for citation in _CITATIONS.finditer(text):
        before = text[last : citation.start()]
        while before.endswith(("~", "\\ ", "\\,", "\\;")) or before[-1:].isspace():
            before = before[:-2] if before.endswith(("\\ ", "\\,", "\\;")) else before[:-1]
        parts.append(before)
        last = citation.end()
    return "".join([*parts, text[last:]]) if parts else text


_ACCENT_MARKS = {
    "'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "c": "\u0327", "H": "\u030b", "v": "\u030c", "u": "\u0306", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331",
}  # fmt: skip
_ACCENT = re.compile(
    r"(\{)?\\(?:(['`\"^~=.])|([cHvukrdb])(?=\{))"  # a symbol accent, or a letter one (only with braces: \v in)
    r"(?:\{\s*(\\i(?![A-Za-z])|[^\W\d_])\s*\}|(\\i(?![A-Za-z])|[^\W\d_]))(?(1)\})"  # its letter, right after it
)
"""A TeX accent on a letter: ``Poincar\\'e``, ``\\"{o}``, ``{\\'e}``, ``\\c{c}``, ``\\'{\\i}``, ``\\~{\\^e}``."""
_ONLY_ON = {'"': "aeiouyAEIOUY", "=": "aeiouAEIOU", ".": "zZeEgGcCI"}
"""Letters that an accent marks in the languages that use it: ``\\"hello\\"`` (escaped quotes) or ``\\.txt`` (a
regular expression) are no accents."""
_CONTRACTION = re.compile(r"[tsdm](?![A-Za-z])|ll|re|ve")
"""What follows an apostrophe escaped as ``\\'`` in English: ``don\\'t``, ``it\\'s``, ``we\\'ll``."""
_SPECIAL_LETTERS = {
    "ss": "\u00df", "o": "\u00f8", "O": "\u00d8", "aa": "\u00e5", "AA": "\u00c5", "ae": "\u00e6", "AE": "\u00c6",
    "oe": "\u0153", "OE": "\u0152", "l": "\u0142", "L": "\u0141", "i": "\u0131",
}  # fmt: skip
_SPECIAL = re.compile(
    r"(?<![:\\])(\{)?\\(" + "|".join(sorted(_SPECIAL_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])"
    r"(?(1)\}|(?:\{\}|\\ |\s)?)(?!\\[A-Za-z])"
)
"""A TeX special letter (``Stra\\ss e``, ``{\\o}``, ``\\L\\'od\\'z``), not a folder of a Windows path
(``C:\\temp\\aa\\new``)."""
_NOT_TEX = re.compile(r"\\url\{[^{}]*\}|\\href\{[^{}]*\}|\\verb(\S).*?\1|https?://[^\s{}]+")
"""Where a backslash is no accent: URLs and verbatim text."""


def _accented(match: re.Match[str]) -> str:
    accent, letter = match[2] or match[3], (match[4] or match[5]).strip()
    base = "i" if letter == "\\i" else letter
    if accent in _ONLY_ON and base not in _ONLY_ON[accent]:
        return match[0]
    before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() - 1 :]
    if accent == "'" and match[5] and before.isalpha() and (base.isupper() or _CONTRACTION.match(after)):
        return match[0]  # O\'Neil, don\'t: an apostrophe
    accented = unicodedata.normalize("NFC", base + _ACCENT_MARKS[accent])
    return accented if len(accented) == 1 else match[0]  # a letter no language writes (\~s) is no accent


def tex_accents(text: str) -> str:
    """TeX accents and special letters as the letters they write: ``Poincar\\'e`` -> ``Poincaré``, ``Erd\\H{o}s`` ->
    ``Erdős``, ``Fran\\c{c}ois`` -> ``François``, ``{\\"o}`` -> ``ö``, ``Nguy\\~{\\^e}n`` -> ``Nguyễn``, ``\\ss`` ->
    ``ß``. Only where it can only be TeX: an accent right on a letter that takes it, never across a space, in a
    URL, in ``\\verb`` or in an English contraction (``don\\'t``, ``O\\'Neil``)."""
    if "\\" not in text:
        return text
    parts, last = [], 0
    for kept in [*_NOT_TEX.finditer(text), None]:
        end = kept.start() if kept else len(text)
        part = text[last:end]
        for _ in range(2):  # an accent on an accented letter: \~{\^e}
            part = _ACCENT.sub(_accented, part)
        parts += [_SPECIAL.sub(lambda m: _SPECIAL_LETTERS[m[2]] + (" " if m[0].endswith("\\ ") else ""), part)]
        if kept:
            parts.append(kept[0])
            last = kept.end()
    return "".join(parts)


# Text-mode LaTeX as scraped abstracts carry it (arXiv abstracts are LaTeX source), outside $...$ math.
_TEX_TEXT = (
    (re.compile(r"\{?\\?raise\s*\.?\d*ex\s*\\?scriptstyle\s*\\?sim\}?"), "~"),  # the same, without \hbox
    (re.compile(r"\\href\{([^{}]*)\}\{([^{}]*)\}"), r"\2 (\1)"),
    (re.compile(r"(https?://[^\s{}]+)\{([^{}\n]*)\}(?![\w/])"), lambda m: _flat_href(m[1], m[2]) or m[0]),
    (re.compile(r"(?<=\w)\\url\{([^{}]*)\}"), r" \1"),
    (re.compile(r"\\url\{([^{}]*)\}"), r"\1"),
    (re.compile(r"(?:^|(?<=[\s(\[:~]))\{(https?://[^\s{}]+)\}"), r"\1"),  # \url{u} scraped without its command
    (re.compile(r"\\(?:emph|textit|textbf|texttt|textsc|textrm|textsf|underline|mbox)\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\(ie|eg|etal|etc)\b\\?"), lambda m: _ABBREVIATIONS[m[1]]),
    (re.compile(r"\{\\(" + "|".join(GREEK) + r")\}|\\(" + "|".join(GREEK) + r")\b"), lambda m: GREEK[m[1] or m[2]]),
    (re.compile(r"``"), "\u201c"),
    (re.compile(r"(?:^|(?<=[\s(\[{/~-]))''(?=[^\W_])"), "\u201c"),  # ''X'': opened where no word is before it
    (re.compile(r"''"), lambda m: _tex_closing_quote(m)),
    (re.compile(r"(?<![\w`])`(?!`)((?:[^`'\n]|'(?=[^\W_])){1,80}?)'(?![\w`'])"), lambda m: _tex_single_quote(m)),
    (re.compile(r"(?<=[A-Za-z])x(2013|2014)(?=[A-Za-z])"), lambda m: "\u2013" if m[1] == "2013" else "\u2014"),
    (re.compile(r"\\([%&#_])"), r"\1"),
    (re.compile(r"(?<!\\)\\ "), " "),  # a control space ("e.g.\ DQN"), not TeX's line break "\\"
    (re.compile(r"(?<=[.?!])\\@"), ""),  # "e.g.\@": a sentence does not end here
    (re.compile(r"(?<![\w^_}\\])\{(\d+\.\d+)\}(?![\w{^_])"), r"\1"),  # "FID of {3.56}" (not the set "{0}")
    (re.compile(r"(?<=[\w,.;)\s])---(?=[\w\s])"), "\u2014"),  # TeX's em dash: "152 layers---8x deeper"
    (re.compile(r"(?<=\d)--(?=\d)"), "\u2013"),  # TeX's en dash in a range: "pages 10--12"
)  # fmt: skip


def tex_text(text: str) -> str:
    """Text-mode LaTeX markup outside ``$...$`` math as the reader should see it: ``\\emph{UPop}`` -> ``UPop``,
    ``\\url{u}`` -> ``u``, ``\\ie`` -> ``i.e.``, ``{\\lambda}`` -> ``λ``, ````quotes''`` -> curly quotes, and
    ``x2014`` left of a scraped ``&#x2014;`` -> an em dash, TeX's ``---`` an em dash and ``--`` between numbers an
    en dash; citations and references (``~\\cite{..}``, ``\\ref{..}``)
    dropped with the space before them. Math is left for KaTeX; unknown commands stay."""
    if not any(mark in text for mark in ("\\", "`", "''", "x201", "}", "~", "times", "--")):
        return text
    text = _TILDE_HACK.sub("~", text)  # holds $...$, so before math is split off
    parts, last = [], 0
    for match in MATH.finditer(text):
        parts.append(_tex_text_part(text[last : match.start()], before_math=True))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_tex_text_part(text[last:]))
    return "".join(parts)


def _tex_text_part(text: str, before_math: bool = False) -> str:
    text = tex_accents(drop_citations(text))
    for pattern, replacement in _TEX_TEXT:
        text = pattern.sub(replacement, text)
    return _scraped_prose(text, before_math)


def _tex_closing_quote(m: re.Match[str]) -> str:
    """TeX's ``''`` as a closing curly quote, unless it is a second derivative's primes (``f''(x)``, ``y'' + y``): after
    a one-letter word with no quote open before it."""
    before = m.string[: m.start()]
    closed = before.count("\u201d") + before.count("''")  # the string as it was before this rule ran
    primes = re.search(r"\b[A-Za-z]$", before) and before.count("\u201c") <= closed
    return m[0] if primes else "\u201d"


def _tex_single_quote(m: re.Match[str]) -> str:
    """TeX's ```X'`` as curly single quotes, unless the next backtick closes a Markdown code span that the quote is
    inside (```f'(x)```, ```print('hi')```): a closing backtick follows a non-space and precedes no word, where
    the opening backtick of another TeX quote follows a space."""
    after = m.string.find("`", m.end())
    if after != -1 and not m.string[after - 1].isspace() and not m.string[after + 1 : after + 2].isalnum():
        return m[0]
    return f"\u2018{m[1]}\u2019"


def _flat_href(url: str, shown: str) -> str | None:
    """``\\href{url}{shown}`` that a scraper wrote ``url{shown}``, as the ``\\href`` rule writes it: the URL once
    when ``shown`` is the URL again (``\\_`` in it, a case or a trailing slash apart: ``.../flan_nas{.../flan\\_nas}``),
    else ``shown (url)`` with ``shown``'s sentence punctuation after it (``README.md{here.}`` -> ``here (README.md).``).
    None (left as written) for a URL template: ``https://api.x.org/items/{id}``, ``?q={query}``, ``/user{id}``."""
    if _url_key(url) == _url_key(shown):
        return url
    if url.endswith(("/", "=", "?", "&", "#")) or not any(ch.isalpha() for ch in shown) or _PLACEHOLDER.match(shown):
        return None
    text = shown.rstrip(".,;:!? ")
    return f"{text} ({url}){shown[len(text) :].strip()}"


def _url_key(url: str) -> str:
    return url.replace("\\_", "_").rstrip(".,;:/").split("://", 1)[-1].casefold()


_PLACEHOLDER = re.compile(r"[A-Za-z_][\w-]*\Z")
"""A template's placeholder name (``{id}``, ``{user_name}``): one word, no sentence punctuation."""

_URL_CHAR = r"(?:[^\s<>\"'{}\\\]]|\](?!\())"
URL = re.compile(rf"(?:https?: ?//|www\.){_URL_CHAR}+(?:\\_{_URL_CHAR}*)*(\{{[^}}\s]*\}})?", re.IGNORECASE)
"""A URL in text (an abstract): from ``http://``, ``https://`` or ``www.`` (any case: "HTTP://WWW.WHO.INT" in an
abstract in capitals) until whitespace, a quote, an angle bracket, a brace, a backslash other than TeX's ``\\_``
(``https://github.com/a/flan\\_nas``) or a Markdown link's ``](`` (``[https://x.org](https://x.org)`` is two
URLs, not one). A space after the scheme's colon (``https: //github.com/...``, as a PDF's line break leaves it) is
no end, nor is a word run into the scheme (``available athttps://...``, a PDF's lost space: no ``\\b``). Group 1
is a ``{...}`` right after it: ``\\href{url}{text}`` scraped flat as ``url{url'}``, which is no part of the URL.
Sentence punctuation and closing brackets at the end are in the match: :func:`clean_url` strips them from a URL it
keeps; ``themes.assemble.paper_text`` drops them with the URL. The one definition of both (they had two, and
``assemble``'s ``\\S+`` missed ``https: //`` and took the prose of ``url{shown text}``).

:data:`_URL_SPAN` differs on purpose (a span of TeX fixes: any word with a slash). ``ingest.labelled`` still has
its own for a ``URL:`` field's value, which stops at every bracket but a balanced ``(...)``; this one and
:func:`clean_url` find the same links in ``<https://...>``, ``[text](https://...)`` and ``.../S0140-6736(20)30183-5.``,
and ``www.`` hosts and capital schemes besides."""

_TRAILING = ".,;:!?'\"\u201d\u2019"


def clean_url(url: str) -> str:
    """A URL as :data:`URL` found it, cleaned: sentence punctuation and unbalanced closing brackets stripped from its
    end, TeX's ``\\_`` and a PDF's ``https: //`` undone, the scheme in lower case (``HTTP://WWW.WHO.INT`` is
    ``http://WWW.WHO.INT``) and one for a bare ``www.`` host."""
    url = _SCHEME.sub(lambda found: found[0].lower(), url.replace("\\_", "_").replace(": //", "://", 1))
    while url:
        if url[-1] in _TRAILING or (url[-1] in ")]" and url.count("(" if url[-1] == ")" else "[") < url.count(url[-1])):
            url = url[:-1]
        else:
            break
    return "https://" + url if url[:4].lower() == "www." else url


_SCHEME = re.compile(r"^https?(?=://)", re.IGNORECASE)

_URL_SPAN = re.compile(r"(?:https?://|www\.)[^\s{}]+|[^\s~]*/[^\s{}]*")
"""URLs, and any word with a slash in it (``github.com/a/b~c``, ``doi:10.1/x~y``, a path): no tie or ``times`` in
them is TeX. Wider than :data:`URL` on purpose: it only says where prose is not, so it may run through a quote or a
backslash, and it stops at a brace, so that a flat ``url{shown}`` keeps ``shown`` as prose."""
_BIB_KEY = r"[a-z]+(?:19|20)\d\d[a-z]+"
_TIE = re.compile(
    rf"(?:(?<=[^\W\d_]{{2}})|(?<=\b[aAI])|(?<=[.,:;]))~(?:({_BIB_KEY}(?:,\s*{_BIB_KEY})*)(?![\w~-])|(?=[^\W\d_]|[(\[`\u201c\u2018]))"
)
"""A TeX tie (``~``, a non-breaking space) after a word and before one: ``a~failure``, ``approach~(CoTTA)``,
``online:~https://..``. Before a digit ``~`` may mean "about" (``~40k``), and it stays; after a one-letter
symbol or a bracket it may mean "distributed as" (``z~N(0, I)``, ``p(x)~exp(-x)``), and it stays too. A citation
key in Google Scholar's form right after it is a ``~\\citep{..}`` whose command the scraper dropped
(``work~nichani2023provable``): it goes with the tie, as ``drop_citations`` drops citations."""
_TIE_END = re.compile(r"(?<=[^\W_]|[.,:;)])~\Z")
_TIMES = re.compile(r"(?:(\^)|(?<![\w.]))(\d+(?:\.\d+)?)times(?![A-Za-z])( ?)(?=(\d)?)")
"""``\\times`` after a number, scraped without its backslash: ``6.5times speed-up``, ``256times256``."""


def _times(match: re.Match[str]) -> str:
    script, number, space, digit = match[1], match[2], match[3], match[4]
    if script:  # an exponent ends an operand (R^3times R -> R^3 \u00d7 R): 3 is no factor here
        return f"{script}{number} \u00d7{' ' if space or digit else ''}"
    return f"{number}\u00d7{'' if digit else space}"  # 6.5times speed-up; 256times256 (no space)


def _scraped_prose(text: str, before_math: bool) -> str:
    """What a scraper that drops backslashes leaves in prose, outside URLs: a tie (``~``) between words as a space,
    ``\\times`` glued to a number (``6.5times``) as the multiplication sign. ``before_math``: a tie at the end is
    one before ``$..$``."""
    parts, last = [], 0
    for url in [*_URL_SPAN.finditer(text), None]:
        prose = text[last : url.start() if url else len(text)]
        prose = _TIMES.sub(_times, _TIE.sub(lambda m: "" if m[1] else " ", prose))
        if url or before_math:  # a URL or math is what follows a tie at the end
            prose = _TIE_END.sub(" ", prose)
        parts.append(prose + (url[0] if url else ""))
        last = url.end() if url else last
    return "".join(parts)


_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\w))")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_MATH_SYMBOLS = {
    "sim": "~", "approx": "\u2248", "times": "\u00d7", "leq": "\u2264", "geq": "\u2265", "le": "\u2264",
    "ge": "\u2265", "pm": "\u00b1", "infty": "\u221e", "cdot": "\u00b7", "to": "\u2192", "rightarrow": "\u2192",
    "in": "\u2208", "ell": "\u2113", "log": "log",
    "neq": "\u2260", "ne": "\u2260", "ll": "\u226a", "gg": "\u226b", "lesssim": "\u2272", "gtrsim": "\u2273",
    "propto": "\u221d", "simeq": "\u2243", "equiv": "\u2261", "cong": "\u2245", "leqslant": "\u2264",
    "geqslant": "\u2265", "mp": "\u2213", "notin": "\u2209", "subset": "\u2282", "subseteq": "\u2286",
    "supset": "\u2283", "supseteq": "\u2287", "cap": "\u2229", "cup": "\u222a", "emptyset": "\u2205",
    "varnothing": "\u2205", "forall": "\u2200", "exists": "\u2203", "partial": "\u2202", "nabla": "\u2207",
    "sqrt": "\u221a", "sum": "\u2211", "prod": "\u220f", "int": "\u222b", "oint": "\u222e", "hbar": "\u210f",
    "odot": "\u2299", "otimes": "\u2297", "oplus": "\u2295", "star": "\u22c6", "ast": "*", "circ": "\u2218",
    "dagger": "\u2020", "prime": "\u2032", "leftarrow": "\u2190", "Rightarrow": "\u21d2",
    "Leftarrow": "\u21d0", "leftrightarrow": "\u2194", "Leftrightarrow": "\u21d4", "mapsto": "\u21a6",
    "gets": "\u2190", "langle": "\u27e8", "rangle": "\u27e9", "ldots": "\u2026", "cdots": "\u22ef",
    "dots": "\u2026", "vert": "|", "mid": "|", "parallel": "\u2225", "perp": "\u22a5", "wedge": "\u2227",
    "vee": "\u2228", "neg": "\u00ac", "setminus": "\u2216", "div": "\u00f7", "degree": "\u00b0",
    "aleph": "\u2135", "Re": "\u211c", "Im": "\u2111", "angle": "\u2220", "triangle": "\u25b3",
    "sin": "sin", "cos": "cos", "tan": "tan", "exp": "exp", "ln": "ln", "lim": "lim", "max": "max", "min": "min",
    "sup": "sup", "inf": "inf", "det": "det", "dim": "dim", "ker": "ker", "arg": "arg", "deg": "deg", "mod": "mod",
    "Pr": "Pr", "tr": "tr", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "arctan": "arctan",
    "lfloor": "\u230a", "rfloor": "\u230b", "lceil": "\u2308", "rceil": "\u2309", "argmin": "argmin",
    "argmax": "argmax", "top": "\u22a4", "bot": "\u22a5", "land": "\u2227", "lor": "\u2228", "iff": "\u21d4",
    "implies": "\u21d2", "lVert": "\u2016", "rVert": "\u2016", "Vert": "\u2016", "lvert": "|", "rvert": "|",
}  # fmt: skip
"""TeX math commands written as one character (or a function's name) in plain text."""
_MATH_DROPPED = frozenset(
    (  # noqa: SIM905
        "mathcal mathrm mathbf mathit mathsf mathtt mathbb mathfrak mathscr boldsymbol bm rm bf it sf tt cal text "
        "textrm textbf textit mbox operatorname left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr "
        "displaystyle textstyle scriptstyle limits nolimits quad qquad hat bar tilde vec dot ddot widehat widetilde "
        "overline underline overrightarrow mathring frac dfrac tfrac sqrt mathbbm texttt textsf textnormal ce pu "
        "mathop"
    ).split()
)
"""Commands that only style, space or place what follows (their arguments are kept): ``\\mathcal{O}`` is "O"."""
_ARGUMENT = r"(?:\{([^{}]*)\}|\s*(\w))"
"""A command's argument: in braces (no brace inside: the innermost are read first) or one character (``\\frac12``)."""
_FRACTION = re.compile(rf"\\[dt]?frac{_ARGUMENT}{_ARGUMENT}")
_BINOMIAL = re.compile(rf"\\[dt]?binom{_ARGUMENT}{_ARGUMENT}")
_ROOT = re.compile(rf"\\sqrt(?:\[([^\]]*)\])?{_ARGUMENT}")
_MODULO = re.compile(rf"\\pmod{_ARGUMENT}")
_RAISED_SYMBOL = re.compile(r"\^\s*\{?\s*\\(circ|top|intercal|prime|dagger|ast|star)\s*\}?|\^\s*\{\s*T\s*\}")
_RAISED = {
    "circ": "\u00b0",
    "top": "\u1d40",
    "intercal": "\u1d40",
    "prime": "\u2032",
    "dagger": "\u2020",
    "ast": "*",
    "star": "*",
}
"""``90^\\circ`` is "90°", ``A^\\top`` "Aᵀ"."""


def plain_math(text: str) -> str:
    """Text with each ``$...$`` written as plain characters, for places KaTeX does not reach (the browser tab
    title, search results): ``L$^2$`` -> ``L²``, ``$\\Lambda$CDM`` -> ``ΛCDM``, ``$O(n^{1.5})$`` -> ``O(n^1.5)``."""
    if "$" not in text:
        return text  # most texts: no math (a fifth of rendering 8,000 paper pages went to the search for it)
    return MATH.sub(lambda m: _plain_tex(m.group(1) if m.group(1) is not None else m.group(2)), text)


def _plain_tex(tex: str) -> str:
    tex = tex.replace("\\,", " ").replace("~", " ").replace("\\{", "\x00").replace("\\}", "\x01")
    tex = tex.replace("\\operatorname*", "\\operatorname")
    tex = _RAISED_SYMBOL.sub(lambda m: _RAISED.get(m[1] or "top", ""), tex)
    for _ in range(4):  # innermost first: \frac{1}{\sqrt{T}}
        before = tex
        tex = _ROOT.sub(lambda m: f"{m[1] or ''}\u221a{_grouped(m[2] or m[3])}", tex)
        tex = _FRACTION.sub(lambda m: f"{_grouped(m[1] or m[2])}/{_grouped(m[3] or m[4])}", tex)
        tex = _BINOMIAL.sub(lambda m: f"C({m[1] or m[2]},{m[3] or m[4]})", tex)
        tex = _MODULO.sub(lambda m: f" (mod {m[1] or m[2]})", tex)
        if tex == before:
            break
    tex = _SCRIPT.sub(_script, tex)
    tex = _COMMAND.sub(_plain_command, tex)
    tex = tex.replace("{", "").replace("}", "").replace("\\", "")
    tex = normalize_space(tex.replace("\x00", "{").replace("\x01", "}"))
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", tex))


def _plain_command(match: re.Match[str]) -> str:
    """A math command as plain text: a Greek letter or a symbol as its character, a styling command as nothing (its
    argument stays), any other as its name ("\\Z" is "Z"): never nothing, which turned "P $\\neq$ NP" into "P NP"."""
    name = match[1]
    if name in _MATH_DROPPED:
        return ""
    symbol = GREEK.get(name) or _MATH_SYMBOLS.get(name)
    if symbol and symbol.isalpha() and len(symbol) > 1:
        return f" {symbol} "  # a function's name: "n\\log n" is "n log n"
    return symbol or name


def _grouped(tex: str) -> str:
    """A fraction's part: as it is when it is one symbol or word, else in parentheses ("(a+b)/2")."""
    return tex if re.fullmatch(r"\\?\w+", tex.strip()) else f"({tex.strip()})"


def _script(match: re.Match[str]) -> str:
    """``^2`` -> ``²`` where every character has a Unicode superscript (subscript for ``_``), else ``^x``/``^(..)``."""
    mark, body = match[1], match[2] if match[2] is not None else match[3]
    table = _SUPERSCRIPT if mark == "^" else _SUBSCRIPT
    if body and all(ord(ch) in table for ch in body):
        return body.translate(table)
    return f"{mark}{body}" if re.fullmatch(r"[\w.]+", body) else f"{mark}({body})"


class _Text(HTMLParser):
    """The text a reader sees in HTML: no tags, comments, scripts, styles or headings' permalinks (``¶``); entities
    decoded; inline elements inside words kept whole; and the text of the first element when it is an ``h1`` (the
    page's title, as MkDocs takes it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.heading: list[str] = []
        self.in_heading = False
        self.started = False
        self.hidden = 0
        self.hidden_tags: list[str] = []
        """The open elements whose text no reader sees: scripts, styles, a heading's permalink (``¶``)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()):
            self.hidden += 1
            self.hidden_tags.append(tag)
        self.in_heading = self.in_heading or (tag == "h1" and not self.started)
        self.started = True
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_tags and self.hidden_tags[-1] == tag:
            self.hidden_tags.pop()
            self.hidden = max(0, self.hidden - 1)
        if tag == "h1":
            self.in_heading = False
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.in_heading:
            self.heading.append(data)
        self.started = self.started or bool(data.strip())
        self.parts.append(data)


_HIDDEN = frozenset({"script", "style", "template"})
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var".split()  # noqa: SIM905
)
"""Elements inside a line of text: "**bio**informatics" is one word, "bioinformatics", not "bio informatics"."""


def page_heading_and_text(html: str) -> tuple[str | None, str]:
    """The title (the text of an ``h1`` that opens the page) and the plain text of rendered HTML: what a search
    index needs of a page of a project's own, as readers see it (``&amp;`` as ``&``; no comment, script or style)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return normalize_space("".join(parser.heading)) or None, normalize_space("".join(parser.parts))

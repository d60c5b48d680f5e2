"""Markup in titles and abstracts read as text, for every reader: JATS (Crossref's abstracts), HTML formatting
(Europe PMC, ACM's BibTeX), IEEE Xplore's formulas, and the superscripts among them, numbered citations
(dropped) told from powers and ordinals (kept as raised text). The pages show text, never run markup: a value
whose tags do more than format, or do not balance, stays as written."""

from __future__ import annotations

import html
import re

from sitegen.ingest.fields import html_text
from sitegen.textutil import normalize_space

_JATS = re.compile(r"</?jats:[a-z-]+\b[^<>]*>")
"""JATS XML tags, as in Crossref's abstracts: a value holding any is read as markup (tags dropped, entities
decoded). Other values are text as written, ``<b>`` included: the pages show it as text, never run it."""
_ABSTRACT_HEADING = re.compile(r"<jats:title\b[^>]*>\s*abstract\s*</jats:title>", re.IGNORECASE)
_JATS_TITLE = re.compile(r"<jats:title\b[^>]*>(.*?)</jats:title>", re.IGNORECASE | re.DOTALL)
_JATS_XREF = re.compile(r"<jats:xref\b([^>]*)>(.*?)</jats:xref>", re.IGNORECASE | re.DOTALL)
_JATS_SUP = re.compile(r"\s*<jats:sup\b[^>]*>(.*?)</jats:sup>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^<>]*>")
_CITED = "\x00"
"""Where a citation marker was, until the markers are dropped with the brackets and separators around them."""
_CITATION_NUMBERS = re.compile(r"\[?\(?\d[\d\s,;\u2013\u2014-]*\]?\)?")
"""What a numbered citation reads: ``1``, ``1\u20134``, ``2,5``, ``[3]``."""
_CITED_RUN = re.compile(
    rf"\s*(?:\[\s*{_CITED}[^\]\w]*\]|\(\s*{_CITED}[^)\w]*\)|{_CITED}(?:[\s,;\u2013\u2014-]*{_CITED})*)"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]{2,}|[^\W_]*[^\W\d_]{2}[^\W_]*\)|[^\W\d_]{2,}[\u2019'\"\u201d])[.,;:]?\s*$")
"""A word of letters (maybe with a punctuation mark, a closing quote) or a closing bracket after a word ("the
'protein folding problem'⁸", "(CASP14)¹²") ending the text before a superscript: a number there cites."""
_UNITS = frozenset({
    "cm", "mm", "km", "nm", "dm", "µm", "μm", "ms", "kg", "mg", "ng", "µg", "μg", "mL", "ml", "µL", "μL", "Hz",
    "kHz", "MHz", "GHz", "Pa", "kPa", "mol", "mM", "µM", "μM", "ft", "yd", "mi", "min", "log", "ln", "sin", "cos",
    "exp",
})  # fmt: skip
"""Units and functions whose powers are superscripts (``cm<sup>2</sup>`` is cm², ``log<sup>2</sup>`` log², not
citations); after one letter a superscript is always a power (a unit, a variable: R²)."""
_SUPERSCRIPTS = str.maketrans("0123456789+-\u2212=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
"""Characters written as superscripts in plain text (and U+2212, the minus sign)."""
_ORDINAL = re.compile(r"st|nd|rd|th", re.IGNORECASE)


def _balanced(tags: list[str]) -> bool:
    """Whether every formatting element opened is closed and none closed unopened: markup, not an abstract about
    HTML ("wrap headings in <b> and forget the closing </b> tag, or nest <p> inside <span>")."""
    depth: dict[str, int] = {}
    for tag in tags:
        name = tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""
        if name == "br" or tag.endswith("/>"):
            continue
        depth[name] = depth.get(name, 0) + (-1 if tag.startswith("</") else 1)
        if depth[name] < 0:
            return False
    return not any(depth.values())


def value_text(value: str) -> str:
    """The value as text; JATS markup dropped (see ``jats_text``), and HTML formatting (see ``formatting_text``)."""
    if _JATS.search(value):
        return jats_text(value)
    tags = _TAG_LIKE.findall(value)
    if _FORMATTING_CLOSE.search(value) and all(_FORMATTING.fullmatch(tag) for tag in tags) and _balanced(tags):
        return formatting_text(value)
    if _ENTITY.search(value) and not _TAG_LIKE.search(value):  # "p &lt; 0.05", "Diet &amp; exercise" (Europe PMC)
        return normalize_space(html.unescape(value))
    return normalize_space(value)


_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
"""An HTML entity: Europe PMC escapes "<" and "&" so even in values without a tag."""


_FORMATTING_NAMES = r"(?:i|b|em|strong|u|sc|small|sup|sub|p|div|span|h[1-6])"
_FORMATTING = re.compile(rf"</?{_FORMATTING_NAMES}>|<br\s*/?>", re.IGNORECASE)
"""HTML tags that only format text, bare (no attribute), as Europe PMC's ``abstractText`` and titles hold them."""
_FORMATTING_CLOSE = re.compile(rf"</{_FORMATTING_NAMES}>", re.IGNORECASE)
_TAG_LIKE = re.compile(r"</?[A-Za-z][^<>]*>")
_HEADING = re.compile(r"<h[1-6]>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_SUP = re.compile(r"\s*<sup>(.*?)</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(?:p|div)>|<br\s*/?>", re.IGNORECASE)

_FORMULA = re.compile(r"<(inline-formula|disp-formula)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_TEX_MATH = re.compile(r"<tex-math\b[^>]*>(.*?)</tex-math>", re.IGNORECASE | re.DOTALL)
_JATS_STYLE = {"italic": "i", "bold": "b", "underline": "u", "sc": "sc", "monospace": "", "roman": "", "sans-serif": ""}
_STYLE_TAG = re.compile(r"<(/?)(italic|bold|underline|sc|monospace|roman|sans-serif)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTES = re.compile(
    rf"<({_FORMATTING_NAMES})(?:\s+(?:class|id|lang|dir|style)\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[\w-]+))+\s*>",
    re.IGNORECASE,
)
"""A formatting tag with attributes that only style it (``<p class="abstract">``); any other attribute (``<b
onmouseover=...>``) leaves the text as written."""


def markup_text(value: str) -> str:
    """Text of an abstract or title any export may carry markup in: JATS (Crossref), HTML formatting (Europe PMC,
    ACM's BibTeX: ``<p>``, ``<i>``), and IEEE Xplore's formulas (``<inline-formula><tex-math>$...$</tex-math>
    </inline-formula>``: the TeX, for KaTeX) and JATS styles without a prefix (``<italic>``). Text without markup is
    returned as it is; character references alone are read too (QA: Crossref's journal "Science &amp; Society" was
    shown as written)."""
    if "<" not in value and not _ENTITY.search(value):
        return value
    value = _FORMULA.sub(lambda m: _formula(m.group(2)), value)
    value = _STYLE_TAG.sub(
        lambda m: f"<{m.group(1)}{_JATS_STYLE[m.group(2).lower()]}>" if _JATS_STYLE[m.group(2).lower()] else "", value
    )
    value = _ATTRIBUTES.sub(lambda m: f"<{m.group(1)}>", value)
    return value_text(value) if _TAG_LIKE.search(value) or _ENTITY.search(value) else normalize_space(value)


def _formula(inner: str) -> str:
    """A formula's TeX (its ``<tex-math>``), else its text."""
    tex = _TEX_MATH.search(inner)
    return normalize_space(tex.group(1) if tex else _ANY_TAG.sub(" ", inner))


def _raised(sup: re.Match[str]) -> str:
    """A ``<sup>`` of formatting HTML: raised text, never a citation (``tau<sup>2</sup>`` is "tau²": a journal's
    abstract as Europe PMC gives it cites nothing)."""
    return raised_text(normalize_space(sup.group(1)), _space_before(sup))


def _space_before(tag: re.Match[str]) -> str:
    return tag.group(0)[: len(tag.group(0)) - len(tag.group(0).lstrip())]


def raised_text(inner: str, space: str = "") -> str:
    """Raised text as plain text, after the space before its tag: superscript characters where Unicode has them
    all ("10⁶", "cm²"), else ``^x`` or ``^(a+b)``."""
    if all(ord(ch) in _SUPERSCRIPTS for ch in inner):
        return space + inner.translate(_SUPERSCRIPTS)
    return f"{space}^{inner}" if len(inner) == 1 or inner.isalnum() else f"{space}^({inner})"


def formatting_text(markup: str) -> str:
    """Text of a value holding HTML formatting alone (bare tags of :data:`_FORMATTING`, a closing one among them):
    ``<h4>Background</h4>Malaria ...`` is "Background: Malaria ...", ``<i>Plasmodium</i>`` "Plasmodium",
    ``10<sup>6</sup>`` "10⁶", entities decoded. A value with any other tag (``<img ...>``, ``<b onclick=...>``, or
    "p < 0.05 and q > 1", no tag at all) is text as written: the pages show it, never run it."""
    markup = _HEADING.sub(_section_title, markup.replace(_CITED, ""))
    markup = _SUP.sub(_raised, markup)
    markup = _FORMATTING.sub("", _BLOCK.sub(" ", markup))
    return normalize_space(html.unescape(_CITED_RUN.sub("", markup)))


def jats_text(markup: str) -> str:
    """Text of JATS XML (Crossref's abstracts): tags dropped, with the ``<jats:title>Abstract</jats:title>`` heading;
    a section's title ends in a colon ("Background: Event cameras ..."); numbered citations are dropped (a
    ``<jats:xref>`` to the references, or a ``<jats:sup>`` of numbers, commas and dashes after a word: "effort1-4"
    is "effort"), other superscripts kept as such (``10<jats:sup>6</jats:sup>`` is "10⁶", ``cm<jats:sup>2</jats:sup>``
    "cm²", ``<jats:sup>a+b</jats:sup>`` "^(a+b)")."""
    markup = _ABSTRACT_HEADING.sub(" ", markup.replace(_CITED, ""))
    markup = _JATS_TITLE.sub(_section_title, markup)
    markup = _JATS_XREF.sub(_cross_reference, markup)
    markup = _JATS_SUP.sub(_superscript, markup)
    return html_text(_CITED_RUN.sub("", markup))


def _section_title(title: re.Match[str]) -> str:
    text = normalize_space(_ANY_TAG.sub("", title.group(1)))
    return f" {title.group(1)}{'' if not text or text.endswith(('.', ':', '?', '!')) else ':'} "


def _cross_reference(xref: re.Match[str]) -> str:
    """A numbered reference to the bibliography is a citation; any other keeps its text ("Smith et al.", "Fig. 2")."""
    kind = re.search(r"""ref-type\s*=\s*["']([^"']*)""", xref.group(1))
    cited = _CITATION_NUMBERS.fullmatch(_ANY_TAG.sub("", xref.group(2)).strip())
    return _CITED if cited and (kind is None or kind.group(1) == "bibr") else xref.group(2)


def cites(raised: str, before: str) -> bool:
    """Whether raised text is a numbered citation: numbers ("1", "1-4", "2,5") right after a word that is no unit
    ("effort¹⁻⁴" cites; "cm²" is a power)."""
    word = _WORD_BEFORE.search(before)
    return bool(_CITATION_NUMBERS.fullmatch(raised) and word and word.group(1) not in _UNITS)


def _superscript(sup: re.Match[str]) -> str:
    inner = _ANY_TAG.sub("", sup.group(1)).strip()
    space = _space_before(sup)
    if _CITED in inner and not inner.replace(_CITED, "").strip(" ,;\u2013\u2014-"):
        return _CITED  # it held only citation references
    before = _ANY_TAG.sub("", re.sub(r"^[^<]*>", "", sup.string[max(0, sup.start() - 80) : sup.start()]))
    if cites(inner, before):
        return _CITED
    if not inner:
        return space
    if _ORDINAL.fullmatch(inner) and before[-1:].isdigit():
        return inner  # 1<sup>st</sup>
    return raised_text(inner, space)

"""Enrich merged records: synthesized titles, cleaned links, stable unique ids."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sitegen.identity import may_take_slug, recall_ids
from sitegen.ingest.fields import CAPITAL, distinct_links, dotted_initials_name, initials_name
from sitegen.records import Paper
from sitegen.textutil import URL, clean_url, normalize_space, slugify

MAX_TITLE_WORDS = 12

# ---------------------------------------------------------------- links


def extract_links(text: str) -> tuple[str, ...]:
    """Cleaned URLs in order of appearance, each link once as ``ingest.fields.distinct_links`` tells and writes
    them: ``http://dx.doi.org/10.x/y`` is ``https://doi.org/10.x/y``, every version of an arXiv paper's page is
    ``https://arxiv.org/abs/<id>``. ``identity.page_keys`` leaves out the links the abstract writes (a DOI it cites is
    another paper's) by comparing these with the paper's links, which :func:`enrich` writes the same way."""
    found = []
    for match in URL.finditer(text):
        raw = match.group(0)
        if match.group(1):
            raw = raw[: -len(match.group(1))]
        url = clean_url(raw)
        if "." in url.split("//", 1)[-1]:
            found.append(url)
    return tuple(distinct_links(found))


# ---------------------------------------------------------------- titles

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\\$])")
_CONTRIB = re.compile(
    r"\b(?:we|this (?:paper|study|work|article|letter)(?: attempts to)?)\s+"
    r"(?:propose|introduce|present|develop|suggest|design|devise|put forward|describe)s?\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\b(?:called|named|dubbed|termed|coined|denoted(?: as| by)?)\s+(?P<name>[^,;.]+?)(?=[,;.]|$| to | that | which )"
)
_LEADING_NAME = re.compile(r"^(?P<name>[A-Z][\w+\-]*(?:[A-Z0-9+][\w+\-]*)?)\s*,\s+(?P<desc>(?:a|an|the)\s.+)")
_LATEX_CMD = re.compile(r"\\(?:emph|textbf|textit|texttt|textsc|mathrm|mathbf)\{([^{}]*)\}")
_ADJECTIVE_END = re.compile(r"(?:ed|al|ic|ive|ous|ent|ant|ful|less|able|ible|ary)$")
_A_AN = re.compile(r"\ba ([aeiouAEIOU])")
_FLUFF = re.compile(
    r"\b(?:novel|new|simple(?: yet| and)? effective|simple|effective|efficient|general|unified)\s+", re.I
)
# Places where a phrase can end without leaving it dangling.
_STRONG_BREAKS = {
    "that",
    "which",
    "from",
    "via",
    "by",
    "with",
    "through",
    "using",
    "where",
    "while",
    "when",
    "whose",
    "under",
    "based",
}
_WEAK_BREAKS = {"in", "on", "for", "to", "and", "as", "of", "across", "into"}
_STOP_END = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "and",
    "or",
    "for",
    "with",
    "in",
    "on",
    "via",
    "by",
    "that",
    "which",
    "its",
    "their",
    "our",
    "from",
    "as",
    "at",
    "is",
    "are",
}


def synthesize_title(abstract: str) -> str:
    """A readable title of at most 12 words: the named method and what it is, else the gist.

    A contribution that says only what kind of thing it is ("A sparsely-annotated framework") gives way to a later one
    that says more ("we develop the SS3D++ method that improves ...": "SS3D++: improving ..."), and is kept only when
    no sentence does."""
    text = normalize_space(_LATEX_CMD.sub(r"\1", abstract))
    sentences = _SENTENCE.split(text)
    weak = ""
    for sentence in sentences:
        found = _CONTRIB.search(sentence)
        if found:
            title = _title_from_contribution(found.group("rest").rstrip("."))
            if title and not _ONLY_KIND.match(title):
                return title
            weak = weak or title
    return weak or _capitalize(_shorten(sentences[0].rstrip("."), MAX_TITLE_WORDS)) or "Untitled abstract"


_KINDS = r"(?:approach|method|framework|technique|model|algorithm|scheme|strategy|system|paradigm|pipeline)"
"""Words that say what kind of thing a paper proposes, not what it does."""

_ONLY_KIND = re.compile(rf"^(?:an?|the)\s+(?:\S+\s+)?{_KINDS}$", re.IGNORECASE)
"""A title naming only a kind of thing, with one word at most before it: "A method", "The SS3D++ method"."""

_NAME_BEFORE_KIND = re.compile(rf"^(?:an?|the)\s+(?P<name>\S*[A-Z0-9+]\S*)\s+(?P<desc>{_KINDS}\b.*)")
"""``the SS3D++ method that improves ...``: a name (a capital after its first letter, a digit or a "+") before the
kind of thing it is."""


def _title_from_contribution(rest: str) -> str:
    leading = _LEADING_NAME.match(rest)
    named = _NAMED.search(rest)
    before_kind = _NAME_BEFORE_KIND.match(rest)
    if before_kind and re.search(r"[A-Z0-9+]", before_kind.group("name")[1:]):
        name, desc = before_kind.group("name"), "a " + before_kind.group("desc")
    elif leading:
        name, desc = leading.group("name"), leading.group("desc")
    elif named:
        name = named.group("name").strip()
        desc = _FLUFF.sub("", rest[: named.start()].rstrip(" ,"))
        if len(desc.split()) <= 3:
            desc = desc + " " + rest[named.end() :].lstrip(" ,")
    else:
        name, desc = "", rest
    desc = _A_AN.sub(r"an \1", _FLUFF.sub("", _gerund(desc)).replace('"', ""))
    if name:
        desc = _what_it_does(desc)
    budget = MAX_TITLE_WORDS - len(name.split())
    phrase = _shorten(desc, budget)
    if len(phrase.split()) < 2:
        return ""
    return f"{name}: {phrase}" if name else _capitalize(phrase)


_BARE_KIND = re.compile(
    rf"^(?:an? |the )?{_KINDS}\s*,?\s+(?:which|that)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+s)\b(?P<rest>.*)",
    re.IGNORECASE,
)
"""A named method's description that says only what kind of thing it is, then what it does (an adverb before the
verb is dropped: "that alternatively improves" is "improving")."""


def _what_it_does(desc: str) -> str:
    """``an approach, which replaces noisy candidates ...`` -> ``replacing noisy candidates ...``.

    After a method's name, "an approach which" says nothing; the verb says what the method does.
    """
    m = _BARE_KIND.match(desc)
    if not m:
        return desc
    return _gerund(f"to {_base_form(m.group('verb'))}{m.group('rest')}")


def _base_form(verb: str) -> str:
    """``replaces`` -> ``replace``, ``applies`` -> ``apply``, ``matches`` -> ``match``."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    return verb[:-1]


def _gerund(phrase: str) -> str:
    """``to generate weights`` -> ``generating weights`` (the object of 'we propose to ...')."""
    m = re.match(r"to (\w+)\b(.*)", phrase)
    if not m:
        return phrase
    verb = m.group(1)
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    return f"{stem}ing{m.group(2)}"


def _shorten(phrase: str, budget: int) -> str:
    """Cut at a clause boundary within the word budget; never end on a function word."""
    head = re.split(r",\s|;\s|\s\(i\.e\.|\s--\s|:\s", phrase, maxsplit=1)[0]
    words = head.split()
    if head != phrase and words and _ADJECTIVE_END.search(words[-1]):
        # "through a structured, state-dependent ..." was cut inside a noun phrase: back off.
        budget = min(budget, len(words) - 1)
    if len(words) > budget:
        words = words[: _cut_point(words, budget)]
    while words and words[-1].lower().strip(",;") in _STOP_END:
        words.pop()
    if len(words) < len(head.split()) and len(words) > 4 and words[-2].lower() == "and":
        # Cut inside a second clause: "learn consistent representations and persist [when fine-tuning]".
        words = words[:-2]
    return " ".join(words).rstrip(",;")


def _cut_point(words: list[str], budget: int) -> int:
    """Index to cut before: the last strong clause break in budget, else a weak one, else the budget."""
    for breaks in (_STRONG_BREAKS, _WEAK_BREAKS):
        cuts = [i for i in range(3, min(budget, len(words) - 1) + 1) if words[i].lower() in breaks]
        if cuts:
            return cuts[-1]
    return budget


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- ids


def _stem(paper: Paper) -> str:
    """The slug of the paper's title: "paper" for a title with nothing to slug, ``index-paper`` for a paper titled
    "Index", whose page ``papers/index.md`` MkDocs would make the index of the papers (``papers/index.html``,
    every link to ``papers/index/`` broken)."""
    slug = slugify(paper.title or "") or "paper"
    return "index-paper" if slug == "index" else slug


def assign_ids(papers: Sequence[Paper], remembered: Mapping[str, Sequence[str]] | None = None) -> list[Paper]:
    """Slug ids from titles. Of papers whose slugs collide the oldest (by date; undated after dated, then by a
    hash of title and abstract) keeps the bare slug and the others get a short hash of their title and abstract,
    so a namesake that comes with later papers does not move the page of the one already there. Papers that still
    collide (the same title and abstract, kept apart by the merge step) are numbered from the oldest (:func:`_age`:
    ``-2``, ``-3``): two papers never share an id, and so never one page.

    With the pages an earlier build ``remembered`` (id -> ``identity.page_keys``, the site memory), a paper that one
    of them identifies keeps that id (``identity.recall_ids``), whatever its title says now, and no other paper takes
    it: pages stay where they were published when a title is corrected or an older namesake arrives. A remembered
    page no paper is found for is taken by none either (QA: a new "Editorial" took the page of one missing for a
    build, which got a new page when it came back): a URL never shows another paper; except by the paper whose
    title slugs to it, as without a memory, when nothing says it is another (``identity.may_take_slug``: a long
    title changed past the slug's 80 characters and its abstract revised kept its page before pages were reserved)."""
    age = [_age(p) for p in papers]
    remembered = remembered or {}
    ids = recall_ids(papers, remembered, age, [_stem(p) for p in papers]) if remembered else {}
    found = set(ids.values())
    reserved = set(remembered) - found  # a remembered page no paper is found for now stays its paper's
    by_stem: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        if index not in ids:
            by_stem[_stem(paper)].append(index)
    for stem, members in by_stem.items():
        first = min(members, key=age.__getitem__)
        if stem in found or (stem in reserved and not may_take_slug(papers[first], remembered[stem])):
            first = -1  # a remembered page keeps its slug
        reserved.discard(stem)
        for index in members:
            ids[index] = stem if index == first else f"{stem}-{_digest(papers[index])}"
    taken = found | reserved
    for index in sorted((i for members in by_stem.values() for i in members), key=age.__getitem__):
        pid = ids[index]  # in age order, not the files'
        number = 1
        while ids[index] in taken:  # the next number no other paper holds ("foo-2" may be a title's own slug)
            number += 1
            ids[index] = f"{pid}-{number}"
        taken.add(ids[index])
    return [replace(p, id=ids[index]) for index, p in enumerate(papers)]


def _age(paper: Paper) -> tuple[bool, str, str, tuple[str, ...], tuple[str, ...], int]:
    """Which of two namesakes is older: by date (undated after dated), then by a hash of title and abstract, then
    (twins with the same text, kept apart by their DOIs) by links and authors, never by the files' names or order
    (QA: renaming a file swapped two twins' pages)."""
    return (paper.date is None, paper.date or "", _digest(paper), paper.links, paper.authors, paper.upvotes or 0)


def _digest(paper: Paper) -> str:
    # Abstract plus title keeps ids apart even for identical abstracts under different titles.
    return hashlib.sha1(f"{paper.title}\n{paper.abstract}".encode()).hexdigest()[:8]


# ---------------------------------------------------------------- authors

_GIVEN = re.compile(r"[^\W\d_][\w'\u2019]*\.?(?:-[^\W\d_][\w'\u2019]*\.?)*")
"""One given name or initial: "Ada", "A.", "A.-M.", "Jean-Luc", "O'Neil"."""
_FAMILY = re.compile(r"[^\W\d_][\w'\u2019.-]*")
# Word lists read better as text.
_SUFFIX = frozenset("jr jr. sr sr. ii iii iv".split())  # noqa: SIM905
_BARE_INITIALS = re.compile(rf"(?P<family>[^,]+), (?P<initials>{CAPITAL}{{1,3}})")
"""A family name, a comma and initials without full stops, as Web of Science's ``AU`` and some CSV exports write a
name ("García, M", "Lee, JH"): shown "M. García", as MEDLINE's "García M" is (QA, 2026-12-01: "M García" beside
"V. Gopalakrishnan"). Capitals as ``fields.CAPITAL`` has them (Latin, Greek, Cyrillic), as the readers' initials.
Not after a family name in capitals: "LI, WEI" may be a given name."""
_NOT_GIVEN = _SUFFIX | frozenset("inc inc. ltd ltd. llc corp corp. co co. gmbh ag sa plc et al al. and".split())  # noqa: SIM905
_PARTICLES = frozenset(
    "von van de da di del della der den des du le la ten ter dos das do bin ibn al el".split()  # noqa: SIM905
)
"""Lower-case words a family name may hold ("von Neumann", "de la Cruz"); any other lower-case word ("University
of Oxford") says the text is no person's name."""


def display_name(name: str) -> str:
    """A name in the order a page shows it: "Lovelace, Ada" -> "Ada Lovelace", "Lovelace, A. M." -> "A. M.
    Lovelace", "von Neumann, John" -> "John von Neumann", "King, Jr., Martin Luther" -> "Martin Luther King, Jr."
    (BibTeX's three parts). BibTeX, RIS, MEDLINE and bioRxiv put the family name first, arXiv and most feeds and
    APIs the given name, so the same person is spelled one way across sources. Anything else stays as written:
    "Google, Inc.", "University of Oxford, Department of Physics", a name without a comma, one with a comma inside a
    word ("RTS,S Clinical Trials Partnership"). "Kingma, D.P." is "D. P. Kingma" (QA: the notes, labelled and OAI
    readers left it so, next to "D. P. Kingma" from the others)."""
    if re.search(r",\S", name):  # "RTS,S Clinical Trials Partnership": a comma inside a group's name, no list
        return name
    if "," in name:  # initials run together, as Scopus writes them: "Kingma, D.P." is "Kingma, D. P.", from any reader
        name = dotted_initials_name(name)
    if (bare := _BARE_INITIALS.fullmatch(name)) and not bare["family"].isupper():
        name = initials_name(name)  # "García, M" (Web of Science's AU in a CSV) as MEDLINE's: "García, M."
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 3 and parts[1].lower() in _SUFFIX:
        family, suffix, given = parts
    elif len(parts) == 2:
        (family, given), suffix = parts, ""
    else:
        return name
    family_words, given_words = family.split(), given.split()
    if not (1 <= len(family_words) <= 4 and 1 <= len(given_words) <= 4):
        return name
    if any(w.lower() in _NOT_GIVEN or not (_GIVEN.fullmatch(w) and w[0].isupper()) for w in given_words):
        return name
    if not all(_FAMILY.fullmatch(w) and (w[0].isupper() or w in _PARTICLES) for w in family_words):
        return name
    shown = f"{given} {family}"
    return f"{shown}, {suffix}" if suffix else shown


# ---------------------------------------------------------------- stage


def enrich(papers: Sequence[Paper], remembered: Mapping[str, Sequence[str]] | None = None) -> list[Paper]:
    """Fill in synthesized titles and links, put authors' names given name first, then give every paper its id (the
    one an earlier build ``remembered``, if any: :func:`assign_ids`)."""
    filled = []
    for paper in papers:
        title, synthesized = paper.title, paper.title_synthesized
        if not title:
            title, synthesized = synthesize_title(paper.abstract), True
        # Links the input gave (an export's URL or DOI) come first, then those found in the abstract; a link the
        # abstract writes again in another form (http://dx.doi.org/..., arxiv.org/abs/...v5) is the same link, once,
        # as merging tells links apart (distinct_links): the page listed a DOI and an arXiv paper twice (QA).
        links = tuple(distinct_links((*paper.links, *extract_links(paper.abstract))))
        authors = tuple(display_name(name) for name in paper.authors)
        filled.append(replace(paper, title=title, title_synthesized=synthesized, links=links, authors=authors))
    return assign_ids(filled, remembered)

"""Query parsing found wanting by QA on a site of physics and medical abstracts (2026-11-30, fourth session)."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest

from sitegen.search import SearchDoc, cjk_bigrams, fold, index_words, possessive
from sitegen.search_query import _sorted_terms, load_index, plan, search, typed_prefix


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("(2+1)-dimensional ", "+2 +1 +dimensional"),
        ("C*-algebras ", "+c +algebras"),
        ("SU(2)-invariant ", "+su +2 +invariant"),
        ("f(R)-gravity ", "+f +r +gravity"),
        ("Ca2+-ATPase ", "+ca2 +atpase"),
        ("CD4+-cells ", "+cd4 +cells"),
        ("DESIGN--Retrospective cohort ", "+design +retrospective +cohort"),
        # a sign after a space, an opening bracket or quote, or first, as before
        ("tumor -carcinoma ", "+tumor -carcinoma"),
        ("tumor (-carcinoma) ", "+tumor -carcinoma"),
        ("-carcinoma tumor ", "-carcinoma +tumor"),
        ("tumor\u3000-carcinoma ", "+tumor -carcinoma"),
    ],
)
def test_a_hyphen_glued_after_punctuation_leaves_nothing_out(typed: str, expected: str) -> None:
    """QA: a hyphen after ")", "*", "+" or "-" was read as "leave out": "(2+1)-dimensional" left out "dimensional",
    and a pasted structured abstract ("DESIGN--Retrospective") lost the very paper."""
    assert plan(typed).queries == [expected]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Barrett's esophagus ", "+barrett +esophagus"),
        ("Crohn\u2019s disease ", "+crohn +disease"),
        ("Alzheimer's", "+alzheimer"),  # the word before the apostrophe is finished
        ("O'Sullivan ", "+o +sullivan"),  # a name, no possessive
    ],
)
def test_a_possessive_s_is_no_word(typed: str, expected: str) -> None:
    """QA: "Barrett's esophagus" required a word "s" (1 paper; "Barrett esophagus" 2), and marked every lone "s"."""
    assert plan(typed).queries == [expected]


def test_the_index_holds_no_s_of_a_possessive() -> None:
    assert index_words("Barrett\u2019s esophagus and Crohn's disease, it's O'Sullivan's") == [
        "barrett", "esophagus", "and", "crohn", "disease", "it", "o", "sullivan",
    ]  # fmt: skip
    assert index_words("U.S. patients") == ["u", "s", "patients"]  # no apostrophe: as before
    docs = [
        SearchDoc(url=f"papers/{n}/", title=title, abstract="", theme_id="t", theme_label="T")
        for n, title in enumerate(["Barrett's esophagus in adults", "Barrett esophagus screening", "Letters s and t"])
    ]
    index = load_index(docs)
    assert {n for n, _ in search(index, "Barrett's esophagus ")} == {0, 1}
    assert {n for n, _ in search(index, "s ")} == {2}  # the possessive's "s" is no term of paper 0


def _index_words_match_by_match(text: str) -> list[str]:
    """:func:`index_words` as written before its fast paths (2026-12-01): every match checked by :func:`possessive`,
    every invisible character looked up one by one."""
    cleaned = cjk_bigrams(fold("".join(c for c in text.lower() if unicodedata.category(c) != "Cf")))
    found: list[str] = []
    for m in re.finditer(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*", cleaned):
        if possessive(cleaned, m):
            continue
        parts = re.split("[-\u2010\u2011]", m.group())
        found += parts
        if len(parts) > 1:
            found.append("".join(parts))
        if len(parts) > 2:
            found += [a + b for a, b in pairwise(parts)]
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Barrett's esophagus, Barrett\u2019s-like lesions, Barrett\u2018s and 's alone, ''s, x's's, it's-s",
        "Crohn\u2019s\u2010disease's onset; the model's s-wave and s\u2011matrix; O'Sullivan's",
        "soft\u00adhyphen, zero\u200bwidth, Schr\u00f6dinger's Padé IL-1\u03b2's NF-\u03baB, cm\u207b\u00b9",
        "深度学习在医学图像's role; vision-language-action models' ends'",
        "plain ASCII text with no apostrophe and a hyphen-ated word-pair-three",
    ],
)
def test_index_words_fast_paths_change_no_word(text: str) -> None:
    """The fast paths of :func:`index_words` (ASCII text, one substitution for possessives, words without a hyphen)
    give the words the match-by-match reading gave."""
    assert index_words(text) == _index_words_match_by_match(text)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('title:"dark matter" ', "+title:dark +title:matter"),
        ("title: tumor ", "+title:tumor"),
        ("title:(tumor) ", "+title:tumor"),
        ("title:'tumor' ", "+title:tumor"),
        ("title:\u201cdark matter\u201d lung ", "+title:dark +title:matter +lung"),
        ("title:tumor lung ", "+title:tumor +lung"),  # as before: the next word alone
        ('-title:"dark matter" lung ', "-title:dark -title:matter +lung"),
        ("author: Smith ", "+authors:smith"),
        ("title: ", ""),  # no word after it: nothing to search for
        ("title:", ""),
        ("vitl: tumor ", "+vitl +tumor"),  # no field's name: a word
    ],
)
def test_a_field_name_before_a_space_quote_or_bracket_applies_to_the_words_after(typed: str, expected: str) -> None:
    """QA: 'title:"dark matter"' searched "+title +dark +matter", the field's name as a word."""
    assert plan(typed).queries == [expected]


def test_superscript_and_subscript_digits_are_plain_ones() -> None:
    """QA: the build writes "NiS$_{2}$" as "NiS₂" and indexed "nis₂": "NiS2" and "CeCoIn5" found nothing."""
    assert (
        fold("nis\u2082 cecoin\u2085 x\u00b2 10\u2070\u00b9\u00b3\u2074\u2079 \u2080\u2089")
        == "nis2 cecoin5 x2 1001349 09"
    )
    docs = [
        SearchDoc(
            url="papers/0/", title="Pressure on NiS\u2082", abstract="CeCoIn\u2085 too.", theme_id="t", theme_label="T"
        ),
        SearchDoc(url="papers/1/", title="Nickel", abstract="", theme_id="t", theme_label="T"),
    ]
    index = load_index(docs)
    for typed in ["NiS2 ", "nis\u2082 ", "CeCoIn5", "cecoin\u2085 "]:
        assert [n for n, _ in search(index, typed)] == [0], typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tumor NOT carcinoma ", "+tumor -carcinoma"),
        ("tumor AND carcinoma ", "+tumor +carcinoma"),
        ("tumor OR carcinoma ", "tumor carcinoma"),
        ("lung tumor OR carcinoma ", "+lung tumor carcinoma"),
        ("tumor OR carc", "tumor carc carc*"),  # the word being typed: an optional prefix
        ("tumor | carcinoma ", "tumor carcinoma"),
        ("tumor or carcinoma not lung ", "+tumor +carcinoma +lung"),  # lower-case: stop words, as before
        ("NOTCH1 ORAI1 ", "+notch1 +orai1"),
    ],
)
def test_upper_case_boolean_words(typed: str, expected: str) -> None:
    """QA: "tumor NOT carcinoma", "tumor OR carcinoma" and "tumor AND carcinoma" all required both words."""
    assert plan(typed).queries == [expected]


def test_boolean_words_find_what_they_say() -> None:
    docs = [
        SearchDoc(url=f"papers/{n}/", title=title, abstract="", theme_id="t", theme_label="T")
        for n, title in enumerate(["A tumor", "A carcinoma", "A tumor or a carcinoma", "Neither"])
    ]
    index = load_index(docs)
    assert [n for n, _ in search(index, "tumor NOT carcinoma ")] == [0]
    assert [n for n, _ in search(index, "tumor AND carcinoma ")] == [2]
    either = [n for n, _ in search(index, "tumor OR carcinoma ")]
    assert either[:1] == [2] and sorted(either) == [0, 1, 2]  # both words first


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tumor -tumor", "+tumor -tumor"),
        ("-tumor tumor", "-tumor tumor +tumor*"),
        ("tumor tumor", "tumor +tumor*"),  # typed again to the same end: as before
        ("+tumor tumor", "tumor +tumor*"),
        ("-tumor -tumor", ""),
    ],
)
def test_a_word_typed_to_leave_it_out_keeps_the_word_searched_for(typed: str, expected: str) -> None:
    """QA: "tumor -tumor" searched "-tumor" alone and said it only left papers out, though it has a word."""
    assert plan(typed).queries == [expected]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('tumor NOT "carcinoma" ', "+tumor -carcinoma"),
        ("x -(y) ", "+x -y"),
        ('halo -"dark matter" ', "+halo -dark -matter"),  # each word inside left out
        ("tumor NOT (carcinoma OR sarcoma) ", "+tumor -carcinoma -sarcoma"),
        ("tumor -(carcinoma) lung ", "+tumor -carcinoma +lung"),  # up to the closing bracket only
        ("x -((y) z) w ", "+x -y -z +w"),  # brackets inside counted
        ("halo -\u201cdark matter", "+halo -dark -matter"),  # not closed: to the end
        ("tumor (-carcinoma) ", "+tumor -carcinoma"),  # as before
        ("f(R)-gravity ", "+f +r +gravity"),  # a bracket after a letter groups nothing
    ],
)
def test_a_sign_or_not_before_a_quote_or_bracket_applies_to_each_word_inside(typed: str, expected: str) -> None:
    """QA: 'tumor NOT "carcinoma"' and "x -(y)" required the word they meant to leave out."""
    assert plan(typed).queries == [expected]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("title:(tumor -carcinoma) ", "+title:tumor -title:carcinoma"),
        ("title:(tumor NOT carcinoma) ", "+title:tumor -title:carcinoma"),
        ("title:-dark matter ", "-title:dark +matter"),
        ("title: -dark matter ", "-title:dark +matter"),
        ("title: NOT dark matter ", "-title:dark +matter"),
        ('title:("dark matter") ', "+title:dark +title:matter"),
        ("title:(-dark) matter ", "-title:dark +matter"),
        ("-title:(tumor -carcinoma) lung ", "-title:tumor -title:carcinoma +lung"),
        ("title:-(dark matter) halo ", "-title:dark -title:matter +halo"),
    ],
)
def test_a_sign_inside_a_fields_words_keeps_the_field(typed: str, expected: str) -> None:
    """QA: "title:(tumor -carcinoma)" required "carcinoma" in the title, "title:-dark" left out "dark" in every
    field (or dropped the sign), 'title:("dark matter")' dropped the field."""
    assert plan(typed).queries == [expected]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('title:"Hodgkin\'s disease" ', "+title:hodgkin +title:disease"),
        ("title:'Hodgkin's disease' lung ", "+title:hodgkin +title:disease +lung"),
        ("author:O'Brien ", "+authors:o +authors:brien"),  # the index holds "o" and "brien"
        ('author:"O\u2019Brien" tumor ', "+authors:o +authors:brien +tumor"),
        ("author:D'Alembert operator ", "+authors:d +authors:alembert +operator"),
        ("title:'tumor' lung ", "+title:tumor +lung"),  # a closing quote after a word, as before
    ],
)
def test_an_apostrophe_inside_a_word_keeps_the_fields_words(typed: str, expected: str) -> None:
    """QA: 'title:"Hodgkin's disease"' searched "disease" in every field, "author:O'Brien" "+authors:o +brien"."""
    assert plan(typed).queries == [expected]


def test_an_author_with_an_apostrophe_is_found_by_the_name_as_written() -> None:
    docs = [
        SearchDoc(url=f"papers/{n}/", title=title, abstract=abstract, theme_id="t", theme_label="T", authors=authors)
        for n, (title, abstract, authors) in enumerate(
            [
                ("Hodgkin's disease in adults", "", ("Patrick O'Brien",)),
                ("Brien's law", "", ("Olga O. Smith",)),  # "brien" in the title only
                ("A disease", "", ("Jean le Rond D\u2019Alembert",)),
                ("The D'Alembert operator", "", ("Dan Smith",)),
                ("Hodgkin lymphoma", "A disease of the lymph nodes.", ()),  # "disease" in the abstract only
            ]
        )
    ]
    index = load_index(docs)
    assert [n for n, _ in search(index, "author:O'Brien ")] == [0]
    assert [n for n, _ in search(index, "author:\u201cD'Alembert\u201d ")] == [2]
    assert [n for n, _ in search(index, 'title:"Hodgkin\'s disease" ')] == [0]


def test_a_word_typed_to_its_doubled_consonant_finds_what_the_finished_word_finds() -> None:
    """QA: "embed" found 49 seed papers, "embedd" 1, "embeddi" 44: Porter's stem of "embedding" is "embed", and
    "embedd" started no suffix. Also "transferr", whose stem is a term of its own ("transferrable")."""
    titles = [
        "Embedding spaces", "Embedded systems", "Transferring knowledge", "Transferrable skills", "A set of tools",
        "Settings", "Addresses", "How to add numbers by adding them", "Adapters",
    ]  # fmt: skip
    docs = [
        SearchDoc(url=f"papers/{n}/", title=t, abstract="", theme_id="t", theme_label="T") for n, t in enumerate(titles)
    ]
    index = load_index(docs)
    terms = _sorted_terms(index)
    assert [typed_prefix(w, terms) for w in ["embedd", "transferr", "sett", "add", "addr"]] == [
        "embed", "transfer", "set", "add", "addr",
    ]  # fmt: skip
    for typed, finished in [("embedd", "embedding"), ("transferr", "transfer"), ("sett", "setting")]:
        assert {n for n, _ in search(index, typed)} == {n for n, _ in search(index, finished)}, typed
    assert {n for n, _ in search(index, "embedd")} == {0, 1}
    assert {n for n, _ in search(index, "transferr")} == {2, 3}
    assert {n for n, _ in search(index, "add")} == {6, 7}  # a term: not "ad", which starts too many ("adapters")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"dark matter" OR "dark energy" ', "dark matter energy"),  # every word of both quotes optional
        ("(graph neural) OR diffusion ", "graph neural diffusion"),
        ("graph neural OR diffusion ", "+graph neural diffusion"),  # without brackets: the word beside it, as before
        ('halo "dark matter" OR lensing ', "+halo dark matter lensing"),
        ("author:O'Brien OR smith ", "authors:o authors:brien smith"),
    ],
)
def test_an_or_beside_a_quote_or_bracket_makes_all_its_words_optional(typed: str, expected: str) -> None:
    """QA: '"dark matter" OR "dark energy"' was "+dark matter dark +energy": no paper on dark matter alone."""
    assert plan(typed).queries == [expected]


def test_the_papers_with_every_word_of_an_or_come_first() -> None:
    """QA: the README said "tumor OR carcinoma" ranks the papers with both first; plain lunr scores did not (on a
    dev set "field OR magnetic" put 6 papers with only "magnetic" first): a rare word outscores two common ones."""
    texts = [
        ("Magnetic order", "Magnetic magnetic."),
        ("Field and magnetic", "A magnetic field in the field of view."),
        ("A field", "The field."),
        ("Another field", "Field."),
        ("Fields", "Field theory."),
        ("Dark matter halo", "A halo of dark matter."),
        ("Dark energy", "Dark energy and the universe."),
        ("Dark skies", "Dark."),
    ]
    docs = [
        SearchDoc(url=f"papers/{n}/", title=t, abstract=a, theme_id="t", theme_label="T")
        for n, (t, a) in enumerate(texts)
    ]
    index = load_index(docs)
    assert plan("field OR magnetic ").queries == ["field magnetic"]
    hits = [n for n, _ in search(index, "field OR magnetic ")]
    assert hits[0] == 1 and sorted(hits) == [0, 1, 2, 3, 4]
    hits = [n for n, _ in search(index, "field OR magnetic")]  # "magnetic" being typed
    assert hits[0] == 1 and sorted(hits) == [0, 1, 2, 3, 4]
    assert sorted(n for n, _ in search(index, '"dark matter" OR "dark energy" ')) == [5, 6, 7]


def test_a_superscript_minus_is_a_hyphen() -> None:
    """QA (second round): "cm-1" did not find "cm⁻¹", whose "⁻" split nothing and joined nothing."""
    assert fold("cm\u207b\u00b9 x\u208b\u2081") == "cm-1 x-1"
    assert index_words("1600 cm\u207b\u00b9") == ["1600", "cm", "1", "cm1"]
    docs = [
        SearchDoc(
            url="papers/0/", title="Ice", abstract="A band at 1600 cm\u207b\u00b9.", theme_id="t", theme_label="T"
        ),
        SearchDoc(url="papers/1/", title="Ruler", abstract="One cm and 1 m.", theme_id="t", theme_label="T"),
    ]
    index = load_index(docs)
    for typed in ["cm-1 ", "cm\u207b\u00b9 ", "cm1 "]:
        assert [n for n, _ in search(index, typed)] == [0], typed

"""Search polish on the seeds: a year typed among the words filters by date, an author matched past the three names
a result shows is shown too, accents are folded alike in the index, the query and the highlight; then what QA found
of these: the filters count within each other's choice, the name that matches best is the one shown, a year beside
words that search for nothing shows its papers (each test failed before the change)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from typing import Any

import pytest
from lunr.index import Index

from sitegen.pipeline import search_docs
from sitegen.records import Paper, Source, Theme, ThemeResult
from sitegen.search import SearchDoc, author_key, build_search_files, field_texts, fold, name_parts, spelling_twins
from sitegen.search_query import (
    author_search,
    build_index,
    build_index_reference,
    clean_query,
    filtered,
    index_from_files,
    left_out,
    name_matches,
    name_score,
    plan,
    result_authors,
    same_author,
    search,
    year_hits,
    year_query,
    year_search,
)

VASWANI = (
    "Ashish Vaswani",
    "Noam Shazeer",
    "Niki Parmar",
    "Jakob Uszkoreit",
    "Llion Jones",
    "Aidan N. Gomez",
    "Łukasz Kaiser",
    "Illia Polosukhin",
)


@pytest.fixture(scope="module")
def docs(seed_search_docs: list[SearchDoc]) -> list[SearchDoc]:
    return seed_search_docs


@pytest.fixture(scope="module")
def index(seed_search_index: Index) -> Index:
    return seed_search_index


@pytest.fixture(scope="module")
def years(docs: list[SearchDoc]) -> Any:
    return json.loads(build_search_files(docs)["search/years.json"])


def refs(index: Index, typed: str) -> list[int]:
    return [n for n, _ in search(index, typed)]


def year_of(docs: list[SearchDoc], n: int) -> str:
    return (docs[n].date or "")[:4]


# --- 1. A year typed with words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("diffusion 2024", ("diffusion  ", 2024)),  # the year being typed: "diffusion" is finished
        ("2024 diffus", ("  diffus", 2024)),  # the word being typed stays the word being typed
        ("Diffusion\u00a02024 ", ("diffusion\u00a0  ", 2024)),
        ("papers 2023 ", ("papers   ", 2023)),  # a year some abstracts write filters by date too
        ("2024", None),  # a year alone: year_hits' case
        ("2024 ", None),
        ("the 2024", None),  # nothing else to search for
        ("diffusion 2030", None),  # no paper is from 2030: a word as any other
        ("diffusion 1850", None),  # not a year of 1900-2099
        ("diffusion 2023 2024", None),  # two years: words
        ("diffusion +2024", None),  # required as a word
        ("diffusion -2024", None),
        ("diffusion title:2024", None),
        ("diffusion 2023-2024", None),
        ("diffusion 20245", None),
    ],
)
def test_year_query(years: Any, typed: str, expected: tuple[str, int] | None) -> None:
    assert year_query(years, typed) == expected


def test_a_year_among_the_words_filters_by_date(docs: list[SearchDoc], index: Index, years: Any) -> None:
    """ "diffusion 2024" found the 44 papers on diffusion, relaxed ("No paper has all of ..."): it is the two from
    2024, with the 44 under "All years"."""
    every = refs(index, "diffusion ")
    assert refs(index, "diffusion 2024") == every  # the search alone: "2024" is no word, so the query relaxes
    dated = year_search(index, years, "diffusion 2024")
    assert dated is not None and (dated.year, dated.rest) == (2024, "diffusion  ")
    assert [n for n, _ in dated.hits] == every
    shown = [n for n, _ in dated.shown]
    assert shown == [n for n in every if year_of(docs, n) == "2024"]
    assert 0 < len(shown) < len(every)


def test_a_year_that_is_a_term_still_filters_by_date(docs: list[SearchDoc], index: Index, years: Any) -> None:
    """ "2023" is a word of three abstracts; beside other words it is the date people mean."""
    assert refs(index, "2023 ")
    dated = year_search(index, years, "learning 2023")
    assert dated is not None
    assert [n for n, _ in dated.shown] == [n for n, _ in search(index, "learning ") if year_of(docs, n) == "2023"]
    assert all(year_of(docs, n) == "2023" for n, _ in dated.shown)


def test_a_year_none_of_the_hits_is_from_shows_them_all(index: Index, years: Any) -> None:
    dated = year_search(index, years, "grokking 2024 ")
    assert dated is not None and dated.hits and dated.shown == dated.hits == search(index, "grokking ")


def test_a_year_alone_is_as_before(docs: list[SearchDoc], index: Index, years: Any) -> None:
    assert year_search(index, years, "2024") is None
    assert [n for n, _ in year_hits(years, "2024")] == [n for n in range(len(docs)) if year_of(docs, n) == "2024"]
    assert year_search(index, None, "diffusion 2024") is None  # no paper has a date: "2024" stays a word


# --- 2. An author matched past the first three ----------------------------------------------------------------------


def test_an_author_matched_past_the_first_three_is_shown() -> None:
    def kaiser(name: str) -> bool:
        return name_matches(name, ["kaiser"])

    assert result_authors(VASWANI) == "Ashish Vaswani, Noam Shazeer, Niki Parmar et al."
    assert result_authors(VASWANI, matched=kaiser) == "Ashish Vaswani, Noam Shazeer, Niki Parmar … Łukasz Kaiser et al."
    assert result_authors(VASWANI[:7], matched=kaiser) == "Ashish Vaswani, Noam Shazeer, Niki Parmar … Łukasz Kaiser"
    assert result_authors(VASWANI[:7], True, kaiser).endswith("Łukasz Kaiser et al.")  # the names were not all
    both = result_authors(VASWANI, matched=lambda name: name_matches(name, ["lukasz", "polosukhin"]))
    assert both == "Ashish Vaswani, Noam Shazeer, Niki Parmar … Łukasz Kaiser, Illia Polosukhin"
    fourth = result_authors(VASWANI, matched=lambda name: name_matches(name, ["uszkoreit"]))
    assert fourth == "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit et al."  # no gap, no "…"
    assert result_authors(VASWANI, matched=lambda name: name_matches(name, ["vaswani"])).endswith("Parmar et al.")


def test_the_doc_store_holds_every_name() -> None:
    """search.js picks the names to show by the query: the doc store has them all, and 1 when they are not all."""
    paper = SearchDoc(url="papers/a/", title="Attention is all you need", abstract="Transformers.", theme_id="t",
                      theme_label="T", authors=VASWANI)  # fmt: skip
    cut = SearchDoc(url="papers/b/", title="B", abstract="b", theme_id="t", theme_label="T", authors=("A", "B"),
                    authors_cut_short=True)  # fmt: skip
    files = build_search_files([paper, cut])
    rows = json.loads(files["search/d/0.json"])
    assert rows[0][4:] == [list(VASWANI)] and rows[1][4:] == [["A", "B"], 1]
    index = index_from_files(files)
    assert refs(index, "kaiser") == refs(index, "Łukasz ") == refs(index, "lukasz kaiser ") == [0]


# --- 3. Accents folded ---------------------------------------------------------------------------------------------


def test_fold() -> None:
    assert fold("padé schrödinger poincaré łukasz straße æon ø") == "pade schrodinger poincare lukasz strasse aeon o"
    assert fold("pade\u0301") == "pade"  # written apart
    assert (
        fold("हिन्दी 한국어") == "हिन्दी 한국어"
    )  # other scripts' signs stay (Greek letters are their names: test_search_med)
    assert clean_query("Padé^2 Schro\u0308dinger") == "pade  schrodinger"


def test_the_index_holds_words_without_their_accents(index: Index) -> None:
    terms = list(index.inverted_index)
    assert all(fold(t) == t for t in terms)
    assert not [t for t in terms if unicodedata.normalize("NFD", t) != t]


@pytest.mark.parametrize(("plain", "accented"), [("schrodinger ", "Schrödinger "), ("pade ", "Padé "),
                                                 ("pade approximants", "padé approximants")])  # fmt: skip
def test_a_word_typed_without_its_accents_finds_it(
    index: Index, docs: list[SearchDoc], plain: str, accented: str
) -> None:
    """ "schrodinger" found nothing (retried as a typo, nothing near), "padé" only the title that writes it so."""
    hits = refs(index, plain)
    assert hits and hits == refs(index, accented)
    assert any(accented.split()[0].lower() in f"{docs[n].title} {docs[n].abstract}".lower() for n in hits)


def test_an_author_link_folds_accents() -> None:
    assert author_key("Łukasz Kaiser") == author_key("Lukasz Kaiser") == "_kaiser_l_"
    assert author_key("Erwin Schrödinger") == "_schrodinger_e_"
    docs = [SearchDoc(url="papers/a/", title="Wave mechanics", abstract="We study waves.", theme_id="t",
                      theme_label="T", authors=("Erwin Schrödinger",))]  # fmt: skip
    index = index_from_files(build_search_files(docs))
    assert [n for n, _ in author_search(index, "E. Schrodinger")] == [0]


# --- 4. The filters count within each other's choice (QA) ----------------------------------------------------------

# Six papers: theme a holds 0-2 (2024, 2024, 2023), theme b 3-5 (undated, 2022, 2024).
YEARS = [2019, [5, 5, 4, 0, 3, 5]]
THEMES = [["a", "A", 0, 3], ["b", "B", 3, 6]]
HITS = [(n, 1.0 - n / 10) for n in range(6)]


def test_themes_are_counted_within_the_chosen_year() -> None:
    """ "diffusion 2024" said 2 papers while the theme menu said "All themes (44)": it counted every year."""
    typed = filtered(HITS, YEARS, THEMES, year="2024", typed="2024")
    assert [n for n, _ in typed.shown] == [0, 1, 5]
    assert typed.themes == [("", 3), ("a", 2), ("b", 1)]
    assert typed.years == [("2024", 3), ("2023", 1), ("2022", 1)]  # within the theme (all), as before
    assert typed.all_years == 6  # "All years (6)": the undated paper too
    assert filtered(HITS, YEARS, THEMES, year="2024") == typed  # picked, not typed: the same counts
    assert filtered(HITS, YEARS, THEMES, year="2023").themes == [("", 1), ("a", 1)]  # b has none from 2023
    assert filtered(HITS, YEARS, THEMES).themes == [("", 6), ("a", 3), ("b", 3)]


def test_a_theme_with_none_from_the_chosen_year_shows_all_of_its_papers() -> None:
    """With a year chosen, a theme none of whose hits is from it showed "1 matching paper", the year dropped (and
    with it the year filter, on "All themes" again): the year stays chosen, and the results say so (``none``)."""
    picked = filtered(HITS, YEARS, THEMES, theme="b", year="2023", typed="2023")
    assert picked.none and [n for n, _ in picked.shown] == [3, 4, 5]
    assert picked.themes == [("", 1), ("a", 1), ("b", 0)]  # the chosen theme stays listed
    assert picked.years == [("2024", 1), ("2023", 0), ("2022", 1)] and picked.years_shown
    back = filtered(HITS, YEARS, THEMES, year="2023", typed="2023")  # "All themes" again: the year still chosen
    assert not back.none and [n for n, _ in back.shown] == [2] and back.years_shown


def test_a_typed_year_keeps_the_year_filter_shown() -> None:
    """ "All years" picked after "diffusion 2024", whose dated hits are all from 2024: the filter hid, and 2024
    could not be chosen again without retyping it."""
    hits = [(0, 1.0), (3, 0.5)]  # 2024 and undated: one year
    assert not filtered(hits, YEARS, THEMES).years_shown
    assert filtered(hits, YEARS, THEMES, typed="2024").years_shown
    assert filtered(hits, YEARS, THEMES, typed="2023").years == [("2024", 1), ("2023", 0)]


def test_no_hit_from_the_chosen_year_counts_every_year() -> None:
    """ "grokking 2024" shows all its papers when none is from 2024: the theme menu counts them all."""
    hits = [(2, 1.0), (4, 0.5)]  # 2023, 2022
    none = filtered(hits, YEARS, THEMES, year="2024", typed="2024")
    assert none.none and none.shown == hits and none.themes == [("", 2), ("a", 1), ("b", 1)]


def test_a_chosen_theme_without_hits_stays_chosen_and_all_are_shown() -> None:
    """QA: "diffusion", a theme picked, then " 2024" typed key by key: at "diffusion 20" no hit was in the theme and
    "All themes" took its place, so the theme was gone by "diffusion 2024" (pasted, it stayed). The theme stays
    chosen, listed with its 0, and the hits of every theme are shown (``theme_none``) until some are in it again."""
    hits = [(0, 1.0), (1, 0.5)]  # theme a only
    half = filtered(hits, YEARS, THEMES, theme="b")
    assert half.theme_none and half.shown == hits and not half.none
    assert half.themes == [("", 2), ("a", 2), ("b", 0)]
    assert half.years == [("2024", 2)] and half.all_years == 2  # counted over what is shown
    dated = filtered([*hits, (5, 0.2)], YEARS, THEMES, theme="b", year="2024", typed="2024")
    assert not dated.theme_none and dated.shown == [(5, 0.2)]  # a hit in the theme again: the theme filters again
    assert not filtered(hits, YEARS, THEMES, theme="a").theme_none


# --- 5. The name shown after "…" is the one that matches best (QA) --------------------------------------------------

WANGS = ("Li Zhang", "Wei Wang", "Jun Li", "Hao Wang", "Min Wang", "Jie Wang", "Yi Wang", "Xin Chen")


def test_the_names_with_more_of_the_query_words_are_shown_first() -> None:
    """ "yi wang" showed Hao, Min and Jie Wang, the first later names with "wang", and not Yi Wang."""
    assert name_score("Yi Wang", ["yi", "wang"]) == 2 and name_score("Hao Wang", ["yi", "wang"]) == 1
    assert name_score("Jean-Pierre Dupont", ["jeanpierr"]) == 1  # joined, as the index holds it

    def yi_wang(name: str) -> int:
        return name_score(name, ["yi", "wang"])

    assert result_authors(WANGS, matched=yi_wang) == "Li Zhang, Wei Wang, Jun Li, Hao Wang, Min Wang … Yi Wang et al."
    assert result_authors(WANGS, matched=lambda name: name_score(name, ["wang"])).endswith("Jie Wang et al.")
    assert result_authors(WANGS, matched=lambda name: name_score(name, ["xin", "chen"])).endswith("… Xin Chen")


# --- 6. A year beside words that search for nothing (QA) ------------------------------------------------------------


def test_a_year_beside_words_that_search_for_nothing_shows_its_papers(
    docs: list[SearchDoc], index: Index, years: Any
) -> None:
    """ "-diffusion 2024" and "the 2024" said "No papers match", where "2024" shows the 15 papers from 2024."""
    from_2024 = [n for n, _ in year_hits(years, "2024")]
    assert len(from_2024) == 15 and not refs(index, "the 2024") and not refs(index, "-diffusion 2024")
    assert (
        [n for n, _ in year_hits(years, "the 2024", index)] == from_2024 == [n for n, _ in year_hits(years, "the 2024")]
    )
    without = [n for n, _ in year_hits(years, "-diffusion 2024", index)]
    with_it = set(refs(index, "diffusion "))
    assert without == [n for n in from_2024 if n not in with_it] and len(without) < len(from_2024)
    assert [n for n, _ in year_hits(years, "2024 -Diffusion", index)] == without  # being typed: left out too
    title_only = [n for n, _ in year_hits(years, "-title:diffusion 2024", index)]
    assert set(without) <= set(title_only) <= set(from_2024)
    assert year_hits(years, "-diffusion 2024") == []  # no index to tell which papers have the word
    assert year_hits(years, "diffusion 2024", index) == []  # words that search for something: year_search's case


def test_left_out() -> None:
    assert left_out("-diffusion -title:GANs the -the 2024 -in-context") == [
        ("", "diffus"),
        ("title", "gan"),
        ("", "incontext"),
    ]


def test_an_author_link_shows_that_author_alone() -> None:
    """QA: the "Yi Wang" link showed and marked "Li Zhang, Wei Wang, Jun Li, Hao Wang, Min Wang … Yi Wang": every
    Wang. The link's results show the names that may be its author (family name, initials as far as both go)."""
    assert result_authors(WANGS, matched=lambda name: same_author(name, "Yi Wang")) == (
        "Li Zhang, Wei Wang, Jun Li \u2026 Yi Wang et al."
    )
    assert same_author("Geoffrey E. Hinton", "Hinton GE") and same_author("G. Hinton", "Hinton, G. E.")
    assert not same_author("G. J. Hinton", "G. E. Hinton") and not same_author("Wei Wang", "Yi Wang")


def test_initials_written_together_before_the_family_name() -> None:
    """QA: "GE Hinton" was read as the given name "GE" (initial G), so it found G. J. Hinton as well."""
    assert name_parts("GE Hinton") == name_parts("Hinton GE") == name_parts("Geoffrey E. Hinton") == ("hinton", "ge")
    assert name_parts("Li Wang") == ("wang", "l") and name_parts("Léa Dupont") == ("dupont", "l")


# --- Umlauts and their spelling with "e": Müller = Mueller ---------------------------------------------------------

UMLAUT_DOCS = [
    SearchDoc(url=f"papers/{n}/", title=title, abstract=abstract, theme_id="t", theme_label="T", authors=authors)
    for n, (title, abstract, authors) in enumerate(
        [
            ("The Mueller matrix of a queue", "Blue light.", ()),
            ("Müller calculus for polarimetry", "A poet's value.", ()),
            ("Wave optics", "Aerial views.", ("Anna Müller",)),
            ("Pot still", "A pot of light.", ("A. Mueller",)),
            ("Schrödinger bridges", "Transport.", ()),
            ("The Schroedinger equation", "Waves.", ()),
            ("Schrodinger cats", "Written without the accent.", ()),
        ]
    )
]


@pytest.fixture(scope="module")
def umlaut_index() -> Index:
    return index_from_files(build_search_files(UMLAUT_DOCS))


def test_an_umlaut_and_its_spelling_with_e_find_each_other(umlaut_index: Index) -> None:
    """QA: "Mueller" and "Müller" found disjoint sets of papers (ü folds to u, so "Müller" was the term "muller"),
    though German writes ü as "ue" without the letter. Either finds both, the spelling typed first (then, as
    before, the papers whose authors hold the word come first: 3 and 2)."""
    assert refs(umlaut_index, "Mueller ") == [3, 2, 0, 1]
    assert refs(umlaut_index, "Müller ") == refs(umlaut_index, "muller ") == [2, 3, 1, 0]
    assert refs(umlaut_index, "title:mueller ") == [0, 1] and refs(umlaut_index, "title:müller ") == [1, 0]
    assert refs(umlaut_index, "Schrödinger ") == [4, 6, 5]  # and "Schrodinger", written without the dots, as before
    assert refs(umlaut_index, "schroedinger ") == [5, 4, 6]  # the regression hunt: it missed "Schrodinger" (6)
    assert set(refs(umlaut_index, "Muel")) == set(refs(umlaut_index, "Mül")) == {0, 1, 2, 3}  # being typed too


def test_an_author_link_finds_the_other_spelling(umlaut_index: Index) -> None:
    """``by=author``: the link of "A. Mueller" finds the papers of "Anna Müller" and the other way round, the
    exact-name tier too; the results show and mark the name of the other spelling."""
    assert [n for n, _ in author_search(umlaut_index, "A. Mueller")][:2] == [3, 2]
    assert [n for n, _ in author_search(umlaut_index, "Anna Müller")][:2] == [2, 3]
    assert same_author("A. Mueller", "Anna Müller") and same_author("Anna Müller", "A. Mueller")
    assert not same_author("A. Muller", "A. Mueller")  # no umlaut on either side: as before
    assert name_matches("Anna Müller", ["mueller"])


def test_umlaut_twins_make_no_false_friends() -> None:
    """Only a word some paper writes with an umlaut gains its other spelling: "pot" does not find "poet", nor
    "blu" "blue", "arial" "aerial", and "queue", "value" gain no term (their "e" is no umlaut's), and a paper with no
    umlaut word is indexed as before."""
    assert spelling_twins(UMLAUT_DOCS) == {
        "mueller": "muller",
        "schroedinger": "schrodinger",
        "schrodinger": "schroedinger",  # some paper writes it without the dots
    }
    index = index_from_files(build_search_files(UMLAUT_DOCS))
    assert refs(index, "pot ") == [3] and refs(index, "poet ") == [1]
    assert refs(index, "blu ") == []  # ("arial" is retried as a typo of "aerial", as before)
    twins = spelling_twins(UMLAUT_DOCS)
    assert field_texts(UMLAUT_DOCS[0], frozenset(), twins)["title"] == "the mueller muller _mueller_ matrix of a queue"
    assert [field_texts(d, frozenset(), twins)["abstract"] for d in UMLAUT_DOCS[:3]] == [
        "blue light",
        "a poet value",
        "aerial views",
    ]
    plain = [d for d in UMLAUT_DOCS if "Müller" not in f"{d.title}{d.authors}" and "ö" not in d.title]
    assert build_search_files(UMLAUT_DOCS) == build_search_files(list(UMLAUT_DOCS))  # deterministic
    assert spelling_twins(plain) == {} and field_texts(plain[0], frozenset(), spelling_twins(plain))["title"] == (
        "the mueller matrix of a queue"
    )


# --- The venue is searched (2026-12-01) ------------------------------------------------------------------------------

VENUE_DOCS = [
    SearchDoc(url=f"papers/{n}/", title=title, abstract=abstract, theme_id="t", theme_label="T", venue=venue)
    for n, (title, abstract, venue) in enumerate(
        [
            ("Semaglutide and weight", "A randomised trial in adults.", "The Lancet"),
            ("Spin liquids", "A review of frustrated magnets and their letters.", None),
            ("Kagome antiferromagnets", "Neutron scattering.", "Physical Review Letters"),
            ("Retinal vessels", "Segmentation of fundus images.", "Proceedings of MICCAI 2021"),
            ("Zeitschrift paper", "A plain abstract.", "Zeitschrift für Physik"),
        ]
    )
]


@pytest.fixture(scope="module")
def venue_files() -> dict[str, bytes]:
    return build_search_files(VENUE_DOCS)


def test_the_venue_is_searched(venue_files: dict[str, bytes]) -> None:
    """ "lancet" and "physical review letters" found nothing: the venue a paper page shows was not indexed. It is a
    field of its own, last (``venue:`` or ``journal:`` searches it alone), its words of letters only, with the
    umlaut's spellings as the titles' ("fuer" finds "für")."""
    index = index_from_files(venue_files)
    assert json.loads(venue_files["search/index.json"])["fields"][-1] == "venue"
    assert refs(index, "lancet ") == [0] and refs(index, "Lancet") == [0]  # finished or being typed
    assert refs(index, "physical review letters ") == [2]
    assert set(refs(index, "review ")) == {1, 2} and refs(index, "venue:review ") == [2]
    assert refs(index, "journal:lancet ") == [0] and refs(index, "title:lancet ") == []
    assert refs(index, "miccai ") == [3] and refs(index, "fuer physik ") == refs(index, "für ") == [4]
    # A venue's numbers are no terms: "2021" alone still shows the papers from 2021, not those whose venue names it.
    assert "2021" not in json.loads(venue_files["search/terms.json"]) and refs(index, "2021") == []
    dated = [
        replace(doc, date="2021-09-27") if doc.venue == "Proceedings of MICCAI 2021" else doc for doc in VENUE_DOCS
    ]
    assert year_hits(json.loads(build_search_files(dated)["search/years.json"]), "2021") == [(3, 0.0)]
    fast = json.dumps(build_index(VENUE_DOCS).serialize(), sort_keys=True)  # as lunr.py's own builder indexes it
    assert fast == json.dumps(build_index_reference(VENUE_DOCS).serialize(), sort_keys=True)


def test_a_result_row_holds_the_venue(venue_files: dict[str, bytes]) -> None:
    """The result's meta line shows the venue after the date (search.js ``doc``): a row's last item, after the names
    and flags (empty and 0 when it has none); a paper without a venue keeps its short row."""
    rows = json.loads(venue_files["search/d/0.json"])
    assert rows[0] == ["papers/0/", "Semaglutide and weight", "", "A randomised trial in adults.", [], 0, "The Lancet"]
    assert rows[1] == ["papers/1/", "Spin liquids", "", "A review of frustrated magnets and their letters."]
    named = replace(VENUE_DOCS[2], authors=("A. B",), authors_cut_short=True)
    assert json.loads(build_search_files([named])["search/d/0.json"])[0][4:] == [["A. B"], 1, "Physical Review Letters"]


def test_search_docs_carry_the_venue() -> None:
    paper = Paper("x", "T", "Abstract.", (Source("a.bib", 1),), venue="The Lancet")
    theme = Theme("t", "T", (), ("x",))
    docs = search_docs([paper, replace(paper, id="y", venue=None)], ThemeResult((theme,), {"x": "t", "y": "t"}))
    assert [d.venue for d in docs] == ["The Lancet", None]


# --- Umlaut spellings marked and scored from both sides (regression hunt of 2026-12-01) -----------------------------

SPELLINGS_DOCS = [
    *UMLAUT_DOCS,
    SearchDoc(url="papers/7/", title="Stokes vectors after Muller", abstract="Light.", theme_id="t", theme_label="T",
              authors=("A. Muller",)),
    SearchDoc(url="papers/8/", title="Verse", abstract="Rhyme.", theme_id="t", theme_label="T", authors=("A. Poet",)),
    SearchDoc(url="papers/9/", title="Clay", abstract="Kilns.", theme_id="t", theme_label="T", authors=("A. Pot",)),
]  # fmt: skip


def test_the_manifest_holds_the_twins_the_results_mark_by() -> None:
    """search.js marks a word by its twin (``twinOf``): the manifest holds them, as the index was built with them."""
    files = build_search_files(SPELLINGS_DOCS)
    assert (
        json.loads(files["search/index.json"])["twins"]
        == spelling_twins(SPELLINGS_DOCS)
        == {
            "mueller": "muller",
            "muller": "mueller",  # "Muller", written without the dots
            "schroedinger": "schrodinger",
            "schrodinger": "schroedinger",
        }
    )
    assert json.loads(build_search_files(VENUE_DOCS[:4])["search/index.json"])["twins"] == {}


@pytest.mark.parametrize("typed", ["Müller", "Mueller", "Muller", "müller", "mueller", "muller", "Poet", "pot"])
def test_a_name_scores_for_each_spelling_the_search_finds_it_by(typed: str) -> None:
    """The regression hunt: "muller" found the paper of "A. Mueller" but the result did not mark "Mueller", and
    :func:`name_score` counted a name's own spelling with "e" only ("Müller" for "mueller"), not the query's
    ("Mueller" for "müller"). Now a name scores (and search.js marks it) for each spelling whose search finds it
    in the authors field, and for no other: "pot" never scores "Poet"."""
    files = build_search_files(SPELLINGS_DOCS)
    index, twins = index_from_files(files), json.loads(files["search/index.json"])["twins"]
    found = set(refs(index, f"author:{typed} "))
    scored = {n for n, d in enumerate(SPELLINGS_DOCS) if any(name_score(a, [typed], twins) for a in d.authors)}
    assert scored == found and found
    assert name_matches("A. Mueller", [typed], twins) == (typed.lower() not in ("poet", "pot"))


def test_an_author_link_marks_each_spelling_it_finds() -> None:
    """The link of "A. Mueller" finds "A. Muller" where the papers write "Müller" too (the index's twin name key):
    its results mark him, as they mark "Anna Müller"; without twins, as before."""
    files = build_search_files(SPELLINGS_DOCS)
    index, twins = index_from_files(files), json.loads(files["search/index.json"])["twins"]
    found = [n for n, _ in author_search(index, "A. Mueller")][:3]
    assert sorted(found) == [2, 3, 7]
    assert all(same_author(SPELLINGS_DOCS[n].authors[0], "A. Mueller", twins) for n in found)
    assert same_author("A. Muller", "Anna Müller", twins) and not same_author("A. Muller", "A. Mueller")
    assert not same_author("A. Poet", "A. Pot", twins)


# --- A word typed with an umlaut finds the papers that only spell it with "e" (2026-12-01) ---------------------------

MUELLER_DOCS = [
    SearchDoc(url=f"papers/{n}/", title=title, abstract=abstract, theme_id="t", theme_label="T", authors=authors,
              date=date)
    for n, (title, abstract, authors, date) in enumerate(
        [
            ("Mueller matrix imaging", "Polarised light through tissue.", ("A. Mueller",), "2012-05-01"),
            ("Illusions of length", "Measured with a Mueller polarimeter.", ("B. Smith",), "2013-02-01"),
            ("Depolarisation after Muller", "Turbid media.", ("C. Muller",), "2013-03-01"),
            ("A blue queue", "The poet waits for the value.", ("D. Poet",), "2014-01-01"),
            ("Photonic crystals", "Polarised light in crystals.", ("E. Jones",), "2014-02-01"),
        ]
    )
]  # fmt: skip
"""No paper writes "Müller": "Mueller" (0, 1) and a plain "Muller" (2) are no twins."""


@pytest.fixture(scope="module")
def mueller_files() -> dict[str, bytes]:
    return build_search_files(MUELLER_DOCS)


def test_an_umlaut_typed_finds_the_word_spelt_with_e(mueller_files: dict[str, bytes]) -> None:
    """QA: "müller" found nothing of a corpus that writes "Mueller" only: it searched the folded "muller", and the
    index holds "Mueller" as "mueller" alone (as "muller" too only where some paper writes "Müller"). A word typed
    with an umlaut is searched as spelt with "e" too where the index holds that: finished or being typed, in one
    field, left out, beside a year, as an author link; the papers whose authors hold either spelling first."""
    index = index_from_files(mueller_files)
    assert refs(index, "mueller ") == [0, 1] and refs(index, "muller ") == [2]  # as before: no umlaut typed
    for typed in ("müller ", "Müller ", "MÜLLER ", "mu\u0308ller "):
        found = refs(index, typed)
        assert sorted(found) == [0, 1, 2] and set(found[:2]) == {0, 2}, typed  # A. Mueller and C. Muller first
    assert set(refs(index, "Müller")) == set(refs(index, "müll")) == set(refs(index, "mü")) == {0, 1, 2}  # being typed
    assert set(refs(index, "title:müller ")) == {0, 2} and set(refs(index, "author:Müller ")) == {0, 2}
    assert (
        refs(index, "polarised -müller ")
        == refs(index, "polarised -Müller")
        == refs(index, "polarised NOT müller")
        == [4]
    )
    assert [n for n, _ in author_search(index, "A. Müller")][:1] == [0]  # then the others found by the words
    assert [n for n, _ in author_search(index, "C. Müller")][:1] == [2]
    years = json.loads(mueller_files["search/years.json"])
    dated = year_search(index, years, "müller 2013 ")
    assert dated is not None and [n for n, _ in dated.shown] == [2, 1]
    assert year_hits(years, "-müller 2012", index) == []  # "A. Mueller" left out, the one paper of 2012


def test_an_umlaut_word_searches_each_spelling_the_index_holds(mueller_files: dict[str, bytes]) -> None:
    """Only where the index holds both spellings are both searched, each query once per spelling (lunr has no OR of
    required words), at most for two words; words without an umlaut plan as before ("queue", "blue", "poet",
    "value" gain nothing, "pot" does not find "poet")."""
    index = index_from_files(mueller_files)
    terms = sorted(index.inverted_index)
    assert plan("müller ", terms).queries == ["+muller", "+mueller"]
    assert plan("müller", terms).queries == ["muller +muller*", "mueller +mueller*"]
    assert plan("müller ", terms).spelt == {"muller": "mueller"}
    assert plan("müller ").queries == ["+muller"]  # no index at hand: as typed (search.js before its first shards)
    without_muller = index_from_files(build_search_files([d for d in MUELLER_DOCS if "Muller" not in d.title]))
    assert plan("müller ", sorted(without_muller.inverted_index)).queries == ["+mueller"]  # its one spelling
    assert refs(without_muller, "müller ") == [0, 1]
    for word in ("queue", "blue", "poet", "value"):
        assert plan(f"{word} ", terms).queries == [f"+{word}"] and refs(index, f"{word} ") == [3]
    assert refs(index, "pot ") == [] and refs(index, "blu ") == []
    both = [
        SearchDoc(url="papers/0/", title="Muller Mueller Schon Schoen Grun Gruen", abstract="Plain.", theme_id="t",
                  theme_label="T")
    ]  # fmt: skip
    many = sorted(index_from_files(build_search_files(both)).inverted_index)
    assert plan("müller schön ", many).queries == ["+muller +schon", "+muller +schoen", "+mueller +schon",
                                                  "+mueller +schoen"]  # fmt: skip
    assert len(plan("müller schön grün ", many).queries) == 4  # past two words, the folded one alone

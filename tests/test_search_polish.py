"""Search polish on the seeds: a year typed among the words filters by date, an author matched past the three names
a result shows is shown too, accents are folded alike in the index, the query and the highlight (each test failed
before the change)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from lunr.index import Index

from sitegen.pipeline import read_corpus
from sitegen.search import (
    SearchDoc,
    author_key,
    author_search,
    build_search_files,
    clean_query,
    fold,
    index_from_files,
    load_index,
    name_matches,
    ordered,
    result_authors,
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
def docs() -> list[SearchDoc]:
    papers = read_corpus(["seeds"]).papers
    return ordered(
        SearchDoc(url=f"papers/{p.id}/", title=p.title or "", abstract=p.abstract, theme_id="t", theme_label="T",
                  date=p.date, links=p.links)
        for p in papers
    )  # fmt: skip


@pytest.fixture(scope="module")
def index(docs: list[SearchDoc]) -> Index:
    return load_index(docs)


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
    assert fold("हिन्दी 한국어 λ") == "हिन्दी 한국어 λ"  # other scripts' signs stay
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

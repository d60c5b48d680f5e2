"""The search index step: query rules, shard format, determinism, lunr.js version."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import accumulate

import lunr
import pytest
from lunr.index import Index

from sitegen.pipeline import read_corpus
from sitegen.search import LUNR_JS_VERSION, SNIPPET_CHARS, SearchDoc, build_search_files, lunr_js, ordered, repo_names
from sitegen.search_query import (
    _ranked,
    index_from_files,
    load_index,
    papers_with,
    queries,
    query_string,
    search,
    typed_prefix,
    words,
)
from sitegen.stemmer import stem

QUERIES = [
    "grokking lazy rich",
    "neural turing machine",
    "gro",
    "transformer atten",
    "learning",
    "the attention",
    "zzzz qqq",
    "diffusion models ",
    "knowledge distillation",
    "knowledge distillati",
    "continual learni",
    "relati",
]


@pytest.fixture(scope="module")
def seed_docs() -> list[SearchDoc]:
    """Every seed paper, with a made-up theme (the themes stage is not under test here)."""
    papers = read_corpus(["seeds"]).papers
    return ordered(
        SearchDoc(
            url=f"papers/{p.id}/",
            title=p.title or "",
            abstract=p.abstract,
            theme_id=f"t{len(p.id) % 5}",
            theme_label=f"Theme {len(p.id) % 5}",
            date=p.date,
            links=p.links,
        )
        for p in papers
    )


@pytest.fixture(scope="module")
def seed_index(seed_docs: list[SearchDoc]) -> Index:
    return load_index(seed_docs)


@pytest.fixture(scope="module")
def seed_files(seed_docs: list[SearchDoc]) -> dict[str, bytes]:
    return build_search_files(seed_docs)


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("grokking lazy rich", "+grokking +lazy rich +rich*"),
        ("grokking lazy rich ", "+grokking +lazy +rich"),
        ("Neural-Turing", "neuralturing +neuraltur*"),  # a hyphenated word is searched joined
        ("the attention", "attention +attent*"),
        ("knowledge distillation", "+knowledge distillation +distil*"),
        ("knowledge distil", "+knowledge distil +distil*"),
        ("a", ""),
        ("al", "al +al*"),
        ("all", "all*"),
        ("attention the", "+attention the*"),
        ("x: y^2 ~z", "+x +y z"),  # lunr's boost after a word is no word
        ("lazy lazy la", "+lazy la +la*"),
        ("   ", ""),
    ],
)
def test_query_string(typed: str, query: str) -> None:
    assert query_string(typed) == query


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        # Finished words: the stem, which is what the index holds.
        ("studies", "studi"),
        ("study", "studi"),
        ("happy", "happi"),
        ("bias", "bia"),
        ("biased", "bias"),
        ("relational", "relat"),
        ("distillation", "distil"),
        # Unfinished words whose stem is a term, or a prefix of the terms they become.
        ("stud", "stud"),
        ("distil", "distil"),
        ("lear", "lear"),
    ],
)
def test_typed_prefix_is_the_stem(typed: str, prefix: str) -> None:
    assert typed_prefix(typed) == prefix
    assert typed_prefix(typed, [prefix]) == prefix


@pytest.mark.parametrize(
    ("typed", "terms", "prefix"),
    [
        # Typed past the end of the stem the finished word will have: "learni" is no term.
        ("learni", ["learn"], "learn"),
        ("learnin", ["learn"], "learn"),
        ("distillati", ["distil"], "distil"),
        ("representatio", ["represent"], "represent"),
        ("generaliz", ["gener"], "gener"),
        ("relati", ["rel", "relat"], "rel"),  # relation -> relat, relative -> rel
        ("stud", [], "stud"),
        # The stemmer rewrites the end of the word as typed: "analy" -> "anali", "phys" -> "phi".
        ("analy", [], "analy"),
        ("phys", [], "phys"),
        ("analys", [], "analys"),
        # Only completions that are terms count: "atten" + "ess" stems to "att", which no paper has (it took
        # "attention" down to "att*", every "attribute" first).
        ("atten", ["attent"], "atten"),
        ("atten", [], "atten"),
    ],
)
def test_typed_prefix_of_an_unfinished_word(typed: str, terms: list[str], prefix: str) -> None:
    assert typed_prefix(typed, terms) == prefix


def test_a_consonant_and_ys_is_no_finished_word() -> None:
    """Porter reads "phys" as the plural of "phy" (stem "phi", a term of its own: the Greek letter)."""
    assert stem("phys") == "phi"
    assert typed_prefix("phys", ["phi", "physic", "physiolog"]) == "phys"
    assert typed_prefix("study", ["studi", "studyx"]) == "studi"  # a finished word stays its stem
    assert typed_prefix("days", ["day"]) == "day"  # vowel and "ys": a plural


@pytest.mark.parametrize(("typed", "title_word"), [("phys", "physics"), ("analy", "analysis"), ("analy", "analyz")])
def test_word_typed_before_the_stemmer_rewrites_its_end(
    seed_docs: list[SearchDoc], seed_index: Index, typed: str, title_word: str
) -> None:
    index = seed_index
    hits = {n for n, _ in search(index, typed)}
    assert any(title_word in seed_docs[n].title.lower() for n in hits), typed
    for n in hits:
        text = words(f"{seed_docs[n].title} {seed_docs[n].abstract}")
        assert any(w.startswith(typed) for w in text), seed_docs[n].title
    assert query_string(typed, sorted(index.inverted_index)) == f"{typed} +{typed}*"


def test_word_the_stemmer_rewrote_reads_two_ways(seed_docs: list[SearchDoc], seed_index: Index) -> None:
    """ "phy" is the finished word (stem "phi", a term: the Greek letter) or the start of "physics": either."""
    terms = sorted(seed_index.inverted_index)
    assert queries("phy", terms) == ["phy +phi*", "phy +phy*"]
    assert queries("phys", terms) == ["phys +phys*"]  # no second reading: "phys" is no finished word
    assert queries("theory", terms) == ["theory +theori*"]  # nothing starts with "theory" as typed
    assert queries("phy") == ["phy +phi*"]  # no index at hand
    hits = {n for n, _ in search(seed_index, "phy")}
    assert {n for n, _ in search(seed_index, "phys")} | {n for n, _ in search(seed_index, "phi ")} < hits
    assert len(hits) < len(search(seed_index, "ph"))
    for n in hits:
        text = words(f"{seed_docs[n].title} {seed_docs[n].abstract}")
        assert any(w.startswith("phy") or stem(w).startswith("phi") for w in text), seed_docs[n].title
    # Each paper scores as in the better of the two queries (before common completions are put first).
    both = dict(_ranked(seed_index, queries("phy", terms)))
    for query in queries("phy", terms):
        for r in seed_index.search(query):
            assert both[int(r["ref"])] >= r["score"]


def test_unfinished_word_is_found_by_what_it_becomes(seed_docs: list[SearchDoc]) -> None:
    index = load_index(seed_docs)
    finished = {n for n, _ in search(index, "knowledge distillation")}
    assert finished
    for typed in ["knowledge distil", "knowledge distilla", "knowledge distillati", "knowledge distillatio"]:
        assert {n for n, _ in search(index, typed)} >= finished, typed


def test_word_being_typed_is_required(seed_docs: list[SearchDoc]) -> None:
    index = load_index(seed_docs)
    finished = {n for n, _ in search(index, "knowledge distillation ")}
    assert finished
    for typed in ["knowledge distillation", "knowledge distil"]:
        assert {n for n, _ in search(index, typed)} == finished, typed
    for n in finished:
        text = f"{seed_docs[n].title} {seed_docs[n].abstract}".lower()
        assert "knowledge" in text and "distil" in text, seed_docs[n].title


def test_no_paper_with_every_word_shows_those_with_some(seed_docs: list[SearchDoc]) -> None:
    index = load_index(seed_docs)
    diffusion, pruning = ({n for n, _ in search(index, word)} for word in ("diffusion ", "pruning "))
    assert diffusion and pruning and not diffusion & pruning  # no seed paper has both words
    assert query_string("diffusion pruning ") == "+diffusion +pruning"
    assert {n for n, _ in search(index, "diffusion pruning ")} == diffusion | pruning
    knowledge = search(index, "knowledge ")
    assert {n for n, _ in search(index, "knowledge qqqzzzx")} == {n for n, _ in knowledge}
    assert search(index, "qqqzzzx ") == []  # one word matching nothing: nothing to relax


def test_a_common_completion_of_the_word_being_typed_ranks_first(seed_docs: list[SearchDoc]) -> None:
    """lunr scores each term "learn*" expands to by its own rarity: one paper's "Learngene" outranked every paper
    on learning while "learning" was typed. Papers with a common completion now come first; the rest follow."""
    index = load_index(seed_docs)
    for typed, finished in [("learning", "learning "), ("diffusion mod", "diffusion models ")]:
        hits = search(index, typed)
        assert {n for n, _ in hits} >= {n for n, _ in search(index, finished)}  # still every paper, only reordered
        top = [f"{seed_docs[n].title} {seed_docs[n].abstract}".lower() for n, _ in hits[:10]]
        assert all(finished.split()[-1][:-1] in text for text in top), (typed, top)
    learngene = {n for n, d in enumerate(seed_docs) if "learngene" in d.title.lower()}
    hits = [n for n, _ in search(index, "learning")]
    assert learngene and learngene <= set(hits) and not learngene & set(hits[:10])  # found, not first
    assert papers_with(index, "learn") > 10 * papers_with(index, "learngen")


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("difusion", "+difusion~1 _difusion_~1^50"),  # the word being typed: its prefix "difus" starts no term
        ("difusion ", "+difusion~1 _difusion_~1^50"),
        ("difusion models", "+difusion~1 _difusion_~1^50 models +model*"),
        ("grpah neural ", "+grpah~1 _grpah_~1^50 +neural"),
        ("diffusion ", "+diffusion _diffusion_^50"),  # a term: never retried
        ("difu", "+difu~1 _difu_~1^50"),
        ("dif", "dif +dif*"),  # a prefix of terms
        ("qzx ", "+qzx"),  # stem shorter than MIN_FUZZY
        ("qqqzx9 ", "+qqqzx9"),  # not only letters: "2027~1" would find "2021"
    ],
)
def test_word_matching_no_term_is_retried_at_edit_distance_1(seed_index: Index, typed: str, query: str) -> None:
    terms = sorted(seed_index.inverted_index)
    assert query_string(typed, terms) == query
    assert "~1" not in query_string(typed)  # no index at hand: no word known to miss


def test_misspelt_word_finds_what_the_right_one_finds(seed_index: Index) -> None:
    index = seed_index
    for wrong, right in [("difusion", "diffusion "), ("difusion models ", "diffusion models "), ("grpah", "graph ")]:
        expected = search(index, right)
        assert expected, right
        assert search(index, wrong) == expected, wrong
    assert search(index, "qqqzzzx") == []


def test_theme_label_is_not_searched() -> None:
    docs = [
        SearchDoc(url="papers/a/", title="Lottery tickets", abstract="Sparse subnetworks train well.",
                  theme_id="pruning", theme_label="Network pruning"),
        SearchDoc(url="papers/b/", title="Magnitude pruning", abstract="We prune weights.",
                  theme_id="pruning", theme_label="Network pruning"),
    ]  # fmt: skip
    files = build_search_files(docs)
    index = index_from_files(files)
    for typed in ["pruning", "pruning ", "network"]:
        assert [docs[n].url for n, _ in search(index, typed)] == (["papers/b/"] if "prun" in typed else []), typed
    assert b"Network pruning" in files["search/index.json"]  # still shown and filtered on


def test_authors_are_searched_by_name() -> None:
    """A name finds its author's papers (ranked by the authors field), with the fast builder scoring as lunr.py's."""
    from sitegen.search_query import build_index, build_index_reference

    docs = [
        SearchDoc(url="papers/a/", title="Notes on the analytical engine", abstract="A machine that weaves numbers.",
                  theme_id="t", theme_label="T", authors=("Ada Lovelace", "Charles Babbage")),
        SearchDoc(url="papers/b/", title="Computable numbers", abstract="Lovelace's objection, answered.",
                  theme_id="t", theme_label="T", authors=("Turing, A. M.",)),
        SearchDoc(url="papers/c/", title="Untitled", abstract="No names given.", theme_id="t", theme_label="T"),
    ]  # fmt: skip
    index = index_from_files(build_search_files(docs))
    assert [docs[n].url for n, _ in search(index, "lovelace")] == ["papers/a/", "papers/b/"]  # name over mention
    assert [docs[n].url for n, _ in search(index, "turing")] == ["papers/b/"]
    assert [docs[n].url for n, _ in search(index, "babb")] == ["papers/a/"]  # a name being typed
    fast = json.dumps(build_index(docs).serialize(), sort_keys=True)
    assert fast == json.dumps(build_index_reference(docs).serialize(), sort_keys=True)


def test_manifest_years_for_the_year_filter() -> None:
    """search/years.json: a base year and per doc number (store order) its year minus the base, 0 without a date;
    no file when no paper has a date."""
    docs = [
        SearchDoc(url="papers/a/", title="A", abstract="x", theme_id="t", theme_label="T", date="2024-05-28"),
        SearchDoc(url="papers/b/", title="B", abstract="x", theme_id="t", theme_label="T"),
        SearchDoc(url="papers/c/", title="C", abstract="x", theme_id="t", theme_label="T", date="2019"),
    ]
    files = build_search_files(docs)
    assert json.loads(files["search/index.json"])["years"] is True
    assert json.loads(files["search/years.json"]) == [2018, [6, 0, 1]]
    undated = build_search_files([SearchDoc(url="papers/a/", title="A", abstract="x", theme_id="t", theme_label="T")])
    assert json.loads(undated["search/index.json"])["years"] is False and "search/years.json" not in undated


def test_repo_names() -> None:
    links = ("https://github.com/openai/grok", "https://example.org/x/y", "https://huggingface.co/bert-base")
    assert repo_names(links) == "openai grok bert-base"


def test_doc_store_keeps_the_whole_abstract() -> None:
    """search.js cuts the snippet around the first match, which can be anywhere in the abstract."""
    abstract = "We study sparse models. " * 40 + "Late in the text: distillation."
    doc = SearchDoc(url="papers/x/", title="T", abstract=abstract, theme_id="t", theme_label="T")
    files = build_search_files([doc])
    assert len(abstract) > 4 * SNIPPET_CHARS
    assert json.loads(files["search/d/0.json"]) == [["papers/x/", "T", "", abstract]]
    assert json.loads(files["search/index.json"])["snippet"] == SNIPPET_CHARS


def test_seed_titles_rank_first(seed_docs: list[SearchDoc]) -> None:
    index = load_index(seed_docs)
    for typed, title in [
        ("grokking lazy rich", "Grokking as the Transition from Lazy to Rich Training Dynamics"),
        ("neural turing machine", "Neural Turing Machines"),
    ]:
        assert seed_docs[search(index, typed)[0][0]].title == title


def test_shards_give_the_same_ranking_as_the_whole_index(
    seed_docs: list[SearchDoc], seed_files: dict[str, bytes]
) -> None:
    whole, sharded = load_index(seed_docs), index_from_files(seed_files)
    for typed in QUERIES:
        assert search(sharded, typed) == search(whole, typed), typed


def test_deterministic(seed_docs: list[SearchDoc], seed_files: dict[str, bytes]) -> None:
    assert build_search_files(list(reversed(seed_docs))) == seed_files


def test_manifest_describes_the_files(seed_docs: list[SearchDoc], seed_files: dict[str, bytes]) -> None:
    manifest = json.loads(seed_files["search/index.json"])
    assert manifest["lunr"] == LUNR_JS_VERSION == lunr.__TARGET_JS_VERSION__
    assert manifest["count"] == len(seed_docs)
    assert manifest["fields"] == ["title", "abstract", "repo", "authors", "id", "venue"]
    shards = {p for p in seed_files if p.startswith("search/t/")}
    chunks = {p for p in seed_files if p.startswith("search/d/")}
    assert shards == {f"search/t/{n}.json" for n in range(len(manifest["shards"]))}
    assert chunks == {f"search/d/{n}.json" for n in range(len(manifest["chunks"]))}
    rows = [row for n in range(len(chunks)) for row in json.loads(seed_files[f"search/d/{n}.json"])]
    sizes = [len(json.loads(seed_files[f"search/d/{n}.json"])) for n in range(len(chunks))]
    assert list(accumulate(manifest["chunks"])) == [sum(sizes[:n]) for n in range(len(chunks))]  # first doc numbers
    assert [row[0] for row in rows] == [d.url for d in seed_docs]
    ranges = {t[0]: (t[2], t[3]) for t in manifest["themes"]}
    assert all(ranges[d.theme_id][0] <= n < ranges[d.theme_id][1] for n, d in enumerate(seed_docs))


def test_paper_text_is_stored_as_text() -> None:
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    doc = SearchDoc(url="papers/x/", title=evil, abstract=evil, theme_id="t", theme_label="T")
    rows = json.loads(build_search_files([doc])["search/d/0.json"])
    assert rows == [["papers/x/", evil, "", evil]]


def test_lunr_js_is_the_version_lunr_py_targets() -> None:
    assert f"- {lunr.__TARGET_JS_VERSION__}\n".encode() in lunr_js()[:200]


def test_fast_builder_equals_lunr_py_builder(seed_docs: list[SearchDoc]) -> None:
    from sitegen.search_query import build_index, build_index_reference

    fast = json.dumps(build_index(seed_docs).serialize(), sort_keys=True)
    assert fast == json.dumps(build_index_reference(seed_docs).serialize(), sort_keys=True)


def test_results_show_three_authors_then_et_al() -> None:
    from sitegen.search_query import result_authors

    assert result_authors(["A", "B", "C"]) == "A, B, C"
    assert result_authors(["A", "B", "C", "D"]) == "A, B, C et al."
    assert result_authors(["A", "B"], cut_short=True) == "A, B et al."  # "A and B and others", or 5 authors counted
    doc = SearchDoc(url="papers/x/", title="T", abstract="x", theme_id="t", theme_label="T", authors=("A", "B"))
    bare = SearchDoc(url="papers/y/", title="U", abstract="y", theme_id="t", theme_label="T")
    rows = json.loads(build_search_files([doc, bare])["search/d/0.json"])
    assert rows == [["papers/x/", "T", "", "x", ["A", "B"]], ["papers/y/", "U", "", "y"]]  # no fifth item without names


def test_a_theme_labelled_pages_leaves_the_projects_pages_another_name() -> None:
    """``rename_themes: {x: Pages}`` with pages of the project's own: the theme filter never offers two "Pages"."""
    from sitegen.search import PAGES, PAGES_TAKEN, page_doc

    paper = SearchDoc(url="papers/a/", title="A", abstract="Pages of a book.", theme_id="pages", theme_label="Pages")
    own = page_doc("guide/", "Guide", "How we read.")
    themes = json.loads(build_search_files([paper], [own])["search/index.json"])["themes"]
    assert [t[:2] for t in themes] == [["pages", "Pages"], [PAGES[0], PAGES_TAKEN]]
    also = replace(paper, url="papers/b/", theme_id="pages-of-this-site", theme_label="Pages of this site")
    themes = json.loads(build_search_files([paper, also], [own])["search/index.json"])["themes"]
    assert [t[1] for t in themes] == ["Pages", "Pages of this site", "Pages of this site (2)"]
    other = replace(paper, theme_id="books", theme_label="Books")
    themes = json.loads(build_search_files([other], [own])["search/index.json"])["themes"]
    assert [t[:2] for t in themes] == [["books", "Books"], list(PAGES)]


def test_the_build_never_imports_the_python_copy_of_the_query_side() -> None:
    """search_query.py is the oracle the tests check search.js against: the build has no use for it."""
    import subprocess
    import sys

    probe = "import sys, sitegen.cli, sitegen.plugin, sitegen.pipeline; print('sitegen.search_query' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"

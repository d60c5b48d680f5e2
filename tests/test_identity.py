"""The site memory's pages: which paper of this build is which page of the last (``sitegen/identity.py``,
``enrich.assign_ids``, ``memory.memory_text``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.enrich import assign_ids
from sitegen.errors import ConfigError
from sitegen.identity import page_keys, text_signature
from sitegen.memory import memory_text, read_memory
from sitegen.records import Paper, Source

ABSTRACT = (
    "We study how the loss of language models falls with compute, data and parameters, and find that it follows a "
    "power law over seven orders of magnitude, with the optimal model size growing as the budget grows."
)
REWORDED = ABSTRACT.replace("over seven orders of magnitude", "across many orders of magnitude")


def paper(title: str, abstract: str, date: str | None = None, doi: str | None = None) -> Paper:
    links = (f"https://doi.org/{doi}",) if doi else ()
    return Paper("", title, abstract, (Source("a.txt", 1),), date=date, links=links)


def remember(papers: list[Paper]) -> dict[str, tuple[str, ...]]:
    return {p.id: page_keys(p) for p in papers}


def ids(papers: list[Paper], memory: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    return {f"{p.title}|{p.abstract[:20]}|{p.date}": p.id for p in assign_ids(papers, memory)}


def test_a_page_stays_when_its_title_is_corrected_or_an_older_namesake_comes() -> None:
    """README "Which URLs last" said such pages moved: with the memory they stay, and the namesake dated earlier
    gets a hashed id instead of the bare slug it takes without the memory."""
    published = paper("Scalling laws", ABSTRACT, date="2024-02-01")
    other = paper("Other", "Another abstract about something else entirely, graphs and their random walks.")
    first = assign_ids([published, other])
    assert [p.id for p in first] == ["scalling-laws", "other"]
    memory = remember(first)
    fixed = replace(published, title="Scaling laws for neural language models", links=("https://doi.org/10.1/x",))
    older = paper("Scalling laws", "An older paper of that name, on the laws of scaling in physics.", date="2020")
    for papers in ([fixed, other, older], [older, other, fixed]):
        got = {p.abstract: p.id for p in assign_ids(papers, memory)}
        assert got[ABSTRACT] == "scalling-laws" and got[other.abstract] == "other"
        assert got[older.abstract].startswith("scalling-laws-")
        assert {p.abstract: p.id for p in assign_ids(papers)}[ABSTRACT] == "scaling-laws-for-neural-language-models"


def test_a_revised_abstract_is_still_its_paper() -> None:
    """QA: a title corrected in one build and the abstract reworded in the next moved the page (the memory held a
    hash of the exact abstract), and so did a reworded abstract in the build where an older namesake arrived."""
    published = paper("Curriculum learnign for small models", ABSTRACT)
    memory = remember(assign_ids([published]))
    fixed = replace(published, title="Curriculum learning for small models")
    memory = remember(assign_ids([fixed], memory))
    assert list(memory) == ["curriculum-learnign-for-small-models"]
    assert [p.id for p in assign_ids([replace(fixed, abstract=REWORDED)], memory)] == list(memory)
    # reworded while a namesake dated earlier arrives: the page stays with the paper it showed
    namesake = paper(fixed.title, "A different study of curricula for small convolutional networks.", date="2001")
    got = {p.abstract: p.id for p in assign_ids([namesake, replace(fixed, abstract=REWORDED)], memory)}
    assert got[REWORDED] == "curriculum-learnign-for-small-models"
    assert got[namesake.abstract].startswith("curriculum-learning-for-small-models")
    # an abstract rewritten from scratch (or cut to a feed's snippet) under a title no other page or paper has: the
    # title finds the page (QA round 4: it moved); beside a paper that matches better, it does not
    rewritten = replace(fixed, abstract="Small models learn faster when easy examples come first; we show when.")
    assert [p.id for p in assign_ids([rewritten], memory)] == ["curriculum-learnign-for-small-models"]
    got = {p.abstract: p.id for p in assign_ids([rewritten, replace(fixed, abstract=REWORDED)], memory)}
    assert got[REWORDED] == "curriculum-learnign-for-small-models"


def test_signatures_tell_revisions_from_other_abstracts() -> None:
    """A phrase reworded keeps most of the signature; another abstract shares none of it."""
    a, b = text_signature(ABSTRACT), text_signature(REWORDED)
    assert len(a) == 8 and len(set(a) & set(b)) >= 4
    assert not set(a) & set(text_signature("Graphs and their random walks mix fast when the graph is an expander."))
    assert text_signature("Two words") and not text_signature("")


def test_a_remembered_page_of_another_doi_is_not_taken_by_its_twin() -> None:
    """Twins of one abstract kept apart by their DOIs each keep their own page, in any order; when the one published
    is gone, the other does not take its page (the text agrees, the DOI does not)."""
    a, b = (paper("Annual report", "The registry's report of the year.", doi=f"10.1/{d}") for d in "ab")
    first = {p.links[0]: p.id for p in assign_ids([a, b])}
    memory = remember(assign_ids([a, b]))
    for papers in ([a, b], [b, a]):
        assert {p.links[0]: p.id for p in assign_ids(papers, memory)} == first
    b_2021 = replace(b, title="Annual report 2021")
    only_a = {first[a.links[0]]: memory[first[a.links[0]]]}
    assert [p.id for p in assign_ids([b_2021], only_a)] == ["annual-report-2021"]


def test_a_doi_the_abstract_cites_is_no_key_and_takes_no_page() -> None:
    """QA: a reply whose abstract cites a paper's DOI took that paper's page when the paper's abstract was reworded
    in the same build."""
    original = paper("Sparse routing for experts", ABSTRACT, doi="10.1000/route.1")
    memory = remember(assign_ids([original]))
    reply = paper("A reply on expert routing", "We revisit https://doi.org/10.1000/route.1 and disagree.", "2020")
    reply = replace(reply, links=("https://doi.org/10.1000/reply.9", "https://doi.org/10.1000/route.1"))
    assert page_keys(reply)[0] == "doi:10.1000/reply.9" and not any("route" in key for key in page_keys(reply))
    got = {p.title: p.id for p in assign_ids([reply, replace(original, abstract=REWORDED)], memory)}
    assert got["Sparse routing for experts"] == "sparse-routing-for-experts"


def test_the_memory_keeps_the_pages_of_papers_missing_from_a_build() -> None:
    """QA: an export unreadable for one build lost its papers' pages for good (the memory was rewritten without
    them): pages no paper holds now are kept, and a paper back gets its page again."""
    published = paper("Graph neural netwroks for protein folding", ABSTRACT, doi="10.1000/gnn.1")
    memory = remember(assign_ids([published]))
    fixed = replace(published, title="Graph neural networks for protein folding")
    kept = remember(assign_ids([fixed], memory))
    other = assign_ids([paper("Other", "Another abstract about graphs and their random walks on expanders.")])
    text = memory_text([], other, kept)  # the build where the export could not be read
    pages = json.loads(text)["pages"]
    assert set(pages) == {"graph-neural-netwroks-for-protein-folding", "other"}
    assert assign_ids([fixed, *other], pages)[0].id == "graph-neural-netwroks-for-protein-folding"
    # a page id some paper holds now is that paper's
    assert json.loads(memory_text([], assign_ids([fixed], pages), pages))["pages"] == {
        "graph-neural-netwroks-for-protein-folding": list(page_keys(fixed)),
        "other": list(page_keys(other[0])),
    }


@pytest.mark.parametrize("bad", ["index", "../../escaped", "", "Sparse Routing/For Experts", "a--b", "a" * 300])
def test_a_hand_edited_page_id_that_is_no_slug_is_refused(tmp_path: Path, bad: str) -> None:
    """QA: ids of a hand-edited memory were used as page paths: ``../../escaped`` wrote no page while the tally
    counted it, ``index`` became the index of ``papers/``, ``""`` a hidden ``papers/.md``, 300 letters a traceback
    (file name too long)."""
    path = tmp_path / "themes.json"
    path.write_text(json.dumps({"format": 2, "themes": {}, "pages": {bad: ["doi:10.1/x"]}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="is no page id sitegen gives"):
        read_memory(path)


def test_one_abstract_under_two_titles_keeps_each_page_on_a_rebuild() -> None:
    """QA round 2: a preprint and a thesis chapter of one abstract (no identifiers) swapped pages on a rebuild with
    nothing changed; boilerplate abstracts did too."""
    a = paper("Sparse experts at scale", ABSTRACT, date="2021")
    b = paper("Chapter 3: Conditional computation", ABSTRACT, date="2022")
    first = {p.title: p.id for p in assign_ids([a, b])}
    memory = remember(assign_ids([a, b]))
    for papers in ([a, b], [b, a]):
        assert {p.title: p.id for p in assign_ids(papers, memory)} == first
    # (one of them gone, the other does take its page: that is what a corrected title looks like)


def test_a_newcomer_does_not_take_a_removed_papers_page_on_a_weak_match() -> None:
    """QA round 2: with the pages of removed papers kept, a newcomer took one on half of a text signature: an
    edition of a yearly report (abstracts differing in the year), short abstracts sharing a licence sentence,
    two-word abstracts; and the paper, back, got a new page."""
    licence = "This is an open access article distributed under the terms of the Creative Commons Attribution License."
    cases = [
        (paper("Findings of the 2019 shared task", ABSTRACT.replace("seven", "2019")),
         paper("Findings of the 2020 shared task", ABSTRACT.replace("seven", "2020"))),
        (paper("Soil microbiome shifts under drought", f"Drought changes soil microbes in a field trial. {licence}"),
         paper("Tidal energy siting with satellite data", f"Satellites help to site tidal turbines well. {licence}")),
        (paper("The future of field robotics", "Keynote talk."), paper("Ethics of autonomy", "Invited talk.")),
    ]  # fmt: skip
    for removed, newcomer in cases:
        memory = remember(assign_ids([removed]))
        [page] = memory
        assert [p.id for p in assign_ids([newcomer], memory)] != [page], newcomer.title
        back = {p.title: p.id for p in assign_ids([newcomer, removed], memory)}
        assert back[removed.title] == page


def test_a_title_and_a_revised_abstract_find_the_page_together() -> None:
    """The title with half the signature or more is the paper's page (a revision); the title alone is, only when no
    other page or paper has it and nothing matches better."""
    published = paper("Scaling laws", ABSTRACT)
    memory = {"scaling-laws-old-id": page_keys(published)}  # a page named before a title fix
    namesake = paper("Scaling laws", "A different study of how galaxies scale with their halo mass and age.")
    assert [p.id for p in assign_ids([replace(published, abstract=REWORDED)], memory)] == ["scaling-laws-old-id"]
    both = {p.abstract: p.id for p in assign_ids([namesake, replace(published, abstract=REWORDED)], memory)}
    assert both[REWORDED] == "scaling-laws-old-id" and both[namesake.abstract] == "scaling-laws"
    other = {"scaling-laws-2": page_keys(paper("Scaling laws", "Yet another study of scaling in city growth."))}
    assert [p.id for p in assign_ids([namesake], memory | other)] == ["scaling-laws"]  # the title is two pages'


def test_a_memory_of_before_short_abstracts_had_keys_keeps_their_pages() -> None:
    """QA round 4: a memory written when short abstracts had no keys (the title's alone) moved them on upgrade."""
    short = paper("Book reviews", "Reviews of four books on ecology.")
    memory = {"book-reviews": tuple(k for k in page_keys(short) if k.startswith("title:"))}
    assert [p.id for p in assign_ids([short], memory)] == ["book-reviews"]


def test_a_page_no_paper_is_found_for_is_taken_by_none() -> None:
    """QA round 3: an "Editorial" missing for one build lost its page to a new "Editorial" (another DOI), and got a
    new page when it came back; a URL never shows another paper."""
    old = paper("Editorial", ABSTRACT, date="2015", doi="10.5555/ed.2015")
    memory = remember(assign_ids([old]))
    new = paper("Editorial", "This issue gathers papers on the ecology of cities, their birds and their trees.", "2023")
    new = replace(new, links=("https://doi.org/10.5555/ed.2023",))
    [alone] = assign_ids([new], memory)
    assert alone.id.startswith("editorial-")
    memory = remember([alone]) | memory  # as the file keeps the missing paper's page
    assert {p.date: p.id for p in assign_ids([new, old], memory)} == {"2023": alone.id, "2015": "editorial"}


def test_a_short_abstract_under_its_title_keeps_its_page() -> None:
    """QA round 3: "Book reviews" (a 10-word abstract) lost its page to an older paper of that title: short
    abstracts had no keys at all."""
    mine = paper("Book reviews", "Reviews of three new books on urban ecology and city birds.", date="2022")
    memory = remember(assign_ids([mine]))
    older = paper("Book reviews", "Reviews of two books on the history of physics.", date="2019")
    got = {p.date: p.id for p in assign_ids([older, mine], memory)}
    assert got["2022"] == "book-reviews" and got["2019"].startswith("book-reviews-")


def test_a_key_without_its_kind_is_refused(tmp_path: Path) -> None:
    """QA round 3: a hand-edited key "speech" crashed the build with a traceback."""
    path = tmp_path / "themes.json"
    path.write_text(json.dumps({"format": 2, "themes": {}, "pages": {"a": ["speech"]}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="holds a key without its kind"):
        read_memory(path)


def test_a_long_title_changed_past_its_slug_keeps_its_page_unless_its_text_is_another() -> None:
    """QA (8,000 synthetic papers): a title changed after its slug's 80 characters, with its abstract revised in the
    same build, got a hashed page once remembered pages were reserved; a paper of another abstract whose long title
    slugs the same does not take the page of one gone."""
    head = "A very long title about the scaling of language models with compute and data and parameters"
    published = paper(head, ABSTRACT)
    memory = remember(assign_ids([published]))
    [page] = memory
    revised = replace(published, title=f"{head}: a revision", abstract=REWORDED)
    assert [p.id for p in assign_ids([revised])] == [page]  # the premise: both titles slug the same
    assert [p.id for p in assign_ids([revised], memory)] == [page]
    other = paper(f"{head} in cities", "Cities grow as a power law of their population, and so do their roads.")
    assert [p.id for p in assign_ids([other], memory)] != [page]


def test_a_preprint_keeps_its_page_when_published_under_a_journals_doi() -> None:
    """QA, fifth round: a bioRxiv preprint's page moved (to a hashed id, its own reserved) when the journal version
    came with the same title and abstract, a journal DOI and no preprint DOI; a new Zenodo version's DOI did the
    same. A preprint server's DOI disagrees with no other DOI, as in merging. Two journal DOIs still do (a yearly
    report under one title)."""
    title = "Single-cell atlas of microglial states"
    preprint = paper(title, ABSTRACT, doi="10.1101/2024.01.15.575001")
    memory = remember(assign_ids([preprint]))
    assert list(memory) == ["single-cell-atlas-of-microglial-states"]
    for doi in ("10.1038/s41586-024-0001-x", "10.5281/zenodo.2"):
        assert [p.id for p in assign_ids([paper(title, ABSTRACT, doi=doi)], memory)] == list(memory)
    report = remember(assign_ids([paper(title, ABSTRACT, doi="10.1000/report.2023")]))
    assert [p.id for p in assign_ids([paper(title, ABSTRACT, doi="10.1000/report.2024")], report)] != list(report)


def test_a_doi_shared_by_another_title_and_abstract_is_a_slip() -> None:
    """QA, fifth round: chapters exported with their book's DOI; one removed, a new chapter with that DOI took its
    page, and kept it when the first came back. An identifier in common under another title and an abstract with
    nothing in common is a slip, as merging takes it; the same paper under a revised title or abstract keeps its
    page by its DOI."""
    book = "10.1007/978-3-031-19775-8"
    first = paper("Occlusion-aware depth completion with sparse lidar", ABSTRACT, doi=book)
    other = paper("Event cameras for high-speed hand tracking", "We track hands at 1 kHz with event cameras.", doi=book)
    memory = remember(assign_ids([first]))
    got = {p.title: p.id for p in assign_ids([other], memory)}
    assert got[other.title] == "event-cameras-for-high-speed-hand-tracking"
    got = {p.title: p.id for p in assign_ids([other, first], memory)}
    assert got[first.title] == "occlusion-aware-depth-completion-with-sparse-lidar"
    revised = replace(first, title="Depth completion from sparse lidar under occlusion", abstract=REWORDED)
    assert [p.id for p in assign_ids([revised], memory)] == list(memory)


def test_a_memory_with_a_merge_conflict_says_so(tmp_path: Path) -> None:
    """QA, fifth round: two clones that each build and commit the memory get a Git conflict in it; the error said
    "not JSON ... delete it to start afresh", which moves pages. It names the conflict and how to resolve it."""
    path = tmp_path / "themes.json"
    good = memory_text([("Graphs", ("a",))], [paper("A", ABSTRACT)], {})
    lines = good.splitlines()
    lines[3:3] = ["<<<<<<< HEAD", '  "b",', "=======", '  "c",', ">>>>>>> other"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_memory(path)
    assert f"{path}:4: a merge conflict of two builds' memories (Git's '<<<<<<< HEAD' line)" in str(caught.value)
    assert "git checkout --ours or --theirs" in str(caught.value) and "delete it" not in str(caught.value)

"""Daily Papers listings with paste mistakes: a title or abstract broken onto two lines is joined again where the
evidence is clear, and said; where it is not, the reading stays and the message says what probably happened (QA).
The fixtures (fixtures/ingest/daily_paste_*.txt) also have their whole expected reading there."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.ingest import daily, read_file
from sitegen.ingest.text import TextFile
from sitegen.pipeline import read_corpus
from sitegen.records import Paper
from tests.conftest import FIXTURES

CASES = FIXTURES / "ingest"
SEEDS = Path(__file__).parent.parent / "seeds"


def read(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str | None, Paper], list[str], str | None]:
    """The fixture's papers by title, its problems as shown, and the reader that claimed it."""
    monkeypatch.chdir(CASES)
    papers, problems, reader = read_file(Path(name))
    return {p.title: p for p in papers}, [str(p) for p in problems], reader


def test_broken_abstract_keeps_its_papers_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA's repro: the abstract's second line ("On language modelling benchmarks ...") was a paper of its own that
    took the real paper's "5 authors", date and 42 upvotes. It comes before the paper's authors and date lines with
    no title between: it is more of the abstract."""
    papers, problems, reader = read("daily_paste_handmade.txt", monkeypatch)
    assert reader == "daily-spaced"
    moe = papers["Capacity-Aware Routing for Sparse Mixture-of-Experts Language Models"]
    assert moe.abstract.endswith(
        "top-$k$ assignment. On language modelling benchmarks with 8 to 64 experts our "
        "method reduces dropped tokens by 71% and improves perplexity by 0.4 points at equal FLOPs."
    )
    assert (moe.authors_count, moe.date, moe.upvotes) == (5, "2024-11-01", 42)
    assert not any(p.title_synthesized or (p.title or "").startswith("On language") for p in papers.values())
    assert (
        "daily_paste_handmade.txt:5: line joined to the abstract on line 4 (a wrapped abstract: the paper's "
        "authors or date line comes after it)" in problems
    )


def test_wrapped_title_is_one_title(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA's repro: the paper was published as "of Failure Modes in Open-Domain Question Answering" and the message
    said a paper was skipped when its title was cut. No title starts with a lower-case "of"."""
    papers, problems, _ = read("daily_paste_handmade.txt", monkeypatch)
    rag = papers[
        "Retrieval-Augmented Generation Under Distribution Shift: A Benchmark and Analysis of Failure Modes in "
        "Open-Domain Question Answering"
    ]
    assert (str(rag.sources[0]), rag.authors_count, rag.date, rag.upvotes) == (
        "daily_paste_handmade.txt:9",
        3,
        "2024-11-01",
        17,
    )
    assert problems == [
        "daily_paste_handmade.txt:5: line joined to the abstract on line 4 (a wrapped abstract: the paper's authors "
        "or date line comes after it)",
        "daily_paste_handmade.txt:10: line joined to the title on line 9 (a wrapped title: no title starts with 'of')",
    ]
    assert len(papers) == 5


def test_compact_layout_joins_only_clear_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compact layout: titles and abstracts alternate with no blank lines, and a title may start in lower case
    ("iVideoGPT", "node2vec", "gzip", "vMF"): those stay titles. An abstract ending mid-sentence, a line starting
    in lower case, a title ending in a colon or followed by "with ..." are joined."""
    papers, problems, reader = read("daily_paste_compact.txt", monkeypatch)
    assert reader == "daily-compact"
    for title in (
        "iVideoGPT: Interactive VideoGPTs are Scalable World Models",
        "node2vec: Scalable Feature Learning for Networks",
        "gzip Predicts Data-dependent Scaling Laws",
        "vMF Mixtures for Hyperspherical Clustering of Sentence Embeddings",
        "Retrieval-Augmented Generation Under Distribution Shift: A Benchmark and Analysis of Failure Modes in "
        "Open-Domain Question Answering",
        "Equivariant Message Passing for Protein-Ligand Binding Affinity Prediction with Graph Neural Networks on the "
        "Joint Atomic Graph",
    ):
        assert title in papers and not papers[title].title_synthesized, title
    routing = papers["Sparse Routing with Learned Capacity for Mixture-of-Experts Transformers"]
    assert "using a differentiable relaxation of the top-k assignment, and show" in routing.abstract
    coma = papers["Weak-Lensing Halo Masses of Ultra-Diffuse Galaxies in Coma"]
    assert coma.abstract.endswith(
        "their mean halo mass. and find it consistent with dwarf-like rather than "
        "Milky-Way-like haloes, in line with formation by feedback."
    )
    assert problems[:4] == [
        "daily_paste_compact.txt:5: line joined to the abstract on line 4 (a wrapped abstract: the abstract above "
        "ends mid-sentence)",
        "daily_paste_compact.txt:13: line joined to the title on line 12 (a wrapped title: the title above ends "
        "with ':')",
        "daily_paste_compact.txt:16: line joined to the title on line 15 (a wrapped title: no title starts with "
        "'with')",
        "daily_paste_compact.txt:20: line joined to the abstract on line 19 (a wrapped abstract: it starts in "
        "lower case)",
    ]


def test_unclear_cases_keep_the_reading_and_say_what_probably_happened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two complete-looking title lines in a row, or an abstract whose next line starts a sentence of its own with
    another paper's title after it: read as today, but the message says what may have happened."""
    papers, problems, _ = read("daily_paste_compact.txt", monkeypatch)
    assert problems[4:] == [
        "daily_paste_compact.txt:21: title with no abstract (two title lines in a row: a wrapped title?), skipped: "
        "'A Title Whose Abstract Never Came'",
        "daily_paste_compact.txt:26: abstract with no title line right after another abstract (one abstract broken "
        "onto two lines?); title will be synthesized",
    ]
    stray = next(p for p in papers.values() if p.sources[0].line == 26)
    assert stray.title is None  # synthesized later, by enrich


def test_stray_line_never_takes_a_papers_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spaced layout: a short last line of an abstract ("Code and weights are released ...") was read as a title
    with no abstract and took the paper's authors and date with it when skipped; an unclear stray paragraph with
    the next paper's title after it is a paper of its own but takes nobody's authors or date."""
    papers, problems, reader = read("daily_paste_spaced.txt", monkeypatch)
    assert reader == "daily-spaced"
    gnn = papers["Graph Neural Networks for Protein-Ligand Binding Affinity Prediction"]
    assert gnn.abstract.endswith("the pocket and the ligand. Code and weights are released with the paper.")
    assert (gnn.authors_count, gnn.date, gnn.upvotes) == (5, "2024-11-02", 3)
    stray = next(p for p in papers.values() if p.sources[0].line == 9)
    assert (stray.title, stray.authors_count, stray.date, stray.upvotes) == (None, None, None, None)
    merging = papers["Token Merging for Fast Stable Diffusion"]
    assert (merging.authors_count, merging.date, merging.upvotes) == (3, "2024-03-03", 12)
    assert problems == [
        "daily_paste_spaced.txt:9: abstract with no title line right after another abstract (one abstract broken "
        "onto two lines?); title will be synthesized",
        "daily_paste_spaced.txt:22: line joined to the abstract on line 21 (a wrapped abstract: the paper's authors "
        "or date line comes after it)",
        "daily_paste_spaced.txt:36: title with no abstract, skipped: 'A Missing Abstract Paper'",
    ]


PROSE = (
    "We route tokens to experts with a learned capacity factor and show on language modelling benchmarks that it "
    "drops fewer tokens than a fixed capacity factor at the same cost, with gains that hold from 8 to 64 experts and "
    "across model sizes, while the router itself adds no measurable overhead{}"
)


def test_titles_after_a_cut_abstract_are_not_glued_to_it() -> None:
    """An abstract ending mid-sentence takes a line that ends a sentence, not every title-like line after it: a run
    of titles without abstracts stays reported, one by one (the first version glued them all into the abstract)."""
    lines = (
        "Capacity Factors for Mixture-of-Experts Routing",
        PROSE.format(" in our method"),
        "A Title Whose Abstract Never Came",
        "Another Title Whose Abstract Never Came",
        "Sparse Mixture-of-",
        "Experts Routing at Scale",
        PROSE.format("."),
    )
    papers, problems = daily.read_listing(TextFile("f.txt", lines))
    assert [(p.title, p.abstract) for p in papers] == [
        ("Capacity Factors for Mixture-of-Experts Routing", PROSE.format(" in our method")),
        ("Sparse Mixture-of-Experts Routing at Scale", PROSE.format(".")),
    ]
    assert [str(p) for p in problems] == [
        "f.txt:3: title with no abstract (two title lines in a row: a wrapped title?), skipped: "
        "'A Title Whose Abstract Never Came'",
        "f.txt:4: title with no abstract (two title lines in a row: a wrapped title?), skipped: "
        "'Another Title Whose Abstract Never Came'",
        "f.txt:6: line joined to the title on line 5 (a wrapped title: the title above ends with '-')",
    ]


def walks(text: TextFile) -> tuple[tuple[list[Paper], list[str]], tuple[list[Paper], list[str]]]:
    """The reading as written and the mended reading (papers and problems as shown)."""
    content = daily._content_lines(text)
    plain, mended = daily._walk(text.path, content), daily._walk(text.path, content, mend=True)
    return (plain[0], [str(p) for p in plain[1]]), (mended[0], [str(p) for p in mended[1]])


LISTING_SEEDS = {
    "001_407d50b71459219c.txt": "daily-compact",
    "002_ed30593a9748ae30.txt": "daily-compact",
    "003_9f0e949b75d789a8.txt": "daily-spaced",
    "004_e204ecf7e2c37846.txt": "daily-spaced",
}


@pytest.mark.parametrize("seed", sorted(LISTING_SEEDS))
def test_seeds_read_as_before(seed: str) -> None:
    """Measured on the seeds of both layouts: mending joins no line and changes nothing (the golden files of
    test_golden.py say the same of the whole reading)."""
    assert read_file(SEEDS / seed)[2] == LISTING_SEEDS[seed]
    text = TextFile(f"seeds/{seed}", tuple((SEEDS / seed).read_text(encoding="utf-8").splitlines()))
    plain, mended = walks(text)
    assert mended == plain
    assert plain[1] == []


LINE = st.one_of(
    st.sampled_from(
        [
            "A Title In Title Case",
            "iVideoGPT: Interactive VideoGPTs are Scalable World Models",
            "gzip Predicts Data-dependent Scaling Laws",
            "x-vectors: Robust DNN Embeddings for Speaker Recognition",
            "(Nearly) Optimal Private Linear Regression",
            "Retrieval Under Shift:",
            "of Failure Modes in Question Answering",
            "and improves perplexity by 0.4 points.",
            "experts. On benchmarks it drops fewer tokens",
            "A terse summary without a full stop",
            "Code is released.",
            "• 5 authors",
            "Nov 1, 2024 42",
            "",
        ]
    ),
    st.builds(
        lambda start, end: f"{start} the method learns a routing of tokens to experts over many layers and data{end}",
        st.sampled_from(["We show that", "and", "On benchmarks", "using", "large-scale models where", "(DFS) and"]),
        st.sampled_from([".", "", " at https://github.com/x/y"]),
    ),
)


MIDDLE = "and the method learns a routing of tokens to experts over many layers and data"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=24))
@example(["A Title In Title Case", "and improves perplexity by 0.4 points.", MIDDLE, MIDDLE, "A Title In Title Case"])
@example(
    [
        "A Title In Title Case",
        "and improves perplexity by 0.4 points.",
        MIDDLE,
        f"{MIDDLE} at https://github.com/x/y",
        "and improves perplexity by 0.4 points.",
    ]
)
def test_a_listing_read_without_problems_reads_the_same(lines: list[str]) -> None:
    """Only lines the walk would report are joined, and the middle line of an abstract wrapped onto three or more
    (``daily._abstract_goes_on``): with no problem as written, the mended reading is the same, and mending leaves
    no more lines unread (skipped titles, untitled abstracts) than it found. Its notes may be more: each joined line
    of a wrapped abstract is said, where the reading as written took two of them for a title and its abstract."""
    plain, mended = walks(TextFile("f.txt", tuple(lines)))
    if not plain[1]:
        assert mended == plain
    unread = [problem for problem in mended[1] if ": line joined to the " not in problem]
    assert len(unread) <= len(plain[1])


def test_title_only_entry_is_not_glued_to_the_abstract_above(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA round 2: a title with no abstract after a paper with no authors or date lines was joined to that paper's
    abstract, which also took the entry's "3 authors", date and upvotes ("... before the learning rate is large.
    Are Emergent Abilities of Large Language Models a Mirage?"; at scale 12 of 199 such titles). A short line with
    no full stop, or ending in a question mark, is a title, not the rest of an abstract; a broken-off sentence
    ("Code and weights are released with the paper.") is still joined."""
    papers, problems, reader = read("daily_title_only_after_nometa.txt", monkeypatch)
    assert reader == "daily-spaced"
    warmup = papers["Learning Rate Warmup Is Not What You Think"]
    assert warmup.abstract.endswith("before the learning rate is large.")
    assert (warmup.authors_count, warmup.date, warmup.upvotes) == (None, None, None)
    merging = papers["Token Merging for Fast Stable Diffusion"]
    assert merging.abstract.endswith("for a twofold speed-up.")
    assert (merging.authors_count, merging.date, merging.upvotes) == (None, None, None)
    gnn = papers["Graph Neural Networks for Protein-Ligand Binding Affinity Prediction"]
    assert gnn.abstract.endswith("the pocket and the ligand. Code and weights are released with the paper.")
    assert (gnn.authors_count, gnn.date, gnn.upvotes) == (5, "2024-11-02", 3)
    assert problems == [
        "daily_title_only_after_nometa.txt:25: title with no abstract, skipped: "
        "'Are Emergent Abilities of Large Language Models a Mirage?'",
        "daily_title_only_after_nometa.txt:44: title with no abstract, skipped: 'Multilinear Operator Networks'",
        "daily_title_only_after_nometa.txt:62: line joined to the abstract on line 61 (a wrapped abstract: the "
        "paper's authors or date line comes after it)",
    ]


def test_question_title_after_an_abstract_ending_in_a_bare_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA round 2, compact layout: an abstract ending "Code is available at github.com/example/capmoe" (no full
    stop, no "https://") reads as cut mid-sentence, and the title-only line after it ends in "?" as sentences do:
    it was glued on. A line shaped like a title is not joined for ending a sentence."""
    papers, problems, reader = read("daily_compact_question_title.txt", monkeypatch)
    assert reader == "daily-compact"
    routing = papers["Capacity-Aware Routing for Sparse Mixture-of-Experts Language Models"]
    assert routing.abstract.endswith("Code is available at github.com/example/capmoe")
    assert problems == [
        "daily_compact_question_title.txt:10: title with no abstract (two title lines in a row: a wrapped title?), "
        "skipped: 'Are Emergent Abilities of Large Language Models a Mirage?'"
    ]
    assert len(papers) == 8


def test_authors_and_date_lines_end_an_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA round 2: two title-only entries in a row made one paper whose abstract was the second title, with the
    second entry's authors, date and upvotes (24 of 199 title-only entries in a listing of 3,000 papers). Once an
    entry's authors or date line is read the entry is over: the next title is a title, and an abstract after it is
    one with no title line (said), not the abstract of the title-only entry above."""
    papers, problems, reader = read("daily_title_only_in_a_row.txt", monkeypatch)
    assert reader == "daily-spaced"
    assert not any("Universal Neurons" in (p.abstract or "") for p in papers.values())
    merging = papers["Token Merging for Fast Stable Diffusion"]
    assert (merging.authors_count, merging.date, merging.upvotes) == (2, "2024-11-04", 7)
    sparsity = next(p for p in papers.values() if p.abstract.startswith("We explore the impact of parameter sparsity"))
    assert (sparsity.title, sparsity.authors_count, sparsity.date, sparsity.upvotes) == (None, 3, "2024-11-06", 4)
    assert problems == [
        "daily_title_only_in_a_row.txt:17: title with no abstract, skipped: "
        "'Improving Multi-Interest Network with Stable Learning'",
        "daily_title_only_in_a_row.txt:23: title with no abstract, skipped: "
        "'Universal Neurons in GPT2 Language Models'",
        "daily_title_only_in_a_row.txt:53: title with no abstract, skipped: "
        "'Scaling Laws for Sparsely-Connected Foundation Models'",
        "daily_title_only_in_a_row.txt:59: abstract with no title line (the title above already had its authors or "
        "date line: this abstract's title lost?); title will be synthesized",
        "daily_title_only_in_a_row.txt:129: title with no abstract, skipped: "
        "'Hyena Hierarchy: Towards Larger Convolutional Language Models'",
    ]


def test_title_shape_on_the_seeds() -> None:
    """What :func:`daily._title_shaped` rests on, measured on every seed: each title is shaped like one, and of the
    4,000-odd tails a paste could break off an abstract at a sentence's end, only those of the 2 abstracts that end
    with no full stop are."""
    titles, abstracts = [], []
    for seed in sorted(SEEDS.iterdir()):
        papers = read_file(seed)[0]
        titles += [p.title for p in papers if p.title]
        abstracts += [p.abstract for p in papers]
    assert len(titles) > 500 and all(daily._title_shaped(title) for title in titles)
    tails = [a[m.end() :] for a in abstracts for m in re.finditer(r"[.?!] (?=[A-Z])", a)]
    shaped = [tail for tail in tails if daily._title_shaped(tail)]
    assert len(tails) > 4000 and len(shaped) <= 3
    assert all(not daily._ends_sentence(tail) for tail in shaped)


def test_a_listing_that_lost_most_abstracts_is_still_read(tmp_path: Path) -> None:
    """A scrape that lost half or more of its abstracts was skipped whole as "unrecognised format", its papers with
    abstracts too: a title followed by its authors or date line is a listing's entry, not a line left over. Each
    title with no abstract is said and skipped."""
    entries = []
    for n in range(1, 7):
        entries += [f"A Study of Topic Number {n} in Learning", "", "  • 3 authors", "·", f"May {n}, 2024 1{n}", ""]
        if n % 3 == 0:
            abstract = f"We study topic {n} with a new method and show that it improves accuracy on five benchmarks."
            entries[-5:-5] = [abstract, ""]
    path = tmp_path / "listing.txt"
    path.write_text("Daily Papers\n\n" + "\n".join(entries), encoding="utf-8")
    papers, problems, reader = read_file(path)
    assert reader == "daily-spaced"
    assert [(p.title, p.authors_count, p.upvotes) for p in papers] == [
        ("A Study of Topic Number 3 in Learning", 3, 13),
        ("A Study of Topic Number 6 in Learning", 3, 16),
    ]
    assert [p.message for p in problems] == [
        f"title with no abstract, skipped: 'A Study of Topic Number {n} in Learning'" for n in (1, 2, 4, 5)
    ]


def fixture_lines(name: str) -> list[str]:
    """The fixture's lines as written, numbered from 1 (index 0 is empty)."""
    return ["", *(CASES / name).read_text(encoding="utf-8").splitlines()]


def test_wrapped_abstract_is_joined_compact(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: an abstract a paste wrapped onto two or three lines ("... We propose a method that" + "improves the
    agreement of ...") had its first line read as a title, the real title reported as one with no abstract. A line
    that does not end a sentence, with a next line starting with two lower-case words, opens the abstract; the
    next lines are joined to it, said. A title-cased line stays a title even when its abstract starts in lower
    case, and a title with no abstract above it stays reported."""
    papers, problems, reader = read("daily_wrapped_abstract_compact.txt", monkeypatch)
    lines = fixture_lines("daily_wrapped_abstract_compact.txt")
    assert reader == "daily-compact"
    judges = papers["Calibrated LLM Judges from a Few Human Labels"]
    assert judges.abstract == f"{lines[4]} {lines[5]}"
    assert str(judges.sources[0]) == "daily_wrapped_abstract_compact.txt:3"
    drafts = papers["Tree-Structured Speculative Decoding at Scale"]
    assert drafts.abstract == f"{lines[7]} {lines[8]} {lines[9]}"
    assert str(drafts.sources[0]) == "daily_wrapped_abstract_compact.txt:6"
    sae = papers["Sparse Autoencoders Find Interpretable Features in Language Models"]
    assert (sae.abstract, str(sae.sources[0])) == (lines[12], "daily_wrapped_abstract_compact.txt:11")
    assert len(papers) == 11 and not any(p.title is None or p.title.endswith("that") for p in papers.values())
    assert problems == [
        "daily_wrapped_abstract_compact.txt:5: line joined to the abstract on line 4 (a wrapped abstract: the "
        "abstract above ends mid-sentence)",
        "daily_wrapped_abstract_compact.txt:8: line joined to the abstract on line 7 (a wrapped abstract: it starts "
        "in lower case)",
        "daily_wrapped_abstract_compact.txt:9: line joined to the abstract on line 8 (a wrapped abstract: the "
        "abstract above ends mid-sentence)",
        "daily_wrapped_abstract_compact.txt:10: title with no abstract (two title lines in a row: a wrapped title?), "
        "skipped: 'A Title Whose Abstract Never Came'",
    ]


def test_wrapped_abstract_is_joined_spaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same in the blank-line-spaced layout: the wrapped abstract keeps its paper's authors, date and upvotes
    (the abstract's first line was a paper of its own that took them, its real title skipped)."""
    papers, problems, reader = read("daily_wrapped_abstract_spaced.txt", monkeypatch)
    lines = fixture_lines("daily_wrapped_abstract_spaced.txt")
    assert reader == "daily-spaced"
    judges = papers["Calibrated LLM Judges from a Few Human Labels"]
    assert judges.abstract == f"{lines[7]} {lines[8]}"
    assert (str(judges.sources[0]), judges.authors_count, judges.date, judges.upvotes) == (
        "daily_wrapped_abstract_spaced.txt:5",
        4,
        "2024-11-04",
        12,
    )
    drafts = papers["Tree-Structured Speculative Decoding at Scale"]
    assert drafts.abstract == f"{lines[16]} {lines[17]} {lines[18]}"
    assert (str(drafts.sources[0]), drafts.authors_count, drafts.date, drafts.upvotes) == (
        "daily_wrapped_abstract_spaced.txt:14",
        6,
        "2024-11-04",
        30,
    )
    assert len(papers) == 11 and all(p.title for p in papers.values())
    assert problems == [
        "daily_wrapped_abstract_spaced.txt:8: line joined to the abstract on line 7 (a wrapped abstract: the "
        "abstract above ends mid-sentence)",
        "daily_wrapped_abstract_spaced.txt:17: line joined to the abstract on line 16 (a wrapped abstract: it starts "
        "in lower case)",
        "daily_wrapped_abstract_spaced.txt:18: line joined to the abstract on line 17 (a wrapped abstract: the "
        "abstract above ends mid-sentence)",
    ]


def test_upvote_count_line_is_noise(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: the page's vote button pasted as a line of its own ("Upvote" and "12", "Upvote 3", or "9" alone) was
    read as a title: the file was an unrecognised format. It is noise like "Subscribe" and "·"; the upvotes of a
    paper are still those of its date line ("Nov 6, 2024 7")."""
    papers, problems, reader = read("daily_upvote_line.txt", monkeypatch)
    assert reader == "daily-spaced"
    assert [(str(p.sources[0]), p.title, p.authors_count, p.date, p.upvotes) for p in papers.values()] == [
        ("daily_upvote_line.txt:5", "Calibrated LLM Judges from a Few Human Labels", 4, "2024-11-04", None),
        ("daily_upvote_line.txt:15", "Learning Rate Warmup Is Not What You Think", 4, "2024-11-05", None),
        (
            "daily_upvote_line.txt:24",
            "Sparse Autoencoders Find Interpretable Features in Language Models",
            2,
            "2024-11-05",
            None,
        ),
        ("daily_upvote_line.txt:33", "Token Merging for Fast Stable Diffusion", 3, "2024-11-06", 7),
    ]
    assert problems == []
    compact = ("A Title", "12", PROSE.format("."), "Another Title", "Upvote 4", PROSE.format("!"))
    listing, listing_problems = daily.read_listing(TextFile("f.txt", compact))
    assert [(p.title, p.abstract, p.sources[0].line) for p in listing] == [
        ("A Title", PROSE.format("."), 1),
        ("Another Title", PROSE.format("!"), 4),
    ]
    assert listing_problems == []


@pytest.mark.parametrize(
    ("name", "reader", "entries"),
    [
        (
            "daily_all_wrapped_compact.txt",
            "daily-compact",
            [(3, [4, 5]), (6, [7, 8, 9]), (10, [11, 12]), (13, [14, 15])],
        ),
        ("daily_all_wrapped_spaced.txt", "daily-spaced", [(5, [7, 8]), (14, [16, 17, 18]), (24, [26, 27])]),
    ],
)
def test_a_listing_whose_abstracts_are_all_wrapped_is_read(
    name: str, reader: str, entries: list[tuple[int, list[int]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: recognition judged the page as written, where each line a paste's wrap added is a line left over, so a
    page whose every abstract was wrapped was an unrecognised format, none of its papers read. A join in an entry
    that is clearly a listing's (a title, then an abstract whose first line is long prose) no longer counts against
    it: every paper is read with its title and whole abstract, and each joined line is said."""
    lines = fixture_lines(name)
    monkeypatch.chdir(CASES)
    corpus = read_corpus([name])
    assert corpus.readers == {name: reader}
    by_line = {p.sources[0].line: p for p in corpus.papers}
    assert [(n, by_line[n].title, by_line[n].abstract) for n, _ in entries] == [
        (n, lines[n], " ".join(lines[a] for a in abstract)) for n, abstract in entries
    ]
    assert len(corpus.papers) == len(entries)
    joined = [(a, b) for _, abstract in entries for a, b in pairwise(abstract)]
    assert [(p.line, p.message.split(" (")[0]) for p in corpus.problems] == [
        (b, f"line joined to the abstract on line {a}") for a, b in joined
    ]


@pytest.mark.parametrize("name", ["wrapped_prose.txt", "wrapped_note.txt"])
def test_wrapped_prose_is_still_no_listing(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining lines must not make other text a listing: an essay wrapped at 72 columns (no line is long prose by
    itself), and a heading over one paragraph wrapped at 90 (one entry alone is any note's), read as joined, would
    be papers made of its lines; both stay an unrecognised format, as before."""
    monkeypatch.chdir(CASES)
    corpus = read_corpus([name])
    assert (corpus.papers, corpus.readers) == ([], {})
    assert [str(p).split(" (")[0] for p in corpus.problems] == [f"{name}:1: unrecognised format"]

"""CLI: exit codes, exact output lines and help text for every command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.plugin import NO_SITE_URL
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 40, f"{name} needs help text"
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and f"Usage: main {name}" in sub.output


def test_python_m_sitegen_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "sitegen", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Usage: python -m sitegen" in done.stdout, done.stderr


def test_parse_seeds(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["parse", "seeds/"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 577
    first = json.loads(lines[0])
    assert list(first) == [
        "id",
        "title",
        "title_synthesized",
        "abstract",
        "authors_count",
        "authors",
        "date",
        "upvotes",
        "links",
        "venue",
        "publication_type",
        "sources",
    ]
    assert (
        result.stderr.strip().splitlines()[-1]
        == "5 files read: 594 records, 17 duplicates merged, 0 skipped, 577 papers"
    )
    no_dedupe = runner.invoke(main, ["parse", "--no-dedupe", "seeds"])
    assert len(no_dedupe.stdout.splitlines()) == 594


def test_parse_reports_problems_and_strict_exits_1(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "ingest")
    result = runner.invoke(main, ["parse", "dangling_title.txt", "empty.txt"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "dangling_title.txt:3: title with no abstract, skipped: 'A Title Whose Abstract Never Came'" in result.stderr
    assert "empty.txt:1: empty file, skipped" in result.stderr
    # A skipped file is a file, not a record: the totals keep the two apart; then why, as "build" says it.
    assert result.stderr.strip().splitlines()[-3:] == [
        "1 file read, 1 file skipped: 2 records, 0 duplicates merged, 1 skipped, 1 paper",
        "  skipped 1 file: empty file",
        "  skipped 1 record: title with no abstract",
    ]
    strict = runner.invoke(main, ["parse", "--strict", "dangling_title.txt", "empty.txt"])
    assert strict.exit_code == 1
    assert strict.stderr.strip().splitlines()[-1] == "Error: 2 problem(s) in the input (--strict)"
    assert len(strict.stdout.splitlines()) == 1  # everything good is still printed


def test_strict_passes_on_an_export_with_a_byte_order_mark_and_crlf(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zotero writes its CSV with a byte order mark and every RIS file has Windows line endings: how the export is
    written, not a problem with it, so a clean export passes --strict."""
    csv = 'Key,Title,Abstract Note\r\nAB12,"Stable sorting","We sort, stably, in linear time."\r\n'
    (tmp_path / "zotero.csv").write_bytes(b"\xef\xbb\xbf" + csv.encode())
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["parse", "--strict", "zotero.csv"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Stable sorting"
    assert result.stderr.strip() == "1 file read: 1 record, 0 duplicates merged, 0 skipped, 1 paper"


def test_missing_path_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    for command in (["parse"], ["themes"], ["build", "-o", str(tmp_path / "site")]):
        for given in ("no/such/folder", "/no/such/folder"):  # "build" said "../../no/such/folder" (QA)
            result = runner.invoke(main, [*command, given])
            assert result.exit_code == 1, (command, result.stderr)
            assert result.stderr == f"Error: {given}: no such file or folder\n", command


def test_a_tally_that_does_not_add_up_stops_the_build() -> None:
    from sitegen.errors import BuildError
    from sitegen.pipeline import check_nothing_lost
    from sitegen.records import Tally

    check_nothing_lost(Tally(records=10, pages=7, merged=2, skipped=1))
    with pytest.raises(BuildError, match="10 read != 7 written \\+ 1 merged \\+ 1 skipped"):
        check_nothing_lost(Tally(records=10, pages=7, merged=1, skipped=1))


def test_parse_output_read_back_beside_its_input_is_the_same_papers(runner: CliRunner, tmp_path: Path) -> None:
    """Untitled papers get a title derived from the abstract; read back from `sitegen parse` output (where
    ``title_synthesized`` says so) it is derived again, so the copies merge instead of sharing one page."""
    dump = tmp_path / "a.txt"
    dump.write_text(
        "Abstract: We introduce QuantNet, a quantization-aware training method for transformers at 4 bits.\n"
        "Abstract: This paper studies federated learning under heterogeneous client data and proposes FedProx.\n",
        encoding="utf-8",
    )
    parsed = runner.invoke(main, ["parse", str(dump)])
    assert parsed.exit_code == 0, parsed.output
    (tmp_path / "x.jsonl").write_text(parsed.stdout, encoding="utf-8")
    assert all(json.loads(line)["title_synthesized"] for line in parsed.stdout.splitlines())
    out = tmp_path / "site"
    built = runner.invoke(
        main, ["build", str(dump), str(tmp_path / "x.jsonl"), "-o", str(out), "--engine", "tfidf", "-q"]
    )
    assert built.exit_code == 0, built.output
    assert "4 records, 2 duplicates merged, 0 skipped, 2 papers; 2 paper pages written" in built.output
    assert len(list((out / "papers").iterdir())) == 2


def test_build_without_out_writes_where_mkdocs_build_would(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The config's site_dir, beside the config file (default ``site``), as ``mkdocs build`` reads it."""
    project = tmp_path / "proj"
    (project / "abstracts").mkdir(parents=True)
    (project / "docs").mkdir()
    shutil.copy(FIXTURES / "ingest" / "spaced_upvotes.txt", project / "abstracts")
    plugin = "theme: {name: material}\nplugins: [{sitegen: {inputs: [abstracts]}}]\n"
    (project / "public.yml").write_text(f"site_name: x\nsite_dir: public\n{plugin}", encoding="utf-8")
    (project / "plain.yml").write_text(f"site_name: x\n{plugin}", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    for config, folder in (("public.yml", "public"), ("plain.yml", "site")):
        result = runner.invoke(main, ["build", "-f", str(project / config), "--engine", "tfidf", "-q"])
        assert result.exit_code == 0, result.output
        assert (project / folder / "papers.json").is_file(), config
        assert f"Site written to {project / folder}/" in result.output
    assert not Path("site").exists()


def test_json_problems_tally_one_reason_line_per_kind_and_a_file_skipped_whole_as_a_file(tmp_path: Path) -> None:
    from sitegen.pipeline import read_corpus

    (tmp_path / "env.json").write_text('{"results": [{"title": "A", "abstract": "cut sh', encoding="utf-8")
    (tmp_path / "l.jsonl").write_text(
        '{"title": "A", "abstract": "One two three four five."}\n{"title": "B", "abstract": "x\n'
        '{"title": "Cc", "abstract": "x\n{"title": "D", "abstract": "Some words here for an abstract."}\n',
        encoding="utf-8",
    )
    corpus = read_corpus([str(tmp_path)])
    tally = corpus.tally
    assert (tally.files, tally.files_skipped, tally.records, tally.skipped) == (2, 1, 4, 2)
    assert tally.reasons() == [
        "skipped 1 file: not valid JSON (Unterminated string starting at some column)",
        "skipped 2 records: not valid JSON (Unterminated string starting at some column)",
    ]
    assert sorted(p.message for p in corpus.problems)[0].endswith(
        "(Unterminated string starting at column 28), skipped"
    )


def test_papers_with_the_same_title_and_abstract_still_get_ids_of_their_own() -> None:
    from sitegen.enrich import assign_ids
    from sitegen.records import Paper, Source

    twins = [Paper("", "Foo", "Same text.", (Source(f"{n}.txt", 1),)) for n in range(3)]
    other = Paper("", "Foo 2", "Other text.", (Source("o.txt", 1),))  # whose own slug is "foo-2"
    ids = [p.id for p in assign_ids([*twins, other])]
    assert len(set(ids)) == 4, ids


def test_a_namesake_that_comes_later_leaves_the_first_papers_id_alone() -> None:
    """The oldest of the papers sharing a title keeps the bare slug, in any order; an undated one yields to a dated
    one. Before, every namesake got a hashed id, so the page of a paper already published moved."""
    from sitegen.enrich import assign_ids
    from sitegen.records import Paper, Source

    first = Paper("", "Scaling Laws", "The first paper.", (Source("a.txt", 1),), date="2023-05-01")
    later = Paper("", "Scaling Laws", "A later paper of the same name.", (Source("b.txt", 1),), date="2024-02-01")
    undated = Paper("", "Scaling laws", "An undated one.", (Source("c.txt", 1),))
    assert [p.id for p in assign_ids([first])] == ["scaling-laws"]
    for papers in ([first, later], [later, first], [undated, later, first]):
        ids = {p.abstract: p.id for p in assign_ids(papers)}
        assert ids["The first paper."] == "scaling-laws"
        assert ids["A later paper of the same name."].startswith("scaling-laws-")
    undated_id, later_id = (p.id for p in assign_ids([undated, later]))
    assert (later_id, undated_id[:13]) == ("scaling-laws", "scaling-laws-")


def test_twins_get_their_ids_by_content_not_by_file() -> None:
    """QA (2026-11-30): two papers of the same title and abstract kept apart by their DOIs swapped pages when a
    file was renamed: the plain id went to the one read first."""
    from sitegen.enrich import assign_ids
    from sitegen.records import Paper, Source

    def twins(files: tuple[str, str]) -> dict[str, str]:
        papers = [
            Paper("", "Same", "Same text.", (Source(f, 1),), links=(f"https://doi.org/10.1/{doi}",))
            for f, doi in zip(files, ("aaa", "bbb"), strict=True)
        ]
        return {p.links[0]: p.id for p in assign_ids(sorted(papers, key=lambda p: p.sources))}  # as the pipeline

    assert twins(("a.ris", "b.ris")) == twins(("z.ris", "b.ris"))


@pytest.mark.parametrize(
    ("tally", "summary", "written"),
    [
        (
            dict(files=5, records=10, pages=9, merged=1, themes=3, unsorted=1),
            "5 files read: 10 records, 1 duplicate merged, 0 skipped, 9 papers",
            "9 paper pages written, 3 themes, 1 paper unsorted",
        ),
        (
            dict(files=2, files_skipped=1, records=1, pages=1, themes=1),
            "1 file read, 1 file skipped: 1 record, 0 duplicates merged, 0 skipped, 1 paper",
            "1 paper page written, 1 theme",
        ),
    ],
)
def test_the_tally_counts_files_read_apart_from_those_skipped_and_unsorted_apart_from_themes(
    tally: dict[str, int], summary: str, written: str
) -> None:
    from sitegen.records import Tally

    assert (Tally(**tally).summary(), Tally(**tally).written()) == (summary, written)


# ---------------------------------------------------------------- build: what --out may replace

ADVICE = "choose a new or empty folder for --out"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/" for p in folder.rglob("*")}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/proj/{abstracts/papers.jsonl, notes.txt, other/keep.txt, conf/mkdocs.yml}; the working folder is proj."""
    proj = tmp_path / "proj"
    (proj / "abstracts").mkdir(parents=True)
    shutil.copy(FIXTURES / "hostile" / "same_title.jsonl", proj / "abstracts" / "papers.jsonl")
    (proj / "notes.txt").write_text("keep me\n")
    (proj / "other").mkdir()
    (proj / "other" / "keep.txt").write_text("keep me too\n")
    (proj / "conf").mkdir()
    config = {
        "site_name": "Refused",
        "docs_dir": str(ROOT / "templates" / "docs"),
        "theme": {"name": "material"},
        "plugins": [{"sitegen": {"inputs": [str(proj / "abstracts")]}}],
    }
    (proj / "conf" / "mkdocs.yml").write_text(json.dumps(config))
    monkeypatch.chdir(proj)
    return proj


@pytest.mark.parametrize(
    ("cwd", "args", "message"),
    [
        (
            ".",
            ["abstracts", "--out", "."],
            f".: holds the current folder, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["abstracts", "--out", "abstracts"],
            f"abstracts: is the input abstracts, which replacing the site would delete; {ADVICE}",
        ),
        (
            "..",
            ["proj/abstracts", "--out", "proj"],
            f"proj: holds the input proj/abstracts, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["abstracts/papers.jsonl", "--out", "abstracts"],
            f"abstracts: holds the input abstracts/papers.jsonl, which replacing the site would delete; {ADVICE}",
        ),
        (
            ".",
            ["-f", "conf/mkdocs.yml", "--out", "conf"],
            f"conf: holds the config file conf/mkdocs.yml, which replacing the site would delete; {ADVICE}",
        ),
        (".", ["abstracts", "--out", "notes.txt"], f"notes.txt: exists and is not a folder; {ADVICE}"),
        (
            ".",
            ["abstracts", "--out", "other"],
            f"other: exists and is not a sitegen site (no papers.json, no search/index.json); {ADVICE}, "
            "or delete it yourself",
        ),
    ],
)
def test_build_refuses_an_out_it_would_lose_data_by_replacing(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: list[str], message: str
) -> None:
    """`--out .` once deleted the whole project, `--out abstracts` the input, `--out notes.txt` the file."""
    monkeypatch.chdir(project / cwd)
    before = snapshot(project.parent)
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf", *args])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert snapshot(project.parent) == before  # nothing replaced, nothing even started beside it


def test_build_into_a_folder_that_cannot_be_made_is_one_error_line(runner: CliRunner, project: Path) -> None:
    """The site is built beside --out: a parent that is a file (or not writable) was a traceback from mkdtemp."""
    (project / "notes.txt").write_text("mine\n")
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf", "abstracts", "--out", "notes.txt/site"])
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot write the site into notes.txt (not a folder); choose another --out\n"


def test_build_refuses_an_out_that_is_the_embedding_cache(runner: CliRunner, project: Path) -> None:
    """Without a mkdocs.yml here the cache is ./.sitegen-cache: a build there would be swapped over it."""
    before = snapshot(project.parent)
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf", "abstracts", "--out", ".sitegen-cache"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: .sitegen-cache: is the embedding cache .sitegen-cache, which replacing the site would delete; "
        f"{ADVICE}\n"
    )
    assert snapshot(project.parent) == before


def test_build_refuses_a_previous_site_that_holds_the_embedding_cache(runner: CliRunner, project: Path) -> None:
    """A previous site may be replaced, but not when cache_dir lies inside it: the embeddings would go with it."""
    (project / "site" / "search").mkdir(parents=True)
    (project / "site" / "papers.json").write_text("{}\n")
    (project / "site" / "search" / "index.json").write_text("{}\n")
    (project / "site" / "cache" / "embeddings").mkdir(parents=True)
    (project / "site" / "cache" / "embeddings" / "vector.npy").write_bytes(b"\x93NUMPY")
    config = json.loads((project / "conf" / "mkdocs.yml").read_text())
    config["plugins"][0]["sitegen"]["cache_dir"] = str(project / "site" / "cache")
    (project / "conf" / "mkdocs.yml").write_text(json.dumps(config))
    before = snapshot(project.parent)
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf", "-f", "conf/mkdocs.yml", "--out", "site"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: site: holds the embedding cache site/cache, which replacing the site would delete; {ADVICE}\n"
    )
    assert snapshot(project.parent) == before


# ---------------------------------------------------------------- build --strict: stop right after reading


@pytest.fixture
def themes_never_run(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Theme detection replaced by a recorder that fails: a build that gets that far shows up in the list."""
    import sitegen.pipeline

    calls: list[int] = []

    def detect_themes(papers: object, options: object) -> None:
        calls.append(1)
        raise RuntimeError("detect_themes must not run in a strict build over bad input")

    monkeypatch.setattr(sitegen.pipeline, "detect_themes", detect_themes)
    return calls


STRICT_REPORT = [
    "abstracts/dangling_title.txt:3: title with no abstract, skipped: 'A Title Whose Abstract Never Came'",
    "1 file read: 2 records, 0 duplicates merged, 1 skipped, 1 paper",
    "  skipped 1 record: title with no abstract",
    "Error: 1 problem(s) in the input (--strict)",
]


def test_build_strict_stops_right_after_reading_and_keeps_the_previous_site(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, themes_never_run: list[int]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "ingest" / "dangling_title.txt", tmp_path / "abstracts")
    (tmp_path / "site" / "search").mkdir(parents=True)  # a previous site: its signature and a page
    (tmp_path / "site" / "papers.json").write_text('{"papers": []}\n')
    (tmp_path / "site" / "search" / "index.json").write_text("{}\n")
    (tmp_path / "site" / "index.html").write_text("the previous site\n")
    before = snapshot(tmp_path)
    result = runner.invoke(main, ["build", "abstracts", "--engine", "tfidf", "--strict", "-q", "--out", "site"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == STRICT_REPORT
    assert themes_never_run == []
    assert snapshot(tmp_path) == before  # the old site as it was, no staging folder left beside it


def test_build_strict_writes_no_new_site_and_shows_no_step_after_reading(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, themes_never_run: list[int]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "ingest" / "dangling_title.txt", tmp_path / "abstracts")
    result = runner.invoke(main, ["build", "abstracts", "--engine", "tfidf", "--strict", "--out", "site"])
    assert result.exit_code == 1, result.output
    assert "Reading abstracts" in result.stderr  # the progress output, not hidden by -q here
    assert "Detecting themes" not in result.stderr and "Writing pages" not in result.stderr
    assert result.stderr.splitlines()[-4:] == STRICT_REPORT
    assert themes_never_run == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abstracts"]


def test_build_strict_over_good_input_builds(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "ingest" / "spaced_upvotes.txt", tmp_path / "abstracts")
    result = runner.invoke(main, ["build", "abstracts", "--engine", "tfidf", "--strict", "-q", "--out", "site"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-2:] == ["Site written to site/", f"Note: {NO_SITE_URL}"]
    assert (tmp_path / "site" / "papers.json").is_file()


# ---------------------------------------------------------------- build over a folder that holds an old site


def test_build_over_a_folder_holding_an_old_site_notes_it_and_does_not_read_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "scan" / "old_site_inside", tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    before = snapshot(tmp_path / "project" / "old-site")
    result = runner.invoke(main, ["build", ".", "--engine", "tfidf", "--strict", "-q", "--out", "site"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Note: skipped old-site/: a site sitegen built (it holds papers.json and search/index.json)",
        "2 files read: 2 records, 0 duplicates merged, 0 skipped, 2 papers; 2 paper pages written, 1 theme "
        "(engine: tfidf)",
        "Site written to site/",
        "Note: site_url is not set, so the site is built for the root of a domain; for a sub-path (e.g. a GitHub "
        "Pages project site) set site_url in mkdocs.yml or SITEGEN_SITE_URL, or the 404 page loses its styles and "
        "the sitemap stays empty",
    ]
    assert snapshot(tmp_path / "project" / "old-site") == before
    data = json.loads((tmp_path / "project" / "site" / "papers.json").read_text(encoding="utf-8"))
    assert sorted(s["file"] for p in data["papers"] for s in p["sources"]) == ["exports/papers.json", "papers.jsonl"]


def test_parse_notes_a_skipped_site_before_the_problems(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = runner.invoke(main, ["parse", "scan/old_site_inside", "ingest/empty.txt"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr.splitlines() == [
        "Note: skipped scan/old_site_inside/old-site/: a site sitegen built (it holds papers.json and "
        "search/index.json)",
        "ingest/empty.txt:1: empty file, skipped",
        "2 files read, 1 file skipped: 2 records, 0 duplicates merged, 0 skipped, 2 papers",
        "  skipped 1 file: empty file",
    ]


# ---------------------------------------------------------------- no PATH given


def test_a_missing_default_input_says_it_is_the_default(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user's first run, in a folder without seeds/: the error says why seeds/ was read and what to do."""
    monkeypatch.chdir(tmp_path)
    message = (
        "Error: seeds: no such file or folder (the default input when no PATH is given; "
        "pass the files or folders of abstracts to read)\n"
    )
    for command in (["parse"], ["themes", "--engine", "tfidf"], ["build", "-q", "--engine", "tfidf"]):
        result = runner.invoke(main, command)
        assert (result.exit_code, result.stderr) == (1, message), command
    assert sorted(tmp_path.iterdir()) == []


def test_a_missing_input_of_the_config_names_the_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = {"site_name": "x", "theme": {"name": "material"}, "plugins": [{"sitegen": {"inputs": ["abstracts"]}}]}
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config))
    (tmp_path / "docs").mkdir()
    result = runner.invoke(main, ["build", "-q", "--engine", "tfidf"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: abstracts: no such file or folder (listed under inputs in mkdocs.yml; "
        "fix it there or pass PATH arguments)\n"
    )


def test_build_of_nothing_but_an_old_site_says_why_nothing_was_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "scan" / "old_site_inside")
    result = runner.invoke(main, ["build", "old-site", "-q", "--engine", "tfidf", "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []
    assert result.stderr.splitlines() == [
        "Note: skipped old-site/: a site sitegen built (it holds papers.json and search/index.json)",
        "0 files read: 0 records, 0 duplicates merged, 0 skipped, 0 papers",
        "Error: no papers in old-site: no files found there (hidden files and folders are not read, nor sites "
        "sitegen built); nothing was built, and a site already there is kept",
    ]


@pytest.mark.parametrize("command", [["parse"], ["themes", "--engine", "tfidf"]])
def test_parse_and_themes_of_a_folder_without_files_say_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    result = runner.invoke(main, [*command, "empty"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "Note: no files found in empty (hidden files and folders are not read)" in result.stderr.splitlines()


# ---------------------------------------------------------------- sitegen themes with a project's config


def test_themes_uses_the_sitegen_settings_of_the_projects_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sitegen themes`` shows the themes the site gets: the config's inputs, engine, count and renames apply
    (it ran with its own defaults, so a project set to tfidf was shown the semantic themes); the command line goes
    over them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "themes" / "four_topics.jsonl", tmp_path / "abstracts" / "papers.jsonl")
    plain = runner.invoke(main, ["themes", "abstracts", "--engine", "tfidf", "--count", "3"])
    first = json.loads(plain.stdout.splitlines()[0])
    settings = {"inputs": ["abstracts"], "engine": "tfidf", "theme_count": 3}
    config = {"site_name": "x", "theme": "material", "plugins": [{"sitegen": settings}]}
    settings["rename_themes"] = {first["theme_id"]: "Renamed by the config"}
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(plain.stdout.splitlines())
    assert {r["theme_label"] for r in rows if r["id"] == first["id"]} == {"Renamed by the config"}
    assert "3 themes over" in result.stderr and "(engine: tfidf)" in result.stderr
    counted = runner.invoke(main, ["themes", "--count", "2"])
    assert "2 themes over" in counted.stderr


def test_parse_reads_the_inputs_of_the_projects_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: in a project whose mkdocs.yml names ``abstracts/``, ``sitegen parse`` read seeds/ (or said it was missing)
    while ``themes`` and ``build`` read abstracts/; now all of them read the config's inputs, and ``-f`` names
    another config. PATH arguments still go over them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "themes" / "four_topics.jsonl", tmp_path / "abstracts" / "papers.jsonl")
    (tmp_path / "one.jsonl").write_text(
        json.dumps({"title": "A lone paper", "abstract": "We study one thing with care and measure it twice."}) + "\n",
        encoding="utf-8",
    )
    config = {"site_name": "x", "theme": "material", "plugins": [{"sitegen": {"inputs": ["abstracts"]}}]}
    (tmp_path / "docs").mkdir()
    (tmp_path / "site.yml").write_text(json.dumps(config), encoding="utf-8")
    named = runner.invoke(main, ["parse", "-f", "site.yml"])
    assert named.exit_code == 0, named.output
    assert named.stdout == runner.invoke(main, ["parse", "abstracts"]).stdout
    assert all(json.loads(line)["sources"][0]["file"].startswith("abstracts") for line in named.stdout.splitlines())
    (tmp_path / "site.yml").rename(tmp_path / "mkdocs.yml")
    here = runner.invoke(main, ["parse"])
    assert (here.exit_code, here.stdout) == (0, named.stdout)
    given = runner.invoke(main, ["parse", "one.jsonl"])
    assert [json.loads(line)["title"] for line in given.stdout.splitlines()] == ["A lone paper"]
    # the regression hunt: with PATHs, a config that does not load is none of parse's business
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sitegen: {bad\n", encoding="utf-8")
    broken = runner.invoke(main, ["parse", "one.jsonl"])
    assert broken.exit_code == 0 and [json.loads(line)["title"] for line in broken.stdout.splitlines()] == [
        "A lone paper"
    ]


def test_themes_without_a_config_here_uses_sitegens_own_as_build_does(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: ``sitegen themes`` ignored sitegen's own config (in the checkout, ./mkdocs.yml), so SITEGEN_ENGINE=tfidf
    built tfidf themes but showed semantic ones."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITEGEN_ENGINE", "tfidf")
    shutil.copy(FIXTURES / "themes" / "four_topics.jsonl", tmp_path / "papers.jsonl")
    result = runner.invoke(main, ["themes", "papers.jsonl"])
    assert result.exit_code == 0, result.output
    assert "(engine: tfidf)" in result.stderr
    monkeypatch.setenv("SITEGEN_ENGINE", "TFIDF")  # QA: the error named mkdocs.yml, not where the value came from
    wrong = runner.invoke(main, ["themes", "papers.jsonl"])
    assert wrong.exit_code == 2  # a configuration error
    assert wrong.stderr.rstrip().endswith(
        "(SITEGEN_ENGINE is 'TFIDF': sitegen's own mkdocs.yml reads the engine from it)"
    )


@pytest.mark.parametrize(
    "config",
    [
        "site_name: x\nplugins: [search]\n",  # no docs/ folder: MkDocs cannot load it
        "site_name: x\nplugins:\n  - search\n  - tags: {bad: option\n",  # not even YAML, and no word of sitegen
        "site_name: x\nplugins:\n  - sitegen: {bad: option\n",  # not YAML, but it names sitegen
    ],
)
def test_themes_ignores_a_projects_config_without_sitegen_even_if_it_does_not_load(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(FIXTURES / "themes" / "four_topics.jsonl", tmp_path / "papers.jsonl")
    result = runner.invoke(main, ["themes", "papers.jsonl", "--engine", "tfidf"])
    if "- sitegen" in config:  # it may mean to list sitegen: loading it says what is wrong
        assert result.exit_code == 2 and "mkdocs.yml" in result.stderr, result.output
        return
    assert result.exit_code == 0, result.output
    (tmp_path / "mkdocs.yml").unlink()
    assert result.stdout == runner.invoke(main, ["themes", "papers.jsonl", "--engine", "tfidf"]).stdout != ""


def test_themes_eval_warns_of_a_count_above_the_papers(runner: CliRunner) -> None:
    labelled = FIXTURES / "themes" / "four_topics.jsonl"
    n = len(labelled.read_text().splitlines())
    result = runner.invoke(main, ["themes", "--eval", str(labelled), "--engine", "tfidf", "--count", "1000"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"Warning: theme count 1000 is more than the {n} papers; using {n}"]


def test_themes_with_paths_reads_them_as_the_build_would(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PATHs go over the config's inputs (a missing one there is no error then); the config file, docs_dir and
    site_dir are never read as input, as in the build; -f naming a config without sitegen is an error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "themes" / "four_topics.jsonl", tmp_path / "abstracts" / "papers.jsonl")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "extra.jsonl").write_text(
        json.dumps({"title": "Inside docs", "abstract": "A paper in the docs folder, which the build never reads."})
    )
    settings = {"inputs": ["nothere"], "engine": "tfidf"}
    (tmp_path / "mkdocs.yml").write_text(
        json.dumps({"site_name": "x", "theme": "material", "plugins": [{"sitegen": settings}]})
    )
    result = runner.invoke(main, ["themes", "abstracts"])
    assert result.exit_code == 0, result.output
    settings["inputs"] = ["."]
    (tmp_path / "mkdocs.yml").write_text(
        json.dumps({"site_name": "x", "theme": "material", "plugins": [{"sitegen": settings}]})
    )
    whole = runner.invoke(main, ["themes"])
    assert whole.exit_code == 0, whole.output
    assert len(whole.stdout.splitlines()) == len(result.stdout.splitlines())  # not docs/extra.jsonl, not mkdocs.yml
    assert "unrecognised format" not in whole.stderr
    (tmp_path / "plain.yml").write_text(json.dumps({"site_name": "x", "theme": "material"}))
    plain = runner.invoke(main, ["themes", "abstracts", "-f", "plain.yml"])
    assert plain.exit_code == 2
    assert plain.stderr.splitlines() == ["Error: plain.yml: the 'sitegen' plugin is not enabled under 'plugins:'"]
    built = runner.invoke(main, ["build", "abstracts", "-f", "plain.yml"])  # the same, no empty line before it
    assert (built.exit_code, built.stderr) == (2, plain.stderr)
    shutil.rmtree(
        tmp_path / "docs", ignore_errors=True
    )  # QA: MkDocs' "'docs_dir' ... isn't an existing directory" came first
    built = runner.invoke(main, ["build", "abstracts", "-f", "plain.yml"])
    assert (built.exit_code, built.stderr) == (2, plain.stderr)


def test_the_site_url_note_names_the_config_file_given(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: under ``-f other.yml`` the note still said "set site_url in mkdocs.yml"."""
    (tmp_path / "abstracts").mkdir()
    shutil.copy(FIXTURES / "ingest" / "daily_compact_question_title.txt", tmp_path / "abstracts")
    (tmp_path / "docs").mkdir()
    config = {"site_name": "Lab", "theme": {"name": "material"}, "plugins": [{"sitegen": {"inputs": ["abstracts"]}}]}
    (tmp_path / "other.yml").write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-f", "other.yml", "--engine", "tfidf", "-q", "-o", "site"])
    assert result.exit_code == 0, result.output
    note = NO_SITE_URL.replace(" or SITEGEN_SITE_URL", "").replace("in mkdocs.yml", "in other.yml")
    assert result.stderr.splitlines()[-1] == f"Note: {note}"

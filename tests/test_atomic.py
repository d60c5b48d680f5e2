"""Nothing half-written: a build that fails or is killed leaves the previous site exactly as it was.

Also checks the link checker (tests/linkcheck.py) itself on a small hand-made site, so that
"no broken links" elsewhere in the suite means something.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.ingest import read_paths
from sitegen.search_query import search
from sitegen.textutil import plain_math
from tests.conftest import FIXTURES, ROOT
from tests.linkcheck import broken_links
from tests.test_hostile import load_built_index

pytestmark = pytest.mark.slow

SITEGEN = Path(sys.executable).parent / "sitegen"
SMALL = FIXTURES / "hostile" / "same_title.jsonl"
BUILD = [str(SITEGEN), "build", "--engine", "tfidf", "-q"]


def digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (links and modes too) -> hash of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "link:" + os.readlink(path)
        elif path.is_file():
            found[key] = f"{path.stat().st_mode:o}:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def build(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BUILD, *args], cwd=work, capture_output=True, text=True, timeout=600)


def leftovers(work: Path) -> list[str]:
    return sorted(p.name for p in work.glob(".site.*"))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``site/`` built from a small input: the "previous" site of every test here."""
    work = tmp_path_factory.mktemp("atomic")
    done = build(work, str(SMALL), "--out", "site")
    assert done.returncode == 0, done.stderr
    assert len(list((work / "site" / "papers").iterdir())) == 2
    return work


@pytest.fixture()
def previous(work: Path) -> Iterator[dict[str, str]]:
    """The previous site's digest; after the test it must be the same."""
    before = digest(work / "site")
    assert before
    yield before
    assert digest(work / "site") == before


def paper_pages(staging: Path) -> int:
    papers = staging / "site" / "papers"
    try:
        return sum(1 for p in papers.iterdir() if (p / "index.html").is_file())
    except FileNotFoundError:
        return 0


def processes_with(marker: str) -> list[int]:
    """The live processes whose environment holds ``marker`` (Linux /proc): a build and any child it forked."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def kill_when(work: Path, ready: str, timeout: float = 120) -> Path:
    """Start a build of the seeds into ``site/``, SIGKILL it once ``ready`` holds; return its staging folder.

    Also checks that the kill leaves no orphan working on (the search index is built in a forked child).
    """
    command = [*BUILD, str(ROOT / "seeds"), "--out", "site"]
    marker = f"SITEGEN_TEST_BUILD={time.monotonic_ns()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    process = subprocess.Popen(command, cwd=work, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            staging = next(iter(work.glob(f".site.building-{process.pid}-*")), None)
            if staging and (ready == "started" or paper_pages(staging) >= 20):
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                if Path("/proc/self/environ").exists():
                    deadline = time.monotonic() + 10
                    while processes_with(marker) and time.monotonic() < deadline:
                        time.sleep(0.05)
                    assert processes_with(marker) == [], "a child of the killed build is still running"
                return staging
            if process.poll() is not None:
                pytest.fail(f"the build ended before it could be killed: {process.communicate()[1][-2000:]}")
            time.sleep(0.01)
        pytest.fail("the build never got far enough to be killed")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def rebuilt_without_leftovers(work: Path, previous: dict[str, str]) -> None:
    """The site a kill left is the previous one; the next build clears the kill's staging folder.

    Each kill test ends so (its own next build), so no other test here finds a killed build's folder,
    whichever order or worker runs them.
    """
    assert digest(work / "site") == previous
    done = build(work, str(SMALL), "--out", "site")  # the input of the previous site: the same site again
    assert done.returncode == 0, done.stderr
    assert leftovers(work) == []


def test_killed_as_soon_as_it_starts(work: Path, previous: dict[str, str]) -> None:
    staging = kill_when(work, "started")
    assert staging.is_dir()
    rebuilt_without_leftovers(work, previous)


def test_killed_while_mkdocs_writes_pages(work: Path, previous: dict[str, str]) -> None:
    staging = kill_when(work, "writing")
    written = paper_pages(staging)
    assert 20 <= written < 577, "the kill was meant to land while pages were being written"
    rebuilt_without_leftovers(work, previous)


def test_next_build_clears_what_killed_builds_left_and_loses_nothing(work: Path) -> None:
    """After the kills, a whole seeds build: every record read is on a page, in papers.json and in search."""
    (work / ".site.building-999999999-x").mkdir(exist_ok=True)  # no such process
    running = work / f".site.building-{os.getpid()}-x"  # a live process: must be left alone
    running.mkdir(exist_ok=True)
    done = build(work, str(ROOT / "seeds"), "--out", "site")
    assert done.returncode == 0, done.stderr
    assert leftovers(work) == [running.name]
    running.rmdir()
    site = work / "site"
    data = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    shown = {(Path(s["file"]).name, s["line"]) for p in data["papers"] for s in p["sources"]}
    read = {(Path(s.file).name, s.line) for p in read_paths([ROOT / "seeds"]).papers for s in p.sources}
    assert shown == read
    index, docs = load_built_index(site)
    assert sorted(d[0] for d in docs) == sorted(p["url"] for p in data["papers"])
    for paper in data["papers"]:
        assert (site / paper["url"] / "index.html").is_file()
        title = plain_math(paper["title"])  # search results show math as plain characters
        assert title in [docs[n][1] for n, _ in search(index, title)[:3]], title
    assert broken_links(site) == []


def write_config(path: Path, **plugin: object) -> Path:
    config = {
        "site_name": "Atomic",
        "docs_dir": str(ROOT / "templates" / "docs"),
        "exclude_docs": "README.md\n",
        "theme": {"name": "material", "custom_dir": str(ROOT / "templates" / "overrides")},
        "plugins": [{"sitegen": plugin}],
    }
    path.write_text(json.dumps(config))  # JSON is YAML
    return path


def test_broken_user_template_is_one_error_line_and_keeps_the_site(work: Path, previous: dict[str, str]) -> None:
    templates = work / "tpl"
    templates.mkdir(exist_ok=True)
    (templates / "paper.md.j2").write_text("{{ front_matter(title='x') }}\n<h1>{% if %}</h1>\n")
    config = write_config(work / "tpl.yml", templates="tpl")
    done = build(work, str(SMALL), "-f", str(config), "--out", "site")
    assert done.returncode == 1
    expected = "Expected an expression, got 'end of statement block'"
    assert done.stderr.splitlines()[-1] == f"Error: {templates / 'paper.md.j2'}:2: {expected}"
    assert leftovers(work) == []


def test_template_error_at_render_time_names_the_template(work: Path, previous: dict[str, str]) -> None:
    templates = work / "tpl2"
    templates.mkdir(exist_ok=True)
    (templates / "theme.md.j2").write_text("{{ front_matter(title='x') }}\n\n{{ theme.no_such_field }}\n")
    config = write_config(work / "tpl2.yml", templates="tpl2")
    done = build(work, str(SMALL), "-f", str(config), "--out", "site")
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"Error: {templates / 'theme.md.j2'}:3: template error: ") and "no_such_field" in last
    assert "Traceback" not in done.stderr
    assert leftovers(work) == []


def test_invalid_config_keeps_the_site(work: Path, previous: dict[str, str]) -> None:
    config = write_config(work / "bad.yml", related="many")
    done = build(work, str(SMALL), "-f", str(config), "--out", "site")
    assert done.returncode == 2
    # One line naming the file and MkDocs' reason (not "Aborted with a configuration error!"), nothing before it.
    expected = f"Error: {config.name}: Config value 'plugins': Plugin 'sitegen' option 'related': Expected a whole "
    assert done.stderr.splitlines() == [expected + "number, not 'many'"]
    assert leftovers(work) == []


def test_missing_input_keeps_the_site(work: Path, previous: dict[str, str]) -> None:
    done = build(work, "no-such-folder", "--out", "site")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "Error: no-such-folder: no such file or folder"
    assert leftovers(work) == []


def test_relative_out_is_relative_to_the_working_folder(work: Path) -> None:
    """With sitegen's own mkdocs.yml, ``--out x`` once went beside that file instead (and crashed)."""
    done = build(work, str(SMALL), "--out", "nested/out")
    assert done.returncode == 0, done.stderr
    assert (work / "nested" / "out" / "index.html").is_file()
    assert not list(ROOT.glob(".out.building-*"))


MKDOCS = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"]


def mkdocs_config(path: Path, site_dir: str, **plugin: object) -> Path:
    """A config for ``mkdocs build`` itself (relative paths mean the config's folder)."""
    config = json.loads(write_config(path, **plugin).read_text())
    path.write_text(json.dumps({**config, "site_dir": site_dir}))
    return path


@pytest.mark.parametrize(
    ("files", "tally", "why"),
    [
        (
            {"blank.txt": ""},
            "0 files read, 1 file skipped: 0 records, 0 duplicates merged, 0 skipped, 0 papers",
            "1 file skipped, not one paper (see the problems above)",
        ),
        (
            {"blank.txt": "", "title.jsonl": '{"title": "T"}\n'},
            "1 file read, 1 file skipped: 1 record, 0 duplicates merged, 1 skipped, 0 papers",
            "1 file read and 1 file skipped, not one paper (see the problems above)",
        ),
        (
            {},
            "0 files read: 0 records, 0 duplicates merged, 0 skipped, 0 papers",
            "no files found there (hidden files and folders are not read)",
        ),
    ],
)
def test_no_paper_read_is_an_error_and_keeps_the_site(
    work: Path, previous: dict[str, str], files: dict[str, str], tally: str, why: str
) -> None:
    """An empty input once replaced a good site by an empty one, with exit status 0."""
    folder = work / f"nothing-{len(files)}"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    done = build(work, folder.name, "--out", "site")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[-1] == f"Error: no papers in {folder.name}: {why}; nothing was built, and a site already there is kept"
    assert tally in lines
    if files:
        assert f"{folder.name}/blank.txt:1: empty file, skipped" in lines
    assert "Traceback" not in done.stderr
    assert leftovers(work) == []


def test_mkdocs_build_without_a_paper_fails_cleanly_and_keeps_the_site(work: Path, previous: dict[str, str]) -> None:
    (work / "nothing-mkdocs").mkdir(exist_ok=True)
    config = mkdocs_config(work / "nothing.yml", "site", inputs=["nothing-mkdocs"])
    done = subprocess.run([*MKDOCS, "-f", str(config)], cwd=work, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    assert "no papers in nothing-mkdocs: no files found there" in done.stderr
    assert "Traceback" not in done.stderr


def test_site_inside_an_input_folder_is_not_read_back(work: Path) -> None:
    """``build sc2 --out sc2/site`` twice once read the first site (its JS source maps) as papers."""
    for name in ("inside", "inside-mkdocs"):
        (work / name).mkdir()
        (work / name / "papers.jsonl").write_bytes(SMALL.read_bytes())
    config = mkdocs_config(work / "inside.yml", "inside-mkdocs/site", inputs=["inside-mkdocs"])
    for _ in range(2):
        done = build(work, "inside", "--out", "inside/site")
        assert done.returncode == 0, done.stderr
        assert "1 file read: 2 records, 0 duplicates merged, 0 skipped, 2 papers" in done.stderr
        done = subprocess.run([*MKDOCS, "-f", str(config)], cwd=work, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        for name in ("inside", "inside-mkdocs"):
            assert len(json.loads((work / name / "site" / "papers.json").read_text())["papers"]) == 2
    assert leftovers(work / "inside") == []


def test_an_empty_folder_may_be_the_output(work: Path) -> None:
    (work / "empty-out").mkdir()
    done = build(work, str(SMALL), "--out", "empty-out")
    assert done.returncode == 0, done.stderr
    assert (work / "empty-out" / "papers.json").is_file()


# ---------------------------------------------------------------- the link checker itself


def test_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "papers" / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("")
    (site / "papers" / "a" / "index.html").write_text('<h2 id="links">Links</h2>')
    (site / "404.html").write_text('<link href="/assets/x.css"><a href="/gone/">gone</a>')
    (site / "index.html").write_text(
        "\n".join(
            [
                '<link rel="stylesheet" href="assets/x.css">',
                '<a href="papers/a/">ok</a> <a href="papers/a/#links">ok</a> <a href="#top" id="top">ok</a>',
                '<a href="papers/a/index.html?q=1">ok</a> <a href="https://example.org/x">external</a>',
                '<a href="papers/b/">missing page</a>',
                '<a href="papers/a/#nope">missing anchor</a>',
                '<img src="assets/y.png">',
                '<a href="/papers/a/">site-absolute</a>',
                '<a href="../outside.html">outside</a>',
                '<a href="javascript:alert(1)">script</a>',
            ]
        )
    )
    assert broken_links(site) == [
        "404.html:1: /gone/ (no file gone/index.html)",
        "index.html:4: papers/b/ (no file papers/b/index.html)",
        "index.html:5: papers/a/#nope (no id 'nope' in the target page)",
        "index.html:6: assets/y.png (no file assets/y.png)",
        "index.html:7: /papers/a/ (absolute path (breaks when the site is served under a sub-path))",
        "index.html:8: ../outside.html (points outside the site folder)",
        "index.html:9: javascript:alert(1) (unexpected scheme 'javascript')",
    ]


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie, dead but not yet reaped, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_build_leaves_no_background_step_running() -> None:
    """The search index is built in a forked child; when the build is killed, the child goes too."""
    script = (
        "import time; from sitegen.background import BackgroundFiles\n"
        "step = BackgroundFiles(lambda: time.sleep(120) or {}, 'a slow step')\n"
        "print(step.process.pid, flush=True); time.sleep(120)"
    )
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    child = int(build.stdout.readline())
    assert running(child)
    build.kill()
    build.wait()
    build.stdout.close()
    deadline = time.monotonic() + 10
    while running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(child), "the forked step outlived the build that was killed"


def test_an_interrupted_build_leaves_no_background_folder(tmp_path: Path) -> None:
    """QA: Ctrl-C during a build (``serve``) left the search worker's ``sitegen-bg-*`` folder in the temporary
    folder, as KeyboardInterrupt passes by MkDocs' on_build_error: the folder goes when the process exits."""
    script = (
        "import sys\n"
        "from sitegen.background import BackgroundFiles\n"
        "files = BackgroundFiles(lambda: {'a.txt': b'x'}, 'search index')\n"
        "print(files.folder, flush=True)\n"
        "raise KeyboardInterrupt\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    folder = Path(done.stdout.strip())
    assert folder.parent == tmp_path and done.returncode != 0
    assert not folder.exists()

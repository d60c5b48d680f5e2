"""sitegen outside its checkout: a built wheel carries its templates and default config, and the plugin works in
a user's own MkDocs project with nothing but ``theme: material`` and ``plugins: [sitegen]``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SEEDS = ROOT / "seeds"
SEARCH_BOX = "data-sitegen-search"
"""Marker of sitegen's search box (templates/overrides/partials/search.html) in every built page."""


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` run in a user's project folder, as they would type it."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([mkdocs, "build", "-q"], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def _small_input(folder: Path) -> Path:
    """Two seed files' worth of abstracts in a folder of the user's."""
    folder.mkdir()
    for name in sorted(p.name for p in SEEDS.iterdir())[:2]:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_wheel_builds_a_site_outside_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "source"  # what the wheel is built from, copied: the build writes nothing into the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "mkdocs.yml"):
        shutil.copy(ROOT / name, source / name)
    for name in ("sitegen", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)]
    _run([*pip, str(source)], tmp_path)
    (wheel,) = wheels.glob("sitegen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    # Every template file travels (pyproject lists the folders and file types one by one).
    templates = {
        f"sitegen/_site/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "templates").rglob("*") if p.is_file()
    }
    # py.typed (PEP 561): without it mypy skips sitegen in the projects that use it ("missing library stubs or
    # py.typed marker", QA).
    missing = sorted((templates | {"sitegen/_site/mkdocs.yml", "sitegen/py.typed"}) - names)
    assert not missing, f"not in the wheel (add them to pyproject's packages/package-data): {missing}"
    lib = tmp_path / "lib"
    zipfile.ZipFile(wheel).extractall(lib)
    _downstream_mypy_reads_the_types(lib, tmp_path / "downstream")

    work = tmp_path / "elsewhere"  # no mkdocs.yml here: the wheel's default config is used
    work.mkdir()
    _small_input(work / "seeds")  # no PATH given: ./seeds, as the CLI help says
    env = {**os.environ, "PYTHONPATH": str(lib), "SITEGEN_ENGINE": "tfidf"}
    where = _run([sys.executable, "-c", "import sitegen.resources as r; print(r.SITE_ROOT)"], work, env)
    assert Path(where.stdout.strip()) == lib / "sitegen" / "_site"  # the wheel's files, not the checkout's
    cli = "from sitegen.cli import main; main()"
    _run([sys.executable, "-c", cli, "build", "--out", "site", "--engine", "tfidf", "-q"], work, env)
    site = work / "site"
    assert SEARCH_BOX in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "sitegen" / "search.js").is_file()
    assert (site / "search" / "index.json").is_file()
    assert len(list((site / "papers").glob("*/index.html"))) > 50


def _downstream_mypy_reads_the_types(lib: Path, project: Path) -> None:
    """mypy in a project that uses the installed wheel (on its path) checks calls against sitegen's annotations: a
    theme's label (``str``) put in an ``int`` is the one error, not sitegen's modules skipped as untyped."""
    project.mkdir()
    (project / "use.py").write_text(
        "from sitegen.records import Paper\n"
        "from sitegen.themes import ThemeOptions, detect_themes\n"
        'r = detect_themes([Paper(id="a", title="T", abstract="x", sources=())], ThemeOptions(engine="tfidf"))\n'
        "n: int = r.themes[0].label\n"
    )
    mypy = [sys.executable, "-m", "mypy", "--config-file", os.devnull, "--strict", "--no-incremental"]
    env = {**os.environ, "PYTHONPATH": str(lib)}  # as installed: mypy asks the interpreter for its search path
    done = subprocess.run(
        [*mypy, "--python-executable", sys.executable, "use.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert errors == [
        'use.py:4: error: Incompatible types in assignment (expression has type "str", variable has type "int")  '
        "[assignment]"
    ], done.stdout + done.stderr


def test_plugin_in_a_users_own_project(tmp_path: Path) -> None:
    _small_input(tmp_path / "abstracts")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: My reading list\ntheme:\n  name: material\nplugins:\n"
        "  - sitegen:\n      inputs: [abstracts]\n      engine: tfidf\n",
        encoding="utf-8",
    )
    done = _mkdocs_build(tmp_path)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert SEARCH_BOX in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "sitegen" / "site.css").is_file()
    assert (site / "search" / "index.json").is_file()


def test_plugin_needs_material(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: mkdocs\nplugins:\n  - sitegen\n", encoding="utf-8")
    done = _mkdocs_build(tmp_path)
    assert done.returncode != 0
    assert "sitegen needs 'theme: material'" in done.stderr

"""Run MkDocs with the sitegen plugin into a temporary folder, then swap it into place."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from sitegen.errors import BuildError, ConfigError
from sitegen.pipeline import Reporter, SiteBundle
from sitegen.plugin import SitegenPlugin

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "mkdocs.yml"


def load_site_config(config_file: str | None, site_dir: Path, **overrides: object) -> MkDocsConfig:
    """The user's mkdocs.yml, else ./mkdocs.yml, else sitegen's own (with its templates)."""
    path = Path(config_file) if config_file else Path("mkdocs.yml")
    if not path.is_file():
        if config_file:
            raise ConfigError(f"{config_file}: no such MkDocs config file")
        path = DEFAULT_CONFIG
    try:
        config = load_config(str(path), site_dir=str(site_dir), **overrides)
    except MkDocsException as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if "sitegen" not in config.plugins:
        raise ConfigError(f"{path}: the 'sitegen' plugin is not enabled under 'plugins:'")
    return config


def sitegen_plugin(config: MkDocsConfig) -> SitegenPlugin:
    plugin = config.plugins["sitegen"]
    assert isinstance(plugin, SitegenPlugin)
    return plugin


@contextlib.contextmanager
def staging_dir(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; removed unless it was swapped into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames; the old site is removed only afterwards."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    paths: Sequence[str],
    out: Path,
    *,
    config_file: str | None = None,
    reporter: Reporter | None = None,
    strict: bool = False,
    engine: str | None = None,
    config_overrides: dict[str, object] | None = None,
) -> SiteBundle:
    """Build the site for ``paths`` into ``out`` atomically; returns what was built."""
    with staging_dir(out) as tmp:
        config = load_site_config(config_file, tmp / "site", **(config_overrides or {}))
        plugin = sitegen_plugin(config)
        if paths:
            plugin.config.inputs = [str(Path(p).resolve()) for p in paths]
        if engine:
            plugin.config.engine = engine
        if reporter:
            plugin.reporter = reporter
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except MkDocsException as exc:
            raise BuildError(f"MkDocs failed: {exc}") from exc
        finally:
            config.plugins.on_shutdown()
        assert plugin.bundle is not None
        if strict and plugin.bundle.corpus.problems:
            return plugin.bundle
        swap_into_place(tmp / "site", out)
        return plugin.bundle

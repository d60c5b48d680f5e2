"""Run MkDocs with the sitegen plugin into a temporary folder, then swap it into place."""

from __future__ import annotations

import contextlib
import ctypes
import glob
import logging
import logging.handlers
import os
import re
import shutil
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from sitegen.errors import BuildError, ConfigError, InputError, OutputError
from sitegen.ingest import SITE_SIGNATURE, display_path
from sitegen.memory import check_outside_site
from sitegen.pipeline import Reporter, SiteBundle
from sitegen.plugin import NEEDS_DIRECTORY_URLS, Overrides, SitegenPlugin, overriding
from sitegen.resources import DEFAULT_CONFIG, THEME_OVERRIDES


def site_config_path(config_file: str | None) -> Path:
    """The user's mkdocs.yml (``--config-file``), else ./mkdocs.yml, else sitegen's own (with its templates)."""
    path = Path(config_file) if config_file else Path("mkdocs.yml")
    if not path.is_file():
        if config_file:
            raise ConfigError(f"{config_file}: no such MkDocs config file")
        path = DEFAULT_CONFIG
    return path


def configured_site_dir(config_file: str | None) -> Path:
    """Where ``mkdocs build`` would write the site: the config's ``site_dir`` (default ``site``) beside the config
    file; ``./site`` with sitegen's own config. A config that does not load is reported by the build itself."""
    path = site_config_path(config_file)
    if path == DEFAULT_CONFIG:
        return Path("site")
    try:
        with path.open("rb") as file:
            raw = yaml_load(file)  # MkDocs' loader: !ENV tags and INHERIT as `mkdocs build` reads them
    except Exception:  # any reason is reported, better worded, when the build loads the config
        raw = None
    site_dir = raw.get("site_dir") if isinstance(raw, dict) else None
    return path.parent / (site_dir if isinstance(site_dir, str) and site_dir.strip() else "site")


def names_sitegen(path: Path) -> bool:
    """Whether a config file lists the sitegen plugin, read as plain YAML (also when MkDocs cannot load it): a
    ``plugins`` list of names or one-key mappings, or a mapping of names."""
    try:
        with path.open("rb") as file:
            raw = yaml_load(file)
    except Exception:  # not YAML: only its text can tell, and loading it (if it names sitegen) reports why
        try:
            return "sitegen" in path.read_text(encoding="utf-8", errors="replace")
        except OSError:  # unreadable: loading it says so
            return True
    plugins = raw.get("plugins") if isinstance(raw, dict) else None
    if isinstance(plugins, dict):
        return "sitegen" in plugins
    return isinstance(plugins, list) and any(
        item == "sitegen" or (isinstance(item, dict) and "sitegen" in item) for item in plugins
    )


def load_site_config(config_file: str | None, site_dir: Path, **overrides: Any) -> MkDocsConfig:
    """The user's mkdocs.yml, else ./mkdocs.yml, else sitegen's own (with its templates), loaded; a
    :class:`ConfigError` when it does not enable the sitegen plugin or its theme is not Material
    (:func:`check_theme`)."""
    path = site_config_path(config_file)
    if not names_sitegen(path):  # said first: MkDocs' own checks (a missing docs/) hid it (QA), yet it is the fix
        raise ConfigError(f"{path}: the 'sitegen' plugin is not enabled under 'plugins:'")
    config = load_quietly(path, site_dir=str(site_dir), **overrides)
    if "sitegen" not in config.plugins:
        raise ConfigError(f"{path}: the 'sitegen' plugin is not enabled under 'plugins:'")
    check_theme(config, path)
    return config


def check_theme(config: MkDocsConfig, path: Path) -> None:
    """Refuse a theme other than Material, and folder-less URLs, as one error naming the config, before MkDocs
    starts (the plugin's own check would be said in the middle of MkDocs' build, then MkDocs' "Aborted with a
    BuildError!")."""
    if config.theme.name != "material":
        name = config.theme.name
        raise ConfigError(f"{display_path(path)}: sitegen needs 'theme: material' (found {name!r}); see README")
    if not config.use_directory_urls:
        raise ConfigError(f"{display_path(path)}: {NEEDS_DIRECTORY_URLS}")


def load_quietly(path: Path, replay: bool = True, **overrides: Any) -> MkDocsConfig:
    """MkDocs' ``load_config`` with its messages held back: a config it cannot load is one :class:`ConfigError`
    naming the file, with MkDocs' reasons (not its "Aborted with a configuration error!"); else its warnings are
    passed on (``replay``) or dropped (a later load shows them)."""
    said = logging.handlers.BufferingHandler(capacity=1 << 16)
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, mkdocs_log.handlers = mkdocs_log.handlers, [said]
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    try:
        config = load_config(str(path), **overrides)
    except (MkDocsException, OSError, ValueError) as exc:
        errors = [r.getMessage() for r in said.buffer if r.levelno >= logging.ERROR] or [str(exc)]
        reason = "; ".join(" ".join(line.split()) for error in errors for line in error.splitlines() if line.strip())
        if "option 'engine'" in reason and (engine := os.environ.get("SITEGEN_ENGINE")) is not None:
            reason += f" (SITEGEN_ENGINE is {engine!r}: sitegen's own mkdocs.yml reads the engine from it)"
        if "Invalid Plugins configuration" in reason and (hint := plugin_indent_hint(path)):
            reason += f"; {hint}"
        raise ConfigError(f"{display_path(path)}: {reason}") from exc
    finally:
        mkdocs_log.handlers = handlers
        mkdocs_log.propagate = propagate
    for record in said.buffer if replay else ():
        logging.getLogger(record.name).handle(record)
    return config


_PLUGIN_ITEM = re.compile(r"^(\s*)-\s+(sitegen)\s*:\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^(\s*)([\w-]+)\s*:")


def plugin_indent_hint(path: Path) -> str | None:
    """Where ``- sitegen:`` has an option written at its own level rather than under it: MkDocs reads ``inputs``
    there as a second plugin name and says only "Invalid Plugins configuration" (QA, 2026-12-01)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        if not (item := _PLUGIN_ITEM.match(line)):
            continue
        column = item.start(2)
        for later, text in enumerate(lines[number:], number + 1):
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            key = _KEY_LINE.match(text)
            if key and len(key.group(1)) == column:
                return (
                    f"line {later}: '{key.group(2)}' is at the level of 'sitegen' (line {number}): indent the "
                    f"plugin's options under it, e.g. {column + 2} spaces"
                )
            break
    return None


def sitegen_plugin(config: MkDocsConfig) -> SitegenPlugin:
    plugin = config.plugins["sitegen"]
    assert isinstance(plugin, SitegenPlugin)
    return plugin


@contextlib.contextmanager
def staging_dir(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; removed unless it was swapped into place. A folder where none can be made is
    an :class:`OutputError` saying why (no traceback)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        where = display_path(out.parent) if str(out.parent) != "." else "the current folder"
        why = "not a folder" if isinstance(exc, (FileExistsError, NotADirectoryError)) else exc.strerror or str(exc)
        raise OutputError(f"cannot write the site into {where} ({why}); choose another --out") from exc
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove what killed builds left beside ``out`` (their process is gone); a running build's folder stays."""
    for kind in ("building", "old"):
        for path in out.parent.glob(f".{glob.escape(out.name)}.{kind}-*"):
            pid = path.name.rsplit(f".{kind}-", 1)[1].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return bool(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0)


def swap_into_place(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new``: one atomic exchange where the OS has it, else two renames.

    With two renames there is a moment without ``out``; the old site is then kept as
    ``.<out>.old-<pid>`` until the new one is in place.
    """
    if out.exists() and _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now the old site
        return
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
    templates: str | None = None,
    config_overrides: dict[str, object] | None = None,
) -> SiteBundle:
    """Build the site for ``paths`` into ``out`` atomically; returns what was built.

    Refuses (:class:`OutputError`, before any work) an ``out`` whose replacement could lose anything
    but a previous site. Raises, right after reading the input and keeping the previous site,
    :class:`NoPapersError` when no paper was read and (with ``strict``) :class:`StrictError` when
    the input had problems.
    """
    check_given_paths(paths)
    # Absolute: MkDocs resolves a relative site_dir against the config file's folder, not the cwd.
    out = Path(os.path.abspath(out))
    # MkDocs checks site_dir against docs_dir when loading: give it a path placed as the staging folder will be.
    staged = out.parent / f".{out.name}.building" / "site"
    with overriding(command_line(paths, config_file, engine=engine, templates=templates)):
        config = load_site_config(config_file, staged, **(config_overrides or {}))
    plugin = sitegen_plugin(config)
    base_dir = plugin.resolve_base_dir(config.config_file_path)
    if not paths:
        check_configured_inputs(plugin.config.inputs, base_dir, config.config_file_path)
    apply_options(plugin, reporter=reporter, strict=strict)
    check_output(out, protected_paths(config, plugin, base_dir))
    if memory := plugin.theme_memory():  # where `mkdocs build` would write, though this build writes elsewhere
        check_outside_site(memory, configured_site_dir(config_file))
    with staging_dir(out) as tmp:
        config["site_dir"] = str(tmp / "site")
        plugin.exclude = [str(out), str(tmp)]  # a site inside an input folder is not read as input
        plugin.cli = True
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except MkDocsException as exc:
            raise BuildError(f"MkDocs failed: {exc}") from exc
        except jinja2.TemplateError as exc:  # a theme template of the project's own (sitegen's pages say theirs)
            raise BuildError(theme_template_error(exc)) from exc
        except Exception as exc:  # raised by a theme template of the project's own ({{ 1 // 0 }}), else a bug
            if (where := _own_theme_template_frame(exc)) is None:
                raise
            raise BuildError(f"{where}theme template error: {type(exc).__name__}: {exc}") from exc
        finally:
            config.plugins.on_shutdown()
        assert plugin.bundle is not None
        swap_into_place(tmp / "site", out)
        return plugin.bundle


def _own_theme_template_frame(exc: BaseException) -> str | None:
    """``file:line: `` of the innermost frame of ``exc`` in a theme template that is neither sitegen's
    (``templates/overrides``) nor Material's: where a project's own ``main.html`` raised (the regression hunt:
    ``{{ 1 // 0 }}`` in a partial printed a 59-line traceback). None when no such template ran."""
    import material

    theirs = (THEME_OVERRIDES.resolve(), Path(material.__file__).resolve().parent)
    own = [
        (path, line) for path, line in _theme_frames(exc) if not any(path.resolve().is_relative_to(t) for t in theirs)
    ]
    return f"{display_path(own[-1][0])}:{own[-1][1]}: " if own else None


def _theme_frames(exc: BaseException) -> list[tuple[Path, int | None]]:
    """The theme-template frames of ``exc``'s traceback, innermost last: Jinja rewrites tracebacks so that a template's
    frames name its file and line."""
    frames = traceback.extract_tb(exc.__traceback__)
    return [(Path(f.filename), f.lineno) for f in frames if f.filename.endswith((".html", ".xml"))]


def theme_template_error(exc: jinja2.TemplateError) -> str:
    """One line for an error in a theme template (a project's ``main.html``): the file and line, when Jinja tells,
    and what it says (QA: ``sitegen build`` printed a traceback whose first frame was sitegen's 404.html)."""
    where = ""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = f"{display_path(Path(exc.filename))}:{exc.lineno}: "
    elif isinstance(exc, jinja2.TemplateNotFound):
        return f"a theme template is missing: {exc.name} (a {{% extends %}} or {{% include %}} names it)"
    elif frames := _theme_frames(exc):  # an error while rendering (``page.meta.nosuch.x``; QA: no file named)
        where = f"{display_path(frames[-1][0])}:{frames[-1][1]}: "
    return f"{where}theme template error: {exc.message or exc}"


def serve_overrides(
    paths: Sequence[str], config_file: str | None, *, engine: str | None, templates: str | None
) -> tuple[str, Overrides]:
    """The config file ``sitegen serve`` serves, and what its command line sets over it (as ``build`` does).

    PATHs replace the config's inputs, and are what live reload watches; they must exist. With sitegen's own
    config, relative paths mean the current folder and its default input must exist. Apply the result at
    every load of the config, with :func:`sitegen.plugin.overriding`.
    """
    path = site_config_path(config_file)
    own = is_own_config(str(path))
    check_given_paths(paths)
    if own and not paths:
        check_configured_inputs([DEFAULT_INPUT], Path.cwd(), str(path))
    if not own:
        plugin = configured_plugin(path)
        if plugin is None and (paths or engine or templates):
            raise ConfigError(
                f"{display_path(path)} does not enable the sitegen plugin, so PATH, --engine and --templates would "
                "do nothing; add '- sitegen' under its plugins:"
            )
        if plugin is not None and not paths:  # as build does: before serving, not at the first build
            check_configured_inputs(plugin.config.inputs, path.resolve().parent, str(path))
    return str(path), command_line(paths, config_file, engine=engine, templates=templates)


def command_line(
    paths: Sequence[str], config_file: str | None, *, engine: str | None, templates: str | None
) -> Overrides:
    """What ``sitegen build`` and ``serve`` set over the config file: PATHs replace its inputs, ``--engine`` and
    ``--templates`` its keys; with sitegen's own config (no mkdocs.yml here) its relative paths (``seeds``,
    ``cache_dir``) mean the current folder, as in the CLI's help, never a folder inside sitegen's checkout or
    installed package. Applied at every load of the config (:func:`sitegen.plugin.overriding`), so that the plugin
    validates them as the file's own and a side build is known as one (``side_build_reason``)."""
    options: dict[str, Any] = {}
    if paths:
        options["inputs"] = [str(Path(p).resolve()) for p in paths]
    if engine:
        options["engine"] = engine
    if templates:
        options["templates"] = str(Path(templates).resolve())
    own = is_own_config(str(site_config_path(config_file)))
    return Overrides(options, relative_to=Path.cwd() if own else None)


def configured_plugin(config_file: Path) -> SitegenPlugin | None:
    """The sitegen plugin as the MkDocs config sets it up, None when the config does not list it.

    MkDocs' messages are held back (``mkdocs serve`` loads the config again and shows them); a config it cannot
    load is a :class:`ConfigError` with MkDocs' reason."""
    found = configured(config_file)
    return found[0] if found else None


def configured(config_file: Path, replay: bool = False) -> tuple[SitegenPlugin, MkDocsConfig] | None:
    """:func:`configured_plugin` and the config it is part of (MkDocs' warnings passed on with ``replay``)."""
    config = load_quietly(config_file, replay=replay)
    plugin = next((plugin for plugin in config.plugins.values() if isinstance(plugin, SitegenPlugin)), None)
    if plugin is None:
        return None
    check_theme(config, config_file)
    return plugin, config


def apply_options(plugin: SitegenPlugin, *, reporter: Reporter | None, strict: bool) -> None:
    """The command line's options that are not config keys (:func:`command_line` sets those)."""
    if reporter:
        plugin.reporter = reporter
    if strict:  # the plugin's own check: it stops right after reading, before themes, pages and MkDocs' work
        plugin.config.strict = True
        plugin.strict_option = "--strict"


def is_own_config(config_file: str | None) -> bool:
    """True for sitegen's default config (used when there is no ``mkdocs.yml`` here)."""
    return Path(config_file or "").resolve() == DEFAULT_CONFIG.resolve()


DEFAULT_INPUT = "seeds"
"""What the commands read when no PATH is given (sitegen's own config reads it too)."""

NO_DEFAULT_INPUT = "the default input when no PATH is given; pass the files or folders of abstracts to read"
"""Why a missing default input was read at all, and what to do instead."""


def check_given_paths(paths: Sequence[str]) -> None:
    """PATHs of the command line must exist; one that does not is named as typed ("/data/x", not "../../data/x"
    from the folder a build reads its paths from)."""
    for given in paths:
        if not Path(given).exists():
            raise InputError(f"{display_path(Path(given))}: no such file or folder")


def missing_input_error(path: Path, why: str) -> InputError:
    """An input that is not there, with where it came from and what to do instead."""
    return InputError(f"{display_path(path)}: no such file or folder ({why})")


def check_configured_inputs(inputs: Sequence[str], base_dir: Path, config_file: str | None) -> None:
    """Inputs taken from the config (no PATH given) must exist; say where they came from when one does not."""
    why = NO_DEFAULT_INPUT
    if not is_own_config(config_file):
        why = f"listed under inputs in {display_path(Path(config_file or ''))}; fix it there or pass PATH arguments"
    for name in inputs:
        if not (base_dir / name).exists():
            raise missing_input_error(base_dir / name, why)


def protected_paths(config: MkDocsConfig, plugin: SitegenPlugin, base_dir: Path) -> list[tuple[str, Path]]:
    """What replacing ``--out`` must never delete: inputs, and what the build reads or keeps (config file,
    docs_dir, templates, the theme's custom_dir, embedding cache: ``SitegenPlugin.build_files``)."""
    return [*(("input", base_dir / p) for p in plugin.config.inputs), *plugin.build_files(config)]


def check_output(out: Path, kept: Sequence[tuple[str, Path]]) -> None:
    """Refuse an output folder whose replacement would delete more than a previous site.

    ``out`` must not be a file, nor be or hold the current folder or any of ``kept`` (inputs, config
    file: ``(what, path)``); if it exists and is not empty, it must be a previous sitegen site.
    """
    shown = display_path(out)
    advice = "choose a new or empty folder for --out"
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(f"{shown}: exists and is not a folder; {advice}")
    real = out.resolve()
    if Path.cwd().resolve().is_relative_to(real):
        raise OutputError(f"{shown}: holds the current folder, which replacing the site would delete; {advice}")
    for what, path in kept:
        if path.resolve().is_relative_to(real):
            verb = "is" if path.resolve() == real else "holds"
            raise OutputError(
                f"{shown}: {verb} the {what} {display_path(path)}, which replacing the site would delete; {advice}"
            )
    if real.is_dir() and any(real.iterdir()):
        missing = [name for name in SITE_SIGNATURE if not (real / name).is_file()]
        if missing:
            raise OutputError(
                f"{shown}: exists and is not a sitegen site (no {', no '.join(missing)}); {advice}, "
                "or delete it yourself"
            )

"""Run one pure step in a forked process while MkDocs renders pages; results come back as files."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import tempfile
import traceback
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

from sitegen.errors import BuildError

Step = Callable[[], Mapping[str, bytes]]


def _die_with_parent(parent: int) -> None:
    """Have Linux SIGKILL this child when the build that forked it dies (``prctl(PR_SET_PDEATHSIG)``).

    A build killed mid-way must not leave its search index being computed by an orphan for minutes
    on a shared machine. Elsewhere (no prctl) the child finishes its step and exits on its own.
    """
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    pr_set_pdeathsig = 1
    prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _run(step: Step, folder: str, parent: int | None = None) -> None:
    if parent is not None:
        _die_with_parent(parent)
    try:
        for path, data in step().items():
            target = Path(folder, "out", path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except BaseException:
        Path(folder, "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
        raise


class BackgroundFiles:
    """Files computed by ``step`` in a forked child (inline where fork is unavailable).

    The child writes its files to a private temporary folder; :meth:`move_into` waits for it and
    moves them into the site. Nothing is shared but the fork's copy-on-write memory.
    """

    def __init__(self, step: Step, name: str) -> None:
        self.name = name
        self.folder = tempfile.mkdtemp(prefix="sitegen-bg-")
        # Removed when the build is interrupted too (Ctrl-C while serving passes by on_build_error: QA found the
        # folders left in /tmp), at the latest when this process exits; the forked child never runs it.
        self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(
                target=_run, args=(step, self.folder, os.getpid())
            )
            self.process.start()
        else:
            _run(step, self.folder)

    def move_into(self, site_dir: str | os.PathLike[str]) -> int:
        """Wait for the step, move its files under ``site_dir``; returns how many. Raises BuildError if it failed."""
        try:
            if self.process is not None:
                self.process.join()
            error = Path(self.folder, "error.txt")
            exitcode = self.process.exitcode if self.process is not None else 0
            if error.exists() or exitcode != 0:
                detail = error.read_text(encoding="utf-8").strip().splitlines()[-1] if error.exists() else ""
                raise BuildError(f"{self.name} failed: {detail or f'exit code {exitcode}'}")
            out = Path(self.folder, "out")
            moved = 0
            for source in sorted(p for p in out.rglob("*") if p.is_file()):
                target = Path(site_dir, source.relative_to(out))
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, target)
                moved += 1
            return moved
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the child (if still running) and remove its folder."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._remove()

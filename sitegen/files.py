"""Files sitegen keeps in a project between builds (the embedding cache, the theme memory)."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path


@functools.cache
def file_mode() -> int:
    """The mode a new file gets under the process's umask, for files written to a temporary file (mode 0600) and
    renamed into place (QA: a cache shared by a team was readable by its writer alone). Read once: the umask can
    only be read by setting it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of this process's own in the same folder, renamed into
    place with the mode :func:`file_mode` gives: a reader, or another build writing the same file, never sees it
    half written. Raises OSError (the temporary file removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as tmp:
        try:
            tmp.write(data)
        except OSError:
            os.unlink(tmp.name)
            raise
    try:
        os.chmod(tmp.name, file_mode())
        os.replace(tmp.name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise

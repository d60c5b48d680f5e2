"""Files sitegen keeps in a project between builds (the embedding cache, the theme memory)."""

from __future__ import annotations

import functools
import os


@functools.cache
def file_mode() -> int:
    """The mode a new file gets under the process's umask, for files written to a temporary file (mode 0600) and
    renamed into place (QA: a cache shared by a team was readable by its writer alone). Read once: the umask can
    only be read by setting it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask

"""Client libraries the site ships, copied from installed packages at build time (never vendored)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.sitegen")

KATEX_FILES = ("katex.min.js", "katex.min.css")


def katex_dir() -> Path | None:
    """KaTeX's ``dist`` folder from the npm package: $SITEGEN_KATEX_DIR, the venv's npm prefix or ./node_modules."""
    candidates = [
        os.environ.get("SITEGEN_KATEX_DIR", ""),
        str(Path(sys.prefix) / "npm" / "node_modules" / "katex" / "dist"),
        "node_modules/katex/dist",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "katex.min.js").is_file():
            return Path(candidate)
    return None


def static_assets() -> dict[str, bytes]:
    """KaTeX (script, style, woff2 fonts) under ``assets/katex/``; empty, with a warning, if not installed."""
    found = katex_dir()
    if found is None:
        log.warning("KaTeX not found (run `make site` or `npm install katex`): math is shown as TeX source")
        return {}
    files = {f"assets/katex/{name}": (found / name).read_bytes() for name in KATEX_FILES}
    for font in sorted((found / "fonts").glob("*.woff2")):
        files[f"assets/katex/fonts/{font.name}"] = font.read_bytes()
    return files

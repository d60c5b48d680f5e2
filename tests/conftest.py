"""Shared test helpers: fixture paths and golden-file comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
UPDATE_GOLDEN = bool(os.environ.get("SITEGEN_UPDATE_GOLDEN"))


def assert_golden(path: Path, actual: object) -> None:
    """Compare with the golden JSON file; ``make golden`` rewrites it on purpose."""
    text = json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"{path} missing: {_REGENERATE} and review it")
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path} differs ({_REGENERATE} if intended, review the diff)"


_REGENERATE = "run `SITEGEN_UPDATE_GOLDEN=1 .venv/bin/pytest` on this test (or `make golden` for all golden files)"

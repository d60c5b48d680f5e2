"""Shared test helpers: fixture paths and golden-file comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def seed_search_docs() -> list[Any]:
    """The seeds as search documents (one theme), in the order a build stores them."""
    from sitegen.pipeline import read_corpus
    from sitegen.search import SearchDoc, ordered

    papers = read_corpus([str(ROOT / "seeds")]).papers
    return ordered(
        SearchDoc(url=f"papers/{p.id}/", title=p.title or "", abstract=p.abstract, theme_id="t", theme_label="T",
                  date=p.date, links=p.links)
        for p in papers
    )  # fmt: skip


@pytest.fixture(scope="session")
def seed_search_index(seed_search_docs: list[Any]) -> Any:
    """The lunr index of :func:`seed_search_docs`."""
    from sitegen.search_query import load_index

    return load_index(seed_search_docs)

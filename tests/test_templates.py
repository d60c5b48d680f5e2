"""A user's template folder overrides any built-in template; the others keep coming from sitegen."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import main
from tests.conftest import FIXTURES


def test_user_template_overrides_paper_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["build", str(FIXTURES / "ingest" / "spaced_upvotes.txt"), "--out", str(out), "--engine", "tfidf", "-q"]
    result = CliRunner().invoke(main, [*args, "--templates", str(FIXTURES / "templates")])
    assert result.exit_code == 0, result.output
    page = out / "papers" / "orca-progressive-learning-from-complex-explanation-traces-of-gpt-4" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<strong>Custom template</strong> for a paper in <em>" in html  # Markdown was rendered
    assert "sg-abstract" not in html
    assert "sg-themes" in (out / "index.html").read_text(encoding="utf-8")  # built-in home page

"""A paper's links: each link once however it is written, and the one definition of a URL in text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.enrich import enrich, extract_links
from sitegen.identity import page_keys
from sitegen.pipeline import read_corpus
from sitegen.records import Paper, Source, Theme, ThemeResult
from sitegen.render import render_pages
from sitegen.templates import make_env
from sitegen.themes.assemble import paper_text

DOI = "https://doi.org/10.5555/3295222.3295349"
ARXIV = "https://arxiv.org/abs/1706.03762"
ENTRY = r"""@article{vaswani2017,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  doi = {10.5555/3295222.3295349},
  abstract = {We propose the Transformer, based solely on attention mechanisms. Preprint at
    http://arxiv.org/abs/1706.03762v5 and published as http://dx.doi.org/10.5555/3295222.3295349.}
}
"""


def test_a_link_the_abstract_writes_again_is_listed_once(tmp_path: Path) -> None:
    """QA: an entry's DOI and arXiv eprint, which its abstract wrote again as ``http://arxiv.org/abs/...v5`` and
    ``http://dx.doi.org/...``, were four links on its page (``sitegen parse`` and the page alike); merging already
    took them for two. Kept: the entry's own forms, ``https://doi.org/...`` and the arXiv page without a version."""
    bib = tmp_path / "refs.bib"
    bib.write_text(ENTRY, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(bib)])
    assert result.exit_code == 0, result.output
    record = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert record["links"] == [DOI, ARXIV]

    corpus = read_corpus([bib])
    (paper,) = corpus.papers
    themes = ThemeResult((Theme("t", "T", (), (paper.id,)),), {paper.id: "t"})
    page = {p.path: p.content for p in render_pages(corpus.papers, themes, make_env(), "Site")}[f"papers/{paper.id}.md"]
    links = page.split('<ul class="sg-links">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)"', links) == [DOI, ARXIV]


def test_a_link_only_the_abstract_writes_is_written_as_merging_writes_it() -> None:
    """A DOI or arXiv page found in the abstract alone, in any form, is listed once, in the form merging keeps."""
    abstract = (
        "See http://dx.doi.org/10.1000/ABC.1, http://arxiv.org/abs/2401.00001v2 (www.arxiv.org/abs/2401.00001v3)."
    )
    (paper,) = enrich([Paper("", "A title", abstract, (Source("a.txt", 1),))])
    assert paper.links == ("https://doi.org/10.1000/ABC.1", "https://arxiv.org/abs/2401.00001")


def test_a_doi_the_abstract_cites_in_another_form_is_still_no_key() -> None:
    """``identity.page_keys`` leaves out links the abstract writes (a cited DOI is another paper's page): it compares
    them as :func:`extract_links` gives them with the paper's links, so both must write a link alike. Had the paper's
    links become ``https://doi.org/...`` while the abstract's stayed ``http://dx.doi.org/...``, a reply citing a
    paper would take the cited paper's DOI for its own."""
    reply = Paper(
        "",
        "A reply on expert routing",
        "We revisit http://dx.doi.org/10.1000/route.1 and disagree.",
        (Source("a.txt", 1),),
        links=("https://doi.org/10.1000/reply.9",),
    )
    (enriched,) = enrich([reply])
    assert enriched.links == ("https://doi.org/10.1000/reply.9", "https://doi.org/10.1000/route.1")
    assert [key for key in page_keys(enriched) if key.startswith("doi:")] == ["doi:10.1000/reply.9"]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        # a Markdown link whose text is its URL: two matches of one link, not "https://x.org/a](https://x.org/a"
        ("code: [https://x.org/a](https://x.org/a).", ("https://x.org/a",)),
        ("see [our code](https://github.com/c/d)).", ("https://github.com/c/d",)),
        ("HTTP://WWW.WHO.INT/news and WWW.CDC.GOV.", ("http://WWW.WHO.INT/news", "https://WWW.CDC.GOV")),
        ("available athttps://github.com/a/b", ("https://github.com/a/b",)),  # a PDF's lost space
        ("at https: //github.com/a/flan\\_nas{https://github.com/a/flan\\_nas}", ("https://github.com/a/flan_nas",)),
        (
            "S0140-6736(20)30183-5 (https://doi.org/10.1016/S0140-6736(20)30183-5).",
            ("https://doi.org/10.1016/S0140-6736(20)30183-5",),
        ),
    ],
)
def test_urls_in_text(text: str, links: tuple[str, ...]) -> None:
    assert extract_links(text) == links


def test_the_text_themes_see_has_no_url_enrich_finds() -> None:
    """``assemble.paper_text`` drops the URLs of :data:`textutil.URL`, which ``enrich`` lists: its own ``\\S+``
    left ``//github.com/...`` of a PDF's ``https: //github.com/...`` (a seed abstract), and took the first word of
    the text of a ``\\href`` scraped flat (``url{our code}``)."""
    abstract = "Code at https: //github.com/Graph-COM/NAT. Also https://x.org/a{our code} and HTTPS://Y.ORG/b."
    text = paper_text(Paper("p", "T", abstract, (Source("a.txt", 1),)))
    assert text.split() == ["T.", "Code", "at", "Also", "{our", "code}", "and"]

"""The one definition of a URL in text (``textutil.URL``): the links enrich lists, the text themes see."""

from __future__ import annotations

import pytest

from sitegen.enrich import extract_links
from sitegen.records import Paper, Source
from sitegen.themes.assemble import paper_text


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

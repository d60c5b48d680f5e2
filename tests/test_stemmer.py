"""The Python stemmer must stem exactly like lunr.js, or words indexed in Python are never found in the browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources

import pytest

from sitegen.pipeline import read_corpus
from sitegen.stemmer import stem
from tests.conftest import ROOT

# Words where lunr.py's stemmer and lunr.js disagree (the y -> i rule): lunr.js is the reference.
KNOWN = {"display": "display", "survey": "survey", "array": "array", "days": "day", "key": "key",
         "cry": "cri", "happy": "happi", "generalization": "gener", "hopping": "hop", "agreed": "agre"}  # fmt: skip

NODE_STEM = """
const fs = require('fs');
const src = fs.readFileSync(process.argv[1], 'utf8');
const lunr = (function () { const module = {exports: {}}; eval(src); return module.exports; })();
const words = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(words.map(w => lunr.stemmer(new lunr.Token(w)).toString())));
"""


@pytest.mark.parametrize(("word", "expected"), sorted(KNOWN.items()))
def test_known_words(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_every_seed_word_stems_like_lunr_js() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot run lunr.js outside the browser")
    words = sorted(
        {
            w
            for p in read_corpus([ROOT / "seeds"]).papers
            for w in re.findall(r"[a-z]+", f"{p.title} {p.abstract}".lower())
        }
    )
    lunr_js = resources.files("mkdocs.contrib.search") / "templates" / "search" / "lunr.js"
    done = subprocess.run(
        [node, "-e", NODE_STEM, str(lunr_js)], input=json.dumps(words), capture_output=True, text=True, check=True
    )
    expected = json.loads(done.stdout)
    mismatches = [(w, stem(w), js) for w, js in zip(words, expected, strict=True) if stem(w) != js]
    assert len(words) > 5000
    assert mismatches == []

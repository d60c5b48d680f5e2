"""E-mailed arXiv digests and copied arXiv pages (QA, fixtures/mail): .eml and mbox files decoded (quoted-printable,
base64, charsets, mbox's ``>From``), digests a mail client re-wrapped, today's /list page without its labels, page
furniture after entries without an abstract, and what an unrecognised file that is mail without its envelope says."""

from __future__ import annotations

import base64
import re
import shutil
import tempfile
from collections.abc import Callable
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.ingest import _CATCH_ALL, READERS, mail, read_file
from sitegen.ingest.text import TextFile
from sitegen.pipeline import Corpus, read_corpus
from sitegen.records import Paper
from tests.conftest import FIXTURES

MAIL = FIXTURES / "mail"
MAIL_READERS = ", ".join(r.name for r in READERS if r.name not in _CATCH_ALL)
"""The readers a mail's text is tried with, as the "unrecognised format" message lists them: from the registry, so
that a new input format does not break a test about mail (README, "Adding an input format")."""
MOE = "Capacity-Aware Routing for Sparse Mixture-of-Experts Language Models"
RAG = (
    "Retrieval-Augmented Generation Under Distribution Shift: A Benchmark and Analysis of Failure Modes in "
    "Open-Domain Question Answering"
)
MOE_ABSTRACT_END = (
    "We learn a per-layer capacity factor jointly with the router (we use $k=2$ throughout, with capacity factors "
    "learned per layer rather than fixed by hand). From these results we infer that routing, not capacity, limits "
    "small models."
)


def read(monkeypatch: pytest.MonkeyPatch, *names: str, merge: bool = False) -> tuple[Corpus, dict[str | None, Paper]]:
    """The corpus of mail fixtures (read from their folder) and its papers by title."""
    monkeypatch.chdir(MAIL)
    corpus = read_corpus(list(names), merge=merge)
    return corpus, {p.title: p for p in corpus.papers}


def problems(corpus: Corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def line_of(name: str, text: str) -> int:
    """The line of a fixture that holds ``text`` (the file as written: QP or 8-bit, not base64)."""
    lines = (MAIL / name).read_bytes().decode("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def assert_digest_read(papers: dict[str | None, Paper]) -> None:
    """The two papers of fixtures/mail/digest.txt, as that file gives them."""
    moe, rag = papers[MOE], papers[RAG]
    assert moe.abstract.endswith(MOE_ABSTRACT_END)
    assert moe.authors == ("Jane Q. Doe", "Rahul Mehta", "Tomasz Kowalczyk")
    assert rag.authors == ("Marta Ruiz-García", "Kenji Watanabe")
    assert rag.links == ("https://arxiv.org/abs/2411.00034", "https://doi.org/10.1162/tacl_a_00999")
    assert (moe.date, rag.date) == ("2024-11-01", "2024-11-01")


def assert_mail_gives_the_digest(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes) -> None:
    """A mail file holding fixtures/mail/digest.txt gives its two papers and says its one replacement."""
    (folder / name).write_bytes(data)
    monkeypatch.chdir(folder)
    corpus = read_corpus([name])
    assert_digest_read({p.title: p for p in corpus.papers})
    assert [p.message for p in corpus.problems] == [
        "arXiv replacement (listed without an abstract), skipped (2305.14314)"
    ]


# ---------------------------------------------------------------- 1. quoted-printable


def test_quoted_printable_eml_is_decoded_and_placed_at_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: ``=3D``, ``=C3=AD`` and soft line breaks were read as text, silently ("Ruiz-Garc=C3=ADa", "$k=3D2$=")."""
    corpus, papers = read(monkeypatch, "digest_qp.eml")
    assert_digest_read(papers)
    assert not any("=3D" in p.abstract or "=C3" in " ".join(p.authors) for p in corpus.papers)
    # A decoded line is placed at the line of the file it starts on.
    assert papers[MOE].sources[0].line == line_of("digest_qp.eml", "arXiv:2411.00021")
    assert papers[RAG].sources[0].line == line_of("digest_qp.eml", "arXiv:2411.00034")
    replaced = line_of("digest_qp.eml", "arXiv:2305.14314")
    assert problems(corpus) == [
        f"digest_qp.eml:{replaced}: arXiv replacement (listed without an abstract), skipped (2305.14314)"
    ]
    assert corpus.readers == {"digest_qp.eml": "arxiv-listing"}


def test_a_quoted_printable_copy_merges_with_the_clean_one_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: the garbled name won the merge over the clean copies; decoded, the copies are the same paper."""
    corpus, papers = read(monkeypatch, "digest_qp.eml", "digest.txt", merge=True)
    assert len(corpus.papers) == 2
    assert [s.file for s in papers[RAG].sources] == ["digest.txt", "digest_qp.eml"]
    assert papers[RAG].authors == ("Marta Ruiz-García", "Kenji Watanabe")


# ---------------------------------------------------------------- 2. base64, and an mbox of several messages


def test_base64_eml_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: "unrecognised format". Each record is placed at the base64 line holding its first byte."""
    corpus, papers = read(monkeypatch, "digest_base64.eml")
    assert_digest_read(papers)
    lines = (MAIL / "digest_base64.eml").read_text().splitlines()
    body = lines.index("") + 1  # the encoded text starts after the headers' blank line
    decoded = base64.b64decode("".join(lines[body:]))
    for title, start in ((MOE, b"arXiv:2411.00021"), (RAG, b"arXiv:2411.00034")):
        line = papers[title].sources[0].line  # its line holds bytes [before, through) of the decoded text
        before, through = (len("".join(lines[body:n])) * 3 // 4 for n in (line - 1, line))
        assert before <= decoded.index(start) < through
    assert problems(corpus) == [
        "digest_base64.eml:53: arXiv replacement (listed without an abstract), skipped (2305.14314)"
    ]


def test_mbox_reads_every_message_and_unquotes_from_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: the base64 message of an mbox was dropped silently, the 8-bit one read with mbox's ``>From`` quoting in
    its abstract; a message with only HTML is reported at its ``From `` line."""
    corpus, papers = read(monkeypatch, "digests.mbox")
    assert_digest_read(papers)
    assert "Capacity-Free Routing for Sparse Mixture-of-Experts Language Models" in papers  # the base64 message
    assert all(">From" not in p.abstract for p in corpus.papers)
    assert papers[MOE].sources[0].line == line_of("digests.mbox", "arXiv:2411.00021")
    assert problems(corpus)[-1] == (  # at its "From " line
        "digests.mbox:129: e-mail message with an HTML body only, skipped (sitegen reads a mail's plain text: copy "
        "the mail's text into a .txt file)"
    )
    assert (corpus.tally.records, corpus.tally.skipped, len(corpus.papers)) == (7, 3, 4)


def test_an_attached_export_is_read_and_a_pdf_attachment_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mail's body need not be a digest: an attached RIS file is read as any RIS file; the note above it is no
    input and not reported, the PDF beside it is."""
    corpus, papers = read(monkeypatch, "ris_attached.eml")
    assert list(papers) == ["Sparse Attention for Long Documents"]
    assert papers["Sparse Attention for Long Documents"].sources[0].line == 22  # the first line of its base64
    assert problems(corpus) == [
        "ris_attached.eml:33: e-mail attachment 'sparse.pdf': a PDF file, skipped "
        "(sitegen reads text: export the abstracts from your reference manager as BibTeX or RIS, or copy them into a "
        ".txt file)"
    ]


def test_mail_is_known_by_its_content_not_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(MAIL / "digest_qp.eml", tmp_path / "digest.txt")
    notes = "Title: A Study\nDate: 2024-05-01\nSubject: physics\n\nAbstract: We study things carefully and well.\n"
    (tmp_path / "notes.txt").write_text(notes)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["digest.txt", "notes.txt"])
    assert corpus.readers == {"digest.txt": "arxiv-listing", "notes.txt": "labelled"}
    assert not any("=3D" in p.abstract for p in corpus.papers)


def write_mail(path: Path, body: bytes, *, headers: str = "Content-Type: text/plain; charset=utf-8\n") -> None:
    path.write_bytes(
        b"From: alerts@example.org\nTo: me@example.edu\nSubject: alert\nMIME-Version: 1.0\n"
        + headers.encode()
        + b"\n"
        + body
    )


RIS = (
    b"TY  - JOUR\nTI  - A Study of Things\nAU  - Garc\xc3\xada, Jos\xc3\xa9\nAB  - We study things and find that "
    b"they are interesting in many ways, which we measure carefully.\nER  - \n"
)


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        (
            "Content-Type: text/html\n",
            b"<html><body><p>New papers this week</p></body></html>\n",
            "a.eml:1: e-mail message with an HTML body only, skipped (sitegen reads a mail's plain text: copy the "
            "mail's text into a .txt file)",
        ),
        (
            "Content-Transfer-Encoding: base64\n",
            b"VFkgIC0gSk9VUgpUSSAgLSBBIFN0dWR5\nVFkgIC0gSk9VUgpUSSAgLSBBIFN0dWR5x\n",
            "a.eml:7: e-mail text could not be decoded (its base64 is cut short or damaged), skipped",
        ),
        ("", b"\n\n", "a.eml:6: e-mail text is empty, skipped"),
        (
            "",
            b"Dear subscriber,\n\nThank you for subscribing to the cs daily mailing list. You will receive one message "
            b"per announcement day listing the new submissions in the classes you chose.\n\nBest regards,\narXiv\n",
            f"a.eml:6: e-mail text: unrecognised format (not one of: {MAIL_READERS}), skipped",
        ),
    ],
    ids=["html-only", "base64-cut-short", "empty", "no-digest"],
)
def test_a_mail_that_gives_nothing_is_the_file_skipped_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headers: str, body: bytes, expected: str
) -> None:
    """Never dropped silently; a list's welcome is not read as a Daily Papers listing (its greeting a title)."""
    write_mail(tmp_path / "a.eml", body, headers=headers)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.eml"])
    assert (corpus.papers, problems(corpus)) == ([], [expected])
    assert (corpus.tally.files_skipped, corpus.tally.records) == (1, 0)


@pytest.mark.parametrize(
    ("headers", "body", "author", "expected"),
    [
        ("Content-Type: text/plain; charset=iso-8859-1\n", RIS.decode().encode("latin-1"), "José García", []),
        ("Content-Type: text/plain\n", RIS, "José García", []),  # no charset: UTF-8, as any input file
        (
            "Content-Type: text/plain; charset=x-unknown\n",
            RIS,
            "José García",
            ["a.eml:7: e-mail text in a charset Python cannot read ('x-unknown'): read as UTF-8 or Windows-1252"],
        ),
        (
            "Content-Type: text/plain; charset=utf-8\n",
            RIS.replace(b"\xc3\xada", b"\xeda"),  # Latin-1 in a text that says it is UTF-8
            "José García",
            ["a.eml:9: not UTF-8: read as Windows-1252 (Latin-1)"],
        ),
        (
            "Content-Type: text/plain; charset=shift_jis\n",
            RIS.replace(b"Garc\xc3\xada, Jos\xc3\xa9", b"\x82\xa0, \xff"),
            "\u3042, \ufffd",
            ["a.eml:9: e-mail text not valid shift_jis (the charset it names): such bytes shown as \ufffd"],
        ),
        (
            "Content-Transfer-Encoding: base64\nContent-Type: text/plain; charset=utf-8\n",
            base64.encodebytes(RIS)[:-1] + b"!!\n",
            "José García",
            ["a.eml:8: e-mail text: its base64 is damaged (stray characters or padding); read as far as it decodes, "
             "check it"],
        ),
    ],
    ids=["latin-1", "no-charset", "unknown-charset", "not-utf-8", "not-shift-jis", "base64-stray"],
)  # fmt: skip
def test_charsets_and_damage_are_read_as_far_as_they_go_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headers: str, body: bytes, author: str, expected: list[str]
) -> None:
    write_mail(tmp_path / "a.eml", body, headers=headers)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.eml"])
    assert [p.authors for p in corpus.papers] == [(author,)]
    assert corpus.papers[0].sources[0].line == 6 + headers.count("\n")  # the first line of the text
    assert problems(corpus) == expected


def test_a_forward_as_attachment_and_an_html_alternative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain text of ``multipart/alternative`` is read, its HTML left; a forwarded message's text is read."""
    digest = (MAIL / "digest.txt").read_text()
    outer = MIMEMultipart("mixed")
    outer["From"], outer["Subject"] = "jo@example.edu", "Fwd: cs daily"
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Sam, see the digest attached.", "plain"))
    alternative.attach(MIMEText("<p>Sam, see the digest attached.</p>", "html"))
    outer.attach(alternative)
    forwarded = MIMEMultipart("alternative")
    forwarded["From"], forwarded["Subject"] = "no-reply@arxiv.org", "cs daily"
    forwarded.attach(MIMEText(digest, "plain", "utf-8"))
    outer.attach(MIMEMessage(forwarded))
    assert_mail_gives_the_digest(tmp_path, monkeypatch, "fwd.eml", outer.as_bytes())


# ---------------------------------------------------------------- 3. a digest re-wrapped at 72 characters


def test_a_digest_rewrapped_by_a_mail_client_keeps_its_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: "Title: ... A" / "Benchmark" / "  and Analysis ..." gave the title cut, authors ['Benchmark'] and an
    abstract starting "and Analysis ... Authors: ... Categories: ...", the DOI lost. Up to its ``\\\\`` a digest's
    record is fields: a line at the margin goes on with the field above it."""
    corpus, papers = read(monkeypatch, "digest_rewrapped72.txt")
    assert_digest_read(papers)
    assert len(corpus.papers) == 2
    assert not any(re.search(r"\b(?:Authors|Categories|Title):", p.abstract) for p in corpus.papers)


def test_fields_after_an_abstract_began_skip_the_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fields in an abstract mean lines ran together: reported, never published."""
    page = (
        "[1] arXiv:2411.00021 [pdf, other]\nCapacity-Aware Routing\nJane Q. Doe\nSubjects: Machine Learning (cs.LG)\n"
        "and Analysis of Failure Modes in Open-Domain Question Answering\nAuthors: Marta Ruiz-García\n"
        "Categories: cs.CL\nWe study it.\n"
    )
    (tmp_path / "page.txt").write_text(page)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["page.txt"])
    assert corpus.papers == []
    assert problems(corpus) == [
        "page.txt:1: arXiv entry whose fields run into its abstract (a field at line 6: lines joined or re-wrapped?), "
        "skipped (2411.00021)"
    ]


# ---------------------------------------------------------------- 4. today's /list/<cat>/new page, labels hidden


def test_todays_list_page_without_labels_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: arxiv.org's stylesheet hides "Title:" and "Authors:"; the copied page was an unrecognised format."""
    corpus, papers = read(monkeypatch, "list_new_unlabelled.txt")
    assert corpus.readers == {"list_new_unlabelled.txt": "arxiv-listing"}
    assert papers[MOE].authors == ("Jane Q. Doe", "Rahul Mehta", "Tomasz Kowalczyk")
    assert papers[MOE].abstract.startswith("Mixture-of-experts layers increase model capacity")
    assert papers[RAG].authors == ("Marta Ruiz-García", "Kenji Watanabe")
    assert [p.sources[0].line for p in (papers[MOE], papers[RAG])] == [10, 17]
    assert problems(corpus) == [
        "list_new_unlabelled.txt:25: arXiv replacement (listed without an abstract), skipped (2305.14314)"
    ]


def test_a_list_page_whose_links_fell_on_a_line_of_their_own_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A copy that broke ``[1] arXiv:ID [pdf, html, other]`` before the links took "[pdf, html, other]" for the
    title (and the title for the names); now the links line is passed over, and the file is still claimed."""
    text = (MAIL / "list_new_unlabelled.txt").read_text(encoding="utf-8")
    broken = re.sub(r"^(\[\d+\] arXiv:\S+(?: \([^)]*\))?) (\[[^\]]*\])$", r"\1\n\2", text, flags=re.MULTILINE)
    assert broken.count("\n[pdf") == 3
    (tmp_path / "page.txt").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["page.txt"])
    papers = {p.title: p for p in corpus.papers}
    assert corpus.readers == {"page.txt": "arxiv-listing"}
    assert papers[MOE].authors == ("Jane Q. Doe", "Rahul Mehta", "Tomasz Kowalczyk")
    assert papers[RAG].authors == ("Marta Ruiz-García", "Kenji Watanabe")
    assert problems(corpus) == ["page.txt:27: arXiv replacement (listed without an abstract), skipped (2305.14314)"]


# ---------------------------------------------------------------- 5. page furniture is no abstract


@pytest.mark.parametrize(
    ("name", "expected", "papers"),
    [
        (
            "list_old_furniture.txt",
            ["list_old_furniture.txt:20: arXiv replacement (listed without an abstract), skipped (2402.09876)"],
            [MOE],
        ),
        (
            "list_recent_furniture.txt",
            [
                "list_recent_furniture.txt:9: arXiv entry without an abstract, skipped (2411.02201)",
                "list_recent_furniture.txt:13: arXiv entry without an abstract, skipped (2411.02245)",
                "list_recent_furniture.txt:18: arXiv entry without an abstract, skipped (2411.01190)",
            ],
            [],
        ),
    ],
)
def test_page_furniture_after_an_entry_is_no_abstract(
    monkeypatch: pytest.MonkeyPatch, name: str, expected: list[str], papers: list[str]
) -> None:
    """QA: "[ showing up to 2000 entries per page: fewer | more ]", a /recent page's day heading and "Disable MathJax
    (What is MathJax?)" were published as the abstracts of the entries above them, which have none."""
    corpus, by_title = read(monkeypatch, name)
    assert (list(by_title), problems(corpus)) == (papers, expected)


# ---------------------------------------------------------------- 7. mail that lost its envelope


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "digest_forwarded_quoted.txt",
            "digest_forwarded_quoted.txt:1: text quoted with '> ' (a forwarded or replied mail) that reads as "
            "arxiv-listing once unquoted, skipped (remove the '> ' before its lines, or save the original mail as an "
            ".eml file)",
        ),
        (
            "digest_base64_body.txt",
            "digest_base64_body.txt:1: base64-encoded text (a mail's body without its headers?), skipped (save the "
            "whole mail, headers included, as an .eml file: sitegen decodes it)",
        ),
    ],
)
def test_unrecognised_mail_says_what_to_do(monkeypatch: pytest.MonkeyPatch, name: str, expected: str) -> None:
    corpus, _ = read(monkeypatch, name)
    assert problems(corpus) == [expected]


# ---------------------------------------------------------------- whatever the bytes

HEADER = st.sampled_from(
    [
        "Content-Transfer-Encoding: base64",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Transfer-Encoding: 8bit",
        "Content-Transfer-Encoding: x-uuencode",
        "Content-Type: text/plain; charset=utf-16",
        "Content-Type: text/plain; charset=idna",
        "Content-Type: text/plain; charset=undefined",
        'Content-Type: text/plain; charset="=?utf-8?q?x?="',
        "Content-Type: multipart/mixed; boundary=b",
        "Content-Type: text/html",
        "Content-Disposition: attachment; filename*=utf-8''r%C3%A9f.bib",
        "Content-Disposition: attachment; filename*=idna''r%FF.bib",
        "Subject: =?utf-8?b?broken",
    ]
)
BODY_LINE = st.one_of(
    st.sampled_from(["--b", "--b--", "", "=", "=C3=A9=", "arXiv:2411.00021", "Title: T", "\\\\", ">From x", "From x"]),
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: base64.b64encode(b).decode()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HEADER, max_size=4), st.lists(BODY_LINE, max_size=30), st.booleans())
def test_any_mail_is_read_without_raising(headers: list[str], body: list[str], mbox: bool) -> None:
    head = ["From: a@b.org", "MIME-Version: 1.0", *headers]
    text = "\n".join(head + [""] + [line.replace("\r", " ").replace("\n", " ") for line in body]) + "\n"
    data = (b"From a@b.org Mon Nov  4 20:31:05 2024\n" if mbox else b"") + text.encode("utf-8", "surrogatepass")
    assert mail.detect(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.eml"
        path.write_bytes(data)
        papers, found, reader = read_file(path)
    line_count = data.count(b"\n") + 1
    assert all(1 <= s.line <= line_count for p in papers for s in p.sources)
    assert all(1 <= p.line <= line_count for p in found)
    assert reader is None or reader in {r.name for r in READERS}
    assert papers or found


# ---------------------------------------------------------------- QA round 2: notes that open like a mail


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("notes_record_with_from_label.txt", 2),  # Title: / Date: / From: arXiv cs.LG / Abstract:
        ("notes_journal_received.txt", 2),  # Title: / Received: 3 March 2023 / Accepted: / Date: / Abstract:
        ("notes_from_subject_no_blank.txt", 2),  # From: reading group / Subject: week 3 / Title: ...
        ("notes_to_from_title.md", 1),  # To: read / From: Alice's recommendations / Title: / Abstract:
        ("notes_daily_from_date.txt", 2),  # a Daily Papers listing under From: <its URL> / Date:
    ],
)
def test_notes_that_open_with_from_or_date_lines_are_no_mail(
    monkeypatch: pytest.MonkeyPatch, name: str, count: int
) -> None:
    """QA (a regression): their first record vanished in silence, taken for a mail's headers; a Daily Papers listing
    was skipped whole, a note was "e-mail text is empty". A mail's headers name an address and a header only mail
    software writes, and no label of a record."""
    assert not mail.detect((MAIL / name).read_bytes())
    corpus, _ = read(monkeypatch, name)
    assert len(corpus.papers) == count
    assert not any("e-mail" in p.message for p in corpus.problems)


@pytest.mark.parametrize(
    ("head", "is_mail"),
    [
        ("From: jo@uni.edu\nMessage-ID: <1@uni.edu>\n", True),
        ("From: Jo <jo@uni.edu>\nReceived: from mx.uni.edu by mail.example.org; Mon, 4 Nov 2024 20:31:05\n", True),
        ("From: jo@uni.edu\nReceived: 3 March 2023\nSubject: x\n", False),  # a journal's date, not a relay's
        ("From: jo@uni.edu\nDate: Mon, 4 Nov 2024 20:31:05 -0500\nSubject: week 3\nTo: me@uni.edu\n", False),
        ("From: reading group\nMIME-Version: 1.0\n", False),  # no address
        ("From: jo@uni.edu\nMessage-ID: <1@uni.edu>\nTitle: A Study\n", False),  # a record's label
        ("From jo@uni.edu Mon Nov  4 20:31:05 2024\nSubject: x\nMessage-ID: <1@uni.edu>\n", True),  # mbox
    ],
)
def test_a_mail_is_known_by_an_address_and_a_header_of_mail_software(head: str, is_mail: bool) -> None:
    assert mail.detect(f"{head}\nTitle: A Study\nAbstract: We study things.\n".encode()) is is_mail


def test_a_file_taken_for_mail_that_gives_nothing_is_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If in doubt, the file's text is read and said: a mail's headers above notes that name them HTML give no
    paper as mail, two as text."""
    notes = (MAIL / "notes_record_with_from_label.txt").read_text()
    (tmp_path / "a.txt").write_text(f"From: jo@uni.edu\nMIME-Version: 1.0\nContent-Type: text/html\n\n{notes}")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.txt"])
    assert len(corpus.papers) == 2
    assert problems(corpus) == [
        "a.txt:1: its first lines look like an e-mail's headers, but as e-mail it gives no paper (e-mail message "
        "with an HTML body only, skipped (sitegen reads a mail's plain text: copy the mail's text into a .txt file)):"
        " read as text",
        "a.txt:2: text outside any field, left out: 'MIME-Version: 1.0'",
        "a.txt:3: text outside any field, left out: 'Content-Type: text/html'",
    ]


# ---------------------------------------------------------------- QA round 2: a mail that starts after a few lines

GMAIL_SUMMARY = (
    "Original Message\nMessage ID\t<28530156@arxiv.org>\nCreated at:\tMon, Nov 4, 2024 at 8:31 PM\n"
    "From:\tno-reply@arxiv.org\nTo:\tresearcher@example.edu\nSubject:\tcs daily Subj-class mailing 13 4\n"
    "SPF:\tPASS with IP 209.85.220.41 Learn more\nDownload original\tCopy to clipboard\n"
)
EMLX_PLIST = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict></dict></plist>\n'


@pytest.mark.parametrize(
    ("before", "after"),
    [("\n\n", ""), (GMAIL_SUMMARY, ""), ("{size}\n", EMLX_PLIST), ("12\n", "")],
    ids=["leading-blank-lines", "gmail-show-original", "apple-mail-emlx", "a-number-no-emlx-size"],
)
def test_a_mail_after_a_few_lines_is_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str, after: str
) -> None:
    """QA: Gmail's "Show original" page copied whole, a raw source pasted after a blank line, Apple Mail's .emlx
    (the message's size in bytes on its first line, a property list after it) were read with their quoted-printable
    undecoded ("a= nd", "$k=3D4$"), in silence. Lines are those of the file."""
    data = (MAIL / "digest_qp.eml").read_bytes()
    (tmp_path / "a.txt").write_bytes(before.format(size=len(data)).encode() + data + after.encode())
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.txt"])
    papers = {p.title: p for p in corpus.papers}
    assert_digest_read(papers)
    shift = before.count("\n")
    assert papers[MOE].sources[0].line == line_of("digest_qp.eml", "arXiv:2411.00021") + shift
    replaced = line_of("digest_qp.eml", "arXiv:2305.14314") + shift
    assert problems(corpus) == [
        f"a.txt:{replaced}: arXiv replacement (listed without an abstract), skipped (2305.14314)"
    ]


def test_text_before_a_mail_is_not_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only blank lines, an .emlx's size and Gmail's summary come before a mail: a line of notes above a pasted
    source is text a reader may read, and the file is read as text, its quoted-printable said."""
    data = (MAIL / "digest_qp.eml").read_bytes()
    assert not mail.detect(b"Papers to read this week:\n\n" + data)


def test_quoted_printable_read_as_text_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: a mail's quoted-printable text copied without its headers was read undecoded, without a word."""
    lines = (MAIL / "digest_qp.eml").read_text().splitlines(keepends=True)
    body = lines[lines.index("\n") + 1 :]
    (tmp_path / "digest.txt").write_text("".join(body))
    (tmp_path / "start.txt").write_text("".join(body[:20]))  # no reader reads its start: the hint says why
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["digest.txt", "start.txt"])
    assert len(corpus.papers) == 2
    said = problems(corpus)
    assert [said[0], said[-1]] == [
        "digest.txt:1: quoted-printable text (=3D, =C3=A9, lines ending in '='), read as it is written (a mail's text "
        "copied from its source?): save the whole mail, headers included, as an .eml file, which sitegen decodes",
        "start.txt:1: quoted-printable text (=3D, =C3=A9, lines ending in '=') (a mail's body without its headers?), "
        "skipped (save the whole mail, headers included, as an .eml file: sitegen decodes it)",
    ]
    assert not mail.quoted_printable(TextFile("x", tuple((MAIL / "digest.txt").read_text().splitlines())))
    assert not mail.quoted_printable(TextFile("x", ("QUJD" * 15 + "=",) * 10))  # base64's padding is no soft break


# ---------------------------------------------------------------- QA round 2: charsets, attachments, mbox


@pytest.mark.parametrize(
    ("charset", "expected"),
    [
        ("iso-8859-1", []),
        ("latin1", []),
        ("us-ascii", ["a.eml:10: not UTF-8: read as Windows-1252 (Latin-1)"]),
        ("windows-1252", []),
    ],
)
def test_latin1_and_ascii_labels_are_read_as_windows_1252(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, charset: str, expected: list[str]
) -> None:
    """QA: curly quotes and dashes (0x93, 0x94, 0x96) in a text labelled ISO-8859-1 were read as control characters
    (U+0093 ...); browsers and mail clients read the label as Windows-1252."""
    body = RIS.replace(b"We study things", b"We call it \x93Method20\x94 \x96 and study things")
    write_mail(tmp_path / "a.eml", body, headers=f"Content-Type: text/plain; charset={charset}\n")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.eml"])
    assert corpus.papers[0].abstract.startswith("We call it \u201cMethod20\u201d \u2013 and study things")
    assert problems(corpus) == expected


@pytest.mark.parametrize(
    ("headers", "encode"),
    [
        ("Content-Type: text/plain; charset=utf-8\n", lambda text: text.encode()),
        ("Content-Type: text/plain; charset=iso-8859-1\n", lambda text: text.encode("latin-1")),
        (
            "Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: base64\n",
            lambda text: base64.encodebytes(text.encode("utf-16")),
        ),
    ],
    ids=["utf-8", "latin-1", "utf-16-base64"],
)
def test_stray_nul_bytes_in_a_mail_are_dropped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headers: str, encode: Callable[[str], bytes]
) -> None:
    """As in a text file: a mail's text with NUL bytes in it (they were kept in the abstract) has them dropped, each
    line that held some said at its line of the file."""
    body = RIS.decode().replace("AB  - We study", "AB  - We\x00 study").replace("Things", "Thi\x00\x00ngs")
    write_mail(tmp_path / "a.eml", encode(body), headers=headers)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.eml"])
    assert [(p.title, p.abstract[:13]) for p in corpus.papers] == [("A Study of Things", "We study thin")]
    assert problems(corpus) == [  # base64: the encoded line each text line starts on (8 and 10 as well)
        "a.eml:8: 2 NUL bytes in the text, dropped",
        "a.eml:10: a NUL byte in the text, dropped",
    ]


WOS_UTF16 = (
    "PT\tAU\tTI\tAB\tPY\r\nJ\tLee, D\tOffline RL Sample Complexity\tWe study offline reinforcement learning in "
    "linear Markov decision processes under partial coverage conditions.\t2024\r\n"
).encode("utf-16")


@pytest.mark.parametrize("ctype", ["text/plain", "application/octet-stream"])
def test_a_utf16_attachment_is_read_by_its_byte_order_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ctype: str
) -> None:
    """QA: Web of Science's savedrecs.txt (UTF-16 with a byte order mark) attached with no charset was unrecognised
    (or binary), though the same file on disk is read. Its record is placed at the base64 line of its first byte."""
    encoded = base64.encodebytes(WOS_UTF16).decode()
    headers = (
        f'Content-Type: {ctype}; name="savedrecs.txt"\nContent-Disposition: attachment; filename="savedrecs.txt"\n'
        "Content-Transfer-Encoding: base64\n"
    )
    write_mail(tmp_path / "a.eml", encoded.encode(), headers=headers)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.eml"])
    assert [p.title for p in corpus.papers] == ["Offline RL Sample Complexity"]
    first = WOS_UTF16.index("J\t".encode("utf-16-le"))
    assert corpus.papers[0].sources[0].line == 9 + first // 57  # base64 lines of 57 bytes from line 9
    assert problems(corpus) == []


def test_an_mbox_envelope_right_after_a_body_starts_a_message(tmp_path: Path) -> None:
    """QA: with no blank line before the second ``From `` line, two messages were read as one (half the papers lost,
    "base64 damaged" said). A ``From `` line in a text, not followed by a whole message's headers, does not split."""
    digest = (MAIL / "digest.txt").read_text()
    message = (
        "From no-reply@arxiv.org Mon Nov  4 20:31:05 2024\nFrom: no-reply@arxiv.org\nSubject: cs daily\n"
        "Message-ID: <{n}@arxiv.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: base64\n\n{body}"
    )
    first = base64.encodebytes(digest.encode()).decode()
    second = base64.encodebytes(digest.replace("Capacity-Aware", "Capacity-Free").encode()).decode()
    text = message.format(n=1, body=first) + message.format(n=2, body=second)
    (tmp_path / "a.mbox").write_text(text)
    papers, found, _ = read_file(tmp_path / "a.mbox")
    assert [p.title for p in papers] == [MOE, RAG, MOE.replace("Aware", "Free"), RAG]
    second = text.splitlines().index("Message-ID: <2@arxiv.org>") - 2  # its "From " line, 1-based
    assert second < papers[2].sources[0].line
    assert [p.message for p in found] == ["arXiv replacement (listed without an abstract), skipped (2305.14314)"] * 2
    one = b"From: a@b.org\nMIME-Version: 1.0\n\nbody\nFrom jo Mon Nov  4 2024\nnot a header\n"
    assert len(mail._messages(one)) == 1


def test_signatures_vcards_invitations_and_inline_images_are_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: a signed digest with its list's logo and a vCard reported three unreadable inputs and failed --strict."""
    outer = MIMEMultipart("signed", protocol="application/pgp-signature")
    outer["From"], outer["Subject"] = "no-reply@arxiv.org", "cs daily"
    related = MIMEMultipart("related")
    related.attach(MIMEText((MAIL / "digest.txt").read_text(), "plain", "utf-8"))
    logo = MIMEImage(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "png")
    logo.add_header("Content-ID", "<logo@arxiv.org>")
    logo.add_header("Content-Disposition", "inline", filename="logo.png")
    related.attach(logo)
    for name, ctype, body in [
        ("colleague.vcf", "vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:Jo\nEND:VCARD\n"),
        ("invite.ics", "calendar", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Reading group\nEND:VEVENT\nEND:VCALENDAR\n"),
    ]:
        part = MIMEText(body, ctype)
        part.add_header("Content-Disposition", "attachment", filename=name)
        related.attach(part)
    outer.attach(related)
    signature = MIMEApplication(b"-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n", "pgp-signature")
    signature.add_header("Content-Disposition", "attachment", filename="signature.asc")
    outer.attach(signature)
    assert_mail_gives_the_digest(tmp_path, monkeypatch, "a.eml", outer.as_bytes())


def test_an_outlook_msg_says_what_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: an Outlook .msg was called "an old Office file (.doc, .xls) ... save a sheet as CSV": it has the same
    first bytes, and its streams' names (``__substg1.0_...``) tell it."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "cs_daily.msg").write_bytes(ole + "__substg1.0_0037001F".encode("utf-16-le") + bytes(64))
    (tmp_path / "old.doc").write_bytes(ole + "WordDocument".encode("utf-16-le") + bytes(64))
    monkeypatch.chdir(tmp_path)
    assert problems(read_corpus(["cs_daily.msg", "old.doc"])) == [
        "cs_daily.msg:1: an Outlook message (.msg), skipped (save the mail as .eml, or in Outlook with File > Save "
        "As > Text Only: sitegen reads both)",
        "old.doc:1: an old Office file (.doc, .xls), skipped (save a sheet as CSV, a document as text)",
    ]

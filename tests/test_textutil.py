"""Text helpers: text-mode LaTeX resolved at ingest, math written plainly where KaTeX does not run."""

from __future__ import annotations

import pytest

from sitegen.textutil import plain_math, slugify, tex_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (r"we propose \emph{DuMeta++}, a", "we propose DuMeta++, a"),
        (r"the \texttt{Avg-K} method, \textbf{bold} \textit{it}", "the Avg-K method, bold it"),
        (r"SequeL\url{https://github.com/nik-dim/sequel} is", "SequeL https://github.com/nik-dim/sequel is"),
        (r"see \url{https://x.org/a} now", "see https://x.org/a now"),
        (r"\href{https://x.org}{our code}", "our code (https://x.org)"),
        ("at https://x.org/a/b{https://x.org/a/b}.", "at https://x.org/a/b."),
        (r"about {\raise.17ex\scriptstyle\sim}4 hours", "about ~4 hours"),
        (r"about {\raise.17ex\hbox{$\scriptstyle\sim$}}4 hours", "about ~4 hours"),
        (r"LiPO-{\lambda} and \ie that, \eg this", "LiPO-\u03bb and i.e. that, e.g. this"),
        ("typical ``learning-to-learn'' problems", "typical \u201clearning-to-learn\u201d problems"),
        # A second derivative's primes are no closing quote; a one-letter word quoted is.
        ("where f''(x) > 0 and y'' + y = 0", "where f''(x) > 0 and y'' + y = 0"),
        ("the ``b'' of ``f'' and f''(x)", "the \u201cb\u201d of \u201cf\u201d and f''(x)"),
        ("all levelsx2014node-level", "all levels\u2014node-level"),
        (r"50\% less \& more", "50% less & more"),
        # Math is KaTeX's: untouched, even when it holds text commands.
        (r"keep $\emph{x}^2$ and $\lambda$ as written", r"keep $\emph{x}^2$ and $\lambda$ as written"),
        # Unknown commands and ordinary text stay as they are.
        (r"\unknown{x}; x2014 alone; \etalon stay", r"\unknown{x}; x2014 alone; \etalon stay"),
        ("plain text", "plain text"),
        # Accents and special letters, as arXiv writes names and words (outside math).
        (r"On Poincar\'e Duality and \emph{Sch\"onberg} Maps", "On Poincar\u00e9 Duality and Sch\u00f6nberg Maps"),
        (r"\emph{Poincar\'{e}} and {\"o}ffentlich", "Poincar\u00e9 and \u00f6ffentlich"),
        (
            r"Fran\c{c}ois, Erd\H{o}s, Mart\'{\i}nez, \v{S}ablica",
            "Fran\u00e7ois, Erd\u0151s, Mart\u00ednez, \u0160ablica",
        ),
        (
            r"Stra\ss e, \ss{} and, \L\'od\'z, \l{}ukasz, \AA ngstr\"om",
            "Stra\u00dfe, \u00df and, \u0141\u00f3d\u017a, \u0142ukasz, \u00c5ngstr\u00f6m",
        ),
        # Commands that start like an accent or a letter are not one.
        (r"\cdot, \verb, \label, \ie", r"\cdot, \verb, \label, i.e."),
        (r"$\"a$ stays, \"a does not", '$\\"a$ stays, \u00e4 does not'),
        (
            r"Nguy\~{\^e}n, Th\d{i} Ho\`{a}ng, \.Zaba, Kie\'slowski",
            "Nguy\u1ec5n, Th\u1ecb Ho\u00e0ng, \u017baba, Kie\u015blowski",
        ),
        # A backslash that is no TeX accent: escaped apostrophes and quotes, regular expressions, Windows paths, URLs,
        # verbatim text, an accent across a space or on a letter no language gives it.
        (r"we don\'t know O\'Neil, it\'s", r"we don\'t know O\'Neil, it\'s"),
        (r"1\. Introduction; as \"hello\" said; \.txt$", r"1\. Introduction; as \"hello\" said; \.txt$"),
        (r"C:\temp\aa\new, D:\o\x, \url{http://x.org/\~smith}", r"C:\temp\aa\new, D:\o\x, http://x.org/\~smith"),
        (r"\verb|\'e|, a tab \v in, \~s", r"\verb|\'e|, a tab \v in, \~s"),
    ],
)
def test_tex_text(raw: str, shown: str) -> None:
    assert tex_text(raw) == shown


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("Lossy and Lossless (L$^2$) Training", "Lossy and Lossless (L\u00b2) Training"),
        (r"in $\Lambda$CDM cosmologies", "in \u039bCDM cosmologies"),
        (r"cost $O(n^{1.5})$, $x_{i}$, $x_{10}$, $\sim 4$ h", "cost O(n^1.5), x_i, x\u2081\u2080, ~ 4 h"),
        (r"$\mathcal{O}(\log n)$ time", "O(log n) time"),
        ("costs $5 and $6", "costs $5 and $6"),  # dollars, not math
        ("no math", "no math"),
        # QA (2026-11-30): an unknown command was dropped, flipping the meaning ("P NP", "f g", "x S", "E = ω_k")
        (r"P $\neq$ NP, $f \ll g$, $x \notin S$", "P \u2260 NP, f \u226a g, x \u2209 S"),
        (
            r"$E = \hbar \omega$, $\partial u$, $\frac{a+b}{2}$, $2\sqrt{n}$",
            "E = \u210f \u03c9, \u2202 u, (a+b)/2, 2\u221an",
        ),
        (r"$A \subset \Z_n$, $\mathbb{R}^d$", "A \u2282 Z_n, R^d"),  # a name it does not know stays a name
        # QA round 2: shorthand arguments, nesting, roots' index, braces, raised symbols, functions' spaces
        (r"Spin-$\frac12$, $\sqrt2$, $\sqrt[3]{x}$", "Spin-1/2, \u221a2, 3\u221ax"),
        (r"$O(\frac{1}{\sqrt{T}})$, $\{0,1\}^n$, $O(n\log n)$", "O(1/(\u221aT)), {0,1}\u207f, O(n log n)"),
        (r"$A^\top$, $90^\circ$, $\binom{n}{2}$, $a \pmod{p}$", "A\u1d40, 90\u00b0, C(n,2), a (mod p)"),
    ],
)
def test_plain_math(raw: str, plain: str) -> None:
    assert plain_math(raw) == plain


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("β-VAE: Learning Basic Visual Concepts", "beta-vae-learning-basic-visual-concepts"),
        ("Hierarchical topology in $Λ$CDM cosmologies", "hierarchical-topology-in-lambda-cdm-cosmologies"),
        ("μP: Tensor Programs V", "mup-tensor-programs-v"),  # the micro sign is the letter mu
        ("Schrödinger bridges", "schrodinger-bridges"),
        # Other scripts in Latin letters (QA: Cyrillic titles all became "paper", Chinese ones a hash, and a Greek
        # word was spelt out letter by letter, "muetachialphanuiotakappaeta")
        ("Глубокое обучение для изображений", "glubokoe-obuchenie-dlya-izobrazheniy"),
        ("深度学习在医学图像中的应用", "shen-du-xue-xi-zai-yi-xue-tu-xiang-zhong-de-ying-yong"),
        ("Μεταχείριση δεδομένων", "metacheirisi-dedomenon"),
        ("αβ-divergence and Łukasz", "alphabeta-divergence-and-lukasz"),  # Greek letters as symbols are named
        ("\u03ac-divergence", "alpha-divergence"),  # alpha with tonos: its letter's name, not "tonos" (QA round 3)
        ("\u2605 \U0001f600", ""),  # no letter or digit: the caller names the page by a hash
        ("Erdős\u2013Rényi graphs", "erdos-renyi-graphs"),  # an en dash parts words as a hyphen does
        ("Self\u2010supervised learning \u2014 a survey", "self-supervised-learning-a-survey"),  # U+2010, em dash
        ("Speed \u00d73 with x\u2212y", "speed-3-with-x-y"),  # symbols: the minus sign
        # TeX commands in math are markup (QA: "mathcal-o-1-attention-...-in-mathbb-r-d"); Greek letters and the
        # operators a reader says stay, and a backslash outside math is text
        (r"$\mathcal{O}(1)$ attention in $\mathbb{R}^d$", "o-1-attention-in-r-d"),
        (r"$\beta$-VAE and $\log n$ depth with $\textbf{x}$", "beta-vae-and-log-n-depth-with-x"),
        (r"$\ell_1$ and $\infty$-width networks", "ell-1-and-infty-width-networks"),  # QA round 2: "1-and-width"
        ("Lossy and Lossless (L$^2$) Compression", "lossy-and-lossless-l-2-compression"),
        (r"Paths like C:\Users", "paths-like-c-users"),
    ],
)
def test_slugs_keep_greek_letters_spelt_out(title: str, slug: str) -> None:
    assert slugify(title) == slug

"""LaTeX maths to Unicode: the VAE literature's formulas read as written by hand, what cannot be
converted is kept as source and named, and no string makes the converter fail."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.formulas import MAX_LENGTH, Converted, latex_to_unicode

LITERATURE = Path(__file__).parents[1] / "data" / "formulas" / "vae_literature.yaml"


def _literature() -> list[dict[str, Any]]:
    with LITERATURE.open(encoding="utf-8") as file:
        rows: list[dict[str, Any]] = yaml.safe_load(file)
    return rows


def test_the_literature_holds_at_least_30_formulas() -> None:
    rows = _literature()
    assert len(rows) >= 30
    assert len({row["name"] for row in rows}) == len(rows)


@pytest.mark.parametrize("row", _literature(), ids=lambda row: row["name"])
def test_a_vae_formula_reads_as_written_by_hand(row: dict[str, Any]) -> None:
    # typed by hand, a letter with an accent may be one code point or two: compare composed
    expected = unicodedata.normalize("NFC", row["unicode"])
    assert latex_to_unicode(row["latex"]) == Converted(expected, ())


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\alpha\beta\Gamma", "αβΓ"),
        (r"x^2 + y_i", "x² + yᵢ"),
        (r"x_{ij}^{n+1}", "xᵢⱼⁿ⁺¹"),
        # no subscript q or Unicode superscript q: the readable fallbacks
        (r"x_q", "x_q"),
        (r"x_{q+1}", "x_(q+1)"),
        (r"x^{q-1}", "x^(q−1)"),
        (r"W_{enc}", "W_enc"),
        (r"\frac{a}{b}", "a/b"),
        (r"\frac{a+b}{c}", "(a+b)/c"),
        (r"\frac{a}{2b}", "a/(2b)"),
        (r"\frac{a}{b}^2", "(a/b)²"),
        (r"\frac12 x", "½ x"),
        (r"\frac{3}{7}", "3/7"),
        (r"\sqrt{x}", "√x"),
        (r"\sqrt{x^2+1}", "√(x²+1)"),
        (r"\sqrt[3]{x}", "∛x"),
        (r"\sqrt[n]{x}", "ⁿ√x"),
        (r"\sum_{i=1}^{n} i", "∑ᵢ₌₁ⁿ i"),
        (r"\prod_{l=1}^{L}", "∏ₗ₌₁ᴸ"),
        (r"\mathbb{R}^d", "ℝᵈ"),
        (r"\mathcal{N}", "𝒩"),
        (r"\mathbf{W}", "𝐖"),
        (r"\mathrm{KL}", "KL"),
        (r"\|x\|", "‖x‖"),
        (r"\lVert x \rVert_1", "‖x‖₁"),
        (r"\left( a \right)", "(a)"),
        (r"\left. x \right|_{0}", "x|₀"),
        (r"\langle a, b \rangle", "⟨a, b⟩"),
        (r"x \sim p", "x ∼ p"),
        (r"a \odot b", "a ⊙ b"),
        (r"\exp(x) \log y", "exp(x) log y"),
        (r"2\log x", "2 log x"),
        (r"\log_2 n", "log₂ n"),
        (r"\text{if } x > 0", "if x > 0"),
        (r"\text{KL-term}", "KL-term"),
        (r"\operatorname{diag}(\sigma)", "diag(σ)"),
        (r"x^\top", "xᵀ"),
        (r"f'(x)", "f′(x)"),
        ("f''(x) + g'''", "f″(x) + g‴"),
        (r"\text{it's}", "it's"),
        (r"\hat{\theta}", "θ̂"),
        (r"\not\in", "∉"),
        (r"a \quad b", "a  b"),
        (r"a\!b", "ab"),
        (r"\{1, 2\}", "{1, 2}"),
        (r"a \\ b", "a\nb"),
        (r"\\", "\n"),
        (r"\overset{\text{def}}{=}", "=ᵈᵉᶠ"),
        (r"\underset{x}{\arg\max}", "arg maxₓ"),
        (r"\xrightarrow{f}", "→ᶠ"),
        (r"\operatorname*{argmin}_x f", "argminₓ f"),
        (r"\boxed{x}", "x"),
        (r"\underbrace{a+b}_{c}", "(a+b)_c"),
        (r"\color{red} x + \textcolor{blue}{y}", "x + y"),
        (r"\binom{n}{k}", "C(n, k)"),
        (r"a \pmod{p}", "a (mod p)"),
        (r"\displaystyle\sum\limits_i", "∑ᵢ"),
        # the space after a symbol's name only ends the name between letters, as in TeX
        (r"\frac{\partial L}{\partial \theta}", "∂L/∂θ"),
        (r"\sigma \epsilon + \lambda (1 - t)", "σε + λ(1 − t)"),
        (r"\sigma \odot \epsilon", "σ ⊙ ε"),
        (r"\beta \, D", "β D"),
        (r"\nabla_\phi \mathbb{E}", "∇ᵩ 𝔼"),
        (r"p(x)\,dx", "p(x) dx"),
    ],
)
def test_a_construct_reads_as_expected(latex: str, text: str) -> None:
    assert latex_to_unicode(latex) == Converted(text, ())


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\begin{aligned} a &= b \\ &= c \end{aligned}", "a = b\n= c"),
        (r"\begin{align*} x &= 1 \\ \end{align*}", "x = 1"),
        (
            r"f(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
            "f(x) = { 1, if x > 0; 0, otherwise",
        ),
        (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", "(a, b; c, d)"),
        (r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}", "[1; 2]"),
        (r"\begin{array}{cc} 1 & 2 \end{array}", "[1, 2]"),
        (r"\begin{pmatrix} \begin{bmatrix} 1 & 2 \end{bmatrix} & 3 \end{pmatrix}", "([1, 2], 3)"),
        (r"\begin{pmatrix} {a & b} & c \end{pmatrix}", "(a b, c)"),
    ],
)
def test_an_environment_becomes_lines_or_one_line(latex: str, text: str) -> None:
    assert latex_to_unicode(latex) == Converted(text, ())


@pytest.mark.parametrize(
    ("latex", "text", "unknown"),
    [
        (r"\begin{foo} x \end{foo} y", r"\begin{foo} x \end{foo} y", r"\begin{foo}"),
        (r"\begin{aligned} x", r"\begin{aligned} x", r"\begin{aligned}"),
        (r"\begin{x", r"\begin{x", r"\begin"),
        (r"\end{x}", r"\end{x}", r"\end"),
    ],
)
def test_an_unknown_or_unended_environment_is_kept_and_named(
    latex: str, text: str, unknown: str
) -> None:
    assert latex_to_unicode(latex) == Converted(text, (unknown,))


def test_an_unknown_command_is_kept_as_source_with_its_arguments_and_named() -> None:
    converted = latex_to_unicode(r"\foo{x}{y} + \alpha + \bar")
    assert converted.text == r"\foo{x}{y} + α + \bar"
    assert converted.unknown == (r"\foo",)


def test_unknown_commands_are_named_once_each_in_order() -> None:
    converted = latex_to_unicode(r"\zeta \qux \begin{foo} \qux \end{foo} \qux \@")
    assert converted.unknown == (r"\qux", r"\begin{foo}", r"\@")
    assert converted.text == r"ζ \qux \begin{foo} \qux \end{foo} \qux \@"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("", ""),
        ("   ", ""),
        ("{", "{"),
        ("}", "}"),
        ("{a", "{a"),
        ("a}", "a}"),
        ("{{a}", "{a"),
        (r"\frac{a}{", r"\frac{a}{"),
        (r"\frac", r"\frac"),
        (r"\sqrt", r"\sqrt"),
        (r"\sqrt[", r"\sqrt["),
        (r"\sqrt[3", r"\sqrt[3"),
        (r"\mathbb", r"\mathbb"),
        ("x^", "x^"),
        ("x_", "x_"),
        ("x^}", "x^}"),
        ("x^{ab", "x^{ab"),
        (r"\text{ab", r"\text{ab"),
        ("\\", "\\"),
        (r"\left", ""),
        ("$", "$"),
        ("%", "%"),
    ],
)
def test_broken_input_is_kept_not_dropped(latex: str, text: str) -> None:
    assert latex_to_unicode(latex).text == text


def test_deep_nesting_is_kept_as_source_without_exhausting_the_stack() -> None:
    deep = "{" * 5000 + "x" + "}" * 5000
    assert "x" in latex_to_unicode(deep).text
    chain = latex_to_unicode(r"\frac" * 5000 + " a b").text
    assert r"\frac\frac" in chain  # kept as source from the depth limit on
    assert "a" in chain and "b" in chain
    assert latex_to_unicode(r"\sqrt" * 5000 + " x").text.endswith("x")


def test_a_long_formula_is_converted_whole_and_a_longer_one_kept_as_source() -> None:
    long = r"\alpha + " * ((MAX_LENGTH - 1) // 9) + "x"
    assert len(long) <= MAX_LENGTH
    assert latex_to_unicode(long).text == "α + " * ((MAX_LENGTH - 1) // 9) + "x"
    huge = r"\alpha + " * 100_000 + "\x1b"
    assert latex_to_unicode(huge) == Converted(huge[:-1] + "␛", ())


@pytest.mark.parametrize(
    "latex",
    [
        r"\begin{pmatrix}" * 600,
        r"\begin{pmatrix}" * 300 + "x" + r"\end{pmatrix}" * 300,
        r"\begin{foo}" * 400 + "x" + r"\end{foo}" * 400,
        r"\end{x}" * 1000,
    ],
    ids=["unended", "nested", "unknown nested", "stray ends"],
)
def test_many_environments_are_converted_or_kept_without_error(latex: str) -> None:
    # quadratic work here took seconds before each \begin was matched in one pass
    converted = latex_to_unicode(latex[:MAX_LENGTH])
    assert r"\begin" in converted.text or r"\end" in converted.text


def test_control_characters_are_shown_not_sent_to_the_terminal() -> None:
    converted = latex_to_unicode("x\x1b[2J\x07 \\text{a\x9bb}")
    assert converted.text == "x␛[2J␇ a\ufffdb"


def test_the_symbol_tables_are_imported_on_the_first_formula_only() -> None:
    code = (
        "import sys, vae_quiz.formulas as f\n"
        "print('unicodeit' in sys.modules)\n"
        "f.latex_to_unicode('x')\n"
        "print('unicodeit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


_LATEXISH = st.lists(
    st.sampled_from(
        [
            *"\\{}^_$&[]()|.-' ax2*",
            *(r"\frac", r"\sqrt", r"\left", r"\text", r"\mathbb", r"\begin", r"\end", r"\\"),
            *(r"\begin{pmatrix}", r"\end{pmatrix}", r"\begin{cases}", r"\begin{foo}"),
            *(r"\overset", r"\operatorname", r"\underbrace", r"\textcolor"),
        ]
    )
).map("".join)


@given(st.one_of(st.text(), _LATEXISH))
def test_any_string_converts_deterministically_without_raising(source: str) -> None:
    first = latex_to_unicode(source)
    assert first == latex_to_unicode(source)
    assert isinstance(first.text, str)
    assert all(name.startswith("\\") for name in first.unknown)
    assert len(set(first.unknown)) == len(first.unknown)
    # nothing the terminal would obey: control characters other than a line break are pictures
    assert not [c for c in first.text if unicodedata.category(c) == "Cc" and c != "\n"]


@given(st.from_regex(r"\\zzq[a-z]{2,8}", fullmatch=True), st.text(alphabet="1 +{}"))
def test_an_unknown_command_is_never_dropped(command: str, around: str) -> None:
    converted = latex_to_unicode(around + command + around)
    assert command in converted.text
    assert command in converted.unknown


_ATOMS = st.lists(
    st.sampled_from(
        [
            *"abxyz0123 +-=(){}[]^_,|&'",
            *(r"\frac", r"\sqrt", r"\text", r"\mathbf", r"\hat", r"\left(", r"\right)"),
            *(r"\alpha", r"\sum", r"\log", r"\\", r"\begin{pmatrix}", r"\end{pmatrix}"),
            *(r"\begin{cases}", r"\end{cases}", r"\zzq"),
        ]
    ),
    max_size=30,
).map("".join)


@given(_ATOMS)
def test_no_letter_or_digit_of_the_formula_is_lost(source: str) -> None:
    # every letter and digit outside command names is still there, raised or lowered
    # (x², zᵢ), styled (𝐱), accented (x̂) or in a vulgar fraction (½), as their compatibility
    # decompositions show
    def letters(text: str) -> Counter[str]:
        return Counter(c for c in unicodedata.normalize("NFKD", text) if c.isalnum())

    written = re.sub(r"\\(?:begin|end)\{[a-z]*\}|\\[A-Za-z]+", "", source)
    assert letters(written) <= letters(latex_to_unicode(source).text)

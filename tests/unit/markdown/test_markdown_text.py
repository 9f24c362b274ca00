"""Markdown deck texts: maths found outside code, links made plain, checks, HTML for Anki."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vae_quiz import markdown_text as md
from vae_quiz.decks.loader import parse_deck
from vae_quiz.errors import DeckError
from vae_quiz.model import TextFormat


def _inline_texts(source: str) -> list[tuple[str, str]]:
    return [
        (child.type, child.content)
        for token in md.screen_tokens(source)
        if token.type == "inline"
        for child in token.children or ()
    ]


def test_a_deck_without_format_is_text_and_markdown_is_read() -> None:
    plain = parse_deck("id: d\ntitle: D\ncards: [{id: c, front: f, back: b}]\n", "d.yaml")
    assert plain.format is TextFormat.TEXT and not plain.is_markdown
    text = "id: d\ntitle: D\nformat: markdown\ncards: [{id: c, front: f, back: b}]\n"
    assert parse_deck(text, "d.yaml").is_markdown


def test_a_bad_format_names_the_file_line_and_field() -> None:
    text = "id: d\ntitle: D\nformat: markdwon\ncards: [{id: c, front: f, back: b}]\n"
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "d.yaml")
    assert str(caught.value.problems[0]) == (
        "d.yaml:3: deck 'd': format: 'markdwon' is not a format; use one of text, markdown "
        "(did you mean 'markdown'?)"
    )


def test_maths_outside_code_is_found_and_inside_code_is_left_alone() -> None:
    children = _inline_texts("A $x$ and `$y$` and \\$5.")
    assert ("text", "x") in children  # the converter's text
    assert ("code_inline", "$y$") in children
    assert not any(kind.startswith("math") for kind, _ in children)
    blocks = md.screen_tokens("```\n$$\nz\n$$\n```\n\n$$\n\\mu + \\sigma_j^2\n$$\n")
    assert [t.type for t in blocks] == ["fence", "math_block"]
    assert blocks[0].content == "$$\nz\n$$\n"
    assert blocks[1].content == "μ + σⱼ²"
    assert ("text", "α") in _inline_texts("so $\\alpha$ is")


def test_links_and_images_become_plain_text_with_their_address() -> None:
    children = _inline_texts("[docs](http://x.org) ![a cat](cat.png) http://y.org")
    kinds = {kind for kind, _ in children}
    assert kinds == {"text"}, "no link token is left for a screen to follow"
    text = "".join(content for _, content in children)
    assert text == "docs <http://x.org> [image: a cat] <cat.png> http://y.org"


def test_control_characters_and_raw_html_never_reach_a_screen_as_such() -> None:
    children = _inline_texts("red \x1b[31mx\x07 <script>alert(1)</script>")
    text = "".join(content for _, content in children)
    assert "\x1b" not in text and "\x07" not in text
    assert "␛[31m" in text and "<script>" in text  # shown, as text


@given(st.text(max_size=200))
def test_no_text_leaves_a_control_character_in_any_token(text: str) -> None:
    for token in md.screen_tokens(text):
        for child in [token, *(token.children or ())]:
            assert not any(ord(c) < 32 and c not in "\n" for c in child.content)
            assert child.type not in ("link_open", "image", "html_inline", "html_block")


def test_inline_runs_carry_styles_and_maths() -> None:
    runs = md.inline_runs("**b** `c` $\\mu$ *i* - not a list")
    assert md.Run("b", frozenset({"strong"})) in runs
    assert md.Run("c", frozenset({"code"})) in runs
    assert md.Run("i", frozenset({"em"})) in runs
    assert md.inline_plain("**b** `c` $\\mu$ *i* - not a list") == "b c μ i - not a list"


def test_html_for_anki_keeps_code_and_gives_mathjax_delimiters() -> None:
    html = md.to_html("A $a < b$ and `$c$`.\n\n$$\n\\mathcal{L}\n$$\n\n<b>x</b>")
    assert "\\(a &lt; b\\)" in html
    assert "<code>$c$</code>" in html
    assert "<p>\\[\\mathcal{L}\\]</p>" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert md.to_html("`z` and $\\beta$", inline=True) == "<code>z</code> and \\(\\beta\\)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("```python\nx = 1\n", "the code fence ``` opened on line 1 of the text is never closed"),
        ("text\n\n~~~~\ncode\n~~~\n", "the code fence ~~~~ opened on line 3"),
        ("it costs $5 today", "an unclosed '$' in 'it costs $5 today'"),
    ],
)
def test_checks_find_what_would_not_show_as_meant(text: str, expected: str) -> None:
    warnings = md.text_warnings(text)
    assert len(warnings) == 1 and warnings[0].startswith(expected)


@pytest.mark.parametrize(
    "text", ["```\nx\n```", "~~~\n```\n~~~", "a \\$5 note", "`$` in code", "$x$ and $$y$$"]
)
def test_checks_pass_clean_texts(text: str) -> None:
    assert md.text_warnings(text) == []


def test_unknown_latex_commands_are_warnings() -> None:
    (warning,) = md.text_warnings("see $\\foo{x}$ here")
    assert "\\foo" in warning and "$\\foo{x}$" in warning


def test_deck_warnings_name_file_line_item_and_field() -> None:
    text = (
        "id: d\ntitle: D\nformat: markdown\ncards:\n  - id: c1\n    front: ok\n    back: costs $5\n"
    )
    (warning,) = md.deck_warnings(parse_deck(text, "d.yaml"))
    assert str(warning).startswith("d.yaml:5: card 'c1': back: an unclosed '$'")
    plain = text.replace("format: markdown\n", "")
    assert md.deck_warnings(parse_deck(plain, "d.yaml")) == []


def test_one_line_gives_a_summary_the_words_without_marks() -> None:
    text = "## The **ELBO**\n\nIs $\\log p(x) \\ge \\mathcal{L}$ with `kl`?\n\n$$\n\\beta\n$$\n"
    assert md.one_line(text) == "The ELBO Is log p(x) ≥ ℒ with kl? β"

"""The Markdown layout: blocks from a text, laid out as lines for a width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vae_quiz.markdown_text import Code, Formula, Heading, ListBlock, Paragraph, Quote, Rule, Table
from vae_quiz.markdown_text import blocks as parse
from vae_quiz.ui.widgets.markdown_view import lay_out


def _lines(text: str, width: int) -> list[str]:
    return [line.plain.rstrip() for line in lay_out(parse(text), width)]


def test_blocks_tell_every_kind_apart() -> None:
    text = (
        "# Title\n\npara **b**\n\n- a\n- b\n\n1. one\n\n> quote\n\n```py\nx = 1\n```\n\n"
        "| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n$$\n\\beta\n$$\n\n---\n"
    )
    kinds = [type(block) for block in parse(text)]
    assert kinds == [Heading, Paragraph, ListBlock, ListBlock, Quote, Code, Table, Formula, Rule]
    table = next(block for block in parse(text) if isinstance(block, Table))
    assert table.align == ("right", "center")
    assert next(b for b in parse(text) if isinstance(b, Formula)).text == "β"


def test_a_wrapped_bullet_hangs_under_its_text() -> None:
    lines = _lines("- " + "word " * 12 + "\n- short\n", 24)
    assert lines[0].startswith("• word")
    assert all(line.startswith("  word") for line in lines[1:-1])
    assert lines[-1] == "• short", "a tight list has no blank lines"


def test_numbers_line_up_and_a_loose_list_keeps_its_blank_lines() -> None:
    text = "".join(f"{n}. item {n}\n\n" for n in range(8, 12))
    lines = _lines(text, 40)
    assert lines == [" 8. item 8", "", " 9. item 9", "", "10. item 10", "", "11. item 11"]


def test_a_nested_list_and_a_quote_hang_too() -> None:
    lines = _lines("- outer\n  - inner " + "long " * 8 + "\n\n> " + "quoted " * 6, 30)
    assert lines[0] == "• outer"
    assert lines[1].startswith("  • inner") and lines[2].startswith("    long")
    quoted = [line for line in lines if "quoted" in line]
    assert quoted[0].startswith("▌ quoted") and quoted[1].startswith("  quoted")


def test_code_keeps_its_indent_wraps_inside_its_box_and_fills_the_width() -> None:
    laid = lay_out(parse("```python\ndef f():\n    return " + "x" * 40 + "\n```\n"), 30)
    assert all(line.cell_length == 30 for line in laid), "the background runs to the edge"
    plain = [line.plain for line in laid]
    assert plain[0].startswith(" def f():") and plain[1].startswith("     return")
    assert "".join(plain).count("x") == 40, "the long line folds inside the box, all of it"


def test_a_table_lines_up_and_gives_way_when_narrow() -> None:
    text = "| term | meaning |\n|---|--:|\n| mu | the mean of the posterior |\n| s | 2 |\n"
    wide = _lines(text, 60)
    assert wide == [
        "term │                   meaning",
        "─────┼──────────────────────────",
        "mu   │ the mean of the posterior",
        "s    │                         2",
    ]
    narrow = _lines(text, 20)
    assert max(len(line) for line in narrow) <= 20
    assert "posterior" in " ".join(narrow), "a cell wraps, nothing is dropped"


def test_display_maths_is_centred_and_a_rule_spans_the_width() -> None:
    lines = [line.plain for line in lay_out(parse("$$\nz\n$$\n\n---\n"), 21)]
    assert lines[0] == " " * 10 + "z" + " " * 10
    assert lines[2] == "─" * 21


_MARKDOWNISH = st.lists(
    st.sampled_from([*"ab $\\`*_-#>|:1.\n ~[]()!\t\x1bé", "```", "$$", "\n\n", "界"]),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH, st.integers(min_value=1, max_value=100))
def test_no_text_lays_out_wider_than_its_width_or_with_a_control_character(text, width) -> None:
    for line in lay_out(parse(text), width):
        assert line.cell_length <= width
        assert not any(ord(c) < 32 for c in line.plain)

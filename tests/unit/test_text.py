"""Deck text made safe to print: no control character survives, everything else is kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.text import printable


def test_escape_sequences_and_markup_are_shown_not_obeyed() -> None:
    title = "Vim \x1b]0;PWNED\x07 [/] list[int] \x1b[2J\x9b31m"
    assert printable(title) == "Vim ␛]0;PWNED␇ [/] list[int] ␛[2J\ufffd31m"


@given(st.text())
def test_no_control_character_is_left_and_nothing_else_changes(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text)
    assert not any(unicodedata.category(ch) == "Cc" for ch in shown)
    for before, after in zip(text, shown, strict=True):
        if unicodedata.category(before) != "Cc":
            assert after == before

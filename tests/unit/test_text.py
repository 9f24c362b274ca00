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


def test_due_times_read_as_people_say_them(monkeypatch) -> None:
    import time
    from datetime import UTC, datetime, timedelta

    from vae_quiz.text import describe_due

    monkeypatch.setenv("TZ", "UTC")  # local days are UTC days here
    time.tzset()
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    cases = {
        timedelta(seconds=10): "now",
        timedelta(minutes=10): "in 10 min",
        timedelta(hours=3): "in 3 hours",
        timedelta(hours=14, minutes=59): "in 15 hours",  # 23:59, still today
        timedelta(hours=15, minutes=1): "tomorrow",  # 00:01 the next day
        timedelta(days=1): "tomorrow",
        timedelta(days=2): "in 2 days",
        timedelta(days=59): "in 59 days",
        timedelta(days=61): "in 2 months",
        timedelta(days=800): "in 2.2 years",
    }
    try:
        for delta, said in cases.items():
            assert describe_due(now + delta, now) == said, delta
    finally:
        monkeypatch.undo()
        time.tzset()

"""Deck text made safe to print: no control character survives, everything else is kept."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.text import describe_moment, printable


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


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_a_draft_time_is_a_clock_today_else_names_its_day(tz: Callable[[str], None]) -> None:
    tz("UTC")
    now = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    assert describe_moment(datetime(2026, 3, 2, 14, 32, tzinfo=UTC), now) == "14:32"
    assert describe_moment(datetime(2026, 3, 1, 23, 5, tzinfo=UTC), now) == "yesterday 23:05"
    assert describe_moment(datetime(2026, 2, 27, 9, 0, tzinfo=UTC), now) == "27 Feb 09:00"
    assert describe_moment(datetime(2025, 12, 31, 9, 0, tzinfo=UTC), now) == "31 Dec 2025 09:00"


def test_a_draft_time_is_local_even_where_datetime_refuses_the_offset(
    tz: Callable[[str], None],
) -> None:
    tz("UTC+24")  # glibc: 24 hours behind UTC; datetime.astimezone() refuses it
    now = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    assert describe_moment(datetime(2026, 3, 2, 14, 32, tzinfo=UTC), now) == "14:32"
    tz("Asia/Kolkata")  # +05:30: 23:00 UTC is 04:30 the next local day
    assert describe_moment(datetime(2026, 3, 1, 23, 0, tzinfo=UTC), now) == "04:30"
    assert describe_moment(datetime(2026, 3, 1, 18, 0, tzinfo=UTC), now) == "yesterday 23:30"


def test_due_times_read_as_people_say_them(tz: Callable[[str], None]) -> None:
    from datetime import timedelta

    from vae_quiz.text import describe_due

    tz("UTC")  # local days are UTC days here
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
    for delta, said in cases.items():
        assert describe_due(now + delta, now) == said, delta

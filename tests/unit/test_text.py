"""The one sanitiser: deck text made safe to show; no control character survives, printable text
is kept as it is."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vae_quiz.text import describe_moment, printable, unsafe_characters

# Any string, lone surrogates (surrogateescape bytes) included, with the awkward characters often.
AWKWARD = "\x00\x07\t\n\r\x1b\x7f\x85\x9b\u061c\u200b\u200d\u200e\u2028\u202e\u2066\ufeff\udc9b"
TEXTS = st.text(st.characters(codec=None) | st.sampled_from(AWKWARD))
BIDI_CONTROLS = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def test_escape_sequences_and_markup_are_shown_not_obeyed() -> None:
    title = "Vim \x1b]0;PWNED\x07 [/] list[int] \x1b[2J\x9b31m"
    assert printable(title) == "Vim ␛]0;PWNED␇ [/] list[int] ␛[2J\\x9b31m"


def test_bidi_controls_are_shown_and_invisible_characters_removed() -> None:
    text = "abc\u202edef\u2066x\u2069 zero\u200bwidth\ufeff joiner 👨\u200d👩\u200d👧 e\u0301"
    assert (
        printable(text)
        == "abc\\u202edef\\u2066x\\u2069 zerowidth joiner 👨\u200d👩\u200d👧 e\u0301"
    )


def test_line_breaks_and_tabs_stay_unless_one_line_is_asked() -> None:
    text = "a\tb\r\nc\rd\u2028e\nf"
    assert printable(text) == "a\tb\nc␍d\ne\nf"
    assert printable(text, one_line=True) == "a b c␍d e f"


def test_lone_surrogates_become_replacement_characters() -> None:
    raw = b"caf\xe9 \x1b".decode("utf-8", "surrogateescape")
    assert printable(raw) == "caf\ufffd ␛"
    printable(raw).encode("utf-8")


@given(TEXTS, st.booleans())
def test_no_control_character_is_left_for_any_text(text: str, one_line: bool) -> None:
    shown = printable(text, one_line=one_line)
    allowed = "" if one_line else "\t\n"
    assert not any(ord(ch) < 0x20 and ch not in allowed for ch in shown)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in shown)
    assert not BIDI_CONTROLS & set(shown)
    shown.encode("utf-8")  # no lone surrogate left


@given(TEXTS, st.booleans())
def test_sanitising_twice_changes_nothing_more(text: str, one_line: bool) -> None:
    once = printable(text, one_line=one_line)
    assert printable(once, one_line=one_line) == once
    assert unsafe_characters(once) == []


@given(TEXTS)
def test_printable_text_passes_unchanged(text: str) -> None:
    # Letters, marks, digits, punctuation, symbols, spaces and the joiners: what a deck is.
    kept = "".join(
        ch for ch in text if unicodedata.category(ch)[0] in "LMNPSZ" or ch in "\t\n\u200c\u200d"
    )
    kept = kept.replace("\u2028", "").replace("\u2029", "")
    assert printable(kept) == kept
    assert unsafe_characters(kept) == []


@given(TEXTS)
@example("a\r\nb")
def test_unsafe_characters_are_exactly_what_printable_changes(text: str) -> None:
    found = unsafe_characters(text)
    assert len(found) == len(set(found))
    lines = text.replace("\r\n", "\n")  # a CR LF is a line break: no warning for it
    assert (printable(lines) == lines) == (not found)


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

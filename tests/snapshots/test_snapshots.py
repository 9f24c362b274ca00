"""Snapshot tests of the key screens at 80x24 (and one wide), fixed clock, fixed deck."""

from __future__ import annotations


def test_study_front_at_80x24(snap_compare, make_app) -> None:
    """The first card's front before reveal: header, level, front, the reveal prompt."""
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_study_revealed_back_at_80x24(snap_compare, make_app) -> None:
    """After space: the back under a rule and the four ratings with their intervals."""
    assert snap_compare(make_app(), press=["space"], terminal_size=(80, 24))


def test_study_revealed_back_wide(snap_compare, make_app) -> None:
    """The same at 160x45."""
    assert snap_compare(make_app(), press=["space"], terminal_size=(160, 45))


def test_study_summary_at_80x24(snap_compare, make_app) -> None:
    """The summary after two ratings and q."""
    assert snap_compare(make_app(), press=["space", "4", "space", "1", "q"], terminal_size=(80, 24))

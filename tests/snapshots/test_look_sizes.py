"""Snapshots of the screens at a wide (160x45) and a small (60x15) terminal: the centred reading
column, the footer that keeps '? Help', the help that scrolls, the stats grid, the summaries'
panels. (80x24 is in test_snapshots.py.)"""

from __future__ import annotations

import pytest

SIZES = {"wide": (160, 45), "small": (60, 15)}
WRONG_AND_RIGHT = ["2", "space", "1", "space", "q"]  # seed 1: choice 2 is wrong, 1 is right


@pytest.mark.parametrize("size", SIZES)
def test_study_front(snap_compare, make_app, size: str) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small"])
def test_study_revealed(snap_compare, make_app, size: str) -> None:
    """The ratings in their colours with their intervals (wide: test_snapshots.py)."""
    assert snap_compare(make_app(), press=["space"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_study_summary(snap_compare, make_app, size: str) -> None:
    keys = ["space", "4", "space", "1", "q"]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_test_answered(snap_compare, make_app, size: str) -> None:
    """A wrong pick: marks, verdict and the explanation, at most 80 columns."""
    assert snap_compare(make_app(mode="test", seed=1), press=["2"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_test_summary(snap_compare, make_app, size: str) -> None:
    """The score panel and bar, one missed question with its answer under it."""
    app = make_app(mode="test", seed=1)
    assert snap_compare(app, press=WRONG_AND_RIGHT, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_concepts_editor(snap_compare, make_app, size: str) -> None:
    """The footer in the editor: 'esc ? Help'."""
    keys = ["E", "n", "c", "o", "d", "e", "r"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_concepts_result(snap_compare, make_app, size: str) -> None:
    keys = ["a", "n", "s", "ctrl+s", "1", "3", "enter"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", [*SIZES, "medium"])
def test_concepts_summary(snap_compare, make_app, size: str) -> None:
    """One prompt with 2/4 concepts (✗), the other with all (✓)."""
    keys = ["a", "ctrl+s", "1", "3", "enter", "space"]
    keys += ["b", "ctrl+s", "1", "2", "3", "enter", "space"]
    sizes = {**SIZES, "medium": (80, 24)}
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=sizes[size])


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, make_app, size: str) -> None:
    """The concepts help: wrapped rows hang under their description; small: it scrolls."""
    keys = ["escape", "question_mark"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=SIZES[size])


def test_help_scrolled_to_the_end_small(snap_compare, make_app) -> None:
    keys = ["escape", "question_mark", "end"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=SIZES["small"])


@pytest.mark.parametrize("size", ["small"])
def test_stats(snap_compare, make_app, store, clock, size: str) -> None:
    """Stats at 60x15: the heatmap cut to the weeks that fit (wide: test_snapshots.py)."""
    from tests.ui.test_stats_screen import add_known_answers

    add_known_answers(store, clock)
    assert snap_compare(make_app(mode="stats"), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_review_summary(snap_compare, make_app, size: str) -> None:
    """A review that cleared one of two: 'Cleared 1 of 2 (1 answer)', one still queued."""
    from tests.ui.test_home_and_review import _right_key, _wrong_key

    app = make_app(mode="test", seed=1)

    async def review(pilot) -> None:
        await pilot.pause()
        for _ in range(2):
            await pilot.press(_wrong_key(app.screen), "space")
        await pilot.press("q", "r")
        await pilot.press(_right_key(app.screen), "q")

    assert snap_compare(app, run_before=review, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_today_summary(snap_compare, make_app, size: str) -> None:
    """A card rated Again and a question missed: the panel with its bar and each kind's row."""
    app = make_app(mode="today", seed=1)
    keys = ["space", "1", "1", "space", "escape", "q"]
    assert snap_compare(app, press=keys, terminal_size=SIZES[size])

"""Pilot tests of the stats screen: opened from home and directly, showing the known figures."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import screen_text as _text
from vae_quiz.progress.store import MISSED, RIGHT, Answer
from vae_quiz.ui.screens.home import HomeScreen
from vae_quiz.ui.screens.stats import StatsScreen


def add_known_answers(store, clock) -> None:
    """Three days of answers ending today: tests (2 of 3 right) and one concepts answer."""
    now = clock()
    for days, outcome in ((2, "correct"), (1, "incorrect"), (0, "correct")):
        store.record(Answer(deck="vae", item="encoder-output", kind="question", mode="test",
                            outcome=outcome, answered_at=now - timedelta(days=days),
                            result=RIGHT if outcome == "correct" else MISSED))  # fmt: skip
    store.record(Answer(deck="vae", item="explain-vae", kind="prompt", mode="concepts",
                        outcome="1/4", answered_at=now, result=MISSED,
                        concepts=(("encoder", True), ("sampling", False), ("decoder", False),
                                  ("loss", False))))  # fmt: skip


async def test_stats_open_from_home_and_close_back_to_it(make_app, store, clock) -> None:
    add_known_answers(store, clock)
    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, StatsScreen)
        figures = _text(app, "#stats-figures")
        assert "Streak: 3 days now, 3 days at most" in figures
        assert "Test: 2/3 right (66.7%)" in figures
        assert "Concepts: 1/4 covered (25.0%) in 1 answers" in figures
        assert "vae / explain-vae: sampling (missed 1, covered 0)" in _text(app, "#stats-concepts")
        assert len(_text(app, "#stats-heatmap").splitlines()) == 8
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)


async def test_stats_opened_directly_quit_on_close(make_app, store, clock) -> None:
    app = make_app(mode="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StatsScreen)
        assert "Answers: 0 in all" in _text(app, "#stats-figures")
        await pilot.press("escape")
    assert app.return_code == 0

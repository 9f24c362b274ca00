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
        assert "Questions, every mode: 2/3 right (66.7%)" in figures
        assert "Prompts, every mode: 1/4 concepts covered (25.0%) in 1 answer" in figures
        assert "vae / explain-vae: sampling (missed 1, covered 0)" in _text(app, "#stats-concepts")
        assert len(str(app.screen.query_one("#stats-heatmap").render()).splitlines()) == 8
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)


async def test_stats_opened_directly_quit_on_close(make_app, store, clock) -> None:
    app = make_app(mode="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StatsScreen)
        assert "Answers: 0 in all" in _text(app, "#stats-figures")
        await pilot.press("escape")
    assert app.return_code == 0


async def test_stats_are_a_grid_from_120_columns_and_end_reaches_the_last_panel(
    make_app, store, clock
) -> None:
    add_known_answers(store, clock)
    app = make_app(mode="stats")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        figures = app.screen.query_one("#stats-figures").region
        heatmap = app.screen.query_one("#stats-heatmap").region
        assert heatmap.x > figures.right and heatmap.y == figures.y  # side by side
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        figures = app.screen.query_one("#stats-figures").region
        heatmap = app.screen.query_one("#stats-heatmap").region
        assert heatmap.x == figures.x and heatmap.y > figures.bottom  # one column
        await pilot.resize_terminal(60, 15)
        await pilot.press("end")
        await pilot.pause()
        body = app.screen.query_one("#stats-body")
        assert body.scroll_y == body.max_scroll_y > 0
        last = app.screen.query_one("#stats-concepts").region
        assert body.region.contains_region(last), (body.region, last)


async def test_the_heatmap_rows_fit_at_60_columns_and_the_forecast_is_compact(
    make_app, store, clock
) -> None:
    add_known_answers(store, clock)
    app = make_app(mode="stats")
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        heatmap = app.screen.query_one("#stats-heatmap")
        lines = [strip.text.rstrip() for strip in heatmap.render_lines(heatmap.size.region)]
        assert len(lines) == 8 and lines[1].startswith("Mon ·")
        assert all(len(line) <= heatmap.size.width for line in lines)
        assert lines[7].endswith("░")  # today's answers, in the last week shown
        forecast = _text(app, "#stats-forecast").splitlines()
        assert len(forecast) == 6 and forecast[-1].startswith("tdy")
        assert max(len(line) for line in forecast[1:]) <= 42  # 14 days, 3 columns each


async def test_stats_of_all_decks_count_a_deck_answered_but_not_loaded(
    make_app, store, clock
) -> None:
    """No deck named (`vae-quiz stats`, home's All decks): a deck studied from a file named on
    the command line is in the progress file, and in the figures."""
    add_known_answers(store, clock)  # 4 answers in vae
    store.record(Answer(deck="elsewhere", item="q", kind="question", mode="test",
                        outcome="incorrect", answered_at=clock(), result=MISSED))  # fmt: skip
    app = make_app(mode="stats")
    app.services.all_decks = True
    async with app.run_test(size=(80, 24)):
        assert "Answers: 5 in all" in _text(app, "#stats-figures")
    named = make_app(mode="stats")  # a deck named: only its answers
    async with named.run_test(size=(80, 24)):
        assert "Answers: 4 in all" in _text(named, "#stats-figures")

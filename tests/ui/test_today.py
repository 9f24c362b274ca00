"""Pilot tests of today: every kind in one session, each on its own screen, misses back in the
same session, enter on home starting it, and its summary."""

from __future__ import annotations

import sqlite3

from tests.conftest import screen_text as _text
from tests.ui.test_home_and_review import _right_key, _wrong_key
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.home import HomeScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import TodaySummaryScreen
from vae_quiz.ui.screens.test import TestScreen


def _rows(tmp_db) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(tmp_db)
    rows = conn.execute("SELECT item, kind, mode, outcome FROM review_log ORDER BY seq").fetchall()
    conn.close()
    return rows


async def test_today_asks_each_kind_on_its_screen_and_misses_come_back(make_app, tmp_db) -> None:
    app = make_app(mode="today", seed=1, limit=3)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StudyScreen)
        assert "today" in _text(app, "#study-title")
        assert "1 of 3" in _text(app, "#study-status")
        await pilot.press("space", "1")  # Again
        assert isinstance(app.screen, TestScreen)
        await pilot.press(_wrong_key(app.screen), "space")
        assert isinstance(app.screen, ConceptsScreen)
        await pilot.press("x", "ctrl+s", "1", "enter", "space")  # 1 of 4 concepts
        # The three misses come back, in the order missed; right answers end the session.
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "3")
        assert isinstance(app.screen, TestScreen)
        await pilot.press(_right_key(app.screen), "space")
        assert isinstance(app.screen, ConceptsScreen)
        await pilot.press("y", "ctrl+s", "1", "2", "3", "4", "enter", "space")
        assert isinstance(app.screen, TodaySummaryScreen)
        assert "6 answers, 3 right" in _text(app, "#summary-headline")
        kinds = _text(app, "#summary-kinds")
        for name in ("Cards", "Questions", "Prompts"):
            assert f"{name}" in kinds
        assert kinds.count("1 item · 2 answers · 1 right") == 3
        assert "Next due: a " in _text(app, "#summary-next")
        assert not app.screen.query(".summary-queued")  # nothing missed is left
    rows = _rows(tmp_db)
    assert {mode for _, _, mode, _ in rows} == {"today"}
    assert [kind for _, kind, _, _ in rows] == ["card", "question", "prompt"] * 2
    assert [outcome for *_, outcome in rows][3:] == ["good", "correct", "4/4"]


async def test_enter_on_home_starts_today_and_leaving_early_shows_the_summary(
    make_app, tmp_db
) -> None:
    app = make_app(mode=None, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, StudyScreen)
        assert "1 of 12" in _text(app, "#study-status")
        await pilot.press("space", "1", "q")
        assert isinstance(app.screen, TodaySummaryScreen)
        assert "1 answer, 0 right" in _text(app, "#summary-headline")
        assert "12 items left in this session." in _text(app, "#summary-body")
        assert app.screen.query(".summary-queued")  # the missed card is in the review queue
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    assert [(kind, mode) for _, kind, mode, _ in _rows(tmp_db)] == [("card", "today")]

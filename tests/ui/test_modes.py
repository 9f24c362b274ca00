"""The mode tables and the typed results: how session screens and summaries end, and what the app
does with each result."""

from __future__ import annotations

from typing import Any

import pytest
from textual.screen import Screen

from tests.conftest import screen_text as _text
from vae_quiz.modes.mode import MODES, Mode
from vae_quiz.ui.modes import SCREENS, SUMMARIES, SessionEnd, SummaryChoice
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.home import HomeScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import (
    ConceptSummaryScreen,
    StudySummaryScreen,
    SummaryScreen,
    TestSummaryScreen,
)
from vae_quiz.ui.screens.test import TestScreen


@pytest.fixture
def dismissed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every (screen class, result) that a session screen or a summary dismisses with."""
    seen: list[tuple[str, object]] = []
    for screen_class in (StudyScreen, TestScreen, ConceptsScreen, SummaryScreen):
        original = screen_class.dismiss

        def spy(self: Screen[Any], result: object = None, _original: Any = original) -> Any:
            seen.append((type(self).__name__, result))
            return _original(self, result)

        monkeypatch.setattr(screen_class, "dismiss", spy)
    return seen


def test_every_mode_with_a_session_has_its_screens_in_the_ui_table() -> None:
    assert set(MODES) == set(Mode)
    for mode, spec in MODES.items():
        if spec.session is None:
            assert mode not in SCREENS and mode not in SUMMARIES, mode
            continue
        assert mode in SUMMARIES, mode
        # Today and review have no screen of their own: each item is asked on its kind's own
        # mode's screen.
        assert (mode in SCREENS) != (mode in (Mode.TODAY, Mode.REVIEW)), mode
    for kind in ("card", "question", "prompt"):
        assert Mode.asking(kind) in SCREENS, kind


async def test_q_on_a_study_session_ends_it_early_and_shows_its_summary(
    make_app, dismissed
) -> None:
    app = make_app(mode=Mode.STUDY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3", "q")
        await pilot.pause()
        assert dismissed == [("StudyScreen", SessionEnd.LEFT_EARLY)]
        assert isinstance(app.screen, StudySummaryScreen)
        assert "Cards studied: 1" in _text(app, "#summary-headline")
        assert "5 cards left in this session." in _text(app, "#summary-body")


async def test_a_session_that_runs_out_says_so(make_app, dismissed) -> None:
    app = make_app(mode=Mode.TEST, seed=1, limit=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "space")
        await pilot.pause()
        assert dismissed == [("TestScreen", SessionEnd.RAN_OUT)]
        assert isinstance(app.screen, TestSummaryScreen)


@pytest.mark.parametrize(
    ("mode", "keys", "screen", "summary"),
    [
        (Mode.STUDY, ["q"], StudyScreen, StudySummaryScreen),
        (Mode.CRAM, ["q"], StudyScreen, StudySummaryScreen),
        (Mode.TEST, ["q"], TestScreen, TestSummaryScreen),
        (Mode.CONCEPTS, ["escape", "q"], ConceptsScreen, ConceptSummaryScreen),
    ],
)
async def test_each_mode_opens_its_screen_and_its_summary_from_the_tables(
    make_app, dismissed, mode, keys, screen, summary
) -> None:
    app = make_app(mode=mode)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen) is screen
        await pilot.press(*keys)
        await pilot.pause()
        assert dismissed == [(screen.__name__, SessionEnd.LEFT_EARLY)]
        assert type(app.screen) is summary
        assert f"Session summary · {mode}" in str(app.screen.query_one(".header-title").render())


async def test_r_on_a_summary_starts_a_review_of_what_was_missed(make_app, dismissed) -> None:
    app = make_app(mode=Mode.STUDY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "1", "q", "r")
        await pilot.pause()
        assert dismissed[-1] == ("StudySummaryScreen", SummaryChoice.REVIEW)
        assert isinstance(app.screen, StudyScreen)
        assert "· review" in _text(app, "#study-title")
        assert "1 of 1" in _text(app, "#study-status")
        # Under the review: home, as after enter.
        assert any(isinstance(screen, HomeScreen) for screen in app.screen_stack)


async def test_enter_on_a_summary_goes_home(make_app, dismissed) -> None:
    app = make_app(mode=Mode.TEST, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q", "enter")
        await pilot.pause()
        assert dismissed[-1] == ("TestSummaryScreen", SummaryChoice.HOME)
        assert isinstance(app.screen, HomeScreen)
        assert app.return_code is None


async def test_q_on_a_summary_quits_the_app(make_app, dismissed) -> None:
    app = make_app(mode=Mode.CONCEPTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "q", "q")
        await pilot.pause()
        assert dismissed[-1] == ("ConceptSummaryScreen", SummaryChoice.QUIT)
    assert app.return_code == 0


async def test_home_keys_post_start_with_a_mode(make_app) -> None:
    seen: list[object] = []
    app = make_app(mode=None)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.press("t")
        await pilot.pause()
        # The hook sees the message at the screen and again as it bubbles to the app.
        starts = {id(m): m for m in seen if isinstance(m, HomeScreen.Start)}.values()
        assert [(type(m.mode), m.mode) for m in starts] == [(Mode, Mode.TEST)]
        assert isinstance(app.screen, TestScreen)

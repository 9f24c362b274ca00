"""Pilot tests of the study screen: state on screen and rows in the database."""

from __future__ import annotations

import sqlite3

from tests.conftest import screen_text as _text
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import StudySummaryScreen
from vae_quiz.ui.widgets.rating_bar import RatingBar


def _log(tmp_db) -> list[tuple]:
    conn = sqlite3.connect(tmp_db)
    return conn.execute(
        "SELECT item, mode, outcome, rating FROM review_log ORDER BY seq"
    ).fetchall()


async def test_space_reveals_the_back_and_the_rating_intervals(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert "What is a Variational Autoencoder" in _text(app, "#card-front")
        assert not screen.query_one("#card-back").display
        await pilot.press("space")
        assert screen.is_revealed
        assert screen.query_one("#card-back").display
        bar = str(screen.query_one(RatingBar).render())
        assert "1 Again" in bar and "3 Good 10m" in bar and "4 Easy" in bar


async def test_each_rating_is_stored_when_pressed(make_app, tmp_db) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("1", "2", "3", "4"):
            await pilot.press("space", key)
            await pilot.pause()
        assert _log(tmp_db) == [
            ("vae-what", "study", "again", 1),
            ("encoder-role", "study", "hard", 2),
            ("latent-sampling", "study", "good", 3),
            ("kl-divergence-purpose", "study", "easy", 4),
        ]
        assert "next due in" in _text(app, "#last-result")


async def test_space_or_enter_rates_good_when_revealed(make_app, tmp_db) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space")
        await pilot.pause()
        assert _log(tmp_db) == [("vae-what", "study", "good", 3)]
        assert not app.screen.is_revealed  # the next card's front, not yet revealed
        assert "Good · next due in" in _text(app, "#last-result")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert _log(tmp_db)[1] == ("encoder-role", "study", "good", 3)


async def test_rating_keys_do_nothing_before_reveal(make_app, tmp_db) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "4")
        assert _log(tmp_db) == []
        assert not app.screen.is_revealed


async def test_undo_takes_back_the_last_rating_in_the_database(make_app, tmp_db, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4", "space", "3")
        assert len(_log(tmp_db)) == 2
        await pilot.press("u")
        assert _log(tmp_db) == [("vae-what", "study", "easy", 4)]
        assert store.item_state("vae", "encoder-role") is None
        assert "What is the role of the encoder" in _text(app, "#card-front")
        await pilot.press("ctrl+z")
        assert _log(tmp_db) == []


async def test_level_filter_shows_only_that_level(make_app) -> None:
    from vae_quiz.model import Level

    app = make_app(level=Level.INTERMEDIATE)
    async with app.run_test(size=(80, 24)):
        assert "sampling step" in _text(app, "#card-front")
        assert "1 of 2" in _text(app, "#study-status")


async def test_daily_new_limit_caps_the_new_cards(make_app, tmp_db) -> None:
    app = make_app(new_per_day=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4", "space", "4")
        await pilot.pause()
        assert isinstance(app.screen, StudySummaryScreen)
        assert len(_log(tmp_db)) == 2


async def test_q_shows_the_summary_with_the_ratings(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4", "space", "1", "q")
        assert isinstance(app.screen, StudySummaryScreen)
        assert "Cards studied: 2" in _text(app, "#summary-headline")
        ratings = _text(app, "#summary-ratings")
        assert "Again 1" in ratings and "Easy 1" in ratings
        assert "Next card due" in _text(app, "#summary-next")
        await pilot.press("q")
    assert app.return_code == 0


async def test_help_overlay_opens_on_question_mark_and_closes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, StudyScreen)


async def test_markup_in_deck_text_is_shown_literally(make_app, data_dir) -> None:
    from vae_quiz.decks.loader import load_deck

    deck = load_deck(data_dir / "good" / "literal_markup.yaml")
    app = make_app(decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        assert _text(app, "#card-front") == "[red]x[/red] and list[int]"
        await pilot.press("space")
        assert "[link=x]not a link[/link]" in _text(app, "#card-back")
        assert "[bold]Not bold[/bold] · study" in _text(app, "#study-title")


async def test_ctrl_c_quits_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert not app.is_running


async def test_the_first_screen_hook_runs_once_the_first_screen_is_up(make_app) -> None:
    app = make_app()
    seen: list[object] = []
    app.services.on_first_screen = lambda: seen.append(type(app.screen))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "3")
        await pilot.pause()
        assert seen == [StudyScreen]  # called once, with the study screen already up

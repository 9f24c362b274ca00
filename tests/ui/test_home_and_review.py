"""Pilot tests of the home screen, review mode, cram, and moving between them in one app."""

from __future__ import annotations

import sqlite3

from tests.conftest import screen_text as _text
from vae_quiz.progress.overview import deck_status
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.home import HomeScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import (
    ReviewSummaryScreen,
    StudySummaryScreen,
    TestSummaryScreen,
)
from vae_quiz.ui.screens.test import TestScreen


def _wrong_key(screen: TestScreen) -> str:
    asked = screen._session.current
    wrong = next(i for i, c in enumerate(asked.order) if c not in asked.question.answer)
    return str(wrong + 1)


def _right_key(screen: TestScreen) -> str:
    asked = screen._session.current
    return str(asked.order.index(asked.question.answer[0]) + 1)


def _modes(tmp_db) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(tmp_db)
    return conn.execute("SELECT item, mode, outcome FROM review_log ORDER BY seq").fetchall()


async def _miss_in_every_mode(app, pilot) -> None:
    """From home: Again on a card, a wrong test answer, 1/4 concepts; back home each time."""
    await pilot.press("s", "space", "1", "q")
    assert isinstance(app.screen, StudySummaryScreen)
    await pilot.press("enter")
    await pilot.press("t")
    await pilot.press(_wrong_key(app.screen), "q")
    assert isinstance(app.screen, TestSummaryScreen)
    await pilot.press("enter", "c", "x", "ctrl+s", "1", "enter", "q")
    await pilot.press("enter")
    assert isinstance(app.screen, HomeScreen)


async def test_home_counts_match_the_database(make_app, store, vae_deck, clock) -> None:
    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert _text(app, "#deck-list").splitlines()[1:] == [
            "    5 cards       due 0   new 5",
            "    5 questions   due 0   new 5",
            "    2 prompts     due 0   new 2",
            "    review queue 0 · last studied never",
        ]
        await _miss_in_every_mode(app, pilot)
        status = deck_status(vae_deck, store, clock())
        assert (status.queued, status.new) == (3, 9)
        clock.advance(minutes=2)  # the card, question and prompt missed are due again
        app.screen.refresh_counts()
        await pilot.pause()
        assert _text(app, "#deck-list").splitlines()[1:] == [
            "    5 cards       due 1   new 4",
            "    5 questions   due 1   new 4",
            "    2 prompts     due 1   new 1",
            "    review queue 3 · last studied today",
        ]
        assert "due 3 · review 3" in _text(app, "#home-status")


async def test_items_missed_in_each_mode_are_reviewed_until_right(make_app, tmp_db) -> None:
    app = make_app(mode=None, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _miss_in_every_mode(app, pilot)
        await pilot.press("r")
        # The card, as in study: Again sends it to the back of this session.
        assert isinstance(app.screen, StudyScreen)
        assert "1 of 3" in _text(app, "#study-status")
        await pilot.press("space", "1")
        assert isinstance(app.screen, TestScreen)
        assert "review" in _text(app, "#test-title")
        await pilot.press(_right_key(app.screen), "space")
        assert isinstance(app.screen, ConceptsScreen)
        await pilot.press("y", "ctrl+s", "1", "2", "3", "4", "enter", "space")
        # The card comes back; Good clears it and the session ends.
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "3")
        assert isinstance(app.screen, ReviewSummaryScreen)
        assert "Cleared 3 of 3 (4 answers)" in _text(app, "#summary-headline")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert "review queue 0" in _text(app, "#deck-list")
    review_rows = [row for row in _modes(tmp_db) if row[1] == "review"]
    assert [outcome for _, _, outcome in review_rows] == ["again", "correct", "4/4", "good"]


async def test_quitting_a_review_keeps_the_rest_queued_across_a_restart(make_app, tmp_db) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            await pilot.press(_wrong_key(app.screen), "space")
        await pilot.press("q", "r")
        assert isinstance(app.screen, TestScreen)
        await pilot.press(_right_key(app.screen), "q")
        assert isinstance(app.screen, ReviewSummaryScreen)
        assert "Still in your review queue: 1" in _text(app, "#summary-missed-title")
    # A new app on the same progress file: the missed question is still queued.
    again = make_app(mode="review", seed=1)
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, TestScreen)
        assert "question 1 of 1" in _text(again, "#test-status")


async def test_an_empty_review_queue_says_so(make_app) -> None:
    app = make_app(mode="review")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReviewSummaryScreen)
        assert "review queue is empty" in _text(app, "#summary-headline")
        await pilot.press("q")
    assert app.return_code == 0


async def test_cram_shows_every_card_and_moves_no_due_date(make_app, store, tmp_db) -> None:
    app = make_app(mode="cram")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "1 of 5 · cram" in _text(app, "#study-status")
        await pilot.press("space", "3", "space", "1")
        assert "schedule unchanged" in _text(app, "#last-result")
    assert [m for _, m, _ in _modes(tmp_db)] == ["cram", "cram"]
    assert store.item_states("vae") == {}


async def test_a_mode_without_items_warns_and_stays_home(make_app, write_deck) -> None:
    from vae_quiz.decks.loader import load_deck

    only_cards = load_deck(write_deck("id: c\ntitle: C\ncards:\n  - {id: a, front: f, back: b}\n"))
    app = make_app(mode=None, decks=[only_cards])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        assert isinstance(app.screen, StudyScreen)


async def test_the_command_palette_offers_the_modes_and_decks(make_app) -> None:
    from textual.command import CommandPalette

    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Concepts: Variational")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConceptsScreen)


async def test_a_long_deck_title_takes_one_line_of_its_palette_entry(make_app, write_deck):
    from textual.command import CommandList, CommandPalette

    from vae_quiz.decks.loader import load_deck

    title = "Supercalifragilistic " * 12
    deck = load_deck(
        write_deck(f"id: long\ntitle: {title}\ncards: [{{id: c, front: f, back: b}}]\n")
    )
    app = make_app(mode=None, decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Study: Super")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        hits = app.screen.query_one(CommandList)
        assert hits.option_count >= 1
        first = str(hits.get_option_at_index(0).prompt)
        assert first.startswith("Study: Supercalifragilistic")
        # Its name and its help, a line each: the name is cut (in "…"), not wrapped.
        assert hits._heights[0] == 2


def _notices(app) -> list[str]:
    return [notice.message for notice in app._notifications]


async def test_a_mode_with_nothing_to_do_says_so_and_stays_home(make_app, store, tmp_db) -> None:
    # No new card a day and nothing due: study, today and review have nothing to ask.
    app = make_app(mode=None, new_per_day=0, due_only=True, level="advanced")
    async with app.run_test(size=(80, 24)) as pilot:
        for key, notice in (
            ("s", "No card due now and no new card left for today."),
            ("enter", "Nothing due now and no new item left for today."),
            ("r", "The review queue is empty: nothing to review."),
            ("t", "No question to ask (with these options)."),
        ):
            await pilot.press(key)
            assert isinstance(app.screen, HomeScreen), key
            assert _notices(app)[-1] == notice
    assert _modes(tmp_db) == []


async def test_review_from_home_opens_once_something_is_missed(make_app, tmp_db) -> None:
    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, HomeScreen) and len(_notices(app)) == 1
        await pilot.press("s", "space", "1", "q", "enter")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        assert isinstance(app.screen, StudyScreen)
        assert "1 of 1" in _text(app, "#study-status")
    assert [m for _, m, _ in _modes(tmp_db)] == ["study"]


async def test_home_rows_fit_without_wrapping_at_60x15(make_app, vae_deck, write_deck) -> None:
    from vae_quiz.decks.loader import load_deck

    questions = "".join(
        f"  - {{id: q{n}, question: q{n}?, choices: [yes, no], answer: yes}}\n" for n in range(995)
    )
    big = load_deck(write_deck(f"id: big\ntitle: Trivia\nquestions:\n{questions}"))
    for size in ((80, 24), (60, 15)):
        app = make_app(mode=None, decks=[vae_deck, big])
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            deck_list = app.screen.query_one("#deck-list")
            lines = _text(app, "#deck-list").splitlines()
            assert "        5 cards       due 0   new     5" in lines
            assert "      995 questions   due 0   new   995" in lines
            assert "    1,000 questions   due 0   new 1,000" in lines  # all decks: the widest
            # A line wider than the list would wrap in the middle of its figures.
            assert max(map(len, lines)) <= deck_list.scrollable_content_region.width, size

"""Pilot tests of session sizes and counters: test's default of 20 questions and its header,
--limit 0, cram shuffled by its seed and capped, and counters that count a miss coming back."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import screen_text as _text
from tests.ui.test_home_and_review import _right_key, _wrong_key
from vae_quiz.decks.loader import load_deck
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import StudySummaryScreen, TestSummaryScreen
from vae_quiz.ui.screens.test import TestScreen


def _rows(tmp_db) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(tmp_db)
    rows = conn.execute("SELECT item, mode, outcome FROM review_log ORDER BY seq").fetchall()
    conn.close()
    return rows


@pytest.fixture
def trivia(write_deck):
    """A deck of 45 questions and 30 cards."""
    questions = "".join(
        f"  - {{id: q{n}, question: 'q{n}?', choices: [yes, no], answer: 'yes'}}\n"
        for n in range(45)
    )
    cards = "".join(f"  - {{id: c{n}, front: f{n}, back: b{n}}}\n" for n in range(30))
    text = f"id: trivia\ntitle: Trivia\ncards:\n{cards}questions:\n{questions}"
    return load_deck(write_deck(text, "trivia.yaml"))


async def test_a_test_asks_20_of_a_big_deck_and_says_of_how_many(make_app, trivia, tmp_db):
    app = make_app(mode="test", decks=[trivia], seed=4)
    async with app.run_test(size=(60, 15)) as pilot:
        assert _text(app, "#test-status") == "question 1 of 20 · 45 in deck"
        for n in range(20):
            assert f"question {n + 1} of 20" in _text(app, "#test-status")
            await pilot.press(_right_key(app.screen), "space")
        assert isinstance(app.screen, TestSummaryScreen)
    rows = _rows(tmp_db)
    assert len(rows) == 20 and len({item for item, _, _ in rows}) == 20
    assert {(mode, outcome) for _, mode, outcome in rows} == {("test", "correct")}


async def test_limit_zero_tests_every_question(make_app, trivia) -> None:
    app = make_app(mode="test", decks=[trivia], seed=4, limit=0)
    async with app.run_test(size=(80, 24)):
        assert _text(app, "#test-status") == "question 1 of 45"


async def test_cram_is_shuffled_by_its_seed_and_capped_by_the_limit(make_app, trivia, tmp_db):
    fronts = []
    for seed in (5, 5, 6):
        app = make_app(mode="cram", decks=[trivia], seed=seed, limit=3)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = []
            for n in range(3):
                assert f"{n + 1} of 3 · cram" in _text(app, "#study-status")
                shown.append(_text(app, "#card-front"))
                await pilot.press("space", "3")
            assert isinstance(app.screen, StudySummaryScreen)
        fronts.append(shown)
    assert fronts[0] == fronts[1] != fronts[2]
    assert fronts[0] != ["f0", "f1", "f2"]  # not the deck's order
    rows = _rows(tmp_db)
    assert [item for item, _, _ in rows[:3]] == [f.replace("f", "c") for f in fronts[0]]
    assert {mode for _, mode, _ in rows} == {"cram"} and len(rows) == 9


async def test_a_missed_card_grows_the_study_count(make_app, tmp_db) -> None:
    app = make_app(mode="study", limit=2)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _text(app, "#study-status").startswith("1 of 2 · new 2")
        await pilot.press("space", "1")  # Again: it comes back
        assert _text(app, "#study-status").startswith("2 of 3 · 1 again")
        await pilot.press("space", "4", "space", "4")
        assert isinstance(app.screen, StudySummaryScreen)
    assert [o for _, _, o in _rows(tmp_db)] == ["again", "easy", "easy"]


async def test_today_counts_each_miss_coming_back(make_app, tmp_db) -> None:
    app = make_app(mode="today", seed=1, limit=3)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _text(app, "#study-status").startswith("1 of 3")
        await pilot.press("space", "1")  # the card: Again
        assert isinstance(app.screen, TestScreen)
        assert _text(app, "#test-status") == "question 2 of 4 · 1 again"
        await pilot.press(_wrong_key(app.screen), "space")
        assert isinstance(app.screen, ConceptsScreen)
        assert _text(app, "#concepts-status") == "prompt 3 of 5 · 2 again"
        await pilot.press("x", "ctrl+s", "1", "2", "3", "4", "enter", "space")
        assert isinstance(app.screen, StudyScreen)
        assert _text(app, "#study-status").startswith("4 of 5 · 2 again")
    outcomes = [(mode, outcome) for _, mode, outcome in _rows(tmp_db)]
    assert outcomes == [("today", "again"), ("today", "incorrect"), ("today", "4/4")]


async def test_test_cram_is_logged_as_cram_and_moves_no_due_date(make_app, store, tmp_db) -> None:
    app = make_app(mode="test", seed=2, cram=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _text(app, "#test-title") == "Variational Autoencoders · cram"
        assert _text(app, "#test-status") == "question 1 of 5"
        await pilot.press(_wrong_key(app.screen), "space")
        await pilot.press(_right_key(app.screen), "q")
        assert isinstance(app.screen, TestSummaryScreen)
    assert [(mode, outcome) for _, mode, outcome in _rows(tmp_db)] == [
        ("cram", "incorrect"),
        ("cram", "correct"),
    ]
    assert store.item_states("vae") == {}

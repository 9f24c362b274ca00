"""Pilot tests of test mode: answering, feedback, the score, and the rows in the database."""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import screen_text as _text
from vae_quiz.ui.screens.summary import TestSummaryScreen
from vae_quiz.ui.screens.test import TestScreen


def _rows(tmp_db) -> list[tuple]:
    conn = sqlite3.connect(tmp_db)
    return conn.execute(
        "SELECT item, mode, outcome, response, rating FROM review_log ORDER BY seq"
    ).fetchall()


def _right_index(screen: TestScreen) -> int:
    asked = screen._session.current
    return asked.order.index(asked.question.answer[0])


async def test_right_answer_by_number_is_marked_and_stored(make_app, tmp_db) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TestScreen)
        assert "question 1 of 5" in _text(app, "#test-status")
        right = _right_index(screen)
        await pilot.press(str(right + 1))
        assert _text(app, "#feedback").startswith("Correct.")
        assert _text(app, f"#choice-{right + 1}").startswith("✓")
        _item, mode, outcome, response, rating = _rows(tmp_db)[0]
        assert (mode, outcome, rating) == ("test", "correct", 3)
        assert json.loads(response) == [screen._session.asked[0].question.answer[0]]


async def test_wrong_answer_by_letter_shows_the_right_one(make_app, tmp_db) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        right = _right_index(screen)
        wrong = (right + 1) % 4
        await pilot.press("abcd"[wrong])
        feedback = _text(app, "#feedback")
        assert feedback.startswith("Incorrect. The right answer:")
        assert _text(app, f"#choice-{wrong + 1}").startswith("✗")
        assert "(your answer)" in _text(app, f"#choice-{wrong + 1}")
        assert _text(app, f"#choice-{right + 1}").startswith("✓")
        assert _rows(tmp_db)[0][2] == "incorrect" and _rows(tmp_db)[0][4] == 1


async def test_answer_cannot_change_once_picked(make_app, tmp_db) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "2", "3", "b")
        assert len(_rows(tmp_db)) == 1


async def test_full_run_gives_the_score_and_missed_questions(make_app, tmp_db) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(5):
            screen = app.screen
            right = _right_index(screen)
            key = right + 1 if number < 3 else (right + 1) % 4 + 1
            await pilot.press(str(key), "space")
            await pilot.pause()
        assert isinstance(app.screen, TestSummaryScreen)
        assert _text(app, "#summary-headline") == "Score 3/5 (60%)"
        assert len(app.screen.query(".summary-missed")) == 2
    assert [r[2] for r in _rows(tmp_db)] == ["correct"] * 3 + ["incorrect"] * 2


async def test_q_part_way_counts_what_was_answered(make_app) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(str(_right_index(app.screen) + 1), "space", "q")
        assert isinstance(app.screen, TestSummaryScreen)
        assert _text(app, "#summary-headline").startswith("Score 1/1 (100%)")


async def test_select_all_question_needs_the_exact_set(make_app, data_dir, tmp_db) -> None:
    from vae_quiz.decks.loader import load_deck

    deck = load_deck(data_dir / "good" / "literal_markup.yaml")
    app = make_app(mode="test", decks=[deck], seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        session = app.screen._session
        if not session.current.question.is_multi:
            await pilot.press("1", "space")
        asked = session.current
        assert asked.question.is_multi
        assert "Select all that apply" in _text(app, "#multi-note")
        first = asked.order.index("a") + 1
        await pilot.press(str(first), "enter")
        assert _text(app, "#feedback").startswith("Incorrect.")
        assert "[red]" not in _text(app, "#question")


async def test_markup_in_choices_is_literal(make_app, write_deck, tmp_db) -> None:
    from vae_quiz.decks.loader import load_deck

    path = write_deck(
        "id: m\ntitle: M\nquestions:\n  - id: q\n    question: '[b]Q[/b]'\n"
        "    choices: ['[red]x[/red]', 'list[int]']\n    answer: 'list[int]'\n"
        "    shuffle: false\n"
    )
    app = make_app(mode="test", decks=[load_deck(path)])
    async with app.run_test(size=(80, 24)):
        assert "[red]x[/red]" in _text(app, "#choice-1")
        assert "list[int]" in _text(app, "#choice-2")
        assert _text(app, "#question") == "[b]Q[/b]"


async def test_every_answer_is_an_fsrs_review_also_on_the_same_day(make_app, tmp_db) -> None:
    for _ in range(2):
        app = make_app(mode="test", seed=1, limit=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1")
    ratings = [r[4] for r in _rows(tmp_db)]
    assert len(ratings) == 2 and all(rating in (1, 3) for rating in ratings)


SINGLE = """\
id: keys
title: Keys
questions:
  - id: single
    question: Which is c?
    choices: [a, b, c, d]
    answer: c
    shuffle: false
"""

SELECT_ALL = """\
id: keys
title: Keys
questions:
  - id: many
    question: Which are vowels?
    choices: [a, b, e, f]
    answer: [a, e]
    shuffle: false
"""

_LONG_CHOICES = [f"choice number {n}, a long choice that wraps over lines" * 3 for n in range(1, 8)]
LONG = f"""\
id: keys
title: Keys
questions:
  - id: long
    question: Which choice is the last one, after all of these long and wrapping choices?
    choices: {json.dumps([*_LONG_CHOICES, "choice number 8"])}
    answer: choice number 8
    shuffle: false
"""


def _keys_app(make_app, write_deck, text: str):
    from vae_quiz.decks.loader import load_deck

    return make_app(mode="test", decks=[load_deck(write_deck(text))])


def _highlighted(screen: TestScreen) -> list[str]:
    return [row.id for row in screen.query(".choice--highlighted")]


def _bar(screen: TestScreen) -> str:
    from vae_quiz.ui.widgets.key_bar import KeyBar

    return str(screen.query_one(KeyBar).render())


async def test_arrows_and_j_k_move_the_highlight_and_enter_picks_it(
    make_app, write_deck, tmp_db
) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert _highlighted(screen) == []  # nothing until the learner moves
        await pilot.press("down", "down", "up", "j", "j", "k")
        assert _highlighted(screen) == ["choice-2"]
        await pilot.press("j")
        assert _highlighted(screen) == ["choice-3"]
        assert _rows(tmp_db) == []  # moving picks nothing
        await pilot.press("enter")
        assert _text(app, "#feedback").startswith("Correct.")
        item, _mode, outcome, response, _rating = _rows(tmp_db)[0]
        assert (item, outcome, json.loads(response)) == ("single", "correct", ["c"])
        await pilot.press("enter")  # enter again: the next question (here: the score)
        await pilot.pause()
        assert isinstance(app.screen, TestSummaryScreen)


async def test_the_highlight_stops_at_the_first_and_last_choice(make_app, write_deck) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("up")  # the first move up: the last choice
        assert _highlighted(app.screen) == ["choice-4"]
        await pilot.press(*["k"] * 6)
        assert _highlighted(app.screen) == ["choice-1"]
        await pilot.press(*["j"] * 6)
        assert _highlighted(app.screen) == ["choice-4"]


async def test_enter_picks_nothing_until_a_choice_is_pointed_at(
    make_app, write_deck, tmp_db
) -> None:
    """Enter also moves on from an answered question: held, or pressed twice, it must not
    answer the next question with a choice the learner never pointed at."""
    app = _keys_app(make_app, write_deck, """\
id: two
title: Two
questions:
  - {id: q1, question: First?, choices: [yes, no], answer: yes, shuffle: false}
  - {id: q2, question: Second?, choices: [right, wrong], answer: right, shuffle: false}
""")  # fmt: skip
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "enter", "enter")
        await pilot.pause()
        assert "question 2 of 2" in _text(app, "#test-status")
        assert app.screen.result is None and len(_rows(tmp_db)) == 1, "q2 not answered"
        await pilot.press("j", "enter")
        assert _text(app, "#feedback").startswith("Correct.") and len(_rows(tmp_db)) == 2


async def test_a_click_on_a_choice_picks_it(make_app, write_deck, tmp_db) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await pilot.click("#choice-2 .choice-text", offset=(2, 0))
        await pilot.pause()
        assert _text(app, "#feedback").startswith("Incorrect.")
        assert json.loads(_rows(tmp_db)[0][3]) == ["b"]
        assert _highlighted(app.screen) == ["choice-2"]
        # Answered: a second click changes nothing.
        assert await pilot.click("#choice-3 .choice-text", offset=(2, 0))
        await pilot.pause()
        assert len(_rows(tmp_db)) == 1


async def test_a_number_moves_the_highlight_to_the_choice_it_picks(
    make_app, write_deck, tmp_db
) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert _highlighted(app.screen) == ["choice-4"]
        assert json.loads(_rows(tmp_db)[0][3]) == ["d"]


async def test_the_bar_offers_enter_only_for_what_it_does(make_app, write_deck) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # No choice pointed at: enter waits for one (shown, dimmed).
        assert _bar(app.screen).startswith(" ↑↓ Move  ⏎ Pick  q End  i Info  ? Help ")
        await pilot.press("enter")
        assert app.screen.result is None
        await pilot.press("down")
        await pilot.pause()
        asking = _bar(app.screen)
        assert asking.startswith(" ↑↓ Move  ⏎ Pick  q End  i Info  ? Help ")
        await pilot.press("space")  # space picks nothing on a one-answer question
        assert app.screen.result is None
        await pilot.press("enter")
        await pilot.pause()
        answered = _bar(app.screen)
        assert answered.startswith(" space/⏎ Next  q End  i Info  ? Help ")
        assert "Pick" not in answered and "Move" not in answered


async def test_select_all_space_ticks_the_highlighted_and_enter_submits(
    make_app, write_deck, tmp_db
) -> None:
    app = _keys_app(make_app, write_deck, SELECT_ALL)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        assert "Submit" not in _bar(screen)  # nothing ticked: enter would submit nothing
        assert " space Tick " in _bar(screen)  # dimmed: no choice pointed at yet
        await pilot.press("enter", "space")
        assert screen.result is None and _rows(tmp_db) == []
        await pilot.press("down")
        await pilot.pause()
        assert " space Tick " in _bar(screen)
        await pilot.press("space", "down", "down", "space")
        assert "[x]" in _text(app, "#choice-1") and "[x]" in _text(app, "#choice-3")
        assert "[ ]" in _text(app, "#choice-2")
        assert " ⏎ Submit " in _bar(screen)
        await pilot.press("enter")
        assert _text(app, "#feedback").startswith("Correct.")
        assert sorted(json.loads(_rows(tmp_db)[0][3])) == ["a", "e"]


async def test_a_click_ticks_a_choice_of_a_select_all_question(make_app, write_deck, tmp_db):
    app = _keys_app(make_app, write_deck, SELECT_ALL)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await pilot.click("#choice-2 .choice-text", offset=(2, 0))
        await pilot.pause()
        assert "[x]" in _text(app, "#choice-2") and app.screen.result is None
        assert await pilot.click("#choice-2 .choice-text", offset=(2, 0))
        await pilot.pause()
        assert "[ ]" in _text(app, "#choice-2") and _rows(tmp_db) == []


async def test_the_highlighted_choice_stays_in_view_on_a_small_terminal(
    make_app, write_deck, tmp_db
) -> None:
    app = _keys_app(make_app, write_deck, LONG)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        body = screen.query_one("#test-body")
        for number in range(1, 9):
            await pilot.press("down")
            await pilot.pause()
            row = screen.query_one(f"#choice-{number}")
            assert body.content_region.contains_region(row.region), number
        await pilot.press("enter")
        await pilot.pause()
        assert json.loads(_rows(tmp_db)[0][3]) == ["choice number 8"]
        # The verdict comes into view too.
        assert body.content_region.contains_region(screen.query_one("#feedback").region)


async def test_the_choice_under_the_mouse_shows_it_can_be_clicked(make_app, write_deck) -> None:
    app = _keys_app(make_app, write_deck, SINGLE)
    async with app.run_test(size=(80, 24)) as pilot:
        row = app.screen.query_one("#choice-3")
        before = row.styles.background
        await pilot.hover("#choice-3 .choice-text", offset=(2, 0))
        await pilot.pause()
        assert row.styles.background != before
        assert _highlighted(app.screen) == []  # hovering moves no highlight


async def test_the_verdict_comes_into_view_on_the_second_question_too(make_app, write_deck):
    """The verdict box was shown on the first question: on the second, with choices taller
    than the screen, it still scrolls into view (not to where it was the first time)."""
    from vae_quiz.decks.loader import load_deck

    long = "word " * 300
    deck = load_deck(write_deck(f"""\
id: two
title: Two
questions:
  - {{id: q1, question: First?, choices: [yes, no], answer: yes, shuffle: false}}
  - id: q2
    question: Second?
    choices: ["{long}a", "{long}b", "right"]
    answer: right
    shuffle: false
"""))  # fmt: skip
    app = make_app(mode="test", decks=[deck], seed=0)  # a seed that asks q1 first
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen._session.current.question.id == "q1"  # the short one first
        await pilot.press("1", "space")
        await pilot.pause()
        assert "question 2 of 2" in _text(app, "#test-status")
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        body = screen.query_one("#test-body")
        assert screen.result is not None
        assert "Correct." in _text(app, "#feedback")
        assert body.content_region.contains_region(screen.query_one("#feedback").region)

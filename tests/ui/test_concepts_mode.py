"""Pilot tests of concepts mode: writing, submitting, ticking, the result and the database."""

from __future__ import annotations

import json
import sqlite3

from textual.widgets import TextArea

from tests.conftest import screen_text as _text
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.confirm import ConfirmScreen
from vae_quiz.ui.screens.summary import ConceptSummaryScreen
from vae_quiz.ui.widgets.concept_checklist import ConceptChecklist

# An answer the concept matcher finds no concept in: every tick below is the learner's.
ANSWER = "it squeezes data; q? [b]stuff[/b] z; then x comes out"


def _keys(text: str) -> list[str]:
    names = {" ": "space", "?": "question_mark", "[": "left_square_bracket",
             "]": "right_square_bracket", "/": "slash", ";": "semicolon"}  # fmt: skip
    return [names.get(ch, ch) for ch in text]


def _rows(tmp_db) -> list[tuple]:
    conn = sqlite3.connect(tmp_db)
    return conn.execute(
        "SELECT item, mode, outcome, response, detail, rating FROM review_log ORDER BY seq"
    ).fetchall()


def _ticks(tmp_db) -> list[tuple]:
    conn = sqlite3.connect(tmp_db)
    return conn.execute(
        "SELECT position, covered FROM concept_result ORDER BY answer_seq, position"
    ).fetchall()


async def test_typing_submit_tick_confirm_commits_text_and_concepts(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ConceptsScreen)
        assert "prompt 1 of 2" in _text(app, "#concepts-status")
        # Every printable key is text in the editor, q and ? included.
        await pilot.press(*_keys(ANSWER))
        assert screen.query_one(TextArea).text == ANSWER
        assert isinstance(app.screen, ConceptsScreen) and screen.phase == "writing"
        await pilot.press("ctrl+s")
        assert screen.phase == "grading"
        assert ANSWER in _text(app, "#written-text")
        checklist = screen.query_one(ConceptChecklist)
        # Tick 1 and 3 by digit, tick 2 by space on the highlighted row, untick it by digit.
        await pilot.press("1", "3", "up", "space")
        assert checklist.ticked == {0, 1, 2}
        await pilot.press("2")
        assert checklist.ticked == {0, 2}
        assert _rows(tmp_db) == []  # nothing is committed before enter
        await pilot.press("enter")
        assert screen.phase == "result"
        result = _text(app, "#result")
        assert "You got 2/4 concepts" in result
        assert "Model answer" in result
        rows = _rows(tmp_db)
        assert len(rows) == 1
        item, mode, outcome, response, detail, rating = rows[0]
        assert (item, mode, outcome, response) == ("explain-vae", "concepts", "2/4", ANSWER)
        assert json.loads(detail) == {"covered": 2, "total": 4, "suggested": []}
        assert rating == 2  # at least half: Hard
        assert _ticks(tmp_db) == [(0, 1), (1, 0), (2, 1), (3, 0)]
        await pilot.press("space")
        assert "prompt 2 of 2" in _text(app, "#concepts-status")
        assert screen.query_one(TextArea).text == ""
        assert screen.phase == "writing"


async def test_an_empty_answer_asks_before_it_is_submitted(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and screen.phase == "writing"
        assert screen.query_one(TextArea).has_focus
        await pilot.press("ctrl+s", "y")
        assert screen.phase == "grading"
        assert "(no answer)" in _text(app, "#written-text")
        await pilot.press("enter")
        assert "You got 0/4 concepts" in _text(app, "#result")
        assert _rows(tmp_db)[0][2:4] == ("0/4", "")


async def test_hint_and_quit_work_once_the_editor_is_left(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("h")
        assert screen.query_one(TextArea).text == "h"
        await pilot.press("backspace", "escape", "h")
        assert _text(app, "#hint").startswith("Hint: Think about")
        await pilot.press("e", "x")
        assert screen.query_one(TextArea).text == "x"
        await pilot.press("escape", "q")
        assert isinstance(app.screen, ConceptSummaryScreen)
        assert "No prompts answered." in _text(app, "#summary-headline")
        assert _rows(tmp_db) == []


async def test_tab_indents_in_the_editor_and_no_typed_letter_is_lost(make_app, tmp_db) -> None:
    """Tab in the editor is text (an indent, as code answers need), not a jump out of the editor
    that would turn the next letters into commands (`e`, `h`, `q`...) and lose them."""
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        await pilot.press("d", "e", "f", "enter", "tab", "r", "e", "t", "u", "r", "n", "tab", "q")
        assert editor.has_focus
        assert screen.phase == "writing"
        assert editor.text == "def\n    return  q"  # to the next tab stop, in spaces
        # escape still leaves the editor; then q ends the session.
        await pilot.press("escape")
        assert not editor.has_focus
        await pilot.press("q")
        assert isinstance(app.screen, ConceptSummaryScreen)


async def test_all_concepts_is_good_and_the_summary_counts_them(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "ctrl+s", "1", "2", "3", "4", "enter")
        assert "You got 4/4 concepts" in _text(app, "#result")
        assert "Missed" not in _text(app, "#result")
        await pilot.press("space", "b", "ctrl+s", "1", "enter", "enter")
        assert isinstance(app.screen, ConceptSummaryScreen)
        assert "Concepts covered 5/7 (71%)" in _text(app, "#summary-headline")
    assert [(r[2], r[5]) for r in _rows(tmp_db)] == [("4/4", 3), ("1/3", 1)]


async def test_a_narrow_terminal_puts_the_answer_above_the_checklist(make_app) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(50, 30)) as pilot:
        await pilot.press("a", "ctrl+s")
        screen = app.screen
        written = screen.query_one("#written").region
        checklist = screen.query_one("#checklist").region
        assert written.bottom <= checklist.y
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen.query_one("#written").region.right <= screen.query_one("#checklist").region.x


def _long_prompt_deck(write_deck, sentences: int):
    """A deck of one prompt of `sentences` sentences (taller than the screen at 60 or more)."""
    from vae_quiz.decks.loader import load_deck

    prompt = "Explain, at length, " + "why this part of the question matters " * sentences
    return load_deck(write_deck(f"""\
id: long
title: Long
prompts:
  - id: p
    prompt: {prompt}
    concepts: [encoder]
"""))  # fmt: skip


def _highlighted_row(checklist: ConceptChecklist):
    """The highlighted concept's row on the screen (from OptionList's own line table)."""
    from textual.geometry import Region

    index = checklist.highlighted
    assert index is not None
    area = checklist.scrollable_content_region
    y = area.y + checklist._index_to_line[index] - round(checklist.scroll_y)
    return Region(area.x, y, area.width, checklist._heights[index])


def _is_seen(screen: ConceptsScreen) -> bool:
    row = _highlighted_row(screen.query_one(ConceptChecklist))
    body = screen.query_one("#concepts-body").scrollable_content_region
    return body.contains_region(row) and screen.query_one("#checklist").region.contains_region(row)


async def test_the_highlighted_concept_stays_in_view_on_a_small_terminal(make_app, tmp_db):
    app = make_app(mode="concepts")
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        # A long answer: in the narrow layout it sits above the checklist, off the bottom.
        screen.query_one(TextArea).text = "the encoder maps the input to a distribution " * 8
        await pilot.press("ctrl+s")
        await pilot.pause()
        checklist = screen.query_one(ConceptChecklist)
        for index in range(4):
            assert checklist.highlighted == index
            assert _is_seen(screen), index
            if index < 3:
                await pilot.press("down")
                await pilot.pause()
        await pilot.press("space")  # ticks the last concept, which is in view
        for key in ("up", "up", "up", "1"):
            await pilot.press(key)
            await pilot.pause()
            assert _is_seen(screen), key
        assert checklist.ticked == {0, 3}
        await pilot.press("4")  # a digit moves the highlight to the concept it ticks
        await pilot.pause()
        assert checklist.highlighted == 3 and _is_seen(screen)
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        await pilot.pause()
        assert _is_seen(screen)
        await pilot.press("enter")
    assert _ticks(tmp_db) == [(0, 1), (1, 0), (2, 0), (3, 0)]


async def test_the_bar_drops_hint_once_the_hint_is_shown(make_app) -> None:
    from vae_quiz.ui.widgets.key_bar import KeyBar

    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.press("escape")
        await pilot.pause()
        assert " h Hint " in str(bar.render())
        await pilot.press("h")
        await pilot.pause()
        assert _text(app, "#hint").startswith("Hint: ")
        assert "Hint" not in str(bar.render())
        await pilot.press("e", "a", "ctrl+s")  # back to the editor, then submit: still no h
        await pilot.pause()
        assert "Hint" not in str(bar.render())


async def test_a_prompt_taller_than_the_screen_leaves_the_editor_in_view(
    make_app, write_deck
) -> None:
    deck = _long_prompt_deck(write_deck, 60)
    app = make_app(mode="concepts", decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press(*"the encoder")
        await pilot.pause()
        editor = screen.query_one(TextArea)
        body = screen.query_one("#concepts-body").scrollable_content_region
        # What the learner types is seen as they type it, not written into a box off the screen.
        assert editor.text == "the encoder"
        assert body.contains_region(editor.region)
        # The question stays readable: the body scrolls back up to its first line.
        assert screen.query_one("#concepts-body").max_scroll_y > 0


async def test_under_a_prompt_taller_than_the_screen_the_result_comes_into_view(
    make_app, write_deck
) -> None:
    deck = _long_prompt_deck(write_deck, 60)
    app = make_app(mode="concepts", decks=[deck])
    async with app.run_test(size=(60, 15)) as pilot:
        screen = app.screen
        await pilot.press(*"the encoder", "ctrl+s", "enter")
        await pilot.pause()
        await pilot.pause()
        body = screen.query_one("#concepts-body").scrollable_content_region
        assert "You got 1/1 concepts" in _text(app, "#result")
        assert body.contains_region(screen.query_one("#result").region)


async def test_the_editor_stays_in_view_when_the_terminal_shrinks(make_app, write_deck) -> None:
    deck = _long_prompt_deck(write_deck, 20)
    app = make_app(mode="concepts", decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press(*"abc")
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*"def")
        editor = screen.query_one(TextArea)
        body = screen.query_one("#concepts-body").scrollable_content_region
        assert editor.text == "abcdef"
        assert body.contains_region(editor.region)

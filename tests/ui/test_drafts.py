"""Pilot tests of drafts (#19 point 4): the concepts editor keeps what is typed in the progress
file shortly after typing and on every way out, restores it when the prompt comes back (in
concepts, today or review) and says so; the answer, once given, takes the draft away."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import TextArea
from textual.widgets._toast import Toast

from tests.conftest import screen_text as _text
from vae_quiz.decks.loader import load_deck
from vae_quiz.text import describe_moment
from vae_quiz.ui.screens.concepts import DRAFT_DELAY, ConceptsScreen
from vae_quiz.ui.screens.summary import ConceptSummaryScreen

# Printable keys only (the Pilot presses key names): q and ? are text in the editor.
TYPED = "the encoder gives mu and sigma q"


def _keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def _drafts(tmp_db: Path) -> list[tuple[str, str, str]]:
    """The draft rows, read by a second connection (so only what is committed)."""
    conn = sqlite3.connect(tmp_db)
    try:
        return conn.execute("SELECT deck, item, text FROM draft ORDER BY item").fetchall()
    finally:
        conn.close()


def _notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def _editor(app) -> TextArea:
    return app.screen.query_one("#editor", TextArea)


async def test_typing_is_kept_shortly_after_not_on_every_key(make_app, store, tmp_db) -> None:
    saves: list[str] = []
    save_draft = store.save_draft

    def counting(deck: str, item: str, text: str, saved_at) -> None:  # type: ignore[no-untyped-def]
        saves.append(text)
        save_draft(deck, item, text, saved_at)

    store.save_draft = counting
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*_keys(TYPED))
        assert _editor(app).text == TYPED
        # 32 keys made far fewer writes than keys (one per DRAFT_DELAY of typing at most).
        assert len(saves) < len(TYPED) // 2
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert _drafts(tmp_db) == [("vae", "explain-vae", TYPED)]
        assert saves[-1] == TYPED
        count = len(saves)
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert len(saves) == count  # nothing new typed: nothing written
        await pilot.press("backspace", "backspace")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert _drafts(tmp_db) == [("vae", "explain-vae", TYPED[:-2])]
        assert isinstance(app.screen, ConceptsScreen)


async def test_q_keeps_the_draft_at_once_and_reopening_restores_it(make_app, clock, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*_keys(TYPED), "escape", "q")  # well within DRAFT_DELAY
        assert isinstance(app.screen, ConceptSummaryScreen)
        assert _drafts(tmp_db) == [("vae", "explain-vae", TYPED)]
    again = make_app(mode="concepts")
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        editor = _editor(again)
        assert editor.text == TYPED
        assert editor.has_focus and editor.cursor_location == (0, len(TYPED))
        await pilot.pause()
        (toast,) = again.screen.query(Toast)
        when = describe_moment(clock(), clock())  # saved at the (fixed) clock's now, local time
        assert str(toast.render()) == f"Restored your draft from {when}"
        await pilot.press("space", "z")  # typing goes on at the end of the draft
        assert editor.text == TYPED + " z"


async def test_ctrl_c_without_a_selection_quits_and_keeps_the_draft(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*_keys(TYPED), "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    assert _drafts(tmp_db) == [("vae", "explain-vae", TYPED)]


async def test_ctrl_c_with_a_selection_copies_and_stays(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*_keys(TYPED), *["shift+left"] * 5)
        assert _editor(app).selected_text == TYPED[-5:]
        await pilot.press("ctrl+c")
        assert app.clipboard == TYPED[-5:]
        assert app.is_running and isinstance(app.screen, ConceptsScreen)
        assert _editor(app).text == TYPED  # copied, not cut
        # With the selection gone (a move), ctrl+c quits as everywhere else.
        await pilot.press("end", "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert _drafts(tmp_db) == [("vae", "explain-vae", TYPED)]


async def test_ctrl_c_outside_the_editor_quits_and_keeps_the_draft(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "b", "escape", "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert _drafts(tmp_db) == [("vae", "explain-vae", "ab")]


async def test_the_answer_takes_the_draft_away(make_app, store, clock, tmp_db) -> None:
    store.save_draft("vae", "explain-vae", "kept from before", clock())
    store.save_draft("vae", "kl-and-reconstruction", "another prompt's draft", clock())
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        assert _editor(app).text == "kept from before"
        await pilot.press("space", "x", "ctrl+s", "1", "enter")
        assert "You got 1/4 concepts" in _text(app, "#result")
        assert _drafts(tmp_db) == [("vae", "kl-and-reconstruction", "another prompt's draft")]
        conn = sqlite3.connect(tmp_db)
        try:
            assert conn.execute("SELECT response FROM review_log").fetchall() == [
                ("kept from before x",)
            ]
        finally:
            conn.close()
        await pilot.pause(DRAFT_DELAY + 0.3)  # no late timer brings the answer back as a draft
        assert _drafts(tmp_db) == [("vae", "kl-and-reconstruction", "another prompt's draft")]
        await pilot.press("space")  # the next prompt has its own draft
        assert _editor(app).text == "another prompt's draft"
        assert sum(m.startswith("Restored your draft") for m in _notices(app)) == 2
        await pilot.press("escape", "q")
    assert _drafts(tmp_db) == [("vae", "kl-and-reconstruction", "another prompt's draft")]


async def test_a_submitted_then_quit_answer_leaves_no_draft(make_app, tmp_db) -> None:
    """Typed, submitted at once (before the draft timer) and graded: the timer must not write
    the answer back as a draft, and quitting from the result keeps nothing."""
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*_keys("abc"), "ctrl+s", "1", "enter")
        await pilot.pause(DRAFT_DELAY + 0.3)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert _drafts(tmp_db) == []


async def test_clearing_the_editor_forgets_the_draft(make_app, store, clock, tmp_db) -> None:
    store.save_draft("vae", "explain-vae", "xy", clock())
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("backspace", "backspace", "escape", "q")
    assert _drafts(tmp_db) == []


async def test_deck_text_in_a_draft_is_text_not_markup(make_app, store, clock, tmp_db) -> None:
    text = "[b]bold?[/b] [@click=app.quit]x[/] \x1b[2J"
    store.save_draft("vae", "explain-vae", text, clock())
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)):
        assert _editor(app).text == text
        assert app.is_running


PROMPT_DECK = """\
id: drafts
title: Drafts
prompts:
  - id: only-prompt
    prompt: Say something.
    concepts: [One idea, Another idea]
"""


async def test_today_restores_the_draft_of_its_prompt(make_app, write_deck, tmp_db) -> None:
    deck = load_deck(write_deck(PROMPT_DECK))
    app = make_app(mode="today", decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ConceptsScreen)
        assert "today" in _text(app, "#concepts-title")
        await pilot.press(*_keys("half an answer"), "ctrl+c")
        await pilot.pause()
    assert _drafts(tmp_db) == [("drafts", "only-prompt", "half an answer")]
    # The same prompt in concepts mode (drafts are per deck and prompt, whatever the mode).
    again = make_app(mode="concepts", decks=[deck])
    async with again.run_test(size=(80, 24)) as pilot:
        assert _editor(again).text == "half an answer"
        assert any(m.startswith("Restored your draft") for m in _notices(again))
        await pilot.press("escape", "q")
    # And back in today, where the answer finally goes.
    last = make_app(mode="today", decks=[deck])
    async with last.run_test(size=(80, 24)) as pilot:
        assert _editor(last).text == "half an answer"
        await pilot.press("ctrl+s", "1", "2", "enter")
        assert "You got 2/2 concepts" in _text(last, "#result")
    assert _drafts(tmp_db) == []


async def test_a_draft_that_cannot_be_kept_is_said_and_stays_on_screen(
    make_app, store, tmp_db
) -> None:
    """The progress file refuses the draft (here: the draft table is gone): the learner is told
    once, q does not leave (the text stays on screen), and the next try after a fix keeps it."""
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        other = sqlite3.connect(tmp_db)
        other.execute("ALTER TABLE draft RENAME TO draft_away")
        other.commit()
        await pilot.press("a", "b")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert isinstance(app.screen, ConceptsScreen)
        notes = _notices(app)
        assert sum("Your draft is still in the editor" in m for m in notes) == 1
        await pilot.press("c")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert sum("Your draft is still in the editor" in m for m in _notices(app)) == 1
        await pilot.press("escape", "q")
        assert isinstance(app.screen, ConceptsScreen)  # not lost by leaving
        other.execute("ALTER TABLE draft_away RENAME TO draft")
        other.commit()
        other.close()
        await pilot.press("q")
        assert isinstance(app.screen, ConceptSummaryScreen)
    assert _drafts(tmp_db) == [("vae", "explain-vae", "abc")]


async def test_review_restores_the_draft_of_a_missed_prompt(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "ctrl+s", "1", "enter")  # 1/4: missed, into the review queue
        assert "You got 1/4 concepts" in _text(app, "#result")
    assert _drafts(tmp_db) == []
    review = make_app(mode="review")
    async with review.run_test(size=(80, 24)) as pilot:
        assert isinstance(review.screen, ConceptsScreen)
        assert _editor(review).text == ""  # the answer given is not a draft
        await pilot.press(*_keys("second try"), "ctrl+c")
        await pilot.pause()
    assert _drafts(tmp_db) == [("vae", "explain-vae", "second try")]
    again = make_app(mode="review")
    async with again.run_test(size=(80, 24)):
        assert _editor(again).text == "second try"
        assert any(m.startswith("Restored your draft") for m in _notices(again))

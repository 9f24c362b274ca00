"""A progress file that cannot be written (disk full, injected at the store boundary): the
answer stays on screen, the learner is told, and a retry saves it."""

from __future__ import annotations

import asyncio
import errno
import tempfile
from pathlib import Path

import pytest

from tests.conftest import screen_text as _text
from vae_quiz.progress.store import ProgressStore, _reports_errors
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.test import TestScreen


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch):
    """While on, every write transaction fails as a full disk does."""
    real = ProgressStore._transaction
    state = {"full": True}

    def transaction(self):  # type: ignore[no-untyped-def]
        if state["full"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self)

    monkeypatch.setattr(ProgressStore, "_transaction", transaction)
    return state


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_study_keeps_the_card_and_says_so_then_retry_saves(make_app, store, disk_full):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        assert app.screen.is_revealed  # still the same card, answer visible
        assert "1 of 5" in _text(app, "#study-status")
        assert any("No space left on device" in n for n in _notices(app))
        assert len(list(store.rows())) == 0
        disk_full["full"] = False
        await pilot.press("3")
        assert len(list(store.rows())) == 1
        assert not app.screen.is_revealed


async def test_test_mode_keeps_the_question_unanswered_until_saved(make_app, store, disk_full):
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TestScreen)
        await pilot.press("1")
        await pilot.pause()
        assert screen.result is None and len(list(store.rows())) == 0
        assert any("could not save" in n for n in _notices(app))
        disk_full["full"] = False
        await pilot.press("1")
        assert screen.result is not None and len(list(store.rows())) == 1


async def test_concepts_keeps_the_text_and_ticks_until_saved(make_app, store, disk_full):
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ConceptsScreen)
        await pilot.press("a", "b", "ctrl+s", "1", "enter")
        await pilot.pause()
        assert screen.phase == "grading" and len(list(store.rows())) == 0
        disk_full["full"] = False
        await pilot.press("enter")
        assert screen.phase == "result"
        rows = list(store.rows())
        assert (rows[0].response, rows[0].outcome) == ("ab", "1/4")


async def test_a_read_failure_inside_the_app_exits_cleanly_with_the_message(
    make_app, store, monkeypatch
) -> None:
    import sqlite3

    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)):

        def broken(self, deck):  # type: ignore[no-untyped-def]
            raise sqlite3.DatabaseError("database disk image is malformed")

        # As the store reports it: a StoreError naming the file.
        monkeypatch.setattr(ProgressStore, "review_queue", _reports_errors(broken))
        app.screen.action_start("review")
        for _ in range(50):  # the app exits on its own; pilot.pause would wait for a screen
            if app.return_code is not None:
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 1
    assert "database disk image is malformed" in (app.store_error or "")


async def test_a_draft_not_kept_on_the_way_out_is_handed_to_the_cli_whole(
    make_app, disk_full, tmp_path, monkeypatch
):
    """ctrl+c on a full disk: the draft cannot go into the progress file, so the message the
    CLI prints after the app carries it, every line of it, for the learner to copy."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the system's temp folder
    app = make_app(mode="concepts")
    typed = "the encoder gives a mean\nand a variance"
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#editor").text = typed
        await pilot.press("ctrl+c")
    assert app.store_error is not None
    assert "your unsent answer was not kept" in app.store_error
    assert app.store_error.endswith("\n" + typed)
    # And in a file of its own (the system's temp folder), for a terminal closed meanwhile.
    spare = Path(app.store_error.split("; it is in ")[1].split("; here it is:")[0])
    assert spare.parent == tmp_path and spare.name.startswith("vae-quiz-unsent-vae-explain-vae-")
    assert spare.read_text(encoding="utf-8") == typed


async def test_retries_that_fail_again_show_one_notice_not_a_stack(make_app, store, disk_full):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3", "3", "3", "3")
        await pilot.pause()
        assert sum("could not save" in n for n in _notices(app)) == 1
        disk_full["full"] = False
        await pilot.press("3")
        assert len(list(store.rows())) == 1

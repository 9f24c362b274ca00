"""Deck status (due, new, review queue) and the review queue's enter/leave rules."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession
from vae_quiz.progress.overview import KindCounts, deck_status, kind_totals
from vae_quiz.progress.store import (
    MIGRATIONS,
    MISSED,
    RIGHT,
    SCHEMA_VERSION,
    Answer,
    ProgressStore,
)
from vae_quiz.text import describe_last


def _answer(store, clock, item, kind, mode, outcome, result) -> str:
    return store.record(Answer(deck="vae", item=item, kind=kind, mode=mode, outcome=outcome,
                               answered_at=clock(), result=result)).id  # fmt: skip


def test_a_fresh_deck_is_all_new_with_or_without_a_progress_file(store, vae_deck, clock) -> None:
    # Without a progress file, commands stand in an empty store in memory for it.
    for source in (ProgressStore(":memory:"), store):
        status = deck_status(vae_deck, source, clock())
        assert (status.due, status.new, status.queued) == (0, 12, 0)
        assert status.last_answered is None


def test_study_and_test_answers_move_due_new_and_queue_counts(store, vae_deck, clock) -> None:
    scheduler = Scheduler(enable_fuzzing=False)
    study = StudySession([vae_deck], store, scheduler, clock, SessionOptions(seed=1))
    study.rate(Rating.AGAIN)  # vae-what: due in a minute, and missed
    quiz = TestSession([vae_deck], store, scheduler, clock, SessionOptions(seed=1))
    wrong = next(c for c in quiz.current.order if c not in quiz.current.question.answer)
    quiz.answer(frozenset({wrong}))
    status = deck_status(vae_deck, store, clock())
    assert status.new == 10
    assert status.due == 0
    assert status.queued == 2
    assert status.last_answered == clock()
    clock.advance(days=1)
    assert deck_status(vae_deck, store, clock()).due == 2


def test_counts_are_kept_per_kind_when_answers_mix_kinds(store, vae_deck, clock) -> None:
    scheduler = Scheduler(enable_fuzzing=False)
    study = StudySession([vae_deck], store, scheduler, clock, SessionOptions(seed=1))
    study.rate(Rating.GOOD)
    quiz = TestSession([vae_deck], store, scheduler, clock, SessionOptions(seed=1))
    quiz.answer(frozenset(quiz.current.question.answer))
    clock.advance(days=30)
    status = deck_status(vae_deck, store, clock())
    assert status.by_kind == {
        "card": KindCounts(items=5, due=1, new=4),
        "question": KindCounts(items=5, due=1, new=4),
        "prompt": KindCounts(items=2, due=0, new=2),
    }
    assert (status.due, status.new) == (2, 10)
    # All decks: each kind summed over the decks.
    totals = kind_totals([status, status])
    assert totals["card"] == KindCounts(items=10, due=2, new=8)
    assert totals["prompt"] == KindCounts(items=4, due=0, new=4)


def test_the_queue_is_what_you_last_missed_in_any_mode(store, clock) -> None:
    _answer(store, clock, "vae-what", "card", "study", "again", MISSED)
    _answer(store, clock, "encoder-output", "question", "test", "incorrect", MISSED)
    _answer(store, clock, "explain-vae", "prompt", "concepts", "2/4", MISSED)
    assert [q.item for q in store.review_queue("vae")] == [
        "vae-what", "encoder-output", "explain-vae"
    ]  # fmt: skip
    # Hard: neither right nor missed: still queued.
    _answer(store, clock, "vae-what", "card", "review", "hard", None)
    assert len(store.review_queue("vae")) == 3
    # A right answer in any mode takes an item out.
    _answer(store, clock, "vae-what", "card", "study", "good", RIGHT)
    _answer(store, clock, "encoder-output", "question", "today", "correct", RIGHT)
    _answer(store, clock, "explain-vae", "prompt", "concepts", "4/4", RIGHT)
    assert store.review_queue("vae") == []
    # Missed again later: back in the queue.
    _answer(store, clock, "vae-what", "card", "test", "again", MISSED)
    assert [q.item for q in store.review_queue("vae")] == ["vae-what"]


def test_undoing_the_miss_takes_the_item_out_of_the_queue(store, clock) -> None:
    answer_id = _answer(store, clock, "vae-what", "card", "study", "again", MISSED)
    assert store.review_queue("vae")
    assert store.undo(answer_id)
    assert store.review_queue("vae") == []


def test_removed_items_stay_in_history_but_not_in_the_counts(store, vae_deck, clock) -> None:
    _answer(store, clock, "gone-item", "card", "study", "again", MISSED)
    status = deck_status(vae_deck, store, clock())
    assert status.queued == 0 and status.new == 12
    assert len(list(store.rows())) == 1


def test_a_version_1_file_is_migrated_and_its_misses_queued(tmp_path, clock) -> None:
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    rows = [("a", "vae-what", "card", "study", "again"), ("b", "encoder-output", "question",
            "test", "correct"), ("c", "latent-sampling", "card", "study", "hard")]  # fmt: skip
    for n, (uid, item, kind, mode, outcome) in enumerate(rows):
        conn.execute(
            "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome)"
            " VALUES (?, ?, 'vae', ?, ?, ?, ?)",
            (uid, f"2026-03-0{n + 1}T10:00:00.000000Z", item, kind, mode, outcome),
        )
    conn.commit()
    conn.close()
    store = ProgressStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert [q.item for q in store.review_queue("vae")] == ["vae-what"]
        assert len(list(store.rows())) == 3
    finally:
        store.close()


def test_last_studied_is_said_in_calendar_days(clock) -> None:
    now = clock()
    assert describe_last(None, now) == "never"
    assert describe_last(now, now) == "today"
    assert describe_last(now - timedelta(days=1), now) == "yesterday"
    assert describe_last(now - timedelta(days=3), now) == "3 days ago"

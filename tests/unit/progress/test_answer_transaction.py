"""One transaction per answer: the item's state is read, the scheduler applied and the answer
written inside the same BEGIN IMMEDIATE, so two copies of the app never schedule from a stale
state, and a failure leaves nothing half-written."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.progress.store import Answer, ProgressStore, Reschedule

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _answer(at: datetime, item: str = "c1") -> Answer:
    return Answer(deck="d", item=item, kind="card", mode="study", outcome="good", answered_at=at)


def test_the_schedule_sees_the_state_another_copy_just_wrote(tmp_path) -> None:
    path = tmp_path / "p.sqlite3"
    first, second = ProgressStore(path), ProgressStore(path)
    seen: list[str | None] = []

    def schedule(state: str | None) -> Reschedule:
        seen.append(state)
        return Reschedule(rating=3, state=f"after {len(seen)}", due=NOW + timedelta(days=1))

    first.record(_answer(NOW), schedule)
    second.record(_answer(NOW + timedelta(minutes=1)), schedule)
    assert seen == [None, "after 1"]
    assert first.item_state("d", "c1").state == "after 2"
    first.close()
    second.close()


def test_an_answer_given_meanwhile_in_another_copy_waits_and_then_sees_the_new_state(tmp_path):
    """The second copy answers while the first is inside its transaction: it must not read the
    state before the first commits (a read outside the transaction would see None)."""
    path = tmp_path / "p.sqlite3"
    ProgressStore(path).close()
    seen: list[str | None] = []
    errors: list[BaseException] = []

    def other_copy() -> None:
        try:
            store = ProgressStore(path)
            store.record(_answer(NOW + timedelta(minutes=1)), lambda state: _seen(state))
            store.close()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    def _seen(state: str | None) -> Reschedule:
        seen.append(state)
        return Reschedule(rating=3, state="second", due=NOW + timedelta(days=2))

    thread = threading.Thread(target=other_copy)

    def first_schedule(state: str | None) -> Reschedule:
        thread.start()  # the other copy now tries to answer while this transaction is open
        time.sleep(0.3)  # not synchronisation: only gives the other copy the chance to race
        return Reschedule(rating=3, state="first", due=NOW + timedelta(days=1))

    first = ProgressStore(path)
    first.record(_answer(NOW), first_schedule)
    thread.join(timeout=30)
    assert errors == []
    assert seen == ["first"]
    assert first.item_state("d", "c1").state == "second"
    first.close()


def test_a_failing_schedule_writes_nothing(tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")

    def broken(state: str | None) -> Reschedule:
        raise RuntimeError("scheduler failed")

    with pytest.raises(RuntimeError):
        store.record(_answer(NOW), broken)
    assert list(store.rows()) == []
    assert store.item_state("d", "c1") is None
    store.record(_answer(NOW))  # the connection is usable again: the transaction was rolled back
    assert len(list(store.rows())) == 1
    store.close()


def test_every_scheduled_answer_moves_the_schedule_also_on_the_same_day(tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    scheduler = Scheduler(enable_fuzzing=False)
    first = store.record(_answer(NOW), scheduler.schedule(Rating.GOOD, NOW))
    later = NOW + timedelta(hours=2)
    second = store.record(_answer(later), scheduler.schedule(Rating.AGAIN, later))
    assert first.due is not None and second.due is not None
    assert second.due < later + timedelta(hours=1)  # Again: a short relearning step
    conn = sqlite3.connect(tmp_path / "p.sqlite3")
    ratings = [r for (r,) in conn.execute("SELECT rating FROM review_log ORDER BY seq")]
    conn.close()
    assert ratings == [3, 1]
    assert store.item_state("d", "c1").reps == 2
    store.close()


def test_the_state_before_is_logged_as_read_inside_the_transaction(tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    scheduler = Scheduler(enable_fuzzing=False)
    store.record(_answer(NOW), scheduler.schedule(Rating.GOOD, NOW))
    state = store.item_state("d", "c1").state
    later = NOW + timedelta(days=3)
    store.record(_answer(later), scheduler.schedule(Rating.GOOD, later))
    conn = sqlite3.connect(tmp_path / "p.sqlite3")
    befores = [b for (b,) in conn.execute("SELECT state_before FROM review_log ORDER BY seq")]
    conn.close()
    assert befores == [None, state]
    store.close()

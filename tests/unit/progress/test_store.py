"""The progress store: schema, migrations, one transaction per answer, undo, concurrency."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from vae_quiz.errors import StoreError
from vae_quiz.progress.store import SCHEMA_VERSION, Answer, ProgressStore

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _answer(item: str = "c1", outcome: str = "good", state: str | None = '{"s": 1}') -> Answer:
    return Answer(deck="d", item=item, kind="card", mode="study", outcome=outcome,
                  answered_at=NOW, rating=3, state_after=state, due_after=NOW)  # fmt: skip


def test_new_file_is_created_with_the_current_schema_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "p.sqlite3"
    store = ProgressStore(path)
    assert path.exists()
    assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"review_log", "item_state"} <= tables


def test_answer_is_committed_when_record_returns(store: ProgressStore, tmp_db: Path) -> None:
    answer_id, _ = store.record(_answer())
    other = sqlite3.connect(tmp_db)
    row = other.execute("SELECT id, deck, item, mode, outcome FROM review_log").fetchone()
    assert row == (answer_id, "d", "c1", "study", "good")
    assert other.execute("SELECT reps FROM item_state").fetchone() == (1,)


def test_undo_restores_the_log_and_the_state_when_the_item_was_new(store: ProgressStore) -> None:
    answer_id, _ = store.record(_answer())
    assert store.undo(answer_id)
    assert len(list(store.rows())) == 0
    assert store.item_state("d", "c1") is None


def test_undo_restores_the_previous_state_when_the_item_had_one(store: ProgressStore) -> None:
    store.record(_answer(state='{"s": 1}'))
    second, _ = store.record(_answer(state='{"s": 2}'))
    assert store.item_state("d", "c1").state == '{"s": 2}'
    assert store.undo(second)
    state = store.item_state("d", "c1")
    assert state.state == '{"s": 1}' and state.reps == 1
    assert len(list(store.rows())) == 1


def test_newer_schema_is_refused_without_touching_the_file(tmp_db: Path) -> None:
    conn = sqlite3.connect(tmp_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = tmp_db.read_bytes()
    with pytest.raises(StoreError, match="written by a newer vae-quiz"):
        ProgressStore(tmp_db)
    assert tmp_db.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_db: Path) -> None:
    tmp_db.write_bytes(b"this is not a database at all" * 100)
    before = tmp_db.read_bytes()
    with pytest.raises(StoreError, match="not a readable vae-quiz progress file"):
        ProgressStore(tmp_db)
    assert tmp_db.read_bytes() == before


def test_two_connections_writing_concurrently_keep_every_answer(tmp_db: Path) -> None:
    ProgressStore(tmp_db).close()
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            own = ProgressStore(tmp_db)
            for i in range(100):
                own.record(_answer(item=f"{prefix}{i}"))
            own.close()
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list(ProgressStore(tmp_db).rows())) == 200


def test_rows_come_oldest_first(store: ProgressStore) -> None:
    later = Answer(deck="d", item="x", kind="card", mode="study", outcome="easy",
                   answered_at=NOW.replace(hour=13))  # fmt: skip
    store.record(later)
    store.record(_answer(item="y"))
    assert [r.item for r in store.rows()] == ["y", "x"]
    assert next(store.rows()).answered_at == "2026-03-02T12:00:00.000000Z"

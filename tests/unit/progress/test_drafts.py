"""Drafts in the progress file: an unsent answer kept per (deck, item), replaced as it is
saved again, and gone with the answer that is finally given."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vae_quiz.errors import StoreError
from vae_quiz.progress.store import MIGRATIONS, SCHEMA_VERSION, Answer, Draft, ProgressStore

NOW = datetime(2026, 3, 2, 14, 32, tzinfo=UTC)


def _answer(item: str) -> Answer:
    return Answer(deck="vae", item=item, kind="prompt", mode="concepts", outcome="1/2",
                  answered_at=NOW, response="final text")  # fmt: skip


def test_a_draft_is_committed_when_save_returns(store: ProgressStore, tmp_db: Path) -> None:
    store.save_draft("vae", "explain-vae", "the encoder gives mu", NOW)
    other = sqlite3.connect(tmp_db)
    try:
        row = other.execute("SELECT deck, item, text, saved_at FROM draft").fetchone()
    finally:
        other.close()
    assert row == ("vae", "explain-vae", "the encoder gives mu", "2026-03-02T14:32:00.000000Z")
    assert store.draft("vae", "explain-vae") == Draft("the encoder gives mu", NOW)


def test_no_draft_is_none_when_nothing_was_saved(store: ProgressStore) -> None:
    assert store.draft("vae", "explain-vae") is None


def test_a_draft_saved_again_replaces_the_old_one_when_it_is_the_same_item(
    store: ProgressStore,
) -> None:
    store.save_draft("vae", "explain-vae", "first", NOW)
    store.save_draft("vae", "explain-vae", "first words, then more", NOW + timedelta(seconds=1))
    store.save_draft("vae", "elbo-terms", "another prompt", NOW)
    assert store.draft("vae", "explain-vae") == Draft(
        "first words, then more", NOW + timedelta(seconds=1)
    )
    assert store.draft("vae", "elbo-terms") == Draft("another prompt", NOW)
    assert store.draft("other-deck", "explain-vae") is None


def test_an_empty_draft_forgets_the_old_one_when_saved(store: ProgressStore) -> None:
    store.save_draft("vae", "explain-vae", "something", NOW)
    store.save_draft("vae", "explain-vae", "", NOW)
    assert store.draft("vae", "explain-vae") is None


def test_the_answer_deletes_its_items_draft_in_the_same_commit(
    store: ProgressStore, tmp_db: Path
) -> None:
    store.save_draft("vae", "explain-vae", "unsent", NOW)
    store.save_draft("vae", "elbo-terms", "kept", NOW)
    store.record(_answer("explain-vae"))
    assert store.draft("vae", "explain-vae") is None
    assert store.draft("vae", "elbo-terms") == Draft("kept", NOW)
    other = sqlite3.connect(tmp_db)
    try:
        assert other.execute("SELECT item FROM draft").fetchall() == [("elbo-terms",)]
        assert other.execute("SELECT response FROM review_log").fetchall() == [("final text",)]
    finally:
        other.close()


def test_a_failing_answer_keeps_the_draft(store: ProgressStore) -> None:
    store.save_draft("vae", "explain-vae", "unsent", NOW)

    def fail(_state: str | None) -> None:
        raise RuntimeError("scheduler failed")

    with pytest.raises(RuntimeError):
        store.record(_answer("explain-vae"), fail)
    assert store.draft("vae", "explain-vae") == Draft("unsent", NOW)
    assert list(store.rows()) == []


def test_a_version_2_file_gains_drafts_and_keeps_its_answers_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    conn.execute(
        "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome, result)"
        " VALUES ('a', '2026-03-01T10:00:00.000000Z', 'vae', 'vae-what', 'card', 'study',"
        " 'good', 'right')"
    )
    conn.commit()
    conn.close()
    store = ProgressStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert [row.item for row in store.rows()] == ["vae-what"]
        store.save_draft("vae", "explain-vae", "kept", NOW)
        assert store.draft("vae", "explain-vae") == Draft("kept", NOW)
    finally:
        store.close()


def test_a_version_2_file_opened_read_only_is_read_as_it_is(tmp_path: Path) -> None:
    """stats, export and decks open a file they may not write read-only: a schema 2 file (from
    before drafts) cannot be migrated there, and need not be, to be read."""
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    conn.execute(
        "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome, result)"
        " VALUES ('a', '2026-03-01T10:00:00.000000Z', 'vae', 'vae-what', 'card', 'study',"
        " 'again', 'missed')"
    )
    conn.commit()
    conn.close()
    store = ProgressStore(path, read_only=True)
    try:
        assert store.schema_version == 2
        assert [row.item for row in store.rows()] == ["vae-what"]
        assert [q.item for q in store.review_queue("vae")] == ["vae-what"]
    finally:
        store.close()
    check = sqlite3.connect(path)
    try:  # untouched: no draft table, still schema 2
        assert check.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {name for (name,) in check.execute("SELECT name FROM sqlite_master")}
        assert "draft" not in tables
    finally:
        check.close()


def test_a_version_1_file_opened_read_only_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    conn.close()
    with pytest.raises(StoreError, match="older vae-quiz"):
        ProgressStore(path, read_only=True)


def test_a_hand_edited_draft_row_is_not_restored(store: ProgressStore, tmp_db: Path) -> None:
    other = sqlite3.connect(tmp_db)
    try:
        other.execute("INSERT INTO draft VALUES ('vae', 'a', 'text', 'not a time')")
        other.execute("INSERT INTO draft VALUES ('vae', 'b', x'00ff', '2026-03-02T14:32:00Z')")
        other.commit()
    finally:
        other.close()
    assert store.draft("vae", "a") is None
    assert store.draft("vae", "b") is None
    store.save_draft("vae", "a", "fresh", NOW)  # a new draft replaces the odd row
    assert store.draft("vae", "a") == Draft("fresh", NOW)


# Each example opens its own store (store_factory), so the function-scoped fixture is safe.
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(), min_size=1, max_size=5))
def test_the_last_saved_text_comes_back_exactly(store_factory, texts: list[str]) -> None:
    store = store_factory()
    try:
        for text in texts:
            store.save_draft("vae", "explain-vae", text, NOW)
        expected = Draft(texts[-1], NOW) if texts[-1] else None
        assert store.draft("vae", "explain-vae") == expected
    finally:
        store.close()


def test_a_draft_leaves_answers_committed_with_a_full_sync(store: ProgressStore) -> None:
    """A draft is committed at synchronous=NORMAL; the answers after it are FULL again, also
    when the draft's commit failed."""
    store.save_draft("vae", "explain-vae", "text", NOW)
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store._conn.execute("ALTER TABLE draft RENAME TO draft_away")
    with pytest.raises(StoreError):
        store.save_draft("vae", "explain-vae", "more", NOW)
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2

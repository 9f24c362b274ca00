"""The concept matcher's suggestions in the progress file: kept beside the final ticks, missing
(NULL) in files from before them, and the agreement figure of the stats."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from vae_quiz.model import Deck
from vae_quiz.progress.report import build_report
from vae_quiz.progress.report_text import report_text
from vae_quiz.progress.store import (
    MIGRATIONS,
    RIGHT,
    SCHEMA_VERSION,
    Answer,
    ProgressStore,
    SuggestionTally,
)

NOW = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
DECK = Deck(id="d", title="D", path="d.yaml")


def _prompt(store, ticks: tuple[bool, ...], suggested: tuple[bool, ...] = ()) -> None:
    concepts = tuple((f"c{n}", tick) for n, tick in enumerate(ticks, start=1))
    store.record(Answer(
        deck="d", item="p", kind="prompt", mode="concepts", outcome=f"{sum(ticks)}/{len(ticks)}",
        answered_at=NOW, result=RIGHT, concepts=concepts, suggested=suggested,
    ))  # fmt: skip


def test_the_suggestion_is_kept_beside_each_final_tick(store, tmp_db) -> None:
    _prompt(store, (True, False, True), suggested=(True, True, False))
    _prompt(store, (True, False), suggested=())  # graded without the matcher
    rows = (
        sqlite3.connect(tmp_db)
        .execute(
            "SELECT position, covered, suggested FROM concept_result ORDER BY answer_seq, position"
        )
        .fetchall()
    )
    assert rows == [(0, 1, 1), (1, 0, 1), (2, 1, 0), (0, 1, None), (1, 0, None)]
    assert store.suggestion_tally("d") == SuggestionTally(judged=3, agreed=1, added=1, removed=1)
    assert store.suggestion_tally("other") == SuggestionTally()


def test_a_file_from_before_suggestions_opens_and_keeps_its_ticks(tmp_path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    conn.execute(
        "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome)"
        " VALUES ('x', '2026-03-01T10:00:00.000000Z', 'd', 'p', 'prompt', 'concepts', '1/2')"
    )
    conn.executemany(
        "INSERT INTO concept_result (answer_seq, position, deck, item, concept, covered)"
        " VALUES (1, ?, 'd', 'p', ?, ?)",
        [(0, "c1", 1), (1, "c2", 0)],
    )
    conn.commit()
    conn.close()
    store = ProgressStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert store.suggestion_tally("d") == SuggestionTally()
        _prompt(store, (True, True), suggested=(True, False))
        assert store.suggestion_tally("d") == SuggestionTally(judged=2, agreed=1, added=1)
        assert [(t.concept, t.covered) for t in store.concept_tallies("d")] == [
            ("c2", 1), ("c1", 2),
        ]  # fmt: skip
    finally:
        store.close()


def test_stats_report_how_often_the_suggestions_were_kept(store) -> None:
    _prompt(store, (True, False, True, True), suggested=(True, False, False, True))
    _prompt(store, (False, False), suggested=(True, False))
    report = build_report([DECK], store, NOW, tz=UTC)
    data = json.loads(report.to_json())
    assert data["suggestions"] == {
        "concepts": 6, "agreed": 4, "ticked_not_suggested": 1, "suggested_not_ticked": 1,
        "agreement": 4 / 6,
    }  # fmt: skip
    assert "Suggested ticks kept: 4/6 (66.7%); 1 added, 1 taken off" in report_text(report)


def test_stats_without_suggestions_say_so(store) -> None:
    _prompt(store, (True,))
    report = build_report([DECK], store, NOW, tz=UTC)
    assert json.loads(report.to_json())["suggestions"]["agreement"] is None
    assert "Suggested ticks kept: 0/0 (–); 0 added, 0 taken off" in report_text(report)

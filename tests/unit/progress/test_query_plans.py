"""The store's hot queries read indexes, never whole tables: every SELECT the sessions and the
home screen run is captured and checked with EXPLAIN QUERY PLAN."""

from __future__ import annotations

import re
import sqlite3

from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.review import ReviewSession
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession
from vae_quiz.progress.overview import deck_status

SCHED = Scheduler(enable_fuzzing=False)
TABLE_SCAN = re.compile(r"^SCAN (review_log|item_state|concept_result)\b")


def test_every_hot_select_uses_an_index(store, vae_deck, clock, tmp_db) -> None:
    executed: list[str] = []
    store._conn.set_trace_callback(executed.append)
    study = StudySession([vae_deck], store, SCHED, clock, SessionOptions())
    study.previews()
    study.rate(Rating.AGAIN)
    study.summary()
    quiz = TestSession([vae_deck], store, SCHED, clock, SessionOptions(seed=1, due_only=True))
    quiz = TestSession([vae_deck], store, SCHED, clock, SessionOptions(seed=1))
    quiz.answer(frozenset({quiz.current.order[0]}))
    ConceptSession([vae_deck], store, SCHED, clock, SessionOptions()).grade("x", frozenset())
    review = ReviewSession([vae_deck], store, SCHED, clock, SessionOptions())
    review.open_current()
    deck_status(vae_deck, store, clock())
    store._conn.set_trace_callback(None)

    selects = sorted({sql for sql in executed if sql.lstrip().upper().startswith("SELECT")})
    assert len(selects) >= 8
    conn = sqlite3.connect(tmp_db)
    for sql in selects:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        scans = [step for step in plan if TABLE_SCAN.match(step)]
        assert not scans, f"{sql}\n{plan}"

"""Hypothesis state machine over the progress store: answer, undo, review, restart. After every
step the file agrees with a plain model of what was committed."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from vae_quiz.progress.store import MISSED, RIGHT, Answer, ProgressStore

ITEMS = ["a", "b", "c"]
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "p.sqlite3"
        self.store = ProgressStore(self.path)
        self.clock = START
        # The model: committed answers in order, as (id, item, mode, result, moves schedule).
        self.log: list[tuple[str, str, str, str | None, bool]] = []

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()

    def _tick(self) -> datetime:
        self.clock += timedelta(minutes=1)
        return self.clock

    @rule(item=st.sampled_from(ITEMS), mode=st.sampled_from(["study", "test", "cram"]),
          missed=st.booleans())  # fmt: skip
    def answer(self, item: str, mode: str, missed: bool) -> None:
        moves = mode != "cram"
        at = self._tick()
        answer_id, _ = self.store.record(Answer(
            deck="d", item=item, kind="card", mode=mode, outcome="again" if missed else "good",
            answered_at=at, result=MISSED if missed else RIGHT, rating=1 if missed else 3,
            state_after=json.dumps({"at": at.isoformat()}) if moves else None,
            due_after=at + timedelta(days=1) if moves else None,
        ))  # fmt: skip
        self.log.append((answer_id, item, mode, MISSED if missed else RIGHT, moves))

    @rule(item=st.sampled_from(ITEMS), right=st.booleans())
    def review(self, item: str, right: bool) -> None:
        at = self._tick()
        answer_id, _ = self.store.record(Answer(
            deck="d", item=item, kind="card", mode="review", outcome="good" if right else "again",
            answered_at=at, result=RIGHT if right else MISSED,
        ))  # fmt: skip
        self.log.append((answer_id, item, "review", RIGHT if right else MISSED, False))

    @precondition(lambda self: bool(self.log))
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.log) - 1))
        answer_id, item, *_ = self.log[index]
        later_moves = any(e[1] == item and e[4] for e in self.log[index + 1 :])
        undone = self.store.undo(answer_id)
        assert undone is (not later_moves)
        if undone:
            del self.log[index]

    @rule()
    def restart(self) -> None:
        self.store.close()
        self.store = ProgressStore(self.path)

    @invariant()
    def answers_match(self) -> None:
        assert [r.id for r in self.store.rows()] == [e[0] for e in self.log]

    @invariant()
    def queue_matches(self) -> None:
        expected = []
        for item in ITEMS:
            misses = [i for i, e in enumerate(self.log) if e[1] == item and e[3] == MISSED]
            # What you last missed: a right answer in any mode takes the item out.
            fixes = [i for i, e in enumerate(self.log) if e[1] == item and e[3] == RIGHT]
            if misses and misses[-1] > max(fixes, default=-1):
                expected.append((misses[-1], item))
        assert [q.item for q in self.store.review_queue("d")] == [i for _, i in sorted(expected)]

    @invariant()
    def states_match(self) -> None:
        for item in ITEMS:
            moving = [e for e in self.log if e[1] == item and e[4]]
            state = self.store.item_state("d", item)
            if not moving:
                assert state is None
            else:
                assert state is not None and state.reps == len(moving)

    @invariant()
    def file_is_sound(self) -> None:
        conn = sqlite3.connect(self.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()


StoreMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25,
                                          deadline=None)  # fmt: skip
TestStoreMachine = StoreMachine.TestCase

"""progress/export.py: the rows of `vae-quiz export` as CSV and as JSON lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from tests.conftest import FixedClock
from vae_quiz.progress.export import EXPORT_COLUMNS, WRITERS, write_csv, write_jsonl
from vae_quiz.progress.store import MISSED, Answer, LogRow, ProgressStore


@pytest.fixture
def rows(store: ProgressStore, clock: FixedClock) -> list[LogRow]:
    """A store with one rated card and one answered question, as its export rows."""
    store.record(Answer(deck="vae", item="vae-what", kind="card", mode="study", outcome="again",
                        answered_at=clock(), result=MISSED, rating=1, state_after="{}",
                        due_after=clock() + timedelta(minutes=1)))  # fmt: skip
    clock.advance(minutes=2)
    store.record(Answer(deck="vae", item="encoder-output", kind="question", mode="test",
                        outcome="correct", answered_at=clock(), response='mean, "variance"',
                        detail={"picked": [0, 2], "note": "é"}))  # fmt: skip
    return list(store.rows())


def test_csv_has_the_header_then_a_row_per_answer_when_answers_are_stored(
    rows: list[LogRow],
) -> None:
    out = io.StringIO()
    write_csv(rows, out)
    lines = out.getvalue().split("\n")
    assert lines[0] == "answered_at,deck,item,kind,mode,outcome,rating,next_due,response,detail,id"
    assert lines[-1] == "" and len(lines) == 4  # header, two rows, final newline
    card, question = csv.DictReader(io.StringIO(out.getvalue()))
    assert card == {
        "answered_at": "2026-03-02T12:00:00.000000Z", "deck": "vae", "item": "vae-what",
        "kind": "card", "mode": "study", "outcome": "again", "rating": "1",
        "next_due": "2026-03-02T12:01:00.000000Z", "response": "", "detail": "",
        "id": rows[0].id,
    }  # fmt: skip
    assert question["rating"] == "" and question["next_due"] == ""
    assert question["response"] == 'mean, "variance"'
    assert json.loads(question["detail"]) == {"picked": [0, 2], "note": "é"}


def test_csv_is_only_the_header_when_there_are_no_answers() -> None:
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue() == ",".join(EXPORT_COLUMNS) + "\n"


def test_jsonl_has_a_record_per_line_keyed_as_the_csv_when_answers_are_stored(
    rows: list[LogRow],
) -> None:
    out = io.StringIO()
    write_jsonl(rows, out)
    card, question = (json.loads(line) for line in out.getvalue().splitlines())
    assert list(card) == list(EXPORT_COLUMNS)
    assert card["rating"] == 1 and card["next_due"] == "2026-03-02T12:01:00.000000Z"
    assert card["response"] is None and card["detail"] is None
    assert question["rating"] is None and question["outcome"] == "correct"
    assert question["detail"] == {"picked": [0, 2], "note": "é"}  # parsed, not a string
    assert '"é"' in out.getvalue()  # kept as text, not \u escapes
    assert question["id"] == rows[1].id


def test_each_format_option_names_its_writer() -> None:
    assert {"csv": write_csv, "jsonl": write_jsonl} == WRITERS

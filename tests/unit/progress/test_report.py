"""The stats report against a progress file with known answers on known dates (UTC days)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vae_quiz.model import Deck
from vae_quiz.progress.report import build_report, streaks
from vae_quiz.progress.report_text import figure_lines
from vae_quiz.progress.store import MISSED, RIGHT, Answer

NOW = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
REVIEW = json.dumps({"state": 2})
LEARNING = json.dumps({"state": 1})
DECK = Deck(id="d", title="D", path="d.yaml")


def _record(store, days_ago: float, item: str, mode: str, outcome: str, *, rating=None,
            state=None, due_in_days=None, lapses=0, kind="card", concepts=()) -> None:  # fmt: skip
    at = NOW - timedelta(days=days_ago)
    result = MISSED if outcome in ("again", "incorrect") else RIGHT
    store.record(Answer(
        deck="d", item=item, kind=kind, mode=mode, outcome=outcome, answered_at=at,
        result=result, rating=rating, state_after=state,
        due_after=None if due_in_days is None else NOW + timedelta(days=due_in_days),
        lapses_added=lapses, concepts=concepts,
    ))  # fmt: skip


def _known(store) -> None:
    # Card a: learnt 40 days ago, then reviews in review state: 2 passes, 1 lapse (last 30 d).
    _record(store, 40, "a", "study", "good", rating=3, state=REVIEW, due_in_days=-5)
    _record(store, 10, "a", "study", "good", rating=3, state=REVIEW, due_in_days=-5)
    _record(store, 2, "a", "study", "again", rating=1, state=LEARNING, due_in_days=0, lapses=1)
    _record(store, 1, "a", "study", "good", rating=3, state=REVIEW, due_in_days=3)
    # Card b: a leech with 8 lapses, next due in 40 days (outside the forecast).
    _record(store, 1, "b", "study", "again", rating=1, state=REVIEW, due_in_days=40, lapses=8)
    # Test answers today: 2 of 3 right; one a cram-free log-only answer (rating None).
    _record(store, 0, "q", "test", "correct", rating=3, state=REVIEW, due_in_days=1,
            kind="question")  # fmt: skip
    _record(store, 0, "q", "test", "incorrect", kind="question")
    _record(store, 0, "q2", "test", "correct", rating=3, state=LEARNING, due_in_days=0,
            kind="question")  # fmt: skip
    # Concepts: 1/3 and 3/3 (4 of 6 covered); concept "c2" missed once.
    _record(store, 0, "p", "concepts", "1/3", kind="prompt",
            concepts=(("c1", True), ("c2", False), ("c3", False)))  # fmt: skip
    _record(store, 0, "p", "concepts", "3/3", kind="prompt",
            concepts=(("c1", True), ("c2", True), ("c3", True)))  # fmt: skip


def test_every_figure_from_known_answers(store) -> None:
    _known(store)
    report = build_report([DECK], store, NOW, desired_retention=0.9, tz=UTC)
    assert report.today == date(2026, 3, 20)
    assert report.total_answers == 10
    assert report.answers_per_day == {
        date(2026, 2, 8): 1, date(2026, 3, 10): 1, date(2026, 3, 18): 1, date(2026, 3, 19): 2,
        date(2026, 3, 20): 5,
    }  # fmt: skip
    assert (report.streak_current, report.streak_longest) == (3, 3)
    # Due: a in 3 days, q in 1 day, q2 today; b beyond 30 days.
    assert report.forecast[:5] == [1, 1, 0, 1, 0] and sum(report.forecast) == 3
    # Reviews of items in review state in the last 30 days: a at -10 (pass), a at -2 (fail).
    # Not counted: a at -1 (it was relearning), first answers (b, q, q2: no state before), the
    # answer 40 days ago (outside the window) and answers that moved no schedule.
    assert (report.retention_reviews, report.retention_passed) == (2, 1)
    assert report.true_retention == 0.5
    assert (report.test_answers, report.test_correct) == (3, 2)
    assert (report.concept_answers, report.concepts_covered, report.concepts_total) == (2, 4, 6)
    assert [(leech.item, leech.lapses) for leech in report.leeches] == [("b", 8)]
    assert [(t.concept, t.missed) for t in report.weakest_concepts] == [("c2", 1), ("c3", 1)]
    data = json.loads(report.to_json())
    assert data["retention"] == {"true": 0.5, "desired": 0.9, "reviews": 2, "passed": 1,
                                 "days": 30}  # fmt: skip
    assert data["streak"] == {"current": 3, "longest": 3}
    assert data["answers_per_day"]["2026-03-20"] == 5


def test_an_empty_file_reports_zeros_and_no_rates(store) -> None:
    report = build_report([DECK], store, NOW, tz=UTC)
    assert report.total_answers == 0 and report.answers_per_day == {}
    assert report.true_retention is None and report.test_accuracy is None
    assert report.forecast == [0] * 30


def test_the_current_streak_survives_until_the_day_is_over() -> None:
    today = date(2026, 3, 20)
    assert streaks([today - timedelta(days=1), today - timedelta(days=2)], today) == (2, 2)
    assert streaks([today - timedelta(days=2)], today) == (0, 1)


def _plain_streaks(days: set[date], today: date) -> tuple[int, int]:
    longest = 0
    for day in days:
        n = 0
        while day - timedelta(days=n) in days:
            n += 1
        longest = max(longest, n)
    start = today if today in days else today - timedelta(days=1)
    current = 0
    while start - timedelta(days=current) in days:
        current += 1
    return current, longest


@given(st.sets(st.integers(0, 60), max_size=40))
def test_streaks_match_a_plain_recomputation(offsets: set[int]) -> None:
    today = date(2026, 3, 20)
    days = {today - timedelta(days=n) for n in offsets}
    assert streaks(days, today) == _plain_streaks(days, today)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.integers(0, 400 * 24), max_size=60))
def test_the_heatmap_counts_answers_of_the_last_365_days(store_factory, hours: list[int]) -> None:
    store = store_factory()
    for n, h in enumerate(hours):
        store.record(Answer(deck="d", item=f"i{n}", kind="card", mode="study", outcome="good",
                            answered_at=NOW - timedelta(hours=h)))  # fmt: skip
    report = build_report([DECK], store, NOW, tz=UTC)
    expected: dict[date, int] = {}
    for h in hours:
        day = (NOW - timedelta(hours=h)).date()
        if (NOW.date() - day).days < 365:
            expected[day] = expected.get(day, 0) + 1
    assert report.answers_per_day == expected
    assert report.total_answers == len(hours)
    store.close()


def test_questions_and_prompts_count_in_every_mode(store) -> None:
    """Issue #19 point 2: an answer to a question or a prompt in today, review or cram is graded
    as in test or concepts, so the figures count it (they counted test and concepts only)."""
    for mode, outcome in (("test", "correct"), ("today", "correct"), ("today", "incorrect"),
                          ("review", "correct"), ("cram", "incorrect")):  # fmt: skip
        _record(store, 0, "q", mode, outcome, kind="question")
    for mode, outcome in (("concepts", "1/3"), ("today", "2/3"), ("review", "3/3"),
                          ("cram", "0/3")):  # fmt: skip
        _record(store, 0, "p", mode, outcome, kind="prompt",
                concepts=(("c1", True), ("c2", False), ("c3", False)))  # fmt: skip
    _record(store, 0, "a", "today", "good", rating=3)  # a card: in neither figure
    report = build_report([DECK], store, NOW, tz=UTC)
    assert (report.test_answers, report.test_correct) == (5, 3)
    assert (report.concept_answers, report.concepts_covered, report.concepts_total) == (4, 6, 12)
    data = json.loads(report.to_json())
    assert data["test"] == {"answers": 5, "correct": 3, "accuracy": 0.6}
    assert data["concepts"] == {"answers": 4, "covered": 6, "total": 12, "coverage": 0.5}
    lines = figure_lines(report)
    assert "Questions, every mode: 3/5 right (60.0%)" in lines
    assert "Prompts, every mode: 6/12 concepts covered (50.0%) in 4 answers" in lines

"""Today's domain: what is asked and in which order, misses coming back, one FSRS review per
answer whatever the kind, the review queue and the summary."""

from __future__ import annotations

from datetime import timedelta

from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.mixed import ItemSession
from vae_quiz.modes.review import queued_items
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession
from vae_quiz.modes.today import TodaySession

SCHED = Scheduler(enable_fuzzing=False)


def _today(store, deck, clock, **options) -> TodaySession:
    return TodaySession([deck], store, SCHED, clock, SessionOptions(seed=1, **options))


def _answer(session: ItemSession, right: bool) -> None:
    """Answer a one-item session right or wrong, whatever its kind."""
    if isinstance(session, StudySession):
        session.rate(Rating.GOOD if right else Rating.AGAIN)
    elif isinstance(session, TestSession):
        question = session.current.question
        wrong = next(c for c in question.choices if c not in question.answer)
        session.answer(frozenset(question.answer) if right else frozenset({wrong}))
    else:
        assert isinstance(session, ConceptSession)
        concepts = session.current.prompt.concepts
        session.grade("an answer", frozenset(range(len(concepts))) if right else frozenset())


def test_a_fresh_file_asks_every_new_item_the_kinds_taking_turns(store, vae_deck, clock) -> None:
    today = _today(store, vae_deck, clock)
    kinds = [entry.item.kind for entry in today.pending]
    assert today.total == 12 == vae_deck.item_count
    assert kinds[:6] == ["card", "question", "prompt"] * 2
    assert sorted(kinds) == sorted(item.kind for item in vae_deck.items)


def test_the_new_item_limit_counts_every_kind_seen_today(store, vae_deck, clock) -> None:
    first = _today(store, vae_deck, clock, new_per_day=4)
    assert [e.item.kind for e in first.pending] == ["card", "question", "prompt", "card"]
    for _ in range(3):
        session = first.open_current()
        _answer(session, right=True)
        first.close_current(session)
    again = _today(store, vae_deck, clock, new_per_day=4)
    # The three are on a learning step due in minutes: not due yet (home says so too); one new
    # item more is allowed.
    new = [e for e in again.pending if store.item_state(*e.key) is None]
    assert (again.total, len(new)) == (1, 1)
    clock.advance(minutes=11)  # their step is over: due, and still only one new item
    later = _today(store, vae_deck, clock, new_per_day=4)
    new = [e for e in later.pending if store.item_state(*e.key) is None]
    assert (later.total, len(new)) == (4, 1)


def test_due_items_come_first_most_overdue_first(store, vae_deck, clock) -> None:
    first = _today(store, vae_deck, clock, new_per_day=3)
    for _ in range(3):
        session = first.open_current()
        _answer(session, right=True)
        first.close_current(session)
        clock.advance(minutes=1)
    clock.advance(days=30)  # all three are due, the first answered the most overdue
    later = _today(store, vae_deck, clock, new_per_day=0)
    assert [e.item.kind for e in later.pending] == ["card", "question", "prompt"]


def test_a_miss_of_each_kind_comes_back_and_leaves_the_queue_when_right(
    store, vae_deck, clock
) -> None:
    today = _today(store, vae_deck, clock, limit=3)
    missed = []
    for _ in range(3):
        session = today.open_current()
        assert session.mode == "today"
        _answer(session, right=False)
        missed.append(today.current.key)
        assert today.close_current(session) is False
        clock.advance(minutes=1)
    assert [e.key for e in today.pending] == missed  # each back, in the order missed
    assert {e.key for e in queued_items([vae_deck], store)} == set(missed)
    assert today.position() == (4, 6, 3) and today.again == 0
    for _ in range(3):
        session = today.open_current()
        _answer(session, right=True)
        assert today.close_current(session) is True
    assert today.current is None and today.again == 3
    assert today.position() == (6, 6, 3)
    assert queued_items([vae_deck], store) == []
    rows = list(store.rows())
    assert {r.mode for r in rows} == {"today"}
    assert {r.kind for r in rows} == {"card", "question", "prompt"}
    # Every answer is a review of its item: two each, and nothing due now.
    for deck_id, item_id in missed:
        assert store.item_state(deck_id, item_id).reps == 2
    assert store.due_items("vae", clock()) == []
    summary = today.summary()
    assert {k: (t.items, t.answers, t.right) for k, t in summary.tallies.items()} == {
        "card": (1, 2, 1), "question": (1, 2, 1), "prompt": (1, 2, 1)
    }  # fmt: skip
    assert summary.missed == 0 and summary.left == 0
    kind, due = summary.next_due
    assert kind in ("card", "question", "prompt") and due > clock()
    assert due - clock() < timedelta(days=1)


def test_leaving_without_an_answer_keeps_the_item_current(store, vae_deck, clock) -> None:
    today = _today(store, vae_deck, clock)
    first = today.current
    assert today.close_current(today.open_current()) is None
    assert today.current == first and today.answers == 0
    assert today.summary().left == 12

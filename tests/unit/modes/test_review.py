"""Review mode's domain: which items are asked, re-asking, clearing, and cram."""

from __future__ import annotations

from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.review import ReviewSession, queued_items
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession

SCHED = Scheduler(enable_fuzzing=False)


def _miss_one_of_each(store, deck, clock) -> None:
    study = StudySession([deck], store, SCHED, clock, SessionOptions(limit=1))
    study.rate(Rating.AGAIN)
    quiz = TestSession([deck], store, SCHED, clock, SessionOptions(seed=3, limit=1))
    wrong = next(c for c in quiz.current.order if c not in quiz.current.question.answer)
    quiz.answer(frozenset({wrong}))
    ConceptSession([deck], store, SCHED, clock, SessionOptions(limit=1)).grade("x", frozenset())


def _review(store, deck, clock) -> ReviewSession:
    return ReviewSession([deck], store, SCHED, clock, SessionOptions(seed=1))


def test_an_item_missed_in_each_mode_is_queued_in_miss_order(store, vae_deck, clock) -> None:
    _miss_one_of_each(store, vae_deck, clock)
    kinds = [entry.item.kind for entry in queued_items([vae_deck], store)]
    assert kinds == ["card", "question", "prompt"]


def test_right_clears_wrong_comes_back_later_in_the_session(store, vae_deck, clock) -> None:
    _miss_one_of_each(store, vae_deck, clock)
    review = _review(store, vae_deck, clock)
    assert review.total == 3 and review.position() == (1, 3, 0)
    card = review.open_current()
    assert isinstance(card, StudySession) and card.mode == "review"
    card.rate(Rating.AGAIN)
    assert review.close_current(card) is False
    # The miss comes back: one more show, and it counts as again.
    assert review.current.item.kind == "question" and review.position() == (2, 4, 1)
    question = review.open_current()
    assert isinstance(question, TestSession)
    question.answer(frozenset(question.current.question.answer))
    assert review.close_current(question) is True
    prompt = review.open_current()
    assert isinstance(prompt, ConceptSession)
    prompt.grade("all", frozenset(range(len(prompt.current.prompt.concepts))))
    assert review.close_current(prompt) is True
    # The card missed in this session is asked again.
    assert review.current.item.kind == "card" and review.position() == (4, 4, 1)
    card = review.open_current()
    card.rate(Rating.GOOD)
    assert review.close_current(card) is True
    assert review.current is None
    summary = review.summary()
    assert (len(summary.cleared), summary.answers, summary.still_queued) == (3, 4, [])
    assert queued_items([vae_deck], store) == []


def test_the_queue_survives_a_restart_and_quitting_keeps_the_item(store, vae_deck, clock, tmp_db):
    from vae_quiz.progress.store import ProgressStore

    _miss_one_of_each(store, vae_deck, clock)
    review = _review(store, vae_deck, clock)
    card = review.open_current()
    assert review.close_current(card) is None  # left without answering
    reopened = ProgressStore(tmp_db)
    try:
        assert len(_review(reopened, vae_deck, clock).pending) == 3
    finally:
        reopened.close()


def test_hard_in_review_is_not_right(store, vae_deck, clock) -> None:
    _miss_one_of_each(store, vae_deck, clock)
    review = _review(store, vae_deck, clock)
    card = review.open_current()
    card.rate(Rating.HARD)
    assert review.close_current(card) is False
    assert len(queued_items([vae_deck], store)) == 3


def test_every_review_answer_moves_the_schedule(store, vae_deck, clock) -> None:
    _miss_one_of_each(store, vae_deck, clock)
    due = store.item_state("vae", "vae-what").due
    review = _review(store, vae_deck, clock)
    card = review.open_current()
    assert set(card.previews()) == set(Rating)
    card.rate(Rating.GOOD)
    assert store.item_state("vae", "vae-what").due > due
    assert store.item_state("vae", "vae-what").reps == 2


def test_cram_shows_every_card_and_changes_no_due_date(store, vae_deck, clock) -> None:
    study = StudySession([vae_deck], store, SCHED, clock, SessionOptions(limit=1))
    study.rate(Rating.EASY)
    before = store.item_state("vae", "vae-what")
    cram = StudySession([vae_deck], store, SCHED, clock, SessionOptions(seed=3), mode="cram")
    order = [i.card.id for i in cram.queue]
    assert sorted(order) == sorted(c.id for c in vae_deck.cards)
    while cram.current.card.id != "vae-what":
        cram.queue.append(cram.queue.pop(0))  # the known card first: its state must not move
    assert cram.previews() == {}
    assert cram.rate(Rating.GOOD) is None
    assert store.item_state("vae", "vae-what") == before
    missed = cram.current.card.id
    assert cram.rate(Rating.AGAIN) is None  # missed, shown again at the end
    assert cram.queue[-1].card.id == missed
    assert [q.item for q in store.review_queue("vae")] == [missed]
    assert store.item_state("vae", missed) is None
    rows = list(store.rows())
    assert [(r.mode, r.rating, r.due_after) for r in rows[1:]] == [("cram", None, None)] * 2

"""Sessions of a sane size: cram shuffled (reproducibly with a seed) and capped by the limit,
test's default of 20 questions, `--limit 0` for all, and counters that count re-shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.decks.loader import load_deck
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import Progress, SessionOptions, progress_of
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TEST_LIMIT, TestSession
from vae_quiz.text import counter

SCHED = Scheduler(enable_fuzzing=False)


@pytest.fixture
def big_deck(write_deck):
    cards = "".join(f"  - {{id: c{n}, front: f{n}, back: b{n}}}\n" for n in range(40))
    questions = "".join(
        f"  - {{id: q{n}, question: q{n}?, choices: [yes, no], answer: yes}}\n" for n in range(45)
    )
    return load_deck(write_deck(f"id: big\ntitle: Big\ncards:\n{cards}questions:\n{questions}"))


def _cram(deck, store, clock, **options) -> list[str]:
    session = StudySession([deck], store, SCHED, clock, SessionOptions(**options), mode="cram")
    return [item.card.id for item in session.queue]


def test_cram_is_shuffled_and_the_same_seed_gives_the_same_order(big_deck, store, clock) -> None:
    first = _cram(big_deck, store, clock, seed=7)
    assert first == _cram(big_deck, store, clock, seed=7)
    assert sorted(first) == sorted(big_deck.cards.ids)
    assert first != list(big_deck.cards.ids)
    assert first != _cram(big_deck, store, clock, seed=8)


def test_cram_limit_takes_a_different_part_of_the_deck_per_seed(big_deck, store, clock) -> None:
    five = _cram(big_deck, store, clock, seed=1, limit=5)
    assert len(five) == 5 and five == _cram(big_deck, store, clock, seed=1)[:5]
    assert five != _cram(big_deck, store, clock, seed=2, limit=5)
    assert len(_cram(big_deck, store, clock, seed=1, limit=0)) == 40  # 0: every card


def test_a_test_asks_20_questions_unless_the_limit_says_otherwise(big_deck, store, clock) -> None:
    def test(**options) -> TestSession:
        return TestSession([big_deck], store, SCHED, clock, SessionOptions(seed=1, **options))

    default = test()
    assert (default.total, default.pool) == (TEST_LIMIT, 45) and TEST_LIMIT == 20
    assert len({a.question.id for a in default.asked}) == 20
    assert test(limit=0).total == 45
    assert test(limit=7).total == 7
    assert test(limit=100).total == 45


def test_limit_zero_means_no_limit_for_study_too(big_deck, store, clock) -> None:
    options = SessionOptions(limit=0, new_per_day=100)
    assert len(StudySession([big_deck], store, SCHED, clock, options).queue) == 40
    assert SessionOptions().cap() is None and SessionOptions().cap(20) == 20
    assert SessionOptions(limit=0).cap(20) is None and SessionOptions(limit=3).cap(20) == 3


def test_a_card_shown_again_grows_the_total_and_the_again_count(big_deck, store, clock) -> None:
    session = StudySession([big_deck], store, SCHED, clock, SessionOptions(limit=3))
    assert session.position == Progress(1, 3, 0)
    session.rate(Rating.AGAIN)
    assert session.position == Progress(2, 4, 1)
    session.undo()
    assert session.position == Progress(1, 3, 0)


def test_progress_counts_shows_not_distinct_items() -> None:
    a, b = ("d", "a"), ("d", "b")
    assert progress_of([], [a, b]) == Progress(1, 2, 0)
    assert progress_of([a], [b, a]) == Progress(2, 3, 1)
    assert progress_of([a, b, a], []) == Progress(3, 3, 1)
    assert counter(4, 6, 1) == "4 of 6 · 1 again"
    assert counter(1, 5_578) == "1 of 5,578"


def test_cram_in_test_concepts_and_today_moves_no_due_date(store, vae_deck, clock) -> None:
    from vae_quiz.modes.concepts import ConceptSession
    from vae_quiz.modes.today import TodaySession

    cram = SessionOptions(seed=2, cram=True)
    quiz = TestSession([vae_deck], store, SCHED, clock, cram)
    assert quiz.mode == "cram" and quiz.total == 5
    wrong = next(c for c in quiz.current.order if c not in quiz.current.question.answer)
    quiz.answer(frozenset({wrong}))
    prompts = ConceptSession([vae_deck], store, SCHED, clock, cram)
    assert prompts.mode == "cram"
    prompts.grade("x", frozenset({0}))
    today = TodaySession([vae_deck], store, SCHED, clock, cram)
    assert today.mode == "cram" and len(today.pending) == 12  # every item, not only due or new
    order = [e.key for e in today.pending]
    assert order == [e.key for e in TodaySession([vae_deck], store, SCHED, clock, cram).pending]
    assert [e.item.kind for e in today.pending] != sorted(e.item.kind for e in today.pending)
    card = next(e for e in today.pending if e.item.kind == "card")
    while today.current != card:
        today.pending.rotate(-1)
    one = today.open_current()
    assert one.mode == "cram"
    one.rate(Rating.AGAIN)
    assert one.queue == []  # today brings it back, not the one-card session
    assert today.close_current(one) is False and today.pending[-1] == card
    rows = list(store.rows())
    assert [(r.mode, r.kind, r.due_after) for r in rows] == [
        ("cram", "question", None),
        ("cram", "prompt", None),
        ("cram", "card", None),
    ]
    assert store.item_states("vae") == {}  # no schedule moved
    # Misses in cram still count for the review queue, as in study's cram.
    assert len(store.review_queue("vae")) == 3


@given(
    st.lists(st.sampled_from("abcde"), max_size=12), st.lists(st.sampled_from("abcde"), max_size=8)
)
def test_progress_never_stalls_and_counts_every_show(done: list[str], queued: list[str]) -> None:
    place = progress_of([("d", k) for k in done], [("d", k) for k in queued])
    assert place.total == len(done) + len(queued)
    assert place.number == len(done) + (1 if queued else 0) <= place.total
    assert place.again == place.total - len(set(done) | set(queued)) >= 0
    # One more answer moves the number on by one, whatever comes back.
    if queued:
        after = progress_of([("d", k) for k in [*done, queued[0]]], [("d", k) for k in queued[1:]])
        assert after.number == place.number + (1 if len(queued) > 1 else 0)

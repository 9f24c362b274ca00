"""Concepts mode's domain: k/N, the FSRS rule, what the progress file holds."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.modes.concepts import ConceptSession, concepts_rating
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions


@pytest.mark.parametrize(
    ("covered", "total", "rating"),
    [(4, 4, Rating.GOOD), (3, 4, Rating.HARD), (2, 4, Rating.HARD), (1, 4, Rating.AGAIN),
     (0, 4, Rating.AGAIN), (1, 3, Rating.AGAIN), (2, 3, Rating.HARD), (1, 1, Rating.GOOD),
     (0, 1, Rating.AGAIN)],
)  # fmt: skip
def test_the_rating_follows_all_half_fewer(covered: int, total: int, rating: Rating) -> None:
    assert concepts_rating(covered, total) is rating


@given(st.integers(1, 50).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_rating_never_rewards_fewer_concepts_more(pair: tuple[int, int]) -> None:
    covered, total = pair
    if covered < total:
        assert concepts_rating(covered, total) <= concepts_rating(covered + 1, total)


def _session(store, vae_deck, clock, **options) -> ConceptSession:
    return ConceptSession([vae_deck], store, Scheduler(enable_fuzzing=False), clock,
                          SessionOptions(**options))  # fmt: skip


def test_grading_commits_text_score_and_each_concept(store, vae_deck, clock, tmp_db) -> None:
    session = _session(store, vae_deck, clock)
    assert [a.prompt.id for a in session.asked] == ["explain-vae", "kl-and-reconstruction"]
    text = "An encoder maps x to a Gaussian.\nThen [b]sample[/b]."
    result = session.grade(text, frozenset({0, 2}))
    assert (result.score, result.total) == (2, 4)
    assert result.missed == [vae_deck.prompts[0].concepts[1], vae_deck.prompts[0].concepts[3]]
    conn = sqlite3.connect(tmp_db)
    mode, outcome, result_col, response, detail, rating = conn.execute(
        "SELECT mode, outcome, result, response, detail, rating FROM review_log"
    ).fetchone()
    assert (mode, outcome, result_col, rating) == ("concepts", "2/4", "missed", int(Rating.HARD))
    assert response == "An encoder maps x to a Gaussian.\nThen [b]sample[/b]."
    assert json.loads(detail) == {"covered": 2, "total": 4}
    ticks = conn.execute(
        "SELECT concept, covered FROM concept_result JOIN review_log ON seq = answer_seq"
        " WHERE review_log.id = ? ORDER BY position",
        (result.answer_id,),
    ).fetchall()
    assert ticks == list(zip(vae_deck.prompts[0].concepts, [1, 0, 1, 0], strict=True))
    assert [q.item for q in store.review_queue("vae")] == ["explain-vae"]


def test_every_result_is_an_fsrs_review_also_on_the_same_day(store, vae_deck, clock) -> None:
    def reviews() -> int:  # answers that moved the prompt's schedule
        state = store.item_state("vae", "explain-vae")
        return state.reps if state else 0

    _session(store, vae_deck, clock, limit=1).grade("all of it", frozenset(range(4)))
    assert reviews() == 1
    clock.advance(minutes=5)
    _session(store, vae_deck, clock, limit=1).grade("", frozenset())
    assert reviews() == 2
    # A miss puts the prompt on a short learning step: due again within the hour.
    assert store.item_state("vae", "explain-vae").due <= clock() + timedelta(hours=1)
    clock.advance(days=1)
    _session(store, vae_deck, clock, limit=1).grade("x", frozenset())
    assert reviews() == 3


def test_concept_tallies_put_the_most_missed_first(store, vae_deck, clock) -> None:
    for ticked in ({0, 1}, {0}, {0, 2}):
        _session(store, vae_deck, clock, limit=1).grade("text", frozenset(ticked))
    tallies = store.concept_tallies("vae")
    concepts = vae_deck.prompts[0].concepts
    assert (tallies[0].concept, tallies[0].missed, tallies[0].covered) == (concepts[3], 3, 0)
    by_concept = {t.concept: (t.covered, t.missed) for t in tallies}
    assert by_concept[concepts[0]] == (3, 0)


def test_level_and_limit_filter_the_prompts(store, vae_deck, clock) -> None:
    assert _session(store, vae_deck, clock, limit=1).total == 1
    levels = {p.level for p in vae_deck.prompts}
    for level in levels - {None}:
        session = _session(store, vae_deck, clock, level=level)
        assert all(a.prompt.level == level for a in session.asked)


def test_an_out_of_range_concept_is_refused_and_nothing_is_written(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock)
    with pytest.raises(ValueError):
        session.grade("text", frozenset({9}))
    assert len(list(store.rows())) == 0

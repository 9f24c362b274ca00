"""Decks that change between sessions: edited, removed or renamed items keep their history and
break nothing; a deck that became invalid is reported while the others still open."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run
from vae_quiz.decks.loader import load_deck
from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.review import ReviewSession, queued_items
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession
from vae_quiz.progress.overview import deck_status

SCHED = Scheduler(enable_fuzzing=False)

DECK = """id: mine
title: Mine
cards:
  - {id: c1, front: One, back: 1}
  - {id: c2, front: Two, back: 2}
questions:
  - {id: q1, question: Pick a, choices: [a, b], answer: a}
"""


def _miss_everything(store, deck, clock) -> None:
    study = StudySession([deck], store, SCHED, clock, SessionOptions())
    study.rate(Rating.AGAIN)
    study.rate(Rating.AGAIN)
    quiz = TestSession([deck], store, SCHED, clock, SessionOptions())
    quiz.answer(frozenset({"b"}))


def test_an_edited_item_keeps_its_history_and_schedule(write_deck, store, clock) -> None:
    deck = load_deck(write_deck(DECK))
    _miss_everything(store, deck, clock)
    edited = load_deck(write_deck(DECK.replace("front: One", "front: One reworded")))
    assert store.item_state("mine", "c1") is not None
    assert {e.item.id for e in queued_items([edited], store)} == {"c1", "c2", "q1"}
    assert edited.item("c1").front == "One reworded"


def test_a_removed_item_leaves_every_queue_but_its_history_stays(write_deck, store, clock):
    deck = load_deck(write_deck(DECK))
    _miss_everything(store, deck, clock)
    smaller = load_deck(write_deck(DECK.replace("  - {id: c2, front: Two, back: 2}\n", "")))
    assert {e.item.id for e in queued_items([smaller], store)} == {"c1", "q1"}
    clock.advance(days=3)
    study = StudySession([smaller], store, SCHED, clock, SessionOptions())
    assert [i.card.id for i in study.queue] == ["c1"]
    review = ReviewSession([smaller], store, SCHED, clock, SessionOptions())
    assert review.total == 2
    assert deck_status(smaller, store, clock()).queued == 2
    assert "c2" in {row.item for row in store.rows()}


def test_a_question_that_became_a_card_is_not_asked_as_the_wrong_kind(write_deck, store, clock):
    deck = load_deck(write_deck(DECK))
    _miss_everything(store, deck, clock)
    swapped = DECK.replace("questions:\n  - {id: q1, question: Pick a, choices: [a, b], answer: a}",
                           "prompts:\n  - {id: q1, prompt: Explain a, concepts: [a]}")  # fmt: skip
    changed = load_deck(write_deck(swapped))
    assert {e.item.id for e in queued_items([changed], store)} == {"c1", "c2"}
    assert ConceptSession([changed], store, SCHED, clock, SessionOptions()).total == 1


def test_a_renamed_deck_starts_afresh_and_the_old_history_stays(write_deck, store, clock):
    deck = load_deck(write_deck(DECK))
    _miss_everything(store, deck, clock)
    renamed = load_deck(write_deck(DECK.replace("id: mine", "id: mine-v2")))
    status = deck_status(renamed, store, clock())
    assert (status.new, status.queued, status.due) == (3, 0, 0)
    assert {row.deck for row in store.rows()} == {"mine"}


def test_an_invalid_deck_is_reported_and_the_others_still_open(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "good.yaml").write_text(DECK)
    (folder / "broken.yaml").write_text(DECK.replace("id: mine", "id: other").replace(
        "answer: a", "answer: z"))  # fmt: skip
    env = {"VAE_QUIZ_DECKS": str(folder)}
    db = str(tmp_path / "p.sqlite3")
    listed = run("decks", "--db", db, env=env)
    assert listed.returncode == 1
    assert any(line.startswith("mine ") for line in listed.stdout.splitlines())
    assert "broken.yaml:7: question 'q1': answer" in listed.stderr
    review = run("review", "--db", db, env=env)
    assert review.returncode == 0 and "review queue is empty" in review.stdout
    assert "broken.yaml:7" in review.stderr

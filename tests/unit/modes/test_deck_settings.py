"""Per-deck settings in the sessions: each deck brings its own day's new items, and an answer is
scheduled at its deck's desired retention."""

from __future__ import annotations

from vae_quiz.model import Deck
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.today import TodaySession


def _twin(deck: Deck, deck_id: str) -> Deck:
    """The same items under another deck id."""
    return Deck(deck_id, deck_id, deck.path, None, deck.cards, deck.questions, deck.prompts)


def test_study_takes_each_decks_own_new_card_limit(store, vae_deck, clock) -> None:
    other = _twin(vae_deck, "other")
    options = SessionOptions(new_per_day=3, new_per_deck={"vae": 1})
    session = StudySession([vae_deck, other], store, Scheduler(enable_fuzzing=False), clock,
                           options)  # fmt: skip
    assert [i.deck.id for i in session.queue] == ["vae", "other", "other", "other"]
    session.rate(Rating.EASY)  # vae's one new card for today
    session.rate(Rating.EASY)
    again = StudySession([vae_deck, other], store, Scheduler(enable_fuzzing=False), clock,
                         options)  # fmt: skip
    assert [i.deck.id for i in again.queue] == ["other", "other"]


def test_today_takes_each_decks_own_new_item_limit(store, vae_deck, clock) -> None:
    other = _twin(vae_deck, "other")
    options = SessionOptions(new_per_day=4, new_per_deck={"other": 2})
    today = TodaySession([vae_deck, other], store, Scheduler(), clock, options)
    decks = [entry.deck.id for entry in today.pending]
    assert (decks.count("vae"), decks.count("other")) == (4, 2)
    kinds = [entry.item.kind for entry in today.pending]
    assert kinds[:3] == ["card", "question", "prompt"]


def test_an_answer_is_scheduled_at_its_decks_own_retention(store, vae_deck, clock) -> None:
    other = _twin(vae_deck, "other")
    scheduler = Scheduler(0.9, enable_fuzzing=False, deck_retention={"other": 0.7})
    session = StudySession([vae_deck, other], store, scheduler, clock,
                           SessionOptions(new_per_day=1))  # fmt: skip
    first = session.rate(Rating.EASY)
    second = session.rate(Rating.EASY)
    assert first is not None and second is not None
    # Lower retention: longer intervals; the same card rated the same way in each deck.
    assert second - clock() > first - clock()
    assert session.previews() == {}  # nothing left
    assert scheduler.for_deck("vae") is scheduler
    assert scheduler.for_deck("other").desired_retention == 0.7
    assert scheduler.for_deck("other") is scheduler.for_deck("other")

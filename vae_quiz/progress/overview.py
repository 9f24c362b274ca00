"""What each deck holds and what is waiting in it: the figures of `vae-quiz decks` and home."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from vae_quiz.model import Deck
from vae_quiz.progress.store import ProgressStore


class DeckStatus(NamedTuple):
    """A deck's counts across every item kind.

    Attributes:
        due: items (cards, questions, prompts) whose schedule is due now.
        new: items never answered in a way that scheduled them.
        queued: items in the review queue.
        last_answered: when the deck was last answered in any mode, or None.
    """

    deck: Deck
    due: int
    new: int
    queued: int
    last_answered: datetime | None


def deck_status(deck: Deck, store: ProgressStore, now: datetime) -> DeckStatus:
    """The deck's status now.

    Only items still in the deck count: history of removed items stays in the file unseen.
    """
    kinds = deck.item_kinds()
    due = sum(1 for item_id, _ in store.due_items(deck.id, now) if item_id in kinds)
    scheduled = store.scheduled_items(deck.id)
    new = sum(1 for item_id in kinds if item_id not in scheduled)
    # As review asks them: still in the deck, and still of the kind that was missed.
    queued = sum(1 for e in store.review_queue(deck.id) if kinds.get(e.item) == e.kind)
    return DeckStatus(deck, due, new, queued, store.last_answered_at(deck.id))


def deck_statuses(decks: Sequence[Deck], store: ProgressStore, now: datetime) -> list[DeckStatus]:
    """`deck_status` of each deck, in order."""
    return [deck_status(deck, store, now) for deck in decks]

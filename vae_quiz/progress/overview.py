"""What each deck holds and what is waiting in it: the figures of `vae-quiz decks` and home."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from vae_quiz.model import Deck
from vae_quiz.progress.store import ProgressStore

# The item kinds, in the order every count lists them.
KINDS = ("card", "question", "prompt")


@dataclass(frozen=True, slots=True)
class KindCounts:
    """One kind's figures in a deck (or in several): how many items, due now, new."""

    items: int = 0
    due: int = 0
    new: int = 0

    def plus(self, other: KindCounts) -> KindCounts:
        return KindCounts(self.items + other.items, self.due + other.due, self.new + other.new)


@dataclass(frozen=True, slots=True)
class DeckStatus:
    """A deck's counts, per item kind and across them.

    Attributes:
        by_kind: for "card", "question" and "prompt", how many items, how many are due now and
            how many are new (never answered in a way that scheduled them).
        queued: items in the review queue.
        last_answered: when the deck was last answered in any mode, or None.
    """

    deck: Deck
    by_kind: Mapping[str, KindCounts]
    queued: int
    last_answered: datetime | None

    @property
    def due(self) -> int:
        """Items of every kind due now."""
        return sum(c.due for c in self.by_kind.values())

    @property
    def new(self) -> int:
        """Items of every kind never scheduled."""
        return sum(c.new for c in self.by_kind.values())


def deck_status(deck: Deck, store: ProgressStore, now: datetime) -> DeckStatus:
    """The deck's status now.

    Only items still in the deck count: history of removed items stays in the file unseen.
    """
    kinds = deck.item_kinds()
    due = dict.fromkeys(KINDS, 0)
    for item_id, _ in store.due_items(deck.id, now):
        if (kind := kinds.get(item_id)) is not None:
            due[kind] += 1
    scheduled = store.scheduled_items(deck.id)
    sizes = dict(zip(KINDS, (len(deck.cards), len(deck.questions), len(deck.prompts)), strict=True))
    new = dict.fromkeys(KINDS, 0)
    for item_id, kind in kinds.items():
        if item_id not in scheduled:
            new[kind] += 1
    # As review asks them: still in the deck, and still of the kind that was missed.
    queued = sum(1 for e in store.review_queue(deck.id) if kinds.get(e.item) == e.kind)
    by_kind = {kind: KindCounts(sizes[kind], due[kind], new[kind]) for kind in KINDS}
    return DeckStatus(deck, by_kind, queued, store.last_answered_at(deck.id))


def deck_statuses(decks: Sequence[Deck], store: ProgressStore, now: datetime) -> list[DeckStatus]:
    """`deck_status` of each deck, in order."""
    return [deck_status(deck, store, now) for deck in decks]


def kind_totals(statuses: Sequence[DeckStatus]) -> dict[str, KindCounts]:
    """Each kind's figures summed over `statuses` (the "All decks" row)."""
    totals = dict.fromkeys(KINDS, KindCounts())
    for status in statuses:
        for kind in KINDS:
            totals[kind] = totals[kind].plus(status.by_kind[kind])
    return totals

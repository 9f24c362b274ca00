"""Review mode: what you last missed, asked again until each is answered right.

The queue itself lives in the progress file (`ProgressStore.review_queue`): an item is in it while
its most recent graded answer, in any mode, was a miss; a right answer anywhere takes it out. This
module runs one review session over it (see `mixed`: each item in its own mode's screen, a missed
one again later in the same session).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vae_quiz.model import Deck
from vae_quiz.modes.mixed import DeckItem, MixedSession
from vae_quiz.progress.store import ProgressStore


def queued_items(decks: Sequence[Deck], store: ProgressStore) -> list[DeckItem]:
    """The review queue of these decks, oldest miss first; items no longer in a deck are left
    out (their history stays in the file)."""
    found = [
        (entry.missed_seq, DeckItem(deck, item))
        for deck in decks
        for entry in store.review_queue(deck.id)
        if (item := deck.item(entry.item)) is not None and item.kind == entry.kind
    ]
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


@dataclass
class ReviewSession(MixedSession):
    """One pass over the review queue, re-asking missed items until right or the learner stops."""

    mode: str = field(init=False, default="review")

    def initial_items(self) -> list[DeckItem]:
        level = self.options.level
        queued = queued_items(self.decks, self.store)
        return [entry for entry in queued if level is None or entry.item.level == level]

    def summary(self) -> ReviewSummary:
        return ReviewSummary(
            cleared=[a.entry for a in self.asked if a.right],
            answers=self.answers,
            total=self.total,
            still_queued=queued_items(self.decks, self.store),
            seconds=(self.now() - self.started_at).total_seconds(),
        )


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """The end of a review session."""

    cleared: list[DeckItem]
    answers: int
    total: int
    still_queued: list[DeckItem]
    seconds: float

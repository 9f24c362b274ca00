"""FSRS scheduling: the only module that imports `fsrs`, and only when an item is first rated
or previewed (not while the first screen is being shown).

Item states travel as JSON text (fsrs's own `Card.to_dict`), so the store never sees fsrs types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING

from vae_quiz.progress.store import Reschedule, Schedule
from vae_quiz.settings import DEFAULT_RETENTION

if TYPE_CHECKING:
    from fsrs import Card as FsrsCard
    from fsrs import Scheduler as FsrsScheduler


class Rating(IntEnum):
    """The four self-ratings of study mode, keyed 1 to 4."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Scheduler:
    """FSRS with the project's defaults.

    Args:
        desired_retention: the recall probability FSRS aims for (0.9 as Anki).
        enable_fuzzing: spread intervals a little, as Anki does; tests turn it off.
        deck_retention: decks' own desired retentions, by deck id (see `for_deck`).
    """

    def __init__(
        self,
        desired_retention: float = DEFAULT_RETENTION,
        *,
        enable_fuzzing: bool = True,
        deck_retention: Mapping[str, float] | None = None,
    ) -> None:
        self.desired_retention = desired_retention
        self.enable_fuzzing = enable_fuzzing
        self._deck_retention = dict(deck_retention or {})
        self._by_retention: dict[float, Scheduler] = {desired_retention: self}

    def for_deck(self, deck_id: str) -> Scheduler:
        """The scheduler for an answer to an item of deck `deck_id`: at the deck's own desired
        retention when it has one, else this one."""
        retention = self._deck_retention.get(deck_id, self.desired_retention)
        if retention not in self._by_retention:
            self._by_retention[retention] = Scheduler(retention, enable_fuzzing=self.enable_fuzzing)
        return self._by_retention[retention]

    @cached_property
    def _fsrs(self) -> FsrsScheduler:
        from fsrs import Scheduler as FsrsScheduler

        return FsrsScheduler(
            desired_retention=self.desired_retention, enable_fuzzing=self.enable_fuzzing
        )

    @staticmethod
    def _card(state_json: str | None) -> FsrsCard:
        from fsrs import Card as FsrsCard

        if state_json is None:
            # card_id given, so fsrs does not sleep 1 ms to make a unique one.
            return FsrsCard(card_id=0)
        try:
            return FsrsCard.from_dict(json.loads(state_json))
        except (ValueError, KeyError, TypeError, AttributeError):
            # A state that is not fsrs's JSON (edited by hand, another tool): start afresh
            # rather than fail every answer to the item; `doctor` reports the row.
            return FsrsCard(card_id=0)

    def review(self, state_json: str | None, rating: Rating, now: datetime) -> Reschedule:
        """Rate an item whose current state is `state_json` (None: a new item)."""
        from fsrs import Rating as FsrsRating
        from fsrs import State as FsrsState

        before = self._card(state_json)  # review_card works on a copy
        card, _ = self._fsrs.review_card(before, FsrsRating(int(rating)), now)
        was_review = state_json is not None and before.state == FsrsState.Review
        return Reschedule(
            rating=int(rating),
            state=json.dumps(card.to_dict()),
            due=card.due,
            lapses_added=int(was_review and rating == Rating.AGAIN),
        )

    def schedule(self, rating: Rating, now: datetime) -> Schedule:
        """What `rating` at `now` does to an item's schedule, for `ProgressStore.record`."""
        return lambda state_json: self.review(state_json, rating, now)

    def preview(self, state_json: str | None, now: datetime) -> dict[Rating, datetime]:
        """When the item would next be due for each rating, without changing anything."""
        from fsrs import Rating as FsrsRating

        card = self._card(state_json)
        out = {}
        for rating in Rating:
            new, _ = self._fsrs.review_card(card, FsrsRating(int(rating)), now)
            out[rating] = new.due
        return out

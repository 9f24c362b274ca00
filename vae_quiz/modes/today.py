"""Today: one session over everything due, every kind mixed, each item asked in its own mode's
way (see `mixed`): due items first, most overdue first, then new items up to the day's limit, the
kinds taking turns; a miss comes back later in the same session."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, zip_longest

from vae_quiz.model import Deck, Items
from vae_quiz.modes.mixed import DeckItem, MixedSession
from vae_quiz.modes.session import start_of_day

KINDS = ("card", "question", "prompt")


def _items_of(deck: Deck) -> tuple[Items, ...]:
    return (deck.cards, deck.questions, deck.prompts)


def _turns(of_kinds: list[list[DeckItem]]) -> list[DeckItem]:
    """The items of each kind, the kinds taking turns (a card, a question, a prompt, a card...)."""
    return [e for e in chain.from_iterable(zip_longest(*of_kinds)) if e is not None]


@dataclass
class TodaySession(MixedSession):
    """Everything due in some decks, then the day's new items; in cram, every item."""

    mode: str = field(init=False, default="today")

    def initial_items(self) -> list[DeckItem]:
        if self.is_cram:
            return self._every_item()
        now, level = self.started_at, self.options.level
        due: list[tuple[datetime, int, DeckItem]] = []
        new: list[list[DeckItem]] = [[] for _ in KINDS]
        for deck in self.decks:
            for item_id, due_at in self.store.due_items(deck.id, now):  # as home counts them
                item = deck.item(item_id)
                if item is not None and (level is None or item.level == level):
                    due.append((due_at, len(due), DeckItem(deck, item)))
            # Each deck brings its own day's new items, the kinds taking turns.
            new_today = self.store.count_new_since(start_of_day(now), now, kind=None, deck=deck.id)
            new_left = max(0, self.options.new_limit(deck.id) - new_today)
            scheduled = self.store.scheduled_items(deck.id)
            fresh: list[list[DeckItem]] = [[] for _ in KINDS]
            for of_kind, items in zip(fresh, _items_of(deck), strict=True):
                # Only as many new items of a kind as the day allows are built.
                for index, item_id in enumerate(items.ids):
                    if len(of_kind) >= new_left:
                        break
                    if item_id not in scheduled and level in (None, items.level_at(index)):
                        of_kind.append(DeckItem(deck, items[index]))
            for entry in _turns(fresh)[:new_left]:
                new[KINDS.index(entry.item.kind)].append(entry)
        return [entry for _, _, entry in sorted(due, key=lambda d: d[:2])] + _turns(new)

    def _every_item(self) -> list[DeckItem]:
        """Cram: every item of every kind whatever its due date, shuffled (reproducibly with a
        seed); only those the limit keeps are built."""
        level = self.options.level
        picked = [
            (deck, items, index)
            for deck in self.decks
            for items in _items_of(deck)
            for index in range(len(items))
            if level in (None, items.level_at(index))
        ]
        random.Random(self.options.seed).shuffle(picked)
        return [DeckItem(deck, items[index]) for deck, items, index in picked[: self.options.cap()]]

    def summary(self) -> TodaySummary:
        def count(asked: list) -> Counter[str]:
            return Counter(a.entry.item.kind for a in asked)

        seen = Counter(kind for kind, _ in {(a.entry.item.kind, a.entry.key) for a in self.asked})
        answers, right = count(self.asked), count([a for a in self.asked if a.right])
        upcoming = [due for deck in self.decks if (due := self.store.next_due_item(deck.id))]
        last = {a.entry.key: a.right for a in self.asked}
        return TodaySummary(
            tallies={kind: KindTally(seen[kind], answers[kind], right[kind]) for kind in KINDS},
            left=len({entry.key for entry in self.pending}),
            missed=sum(1 for right in last.values() if not right),
            next_due=min(upcoming, default=None, key=lambda due: due[1]),
            seconds=(self.now() - self.started_at).total_seconds(),
        )


@dataclass(frozen=True, slots=True)
class KindTally:
    """What a today session did with one kind of item: how many items, answers and right ones."""

    items: int
    answers: int
    right: int


@dataclass(frozen=True, slots=True)
class TodaySummary:
    """The end of a today session: each kind's tally, what is left, and the next item due
    (its kind and when)."""

    tallies: dict[str, KindTally]
    left: int
    missed: int  # items whose last answer in this session was a miss
    next_due: tuple[str, datetime] | None
    seconds: float

    @property
    def answers(self) -> int:
        return sum(t.answers for t in self.tallies.values())

"""Study mode (and cram): recall cards with FSRS, due cards first, then new ones; undo."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from vae_quiz.model import Card, Deck
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import (
    LEARN_AHEAD,
    Progress,
    Session,
    pick,
    progress_of,
    rating_result,
    start_of_day,
)
from vae_quiz.progress.store import Answer


@dataclass(frozen=True, slots=True)
class StudyItem:
    """A card in a study queue, with its deck."""

    deck: Deck
    card: Card
    is_new: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck.id, self.card.id)


@dataclass(slots=True)
class _Done:
    """One rating given in this session, enough to undo it."""

    item: StudyItem
    rating: Rating
    answer_id: str
    requeued: bool


@dataclass
class StudySession(Session):
    """A study session over the recall cards of some decks.

    Due cards come first (most overdue first), then new cards up to the daily limit; `limit`
    caps the number of distinct cards. A card rated into a short learning step comes back later
    in the same session.
    """

    mode: str = "study"
    only: Collection[tuple[str, str]] | None = None
    counter: Callable[[], Progress] | None = None

    queue: list[StudyItem] = field(init=False, default_factory=list)
    done: list[_Done] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.queue = self._build_queue()

    def _build_queue(self) -> list[StudyItem]:
        level = self.options.level
        if self.only is not None:
            # Today and review ask exactly the given cards.
            picked = islice(pick(self.decks, "cards", level, self.only), self.options.cap())
            return [StudyItem(deck, deck.cards[index], is_new=False) for deck, index in picked]
        if self.is_cram:
            # Every card whatever its due date, shuffled (reproducibly with a seed) so that a
            # limit practises a different part of a big deck each time; only those kept are built.
            pool = list(pick(self.decks, "cards", level, None))
            random.Random(self.options.seed).shuffle(pool)
            kept = pool[: self.options.cap()]
            return [StudyItem(deck, deck.cards[index], is_new=False) for deck, index in kept]
        now = self.started_at
        due: list[tuple[datetime, int, StudyItem]] = []
        new: list[StudyItem] = []
        order = 0
        for deck in self.decks:
            cards = deck.cards
            # Due now, as home and `decks` count them; learning steps that fall due within
            # LEARN_AHEAD come back during the session (see rate).
            for item_id, due_at in self.store.due_items(deck.id, now):
                at = cards.position(item_id)
                if at is not None and (level is None or cards.level_at(at) == level):
                    order += 1
                    due.append((due_at, order, StudyItem(deck, cards[at], is_new=False)))
            # Each deck brings its own day's new cards.
            seen_today = self.store.count_new_since(start_of_day(now), now, deck=deck.id)
            new_left = self.options.new_limit(deck.id) - seen_today
            if new_left <= 0:
                continue
            # Only as many new cards as today allows are built into queue items: a deck of
            # 100k items costs a set of ids and a scan, not 100k objects.
            scheduled = self.store.scheduled_items(deck.id)
            for index, card_id in enumerate(cards.ids):
                if card_id not in scheduled and (level is None or cards.level_at(index) == level):
                    new.append(StudyItem(deck, cards[index], is_new=True))
                    new_left -= 1
                    if new_left == 0:
                        break
        due.sort(key=lambda entry: (entry[0], entry[1]))
        return ([item for _, _, item in due] + new)[: self.options.cap()]

    # -- the current card ---------------------------------------------------------------------

    @property
    def current(self) -> StudyItem | None:
        return self.queue[0] if self.queue else None

    @property
    def position(self) -> Progress:
        """Where the session is, counting shows: a card that comes back (after Again, or for a
        learning step) grows the total and the again count."""
        if self.counter is not None:
            return self.counter()
        return progress_of([d.item.key for d in self.done], [i.key for i in self.queue])

    def previews(self) -> dict[Rating, timedelta]:
        """For the current card, how long until it is due again after each rating."""
        item = self.current
        if item is None:
            return {}
        now = self.now()
        if self.is_cram:
            return {}  # the rating will not move the schedule
        state = self.store.item_state(item.deck.id, item.card.id)
        scheduler = self.scheduler.for_deck(item.deck.id)
        return {
            rating: due - now
            for rating, due in scheduler.preview(state.state if state else None, now).items()
        }

    # -- answering ----------------------------------------------------------------------------

    def rate(self, rating: Rating) -> datetime | None:
        """Rate the current card; committed to the store before this returns.

        Every mode but cram moves the card's schedule. Returns when the card is next due, or
        None when its schedule did not move.
        """
        item = self.current
        if item is None:
            raise RuntimeError("no card to rate")
        now = self.now()
        recorded = self.store.record(
            Answer(
                deck=item.deck.id,
                item=item.card.id,
                kind="card",
                mode=self.mode,
                outcome=rating.name.lower(),
                answered_at=now,
                result=rating_result(rating),
            ),
            None if self.is_cram else self.scheduler.for_deck(item.deck.id).schedule(rating, now),
        )
        self.queue.pop(0)
        if self.mode == "study":
            requeued = recorded.due is not None and recorded.due <= now + LEARN_AHEAD
        else:
            # Cram shows a missed card again at the end; today and review (also when they
            # cram: they ask one card at a time, `only`) leave that to their own queues.
            requeued = self.is_cram and rating is Rating.AGAIN and self.only is None
        if requeued:
            self.queue.append(StudyItem(item.deck, item.card, is_new=False))
        self.done.append(_Done(item, rating, recorded.id, requeued))
        return recorded.due

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    def undo(self) -> StudyItem | None:
        """Take back the last rating: the store forgets it and the card is current again."""
        if not self.done:
            return None
        last = self.done[-1]
        if not self.store.undo(last.answer_id):
            return None
        self.done.pop()
        if last.requeued:
            # The requeued copy is the last entry for this card.
            keys = [item.key for item in self.queue]
            del self.queue[len(keys) - 1 - keys[::-1].index(last.item.key)]
        self.queue.insert(0, last.item)
        return last.item

    # -- the end ------------------------------------------------------------------------------

    def summary(self) -> StudySummary:
        """What this session did, and when the next card of these decks is due."""
        counts = Counter(d.rating for d in self.done)
        dues = (self.store.next_due(deck.id) for deck in self.decks)
        return StudySummary(
            cards_seen=len({d.item.key for d in self.done}),
            answers=len(self.done),
            ratings={rating: counts.get(rating, 0) for rating in Rating},
            next_due=min((due for due in dues if due is not None), default=None),
            left=len({i.key for i in self.queue}),
            seconds=(self.now() - self.started_at).total_seconds(),
        )


@dataclass(frozen=True, slots=True)
class StudySummary:
    """The end of a study session."""

    cards_seen: int
    answers: int
    ratings: dict[Rating, int]
    next_due: datetime | None
    left: int
    seconds: float = 0.0  # the time the session took

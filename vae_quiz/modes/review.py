"""Review mode: the items missed in any mode, asked again until each is answered right.

The queue itself lives in the progress file (`ProgressStore.review_queue`): an item enters it
with a miss in any mode and leaves it only with a right answer given in review mode. This module
runs one review session over it: each item is asked through its own mode's session (a card as in
study, a question as in test, a prompt as in concepts) with mode "review", and a missed item comes
back later in the same session.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from vae_quiz.model import Deck, Item
from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.mode import MODES, Mode
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import Session, SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession
from vae_quiz.progress.store import ProgressStore

ItemSession = StudySession | TestSession | ConceptSession


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A queued item that is still in its deck."""

    deck: Deck
    item: Item

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck.id, self.item.id)


def queued_items(decks: Sequence[Deck], store: ProgressStore) -> list[ReviewItem]:
    """The review queue of these decks, oldest miss first; items no longer in a deck are left
    out (their history stays in the file)."""
    found = [
        (entry.missed_seq, ReviewItem(deck, item))
        for deck in decks
        for entry in store.review_queue(deck.id)
        if (item := deck.item(entry.item)) is not None and item.kind == entry.kind
    ]
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


@dataclass
class ReviewSession(Session):
    """One pass over the review queue, re-asking missed items until right or the learner stops."""

    pending: deque[ReviewItem] = field(init=False, default_factory=deque)
    cleared: list[ReviewItem] = field(init=False, default_factory=list)
    answers: int = field(init=False, default=0)
    attempted: set[tuple[str, str]] = field(init=False, default_factory=set)
    total: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        super().__post_init__()
        level = self.options.level
        queued = queued_items(self.decks, self.store)
        items = [entry for entry in queued if level is None or entry.item.level == level]
        self.pending = deque(items[: self.options.limit])
        self.total = len(self.pending)

    @property
    def current(self) -> ReviewItem | None:
        return self.pending[0] if self.pending else None

    def position(self) -> tuple[int, int]:
        """(distinct items asked so far, this one included; distinct items in this session)."""
        current = {self.current.key} if self.current else set()
        return (max(1, len(self.attempted | current)) if self.total else 0, self.total)

    def open_current(self) -> ItemSession:
        """A one-item session (mode "review") that asks the current item in its own way."""
        entry = self.current
        if entry is None:
            raise RuntimeError("nothing left to review")
        open_session = MODES[Mode.asking(entry.item.kind)].session
        assert open_session is not None  # every kind's mode has a session
        return open_session(
            [entry.deck], self.store, self.scheduler, self.now,
            SessionOptions(seed=self.options.seed), mode="review", only={entry.key},
            counter=self.position,
        )  # fmt: skip

    def close_current(self, session: ItemSession) -> bool | None:
        """Take the one-item session's answer: right clears the item, anything else sends it to
        the back of this session's queue. Returns whether it was right, or None when the learner
        left without answering (the item stays current)."""
        right = answered_right(session)
        if right is None:
            return None
        entry = self.pending.popleft()
        self.answers += 1
        self.attempted.add(entry.key)
        if right:
            self.cleared.append(entry)
        else:
            self.pending.append(entry)
        return right

    def summary(self) -> ReviewSummary:
        still = queued_items(self.decks, self.store)
        return ReviewSummary(
            cleared=list(self.cleared),
            answers=self.answers,
            total=self.total,
            still_queued=still,
            seconds=(self.now() - self.started_at).total_seconds(),
        )


def answered_right(session: ItemSession) -> bool | None:
    """Whether a session's last answer counts as right in review (Good or Easy; the right
    choice; every concept), or None when it has no answer."""
    if isinstance(session, StudySession):
        return session.done[-1].rating in (Rating.GOOD, Rating.EASY) if session.done else None
    if isinstance(session, TestSession):
        return session.results[-1].is_correct if session.results else None
    return session.results[-1].is_complete if session.results else None


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """The end of a review session."""

    cleared: list[ReviewItem]
    answers: int
    total: int
    still_queued: list[ReviewItem]
    seconds: float

"""What the sessions over every item kind share (today and review): a queue of items, each asked
through its own mode's one-item session (a card as in study, a question as in test, a prompt as in
concepts) under the mixed session's mode name; a missed item goes to the back of the queue and
comes back later in the same session.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from vae_quiz.model import Deck, Item
from vae_quiz.modes.concepts import ConceptSession
from vae_quiz.modes.mode import MODES, Mode
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import Progress, Session, SessionOptions, progress_of
from vae_quiz.modes.study import StudySession
from vae_quiz.modes.test import TestSession

ItemSession = StudySession | TestSession | ConceptSession


@dataclass(frozen=True, slots=True)
class DeckItem:
    """An item of any kind, with its deck."""

    deck: Deck
    item: Item

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck.id, self.item.id)


@dataclass(frozen=True, slots=True)
class Asked:
    """One answer given in a mixed session: the item and whether it was right."""

    entry: DeckItem
    right: bool


@dataclass
class MixedSession(Session):
    """A queue of items of any kind asked one by one until each is answered right or the learner
    stops. Subclasses give the items (`initial_items`) and the mode's name (`mode`)."""

    mode: str = field(init=False, default="")
    pending: deque[DeckItem] = field(init=False, default_factory=deque)
    asked: list[Asked] = field(init=False, default_factory=list)
    total: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.pending = deque(self.initial_items()[: self.options.cap()])
        self.total = len(self.pending)

    def initial_items(self) -> list[DeckItem]:
        """The items this session asks, in order."""
        raise NotImplementedError

    @property
    def current(self) -> DeckItem | None:
        return self.pending[0] if self.pending else None

    @property
    def answers(self) -> int:
        return len(self.asked)

    @property
    def again(self) -> int:
        """How many answers were re-shows of an item already asked in this session."""
        return len(self.asked) - len({a.entry.key for a in self.asked})

    def position(self) -> Progress:
        """Where the session is, counting shows: a missed item that comes back grows the total
        and the again count."""
        return progress_of([a.entry.key for a in self.asked], [e.key for e in self.pending])

    def open_current(self) -> ItemSession:
        """A one-item session, under this session's mode name, that asks the current item in
        its own way."""
        entry = self.current
        if entry is None:
            raise RuntimeError("nothing left to ask")
        open_session = MODES[Mode.asking(entry.item.kind)].session
        assert open_session is not None  # every kind's mode has a session
        return open_session(
            [entry.deck], self.store, self.scheduler, self.now,
            SessionOptions(seed=self.options.seed), mode=self.mode, only={entry.key},
            counter=self.position,
        )  # fmt: skip

    def close_current(self, session: ItemSession) -> bool | None:
        """Take the one-item session's answer: right takes the item off the queue, a miss sends
        it to the back. Returns whether it was right, or None when the learner left without
        answering (the item stays current)."""
        right = answered_right(session)
        if right is None:
            return None
        entry = self.pending.popleft()
        self.asked.append(Asked(entry, right))
        if not right:
            self.pending.append(entry)
        return right


def answered_right(session: ItemSession) -> bool | None:
    """Whether a session's last answer was right (Good or Easy; the right choice; every
    concept), or None when it has no answer."""
    if isinstance(session, StudySession):
        return session.done[-1].rating in (Rating.GOOD, Rating.EASY) if session.done else None
    if isinstance(session, TestSession):
        return session.results[-1].is_correct if session.results else None
    return session.results[-1].is_complete if session.results else None

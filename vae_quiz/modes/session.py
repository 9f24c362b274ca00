"""What every mode's session shares: the clock, the learner's options, asking a list once,
and how an answer moves the review queue and the day's schedule."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, NamedTuple, TypeVar

from vae_quiz import clock
from vae_quiz.model import Deck, Level
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.progress.store import MISSED, RIGHT, ProgressStore
from vae_quiz.settings import DEFAULT_NEW_PER_DAY

Clock = Callable[[], datetime]

# The mode name of a session that practises without moving a due date (`--cram`).
CRAM = "cram"

# Cards in learning that fall due within this window come back in the same session (as Anki's
# "learn ahead limit").
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """What the learner asked for on the command line (and, for the daily new-item limits, in
    the settings file): `new_per_day` is each deck's limit unless `new_per_deck` gives it its
    own; `limit` None is the mode's own default (see `cap`), 0 is no limit. `cram`: practise
    without moving a due date (every mode's session then runs under the mode name `CRAM`)."""

    level: Level | None = None
    limit: int | None = None
    new_per_day: int = DEFAULT_NEW_PER_DAY
    seed: int | None = None
    due_only: bool = False
    cram: bool = False
    new_per_deck: Mapping[str, int] = field(default_factory=dict)

    def cap(self, default: int | None = None) -> int | None:
        """How many items a session may ask: `limit`, else the mode's `default`; None (as a
        limit of 0: `--limit 0`) means all of them."""
        limit = default if self.limit is None else self.limit
        return limit or None

    def new_limit(self, deck_id: str) -> int:
        """How many new items deck `deck_id` may bring in a day."""
        return self.new_per_deck.get(deck_id, self.new_per_day)


@dataclass
class Session:
    """What every mode's session is given (the decks, the store, the scheduler, the clock and the
    learner's options), and when it started. Every subclass has a `mode` (its name in the
    log); `options.cram` makes it `CRAM`."""

    decks: Sequence[Deck]
    store: ProgressStore
    scheduler: Scheduler
    now: Clock
    options: SessionOptions = field(default_factory=SessionOptions)
    started_at: datetime = field(init=False)
    mode: str = field(init=False, default="")  # each mode's session gives its own

    def __post_init__(self) -> None:
        self.started_at = self.now()
        if self.options.cram:
            self.mode = CRAM

    @property
    def is_cram(self) -> bool:
        """Whether this session practises without moving a due date."""
        return self.mode == CRAM


class Progress(NamedTuple):
    """Where a session is: the number of the current show (this one included), all shows so far
    and still queued, and how many of those are of an item already shown in the session. A miss
    that comes back grows the total, so the count never stalls."""

    number: int
    total: int
    again: int = 0


def progress_of(done: Sequence[tuple[str, str]], queued: Sequence[tuple[str, str]]) -> Progress:
    """The `Progress` of a session that showed the items keyed `done` (in order, a key once per
    show) and will show those keyed `queued`."""
    total = len(done) + len(queued)
    distinct = len(set(done) | set(queued))
    return Progress(len(done) + 1 if queued else len(done), total, total - distinct)


def pick(
    decks: Iterable[Deck], kind: str, level: Level | None, only: Collection[tuple[str, str]] | None
) -> Iterator[tuple[Deck, int]]:
    """(deck, index) of each item of `kind` ("cards", "questions", "prompts") at `level` (None:
    any) whose (deck id, item id) is in `only` (None: any), in the decks' order. Items are picked
    by id and level without being built: a big deck builds only those its caller keeps."""
    for deck in decks:
        items = getattr(deck, kind)
        for index, item_id in enumerate(items.ids):
            if (only is None or (deck.id, item_id) in only) and (
                level is None or items.level_at(index) == level
            ):
                yield deck, index


AskedT = TypeVar("AskedT")


class AskOnce(Session, Generic[AskedT]):
    """What a run that asks a fixed list once shares (test and concepts): the current item, its
    1-based number and the total. Subclasses are dataclasses with `asked` (the items in order),
    `results` (one per answer) and `counter` (an override of the `Progress`, used by today and
    review)."""

    asked: list[AskedT]
    results: Sequence[object]
    counter: Callable[[], Progress] | None

    @property
    def total(self) -> int:
        if self.counter is not None:
            return self.counter()[1]
        return len(self.asked)

    @property
    def current(self) -> AskedT | None:
        """The item to answer now, or None when all are answered."""
        index = len(self.results)
        return self.asked[index] if index < len(self.asked) else None

    @property
    def number(self) -> int:
        """1-based number of the current item (or of the last one when finished)."""
        if self.counter is not None:
            return self.counter()[0]
        return min(len(self.results) + 1, self.total)

    @property
    def again(self) -> int:
        """Shows of an item already shown in this session (only today and review re-ask)."""
        return self.counter().again if self.counter is not None else 0


def rating_result(rating: Rating) -> str | None:
    """A study rating's effect on the review queue: Again misses, Good and Easy are right."""
    if rating is Rating.AGAIN:
        return MISSED
    return RIGHT if rating in (Rating.GOOD, Rating.EASY) else None


def start_of_day(now: datetime) -> datetime:
    """Local midnight of `now`'s day, as a UTC-aware time (the daily new-card limit resets)."""
    return clock.start_of_day(now)

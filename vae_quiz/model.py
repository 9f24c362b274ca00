"""The deck model: a deck and its three kinds of item.

Items are NamedTuples: immutable records, cheaper than frozen dataclasses to define at start-up
(about 1 ms each) and to build (a 100k-item deck builds 100k of them on its first load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar, overload

# A question has this many choices at least and at most (the test screen numbers 1..8, a..h).
MIN_CHOICES, MAX_CHOICES = 2, 8
# A deck file larger than this is refused before it is read.
MAX_DECK_BYTES = 128 * 1024 * 1024


class Level(StrEnum):
    """How advanced an item is; used by `--level` filters."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class TextFormat(StrEnum):
    """How a deck's texts are written: `text` is shown literally; `markdown` is CommonMark with
    `$...$` and `$$...$$` maths."""

    TEXT = "text"
    MARKDOWN = "markdown"


class Card(NamedTuple):
    """A recall card: the learner sees the front, recalls, then reveals the back."""

    id: str
    front: str
    back: str
    level: Level | None = None
    line: int = 0

    @property
    def kind(self) -> str:
        return "card"


class Question(NamedTuple):
    """A multiple-choice question.

    `answer` holds the right choices' texts; `is_multi` is true for a
    "select all that apply" question (the deck gave a list).
    """

    id: str
    question: str
    choices: tuple[str, ...]
    answer: tuple[str, ...]
    is_multi: bool = False
    explanation: str | None = None
    shuffle: bool = True
    level: Level | None = None
    line: int = 0

    @property
    def kind(self) -> str:
        return "question"

    def is_right(self, picked: frozenset[str] | set[str]) -> bool:
        """True when the picked choice texts are exactly the right ones."""
        return set(picked) == set(self.answer)


# One concept's keywords: each keyword is its alternatives (`mean and variance | mu and sigma`
# in the deck), each a word or phrase.
Keywords = tuple[tuple[str, ...], ...]


class Prompt(NamedTuple):
    """An open prompt, self-graded by ticking the concepts the answer covered.

    `keywords` is empty when no concept has keywords, else one `Keywords` per concept (empty
    for a concept without): the concept matcher looks for them in a written answer.
    """

    id: str
    prompt: str
    concepts: tuple[str, ...]
    hint: str | None = None
    model_answer: str | None = None
    keywords: tuple[Keywords, ...] = ()
    level: Level | None = None
    line: int = 0

    def keywords_of(self, index: int) -> Keywords:
        """The keywords of the concept at `index` (empty: none given)."""
        return self.keywords[index] if index < len(self.keywords) else ()

    @property
    def kind(self) -> str:
        return "prompt"


Item = Card | Question | Prompt


def item_text(item: Item) -> str:
    """The text that asks an item: a card's front, a question, a prompt."""
    if isinstance(item, Card):
        return item.front
    if isinstance(item, Question):
        return item.question
    return item.prompt


ItemT = TypeVar("ItemT", Card, Question, Prompt)

# A level as one byte, so a deck's levels cost one bytes object, not an object per item.
LEVEL_CODES: dict[Level | None, int] = {None: 0, **{lv: n for n, lv in enumerate(Level, 1)}}
_LEVEL_OF_CODE: tuple[Level | None, ...] = (None, *Level)

# An item's record: its fields as plain values, in order, but the level (which `Items` keeps
# apart, one byte per item); every kind has the level second to last and the line last. The
# loader makes records and the cache keeps them; an item is built from its record when asked for.
Record = tuple[Any, ...]


def record_of(item: Item) -> Record:
    """The item's record (see `Record`)."""
    return (*item[:-2], item[-1])


def item_of(kind: Callable[..., ItemT], record: Record, level: Level | None) -> ItemT:
    """The item of this kind (Card, Question or Prompt) a record holds."""
    *fields, line = record
    return kind(*fields, level, line)


class Items(Sequence[ItemT], Generic[ItemT]):
    """A deck's items of one kind, in the deck's order.

    Their ids and levels are known up front; an item itself may be built only when first asked
    for (a deck from the cache builds the few items a session shows, not all 100k of a big
    deck). Compares equal to any sequence of the same items.
    """

    __slots__ = ("_build", "_built", "_levels", "_positions", "_records", "ids")

    def __init__(
        self,
        ids: Sequence[str],
        levels: bytes,
        build: Callable[[int], ItemT],
        built: Iterable[ItemT | None] | None = None,
    ) -> None:
        self.ids = ids
        self._levels = levels
        self._build: Callable[[int], ItemT] = build
        self._built: list[ItemT | None] = list(built) if built is not None else [None] * len(ids)
        self._positions: dict[str, int] | None = None
        self._records: Sequence[Record] | None = None

    @classmethod
    def of(cls, items: Iterable[ItemT]) -> Items[ItemT]:
        """Items already built."""
        if isinstance(items, Items):
            return items
        built = list(items)
        levels = bytes(LEVEL_CODES[item.level] for item in built)
        return cls([item.id for item in built], levels, built.__getitem__, built)

    @classmethod
    def from_records(
        cls, kind: Callable[..., ItemT], ids: Sequence[str], levels: bytes,
        records: Sequence[Record],
    ) -> Items[ItemT]:  # fmt: skip
        """Items kept as records (as the loader makes them), each built when first asked for."""
        level_of = _LEVEL_OF_CODE

        def build(index: int) -> ItemT:
            return item_of(kind, records[index], level_of[levels[index]])

        items = cls(ids, levels, build)
        items._records = records
        return items

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ItemT: ...
    @overload
    def __getitem__(self, index: slice) -> list[ItemT]: ...
    def __getitem__(self, index: int | slice) -> ItemT | list[ItemT]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.ids)
        item = self._built[index]
        if item is None:
            item = self._built[index] = self._build(index)
        return item

    def __iter__(self) -> Iterator[ItemT]:
        return map(self.__getitem__, range(len(self.ids)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self.ids))

    def __repr__(self) -> str:
        return f"Items({len(self)} items)"

    @property
    def built_count(self) -> int:
        """How many of the items have been built so far."""
        return len(self._built) - self._built.count(None)

    @property
    def levels(self) -> bytes:
        """Every item's level code (`LEVEL_CODES`), one byte each, in order."""
        return self._levels

    def records(self) -> Sequence[Record]:
        """Every item's record (see `Record`), in order; building none when the items were made
        from records."""
        if self._records is None:
            return [record_of(item) for item in self]
        return self._records

    def level_at(self, index: int) -> Level | None:
        """The level of the item at `index`, without building the item."""
        return _LEVEL_OF_CODE[self._levels[index]]

    def position(self, item_id: str) -> int | None:
        """Where the item with this id is, or None."""
        if self._positions is None:
            self._positions = {item_id: n for n, item_id in enumerate(self.ids)}
        return self._positions.get(item_id)

    def get(self, item_id: str) -> ItemT | None:
        """The item with this id, or None."""
        index = self.position(item_id)
        return None if index is None else self[index]


@dataclass(frozen=True, slots=True, init=False)
class Deck:
    """A loaded, valid deck. Its item kinds may be given as any iterables; they are kept as
    `Items`."""

    id: str
    title: str
    path: str
    description: str | None
    cards: Items[Card]
    questions: Items[Question]
    prompts: Items[Prompt]
    format: TextFormat

    def __init__(self, id: str, title: str, path: str, description: str | None = None,
                 cards: Iterable[Card] = (), questions: Iterable[Question] = (),
                 prompts: Iterable[Prompt] = (),
                 format: TextFormat = TextFormat.TEXT) -> None:  # fmt: skip
        values = (id, title, path, description, Items.of(cards), Items.of(questions),
                  Items.of(prompts), TextFormat(format))  # fmt: skip
        for field, value in zip(fields(Deck), values, strict=True):
            object.__setattr__(self, field.name, value)

    @property
    def is_markdown(self) -> bool:
        return self.format is TextFormat.MARKDOWN

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the deck: cards, then questions, then prompts (builds them all)."""
        return (*self.cards, *self.questions, *self.prompts)

    @property
    def item_count(self) -> int:
        return len(self.cards) + len(self.questions) + len(self.prompts)

    def item_kinds(self) -> dict[str, str]:
        """Each item's id and kind ("card", "question", "prompt"), without building items."""
        kinds = dict.fromkeys(self.cards.ids, "card")
        kinds.update(dict.fromkeys(self.questions.ids, "question"))
        kinds.update(dict.fromkeys(self.prompts.ids, "prompt"))
        return kinds

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        for kind in (self.cards, self.questions, self.prompts):
            if (found := kind.get(item_id)) is not None:
                return found
        return None

"""The deck model: frozen dataclasses for decks and their three kinds of item."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# A question has this many choices at least and at most (the test screen numbers 1..8, a..h).
MIN_CHOICES, MAX_CHOICES = 2, 8
# A deck file larger than this is refused before it is read.
MAX_DECK_BYTES = 128 * 1024 * 1024


class Level(StrEnum):
    """How advanced an item is; used by `--level` filters."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


@dataclass(frozen=True, slots=True)
class Card:
    """A recall card: the learner sees the front, recalls, then reveals the back."""

    id: str
    front: str
    back: str
    level: Level | None = None
    line: int = 0

    kind = "card"


@dataclass(frozen=True, slots=True)
class Question:
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

    kind = "question"

    def is_right(self, picked: frozenset[str] | set[str]) -> bool:
        """True when the picked choice texts are exactly the right ones."""
        return set(picked) == set(self.answer)


@dataclass(frozen=True, slots=True)
class Prompt:
    """An open prompt, self-graded by ticking the concepts the answer covered."""

    id: str
    prompt: str
    concepts: tuple[str, ...]
    hint: str | None = None
    model_answer: str | None = None
    level: Level | None = None
    line: int = 0

    kind = "prompt"


Item = Card | Question | Prompt


@dataclass(frozen=True, slots=True)
class Deck:
    """A loaded, valid deck."""

    id: str
    title: str
    path: str
    description: str | None = None
    cards: tuple[Card, ...] = ()
    questions: tuple[Question, ...] = ()
    prompts: tuple[Prompt, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the deck: cards, then questions, then prompts."""
        return (*self.cards, *self.questions, *self.prompts)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        for item in self.items:
            if item.id == item_id:
                return item
        return None


# The item kind each single-kind mode asks: (Deck attribute, what to call them in messages).
MODE_ITEMS = {
    "study": ("cards", "recall cards"),
    "cram": ("cards", "recall cards"),
    "test": ("questions", "multiple-choice questions"),
    "concepts": ("prompts", "open prompts"),
}

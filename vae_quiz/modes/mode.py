"""The modes as data: each mode's name, the item kinds it asks and its session factory (the UI
half of this table, each mode's screens, is `vae_quiz.ui.modes.SCREENS`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from vae_quiz.model import Card, Deck, Prompt, Question

if TYPE_CHECKING:
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.modes.session import Clock, SessionOptions
    from vae_quiz.progress.store import ProgressStore


class Mode(StrEnum):
    """Every mode the app opens, in the command palette's order; the value is the command's and
    the export's name for it."""

    STUDY = "study"
    TEST = "test"
    CONCEPTS = "concepts"
    REVIEW = "review"
    CRAM = "cram"
    STATS = "stats"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The Deck attributes holding the items this mode asks (every kind: review, stats)."""
        return MODES[self].kinds

    @property
    def asks_one_kind(self) -> bool:
        return len(self.kinds) == 1

    @property
    def what(self) -> str:
        """What this mode's items are called in messages ("recall cards")."""
        return MODES[self].what

    def decks_with_items(self, decks: list[Deck] | tuple[Deck, ...]) -> list[Deck]:
        """The decks that hold something this mode asks."""
        return [deck for deck in decks if any(getattr(deck, kind) for kind in self.kinds)]

    @classmethod
    def asking(cls, kind: str) -> Mode:
        """The mode that asks an item of `kind` ("card", "question", "prompt") its own way."""
        return {Card.kind: cls.STUDY, Question.kind: cls.TEST, Prompt.kind: cls.CONCEPTS}[kind]


class SessionFactory(Protocol):
    """Makes a mode's session; review passes `fields` (mode, only, counter) to ask one item."""

    def __call__(self, decks: Sequence[Deck], store: ProgressStore, scheduler: Scheduler,
                 now: Clock, options: SessionOptions, **fields: Any) -> Any: ...  # fmt: skip


def _lazy(module: str, name: str, **fixed: Any) -> SessionFactory:
    """The factory of session class `name` in vae_quiz.modes.<module>, imported at its first
    call (start-up pays only for the mode it opens); `fixed`: fields this mode always sets."""

    def open_session(decks: Sequence[Deck], store: ProgressStore, scheduler: Scheduler,
                     now: Clock, options: SessionOptions, **fields: Any) -> Any:  # fmt: skip
        session = getattr(import_module(f"vae_quiz.modes.{module}"), name)
        return session(decks, store, scheduler, now, options, **fixed, **fields)

    return open_session


@dataclass(frozen=True, slots=True)
class ModeSpec:
    """A mode's domain half: the Deck attributes holding what it asks, what those are called,
    and its session factory (None: stats has no session)."""

    kinds: tuple[str, ...]
    what: str
    session: SessionFactory | None


_EVERY_KIND = ("cards", "questions", "prompts")
MODES: dict[Mode, ModeSpec] = {
    Mode.STUDY: ModeSpec(("cards",), "recall cards", _lazy("study", "StudySession")),
    Mode.TEST: ModeSpec(("questions",), "multiple-choice questions", _lazy("test", "TestSession")),
    Mode.CONCEPTS: ModeSpec(("prompts",), "open prompts", _lazy("concepts", "ConceptSession")),
    Mode.REVIEW: ModeSpec(_EVERY_KIND, "items", _lazy("review", "ReviewSession")),
    # Cram is study that never moves a due date.
    Mode.CRAM: ModeSpec(("cards",), "recall cards", _lazy("study", "StudySession", mode="cram")),
    Mode.STATS: ModeSpec(_EVERY_KIND, "items", None),
}

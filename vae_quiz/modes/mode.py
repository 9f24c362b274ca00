"""The modes as data: each mode's name, the item kinds it asks and its session factory (the UI
half of this table, each mode's screens, is `vae_quiz.ui.modes`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import Any

from vae_quiz.model import Deck


class Mode(StrEnum):
    """Every mode the app opens, in the command palette's order; the value is the command's and
    the export's name for it."""

    TODAY = "today"
    STUDY = "study"
    TEST = "test"
    CONCEPTS = "concepts"
    REVIEW = "review"
    CRAM = "cram"
    STATS = "stats"

    @property
    def asks_one_kind(self) -> bool:
        return len(MODES[self].kinds) == 1

    @property
    def what(self) -> str:
        """What this mode's items are called in messages ("recall cards")."""
        return MODES[self].what

    def decks_with_items(self, decks: list[Deck] | tuple[Deck, ...]) -> list[Deck]:
        """The decks that hold something this mode asks."""
        return [deck for deck in decks if any(getattr(deck, k) for k in MODES[self].kinds)]

    @property
    def idle(self) -> str:
        """What to tell the learner when this mode has nothing to ask now."""
        return MODES[self].idle

    @classmethod
    def asking(cls, kind: str) -> Mode:
        """The mode that asks an item of `kind` ("card", "question", "prompt") its own way."""
        return {"card": cls.STUDY, "question": cls.TEST, "prompt": cls.CONCEPTS}[kind]


# A mode's session factory: (decks, store, scheduler, now, options, **fields) -> its session.
# Review passes `fields` (mode, only, counter) to ask one item its own way.
SessionFactory = Callable[..., Any]


def _lazy(module: str, name: str, **fixed: Any) -> SessionFactory:
    """The factory of session class `name` in vae_quiz.modes.<module>, imported at its first
    call (start-up pays only for the mode it opens); `fixed`: fields this mode always sets."""

    def open_session(*args: Any, **fields: Any) -> Any:
        return getattr(import_module(f"vae_quiz.modes.{module}"), name)(*args, **fixed, **fields)

    return open_session


@dataclass(frozen=True, slots=True)
class ModeSpec:
    """A mode's domain half: its session factory (None: stats has no session), the Deck
    attributes holding what it asks, what those are called in messages and what to say when
    it has nothing to ask."""

    session: SessionFactory | None
    kinds: tuple[str, ...] = ("cards", "questions", "prompts")
    what: str = "items"
    idle: str = "Nothing to ask."


MODES: dict[Mode, ModeSpec] = {
    Mode.TODAY: ModeSpec(
        _lazy("today", "TodaySession"), idle="Nothing due now and no new item left for today."
    ),
    Mode.STUDY: ModeSpec(
        _lazy("study", "StudySession"),
        ("cards",),
        "recall cards",
        "No card due now and no new card left for today.",
    ),
    Mode.TEST: ModeSpec(
        _lazy("test", "TestSession"),
        ("questions",),
        "multiple-choice questions",
        "No question to ask (with these options).",
    ),
    Mode.CONCEPTS: ModeSpec(
        _lazy("concepts", "ConceptSession"),
        ("prompts",),
        "open prompts",
        "No prompt to ask (with these options).",
    ),
    Mode.REVIEW: ModeSpec(
        _lazy("review", "ReviewSession"), idle="The review queue is empty: nothing to review."
    ),
    # Cram is study that never moves a due date.
    Mode.CRAM: ModeSpec(
        _lazy("study", "StudySession", mode="cram"),
        ("cards",),
        "recall cards",
        "No card to cram (with these options).",
    ),
    Mode.STATS: ModeSpec(None),
}

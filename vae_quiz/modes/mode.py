"""The modes as data: each mode's name and the item kinds it asks."""

from __future__ import annotations

from enum import StrEnum

from vae_quiz.model import Deck


class Mode(StrEnum):
    """Every mode the app opens; the value is the command's and the export's name for it."""

    STUDY = "study"
    CRAM = "cram"
    TEST = "test"
    CONCEPTS = "concepts"
    REVIEW = "review"
    STATS = "stats"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The Deck attributes holding the items this mode asks (every kind: review, stats)."""
        return _KINDS.get(self, ("cards", "questions", "prompts"))

    @property
    def asks_one_kind(self) -> bool:
        return self in _KINDS

    @property
    def what(self) -> str:
        """What this mode's items are called in messages ("recall cards")."""
        return _WHAT.get(self, "items")

    def decks_with_items(self, decks: list[Deck] | tuple[Deck, ...]) -> list[Deck]:
        """The decks that hold something this mode asks."""
        return [deck for deck in decks if any(getattr(deck, kind) for kind in self.kinds)]


_KINDS = {
    Mode.STUDY: ("cards",),
    Mode.CRAM: ("cards",),
    Mode.TEST: ("questions",),
    Mode.CONCEPTS: ("prompts",),
}
_WHAT = {
    Mode.STUDY: "recall cards",
    Mode.CRAM: "recall cards",
    Mode.TEST: "multiple-choice questions",
    Mode.CONCEPTS: "open prompts",
}

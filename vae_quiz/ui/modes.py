"""The UI half of the mode table (the domain half is `vae_quiz.modes.mode.MODES`): each mode's
screens, and the typed results they dismiss with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from vae_quiz.modes.mode import Mode

if TYPE_CHECKING:
    from textual.screen import Screen

    from vae_quiz.modes.session import Clock


class SessionEnd(Enum):
    """How a session screen closed: the learner left early (q), or its items ran out."""

    LEFT_EARLY = "left early"
    RAN_OUT = "ran out"


class SummaryChoice(Enum):
    """Where the learner goes from a session's summary."""

    HOME = "home"
    REVIEW = "review"
    QUIT = "quit"


@dataclass(frozen=True, slots=True)
class ModeScreens:
    """A mode's screens, made from its session and the clock: `ask` asks the session's items
    (None for review, which asks each item on its own kind's screen); `summary` sums it up."""

    ask: Callable[[Any, Clock], Screen[SessionEnd]] | None
    summary: Callable[[Any, Clock], Screen[SummaryChoice]]


def _screens(module: str) -> ModuleType:
    # Imported when a mode first opens: start-up pays only for the screen it shows first.
    return import_module(f"vae_quiz.ui.screens.{module}")


_CARDS = ModeScreens(
    lambda session, now: _screens("study").StudyScreen(session, now),
    lambda session, now: _screens("summary").StudySummaryScreen(
        session.summary(), now(), session.mode
    ),
)
SCREENS: dict[Mode, ModeScreens] = {
    Mode.STUDY: _CARDS,
    Mode.TEST: ModeScreens(
        lambda session, _: _screens("test").TestScreen(session),
        lambda session, _: _screens("summary").TestSummaryScreen(session.summary()),
    ),
    Mode.CONCEPTS: ModeScreens(
        lambda session, _: _screens("concepts").ConceptsScreen(session),
        lambda session, _: _screens("summary").ConceptSummaryScreen(session.summary()),
    ),
    Mode.REVIEW: ModeScreens(
        None, lambda session, _: _screens("summary").ReviewSummaryScreen(session.summary())
    ),
    Mode.CRAM: _CARDS,
}

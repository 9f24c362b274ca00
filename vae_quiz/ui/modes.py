"""The UI half of the mode table (the domain half is `vae_quiz.modes.mode.MODES`): each mode's
screen and summary screen, and the typed results they dismiss with."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from vae_quiz.modes.mode import Mode

if TYPE_CHECKING:
    from textual.screen import Screen

    from vae_quiz.modes.mixed import MixedSession
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


def _screens(module: str) -> ModuleType:
    # Imported when a mode first opens: start-up pays only for the screen it shows first.
    return import_module(f"vae_quiz.ui.screens.{module}")


# Each mode's screen, made from its session, the clock and the today or review session the item
# is part of (None: the mode's own session). Today and review have no screen of their own: they
# ask each item on the screen of the item kind's own mode (`Mode.asking`).
SCREENS: dict[Mode, Callable[[Any, Clock, MixedSession | None], Screen[SessionEnd]]] = {
    Mode.STUDY: lambda session, now, mixed: _screens("study").StudyScreen(session, now, mixed),
    Mode.TEST: lambda session, _, mixed: _screens("test").TestScreen(session, mixed),
    Mode.CONCEPTS: lambda session, _, mixed: _screens("concepts").ConceptsScreen(session, mixed),
    Mode.CRAM: lambda session, now, mixed: _screens("study").StudyScreen(session, now, mixed),
}
# Each mode's summary screen, made from its session and the clock.
SUMMARIES: dict[Mode, Callable[[Any, Clock], Screen[SummaryChoice]]] = {
    Mode.TODAY: lambda s, now: _screens("summary").TodaySummaryScreen(s.summary(), now()),
    Mode.STUDY: lambda s, now: _screens("summary").StudySummaryScreen(s.summary(), now(), s.mode),
    Mode.TEST: lambda s, _: _screens("summary").TestSummaryScreen(s.summary()),
    Mode.CONCEPTS: lambda s, _: _screens("summary").ConceptSummaryScreen(s.summary()),
    Mode.REVIEW: lambda s, _: _screens("summary").ReviewSummaryScreen(s.summary()),
    Mode.CRAM: lambda s, now: _screens("summary").StudySummaryScreen(s.summary(), now(), s.mode),
}

"""VaeQuizApp: holds the services and opens the first screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.app import App
from textual.binding import Binding

from vae_quiz.domain.concepts import ConceptSession
from vae_quiz.domain.model import Deck
from vae_quiz.domain.quiz import QuizSession
from vae_quiz.domain.scheduler import Scheduler
from vae_quiz.domain.session import Clock, SessionOptions, StudySession
from vae_quiz.domain.store import ProgressStore
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.screens.study import StudyScreen
from vae_quiz.ui.screens.summary import (
    ConceptSummaryScreen,
    QuizSummaryScreen,
    StudySummaryScreen,
)
from vae_quiz.ui.screens.test import TestScreen


@dataclass
class AppServices:
    """Everything the screens need, built once by the caller (the CLI or a test)."""

    store: ProgressStore
    decks: Sequence[Deck]
    now: Clock
    scheduler: Scheduler = field(default_factory=Scheduler)
    options: SessionOptions = field(default_factory=SessionOptions)


class VaeQuizApp(App[None]):
    """The vae-quiz application. `mode` is the screen it opens with."""

    CSS_PATH = "app.tcss"
    TITLE = "vae-quiz"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", priority=True, show=False)]

    def __init__(self, services: AppServices, mode: str = "study") -> None:
        super().__init__()
        self.services = services
        self.start_mode = mode

    def on_mount(self) -> None:
        if self.start_mode == "test":
            self.open_test()
        elif self.start_mode == "concepts":
            self.open_concepts()
        else:
            self.open_study()

    def open_test(self) -> None:
        """Start a multiple-choice test over the app's decks."""
        s = self.services
        session = QuizSession(s.decks, s.store, s.scheduler, s.now, s.options)
        self.push_screen(TestScreen(session), self._test_ended)

    def _test_ended(self, session: QuizSession | None) -> None:
        if session is None:
            self.exit()
            return
        self.push_screen(QuizSummaryScreen(session.summary()), lambda _: self.exit())

    def open_concepts(self) -> None:
        """Start a concepts session over the app's decks."""
        s = self.services
        session = ConceptSession(s.decks, s.store, s.scheduler, s.now, s.options)
        self.push_screen(ConceptsScreen(session), self._concepts_ended)

    def _concepts_ended(self, session: ConceptSession | None) -> None:
        if session is None:
            self.exit()
            return
        self.push_screen(ConceptSummaryScreen(session.summary()), lambda _: self.exit())

    def open_study(self) -> None:
        """Start a study session over the app's decks."""
        s = self.services
        session = StudySession(s.decks, s.store, s.scheduler, s.now, s.options)
        self.push_screen(StudyScreen(session, s.now), self._study_ended)

    def _study_ended(self, session: StudySession | None) -> None:
        if session is None:
            self.exit()
            return
        self.push_screen(
            StudySummaryScreen(session.summary(), self.services.now()), lambda _: self.exit()
        )

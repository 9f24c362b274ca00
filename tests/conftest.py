"""Shared fixtures: paths to test data and the bundled deck."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# Tests (and the commands they run) keep their deck cache out of the user's cache folder.
os.environ.setdefault("VAE_QUIZ_CACHE", tempfile.mkdtemp(prefix="vae-quiz-cache-"))

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def write_deck(tmp_path: Path):
    """Write YAML text to a deck file in a temp folder and return its path."""

    def write(text: str, name: str = "deck.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


class FixedClock:
    """A clock for tests: starts at a fixed UTC time and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(tmp_db: Path):
    from vae_quiz.progress.store import ProgressStore

    opened = ProgressStore(tmp_db)
    yield opened
    opened.close()


@pytest.fixture
def vae_deck():
    from vae_quiz.decks.loader import load_deck
    from vae_quiz.locations import bundled_deck_dir

    return load_deck(bundled_deck_dir() / "vae.yaml")


@pytest.fixture
def make_app(store, vae_deck, clock):
    """Build the app as the CLI does, with a temp progress file, the VAE deck and a fixed clock."""

    def make(mode: str = "study", **options):
        from vae_quiz.modes.scheduler import Scheduler
        from vae_quiz.modes.session import SessionOptions
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        decks = options.pop("decks", [vae_deck])
        services = AppServices(store=store, decks=decks, now=clock,
                               scheduler=Scheduler(enable_fuzzing=False),
                               options=SessionOptions(**options))  # fmt: skip
        return VaeQuizApp(services, mode=mode)

    return make


def screen_text(app, selector: str) -> str:
    """The plain text a Static on the active screen shows (or the Statics inside a container)."""
    from textual.widgets import OptionList, Static

    widget = app.screen.query_one(selector)
    if isinstance(widget, Static):
        return str(widget.render())
    if isinstance(widget, OptionList):
        return "\n".join(str(option.prompt) for option in widget.options)
    return "".join(str(part.render()) for part in widget.query(Static))


@pytest.fixture
def store_factory(tmp_path_factory):
    """New, empty progress stores (for property tests, which cannot use function fixtures)."""
    from vae_quiz.progress.store import ProgressStore

    def make():
        return ProgressStore(tmp_path_factory.mktemp("store") / "p.sqlite3")

    return make

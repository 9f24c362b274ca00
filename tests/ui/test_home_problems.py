"""The home screen's panel of decks that could not be loaded: it counts decks, not problems, and
stays a few lines however many there are."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import screen_text
from vae_quiz.cli.modes import _failed_decks
from vae_quiz.decks.catalog import load_decks
from vae_quiz.modes.scheduler import Scheduler
from vae_quiz.ui.app import AppServices, VaeQuizApp
from vae_quiz.ui.screens.home import HomeScreen

# Three problems: a card without a back, an answer not among the choices, a prompt without
# concepts.
BAD = """id: bad-{n}
title: Bad {n}
cards:
  - {{id: c1, front: f}}
questions:
  - {{id: q1, question: Q, choices: [a, b], answer: z}}
prompts:
  - {{id: p1, prompt: P}}
"""


def _bad_decks(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        paths.append(folder / f"bad-{n}.yaml")
        paths[-1].write_text(BAD.format(n=n))
    return paths


def _app(store, clock, vae_deck, paths: list[Path]) -> VaeQuizApp:
    result = load_decks(paths)
    services = AppServices(store=store, decks=[vae_deck], now=clock, scheduler=Scheduler(),
                           problems=_failed_decks(result.problems))  # fmt: skip
    return VaeQuizApp(services, mode=None)


async def test_one_deck_with_three_problems_is_one_deck_with_its_path(
    tmp_path, store, clock, vae_deck, monkeypatch
) -> None:  # fmt: skip
    monkeypatch.setenv("VAE_QUIZ_CACHE", str(tmp_path / "cache"))
    (path,) = _bad_decks(tmp_path, 1)
    app = _app(store, clock, vae_deck, [path])
    async with app.run_test(size=(100, 24)):
        assert isinstance(app.screen, HomeScreen)
        lines = screen_text(app, "#home-problems").splitlines()
        assert lines[0] == "1 deck could not be loaded; vae-quiz check FILE lists its problems:"
        assert lines[1:] == [
            f"{path}: 3 problems; line 4: card 'c1': back: required field is missing"
        ]


async def test_many_broken_decks_show_a_few_and_count_the_rest(
    tmp_path, store, clock, vae_deck, monkeypatch
) -> None:  # fmt: skip
    monkeypatch.setenv("VAE_QUIZ_CACHE", str(tmp_path / "cache"))
    paths = _bad_decks(tmp_path, 10)
    app = _app(store, clock, vae_deck, paths)
    async with app.run_test(size=(100, 24)):
        panel = app.screen.query_one("#home-problems")
        lines = screen_text(app, "#home-problems").splitlines()
        assert lines[0].startswith("10 decks could not be loaded; vae-quiz check FILE")
        assert [line.split(":", 1)[0] for line in lines[1:5]] == [str(p) for p in paths[:4]]
        assert lines[5:] == ["and 6 more decks"]
        assert panel.region.height <= 6
        # The deck list keeps the rest of the screen.
        assert "Variational" in screen_text(app, "#deck-list")

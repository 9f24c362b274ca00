"""The home screen on a first run (no deck of the user's own) says where decks go and how to
make or import one; once the user has a deck, it says nothing of the kind."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import screen_text
from vae_quiz.decks.loader import load_deck
from vae_quiz.modes.scheduler import Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.ui.app import AppServices, VaeQuizApp


def _home(store, decks, clock, folder: Path) -> VaeQuizApp:
    services = AppServices(store=store, decks=decks, now=clock,
                           scheduler=Scheduler(enable_fuzzing=False), options=SessionOptions(),
                           user_decks=folder)  # fmt: skip
    return VaeQuizApp(services, mode=None)


async def test_a_first_run_says_where_decks_go_and_how_to_make_one(
    store, vae_deck, clock, tmp_path: Path
) -> None:
    folder = tmp_path / "my decks [b]x[/b]"
    app = _home(store, [vae_deck], clock, folder)
    async with app.run_test(size=(100, 30)):
        hint = " ".join(screen_text(app, "#home-hint").split())
        assert f"Your own decks go in {' '.join(str(folder).split())}" in hint
        assert "vae-quiz new NAME" in hint and "vae-quiz import FILE --from anki-csv" in hint


async def test_no_hint_once_the_user_has_a_deck(store, vae_deck, clock, tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    mine = folder / "mine.yaml"
    mine.write_text("id: mine\ntitle: Mine\ncards: [{id: a, front: b, back: c}]\n")
    app = _home(store, [vae_deck, load_deck(mine)], clock, folder)
    async with app.run_test(size=(100, 30)):
        assert not app.screen.query("#home-hint")


async def test_a_wide_home_shows_the_highlighted_decks_detail(make_app) -> None:
    app = make_app(mode=None)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one("#deck-detail")
        assert detail.display
        text = " ".join(screen_text(app, "#deck-detail").split())
        assert text.startswith("Variational Autoencoders How a VAE encodes data")
        assert "5 cards due 0 new 5" in text and "Last studied never" in text
        assert "Due in the next 14 days" in text and "tdy" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one("#deck-detail").display


async def test_a_long_description_in_the_detail_ends_in_an_ellipsis(store, clock, tmp_path):
    """A 2,000-character description and a long title take a few lines of the panel, the last
    ending in "…", and the counts and forecast stay in view under them; `i` shows them whole."""
    from rich.cells import cell_len

    from vae_quiz.ui.screens.in_full import InFullScreen

    words = " ".join(f"word{n}" for n in range(400))
    deck_file = tmp_path / "long.yaml"
    deck_file.write_text(
        f"id: long\ntitle: {'Supercalifragilistic' * 8}\ndescription: {words}\n"
        "cards:\n  - {id: c, front: f, back: b}\n",
        encoding="utf-8",
    )
    app = _home(store, [load_deck(deck_file)], clock, tmp_path / "mine")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        lines = screen_text(app, "#deck-detail").splitlines()
        assert "1 card" in " ".join(lines) and "Due in the next 14 days" in lines
        detail = app.screen.query_one("#deck-detail")
        assert len(lines) <= detail.content_region.height  # nothing cut without a mark
        assert all(cell_len(line) <= detail.content_region.width for line in lines)
        assert lines[0].startswith("Supercalifragilistic") and lines[1].endswith("…")
        assert lines[2].startswith("word0 ") and lines[7].endswith("…")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InFullScreen)
        assert "word399" in screen_text(app, "#in-full-text")

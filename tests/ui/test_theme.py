"""The theme: the settings file's applied at start, one picked in the command palette saved there
(every other line kept), and a file that cannot be parsed never overwritten."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.color import Color
from textual.theme import BUILTIN_THEMES

from vae_quiz.modes.scheduler import Scheduler
from vae_quiz.settings import load_settings, save_theme
from vae_quiz.ui.app import AppServices, VaeQuizApp

SETTINGS = "# mine\nnew_per_day = 5  # slow days\n\n[decks.vae]\nnew_per_day = 2\n"


def _app(store, vae_deck, clock, config: Path) -> VaeQuizApp:
    """The app as the CLI builds it: the theme from the settings file, saved back there."""
    services = AppServices(store=store, decks=[vae_deck], now=clock,
                           scheduler=Scheduler(enable_fuzzing=False),
                           theme=load_settings(config, themes=BUILTIN_THEMES).theme,
                           save_theme=partial(save_theme, config))  # fmt: skip
    return VaeQuizApp(services, mode=None)


def _background(app: VaeQuizApp) -> Color:
    return app.screen.styles.background


def _surface(theme: str) -> Color:
    """The screens' background ($surface) in `theme`."""
    return Color.parse(BUILTIN_THEMES[theme].to_color_system().generate()["surface"])


async def test_a_theme_picked_in_the_palette_is_saved_and_used_at_the_next_start(
    store, vae_deck, clock, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SETTINGS)
    app = _app(store, vae_deck, clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert config.read_text() == SETTINGS  # starting saves nothing
        assert _background(app) == _surface("textual-dark")
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter", *"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert config.read_text() == SETTINGS.replace("days\n", 'days\ntheme = "nord"\n')

    again = _app(store, vae_deck, clock, config)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert _background(again) == _surface("nord")
        again.theme = "dracula"
        await pilot.pause()
        assert _background(again) == _surface("dracula")
    assert load_settings(config).theme == "dracula"
    assert config.read_text().count("theme") == 1


async def test_a_settings_file_that_cannot_be_parsed_is_kept_and_the_learner_told(
    store, vae_deck, clock, tmp_path: Path
) -> None:
    config = tmp_path / "settings" / "config.toml"
    config.parent.mkdir()
    app = _app(store, vae_deck, clock, config)  # no file yet: the default theme
    broken = b"new_per_day = 5\ntheme = nord   # edited while the app runs\n"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        config.write_bytes(broken)
        app.theme = "gruvbox"
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert any("not valid TOML" in t and "the theme was not saved" in t for t in told)
        assert app.theme == "gruvbox"  # still shown, just not kept
    assert config.read_bytes() == broken
    assert [p.name for p in config.parent.iterdir()] == ["config.toml"]

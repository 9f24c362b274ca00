"""Pilot tests of the key bar that stands for Textual's Footer on every screen."""

from __future__ import annotations

from vae_quiz.ui.screens.summary import StudySummaryScreen
from vae_quiz.ui.widgets.key_bar import KeyBar


async def test_the_study_bar_shows_the_screens_keys_and_the_palette(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert line.startswith(" space Reveal  q End  i Info  ? Help ")
        assert line.rstrip().endswith("^p palette")
        assert len(line) == 80


async def test_the_study_bar_shows_only_keys_that_do_something_now(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert "Undo" not in str(bar.render())  # nothing rated yet
        await pilot.press("space")
        await pilot.pause()
        revealed = str(bar.render())
        assert revealed.startswith(" 1 Again  2 Hard  3/space Good  4 Easy  q End  i Info  ? Help ")
        assert "Reveal" not in revealed
        await pilot.press("3")
        await pilot.pause()
        assert str(bar.render()).startswith(" space Reveal  u Undo  q End  i Info  ? Help ")


async def test_the_bar_follows_focus_into_and_out_of_the_editor(make_app) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert " esc Leave editor " in str(bar.render())
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave editor" not in str(bar.render())


async def test_clicking_a_key_presses_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # " space Reveal " is columns 0-13, then " u Undo ", then " q End ".
        assert await pilot.click(KeyBar, offset=(3, 0))
        await pilot.pause()
        assert app.screen.is_revealed
        line = str(app.screen.query_one(KeyBar).render())
        assert await pilot.click(KeyBar, offset=(line.index("q End") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, StudySummaryScreen)


async def test_each_set_of_keys_is_drawn_once_and_again_for_a_new_theme(
    make_app, monkeypatch
) -> None:
    """The bar takes turns between a few sets of keys (a card's front, its back): each set's
    line is drawn once and kept; a new theme or width draws it afresh."""
    made: list[str] = []
    render = KeyBar.render

    def counted(bar: KeyBar):  # type: ignore[no-untyped-def]
        made.append(str(content := render(bar)))
        return content

    monkeypatch.setattr(KeyBar, "render", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        made.clear()  # (an empty bar is drawn before the screen's keys are known)
        shown = []
        for key in ("space", "3", "space", "3", "space"):
            shown.append(bar.render_line(0).text)
            await pilot.press(key)
            await pilot.pause()
        shown.append(bar.render_line(0).text)
        # front, back, front with Undo, back with Undo, then the last two again from the cache
        assert shown[2:4] == shown[4:6] and len(set(shown)) == 4
        assert len(made) == 3 and set(made) == set(shown[1:])  # the first was drawn
        dark = bar.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        light = bar.render_line(0)
        assert light.text == dark.text and len(made) == 4
        assert light != dark, "the new theme's colours"
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        assert len(bar.render_line(0).text) == 100 and len(made) == 5

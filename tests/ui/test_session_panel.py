"""The session's side panel at a wide terminal: shown beside the reading column with the
session's counts, updated on each answer; not shown (and the column unchanged) below 140
columns."""

from __future__ import annotations

import pytest
from textual.geometry import Size

from tests.conftest import screen_text
from vae_quiz.ui.widgets.session_panel import PanelSpacer, SessionPanel, fits

WIDE, NARROW = (160, 45), (80, 24)


def _panel(app) -> SessionPanel:
    return app.screen.query_one(SessionPanel)


def _lines(app) -> list[str]:
    return screen_text(app, "#session-panel").splitlines()


def _right_key(app) -> str:
    """The key of the current question's (first) right choice."""
    asked = app.screen._session.current
    return str(asked.order.index(asked.question.answer[0]) + 1)


def _wrong_key(app) -> str:
    asked = app.screen._session.current
    wrong = next(c for c in asked.order if c not in asked.question.answer)
    return str(asked.order.index(wrong) + 1)


def _assert_beside_the_column(app, column: str) -> None:
    """The panel is shown, to the right of the reading column, and no line of it is wider
    than the panel."""
    panel = _panel(app)
    assert panel.display and app.screen.has_class("-wide")
    body = app.screen.query_one(column).region
    assert panel.region.x >= body.right, (panel.region, body)
    assert panel.region.right <= app.size.width
    width = panel.content_region.width
    assert all(len(line) <= width for line in _lines(app)), _lines(app)


async def test_study_shows_the_panel_and_its_counts_after_a_few_ratings(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        _assert_beside_the_column(app, "#card")
        assert "0 of" in screen_text(app, "#session-panel")
        # Again, then Good: both new cards come back in a learning step.
        await pilot.press("space", "1", "space", "3")
        await pilot.pause()
        lines = _lines(app)
        total = app.screen._session.position.total
        assert f"2 of {total} answered · 2 again" in lines
        assert any(line.split() == ["●", "learning", "2"] for line in lines), lines
        assert any(line.split() == ["✗", "again", "1"] for line in lines), lines
        assert any(line.split() == ["✓", "good", "1"] for line in lines), lines
        recent = lines[lines.index("Last answers") + 1 :]
        assert [line.split()[:2] for line in recent] == [["✓", "good"], ["✗", "again"]]
        # Undo takes the last rating off the panel too.
        await pilot.press("u")
        await pilot.pause()
        lines = _lines(app)
        assert f"1 of {app.screen._session.position.total} answered · 1 again" in lines
        assert any(line.split() == ["✓", "good", "0"] for line in lines), lines


async def test_test_mode_panel_counts_right_wrong_and_the_score(make_app) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        _assert_beside_the_column(app, "#test-body")
        await pilot.press(_wrong_key(app))
        await pilot.pause()
        lines = _lines(app)
        assert "score 0/1 (0%)" in lines
        assert any(line.split() == ["✗", "wrong", "1"] for line in lines), lines
        await pilot.press("space")
        await pilot.press(_right_key(app))
        await pilot.pause()
        lines = _lines(app)
        assert "score 1/2 (50%)" in lines
        assert any(line.split() == ["✓", "right", "1"] for line in lines), lines
        recent = lines[lines.index("Last answers") + 1 :]
        assert [line[0] for line in recent] == ["✓", "✗"]


async def test_concepts_panel_counts_complete_prompts_and_concepts(make_app) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        _assert_beside_the_column(app, "#concepts-body")
        await pilot.press("a", "n", "s", "ctrl+s", "1", "3", "enter")
        await pilot.pause()
        lines = _lines(app)
        total = len(app.screen._session.asked[0].prompt.concepts)
        assert f"concepts 2/{total} covered" in lines
        assert any(line.split() == ["✗", "missed", "some", "1"] for line in lines), lines
        assert lines[-1].startswith(f"✗ 2/{total} ")


async def test_today_panel_follows_the_whole_session_across_screens(make_app) -> None:
    app = make_app(mode="today", seed=1, limit=3)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        lines = _lines(app)
        assert "0 of 3 answered" in lines
        assert [line.split()[1:] for line in lines if line.startswith("●")] == [
            ["cards", "1"], ["questions", "1"], ["prompts", "1"], ["coming", "back", "0"],
        ]  # fmt: skip
        await pilot.press("space", "1")  # the card: Again, it comes back
        await pilot.pause()
        lines = _lines(app)  # now on the question's screen
        assert "1 of 4 answered · 1 again" in lines
        assert any(line.split() == ["●", "coming", "back", "1"] for line in lines), lines
        await pilot.press(_right_key(app))
        await pilot.pause()
        lines = _lines(app)  # counted as soon as it is answered, before moving on
        assert "2 of 4 answered · 1 again" in lines
        assert any(line.split() == ["✓", "right", "1"] for line in lines), lines
        assert any(line.split() == ["✗", "missed", "1"] for line in lines), lines


async def test_a_long_front_is_cut_with_an_ellipsis_and_shown_literally(
    make_app, write_deck
) -> None:
    from vae_quiz.decks.loader import load_deck

    # YAML's "\\e" is ESC: shown as its picture, never sent to the terminal.
    front = "[b]not bold[/b] \\e[31m " + "a very long front " * 10
    path = write_deck(
        "id: long\ntitle: Long\ncards:\n"
        f'  - id: c1\n    front: "{front}"\n    back: b\n'
        "  - id: c2\n    front: two\n    back: b\n"
    )
    app = make_app(decks=[load_deck(path)])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        last = _lines(app)[-1]
        assert last.startswith("✓ good [b]not bold[/b] ␛[31m a")
        assert last.endswith("…")
        assert len(last) == _panel(app).content_region.width


@pytest.mark.parametrize("size", [NARROW, (139, 45), (160, 23)])
async def test_no_panel_below_its_size(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        assert not app.screen.has_class("-wide")
        assert not _panel(app).display and not app.screen.query_one(PanelSpacer).display
        assert screen_text(app, "#session-panel") == ""  # never drawn


async def test_the_panel_comes_and_goes_with_the_terminal_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        card = app.screen.query_one("#card").region
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        _assert_beside_the_column(app, "#card")
        assert "1 of" in screen_text(app, "#session-panel")  # drawn with what was done
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert not _panel(app).display
        assert app.screen.query_one("#card").region == card


def test_the_panel_fits_beside_an_84_column_reading_column() -> None:
    assert fits(Size(139, 45)) == 0
    assert fits(Size(140, 45)) == 28
    assert fits(Size(160, 45)) == 36
    assert fits(Size(240, 60)) == 36
    assert fits(Size(200, 23)) == 0


@pytest.mark.parametrize("mode, column", [("study", "#card"), ("test", "#test-body")])
async def test_the_reading_column_does_not_move_when_the_panel_shows(make_app, mode, column):
    """At 160x45 the column is where it is without a panel (checked at 159 and 161 too)."""
    for width in (159, 160, 161):
        app = make_app(mode=mode, seed=1)
        async with app.run_test(size=(width, 45)) as pilot:
            await pilot.pause()
            assert app.screen.has_class("-wide")
            region = app.screen.query_one(column).region
            assert region.x == (width - region.width) // 2, (width, region)
            assert app.screen.query_one(".screen-header").region.width == width


def test_a_study_session_with_its_panel_loads_no_other_mode(tmp_path) -> None:
    """Start-up pays for the screen it shows: a study session, panel shown or not, imports
    neither the test nor the concepts mode (each screen hands the panel its own view)."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import asyncio, sys
        from datetime import UTC, datetime
        from vae_quiz.decks.loader import load_deck
        from vae_quiz.locations import bundled_deck_dir
        from vae_quiz.modes.session import SessionOptions
        from vae_quiz.progress.store import ProgressStore
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        async def main():
            deck = load_deck(bundled_deck_dir() / "vae.yaml")
            services = AppServices(store=ProgressStore(sys.argv[1]), decks=[deck],
                                   now=lambda: datetime.now(UTC), options=SessionOptions())
            for size in ((80, 24), (160, 45)):
                app = VaeQuizApp(services, mode="study")
                async with app.run_test(size=size) as pilot:
                    await pilot.press("space", "3")
                    shown = app.screen.query_one("#session-panel").display
            loaded = [m for m in ("vae_quiz.modes.test", "vae_quiz.modes.concepts",
                                  "vae_quiz.ui.widgets.choice_list") if m in sys.modules]
            print(shown, loaded)

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "p.sqlite3")],
                            capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "True []"

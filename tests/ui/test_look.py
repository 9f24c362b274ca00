"""The look at every terminal size: a readable measure in wide terminals, `? Help` in the
footer of every screen at 60 columns."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.conftest import screen_text
from vae_quiz.ui.widgets.key_bar import KeyBar

MEASURE = 80


def _assert_readable(app, selectors: list[str]) -> None:
    """Each widget's text is at most MEASURE columns wide, and its column is centred."""
    screen_width = app.screen.size.width
    for selector in selectors:
        for widget in app.screen.query(selector).results(Widget):
            region = widget.content_region
            if not widget.display or not region:  # a choice row the question does not use
                continue
            assert 40 <= region.width <= MEASURE, (selector, region)
            # In the centred column: the room either side is at least a half of what is left.
            margin = (screen_width - MEASURE) // 2 - 4
            assert region.x >= margin and screen_width - region.right >= margin, (selector, region)


async def test_a_revealed_card_reads_at_80_columns_centred_at_160x45(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        _assert_readable(app, ["#card-front", "#card-back"])


async def test_an_answered_question_reads_at_80_columns_centred_at_160x45(make_app) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        _assert_readable(app, ["#question", ".choice-text", "#feedback"])


async def test_a_concepts_result_reads_at_80_columns_centred_at_160x45(make_app) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("a", "n", "s", "ctrl+s", "1", "3", "enter")
        await pilot.pause()
        _assert_readable(app, ["#prompt", "#result"])


FOOTER_CASES = {
    "home": (None, []),
    "study front": ("study", []),
    "study revealed": ("study", ["space"]),
    "study summary": ("study", ["space", "1", "q"]),
    "test question": ("test", []),
    "test answered": ("test", ["2"]),
    "test summary": ("test", ["1", "space", "q"]),
    "concepts editor": ("concepts", ["a"]),
    "concepts editor left": ("concepts", ["a", "escape"]),
    "concepts checklist": ("concepts", ["a", "ctrl+s", "1"]),
    "concepts result": ("concepts", ["a", "ctrl+s", "1", "enter"]),
    "concepts summary": ("concepts", ["a", "ctrl+s", "1", "enter", "q"]),
    "review summary": ("review", []),
    "today": ("today", []),
    "today summary": ("today", ["q"]),
    "stats": ("stats", []),
}


@pytest.mark.parametrize("case", FOOTER_CASES)
async def test_the_footer_keeps_help_at_60x15(make_app, case: str) -> None:
    mode, keys = FOOTER_CASES[case]
    app = make_app(mode=mode)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        line = str(app.screen.query_one(KeyBar).render())
        assert "? Help" in line, (case, line)
        assert len(line.rstrip()) <= 60, (case, line)


async def test_the_footer_drops_the_palette_then_the_last_keys_first(make_app) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        # In the editor `?` is text: the bar says escape comes first.
        assert str(bar.render()).startswith(" ^s Submit  esc Leave editor  esc ? Help ")
        assert "palette" in str(bar.render())
        await pilot.resize_terminal(45, 15)
        await pilot.pause()
        assert str(bar.render()).rstrip() == " ^s Submit  esc Leave editor  esc ? Help"
        await pilot.resize_terminal(30, 15)
        await pilot.pause()
        assert str(bar.render()).rstrip() == " ^s Submit  esc ? Help"


async def test_clicking_help_in_the_editor_opens_the_help_and_types_nothing(make_app) -> None:
    from textual.widgets import TextArea

    from vae_quiz.ui.screens.help import HelpScreen

    app = make_app(mode="concepts")
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        screen = app.screen
        line = str(screen.query_one(KeyBar).render())
        assert await pilot.click(KeyBar, offset=(line.index("? Help") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert screen.query_one("#editor", TextArea).text == ""


async def test_the_help_fits_at_60x15_scrolls_and_wraps_under_its_description(make_app) -> None:
    from vae_quiz.ui.screens.help import HelpScreen

    app = make_app(mode="concepts")
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert app.screen.region.contains_region(box.region), box.region
        assert box.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        keys = app.screen.query_one("#help-keys")
        lines = [strip.text for strip in keys.render_lines(keys.size.region)]
        # 'checklist: confirm, then see k/N and the model answer' wraps under 'checklist'.
        row = next(i for i, line in enumerate(lines) if "checklist: confirm" in line)
        column = lines[row].index("checklist")
        continued = lines[row + 1]
        assert continued[:column].strip() == "" and continued[column] != " ", lines[row : row + 2]


async def test_a_review_summary_counts_one_answer_in_the_singular(make_app) -> None:
    from tests.ui.test_home_and_review import _right_key, _wrong_key
    from vae_quiz.ui.screens.summary import ReviewSummaryScreen

    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            await pilot.press(_wrong_key(app.screen), "space")
        await pilot.press("q", "r")
        await pilot.press(_right_key(app.screen), "q")
        await pilot.pause()
        assert isinstance(app.screen, ReviewSummaryScreen)
        assert screen_text(app, "#summary-headline") == "Cleared 1 of 2 (1 answer)"
        assert screen_text(app, "#summary-bar") == "█████░░░░░ 1/2"


@pytest.mark.parametrize(("mode", "keys"), [("test", ["1", "space", "q"]),
                                            ("study", ["space", "3", "q"])])  # fmt: skip
async def test_a_summary_shows_the_time_once_in_its_header(make_app, clock, mode, keys) -> None:
    app = make_app(mode=mode, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(seconds=75)
        await pilot.press(*keys)
        await pilot.pause()
        assert screen_text(app, "#summary-time") == "time 1 min 15 s"
        body = screen_text(app, "#summary-body")
        assert "1 min 15 s" not in body and "Time taken" not in body


async def test_a_summary_lists_each_missed_question_with_its_answer_under_it(make_app) -> None:
    app = make_app(mode="test", seed=1)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("2", "space", "q")
        await pilot.pause()
        (row,) = app.screen.query(".summary-missed")
        mark, item = row.children
        assert str(mark.render()) == "✗" and mark.has_class("state-missed")
        # The text wraps in its own column, right of the mark: a hanging indent.
        assert item.region.x == mark.region.right and item.region.height >= 2
        assert "→ " in str(item.render())


async def test_the_undo_notice_cuts_nothing_the_card_undone_is_back_whole(
    make_app, write_deck
) -> None:
    from vae_quiz.decks.loader import load_deck

    front = "Why " + "does the variational bound hold " * 4 + "exactly?"
    deck = load_deck(write_deck(f"id: d\ntitle: D\ncards:\n  - id: c\n    front: {front}\n"
                                "    back: Jensen\n"))  # fmt: skip
    app = make_app(decks=[deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3", "u")
        await pilot.pause()
        assert screen_text(app, "#last-result") == "Undone: your last rating. Rate this card again."
        assert screen_text(app, "#card-front") == front  # the card undone, shown again whole


async def test_the_ratings_wear_their_anki_colours_from_the_theme(make_app) -> None:
    from vae_quiz.ui.widgets.rating_bar import RatingBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        content = app.screen.query_one(RatingBar).render()
        styled = {content.plain[span.start : span.end].strip(): str(span.style)
                  for span in content.spans}  # fmt: skip
        for label, variable in [("Again", "$rating-again"), ("Hard", "$rating-hard"),
                                ("Good", "$rating-good"), ("Easy", "$rating-easy")]:  # fmt: skip
            assert variable in styled[label], styled
        # Each accent is one of the theme's own colours, whatever the theme.
        for theme in ("textual-dark", "nord", "textual-light"):
            app.theme = theme
            await pilot.pause()
            colours = app.theme_variables
            assert colours["rating-again"] == colours["error"]
            assert colours["rating-hard"] == colours["warning"]
            assert colours["rating-good"] == colours["success"] == colours["state-right"]
            assert colours["rating-easy"] == colours["primary"] == colours["state-new"]

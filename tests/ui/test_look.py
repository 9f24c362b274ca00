"""The look at every terminal size: a readable measure in wide terminals, `? Help` in the
footer of every screen at 60 columns."""

from __future__ import annotations

from textual.widget import Widget

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

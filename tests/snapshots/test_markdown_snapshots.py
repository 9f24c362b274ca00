"""Snapshots of a Markdown deck: a revealed card with a code fence, a table and display maths; a
question whose choices hold inline code and maths; a prompt whose model answer holds maths."""

from __future__ import annotations

from pathlib import Path

import pytest

from vae_quiz.decks.loader import load_deck

DECK = Path(__file__).parents[1] / "data" / "good" / "markdown.yaml"


@pytest.fixture
def md_app(make_app):
    def make(mode: str = "study"):
        return make_app(mode=mode, decks=[load_deck(DECK)])

    return make


def _after(*keys: str):
    """Press `keys`, then let the screen settle."""

    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_markdown_card_revealed(snap_compare, md_app, size) -> None:
    assert snap_compare(md_app(), run_before=_after("space"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_markdown_question_with_code_and_maths_choices(snap_compare, md_app, size) -> None:
    assert snap_compare(md_app("test"), run_before=_after("3"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_markdown_prompt_model_answer(snap_compare, md_app, size) -> None:
    keys = ("a", "b", "ctrl+s", "1", "enter")
    assert snap_compare(md_app("concepts"), run_before=_after(*keys), terminal_size=size)

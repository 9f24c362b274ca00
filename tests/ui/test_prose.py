"""Text that wraps like prose: every bullet, choice and concept wraps under its own text, not
under its mark."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget

from tests.ui.test_deck_text_shown import terminal_output

TITLE = "A deck with a rather long title about variational autoencoders and friends"
DESCRIPTION = (
    "Every text in this deck is long enough to wrap at sixty columns; the description is "
    "only shown whole, by the info key."
)
CHOICE = (
    "It moves the randomness into an auxiliary noise variable so that gradients can flow "
    "through the sampling step to the encoder"
)
CONCEPT = (
    "the encoder maps each input to the parameters of a distribution over the latent space "
    "rather than to a single point"
)
LONG = f"""\
id: long
title: {TITLE}
description: {DESCRIPTION}
cards:
  - id: c1
    level: beginner
    front: Why does the evidence lower bound hold for every choice of posterior?
    back: Jensen's inequality.
questions:
  - id: q1
    question: Which statement about the reparameterisation trick is right?
    shuffle: false
    choices:
      - {CHOICE}
      - It is only needed for discrete latent variables
    answer: {CHOICE}
prompts:
  - id: p1
    prompt: Explain how a VAE compresses and reconstructs data.
    concepts:
      - {CONCEPT}
      - reparameterisation
"""
SIZES = [(60, 15), (80, 24)]


@pytest.fixture
def long_deck(write_deck):
    from vae_quiz.decks.loader import load_deck

    return load_deck(write_deck(LONG, "long.yaml"))


def _lines(widget: Widget) -> list[str]:
    """The lines `widget` draws, border and padding included (also those scrolled out of the
    screen's view)."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def _assert_hangs(lines: list[str], start: str) -> None:
    """The line holding `start` goes on, on the next line, in the column where `start` begins,
    with nothing but blanks to the left of it back to the mark."""
    row = next(i for i, line in enumerate(lines) if start in line)
    column = lines[row].index(start)
    mark = lines[row][:column].rstrip()
    continued = lines[row + 1]
    assert continued[len(mark) : column].strip() == "", lines[row : row + 2]
    assert continued[column] != " ", lines[row : row + 2]


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_concept_wraps_under_its_text_not_its_box(make_app, long_deck, size):
    app = make_app(mode="concepts", decks=[long_deck])
    async with app.run_test(size=size) as pilot:
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        lines, _, _ = terminal_output(app)
        assert any("[ ] 1  the encoder maps" in line for line in lines), lines
        _assert_hangs(lines, "the encoder maps")
        # The missed concepts of the result are bullets that hang the same way.
        await pilot.press("enter")
        await pilot.pause()
        lines, _, _ = terminal_output(app)
        assert any("• the encoder maps" in line for line in lines), lines
        _assert_hangs(lines, "the encoder maps")


async def test_the_words_found_for_a_concept_sit_under_its_text(make_app, long_deck) -> None:
    from vae_quiz.ui.widgets.concept_checklist import ConceptChecklist

    app = make_app(mode="concepts", decks=[long_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(ConceptChecklist)
        app.screen.query_one("#editor").insert("We use reparameterisation.")
        await pilot.press("ctrl+s", "down")  # the second concept, scrolled into view
        await pilot.pause()
        lines = _lines(checklist)
        row = next(i for i, line in enumerate(lines) if "[x] 2  reparameterisation" in line)
        column = lines[row].index("reparameterisation")
        assert lines[row + 1].index("found:") == column, lines[row : row + 2]


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_choice_wraps_under_its_text_not_its_number(make_app, long_deck, size):
    app = make_app(mode="test", decks=[long_deck])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines, _, _ = terminal_output(app)
        assert any("1  It moves the randomness" in line for line in lines), lines
        _assert_hangs(lines, "It moves the randomness")


async def test_the_summaries_bullets_wrap_under_their_text(make_app, long_deck) -> None:
    app = make_app(mode="test", decks=[long_deck])
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("2", "space")  # wrong
        await pilot.pause()
        (item,) = app.screen.query(".summary-item")
        lines = _lines(item)
        assert any(line.startswith("→ It moves the randomness") for line in lines), lines
        _assert_hangs(lines, "It moves the randomness")
    app = make_app(mode="concepts", decks=[long_deck])
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("a", "ctrl+s", "2", "enter", "q")
        await pilot.pause()
        (item,) = app.screen.query(".summary-item")
        lines = _lines(item)
        assert "1/2 concepts; missed:" in lines[1], lines
        assert lines[2].startswith("• the encoder maps"), lines
        _assert_hangs(lines, "the encoder maps")

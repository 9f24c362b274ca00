"""Text that wraps like prose: every bullet, choice and concept wraps under its own text, not
under its mark; where a line must be cut it ends in an ellipsis and `i` shows the whole text."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget

from tests.ui.test_deck_text_shown import terminal_output
from vae_quiz.ui.screens.in_full import InFullScreen
from vae_quiz.ui.widgets.key_bar import KeyBar

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


@pytest.mark.parametrize(("mode", "keys"), [("study", []), ("test", []),
                                            ("concepts", ["escape"])])  # fmt: skip
async def test_a_cut_title_fills_the_header_and_ends_in_an_ellipsis(
    make_app, long_deck, mode, keys
) -> None:
    app = make_app(mode=mode, decks=[long_deck])
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        title = app.screen.query_one(f"#{mode}-title")
        status = app.screen.query_one(f"#{mode}-status")
        # Every column the status leaves: no gap between the cut title and the status.
        assert title.region.right == status.region.x
        (line,) = _lines(title)
        assert line.startswith("A deck with a rather long") and line.endswith("…"), line
        # The whole title is one key away.
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InFullScreen)
        shown = str(app.screen.query_one("#in-full-text").render())
        assert TITLE in shown and DESCRIPTION in shown
        assert f"file {long_deck.path}" in shown
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, InFullScreen)


async def test_a_title_that_fits_is_not_cut(make_app, long_deck) -> None:
    app = make_app(mode="test", decks=[long_deck])
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        (line,) = _lines(app.screen.query_one("#test-title"))
        assert line.rstrip() == f"{TITLE} · test"


async def test_the_info_key_names_the_item_and_leaves_the_question_unanswered(
    make_app, long_deck
) -> None:
    app = make_app(mode="test", decks=[long_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert " i Info " in str(screen.query_one(KeyBar).render())
        await pilot.press("i")
        await pilot.pause()
        assert "question q1" in str(app.screen.query_one("#in-full-text").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.result is None


async def test_in_the_editor_i_is_text_and_escape_then_i_shows_the_info(
    make_app, long_deck
) -> None:
    from textual.widgets import TextArea

    app = make_app(mode="concepts", decks=[long_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert " Info " not in str(screen.query_one(KeyBar).render())
        await pilot.press("i")
        assert screen.query_one("#editor", TextArea).text == "i"
        await pilot.press("escape")
        await pilot.pause()
        assert " i Info " in str(screen.query_one(KeyBar).render())
        await pilot.press("i")
        await pilot.pause()
        assert "prompt p1" in str(app.screen.query_one("#in-full-text").render())


@pytest.mark.parametrize("mode", ["study", "test", "concepts", None])
async def test_the_help_lists_the_info_key(make_app, long_deck, mode) -> None:
    from vae_quiz.ui.screens.help import HelpScreen

    app = make_app(mode=mode, decks=[long_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = _lines(app.screen.query_one("#help-keys"))
        assert any(line.split()[:2] == ["i", "info:"] for line in lines), lines


async def test_home_cuts_a_long_title_and_the_info_key_shows_it_whole(
    make_app, vae_deck, long_deck
) -> None:
    from vae_quiz.ui.screens.home import HomeScreen

    app = make_app(mode=None, decks=[vae_deck, long_deck])
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("end")  # the long deck's row, scrolled into view
        await pilot.pause()
        deck_list = app.screen.query_one("#deck-list")
        lines = _lines(deck_list)
        (row,) = [line for line in lines if "A deck with a rather long" in line]
        # The title is cut at the list's edge, the row keeps one line per field.
        assert row.rstrip(" │▁▂▃▄▅▆▇█").endswith("…") and TITLE not in row, row
        assert any("    1 card        due 0   new 1" in line for line in lines), lines
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InFullScreen)
        shown = str(app.screen.query_one("#in-full-text").render())
        assert TITLE in shown and DESCRIPTION in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_info_key_on_home_shows_the_problem_lines_whole(
    make_app, vae_deck, write_deck
) -> None:
    path = write_deck("id: broken\ntitle: Broken\ncards:\n  - id: c\n    front: Why?\n",
                      "a-broken-deck-with-a-long-name-to-cut-at-sixty-columns.yaml")  # fmt: skip
    problem = f"{path}: 1 problem; line 4: card 'c': back: required field is missing"
    app = make_app(mode=None, decks=[vae_deck])
    app.services.problems = [problem]
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        panel = _lines(app.screen.query_one("#home-problems"))
        assert panel[1].rstrip().endswith("…")
        await pilot.press("i")
        await pilot.pause()
        shown = str(app.screen.query_one("#in-full-text").render())
        assert "Variational Autoencoders" in shown  # the chosen deck first
        assert f"• {problem}" in shown


@pytest.mark.parametrize(("mode", "keys", "item"), [("test", ["1"], "question q1"),
                                                    ("concepts", ["a", "ctrl+s", "enter"],
                                                     "prompt p1")])  # fmt: skip
async def test_once_answered_the_info_is_about_the_item_still_on_screen(
    make_app, long_deck, write_deck, mode, keys, item
) -> None:
    from vae_quiz.decks.loader import load_deck

    # A second deck, asked after the long one: the session's next item is another's.
    text = LONG.replace("id: long", "id: other").replace("title: A deck", "title: Another deck")
    other = load_deck(write_deck(text, "other.yaml"))
    app = make_app(mode=mode, decks=[long_deck, other], seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = str(app.screen.query_one(f"#{mode}-title").render())
        await pilot.press(*keys, "i")
        await pilot.pause()
        assert isinstance(app.screen, InFullScreen)
        shown = str(app.screen.query_one("#in-full-text").render())
        deck = "other" if first.startswith("Another") else "long"
        assert f"deck {deck}\n" in shown and item in shown

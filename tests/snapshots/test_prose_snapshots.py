"""Snapshots of long deck text at 60x15 and 80x24: concepts and choices that wrap under their
own text, a long title cut with an ellipsis in a header and on home, and the box `i` opens."""

from __future__ import annotations

import pytest

from tests.ui.test_prose import LONG
from vae_quiz.model import Deck

SIZES = {"small": (60, 15), "medium": (80, 24), "wide": (160, 45)}


@pytest.fixture
def long_deck(write_deck) -> Deck:
    """The long deck, at a path the same on every machine (the info box shows it)."""
    from vae_quiz.decks.loader import load_deck

    d = load_deck(write_deck(LONG, "long.yaml"))
    return Deck(d.id, d.title, "decks/long.yaml", d.description, d.cards, d.questions,
                d.prompts, d.format)  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_long_concepts_checklist(snap_compare, make_app, long_deck, size: str) -> None:
    """Each concept wraps under its text, right of its box and number."""
    app = make_app(mode="concepts", decks=[long_deck])
    assert snap_compare(app, press=["a", "ctrl+s", "1"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small"])
def test_long_concepts_result(snap_compare, make_app, long_deck, size: str) -> None:
    """The missed concepts as bullets, each wrapping under its own text."""
    app = make_app(mode="concepts", decks=[long_deck])
    keys = ["a", "ctrl+s", "enter"]
    assert snap_compare(app, press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small"])
def test_long_concepts_summary(snap_compare, make_app, long_deck, size: str) -> None:
    """The prompt, its score, and its missed concepts as bullets under it."""
    app = make_app(mode="concepts", decks=[long_deck])
    keys = ["a", "ctrl+s", "2", "enter", "q"]
    assert snap_compare(app, press=keys, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small"])
def test_long_question(snap_compare, make_app, long_deck, size: str) -> None:
    """The header's title cut with an ellipsis right up to the status; a long choice wraps
    under its text, right of its number."""
    app = make_app(mode="test", decks=[long_deck])
    assert snap_compare(app, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small", "medium", "wide"])
def test_info_box(snap_compare, make_app, long_deck, size: str) -> None:
    """`i` in study: the deck's whole title and description, its file, the card's id."""
    app = make_app(decks=[long_deck])
    assert snap_compare(app, press=["i"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["small"])
def test_home_long_title(snap_compare, make_app, vae_deck, long_deck, size: str) -> None:
    """Home at 60x15: the long title cut with an ellipsis, one line per field."""
    app = make_app(mode=None, decks=[vae_deck, long_deck])
    assert snap_compare(app, press=["end"], terminal_size=SIZES[size])

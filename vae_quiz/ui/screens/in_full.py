"""The whole of what a screen had to cut: a box over the screen, opened with `i`.

A header ends a long deck title in an ellipsis, a narrow home has no room for the chosen deck's
description and cuts the lines of decks that could not be loaded; `i` shows all of it, wrapped,
in a box that scrolls when the terminal is short (as the help does).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.visual import Visual
from textual.widgets import Static

from vae_quiz.model import Deck, Item
from vae_quiz.ui.literal import literal

# The key that opens this box on every screen that cuts text, and its line in their help.
KEY = "i"
HELP_ROW = (KEY, "info: the deck's whole title and description, and this item's id")


class InFullScreen(ModalScreen[None]):
    """Shows `body` under `title`; any of escape, i or q closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding(KEY, "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, body: Visual) -> None:
        super().__init__()
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="in-full-box"):
            yield Static(literal(self._title, one_line=True), id="in-full-title", markup=False)
            yield Static(self._body, id="in-full-text", markup=False)
            yield Static(f"escape or {KEY} closes this", id="in-full-close", markup=False)

    def on_mount(self) -> None:
        self.query_one("#in-full-box").focus()  # arrows and page keys scroll a long text


def item_info(deck: Deck, item: Item, mode: str) -> InFullScreen:
    """The box for a session's screen: the deck's whole title and description, where its file
    is, and the id of the item asked (what `vae-quiz grade` and the stats name it by)."""
    lines = [literal(deck.title).stylize("bold")]
    if deck.description:
        lines.append(literal(deck.description))
    level = f" ({item.level.value})" if item.level else ""
    lines += [
        Content(""),
        Content.assemble(("deck ", "$text-muted"), literal(deck.id, one_line=True)),
        Content.assemble(("file ", "$text-muted"), literal(deck.path, one_line=True)),
        Content.assemble((f"{item.kind} ", "$text-muted"), literal(item.id + level, one_line=True)),
    ]
    return InFullScreen(f"Info · {mode}", Content("\n").join(lines))

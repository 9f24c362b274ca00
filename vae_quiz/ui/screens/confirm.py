"""A yes/no question over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question`; y or enter answers yes, n or escape answers no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    #confirm-box {
        width: 60;
        max-width: 95%;
        height: auto;
        border: round $warning;
        padding: 1 2;
        background: $panel;
    }
    #confirm-keys {
        margin-top: 1;
        color: $text-muted;
    }
    """
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("enter", "dismiss(True)", "Yes", show=False),
        Binding("n", "dismiss(False)", "No"),
        Binding("escape", "dismiss(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self._question = question
        self._keys = f"y {yes}    n {no}"

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self._question, id="confirm-question", markup=False)
            yield Static(self._keys, id="confirm-keys", markup=False)

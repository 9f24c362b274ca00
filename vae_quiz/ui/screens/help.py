"""The help overlay: the keys of the screen that opened it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists (key, what it does) pairs; any of escape, ? or q closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._keys = keys

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self._keys)
        lines = "\n".join(f"{key.rjust(width)}   {what}" for key, what in self._keys)
        with Vertical(id="help-box"):
            yield Static(f"Keys · {self._title}", id="help-title", markup=False)
            yield Static(lines, id="help-keys", markup=False)
            yield Static("escape or ? closes this help", id="help-close", markup=False)

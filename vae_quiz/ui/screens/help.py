"""The help overlay: the keys of the screen that opened it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists (key, what it does) pairs; any of escape, ? or q closes it. The box scrolls when
    the terminal is too short for it; a long description wraps under itself, not under the key."""

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
        # A two-column grid: the keys, then each description wrapped in its own column.
        table = Table.grid(padding=(0, 0, 0, 3))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, what in self._keys:
            table.add_row(Text(key), Text(what))
        with VerticalScroll(id="help-box"):
            yield Static(f"Keys · {self._title}", id="help-title", markup=False)
            yield Static(table, id="help-keys")
            yield Static("escape or ? closes this help", id="help-close", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()  # arrows and page keys scroll a long help

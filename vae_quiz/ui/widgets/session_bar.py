"""The session's progress as a short bar in a screen's header: how much of the session is done."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

WIDTH = 10  # cells
MIN_SCREEN_WIDTH = 100  # below this the header keeps its room for the title and the figures


class SessionBar(Static):
    """`━━━━───────` for the share of the session's shows already answered; the figures beside
    it (the header's status) say the same in words, so the bar never carries it alone."""

    DEFAULT_CSS = """
    SessionBar { width: auto; padding-left: 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]

    def show(self, done: int, total: int) -> None:
        """Show `done` of `total` (hidden on a narrow terminal, checked at each item)."""
        self.display = self.app.size.width >= MIN_SCREEN_WIDTH
        filled = round(WIDTH * done / total) if total > 0 else 0
        filled = max(0, min(WIDTH, filled))
        self.update(Content.assemble(("━" * filled, "$accent"),
                                     ("─" * (WIDTH - filled), "$text-muted")))  # fmt: skip

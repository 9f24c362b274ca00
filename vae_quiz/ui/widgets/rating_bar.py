"""The rating bar: the four ratings with the interval each would give, or the reveal prompt."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from vae_quiz.modes.scheduler import Rating
from vae_quiz.ui.marks import RATING_STYLES


class RatingBar(Static):
    """One line under the card; clicking a rating posts `RatingBar.Rated`."""

    DEFAULT_CSS = """
    RatingBar {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    """

    @dataclass
    class Rated(Message):
        """The learner picked a rating with the mouse."""

        rating: Rating

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._active = False

    def show_prompt(self) -> None:
        """Before the reveal: say how to reveal."""
        self._active = False
        self.update(Content.assemble(("space", "bold"), " reveal the answer"))

    def show_ratings(self, intervals: dict[Rating, str]) -> None:
        """After the reveal: `1 Again <1m   2 Hard 6m ...`, each in its Anki colour (Again red,
        Hard amber, Good green, Easy blue); the words carry the meaning without colour."""
        self._active = True
        ratings = [
            Content.assemble(
                (f"{r:d}", f"bold reverse {RATING_STYLES[r]}"),
                (f" {r.label} ", f"bold {RATING_STYLES[r]}"),
                (intervals.get(r, ""), "italic"),
            )
            for r in Rating
        ]
        self.update(Content("  ").join(ratings))

    def on_click(self, event: events.Click) -> None:
        if not self._active:
            return
        # Each rating takes a quarter of the bar: enough for a mouse user, keys stay primary.
        quarter = max(1, self.size.width // 4)
        index = min(3, event.x // quarter)
        self.post_message(self.Rated(list(Rating)[index]))

"""The numbered choices of a question, marked right and wrong once it is answered."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from vae_quiz.model import MAX_CHOICES
from vae_quiz.ui.literal import literal

RIGHT_MARK, WRONG_MARK = "✓", "✗"


class ChoiceList(Vertical):
    """Choices numbered 1..n. Marks use a symbol as well as colour, so they read without it.

    Each row is a fixed-width prefix (mark, number, tick box) beside the choice text, so a long
    choice wraps under its own text rather than under the number.
    """

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
    }
    ChoiceList > .choice {
        height: auto;
        padding: 0 1;
    }
    ChoiceList .choice-prefix {
        width: auto;
        height: auto;
    }
    ChoiceList .choice-text {
        width: 1fr;
        height: auto;
    }
    """

    # The question shown; set by `show`.
    _order: tuple[str, ...] = ()
    _is_multi = False

    def compose(self) -> ComposeResult:
        # A question has at most MAX_CHOICES choices: keep that many rows and hide the unused.
        for number in range(1, MAX_CHOICES + 1):
            with Horizontal(classes="choice", id=f"choice-{number}"):
                yield Static(classes="choice-prefix", markup=False)
                yield Static(classes="choice-text", markup=False)

    def show(self, order: tuple[str, ...], is_multi: bool) -> None:
        """Show a new question's choices, nothing ticked or marked."""
        self._order = order
        self._is_multi = is_multi
        for index, row in enumerate(self.query(".choice")):
            row.display = index < len(order)
        self.mark(frozenset(), None)

    def mark(self, picked: frozenset[str], right: frozenset[str] | None) -> None:
        """Tick the picked choices; with `right`, mark right and wrong ones."""
        for index, (row, text) in enumerate(zip(self.query(".choice"), self._order, strict=False)):
            is_picked = text in picked
            is_right = right is not None and text in right
            is_wrong = right is not None and is_picked and not is_right
            mark = RIGHT_MARK if is_right else WRONG_MARK if is_wrong else " "
            note = "   (your answer)" if right is not None and is_picked else ""
            box = ("[x] " if is_picked else "[ ] ") if self._is_multi else ""
            row.set_class(is_right, "choice--right")
            row.set_class(is_wrong, "choice--wrong")
            row.set_class(is_picked, "choice--picked")
            prefix, body = row.query(Static)
            prefix.update(Content.assemble(f"{mark} ", (f"{index + 1}", "bold"), f"  {box}"))
            body.update(Content.assemble(literal(text), (note, "italic")))

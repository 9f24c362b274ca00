"""The numbered choices of a question: a highlight to move and pick, marks once answered."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from vae_quiz.model import MAX_CHOICES
from vae_quiz.ui.deck_text import inline_content
from vae_quiz.ui.marks import RIGHT_MARK, WRONG_MARK


class ChoiceList(Vertical, can_focus=True):
    """Choices numbered 1..n. Marks use a symbol as well as colour, so they read without it.

    Each row is a fixed-width prefix (mark, number, tick box) beside the choice text, so a long
    choice wraps under its own text rather than under the number. A new question has no row
    highlighted: the first arrow or j/k highlights one (down the first, up the last) and the next
    ones move it (kept in view); a click on a row posts `Chosen`. So enter, which also moves on
    from an answered question, never picks a choice the learner did not point at (enter held or
    pressed twice would otherwise answer the next question with its first choice). What a pick
    does (answer, tick) is the screen's business.

    Not Textual's OptionList: its options wrap under the number and take no CSS classes, so
    the hanging indent and the right/wrong colours from the screen's stylesheet would go.
    """

    BINDINGS = [
        Binding("down", "move(1)", "Move", key_display="↑↓"),
        Binding("up", "move(-1)", "Move", show=False),
        Binding("j", "move(1)", "Move", show=False),
        Binding("k", "move(-1)", "Move", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
    }
    ChoiceList > .choice {
        height: auto;
        padding: 0 1;
    }
    ChoiceList > .choice:hover {
        background: $block-hover-background;
    }
    ChoiceList > .choice--highlighted {
        background: $block-cursor-blurred-background;
    }
    ChoiceList:focus > .choice--highlighted {
        background: $block-cursor-background;
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

    @dataclass
    class Chosen(Message):
        """The learner clicked the choice at 0-based `index`."""

        index: int

    # The question shown; set by `show`.
    _order: tuple[str, ...] = ()
    _is_multi = False
    _is_markdown = False
    _is_answered = False
    # The 0-based index of the highlighted choice (None: none yet).
    highlighted: int | None = None

    def compose(self) -> ComposeResult:
        # A question has at most MAX_CHOICES choices: keep that many rows and hide the unused.
        for number in range(1, MAX_CHOICES + 1):
            with Horizontal(classes="choice", id=f"choice-{number}"):
                yield Static(classes="choice-prefix", markup=False)
                yield Static(classes="choice-text", markup=False)

    def show(self, order: tuple[str, ...], is_multi: bool, markdown: bool = False) -> None:
        """Show a new question's choices, nothing ticked or marked; `markdown`: the choices are
        inline Markdown (a Markdown deck's)."""
        self._order = order
        self._is_multi = is_multi
        self._is_markdown = markdown
        for index, row in enumerate(self.query(".choice")):
            row.display = index < len(order)
        self.mark(frozenset(), None)
        self.highlight(None, scroll=False)  # the screen shows a new question from its top

    def highlight(self, index: int | None, *, scroll: bool = True) -> None:
        """Highlight the choice at `index` (clamped to the choices), scrolled into view; None:
        no choice. The screen's keys are checked again when that changes (enter picks only a
        highlighted choice)."""
        was = self.highlighted
        if index is not None:
            index = max(0, min(index, len(self._order) - 1))
        self.highlighted = index
        if (was is None) != (index is None) and self.is_attached:
            self.screen.refresh_bindings()
        for number, row in enumerate(self.query(".choice")):
            row.set_class(number == self.highlighted, "choice--highlighted")
            if number == self.highlighted and scroll:
                row.scroll_visible(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once the question is answered the highlight stays on: the keys are off.
        return not (action == "move" and self._is_answered)

    def action_move(self, step: int) -> None:
        if self.highlighted is None:  # the first move: down to the first, up to the last
            self.highlight(0 if step > 0 else len(self._order) - 1)
        else:
            self.highlight(self.highlighted + step)

    def on_click(self, event: events.Click) -> None:
        if self._is_answered or event.widget is None:
            return
        clicked = [event.widget, *event.widget.ancestors]
        for index, row in enumerate(self.query(".choice")):
            if row in clicked:
                self.highlight(index)
                self.post_message(self.Chosen(index))
                return

    def mark(self, picked: frozenset[str], right: frozenset[str] | None) -> None:
        """Tick the picked choices; with `right`, mark right and wrong ones (answered)."""
        self._is_answered = right is not None
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
            body.update(Content.assemble(inline_content(text, self._is_markdown), (note, "italic")))

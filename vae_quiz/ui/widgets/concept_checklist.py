"""The concepts of a prompt as a checklist: tick by digit, or space on the highlighted row."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from vae_quiz.ui.literal import literal


class ConceptChecklist(OptionList):
    """Numbered concepts with [x]/[ ] boxes (readable without colour).

    Digits 1-9 toggle that concept, space (or a click) toggles the highlighted one, arrows move,
    enter posts `Confirmed`.
    """

    BINDINGS = [
        *[Binding(str(n), f"tick({n - 1})", show=False) for n in range(1, 10)],
        Binding("space", "select", "Tick", key_display="1-9/space"),
        Binding("enter", "confirm", "Confirm"),
    ]

    class Confirmed(Message):
        """The learner confirmed the ticks."""

        def __init__(self, ticked: frozenset[int]) -> None:
            super().__init__()
            self.ticked = ticked

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._concepts: tuple[str, ...] = ()
        self.ticked: set[int] = set()

    def show(self, concepts: tuple[str, ...]) -> None:
        """Show a new prompt's concepts, none ticked, the first highlighted."""
        self._concepts = concepts
        self.ticked = set()
        self.clear_options()
        self.add_options([Option(self._row(i)) for i in range(len(concepts))])
        self.highlighted = 0 if concepts else None

    def _row(self, index: int) -> Content:
        box = "[x]" if index in self.ticked else "[ ]"
        concept = literal(self._concepts[index], one_line=True)
        return Content.assemble(f"{box} ", (f"{index + 1}", "bold"), "  ", concept)

    def action_tick(self, index: int) -> None:
        if not 0 <= index < len(self._concepts):
            return
        self.ticked ^= {index}
        highlighted = self.highlighted
        self.replace_option_prompt_at_index(index, self._row(index))
        self.highlighted = highlighted

    def action_select(self) -> None:
        # Space and a click select: that ticks (or unticks) the highlighted concept.
        if self.highlighted is not None:
            self.action_tick(self.highlighted)

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(frozenset(self.ticked)))

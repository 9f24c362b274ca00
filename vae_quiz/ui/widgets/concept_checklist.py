"""The concepts of a prompt as a checklist: tick by digit, or space on the highlighted row."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from vae_quiz.text import printable
from vae_quiz.ui.deck_text import inline_content
from vae_quiz.ui.hanging import Hanging
from vae_quiz.ui.literal import literal


class ConceptChecklist(OptionList):
    """Numbered concepts with [x]/[ ] boxes (readable without colour), each with the words of
    the answer that earned its suggested tick beneath it. A long concept wraps under its own
    text, not under its box and number.

    Digits 1-9 toggle that concept, space (or a click) toggles the highlighted one, arrows move,
    enter posts `Confirmed`. The highlighted row is kept in view, also when the screen's body
    has to scroll to show it (a short terminal), and a digit moves the highlight to the concept
    it ticks: no concept is ticked unseen.
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
        self._concepts: tuple[Content, ...] = ()
        self._evidence: tuple[str | None, ...] = ()
        self.ticked: set[int] = set()

    def show(
        self,
        concepts: tuple[str, ...],
        ticked: frozenset[int] = frozenset(),
        evidence: tuple[str | None, ...] = (),
        markdown: bool = False,
    ) -> None:
        """Show a new prompt's concepts, the `ticked` ones (suggested) ticked, each with its
        `evidence` (None: none) beneath; the first highlighted. `markdown`: the concepts are
        inline Markdown (a Markdown deck's)."""
        self._concepts = tuple(
            inline_content(c, True) if markdown else literal(c, one_line=True) for c in concepts
        )
        self._evidence = evidence
        self.ticked = set(ticked)
        self.clear_options()
        self.add_options([Option(self._row(i)) for i in range(len(concepts))])
        self.highlighted = 0 if concepts else None

    def _row(self, index: int) -> Hanging:
        box = "[x]" if index in self.ticked else "[ ]"
        # Every row's text starts in one column, whether its number has one digit or two.
        width = len(str(len(self._concepts)))
        mark = Content.assemble(f"{box} ", (f"{index + 1:>{width}}", "bold"), "  ")
        text = self._concepts[index]
        evidence = self._evidence[index] if index < len(self._evidence) else None
        if evidence:
            # Deck and answer text stay literal: Content, never markup, and sanitised.
            found = printable(evidence, one_line=True)
            text = Content.assemble(text, "\n", ("found: ", "$text-muted"),
                                    (f"\u201c{found}\u201d", "italic $text-muted"))  # fmt: skip
        return Hanging(mark, text)

    def action_tick(self, index: int) -> None:
        if not 0 <= index < len(self._concepts):
            return
        self.ticked ^= {index}
        self.replace_option_prompt_at_index(index, self._row(index))
        self.highlighted = index
        self.scroll_to_highlight()  # also when it was highlighted but scrolled away

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        # OptionList scrolls only itself. Scroll the containers around it too, innermost first,
        # with the row's place from OptionList's own line table (private, pinned Textual 8).
        index = self.highlighted
        if index is None or not self.is_mounted or not self.region:
            return
        area = self.scrollable_content_region
        y = area.y + self._index_to_line[index] - round(self.scroll_y)
        row = Region(area.x, y, area.width, self._heights[index])
        for ancestor in self.ancestors:
            if isinstance(ancestor, Widget) and ancestor.max_scroll_y:
                row = _scroll_into_view(ancestor, row)

    def action_select(self) -> None:
        # Space and a click select: that ticks (or unticks) the highlighted concept.
        if self.highlighted is not None:
            self.action_tick(self.highlighted)

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(frozenset(self.ticked)))


def _scroll_into_view(container: Widget, row: Region) -> Region:
    """Scroll `container` the least that shows `row` (screen coordinates), its top if it is
    taller than the view; returns where `row` is after the scroll."""
    seen = container.scrollable_content_region
    step = 0
    if row.y < seen.y:
        step = row.y - seen.y
    elif row.bottom > seen.bottom:
        step = min(row.bottom - seen.bottom, row.y - seen.y)
    if not step:
        return row
    before = container.scroll_y
    container.scroll_to(y=before + step, animate=False, immediate=True)
    return row.translate((0, round(before - container.scroll_y)))

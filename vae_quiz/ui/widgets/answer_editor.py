"""The answer editor: a TextArea where tab indents, escape leaves it, and ctrl+c copies a
selection and otherwise quits."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea


class AnswerEditor(TextArea):
    """A multi-line editor for a written answer. ctrl+c with a selection copies it (as in most
    editors); without one it quits, as everywhere else in the app.

    The choice is made here, in the editor's own turn, not by the app as the key arrives: keys
    typed just before ctrl+c may still be waiting for the editor, and one of them may have
    replaced the selection.
    """

    # VaeQuizApp's priority ctrl+c lets the key through to a focused widget that says this.
    handles_ctrl_c = True

    BINDINGS = [Binding("ctrl+c", "copy_or_quit", "Copy", show=False)]

    def __init__(self, *, id: str | None = None, soft_wrap: bool = True) -> None:
        # Tab is text here (an indent to the next stop, in spaces: code answers need it). With
        # tab_behavior="focus" it jumped out of the editor and the letters typed next were taken
        # as the screen's keys (e, h, q...) and lost.
        super().__init__(id=id, soft_wrap=soft_wrap, tab_behavior="indent")

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            # TextArea's indent mode would take escape to move the focus on; here it goes, as
            # every other key the editor does not use, to the screen's binding (leave the editor).
            event.prevent_default()

    def action_copy_or_quit(self) -> None:
        if self.selected_text:
            self.action_copy()
        else:
            self.app.exit()

"""The answer editor: a TextArea where ctrl+c copies a selection and otherwise quits."""

from __future__ import annotations

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

    def action_copy_or_quit(self) -> None:
        if self.selected_text:
            self.action_copy()
        else:
            self.app.exit()

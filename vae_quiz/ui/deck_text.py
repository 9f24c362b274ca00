"""Deck text on a screen: literal in a text deck, rendered in a Markdown deck.

A text deck's field stays what it always was, a Static showing `literal(text)`. A Markdown deck's
long field is shown by a `MarkdownView` twin mounted right after that Static the first time one
is needed (the Static hides meanwhile); its short fields (choices, concepts) become Content with
inline styles. The Markdown machinery is imported only then, so a session of plain decks never
loads it (start-up time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from vae_quiz.ui.literal import literal

if TYPE_CHECKING:
    from vae_quiz.ui.widgets.markdown_view import MarkdownView


def warm_markdown() -> None:
    """Import the Markdown machinery and build its parser (about 50 ms), so the first Markdown
    text of a session that began on a plain one comes up as fast as the rest."""
    from vae_quiz.markdown_text import parser
    from vae_quiz.ui.widgets import markdown_view  # noqa: F401

    parser()


def inline_content(text: str, markdown: bool) -> Content:
    """A short text (a choice, a concept) as Content: literal in a text deck; inline Markdown
    (emphasis, code, maths as Unicode) in a Markdown deck."""
    if not markdown:
        return literal(text)
    from vae_quiz.markdown_text import inline_runs
    from vae_quiz.ui.widgets.markdown_view import runs_content

    return runs_content(tuple(inline_runs(text)))


class TextSlot:
    """One field of deck text on a screen: its Static, and the Static's Markdown twin.

    `show` puts a text in it; `visible` shows or hides whichever of the two holds the text.
    """

    def __init__(self, static: Static) -> None:
        self.static = static
        self.twin: MarkdownView | None = None
        self.is_markdown = False
        self._text: str | None = None
        self._visible = True
        # A Markdown text put in a hidden slot, parsed once the slot is shown.
        self._deferred: str | None = None

    def show(self, text: str, markdown: bool) -> None:
        """Show `text` (the same text again is not redrawn: a redraw costs a layout)."""
        if text == self._text and markdown == self.is_markdown:
            return
        self._text = text
        self.is_markdown = markdown
        self._deferred = None
        if markdown and not self._visible:
            # A hidden text (a card's back) is parsed when it is shown: the next card comes
            # up sooner.
            self._deferred = text
        elif markdown:
            self._show_markdown(text)
        else:
            self.static.update(literal(text))
        self._apply_visibility()

    def prepare(self, text: str, markdown: bool, width: int | None = None) -> None:
        """Do the work of showing `text` now, ahead of its `show`: a Markdown text is parsed and
        laid out at this slot's last width, else at `width` (a plain text needs nothing). For
        the time between keys, when the learner reads: the key that shows it is then quick."""
        width = self.width or width
        if markdown and width:
            from vae_quiz.ui.widgets.markdown_view import laid_out

            laid_out(text, width)

    @property
    def width(self) -> int | None:
        """The width this slot's Markdown text was last laid out at (None: none was yet)."""
        return self.twin.laid_out_width if self.twin is not None else None

    @property
    def visible(self) -> bool:
        return self._visible

    @visible.setter
    def visible(self, shown: bool) -> None:
        self._visible = shown
        if shown and self._deferred is not None:
            text, self._deferred = self._deferred, None
            self._show_markdown(text)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        self.static.display = self._visible and not self.is_markdown
        if self.twin is not None:
            self.twin.display = self._visible and self.is_markdown

    def _show_markdown(self, text: str) -> None:
        if self.twin is not None:
            self.twin.show(text)
            return
        from vae_quiz.ui.widgets.markdown_view import MarkdownView

        twin_id = f"{self.static.id}-md" if self.static.id else None
        self.twin = MarkdownView(text, id=twin_id, classes="deck-markdown")
        parent = self.static.parent
        assert isinstance(parent, Widget), "a slot's Static is mounted in a widget"
        parent.mount(self.twin, after=self.static)

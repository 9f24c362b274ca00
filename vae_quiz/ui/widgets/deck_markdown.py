"""A Markdown deck's long text: Textual's Markdown widget over vae-quiz's own token stream.

The tokens come from `vae_quiz.markdown_text.screen_tokens`: maths already Unicode, links and
images already plain text, control characters visible. Display maths gets a block of its own,
centred. Links are never opened (`open_links=False`); there are no link tokens left to click.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import (
    MarkdownBlock,
    MarkdownFence,
    MarkdownH1,
    MarkdownH2,
    MarkdownH3,
    MarkdownH4,
    MarkdownParagraph,
)

from vae_quiz.markdown_text import screen_tokens

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from textual.await_complete import AwaitComplete


class _ScreenParser:
    """What the Markdown widget asks of a parser: `parse(text)` -> block tokens."""

    def parse(self, src: str, env: object = None) -> list[Token]:
        return screen_tokens(src)


def _parser() -> MarkdownIt:
    return cast("MarkdownIt", _ScreenParser())


class DisplayMaths(MarkdownBlock):
    """A display formula on its own line, centred."""

    DEFAULT_CSS = """
    DisplayMaths {
        width: 1fr;
        text-align: center;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self.set_content(Content(token.content.strip()))


@functools.lru_cache(maxsize=256)
def _highlighted(code: str, language: str, ansi: bool, dark: bool) -> Content:
    return MarkdownFence.highlight(code, language, ansi, dark)


class CodeFence(MarkdownFence):
    """Textual's fence, its highlighting kept: a fence highlights its code again on every style
    update (a new card restyles the screen), with Pygments' lexer looked up each time. Content
    is immutable, so the same code in the same theme is highlighted once."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return _highlighted(code, language, ansi, dark)


# Blocks that are one text and nothing else: their text can be replaced in place.
_IN_PLACE = (MarkdownParagraph, MarkdownH1, MarkdownH2, MarkdownH3, MarkdownH4, DisplayMaths)


class DeckMarkdown(Markdown):
    """A Markdown deck's text, rendered."""

    BLOCKS = {**Markdown.BLOCKS, "fence": CodeFence, "code_block": CodeFence}

    DEFAULT_CSS = """
    DeckMarkdown {
        padding: 0;
        height: auto;
        & > MarkdownBlock:last-child {
            margin-bottom: 0;
        }
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, id=id, classes=classes, parser_factory=_parser, open_links=False)

    def show(self, text: str) -> None:
        """Render `text` in place of what is shown."""
        if self.is_mounted:
            self.update(text)
        else:  # mounting: the text it will render once mounted (Markdown's own attribute)
            self._initial_markdown = text

    def update(self, markdown: str) -> AwaitComplete:
        """Show `markdown`. When its blocks are the same kinds of plain text block as those on
        screen (a card's front is mostly a paragraph or two), each block's text is replaced in
        place, as a Static's is; otherwise Textual's update removes the blocks and mounts new
        ones, whose styling and layout cost a plain deck's whole keypress again. Built with
        Markdown's own block builder (`_parse_markdown`, private, Textual pinned below 9)."""
        from textual.await_complete import AwaitComplete

        old = [child for child in self.children if isinstance(child, MarkdownBlock)]
        if old and all(type(block) in _IN_PLACE for block in old):
            new = list(self._parse_markdown(screen_tokens(markdown)))
            if [type(b) for b in new] == [type(b) for b in old]:
                self._markdown = markdown
                self._table_of_contents = None
                for block, replacement in zip(old, new, strict=True):
                    block.source_range = replacement.source_range
                    block._copy_context(replacement)
                    block.set_content(replacement._content)
                return AwaitComplete.nothing()
        return super().update(markdown)

    def unhandled_token(self, token: Token) -> MarkdownBlock | None:
        if token.type in ("math_block", "math_block_label"):
            return DisplayMaths(self, token)
        return None

"""Text from a deck, a file name or the progress file as Textual shows it: through the one
sanitiser (`vae_quiz.text.printable`) and as `Content`, never markup."""

from __future__ import annotations

from textual.content import Content

from vae_quiz.text import printable


def literal(text: str, *, one_line: bool = False) -> Content:
    """`text` shown as it is: `[b]`, `[@click=...]` and `list[int]` stay text, and no control
    character reaches the terminal (ESC shows as ␛). `one_line` for a title or a list row."""
    return Content(printable(text, one_line=one_line))

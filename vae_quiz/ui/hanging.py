"""Text that wraps like prose: a mark (a bullet, a number, a tick box) in a column of its own and
the text beside it wrapping under itself, not under the mark (a hanging indent).

Textual's `Content` wraps every line back to its first column, and a row of two widgets per
item costs a mount and a layout each; these two Visuals draw the indent inside one widget, at
whatever width it has, so they fit an `OptionList` option or a `Static` alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """`mark` on the first line, `text` beside it; every line of `text` starts in the column
    after the mark. `indent` widens the mark's column (default: the mark's own width)."""

    def __init__(self, mark: Content | str, text: Content, indent: int | None = None) -> None:
        self.mark = Content(mark) if isinstance(mark, str) else mark
        self.text = text
        self.indent = self.mark.cell_length if indent is None else indent

    @property
    def plain(self) -> str:
        """The text as a reader copies it: the mark, then the text's lines, each indented."""
        first, *rest = self.text.plain.split("\n")
        pad = " " * self.indent
        return "\n".join([self.mark.plain.ljust(self.indent) + first, *(pad + r for r in rest)])

    def __str__(self) -> str:
        return self.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.text.get_optimal_width(rules, container_width - self.indent)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.indent + self.text.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.text.get_height(rules, max(1, width - self.indent))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        indent = min(self.indent, max(0, width - 1))
        # A selection's offsets are the widget's, not this text's: never drawn in a part.
        options = replace(options, selection=None, selection_style=None)
        lines = self.text.render_strips(max(1, width - indent), height, style, options)
        if not indent:
            return lines
        rich_style = style.rich_style
        mark = self.mark.render_strips(indent, 1, style, options)
        first = mark[0].crop_extend(0, indent, rich_style) if mark else None
        blank = Strip.blank(indent, rich_style)
        return [
            Strip.join([first if first is not None and y == 0 else blank, line])
            for y, line in enumerate(lines)
        ]


class Stack(Visual):
    """Visuals one under another (prose paragraphs, `Hanging` rows), drawn by one widget."""

    def __init__(self, parts: Iterable[Visual]) -> None:
        self.parts = list(parts)

    @property
    def plain(self) -> str:
        return "\n".join(_plain(part) for part in self.parts)

    def __str__(self) -> str:
        return self.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((p.get_optimal_width(rules, container_width) for p in self.parts), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((p.get_minimal_width(rules) for p in self.parts), default=1)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(part.get_height(rules, width) for part in self.parts)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        options = replace(options, selection=None, selection_style=None)
        lines: list[Strip] = []
        for part in self.parts:
            if height is not None and len(lines) >= height:
                break
            lines.extend(part.render_strips(width, None, style, options))
        return lines if height is None else lines[:height]


def _plain(part: Visual) -> str:
    return str(part.plain) if isinstance(part, Content | Hanging | Stack) else str(part)

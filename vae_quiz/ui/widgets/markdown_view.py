"""A Markdown deck's long text, laid out as lines of Content in one widget.

The blocks come from `vae_quiz.markdown_text.blocks` (maths already Unicode, links and images
already plain text, control characters visible): this module only lays them out for a width.
One widget and no children, so the next card's text is one `show` and one layout, as a plain
deck's Static is: Textual's Markdown widget mounts a widget per block (and more per list item
and table cell), which measured 20-36 ms a card against a 16 ms budget.

Lists, quotes and their wrapped lines hang under their text; code is highlighted by Textual's
highlighter (imported with the first code block shown); display maths is centred; a table's
columns share the width and their cells wrap.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content, Span
from textual.widget import Widget

from vae_quiz.markdown_text import (
    Block,
    Code,
    Formula,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Runs,
    Table,
    blocks,
)

if TYPE_CHECKING:
    from textual.geometry import Size

# Inline Markdown's styles as Content styles (shared with the short texts of deck_text).
INLINE_STYLES = {
    "strong": "bold",
    "em": "italic",
    "s": "strike",
    "code": "$text-warning on $warning 10%",
}
_HEADING_STYLES = {1: "bold underline $text-primary", 2: "bold $text-primary"}
_CODE_BACKGROUND = "on $foreground 6%"
_QUOTE_BAR = Content.styled("▌ ", "$text-primary 60%")
_GAP = " │ "
_MIN_COLUMN = 3  # a table column gives way down to this


def runs_content(runs: Runs) -> Content:
    """Inline runs as one Content, each run in its styles."""
    parts: list[str] = []
    spans: list[Span] = []
    at = 0
    for run in runs:
        for style in sorted(run.styles):
            spans.append(Span(at, at + len(run.text), INLINE_STYLES[style]))
        parts.append(run.text)
        at += len(run.text)
    return Content("".join(parts), spans=spans)


@functools.lru_cache(maxsize=256)
def _highlighted(code: str, language: str) -> Content:
    """Code in the theme's colours (Content keeps the theme's variables, so one highlighting
    serves every theme); a language Pygments does not know is shown plain."""
    from textual.highlight import highlight

    return highlight(code, language=language or None)


def _wrap(content: Content, width: int) -> list[Content]:
    return content.wrap(max(width, 1)) or [Content("")]


def _hang(first: Content, lines: Sequence[Content]) -> list[Content]:
    """`lines` behind `first` (a marker), the lines after the first under the text."""
    pad = Content(" " * first.cell_length)
    return [(first if n == 0 else pad) + line for n, line in enumerate(lines)]


def _list(block: ListBlock, width: int) -> list[Content]:
    if block.ordered:
        numbers = [f"{block.start + n}." for n in range(len(block.items))]
        markers = [number.rjust(len(numbers[-1])) + " " for number in numbers]
    else:
        markers = ["• "] * len(block.items)
    out: list[Content] = []
    for n, (marker, item) in enumerate(zip(markers, block.items, strict=True)):
        if n and not block.tight:
            out.append(Content(""))
        mark = Content.styled(marker, "$text-primary")
        inner = _lay_out(item, width - mark.cell_length, tight=block.tight)
        out.extend(_hang(mark, inner or [Content("")]))
    return out


def _code(block: Code, width: int) -> list[Content]:
    inner = max(width - 2, 1)
    out: list[Content] = []
    for line in _highlighted(block.code, block.language).split("\n", allow_blank=True):
        for part in line.wrap(inner) or [Content("")]:
            padded = Content(" ") + part + Content(" " * (width - 1 - part.cell_length))
            out.append(padded.stylize(_CODE_BACKGROUND))
    return out


def _column_widths(natural: list[int], width: int) -> list[int]:
    """Each column's width: its widest cell while the table fits; else the widest columns
    give way first, none narrower than a few cells."""
    room = width - len(_GAP) * (len(natural) - 1)
    widths = list(natural)
    while sum(widths) > room and max(widths) > _MIN_COLUMN:
        widest = max(range(len(widths)), key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def _aligned(cell: Content, width: int, align: str) -> Content:
    room = width - cell.cell_length
    if align == "right":
        return Content(" " * room) + cell
    if align == "center":
        return Content(" " * (room // 2)) + cell + Content(" " * (room - room // 2))
    return cell + Content(" " * room)


def _table(block: Table, width: int) -> list[Content]:
    columns = max([len(block.header), *(len(row) for row in block.rows)], default=0)
    if not columns:
        return []
    align = [*block.align, *["left"] * columns][:columns]
    empty: Runs = ()

    def cells(row: Sequence[Runs]) -> list[Content]:
        return [runs_content(row[n] if n < len(row) else empty) for n in range(columns)]

    header = [cell.stylize("bold") for cell in cells(block.header)]
    rows = [cells(row) for row in block.rows]
    natural = [max(len(row[n].plain) for row in [header, *rows]) for n in range(columns)]
    widths = _column_widths([max(w, 1) for w in natural], width)
    gap = Content.styled(_GAP, "$text-muted")

    def lines(row: list[Content]) -> list[Content]:
        wrapped = [cell.wrap(widths[n]) or [Content("")] for n, cell in enumerate(row)]
        out = []
        for line in range(max(len(parts) for parts in wrapped)):
            parts = [
                _aligned(wrapped[n][line] if line < len(wrapped[n]) else Content(""), w, align[n])
                for n, w in enumerate(widths)
            ]
            out.append(gap.join(parts).rstrip())
        return out

    rule = Content.styled("─┼─".join("─" * w for w in widths), "$text-muted")
    out = lines(header) if block.header else []
    if block.header:
        out.append(rule)
    for row in rows:
        out.extend(lines(row))
    return out


def _block(block: Block, width: int) -> list[Content]:
    if isinstance(block, Paragraph):
        return _wrap(runs_content(block.runs), width)
    if isinstance(block, Heading):
        style = _HEADING_STYLES.get(block.level, "bold")
        return _wrap(runs_content(block.runs).stylize(style), width)
    if isinstance(block, ListBlock):
        return _list(block, width)
    if isinstance(block, Quote):
        return _hang(_QUOTE_BAR, _lay_out(block.blocks, width - _QUOTE_BAR.cell_length))
    if isinstance(block, Code):
        return _code(block, width)
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Formula):
        return [_aligned(line, width, "center") for line in _wrap(Content(block.text), width)]
    if isinstance(block, Rule):
        return [Content.styled("─" * width, "$text-muted")]
    raise AssertionError(f"a block kind with no layout: {block!r}")


def lay_out(shown: Sequence[Block], width: int) -> list[Content]:
    """`shown` as lines at most `width` cells wide (below a few cells, where list marks and
    quote bars leave no room, a line is cut at the edge)."""
    width = max(width, 1)
    return [
        line if line.cell_length <= width else line.truncate(width)
        for line in _lay_out(shown, width)
    ]


@functools.lru_cache(maxsize=256)
def laid_out(text: str, width: int) -> tuple[Content, ...]:
    """`text` parsed and laid out at `width`, and kept: a screen prepares the texts it shows
    next while the learner reads (`deck_text.TextSlot.prepare`), and a text shown again (a card
    after Again, at the same width) is not parsed twice."""
    return tuple(lay_out(blocks(text), width))


def _lay_out(shown: Sequence[Block], width: int, *, tight: bool = False) -> list[Content]:
    """A blank line between blocks (not between the paragraphs of a tight list's item)."""
    width = max(width, 1)
    out: list[Content] = []
    for n, block in enumerate(shown):
        if n and not (tight and isinstance(shown[n - 1], Paragraph)):
            out.append(Content(""))
        out.extend(_block(block, width))
    return out


class MarkdownView(Widget):
    """A Markdown deck's text: `show(text)` lays it out afresh; nothing in it is a link or an
    action, and there is nothing to click."""

    DEFAULT_CSS = """
    MarkdownView {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._width: int | None = None  # the width last laid out at

    @property
    def blocks(self) -> tuple[Block, ...]:
        return blocks(self._text)

    def show(self, text: str) -> None:
        """Show `text` in place of what is shown."""
        self._text = text
        self.refresh(layout=True)

    @property
    def laid_out_width(self) -> int | None:
        """The width this view was last laid out at (None before its first layout)."""
        return self._width

    def lines(self, width: int) -> tuple[Content, ...]:
        """The text laid out at `width`."""
        self._width = width
        return laid_out(self._text, width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))

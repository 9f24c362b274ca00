"""The texts of a Markdown deck (`format: markdown`): CommonMark with `$...$` and `$$...$$` maths.

One parser (markdown-it-py's GFM-like preset, raw HTML off, with the dollar-maths plugin) serves
the screen, the `.apkg` export and `vae-quiz check`, so the three agree on what is maths, what is
code and what is text. Maths becomes the formula converter's Unicode for the screen and MathJax
delimiters for Anki. Nothing here imports Textual or Rich: the UI lays out the blocks it is given.

Deck text is data: control characters are made visible before parsing; links and images become
plain text (their address shown after them), so no token carries anything a screen could follow
or run.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from vae_quiz.errors import DeckProblem
from vae_quiz.formulas import latex_to_unicode
from vae_quiz.model import Card, Deck, Item, Prompt, Question
from vae_quiz.text import printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# The fields of each kind that hold long text (rendered as blocks) and short text (inline only).
LONG_FIELDS = {
    "card": ("front", "back"),
    "question": ("question", "explanation"),
    "prompt": ("prompt", "hint", "model_answer"),
}
SHORT_FIELDS = {"card": (), "question": ("choices",), "prompt": ("concepts",)}

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# How a CommonMark renderer would show a character that would otherwise mean something to it.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~&])")


def clean(text: str) -> str:
    """`text` through the one sanitiser (`text.printable`: controls visible, bidi controls as
    escapes, invisible characters gone), a tab as four spaces (code keeps its indent)."""
    return printable(text).replace("\t", "    ")


@functools.cache
def parser() -> MarkdownIt:
    """The shared parser: GFM-like (tables, strikethrough, linkify), no raw HTML (shown as text),
    `$...$`/`$$...$$` maths. Escapes stay `text_special` tokens, so a `\\$` is told from a `$`."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("gfm-like", {"html": False})
    md.use(dollarmath_plugin, double_inline=True)
    md.disable("text_join")
    return md


class Maths(NamedTuple):
    """A formula found in a text: its LaTeX, whether it is display maths, its Unicode."""

    latex: str
    display: bool
    text: str
    unknown: tuple[str, ...]


def convert(latex: str, display: bool) -> Maths:
    """A formula through the converter; what it cannot convert stays LaTeX source."""
    converted = latex_to_unicode(latex.strip())
    return Maths(latex, display, clean(converted.text), tuple(converted.unknown))


_INLINE_MATHS = ("math_inline", "math_inline_double")
_BLOCK_MATHS = ("math_block", "math_block_label")


def _text_token(like: Token, content: str) -> Token:
    from markdown_it.token import Token

    token = Token("text", "", 0, content=content)
    token.level = like.level
    return token


def _plain_inline(children: Sequence[Token]) -> list[Token]:
    """An inline token's children with maths as Unicode text, escapes as text, and links and
    images as their text followed by their address (nothing left to follow or run)."""
    out: list[Token] = []
    hrefs: list[tuple[str, int]] = []
    for child in children:
        kind = child.type
        if kind in _INLINE_MATHS:
            out.append(_text_token(child, convert(child.content, False).text))
        elif kind == "text_special":
            out.append(_text_token(child, child.content))
        elif kind == "link_open":
            hrefs.append((str(child.attrs.get("href", "")), len(out)))
        elif kind == "link_close":
            href, start = hrefs.pop() if hrefs else ("", len(out))
            shown = "".join(t.content for t in out[start:] if t.type == "text")
            if href and child.markup != "linkify" and href != shown:
                out.append(_text_token(child, f" <{clean(href)}>"))
        elif kind == "image":
            alt = "".join(t.content for t in child.children or ())
            src = clean(str(child.attrs.get("src", "")))
            out.append(_text_token(child, f"[image: {alt}] <{src}>" if alt else f"[image <{src}>]"))
        else:
            out.append(child)
    return out


def screen_tokens(text: str) -> list[Token]:
    """The block tokens of `text` for a screen: inline maths, links and images made plain
    text (see `_plain_inline`); a display formula is a `math_block` token whose content is its
    Unicode."""
    tokens = parser().parse(clean(text))
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            token.children = _plain_inline(token.children)
        elif token.type in _BLOCK_MATHS:
            token.content = convert(token.content, True).text
    return tokens


class Run(NamedTuple):
    """A stretch of inline text with its styles (any of "em", "strong", "s", "code")."""

    text: str
    styles: frozenset[str]


Runs = tuple[Run, ...]

_STYLE_OF = {"em_open": "em", "strong_open": "strong", "s_open": "s"}


def _runs(children: Sequence[Token]) -> Runs:
    """An inline token's children (maths, links and images already plain) as styled runs."""
    runs: list[Run] = []
    styles: list[str] = []
    for child in _plain_inline(children):
        kind = child.type
        if kind in _STYLE_OF:
            styles.append(_STYLE_OF[kind])
        elif kind.endswith("_close") and styles:
            styles.pop()
        elif kind == "text":
            runs.append(Run(child.content, frozenset(styles)))
        elif kind == "code_inline":
            runs.append(Run(child.content, frozenset((*styles, "code"))))
        elif kind == "softbreak":
            runs.append(Run(" ", frozenset(styles)))
        elif kind == "hardbreak":
            runs.append(Run("\n", frozenset(styles)))
    return tuple(runs)


def inline_runs(text: str) -> list[Run]:
    """A short text (a choice, a concept) as inline Markdown: runs of text and their styles.
    Block syntax is not read (a choice starting with '-' is no list); a line break is a space."""
    return [
        run._replace(text=run.text.replace("\n", " "))
        for token in parser().parseInline(clean(text))
        for run in _runs(token.children or ())
    ]


# -- blocks: a long text's structure, for a screen to lay out --------------------------------


class Paragraph(NamedTuple):
    runs: Runs


class Heading(NamedTuple):
    level: int
    runs: Runs


class ListBlock(NamedTuple):
    """A bullet or numbered list; each item is blocks of its own. `tight`: no blank lines."""

    ordered: bool
    start: int
    tight: bool
    items: tuple[tuple[Block, ...], ...]


class Quote(NamedTuple):
    blocks: tuple[Block, ...]


class Code(NamedTuple):
    """A fenced or indented code block: its language (may be empty) and its code."""

    language: str
    code: str


class Table(NamedTuple):
    """A table: each column's alignment ("left", "center", "right"), the header cells, the rows."""

    align: tuple[str, ...]
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]


class Formula(NamedTuple):
    """Display maths, as Unicode (or its LaTeX source where the converter could not)."""

    text: str


class Rule(NamedTuple):
    """A thematic break (`---`)."""

    markup: str = "---"


Block = Paragraph | Heading | ListBlock | Quote | Code | Table | Formula | Rule


@functools.lru_cache(maxsize=256)
def blocks(text: str) -> tuple[Block, ...]:
    """A long text of a Markdown deck as blocks: what a screen lays out, with maths as Unicode,
    links and images as plain text and control characters visible (see `screen_tokens`). The
    blocks are immutable, so the last texts' are kept (a card shown again is not parsed again)."""
    found, _ = _blocks(screen_tokens(text), 0, "")
    return tuple(found)


def _align(token: Token) -> str:
    style = str(token.attrs.get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


def _table(tokens: Sequence[Token], at: int) -> tuple[Table, int]:
    """The table opening at `tokens[at]`, and the index after its close."""
    align: list[str] = []
    header: tuple[Runs, ...] = ()
    rows: list[tuple[Runs, ...]] = []
    row: list[Runs] = []
    in_head = False
    at += 1
    while at < len(tokens) and tokens[at].type != "table_close":
        token = tokens[at]
        kind = token.type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "th_open" and in_head:
            align.append(_align(token))
        elif kind == "inline":
            row.append(_runs(token.children or ()))
        elif kind == "tr_close":
            if in_head:
                header = tuple(row)
            else:
                rows.append(tuple(row))
        at += 1
    return Table(tuple(align), header, tuple(rows)), at + 1


def _blocks(tokens: Sequence[Token], at: int, close: str) -> tuple[list[Block], int]:
    """The blocks from `tokens[at]` up to the token of type `close` (or the end), and the
    index after it. markdown-it's block tokens nest as open ... close pairs."""
    out: list[Block] = []
    while at < len(tokens):
        token = tokens[at]
        kind = token.type
        if kind == close:
            return out, at + 1
        if kind in ("paragraph_open", "heading_open"):
            inline = tokens[at + 1]
            runs = _runs(inline.children or ()) if inline.type == "inline" else ()
            level = int(token.tag[1:]) if kind == "heading_open" else 0
            out.append(Heading(level, runs) if level else Paragraph(runs))
            at += 3  # open, inline, close
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = int(str(token.attrs.get("start", 1)))
            closer = kind.replace("_open", "_close")
            tight = at + 2 < len(tokens) and tokens[at + 2].hidden
            items: list[tuple[Block, ...]] = []
            at += 1
            while at < len(tokens) and tokens[at].type == "list_item_open":
                item, at = _blocks(tokens, at + 1, "list_item_close")
                items.append(tuple(item))
            if at < len(tokens) and tokens[at].type == closer:
                at += 1
            out.append(ListBlock(ordered, start, tight, tuple(items)))
        elif kind == "blockquote_open":
            inner, at = _blocks(tokens, at + 1, "blockquote_close")
            out.append(Quote(tuple(inner)))
        elif kind in ("fence", "code_block"):
            language = token.info.split()[0] if token.info.strip() else ""
            out.append(Code(language, token.content.removesuffix("\n")))
            at += 1
        elif kind in _BLOCK_MATHS:
            out.append(Formula(token.content))
            at += 1
        elif kind == "table_open":
            table, at = _table(tokens, at)
            out.append(table)
        elif kind == "hr":
            out.append(Rule(token.markup))
            at += 1
        else:  # a token no rule above knows: its text is shown, never dropped
            if token.content and not kind.endswith("_close"):
                out.append(Paragraph((Run(token.content, frozenset()),)))
            at += 1
    return out, at


def inline_plain(text: str) -> str:
    """A short text's words without its Markdown (for lists and messages)."""
    return "".join(run.text for run in inline_runs(text))


def one_line(text: str) -> str:
    """A Markdown text as one line of plain words (for lists such as a session's summary):
    no Markdown marks, maths as Unicode, code as its text."""
    words: list[str] = []
    for token in screen_tokens(text):
        if token.type == "inline":
            words.append("".join(c.content for c in token.children or ()
                                 if c.type in ("text", "code_inline")))  # fmt: skip
        elif token.type in _BLOCK_MATHS or token.type in ("fence", "code_block"):
            words.append(token.content.strip())
    return " ".join(" ".join(words).split())


# -- export -----------------------------------------------------------------------------------


@functools.cache
def _html_parser() -> MarkdownIt:
    """The shared parser's rules, rendering maths as MathJax delimiters for Anki."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    def inline(self: object, tokens: Sequence[Token], idx: int, *_: object) -> str:
        return f"\\({html.escape(tokens[idx].content.strip(), quote=False)}\\)"

    def block(self: object, tokens: Sequence[Token], idx: int, *_: object) -> str:
        return f"<p>\\[{html.escape(tokens[idx].content.strip(), quote=False)}\\]</p>\n"

    md = MarkdownIt("gfm-like", {"html": False})
    md.use(dollarmath_plugin, double_inline=True)
    for name in _INLINE_MATHS:
        md.add_render_rule(name, inline)
    for name in _BLOCK_MATHS:
        md.add_render_rule(name, block)
    return md


def to_html(text: str, *, inline: bool = False) -> str:
    """A Markdown text as HTML (raw HTML in it escaped), maths as `\\(...\\)` and `\\[...\\]`
    for MathJax. `inline`: a short text, rendered without a paragraph around it."""
    md = _html_parser()
    source = clean(text)
    rendered = md.renderInline(source) if inline else md.render(source)
    return rendered.strip()


# -- checks -----------------------------------------------------------------------------------


def _walk(tokens: Iterable[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def text_warnings(text: str) -> list[str]:
    """What may not show as the author meant in a Markdown text: an unclosed code fence, an
    unclosed `$`, a LaTeX command the converter does not know. Each is one message."""
    source = clean(text)
    lines = source.split("\n")
    found: list[str] = []
    for token in _walk(parser().parse(source)):
        kind = token.type
        if kind == "fence" and token.map is not None:
            opener = _FENCE_RE.match(lines[token.map[0]])
            last = lines[token.map[1] - 1] if token.map[1] - 1 > token.map[0] else ""
            closer = _FENCE_RE.match(last)
            mark = opener.group(1) if opener else token.markup
            if not (closer and closer.group(1)[0] == mark[0] and len(closer.group(1)) >= len(mark)
                    and not last.strip().strip(mark[0])):  # fmt: skip
                found.append(f"the code fence {mark} opened on line {token.map[0] + 1} of the "
                             "text is never closed: the rest of the text is code")  # fmt: skip
        elif kind in _INLINE_MATHS or kind in _BLOCK_MATHS:
            maths = convert(token.content, kind in _BLOCK_MATHS)
            for command in maths.unknown:
                found.append(f"the formula ${maths.latex.strip()}$ uses {command}, which is "
                             "shown as LaTeX source (the converter does not know it)")  # fmt: skip
        elif kind == "text" and "$" in token.content:
            found.append(f"an unclosed '$' in {token.content.strip()!r}: write \\$ for a dollar "
                         "sign, or close the formula")  # fmt: skip
    return found


def _fields(item: Item) -> Iterator[tuple[str, str]]:
    """(field, text) of every text an item shows."""
    if isinstance(item, Card):
        yield from (("front", item.front), ("back", item.back))
    elif isinstance(item, Question):
        yield "question", item.question
        yield from (("choices", choice) for choice in item.choices)
        if item.explanation:
            yield "explanation", item.explanation
    elif isinstance(item, Prompt):
        yield "prompt", item.prompt
        if item.hint:
            yield "hint", item.hint
        yield from (("concepts", concept) for concept in item.concepts)
        if item.model_answer:
            yield "model_answer", item.model_answer


def deck_warnings(deck: Deck) -> list[DeckProblem]:
    """The warnings of a Markdown deck (none for a text deck), each naming the file, the item's
    line, the item and the field."""
    if not deck.is_markdown:
        return []
    out: list[DeckProblem] = []
    for item in deck.items:
        for name, text in _fields(item):
            for message in text_warnings(text):
                out.append(DeckProblem(deck.path, item.line or None, message, item.kind,
                                       item.id, name))  # fmt: skip
    return out


def escape_markdown(text: str) -> str:
    """`text` written so a Markdown renderer shows it as it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)

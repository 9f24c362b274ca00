"""LaTeX maths to readable Unicode text: a small parser of ours over unicodeit's symbol tables."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Converted:
    """A formula as Unicode text, and the LaTeX commands left in it as source because they are
    unknown (each once, in order of first appearance, with the backslash: `\\foo`)."""

    text: str
    unknown: tuple[str, ...]


def latex_to_unicode(source: str) -> Converted:
    """`source` (the inside of `$...$` or `$$...$$`) as Unicode text: `\\sigma_j^2` -> `σⱼ²`.

    Deterministic and total: any string gives a result, never an exception. What cannot be
    converted (an unknown command, a group nested too deep, a formula longer than
    `MAX_LENGTH` characters) is kept as its LaTeX source.
    """
    if len(source) > MAX_LENGTH:
        return Converted(source.translate(_VISIBLE), ())
    parser = _Parser(source, _tables())
    return Converted(parser.convert(), tuple(parser.unknown))


# A formula longer than this is shown as its source: converting takes a few µs a character, and
# no formula a person studies comes near it.
MAX_LENGTH = 10_000

# Nesting deeper than this (braces, or arguments such as \frac\frac\frac...) is kept as source,
# so a hostile formula cannot exhaust Python's stack.
_MAX_DEPTH = 40

# A command word, a control symbol, a lone final backslash, a run of spaces, or any one character.
_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.)|(\\)$|(\s+)|(.)", re.DOTALL)

_CMD, _SYM, _SPACE, _CHAR = "cmd", "sym", "space", "char"

_FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")
_FUNCTIONS = frozenset(
    {"log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh"}
    | {"coth", "arcsin", "arccos", "arctan", "max", "min", "sup", "inf", "lim", "liminf"}
    | {"limsup", "arg", "det", "dim", "ker", "deg", "gcd", "hom", "Pr", "tr", "mod", "bmod"}
)
# Font commands: the letter style of unicodeit's tables they stand for ("" = upright, unchanged).
_FONTS = {
    "mathbb": "mathbb",
    "Bbb": "mathbb",
    "mathds": "mathbb",
    "mathbf": "mathbf",
    "boldsymbol": "mathbf",
    "bm": "mathbf",
    "mathcal": "mathcal",
    "mathscr": "mathcal",
    "mathfrak": "mathfrak",
    "mathit": "mathit",
    "mathsf": "mathsf",
    "mathtt": "mathtt",
    "mathrm": "",
    "mathnormal": "",
}
_TEXTS = frozenset(
    {"text", "textrm", "textnormal", "textit", "textbf", "textsf", "texttt", "mbox", "hbox"}
)
_ACCENTS = {
    "hat": "\u0302",
    "widehat": "\u0302",
    "check": "\u030c",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "bar": "\u0304",
    "overline": "\u0305",
    "underline": "\u0332",
    "vec": "\u20d7",
    "dot": "\u0307",
    "ddot": "\u0308",
    "acute": "\u0301",
    "grave": "\u0300",
    "breve": "\u0306",
    "mathring": "\u030a",
}
# Sizing commands before a delimiter: the delimiter alone is shown.
_SIZES = frozenset(
    {"left", "right", "middle", "big", "Big", "bigg", "Bigg"}
    | {"bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr"}
)
_LEFT = frozenset({"langle", "lVert", "lvert", "lbrace", "lbrack", "lceil", "lfloor"})
_RIGHT = frozenset({"rangle", "rVert", "rvert", "rbrace", "rbrack", "rceil", "rfloor"})
_LAYOUT = frozenset(
    {"displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits", "nolimits"}
    | {"nonumber", "notag", "vphantom", "strut", "allowbreak"}
)
# Environments: (opening, between cells, between rows, closing). Alignments become lines.
_LINES = ("", " ", "\n", "")
_ENVIRONMENTS = {
    **dict.fromkeys(
        [
            *("aligned", "align", "align*", "alignat", "alignat*", "gathered", "gather"),
            *("gather*", "split", "multline", "multline*", "equation", "equation*", "eqnarray"),
            "eqnarray*",
        ],
        _LINES,
    ),
    "cases": ("{ ", ", ", "; ", ""),
    "dcases": ("{ ", ", ", "; ", ""),
    "matrix": ("[", ", ", "; ", "]"),
    "smallmatrix": ("[", ", ", "; ", "]"),
    "array": ("[", ", ", "; ", "]"),
    "bmatrix": ("[", ", ", "; ", "]"),
    "pmatrix": ("(", ", ", "; ", ")"),
    "Bmatrix": ("{", ", ", "; ", "}"),
    "vmatrix": ("|", ", ", "; ", "|"),
    "Vmatrix": ("‖", ", ", "; ", "‖"),
}
_SPACES = {"quad": "  ", "qquad": "   ", "enspace": " ", "thinspace": " ", "medspace": " "}
_SYMBOLS = {
    "|": "‖",
    ",": " ",
    ":": " ",
    ";": " ",
    ">": " ",
    " ": " ",
    "!": "",
    "{": "{",
    "}": "}",
    "%": "%",
    "_": "_",
    "&": "&",
    "#": "#",
    "$": "$",
    "\\": "\n",
}
# Ours over unicodeit's: delimiters it maps to wide CJK brackets, dots, and names it lacks.
_OVERRIDES = {
    "langle": "⟨",
    "rangle": "⟩",
    "lVert": "‖",
    "rVert": "‖",
    "Vert": "‖",
    "lvert": "|",
    "rvert": "|",
    "vert": "|",
    "lbrace": "{",
    "rbrace": "}",
    "lbrack": "[",
    "rbrack": "]",
    "cdots": "⋯",
    "ldots": "…",
    "dots": "…",
    "dotsc": "…",
    "dotsb": "⋯",
    "colon": ":",
    "prime": "′",
    "top": "⊤",
    "intercal": "⊺",
    "varnothing": "∅",
    "emptyset": "∅",
    "eps": "ε",
    "iff": "⟺",
    "implies": "⟹",
    "coloneqq": "≔",
    "triangleq": "≜",
}
_VULGAR = {
    ("1", "2"): "½",
    ("1", "3"): "⅓",
    ("2", "3"): "⅔",
    ("1", "4"): "¼",
    ("3", "4"): "¾",
    ("1", "5"): "⅕",
    ("1", "6"): "⅙",
    ("1", "8"): "⅛",
}
# Characters that separate terms: a fraction's part holding one at its top level gets parentheses.
_NOT_OPERATORS = frozenset("∞∂∇′″∅.!*_^")
_OPENERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩"}
_CLOSERS = frozenset(_OPENERS.values())
# What a function name, or a slash fraction, must be kept apart from when it follows directly.
_GLUE_AFTER = frozenset("√∑∏∫∮⋃⋂")
# Control characters as their visible pictures (ESC as ␛), tabs as spaces: a formula is shown,
# never obeyed by the terminal. Line breaks stay (\\ ends a line of a display formula).
_VISIBLE = {n: chr(0x2400 + n) for n in range(32) if n != 10} | {0x7F: "␡", 9: " ", 13: " "}
_VISIBLE |= dict.fromkeys(range(0x80, 0xA0), "\ufffd")
_PLAIN, _SPACING, _WIDE, _SCRIPT, _FUNCTION, _FRACTION, _OPEN, _CLOSE, _TERMINATOR = range(9)


# The inner records are named tuples: a dataclass costs 0.5 ms to define, before the first formula.
class _Tables(NamedTuple):
    symbols: dict[str, str]  # command name -> text
    styled: dict[tuple[str, str], str]  # (style, character) -> styled character
    superscripts: dict[str, str]
    subscripts: dict[str, str]
    script_chars: frozenset[str]


def _is_narrow(text: str) -> bool:
    # A wide (CJK) character takes two cells and breaks alignment in a terminal: never use one.
    return all(unicodedata.east_asian_width(c) not in "WF" for c in text)


@cache
def _tables() -> _Tables:
    """unicodeit's tables as lookups by command name: built once, on the first formula."""
    # lazy, for maths only: 2 ms to import with its bytecode cached (13 ms compiling it)
    from unicodeit.data import REPLACEMENTS, SUBSUPERSCRIPTS

    symbols: dict[str, str] = {}
    pending: list[tuple[str, str, str]] = []
    # string tests, not regular expressions: this loop over 4,257 entries runs before the first
    # formula is shown (3 ms instead of 6, the best of 40 builds)
    for latex, text in REPLACEMENTS:
        if "{" not in latex:
            name = latex[1:]
            if name.isascii() and name.isalpha() and _is_narrow(text):
                symbols.setdefault(name, text)
        elif latex.startswith("\\math") and latex.endswith("}") and latex.count("{") == 1:
            style, _, inner = latex[1:-1].partition("{")
            pending.append((style, inner, text))
    symbols.update(_OVERRIDES)
    styled_map: dict[tuple[str, str], str] = {}
    for style, inner, text in pending:
        char = symbols.get(inner[1:], "") if inner.startswith("\\") else inner
        if len(char) == 1 and _is_narrow(text):
            styled_map.setdefault((style, char), text)
    superscripts: dict[str, str] = {"′": "′", "⊤": "ᵀ", "ϕ": "ᵠ", "−": "⁻"}
    subscripts: dict[str, str] = {"ϕ": "ᵩ", "−": "₋"}
    for latex, text in SUBSUPERSCRIPTS:
        # '.', '<', '>' and 'V' come out as letters of other scripts: left as fallbacks.
        if len(latex) == 2 and latex[1] not in ".<>V" and _is_narrow(text):
            table = superscripts if latex[0] == "^" else subscripts
            table.setdefault(latex[1], text)
    script_chars = frozenset(superscripts.values()) | frozenset(subscripts.values())
    return _Tables(symbols, styled_map, superscripts, subscripts, script_chars)


class _Piece(NamedTuple):
    text: str
    kind: int


def _glues_before(text: str) -> bool:
    """Whether `text` ending an output would run into a word that follows it directly."""
    return bool(text) and (text[-1].isalnum() or text[-1] in ")]}′" or _is_mark(text[-1]))


def _glues_after(text: str, brackets: bool = True) -> bool:
    """Whether `text` starting an output would run into what ends before it (`brackets`: an
    opening bracket counts, as it does after a fraction but not after a function name)."""
    return bool(text) and (
        text[0].isalnum() or text[0] in _GLUE_AFTER or (brackets and text[0] in "([")
    )


def _is_letter(char: str) -> bool:
    """A letter, a digit or a symbol that stands for a quantity (∂, ∇, ∞)."""
    return char.isalnum() or char in "∂∇∞ℓℏ"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _join(pieces: list[_Piece]) -> str:
    """The pieces as text: one space where the source had spaces (none just inside brackets, none
    between two letters where the space only ended a symbol's name), a space after a function
    name before a word, parentheses around a slash fraction that is a factor of a product."""
    out: list[str] = []
    last_kind = _OPEN  # nothing yet: no space to keep at the start
    pending_space = False  # a function name was last: a word after it gets a space
    for index, piece in enumerate(pieces):
        text, kind = piece.text, piece.kind
        last = out[-1] if out else ""
        if kind in (_SPACING, _TERMINATOR):
            if last_kind != _OPEN and not last.endswith((" ", "\n")):
                out.append(" ")
                last_kind = kind
            elif last_kind == _TERMINATOR:
                last_kind = kind  # a space the author asked for (\,) after the name's end
            pending_space = False
            continue
        if (
            last_kind == _TERMINATOR
            and kind in (_PLAIN, _OPEN)
            and len(out) > 1
            and _is_letter(out[-2][-1:])
            and (_is_letter(text[:1]) or text[:1] in "([")
        ):
            out.pop()
            last_kind = _PLAIN
            last = out[-1]
        if kind in (_WIDE, _CLOSE) and last_kind in (_SPACING, _TERMINATOR):
            out.pop()
            last = out[-1] if out else ""
        if kind == _WIDE:
            out.append(text)
            last_kind = _WIDE
            continue
        if last.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if not text:
            continue
        if kind == _SCRIPT:
            out.append(text)
            last_kind = _SCRIPT
            continue
        if pending_space and _glues_after(text, brackets=False):
            out.append(" ")
            last = " "
        pending_space = False
        if kind == _FUNCTION:
            if _glues_before(last):
                out.append(" ")
            pending_space = True
        elif kind == _FRACTION:
            # a factor of a product, spaced or not, is parenthesised: (1/N)∑, (D/2) log σ
            after = index + 1
            while after < len(pieces) and pieces[after].kind in (_SPACING, _TERMINATOR):
                after += 1
            following = pieces[after] if after < len(pieces) else None
            touches_next = following is not None and (
                (following.kind == _SCRIPT and after == index + 1)
                or following.kind == _FUNCTION
                or (following.kind not in (_CLOSE, _SCRIPT) and _glues_after(following.text))
            )
            before = next((t for t in reversed(out) if t.strip(" ")), "")
            if _glues_before(before) or touches_next:
                text = f"({text})"
        out.append(text)
        last_kind = kind
    return "".join(out)


def _top_level(text: str) -> str:
    """`text` without whatever sits inside brackets or norm bars: what binds loosest in it."""
    stack: list[str] = []  # the closers awaited, innermost last
    kept: list[str] = []
    for char in text:
        if char in "‖|" and stack and stack[-1] == char:
            stack.pop()
        elif char in "‖|" and not stack:
            stack.append(char)
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char in _CLOSERS and stack:
            if stack[-1] == char:
                stack.pop()
        elif not stack:
            kept.append(char)
    return "".join(kept)


def _has_operator(text: str) -> bool:
    return any(
        c.isspace() or (c not in _NOT_OPERATORS and unicodedata.category(c) in ("Sm", "Pd", "Po"))
        for c in _top_level(text)
    )


class _Parser:
    """One formula's tokens, read left to right into pieces of text."""

    def __init__(self, source: str, tables: _Tables) -> None:
        self.source = source
        self.tables = tables
        self.tokens: list[tuple[str, str, int, int]] = []
        for match in _TOKEN.finditer(source):
            name, symbol, backslash, space, char = match.groups()
            if name is not None:
                self.tokens.append((_CMD, name, match.start(), match.end()))
            elif symbol is not None:
                self.tokens.append((_SYM, symbol, match.start(), match.end()))
            elif space is not None:
                self.tokens.append((_SPACE, space, match.start(), match.end()))
            else:
                self.tokens.append((_CHAR, backslash or char, match.start(), match.end()))
        self.pos = 0
        self.unknown: dict[str, None] = {}
        self.text_mode = False
        self.all_tokens = self.tokens
        # The space after a symbol's name (`\\partial L`) ends the name, as in TeX: between two
        # letters it is no space (∂L); elsewhere it is the author's (`\\sigma \\odot`: σ ⊙).
        self.symbol_end = -1  # the index of the token after the last symbol read in a sequence
        self.in_argument = False
        self.ends: dict[int, int] | None = None  # a \begin's source offset -> its \end's

    def convert(self) -> str:
        pieces: list[_Piece] = []
        while self.pos < len(self.tokens):
            self.sequence(pieces, 0)
            if self.pos < len(self.tokens):  # a "}" with no "{": kept as it is
                pieces.append(_Piece("}", _PLAIN))
                self.pos += 1
        text = unicodedata.normalize("NFC", _join(pieces).strip(" "))
        text = text.replace("′′′", "‴").replace("′′", "″")  # f'' is f″
        if "\n" in text:  # a line ends at \\: no space before or after the break
            text = "\n".join(line.strip(" ") for line in text.split("\n"))
        return text.translate(_VISIBLE)

    # -- sequences and groups ---------------------------------------------------------------

    def sequence(self, pieces: list[_Piece], depth: int) -> bool:
        """Read pieces up to a closing brace (consumed; True) or the end (False)."""
        while self.pos < len(self.tokens):
            kind, value, _, _ = self.tokens[self.pos]
            if kind == _CHAR and value == "}":
                return True
            self.atom(pieces, depth)
        return False

    def group(self, depth: int) -> tuple[list[_Piece], bool]:
        """The group whose "{" is the current token; (pieces, closed)."""
        start = self.tokens[self.pos][2]
        self.pos += 1
        if depth >= _MAX_DEPTH:
            return [_Piece(self.raw_group(start), _PLAIN)], True
        pieces: list[_Piece] = []
        closed = self.sequence(pieces, depth + 1)
        if closed:
            self.pos += 1
        else:
            pieces.insert(0, _Piece("{", _PLAIN))
        return pieces, closed

    def raw_group(self, start: int) -> str:
        """The source from `start` (a "{" already passed) to its matching "}" or the end."""
        depth = 1
        while self.pos < len(self.tokens):
            kind, value, _, end = self.tokens[self.pos]
            self.pos += 1
            if kind == _CHAR and value in "{}":
                depth += 1 if value == "{" else -1
                if depth == 0:
                    return self.source[start:end]
        return self.source[start:]

    def argument(self, depth: int) -> str | None:
        """The next argument as text: a group, a command, or one character; None if none."""
        pieces = self.argument_pieces(depth)
        return None if pieces is None else _join(pieces).strip(" ")

    def argument_pieces(self, depth: int) -> list[_Piece] | None:
        self.skip_spaces()
        if self.pos >= len(self.tokens):
            return None
        kind, value, _, _ = self.tokens[self.pos]
        if kind == _CHAR and value in "}^_&":
            return None
        if kind == _CHAR and value == "{":
            pieces, closed = self.group(depth)
            # an argument never closed: the command that wanted it is kept as its source
            return pieces if closed else None
        pieces = []
        self.in_argument = True
        self.atom(pieces, depth + 1)
        self.in_argument = False
        return pieces

    def skip_spaces(self) -> None:
        while self.pos < len(self.tokens) and self.tokens[self.pos][0] == _SPACE:
            self.pos += 1

    def raw_text(self, start: int) -> str:
        end = self.tokens[min(self.pos, len(self.tokens)) - 1][3] if self.pos else start
        return self.source[start:end]

    # -- one atom ---------------------------------------------------------------------------

    def atom(self, pieces: list[_Piece], depth: int) -> None:
        kind, value, start, _ = self.tokens[self.pos]
        if depth >= _MAX_DEPTH:
            self.pos += 1
            pieces.append(_Piece(self.raw_text(start), _PLAIN))
            return
        if kind == _SPACE:
            self.pos += 1
            space = _TERMINATOR if self.pos - 1 == self.symbol_end else _SPACING
            pieces.append(_Piece(" ", _PLAIN if self.text_mode else space))
        elif kind == _CHAR:
            self.character(pieces, value, depth)
        elif kind == _SYM:
            self.pos += 1
            if value in _SYMBOLS:
                spacing = value in ",:;> "
                pieces.append(_Piece(_SYMBOLS[value], _SPACING if spacing else _PLAIN))
            else:
                self.unknown_command(pieces, value, start)
        else:
            self.pos += 1
            self.command(pieces, value, start, depth)

    def character(self, pieces: list[_Piece], char: str, depth: int) -> None:
        if char == "{":
            inner, _ = self.group(depth)
            pieces.extend(inner)
            return
        self.pos += 1
        if self.text_mode:
            pieces.append(_Piece("~" if char == "~" else char, _PLAIN))
        elif char in "^_":
            self.script(pieces, char, depth)
        elif char == "~":
            pieces.append(_Piece(" ", _SPACING))
        else:
            kind = _OPEN if char in "([" else _CLOSE if char in ")]" else _PLAIN
            pieces.append(_Piece({"-": "−", "'": "′", "&": ""}.get(char, char), kind))

    def script(self, pieces: list[_Piece], mark: str, depth: int) -> None:
        start = self.tokens[self.pos - 1][2]
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece(self.scripted(mark, argument), _SCRIPT))

    def scripted(self, mark: str, argument: str) -> str:
        """`argument` as a superscript (`mark` "^") or subscript ("_"): in Unicode's script
        letters when it has them all, else after the mark, in parentheses if need be."""
        table = self.tables.superscripts if mark == "^" else self.tables.subscripts
        if argument and all(c in table for c in argument):
            return "".join(table[c] for c in argument)
        if (
            _is_one_symbol(argument)
            or (not _has_operator(argument) and "(" not in argument)
            or (argument.startswith("(") and _encloses(argument))
        ):
            # one symbol, a word (D_KL) or a bracketed whole (x^(i,l)) needs no parentheses
            return mark + argument
        return f"{mark}({argument})"

    def command(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        handler = self.HANDLERS.get(name)
        if handler is not None:
            handler(self, pieces, name, start, depth)
        elif name in _FUNCTIONS:
            pieces.append(_Piece(name, _FUNCTION))
        elif name in _FONTS:
            self.font(pieces, _FONTS[name], start, depth)
        elif name in _ACCENTS:
            self.accent(pieces, _ACCENTS[name], start, depth)
        elif name in _SIZES:
            self.delimiter(pieces, name, depth)
        elif name in _SPACES:
            pieces.append(_Piece(_SPACES[name], _WIDE))
        elif name in self.tables.symbols:
            kind = _OPEN if name in _LEFT else _CLOSE if name in _RIGHT else _PLAIN
            pieces.append(_Piece(self.tables.symbols[name], kind))
            if not self.in_argument:
                self.symbol_end = self.pos
        else:
            self.unknown_command(pieces, name, start)

    def delimiter(self, pieces: list[_Piece], name: str, depth: int) -> None:
        """The delimiter after \\left, \\right, \\big...: shown as it is, "." as nothing."""
        self.skip_spaces()
        if self.pos >= len(self.tokens):
            return
        if self.tokens[self.pos][:2] == (_CHAR, "."):
            self.pos += 1
            return
        delimiter: list[_Piece] = []
        self.atom(delimiter, depth + 1)
        kind = (
            _OPEN
            if name.endswith(("left", "l"))
            else _CLOSE
            if name.endswith(("right", "r"))
            else None
        )
        for piece in delimiter:
            pieces.append(_Piece(piece.text, piece.kind if kind is None else kind))

    def unknown_command(self, pieces: list[_Piece], name: str, start: int) -> None:
        """Kept as source, with the brace groups right after it (its arguments, most likely)."""
        self.unknown.setdefault("\\" + name, None)
        while self.pos < len(self.tokens) and self.tokens[self.pos][:2] == (_CHAR, "{"):
            self.pos += 1
            self.raw_group(self.tokens[self.pos - 1][2])
        pieces.append(_Piece(self.raw_text(start), _PLAIN))

    def kept(self, pieces: list[_Piece], start: int) -> None:
        """A known command whose arguments are missing: its source, unchanged."""
        pieces.append(_Piece(self.raw_text(start), _PLAIN))

    # -- commands with arguments ------------------------------------------------------------

    def fraction(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        numerator = self.argument(depth + 1)
        denominator = self.argument(depth + 1) if numerator is not None else None
        if numerator is None or denominator is None:
            self.kept(pieces, start)
            return
        vulgar = _VULGAR.get((numerator, denominator))
        if vulgar:
            pieces.append(_Piece(vulgar, _PLAIN))
            return
        if _has_operator(numerator):
            numerator = f"({numerator})"
        if not _is_one_factor(denominator, self.tables.script_chars):
            denominator = f"({denominator})"
        pieces.append(_Piece(f"{numerator}/{denominator}", _FRACTION))

    def root(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        index = ""
        self.skip_spaces()
        if self.pos < len(self.tokens) and self.tokens[self.pos][:2] == (_CHAR, "["):
            self.pos += 1
            inner: list[_Piece] = []
            while self.pos < len(self.tokens) and self.tokens[self.pos][:2] != (_CHAR, "]"):
                self.atom(inner, depth + 1)
            if self.pos >= len(self.tokens):  # "[" never closed
                self.kept(pieces, start)
                return
            self.pos += 1
            index = _join(inner).strip(" ")
        radicand = self.argument(depth + 1)
        if radicand is None:
            self.kept(pieces, start)
            return
        if not _is_one_factor(radicand, self.tables.script_chars):
            radicand = f"({radicand})"
        sign = {"": "√", "3": "∛", "4": "∜"}.get(index)
        if sign is None:
            superscripts = self.tables.superscripts
            if all(c in superscripts for c in index):
                sign = "".join(superscripts[c] for c in index) + "√"
            else:
                sign = f"^({index})√"
        pieces.append(_Piece(sign + radicand, _PLAIN))

    def font(self, pieces: list[_Piece], style: str, start: int, depth: int) -> None:
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        styled = self.tables.styled
        pieces.append(_Piece("".join(styled.get((style, c), c) for c in argument), _PLAIN))

    def accent(self, pieces: list[_Piece], mark: str, start: int, depth: int) -> None:
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        # each letter gets the mark, after any marks it has already
        marked = "".join(
            c + mark
            if not c.isspace() and (i + 1 == len(argument) or not _is_mark(argument[i + 1]))
            else c
            for i, c in enumerate(argument)
        )
        pieces.append(_Piece(marked, _PLAIN))

    def text(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        was = self.text_mode
        self.text_mode = True
        argument = self.argument_pieces(depth + 1)
        self.text_mode = was
        if argument is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece("".join(p.text for p in argument), _PLAIN))

    def operator_name(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        if self.pos < len(self.tokens) and self.tokens[self.pos][:2] == (_CHAR, "*"):
            self.pos += 1  # \operatorname*: limits below, which a line of text cannot show
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece(argument, _FUNCTION))

    def negation(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece(argument + "\u0338", _PLAIN))

    def stacked(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """\\overset{a}{b}, \\stackrel{a}{b}, \\underset{a}{b}: b with a as its script."""
        over = self.argument(depth + 1)
        base = self.argument(depth + 1) if over is not None else None
        if over is None or base is None:
            self.kept(pieces, start)
            return
        mark = "_" if name == "underset" else "^"
        pieces.append(_Piece(base + self.scripted(mark, over), _PLAIN))

    def long_arrow(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """\\xrightarrow{f}: the arrow with its label as a superscript."""
        label = self.argument(depth + 1)
        if label is None:
            self.kept(pieces, start)
            return
        arrow = "→" if name == "xrightarrow" else "←"
        pieces.append(_Piece(arrow + self.scripted("^", label), _PLAIN))

    def contents(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """A decoration a line of text cannot draw (\\boxed, \\overbrace...): its contents."""
        argument = self.argument_pieces(depth + 1)
        if argument is None:
            self.kept(pieces, start)
        elif name in ("overbrace", "underbrace"):
            # its label follows as a script: a sum under it must read as one term
            text = _join(argument).strip(" ")
            pieces.append(_Piece(f"({text})" if _has_operator(text) else text, _PLAIN))
        else:
            pieces.extend(argument)

    def colour(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """\\color{c} shows nothing; \\textcolor{c}{x} shows x: deck text has no colours."""
        if self.argument(depth + 1) is None:
            self.kept(pieces, start)
        elif name == "textcolor":
            self.contents(pieces, name, start, depth)

    def invisible(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """\\phantom{x}, \\hspace{1em}: a space; \\label{x}: nothing."""
        if self.argument(depth + 1) is None:
            self.kept(pieces, start)
        elif name != "label":
            pieces.append(_Piece(" ", _SPACING))

    def binomial(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        top = self.argument(depth + 1)
        bottom = self.argument(depth + 1) if top is not None else None
        if top is None or bottom is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece(f"C({top}, {bottom})", _PLAIN))

    def modulo(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        argument = self.argument(depth + 1)
        if argument is None:
            self.kept(pieces, start)
            return
        pieces.append(_Piece(f" (mod {argument})", _PLAIN))

    def nothing(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """A command about layout only (\\displaystyle, \\limits): nothing to show."""

    def environment(self, pieces: list[_Piece], name: str, start: int, depth: int) -> None:
        """\\begin{name} ... \\end{name}: alignments as lines, cases and matrices on one line;
        an environment we do not know, or one never ended, is kept as source."""
        opening = self.pos
        kind = self.argument_source()
        body_start = self.pos
        body_end = self.environment_end(start) if kind is not None else None
        if kind is None or body_end is None:
            self.unknown.setdefault(r"\begin" if kind is None else rf"\begin{{{kind}}}", None)
            if kind is None:  # what follows \begin is read again as it is
                self.pos = opening
            pieces.append(_Piece(self.raw_text(start), _PLAIN))
            return
        self.pos = body_end + 1
        self.argument_source()  # \end's {name}
        after = self.pos
        shape = _ENVIRONMENTS.get(kind)
        if shape is None or depth >= _MAX_DEPTH:
            if shape is None:
                self.unknown.setdefault(rf"\begin{{{kind}}}", None)
            pieces.append(_Piece(self.raw_text(start), _PLAIN))
            return
        if kind == "array":  # its column layout
            self.pos = body_start
            self.argument_source()
            body_start = self.pos
        # an environment counts as five levels: each one reads its body again to split it, so
        # at most eight are converted inside one another
        rows = self.cells(body_start, body_end, depth + 5)
        self.pos = after
        opening_mark, cell_gap, row_gap, closing_mark = shape
        lines = [cell_gap.join(c for c in row if c) for row in rows]
        text = opening_mark + row_gap.join(line for line in lines if line) + closing_mark
        pieces.append(_Piece(text, _PLAIN))

    def argument_source(self) -> str | None:
        """The source inside the brace group at the current token (an environment's name)."""
        if self.pos >= len(self.tokens) or self.tokens[self.pos][:2] != (_CHAR, "{"):
            return None
        start = self.tokens[self.pos][3]
        self.pos += 1
        group = self.raw_group(start - 1)
        return group[1:-1].strip() if group.endswith("}") else None

    def environment_end(self, begin: int) -> int | None:
        """The index of the \\end token that closes the \\begin at source offset `begin`."""
        if self.ends is None:
            # every \begin matched to its \end once, in one pass: a scan per \begin would take
            # quadratic time on a formula of many unended environments
            self.ends = {}
            begun: list[int] = []
            for kind, value, start, _ in self.all_tokens:
                if kind == _CMD and value == "begin":
                    begun.append(start)
                elif kind == _CMD and value == "end" and begun:
                    self.ends[begun.pop()] = start
        end = self.ends.get(begin)
        if end is None:
            return None
        index = self.pos
        while index < len(self.tokens) and self.tokens[index][2] != end:
            index += 1
        return index if index < len(self.tokens) else None

    def cells(self, start: int, end: int, depth: int) -> list[list[str]]:
        """The tokens from `start` to `end` as rows (split at \\\\) of cells (split at &), each
        converted, outside any brace group or inner environment."""
        rows: list[list[str]] = [[]]
        cell_start = start
        braces = nesting = 0
        for index in range(start, end):
            kind, value, _, _ = self.tokens[index]
            if kind == _CHAR and value in "{}":
                braces = braces + 1 if value == "{" else max(braces - 1, 0)
            elif kind == _CMD and value in ("begin", "end"):
                nesting = nesting + 1 if value == "begin" else max(nesting - 1, 0)
            elif braces == 0 and nesting == 0 and (kind, value) in ((_CHAR, "&"), (_SYM, "\\")):
                rows[-1].append(self.converted(cell_start, index, depth))
                if value == "\\":
                    rows.append([])
                cell_start = index + 1
        rows[-1].append(self.converted(cell_start, end, depth))
        return rows

    def converted(self, start: int, end: int, depth: int) -> str:
        """The tokens from `start` to `end` converted on their own."""
        tokens, pos = self.tokens, self.pos
        self.tokens, self.pos = tokens[start:end], 0
        pieces: list[_Piece] = []
        while self.pos < len(self.tokens):
            self.sequence(pieces, depth)
            if self.pos < len(self.tokens):
                pieces.append(_Piece("}", _PLAIN))
                self.pos += 1
        self.tokens, self.pos = tokens, pos
        return _join(pieces).strip(" ")

    HANDLERS: dict[str, Callable[[_Parser, list[_Piece], str, int, int], None]] = {
        **dict.fromkeys(_FRACTIONS, fraction),
        "sqrt": root,
        **dict.fromkeys(_TEXTS, text),
        "operatorname": operator_name,
        "mathop": operator_name,
        "not": negation,
        **dict.fromkeys(("overset", "stackrel", "underset"), stacked),
        **dict.fromkeys(("xrightarrow", "xleftarrow"), long_arrow),
        **dict.fromkeys(("boxed", "overbrace", "underbrace", "mathstrut"), contents),
        **dict.fromkeys(("color", "textcolor"), colour),
        **dict.fromkeys(("phantom", "hphantom", "hspace", "label"), invisible),
        **dict.fromkeys(("binom", "dbinom", "tbinom"), binomial),
        "pmod": modulo,
        **dict.fromkeys(_LAYOUT, nothing),
        "begin": environment,
    }


def _closing_index(text: str) -> int | None:
    """Where the bracket opening `text` closes (None: it never does)."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0:
                return index
    return None


def _encloses(text: str) -> bool:
    """Whether the bracket opening `text` closes at its very end."""
    return _closing_index(text) == len(text) - 1


def _is_one_symbol(text: str) -> bool:
    """One character, with any combining marks on it."""
    return bool(text) and not _is_mark(text[0]) and all(_is_mark(c) for c in text[1:])


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _is_one_factor(text: str, script_chars: frozenset[str]) -> bool:
    """Whether `text` reads as one factor after a "/": a number or one symbol with its scripts,
    then at most one bracketed argument (`2`, `σ²`, `p_θ`, `q(x)`), not `2σ²` or `a+b`."""
    if text[:1] in ("∂", "∇"):  # a derivative's ∂θ is one factor: ∂L/∂θ
        text = text[1:]
    if text[:1] in ("√", "∛", "∜"):
        text = text[1:]
        if text.startswith("(") and _encloses(text):
            return True
    number = _NUMBER.match(text)
    if number:
        index = number.end()
    elif text and not _is_mark(text[0]) and not _has_operator(text[0]) and text[0] not in "([{":
        index = 1
    else:
        return False
    while index < len(text) and _is_mark(text[index]):
        index += 1
    while index < len(text):
        char = text[index]
        if char in script_chars or char in "′*":
            index += 1
        elif char in "_^" and index + 1 < len(text):
            rest = text[index + 1 :]
            if rest[0] == "(" and _encloses(_bracket_prefix(rest)):
                index += 1 + len(_bracket_prefix(rest))
            else:
                index += 2
                while index < len(text) and _is_mark(text[index]):
                    index += 1
        else:
            break
    rest = text[index:]
    return not rest or (rest[0] in "([" and _encloses(rest))


def _bracket_prefix(text: str) -> str:
    """The bracketed part that opens `text` (all of it if it never closes)."""
    index = _closing_index(text)
    return text if index is None else text[: index + 1]

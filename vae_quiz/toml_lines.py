"""A TOML file's text line by line: the line a key is written on (`tomllib` reads TOML but keeps
no lines). It works on the lines' look, not on a full parse.
"""

from __future__ import annotations

import re

_PART = r"""\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*"""
_KEY = rf"{_PART}(?:\.{_PART})*"
_HEADER = re.compile(rf"\s*\[\[?({_KEY})\]")  # [table] or [[array of tables]]
_ASSIGNMENT = re.compile(rf"({_KEY})=")
_SPLIT = re.compile(rf"({_PART})(?:\.|$)")


def _parts(key: str) -> tuple[str, ...]:
    """`decks."my-deck".x` -> ("decks", "my-deck", "x")."""
    return tuple(m.group(1).strip().strip("\"'") for m in _SPLIT.finditer(key) if m.group(1))


def _lines(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """For each line: the full key path it writes (a table header: the table's) and whether it
    is a header; () for a line that is neither."""
    table: tuple[str, ...] = ()
    out: list[tuple[tuple[str, ...], bool]] = []
    for line in text.split("\n"):
        if header := _HEADER.match(line):
            table = _parts(header.group(1))
            out.append((table, True))
        elif assignment := _ASSIGNMENT.match(line):
            out.append((table + _parts(assignment.group(1)), False))
        else:
            out.append(((), False))
    return out


def line_of(text: str, path: tuple[str, ...]) -> int | None:
    """The 1-based line where the key (or table) `path` is written, or None when the lines do not
    show it (an inline table, a multi-line value)."""
    lines = _lines(text)
    for exact in (True, False):
        for number, (written, _) in enumerate(lines, 1):
            if written and (written == path if exact else written[: len(path)] == path):
                return number
    return None

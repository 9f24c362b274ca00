"""A TOML file's text line by line: the line a key is written on, and one top-level string key
set in place with every other line kept byte for byte (`tomllib` reads TOML but keeps no lines and
writes nothing).

Both work on the lines' look, not on a full parse: a caller that edits checks the result with
`tomllib` (see `settings.save_theme`).
"""

from __future__ import annotations

import re

_PART = r"""\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*"""
_KEY = rf"{_PART}(?:\.{_PART})*"
_HEADER = re.compile(rf"\s*\[\[?({_KEY})\]")  # [table] or [[array of tables]]
_ASSIGNMENT = re.compile(rf"({_KEY})=")
_SPLIT = re.compile(rf"({_PART})(?:\.|$)")
# A one-line string value and what follows it (spaces, a comment, a carriage return).
_STRING = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*')(.*)""", re.DOTALL)


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


def quoted(value: str) -> str:
    """`value` as a TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def with_top_level_string(text: str, key: str, value: str) -> list[str]:
    """Candidate texts that set top-level `key` to the string `value`, best first, each keeping
    every other line as it was: the key's own line with its value replaced (its comment kept),
    or, when the top-level table has no such line, a new line after its last key, before the
    comments above the first table, or at the very top."""
    lines = text.split("\n")
    shape = _lines(text)
    first_table = next((i for i, (_, is_header) in enumerate(shape) if is_header), len(lines))
    top = shape[:first_table]
    cr = "\r" if "\r\n" in text else ""
    for index, (written, _) in enumerate(top):
        if written == (key,):
            head, _, rest = lines[index].partition("=")
            if match := _STRING.fullmatch(rest):
                replaced = f"{head}= {quoted(value)}{match.group(2)}"
            else:  # not a one-line string (a bad value): the whole line goes
                replaced = f"{key} = {quoted(value)}{cr}"
            return ["\n".join([*lines[:index], replaced, *lines[index + 1 :]])]
    places = [i + 1 for i, (written, _) in enumerate(top) if written][-1:]
    before = first_table
    while before > 0 and lines[before - 1].lstrip().startswith("#"):
        before -= 1
    # The empty "line" after a final newline stays last.
    end = len(lines) - 1 if lines[-1] == "" else len(lines)
    spots = dict.fromkeys(min(at, end) for at in [*places, before, 0])
    return [_insert(lines, at, f"{key} = {quoted(value)}", cr) for at in spots]


def _insert(lines: list[str], at: int, line: str, cr: str) -> str:
    """`lines` joined with `line` inserted before index `at`."""
    if at == len(lines):  # after a last line that has no newline: it gets one
        return "\n".join([*lines[:-1], lines[-1] + cr, line])
    return "\n".join([*lines[:at], line + cr, *lines[at:]])

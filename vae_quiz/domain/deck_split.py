"""Where a big deck file can be cut into parts that parse apart, each in a process of its own.

A deck is one top-level mapping whose sections (`cards`, `questions`, `prompts`) are block
lists. A cut goes at the start of a line that opens an item of a section's list at the list's
own indentation: the text before it is a deck that ends early, the text after it is the rest of
that list (below its key, written again) and the sections that follow.

Nothing here decides that a cut is right; it only finds lines that look like item starts. A
line that only looks like one (inside a quoted text or a flow list, say) leaves the part before
it unfinished, and that part then fails to parse: the caller parses the whole file as one.
A file with anything that would make a part read differently from the same lines in the whole
file is not cut at all: anchors (a name given twice is an error only the whole file shows), a
directive (`%TAG` holds for the whole document), line breaks other than LF and CRLF (line
numbers), NUL bytes or a UTF-16 mark. Tags are fine: each part checks its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

SECTIONS = ("cards", "questions", "prompts")
_BLOCK = 1 << 20  # lines are counted in blocks of this many bytes to place the cuts
# A line at column 0 that is not blank, a comment or an item of a list written at column 0:
# a top-level key (or anything else) that ends the section above it.
_TOP_LEVEL = (re.compile(rb"\n[^ \t\r\n#-]"), re.compile(rb"\n-[^ \t\r\n]"))
_SECTION_KEY = re.compile(rb"(cards|questions|prompts):(?:[ \t]+#[^\r\n]*|[ \t]*)\r?\n")
_ITEM_START = re.compile(rb"( *)-(?: |\r?\n)")
# Line breaks YAML counts that a count of b"\n" would not (besides a CR alone): NEL, LS, PS.
_UNICODE_BREAKS = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())


class Part(NamedTuple):
    """Bytes `start` to `end` of the file. A later part continues `section`, and starts on
    line `line` (0-based) of the file."""

    start: int
    end: int
    section: str | None = None
    line: int = 0

    def text(self, data: bytes) -> bytes:
        """The part as a YAML text of its own: a later part gets its section's key on the first
        line, then blank lines down to where it starts in the file, so that its lines are
        numbered as in the file."""
        if self.section is None:
            return data[self.start : self.end]
        head = self.section.encode() + b":" + b"\n" * self.line
        return head + data[self.start : self.end]


def _unsafe(data: bytes) -> bool:
    from vae_quiz.domain.loader import may_hold_anchors_or_tags

    return (
        b"\x00" in data
        or data.startswith((b"\xff\xfe", b"\xfe\xff", b"%"))
        or b"\n%" in data  # a directive (%TAG) holds for the whole document, not one part
        or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n"))
        or (not data.isascii() and any(mark in data for mark in _UNICODE_BREAKS))
        # An anchor name given twice is an error of the file, which no part alone would see.
        or may_hold_anchors_or_tags(data, tags=False)
    )


def _targets(data: bytes, count: int) -> list[int]:
    """Byte offsets that split the file's lines into `count` nearly equal shares (lines, not
    bytes: the parse costs about the same per line, and a line of a list of choices holds far
    fewer bytes than the back of a card)."""
    lines = [data.count(b"\n", at, at + _BLOCK) for at in range(0, len(data), _BLOCK)]
    total = sum(lines)
    targets: list[int] = []
    seen = 0
    for block, in_block in enumerate(lines):
        while len(targets) < count - 1 and seen + in_block >= total * (len(targets) + 1) / count:
            share = (total * (len(targets) + 1) / count - seen) / in_block if in_block else 0.0
            block_size = min(_BLOCK, len(data) - block * _BLOCK)
            targets.append(block * _BLOCK + int(share * block_size))
        seen += in_block
    return targets


def _first_item(data: bytes, at: int, end: int) -> tuple[int, int] | None:
    """The first item of the list that starts at `at`: (where its line starts, its indent)."""
    while at < end:
        line_end = data.find(b"\n", at, end)
        line_end = end if line_end == -1 else line_end + 1
        line = data[at:line_end]
        if line.strip() and not line.lstrip().startswith(b"#"):
            found = _ITEM_START.match(line)
            return (at, len(found[1])) if found else None
        at = line_end
    return None


def _cut_after(data: bytes, target: int, bounds: list[int]) -> tuple[int, str] | None:
    """The first item start at or after `target` in the section the target falls in, with the
    section's name; None when the target is not inside a section's list."""
    region = bisect_right(bounds, target) - 1
    if region < 0:
        return None
    key = _SECTION_KEY.match(data, bounds[region])
    if key is None:
        return None
    end = bounds[region + 1] if region + 1 < len(bounds) else len(data)
    first = _first_item(data, key.end(), end)
    if first is None:
        return None
    first_line, indent = first
    needle = b"\n" + b" " * indent + b"-"
    at = data.find(needle, max(target, first_line), end)
    while at != -1:
        after = data[at + len(needle) : at + len(needle) + 1]
        if after in (b" ", b"\r", b"\n"):
            return at + 1, key[1].decode()
        at = data.find(needle, at + 1, end)
    return None


def split_deck(data: bytes, count: int) -> list[Part] | None:
    """Cut a deck file's bytes into up to `count` parts of about as many lines each, or None
    when the file should be parsed whole (too small to cut, or not safe to)."""
    if count < 2 or _unsafe(data):
        return None
    bounds = sorted({0, *(m.start() + 1 for rx in _TOP_LEVEL for m in rx.finditer(data))})
    cuts: list[tuple[int, str]] = []
    for target in _targets(data, count):
        cut = _cut_after(data, target, bounds)
        if cut is not None and (not cuts or cut[0] > cuts[-1][0]):
            cuts.append(cut)
    if not cuts:
        return None
    parts = []
    start, section, line = 0, None, 0
    for at, name in cuts:
        parts.append(Part(start, at, section, line))
        line += data.count(b"\n", start, at)
        start, section = at, name
    parts.append(Part(start, len(data), section, line))
    return parts

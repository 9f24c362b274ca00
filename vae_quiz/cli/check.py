"""`vae-quiz check`: validate deck files and report every problem."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from vae_quiz.cli import common
from vae_quiz.decks.catalog import bundled_deck_files, load_decks
from vae_quiz.decks.files import deck_files, read_deck_file
from vae_quiz.errors import DeckError, DeckProblem
from vae_quiz.model import Deck, Item
from vae_quiz.text import plural, printable, unsafe_characters


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="validate deck files",
        description="Validate deck files and report every problem with its "
        "file, line, item and field. Exit 1 when any deck is invalid. Text with control "
        "characters (shown as visible escapes, never sent to the terminal) is a warning; so are, "
        "in a Markdown deck, an unclosed code fence or '$' and a LaTeX command the formula "
        "converter does not know (exit 0; --strict makes every warning an error).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="deck files or folders (default: the bundled decks)")  # fmt: skip
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors (exit 1)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Validate deck files; no path means the bundled decks."""
    files: list[str | os.PathLike[str]] = [] if args.paths else list(bundled_deck_files())
    unreadable: list[DeckProblem] = []
    for raw in args.paths:
        if os.path.isdir(raw):
            found = deck_files(raw, unreadable)
            if not found and not unreadable:
                raise common.UsageError(f"{raw}: no deck files (.yaml, .yml) in this folder")
            files.extend(found)
        elif os.path.exists(raw):
            files.append(raw)
        else:
            raise common.UsageError(f"{raw}: no such file or folder")
    result = load_decks(files, common.say_parsing, unreadable)
    out = common.console()
    warnings = 0
    for deck in result.decks:
        common.echo(out, f"ok  {deck.path}: {deck.id}: {common.counts(deck)}", one_line=True)
        deck_warnings = text_warnings(deck)
        if deck.is_markdown:
            from vae_quiz.markdown_text import deck_warnings as markdown_warnings

            deck_warnings += [replace(w, message=f"warning: {w.message}")
                              for w in markdown_warnings(deck)]  # fmt: skip
        common.print_problems(deck_warnings, out)
        warnings += len(deck_warnings)
    common.print_problems(result.problems, out)
    checked = plural(len(result.decks) + len(result.failed_paths), "deck")
    summary = "all valid"
    if result.problems:
        summary = (f"{len(result.decks)} valid, {len(result.failed_paths)} invalid "
                   f"({plural(len(result.problems), 'problem')})")  # fmt: skip
    if warnings and args.strict:
        counted = f"{plural(warnings, 'warning')}, errors with --strict"
        summary = f"{summary}; {counted}" if result.problems else counted
    elif warnings:
        summary += f"; {plural(warnings, 'warning')}"
    common.echo(out, f"{checked} checked: {summary}")
    failed = result.problems or (args.strict and warnings)
    return common.EXIT_DATA if failed else common.EXIT_OK


# Each item kind's text fields, as the deck file names them.
_TEXT_FIELDS = {
    "card": ("front", "back"),
    "question": ("question", "choices", "explanation"),
    "prompt": ("prompt", "hint", "concepts", "model_answer"),
}


def text_warnings(deck: Deck) -> list[DeckProblem]:
    """A warning for each text of `deck` with characters `text.printable` does not show as
    they are (control characters, bidi controls, invisible ones), by file, line, item and
    field. Only `check` pays for this look: loading a deck does not."""
    found: list[DeckProblem] = []
    if not _may_hold_unsafe_text(deck.path):
        return found
    for field in ("title", "description"):
        text = getattr(deck, field)
        if text and (message := _warning(text)):
            found.append(DeckProblem(deck.path, _deck_key_line(deck.path, field), message,
                                     "deck", deck.id, field))  # fmt: skip
    for item in deck.items:
        for field, text in _texts(item):
            if message := _warning(text):
                found.append(DeckProblem(deck.path, item.line or None, message, item.kind,
                                         item.id, field))  # fmt: skip
    return found


def _may_hold_unsafe_text(path: str) -> bool:
    """False when the deck file has no such character and no escape (`"\\e"`) that could
    make one: then its items need not all be built from the cache and looked at."""
    try:
        data, _ = read_deck_file(Path(path), path)
    except DeckError:
        return True
    return may_hold_unsafe_bytes(data)


# A deck file's bytes that make text `printable` changes: C0 controls (a CR is a YAML line
# break) and DEL as they are, and the UTF-8 of the C1 controls and of the bidi and invisible
# format characters, each looked for only when its lead byte is in the file (a byte is found
# at memory speed; a regex over a 50 MB deck is not). tests/unit/cli/test_shown_text.py holds
# this to `text.unsafe_characters` for every character.
_SAFE_BYTES = bytes(b for b in range(256) if 0x20 <= b < 0x7F or b in (9, 10, 13) or b > 0x7F)
_BY_LEAD = {
    b"\xc2": re.compile(rb"\xc2[\x80-\x9f]"),
    b"\xd8": re.compile(rb"\xd8\x9c"),
    b"\xe1": re.compile(rb"\xe1\xa0\x8e"),
    b"\xe2": re.compile(rb"\xe2(?:\x80[\x8b\x8e\x8f\xa8-\xae]|\x81[\xa0-\xa4\xa6-\xa9])"),
    b"\xef": re.compile(rb"\xef\xbb\xbf"),
}
# A YAML double-quoted escape that can make one (`\e`, `\x9b`, `\u202e`, `\N`...).
_ESCAPE = re.compile(rb"\\[0abvfreNLPxuU]")


def may_hold_unsafe_bytes(data: bytes) -> bool:
    """Whether a deck file's bytes may hold text with characters `text.printable` changes:
    never False when one does (the other way round, a look at the items tells)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.translate(None, _SAFE_BYTES) or _ESCAPE.search(data):
        return True
    return any(lead in data and pattern.search(data) for lead, pattern in _BY_LEAD.items())


def _texts(item: Item) -> Iterator[tuple[str, str]]:
    """(field, text) for each text of `item`; a list's texts numbered from 1."""
    for field in _TEXT_FIELDS[item.kind]:
        value = getattr(item, field)
        if isinstance(value, tuple):
            one = field.removesuffix("s")
            yield from ((f"{one} {n}", text) for n, text in enumerate(value, 1))
        elif value:
            yield field, value


def _warning(text: str) -> str | None:
    unsafe = unsafe_characters(text)
    if not unsafe:
        return None
    shown = ", ".join(
        f"U+{ord(ch):04X} {f'shown as {printable(ch)}' if printable(ch) else 'not shown'}"
        for ch in unsafe
    )
    return f"warning: control or invisible characters ({shown})"


def _deck_key_line(path: str, key: str) -> int | None:
    """The line of the deck's top-level `key` (read again: the deck keeps no line for it)."""
    import yaml

    try:
        data, _ = read_deck_file(Path(path), path)
        root = yaml.compose(data.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    except (DeckError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lines = [k.start_mark.line + 1 for k, _ in root.value if k.value == key]
    return lines[0] if lines else None

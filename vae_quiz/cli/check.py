"""`vae-quiz check`: validate deck files and report every problem."""

from __future__ import annotations

import argparse
import os

from vae_quiz.cli import common
from vae_quiz.decks.catalog import bundled_deck_files, load_decks
from vae_quiz.decks.files import deck_files
from vae_quiz.errors import DeckProblem
from vae_quiz.text import plural, printable


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="validate deck files",
        description="Validate deck files and report every problem with its "
        "file, line, item and field. Exit 1 when any deck is invalid.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="deck files or folders (default: the bundled decks)")  # fmt: skip


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
    for deck in result.decks:
        out.print(printable(f"ok  {deck.path}: {deck.id}: {common.counts(deck)}"), markup=False)
    common.print_problems(result.problems, out)
    checked = plural(len(result.decks) + len(result.failed_paths), "deck")
    summary = "all valid"
    if result.problems:
        summary = (f"{len(result.decks)} valid, {len(result.failed_paths)} invalid "
                   f"({plural(len(result.problems), 'problem')})")  # fmt: skip
    out.print(f"{checked} checked: {summary}", markup=False)
    return common.EXIT_DATA if result.problems else common.EXIT_OK

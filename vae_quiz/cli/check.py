"""`vae-quiz check`: validate deck files and report every problem."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace

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
        "file, line, item and field. Exit 1 when any deck is invalid. In a Markdown deck, an "
        "unclosed code fence or '$' and a LaTeX command the formula converter does not know "
        "are warnings (exit 0; --strict makes them errors).",
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
    warnings: list[DeckProblem] = []
    for deck in result.decks:
        out.print(printable(f"ok  {deck.path}: {deck.id}: {common.counts(deck)}"), markup=False)
        if deck.is_markdown:
            from vae_quiz.markdown_text import deck_warnings

            warnings += deck_warnings(deck)
    common.print_problems(result.problems, out)
    common.print_problems([replace(w, message=f"warning: {w.message}") for w in warnings], out)
    checked = plural(len(result.decks) + len(result.failed_paths), "deck")
    summary = "all valid"
    if result.problems:
        summary = (f"{len(result.decks)} valid, {len(result.failed_paths)} invalid "
                   f"({plural(len(result.problems), 'problem')})")  # fmt: skip
    if warnings and args.strict:
        counted = f"{plural(len(warnings), 'warning')}, errors with --strict"
        summary = f"{summary}; {counted}" if result.problems else counted
    elif warnings:
        summary += f"; {plural(len(warnings), 'warning')}"
    out.print(f"{checked} checked: {summary}", markup=False)
    failed = result.problems or (args.strict and warnings)
    return common.EXIT_DATA if failed else common.EXIT_OK

"""The `vae-quiz` command: parse arguments, call the domain or start the app, set exit codes.

Textual is imported only inside the functions that open the TUI, so `check`, `decks`, `stats`
and `export` start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from rich.console import Console

from vae_quiz import __version__
from vae_quiz.domain.catalog import DeckNotFound, bundled_deck_files, resolve_deck_args
from vae_quiz.domain.errors import DeckProblem
from vae_quiz.domain.loader import LoadResult, deck_files, load_decks

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # Not a terminal: never wrap or truncate, so scripts get whole lines.
    width = None if stream.isatty() else 10_000
    return Console(file=stream, highlight=False, soft_wrap=True, width=width, emoji=False)


def _print_problems(problems: Sequence[DeckProblem], console: Console) -> None:
    for problem in problems:
        console.print(str(problem), markup=False)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class _UsageError(Exception):
    """Bad arguments: the message goes to stderr and the exit code is 2."""


def cmd_check(args: argparse.Namespace) -> int:
    """Validate deck files; no path means the bundled decks."""
    out = _console()
    if args.paths:
        files = []
        for raw in args.paths:
            if os.path.isdir(raw):
                found = deck_files(raw)
                if not found:
                    raise _UsageError(f"{raw}: no deck files (.yaml, .yml) in this folder")
                files.extend(found)
            elif os.path.exists(raw):
                files.append(raw)
            else:
                raise _UsageError(f"{raw}: no such file or folder")
    else:
        files = bundled_deck_files()
    result = load_decks(files)
    for deck in result.decks:
        out.print(f"ok  {deck.path}: {deck.id}: {_counts(deck)}", markup=False)
    _print_problems(result.problems, out)
    checked = len(result.decks) + len(result.failed_paths)
    if result.problems:
        out.print(
            f"{_plural(checked, 'deck')} checked: {len(result.decks)} valid, "
            f"{len(result.failed_paths)} invalid ({_plural(len(result.problems), 'problem')})",
            markup=False,
        )
        return EXIT_DATA
    out.print(f"{_plural(checked, 'deck')} checked: all valid", markup=False)
    return EXIT_OK


def _counts(deck) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{_plural(len(deck.cards), 'card')}, {_plural(len(deck.questions), 'question')}, "
        f"{_plural(len(deck.prompts), 'prompt')}"
    )


def _load_for_command(args: argparse.Namespace) -> LoadResult:
    try:
        result = resolve_deck_args(getattr(args, "decks", []) or [])
    except DeckNotFound as exc:
        raise _UsageError(str(exc)) from None
    if result.problems:
        _print_problems(result.problems, _console(stderr=True))
    return result


def cmd_decks(args: argparse.Namespace) -> int:
    """List the decks with their item counts."""
    from rich.table import Table

    result = _load_for_command(args)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "title", "cards", "questions", "prompts", "path"):
        justify = "right" if column in ("cards", "questions", "prompts") else "left"
        table.add_column(column, justify=justify, no_wrap=column != "title")
    for deck in result.decks:
        table.add_row(
            deck.id,
            deck.title,
            str(len(deck.cards)),
            str(len(deck.questions)),
            str(len(deck.prompts)),
            deck.path,
        )
    out = _console()
    if result.decks:
        out.print(table)
    else:
        out.print("No decks found.", markup=False)
    return EXIT_DATA if result.problems else EXIT_OK


def _add_deck_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "decks",
        nargs="*",
        metavar="DECK",
        help="a bundled deck id (vae), a .yaml/.yml file or a folder of them; "
        "default: every bundled deck plus your deck folder",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="vae-quiz",
        description="A keyboard-first terminal flashcard and quiz app.",
        epilog="Run 'vae-quiz COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"vae-quiz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="validate deck files",
        description="Validate deck files and report every problem with its "
        "file, line, item and field. Exit 1 when any deck is invalid.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="deck files or folders (default: the bundled decks)",
    )
    check.set_defaults(func=cmd_check)

    decks = sub.add_parser(
        "decks",
        help="list decks with their item counts",
        description="List decks: id, title, counts of cards, questions "
        "and prompts, and where the file is.",
    )
    _add_deck_options(decks)
    decks.set_defaults(func=cmd_decks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except _UsageError as exc:
        _console(stderr=True).print(f"vae-quiz {args.command}: error: {exc}", markup=False)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`vae-quiz export | head`); say nothing more.
        sys.stderr.close()
        return EXIT_OK

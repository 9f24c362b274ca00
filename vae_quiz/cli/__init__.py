"""The `vae-quiz` command: a registry of commands (one module each) and `main`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from vae_quiz import __version__
from vae_quiz.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    DataError,
    UsageError,
    console,
    echo,
    silence_stdout,
)
from vae_quiz.errors import StoreError, WriteError

# Each command and its module in this package, imported only when that command runs (Textual
# only inside the functions that open the TUI): `add_parser(sub, name)` adds its parser, and
# `run(args) -> int` runs it and returns the exit code. The order is --help's.
COMMANDS = {
    "check": "check", "decks": "decks", "today": "modes", "study": "modes", "test": "modes",
    "concepts": "modes", "review": "modes", "grade": "grade", "import": "importing",
    "export-deck": "export_deck", "new": "new", "schema": "schema", "stats": "stats",
    "doctor": "doctor", "export": "export",
}  # fmt: skip
HOME = "modes"  # bare `vae-quiz`: the home screen


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command, or with `only` one command's ("": none). Each
    subparser costs a few milliseconds of gettext lookups, so a start-up builds only its own."""
    parser = argparse.ArgumentParser(
        prog="vae-quiz",
        description="A keyboard-first terminal flashcard and quiz app. With no command, "
        "opens the home screen: pick a deck and a mode, see what is due.",
        epilog="Run 'vae-quiz COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"vae-quiz {__version__}")
    parser.add_argument("--db", dest="home_db", metavar="PATH",
                        help="with no command: the progress file for the home screen")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only in (None, name):
            importlib.import_module(f"{__name__}.{module}").add_parser(sub, name)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names, so that only its parser is built; None when all are needed
    (help, or a word that is no command: argparse then lists them)."""
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    words = iter(argv)
    for arg in words:
        if arg == "--db":
            next(words, None)  # its value
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return ""  # no command: the home screen needs no subparser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(only=_command_in(argv)).parse_args(argv)
    try:
        module = HOME if args.command is None else COMMANDS[args.command]
        return int(importlib.import_module(f"{__name__}.{module}").run(args))
    except UsageError as exc:
        # No command: the home screen, and the program's name alone ("vae-quiz: error: ...").
        where = "vae-quiz" if args.command is None else f"vae-quiz {args.command}"
        echo(console(stderr=True), f"{where}: error: {exc}")
        return EXIT_USAGE
    except (StoreError, DataError, WriteError) as exc:
        echo(console(stderr=True), f"vae-quiz: {exc}")
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`vae-quiz export | head`): what it read was what it asked for.
        silence_stdout()
        return EXIT_OK

"""What the commands share: the console, exit codes and errors, deck loading, common options."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Sequence
from contextlib import closing
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from vae_quiz.decks.catalog import DeckNotFound, LoadResult, resolve_deck_args
from vae_quiz.errors import DeckProblem
from vae_quiz.text import plural, printable

if TYPE_CHECKING:
    from vae_quiz.model import Deck
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.progress.store import ProgressStore
    from vae_quiz.settings import Settings

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
BIG_DECK_BYTES = 2_000_000


class UsageError(Exception):
    """Bad arguments: the message goes to stderr and the exit code is 2."""


class DataError(Exception):
    """Bad data (a settings file): the message goes to stderr and the exit code is 1."""


def silence_stdout() -> None:
    """Send the rest of stdout to the null device, once its reader has gone away (`vae-quiz
    check | head -1`): later writes, and the flush at exit, then neither fail nor print a
    traceback (Python's recipe in the `signal` module's "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits 1 here; a reader that stops early is no error of ours: the command goes on
        # quietly and exits with its own code, so `check DIR | head -1` says whether DIR passed.
        self.quiet = True
        silence_stdout()


def console(stderr: bool = False) -> Console:
    """A console on stdout or stderr; not a terminal: never wrap or truncate (whole lines)."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 10_000
    return _Console(file=stream, highlight=False, soft_wrap=True, width=width, emoji=False)


def echo(out: Console, text: str, *, one_line: bool = False) -> None:
    """Print `text` on `out` as it is: never markup, and through `text.printable`, so no control
    character of a deck, a file name or the progress file reaches the terminal. Every command
    prints through here (or `cell`); `one_line` for a line that is one record."""
    out.print(printable(text, one_line=one_line), markup=False)


def cell(text: str) -> Text:
    """`text` for a Rich table cell: plain text on one line, never markup (`list[int]`)."""
    return Text(printable(text, one_line=True))


def print_problems(problems: Sequence[DeckProblem], out: Console) -> None:
    """Print each deck problem on its own line, literally."""
    for problem in problems:
        echo(out, str(problem), one_line=True)


def counts(deck: Deck) -> str:
    """'5 cards, 5 questions, 2 prompts'."""
    return (
        f"{plural(len(deck.cards), 'card')}, {plural(len(deck.questions), 'question')}, "
        f"{plural(len(deck.prompts), 'prompt')}"
    )


def say_parsing(path: str, size: int) -> None:
    """Before a big deck is parsed (not in the cache yet), say why the wait."""
    if size >= BIG_DECK_BYTES:
        echo(console(stderr=True), f"vae-quiz: reading {path} ({size / 1e6:.0f} MB) for the "
             "first time; later starts use a cache", one_line=True)  # fmt: skip


def load_decks_of(deck_args: list[str]) -> LoadResult:
    """The decks DECK arguments name (none: all); problems go to stderr; unknown: UsageError."""
    try:
        result = resolve_deck_args(deck_args, on_parse=say_parsing)
    except DeckNotFound as exc:
        raise UsageError(str(exc)) from None
    if result.problems:
        print_problems(result.problems, console(stderr=True))
    return result


def db_arg(args: argparse.Namespace) -> str | None:
    """--db given to the command, else to bare `vae-quiz` (the home screen)."""
    return getattr(args, "db", None) or getattr(args, "home_db", None)


def open_store(args: argparse.Namespace, create: bool = True) -> closing[ProgressStore]:
    """The progress file --db names (or the default), closed at the end of a `with`; a missing
    one is created, or with `create=False` stood in for by an empty store in memory (no file
    written). With `create=False` (commands that only read), a file vae-quiz may not write
    (a read-only file, folder or disk) is opened read-only."""
    import os

    from vae_quiz.locations import progress_file
    from vae_quiz.progress.store import ProgressStore, check_progress_path

    path = progress_file(db_arg(args))
    check_progress_path(path)  # a symlink loop "does not exist", yet is no place for one
    if not create and not path.exists():
        return closing(ProgressStore(":memory:"))
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return closing(ProgressStore(path, read_only=not create and not writable))


def settings(themes: Collection[str] | None = None) -> Settings:
    """The settings file's values (see `vae_quiz.settings`); a bad file is a DataError.

    Args:
        themes: the theme names the file's `theme` may take (None: not checked).
    """
    from vae_quiz.settings import SettingsError, load_settings

    try:
        return load_settings(themes=themes)
    except SettingsError as exc:
        raise DataError(str(exc)) from None


def scheduler(args: argparse.Namespace, config: Settings | None = None) -> Scheduler:
    """The scheduler at the desired retention: --retention, else the deck's own and the global
    one in the settings file (`config`, else read here), else 0.9. Above 0.97, Anki's warning
    goes to stderr."""
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.settings import retention_warning

    retention = getattr(args, "retention", None)
    per_deck: dict[str, float] = {}
    if retention is None:
        config = config or settings()
        retention, per_deck = config.desired_retention, config.deck_retentions()
    for deck, value in [(None, retention), *per_deck.items()]:
        if warning := retention_warning(value):
            of = f" (deck {deck})" if deck else ""
            echo(console(stderr=True), f"vae-quiz: warning: {warning}{of}")
    return Scheduler(desired_retention=retention, deck_retention=per_deck)


def new_per_day(args: argparse.Namespace, config: Settings) -> tuple[int, dict[str, int]]:
    """The daily new-item limit of each deck, and the decks' own: --new for every deck, else
    the settings file's (a deck's own, else the global one)."""
    if getattr(args, "new", None) is not None:
        return args.new, {}
    return config.new_per_day, config.deck_new_per_day()


def positive_int(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be 0 or more")
    return value


def _retention(text: str) -> float:
    from vae_quiz.settings import check_retention

    try:
        return check_retention(float(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}': {exc}") from None


def add_deck_options(parser: argparse.ArgumentParser) -> None:
    """DECK arguments (none: the default decks), then --db."""
    parser.add_argument("decks", nargs="*", metavar="DECK", help="a bundled deck id (vae), a "
                        ".yaml/.yml file or a folder of them; default: every bundled deck plus "
                        "your deck folder")  # fmt: skip
    add_db_option(parser)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """--db PATH: the progress file."""
    parser.add_argument("--db", metavar="PATH", help="progress file (default: $VAE_QUIZ_DB, "
                        "else progress.sqlite3 in your user data folder)")  # fmt: skip


def add_retention_option(parser: argparse.ArgumentParser) -> None:
    """--retention R: the desired retention, checked."""
    parser.add_argument("--retention", type=_retention, metavar="R", help="desired retention "
                        "for FSRS, 0.70 to 0.99 (default: desired_retention in config.toml, "
                        "else 0.9)")  # fmt: skip

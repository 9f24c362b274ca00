"""`vae-quiz export`: print every answer ever given, as CSV or JSON lines."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO, cast

from vae_quiz.cli import common
from vae_quiz.text import plural, printable


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="print every answer ever given",
        description="Print every answer ever given, oldest first, with a "
        "header: CSV (default) or JSON lines.",
    )
    common.add_db_option(parser)
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")


def run(args: argparse.Namespace) -> int:
    """Print every answer ever given, oldest first, as CSV or JSON lines."""
    from vae_quiz.progress.export import WRITERS, Skipped, readable

    skipped = Skipped()
    # Export never creates a progress file: without one, there is only the header. Rows are
    # written as they are read (a cursor), never all held at once.
    with common.open_store(args, create=False) as store:
        # CSV is text: what a learner wrote, deck and item ids are shown through the sanitiser
        # (JSON lines are exempt: JSON escapes its own control characters).
        out = cast(TextIO, _Printable(sys.stdout)) if args.format == "csv" else sys.stdout
        WRITERS[args.format](readable(store.rows(), skipped), out)
        path = store.path
    if skipped.first is not None:
        sys.stdout.flush()
        common.echo(
            common.console(stderr=True),
            f"vae-quiz export: {path}: {plural(skipped.count, 'answer')} left out (the first "
            f"answered at {str(skipped.first.answered_at)!r}): the time is not "
            "ISO 8601 or the detail is not JSON; 'vae-quiz doctor' lists them",
        )
        return common.EXIT_DATA
    return common.EXIT_OK


class _Printable:
    """A text stream that writes what it is given through `text.printable` (tabs and line
    breaks kept, so CSV quoting still holds)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(printable(text))

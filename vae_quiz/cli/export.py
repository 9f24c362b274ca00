"""`vae-quiz export`: print every answer ever given, as CSV or JSON lines."""

from __future__ import annotations

import argparse
import sys

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
        WRITERS[args.format](readable(store.rows(), skipped), sys.stdout)
        path = store.path
    if skipped.first is not None:
        sys.stdout.flush()
        common.console(stderr=True).print(
            f"vae-quiz export: {path}: {plural(skipped.count, 'answer')} left out (the first "
            f"answered at {printable(str(skipped.first.answered_at))!r}): the time is not "
            "ISO 8601 or the detail is not JSON; 'vae-quiz doctor' lists them",
            markup=False,
        )
        return common.EXIT_DATA
    return common.EXIT_OK

"""`vae-quiz export`: print every answer ever given, as CSV or JSON lines."""

from __future__ import annotations

import argparse
import sys

from vae_quiz.cli import common


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
    from vae_quiz.progress.export import WRITERS

    # Export never creates a progress file: without one, there is only the header.
    with common.open_store(args, create=False) as store:
        rows = list(store.rows())
    WRITERS[args.format](rows, sys.stdout)
    return common.EXIT_OK

"""`vae-quiz doctor`: report on the progress file and back it up."""

from __future__ import annotations

import argparse

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="check the progress file and back it up",
        description="Report the progress file's path, size, schema version, counts and "
        "integrity, reading it without writing. Exit 1 when it has a problem. With --backup "
        "PATH, also write a consistent copy (SQLite's backup API) to PATH.",
    )
    common.add_db_option(parser)
    parser.add_argument("--backup", metavar="PATH", help="write a consistent copy to PATH")


def run(args: argparse.Namespace) -> int:
    """Report on the progress file; with --backup, copy it consistently first."""
    from pathlib import Path

    from vae_quiz.locations import progress_file
    from vae_quiz.progress.doctor import backup, inspect
    from vae_quiz.progress.store import SCHEMA_VERSION

    path = progress_file(common.db_arg(args))
    out = common.console()
    if not path.exists():
        common.echo(out, f"No progress file yet at {path}: it is created on your first answer.",
                    one_line=True)  # fmt: skip
        return common.EXIT_OK
    report = inspect(path)
    rows = [
        ("progress file", str(report.path)),
        ("size", f"{report.size:,} bytes"),
        ("schema version", f"{report.schema_version} (this vae-quiz writes {SCHEMA_VERSION})"),
        ("journal mode", report.journal_mode),
        ("answers", f"{report.answers:,}"),
        ("scheduled items", f"{report.scheduled_items:,}"),
        ("decks answered", f"{report.decks:,}"),
        ("review queue", f"{report.review_queue:,}"),
        ("integrity", report.integrity),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        common.echo(out, f"{name.ljust(width)}  {value}", one_line=True)
    for problem in report.problems:
        common.echo(out, f"problem: {problem}", one_line=True)
    if args.backup:
        destination = Path(args.backup)
        pages = backup(path, destination)
        common.echo(out, f"backup written: {destination} ({pages:,} pages, integrity ok)",
                    one_line=True)  # fmt: skip
    return common.EXIT_OK if report.is_ok else common.EXIT_DATA

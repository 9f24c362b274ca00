"""`vae-quiz stats`: the learner's progress as a screen, plain text or JSON."""

from __future__ import annotations

import argparse
import sys

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="your progress: activity, streaks, forecast, retention, weak spots",
        description="Answers per day over the last year, streaks, the due forecast for 30 "
        "days, true retention against the desired retention, test accuracy, concept coverage, "
        "leeches and the concepts missed most. In a terminal: a screen; otherwise plain text; "
        "--json: the same figures as JSON (keys documented in the README).",
    )
    common.add_deck_options(parser)
    common.add_retention_option(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    """The stats: JSON with --json, plain text without a terminal (stdin or stdout), else the
    TUI."""
    if not args.json and sys.stdout.isatty() and sys.stdin.isatty():
        from vae_quiz.cli import modes
        from vae_quiz.modes.mode import Mode

        return modes.run(args, Mode.STATS)
    from datetime import UTC, datetime

    from vae_quiz.progress.report import build_report

    result = common.load_decks_of(args.decks)
    if result.problems and args.decks:
        return common.EXIT_DATA
    retention = common.scheduler(args).desired_retention
    # Stats never create a progress file: without one, they are all zero.
    with common.open_store(args, create=False) as store:
        report = build_report(
            result.decks,
            store,
            datetime.now(UTC),
            desired_retention=retention,
            every_answered=not args.decks,
        )
    if args.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        from vae_quiz.progress.report_text import report_text

        common.echo(common.console(), report_text(report))
    return common.EXIT_OK

"""`vae-quiz import`: make a deck from another tool's file, and say what was made and skipped."""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from vae_quiz.cli import common
from vae_quiz.text import plural, printable

if TYPE_CHECKING:
    from rich.console import Console


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="make a deck from another tool's file",
        description="Import SOURCE as a deck: opentriviaqa (#Q/^/A.. multiple choice), "
        "anki-csv (CSV or TSV with a header row; Anki's #separator/#html/#columns headers "
        "understood; HTML made plain text), csv (two columns: front, back) or hascard. The "
        "deck goes to -o, else your deck folder under a free file name; an existing file is "
        "replaced only with --force. Ids come from the content, so a re-import keeps "
        "progress. Prints what it made and what it skipped, and why.",
    )
    parser.add_argument("source", metavar="SOURCE")
    parser.add_argument("--from", dest="source_format", required=True, metavar="FORMAT",
                        choices=["opentriviaqa", "anki-csv", "csv", "hascard"])  # fmt: skip
    parser.add_argument("-o", "--output", metavar="OUT.yaml", help="where to write the deck")
    parser.add_argument("--force", action="store_true", help="replace an existing file: OUT.yaml, "
                        "or without -o the deck with the same id in your deck folder (never "
                        "SOURCE itself)")  # fmt: skip
    parser.add_argument("--id", metavar="DECK_ID", help="the deck's id (default: from the name)")
    parser.add_argument("--title", help="the deck's title")
    parser.add_argument("--encoding", metavar="NAME",
                        help="the source's encoding (default UTF-8; e.g. cp1252, or "
                        "utf-8+cp1252 for files mixing the two)")  # fmt: skip
    parser.add_argument("--front", metavar="COL", help="anki-csv/csv: the front's column")
    parser.add_argument("--back", metavar="COL", help="anki-csv/csv: the back's column")


def _print_lines(out: Console, lines: Iterable[str]) -> None:
    """Print `lines` a thousand at a time, each through `text.printable` on one line: one print
    a line costs Rich 0.1 ms, which made the notes of a mixed-encoding import (one per byte)
    take longer than the import."""
    lines = iter(lines)
    while chunk := list(itertools.islice(lines, 1000)):
        common.echo(out, "\n".join(printable(line, one_line=True) for line in chunk))


def run(args: argparse.Namespace) -> int:
    """Import another tool's file as a deck, check it, and say what was made and skipped."""
    from pathlib import Path

    from vae_quiz.decks.rules import DECK_ID_RE
    from vae_quiz.errors import WriteError
    from vae_quiz.interop.base import ImportFailed
    from vae_quiz.interop.run import ImportOptions, run_import
    from vae_quiz.locations import user_deck_dir

    if args.id is not None and not DECK_ID_RE.fullmatch(args.id):
        raise common.UsageError(f"--id '{args.id}': use lowercase letters, digits and '-'")
    if (args.front or args.back) and args.source_format not in ("anki-csv", "csv"):
        raise common.UsageError("--front and --back are for --from anki-csv or csv")
    options = ImportOptions(
        source=Path(args.source), fmt=args.source_format,
        out=Path(args.output) if args.output else None, deck_id=args.id, title=args.title,
        encoding=args.encoding, front=args.front, back=args.back, force=args.force,
    )  # fmt: skip
    try:
        report = run_import(options, user_deck_dir())
    except (ImportFailed, WriteError) as exc:
        common.echo(common.console(stderr=True), f"vae-quiz import: {exc}")
        return common.EXIT_DATA
    out = common.console()
    r = report.result
    kinds = ("cards", "questions", "prompts")
    made = ", ".join(plural(r.counts[kind], kind[:-1]) for kind in kinds)
    common.echo(out, f"wrote {report.out}: deck '{report.deck_id}': {made}", one_line=True)
    notes = itertools.chain(report.notes, r.notes)
    _print_lines(out, (f"note  {where}: {what}" for where, what in notes))
    if r.media:
        common.echo(out, f"media references kept as text: {sum(r.media.values())} "
                    f"({len(r.media)} files, not copied)")  # fmt: skip
    _print_lines(out, (f"skipped  {where}: {why}" for where, why in r.skipped))
    if r.skipped_count > len(r.skipped):
        common.echo(out, f"skipped  {r.skipped_count - len(r.skipped):,} more, not listed "
                    f"(only the first {len(r.skipped):,} are)")  # fmt: skip
    common.echo(out, f"{plural(r.skipped_count, 'item')} skipped")
    return common.EXIT_OK

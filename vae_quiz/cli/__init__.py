"""The `vae-quiz` command: parse arguments, call the domain or start the app, set exit codes.

Textual is imported only inside the functions that open the TUI, so `check`, `decks`, `stats`
and `export` start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console

from vae_quiz import __version__
from vae_quiz.decks.catalog import (
    DeckNotFound,
    LoadResult,
    bundled_deck_files,
    deck_files,
    load_decks,
    resolve_deck_args,
)
from vae_quiz.errors import DeckProblem, StoreError
from vae_quiz.text import plural

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "decks", "study", "test", "concepts", "review", "import", "export-deck",
            "schema", "stats", "doctor", "export")  # fmt: skip


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # Not a terminal: never wrap or truncate, so scripts get whole lines.
    width = None if stream.isatty() else 10_000
    return Console(file=stream, highlight=False, soft_wrap=True, width=width, emoji=False)


def _print_problems(problems: Sequence[DeckProblem], console: Console) -> None:
    for problem in problems:
        console.print(str(problem), markup=False)


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
    result = load_decks(files, _say_parsing)
    for deck in result.decks:
        out.print(f"ok  {deck.path}: {deck.id}: {_counts(deck)}", markup=False)
    _print_problems(result.problems, out)
    checked = len(result.decks) + len(result.failed_paths)
    if result.problems:
        out.print(
            f"{plural(checked, 'deck')} checked: {len(result.decks)} valid, "
            f"{len(result.failed_paths)} invalid ({plural(len(result.problems), 'problem')})",
            markup=False,
        )
        return EXIT_DATA
    out.print(f"{plural(checked, 'deck')} checked: all valid", markup=False)
    return EXIT_OK


def _counts(deck) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{plural(len(deck.cards), 'card')}, {plural(len(deck.questions), 'question')}, "
        f"{plural(len(deck.prompts), 'prompt')}"
    )


BIG_DECK_BYTES = 2_000_000


def _say_parsing(path: str, size: int) -> None:
    """Before a big deck is parsed (not in the cache yet), say why the wait."""
    if size >= BIG_DECK_BYTES:
        _console(stderr=True).print(
            f"vae-quiz: reading {path} ({size / 1e6:.0f} MB) for the first time; "
            "later starts use a cache",
            markup=False,
        )


def _load_for_command(
    args: argparse.Namespace, on_parse: Callable[[str, int], None] = _say_parsing
) -> LoadResult:
    try:
        result = resolve_deck_args(getattr(args, "decks", []) or [], on_parse=on_parse)
    except DeckNotFound as exc:
        raise _UsageError(str(exc)) from None
    if result.problems:
        _print_problems(result.problems, _console(stderr=True))
    return result


def cmd_decks(args: argparse.Namespace) -> int:
    """List the decks with their item counts and what is waiting in each."""
    from datetime import UTC, datetime

    from rich.table import Table

    from vae_quiz.locations import progress_file
    from vae_quiz.progress.overview import deck_statuses
    from vae_quiz.text import describe_last

    result = _load_for_command(args)
    now = datetime.now(UTC)
    # Listing never creates a progress file: without one, everything is new.
    store = _open_store(args) if progress_file(_db_arg(args)).exists() else None
    try:
        statuses = deck_statuses(result.decks, store, now)
    finally:
        if store is not None:
            store.close()
    table = Table(box=None, pad_edge=False, header_style="bold")
    numeric = ("cards", "questions", "prompts", "due", "new", "review")
    columns = ("id", "title", *numeric, "last studied", "path")
    for column in columns:
        table.add_column(column, justify="right" if column in numeric else "left",
                         no_wrap=column != "title")  # fmt: skip
    for status in statuses:
        deck = status.deck
        table.add_row(
            deck.id,
            deck.title,
            f"{len(deck.cards):,}",
            f"{len(deck.questions):,}",
            f"{len(deck.prompts):,}",
            f"{status.due:,}",
            f"{status.new:,}",
            f"{status.queued:,}",
            describe_last(status.last_answered, now),
            deck.path,
        )
    out = _console()
    if result.decks:
        out.print(table)
    else:
        out.print("No decks found.", markup=False)
    return EXIT_DATA if result.problems else EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be 0 or more")
    return value


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from vae_quiz.locations import progress_file
    from vae_quiz.progress.store import ProgressStore

    return ProgressStore(progress_file(_db_arg(args)))


def _db_arg(args: argparse.Namespace) -> str | None:
    """--db given to the command, else to bare `vae-quiz` (the home screen)."""
    return getattr(args, "db", None) or getattr(args, "home_db", None)


def cmd_study(args: argparse.Namespace) -> int:
    """Open the study screen (or cram, with --cram) over the chosen decks."""
    return _run_mode(args, "cram" if args.cram else "study")


def cmd_test(args: argparse.Namespace) -> int:
    """Open the test screen over the chosen decks."""
    return _run_mode(args, "test")


def cmd_concepts(args: argparse.Namespace) -> int:
    """Open the concepts screen over the chosen decks."""
    return _run_mode(args, "concepts")


def cmd_review(args: argparse.Namespace) -> int:
    """Ask the review queue of the chosen decks; an empty queue is said plainly."""
    return _run_mode(args, "review")


def cmd_home(args: argparse.Namespace) -> int:
    """Open the home screen over every deck found."""
    return _run_mode(args, None)


def _session_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from vae_quiz.model import Level
    from vae_quiz.modes.session import SessionOptions

    level = getattr(args, "level", None)
    return SessionOptions(
        level=Level(level) if level else None,
        limit=getattr(args, "limit", None),
        new_per_day=getattr(args, "new", 20),
        seed=getattr(args, "seed", None),
        due_only=getattr(args, "due", False),
    )


def _run_mode(args: argparse.Namespace, mode: str | None) -> int:
    """Load the decks, open the progress file and run the app on `mode`'s screen (None: home)."""
    from datetime import UTC, datetime

    from vae_quiz.modes.mode import Mode

    result = _load_for_command(args)
    if result.problems and getattr(args, "decks", None):
        return EXIT_DATA
    chosen = None if mode is None else Mode(mode)
    if chosen is not None and chosen.asks_one_kind and not chosen.decks_with_items(result.decks):
        _console(stderr=True).print(
            f"vae-quiz {args.command}: no {chosen.what} in the chosen decks", markup=False
        )
        return EXIT_DATA
    store = _open_store(args)
    try:
        if mode == "review":
            from vae_quiz.modes.review import queued_items

            if not queued_items(result.decks, store):
                _console().print(
                    "The review queue is empty: nothing to review. Items you miss in study, "
                    "test or concepts come back here until you get them right.",
                    markup=False,
                )
                return EXIT_OK
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        services = AppServices(
            store=store,
            decks=result.decks,
            now=lambda: datetime.now(UTC),
            scheduler=_scheduler(args),
            options=_session_options(args),
            problems=[str(p) for p in result.problems],
        )
        app = VaeQuizApp(services, mode=mode)
        _run_app(app)
    finally:
        store.close()
    if app.store_error:
        raise StoreError(app.store_error)
    return EXIT_OK if app.return_code in (0, None) else EXIT_DATA


def _run_app(app) -> None:  # type: ignore[no-untyped-def]
    """Run the TUI (it ends cleanly on SIGHUP and SIGTERM: see VaeQuizApp.on_mount)."""
    app.run()


EXPORT_COLUMNS = (
    "answered_at",
    "deck",
    "item",
    "kind",
    "mode",
    "outcome",
    "rating",
    "next_due",
    "response",
    "detail",
    "id",
)


def cmd_export(args: argparse.Namespace) -> int:
    """Print every answer ever given, oldest first, as CSV or JSON lines."""
    import csv
    import json

    from vae_quiz.locations import progress_file

    path = progress_file(_db_arg(args))
    rows = []
    if path.exists():
        store = _open_store(args)
        rows = list(store.rows())
        store.close()
    out = sys.stdout
    if args.format == "jsonl":
        for row in rows:
            record = {
                "answered_at": row.answered_at, "deck": row.deck, "item": row.item,
                "kind": row.kind, "mode": row.mode, "outcome": row.outcome,
                "rating": row.rating, "next_due": row.due_after, "response": row.response,
                "detail": json.loads(row.detail) if row.detail else None, "id": row.id,
            }  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return EXIT_OK
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.answered_at,
                row.deck,
                row.item,
                row.kind,
                row.mode,
                row.outcome,
                "" if row.rating is None else row.rating,
                row.due_after or "",
                row.response or "",
                row.detail or "",
                row.id,
            ]
        )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """The stats: JSON with --json, plain text when stdout is not a terminal, else the TUI."""
    if not args.json and sys.stdout.isatty():
        return _run_mode(args, "stats")
    from datetime import UTC, datetime

    from vae_quiz.locations import progress_file
    from vae_quiz.progress.report import build_report
    from vae_quiz.progress.store import ProgressStore

    result = _load_for_command(args)
    if result.problems and args.decks:
        return EXIT_DATA
    scheduler = _scheduler(args)
    path = progress_file(_db_arg(args))
    # Stats never create a progress file: without one, they are all zero.
    store = ProgressStore(path) if path.exists() else ProgressStore(":memory:")
    try:
        report = build_report(result.decks, store, datetime.now(UTC),
                              desired_retention=scheduler.desired_retention)  # fmt: skip
    finally:
        store.close()
    if args.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        from vae_quiz.progress.report_text import report_text

        _console().print(report_text(report), markup=False)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import another tool's file as a deck, check it, and say what was made and skipped."""
    from pathlib import Path

    from vae_quiz.decks.loader import DECK_ID_RE, load_deck
    from vae_quiz.interop.base import ImportError_
    from vae_quiz.interop.run import ImportOptions, run_import
    from vae_quiz.locations import user_deck_dir

    if args.id is not None and not DECK_ID_RE.fullmatch(args.id):
        raise _UsageError(f"--id '{args.id}': use lowercase letters, digits and '-'")
    if (args.front or args.back) and args.source_format not in ("anki-csv", "csv"):
        raise _UsageError("--front and --back are for --from anki-csv or csv")
    options = ImportOptions(
        source=Path(args.source), fmt=args.source_format,
        out=Path(args.output) if args.output else None, deck_id=args.id, title=args.title,
        encoding=args.encoding, front=args.front, back=args.back,
    )  # fmt: skip
    try:
        report = run_import(options, user_deck_dir())
    except ImportError_ as exc:
        _console(stderr=True).print(f"vae-quiz import: {exc}", markup=False)
        return EXIT_DATA
    out = _console()
    deck = load_deck(report.out)  # what we wrote must pass our own checks
    r = report.result
    out.print(f"wrote {report.out}: deck '{deck.id}': {_counts(deck)}", markup=False)
    for where, what in report.notes:
        out.print(f"note  {where}: {what}", markup=False)
    if r.media:
        out.print(f"media references kept as text: {sum(r.media.values())} "
                  f"({len(r.media)} files, not copied)", markup=False)  # fmt: skip
    for where, why in r.skipped:
        out.print(f"skipped  {where}: {why}", markup=False)
    out.print(f"{plural(len(r.skipped), 'item')} skipped", markup=False)
    return EXIT_OK


def cmd_export_deck(args: argparse.Namespace) -> int:
    """Write one deck as an Anki package."""
    from pathlib import Path

    from vae_quiz.interop.apkg import export_apkg

    result = _load_for_command(argparse.Namespace(decks=[args.deck]))
    if result.problems or not result.decks:
        return EXIT_DATA
    (deck,) = result.decks
    notes = export_apkg(deck, Path(args.output))
    _console().print(f"wrote {args.output}: {notes} notes from deck '{deck.id}' ({_counts(deck)})",
                     markup=False)  # fmt: skip
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the deck format's JSON Schema."""
    import json

    from vae_quiz.decks.schema import deck_schema

    sys.stdout.write(json.dumps(deck_schema(), indent=2) + "\n")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    """Report on the progress file; with --backup, copy it consistently first."""
    from pathlib import Path

    from vae_quiz.locations import progress_file
    from vae_quiz.progress.doctor import backup, inspect
    from vae_quiz.progress.store import SCHEMA_VERSION

    path = progress_file(_db_arg(args))
    out = _console()
    if not path.exists():
        out.print(f"No progress file yet at {path}: it is created on your first answer.",
                  markup=False)  # fmt: skip
        return EXIT_OK
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
        out.print(f"{name.ljust(width)}  {value}", markup=False)
    for problem in report.problems:
        out.print(f"problem: {problem}", markup=False)
    if args.backup:
        destination = Path(args.backup)
        pages = backup(path, destination)
        out.print(f"backup written: {destination} ({pages:,} pages, integrity ok)", markup=False)
    return EXIT_OK if report.is_ok else EXIT_DATA


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="progress file (default: $VAE_QUIZ_DB, else progress.sqlite3 in "
        "your user data folder)",
    )


def _add_session_options(parser: argparse.ArgumentParser) -> None:
    _add_deck_options(parser)
    _add_db_option(parser)
    parser.add_argument(
        "--level", choices=["beginner", "intermediate", "advanced"], help="only items of this level"
    )
    parser.add_argument(
        "--limit", type=_positive_int, metavar="N", help="at most N items this session"
    )
    parser.add_argument("--seed", type=int, metavar="N", help="reproducible shuffling")
    _add_retention_option(parser)


def _retention(text: str) -> float:
    from vae_quiz.settings import check_retention

    try:
        return check_retention(float(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}': {exc}") from None


def _add_retention_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--retention",
        type=_retention,
        metavar="R",
        help="desired retention for FSRS, 0.70 to 0.99 (default: desired_retention in "
        "config.toml, else 0.9)",
    )


def _scheduler(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The scheduler at the desired retention: --retention, else the config file, else 0.9.
    Above 0.97, Anki's warning goes to stderr."""
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.settings import SettingsError, load_settings, retention_warning

    retention = getattr(args, "retention", None)
    if retention is None:
        try:
            retention = load_settings().desired_retention
        except SettingsError as exc:
            raise _DataError(str(exc)) from None
    warning = retention_warning(retention)
    if warning:
        _console(stderr=True).print(f"vae-quiz: warning: {warning}", markup=False)
    return Scheduler(desired_retention=retention)


class _DataError(Exception):
    """Bad data (a settings file): the message goes to stderr and the exit code is 1."""


def _add_deck_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "decks",
        nargs="*",
        metavar="DECK",
        help="a bundled deck id (vae), a .yaml/.yml file or a folder of them; "
        "default: every bundled deck plus your deck folder",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command, or with `only` one command's (every subparser
    costs a few milliseconds of gettext lookups, and a start-up should not pay for twelve)."""
    parser = argparse.ArgumentParser(
        prog="vae-quiz",
        description="A keyboard-first terminal flashcard and quiz app. With no command, "
        "opens the home screen: pick a deck and a mode, see what is due.",
        epilog="Run 'vae-quiz COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"vae-quiz {__version__}")
    parser.add_argument(
        "--db",
        dest="home_db",
        metavar="PATH",
        help="with no command: the progress file for the home screen",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    if only in (None, "check"):
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

    if only in (None, "decks"):
        decks = sub.add_parser(
            "decks",
            help="list decks with their item counts and what is due",
            description="List decks: id, title, counts of cards, questions and prompts; across "
            "all of them, how many items are due now, how many are new (never answered) and how "
            "many wait in the review queue; when the deck was last studied; where the file is.",
        )
        _add_deck_options(decks)
        _add_db_option(decks)
        decks.set_defaults(func=cmd_decks)

    if only in (None, "study"):
        study = sub.add_parser(
            "study",
            help="spaced-repetition study of recall cards",
            description="Study recall cards with FSRS spaced repetition: due "
            "cards first, then new ones up to a daily limit. Keys: space reveal, "
            "1-4 rate, u undo, q end, ? help.",
        )
        _add_session_options(study)
        study.add_argument(
            "--new",
            type=_positive_int,
            default=20,
            metavar="N",
            help="at most N new cards a day (default 20)",
        )
        study.add_argument(
            "--cram",
            action="store_true",
            help="practise every card of the chosen decks whatever its due date; answers are "
            "logged (mode cram) but move no due date",
        )
        study.set_defaults(func=cmd_study)

    if only in (None, "test"):
        test = sub.add_parser(
            "test",
            help="a scored multiple-choice test",
            description="A scored run over multiple-choice questions, shuffled "
            "(--seed makes it reproducible). Keys: 1-8 or a-h pick, enter submits "
            "a select-all question, space next, q end, ? help.",
        )
        _add_session_options(test)
        test.add_argument("--due", action="store_true", help="only the questions that are due")
        test.set_defaults(func=cmd_test)

    if only in (None, "concepts"):
        concepts = sub.add_parser(
            "concepts",
            help="write answers to open prompts, tick the concepts you covered",
            description="For each open prompt: write an answer (ctrl+s submits; escape leaves "
            "the editor, then h shows the hint), tick the concepts it covered (1-9 or space, "
            "enter confirms) and see 'You got k/N concepts', the missed ones and the model answer.",
        )
        _add_session_options(concepts)
        concepts.set_defaults(func=cmd_concepts)

    if only in (None, "review"):
        review = sub.add_parser(
            "review",
            help="ask again the items you missed, until you get them right",
            description="Ask every item missed in any mode (Again in study, wrong in test, not all "
            "concepts in concepts), each in its own mode's screen, until answered right; an item "
            "leaves the review queue only then. An empty queue is said plainly (exit 0).",
        )
        _add_session_options(review)
        review.set_defaults(func=cmd_review)

    if only in (None, "import"):
        importer = sub.add_parser(
            "import",
            help="make a deck from another tool's file",
            description="Import SOURCE as a deck: opentriviaqa (#Q/^/A.. multiple choice), "
            "anki-csv (CSV or TSV with a header row; Anki's #separator/#html/#columns headers "
            "understood; HTML made plain text), csv (two columns: front, back) or hascard. The "
            "deck goes to -o, else your deck folder; ids come from the content, so a re-import "
            "keeps progress. Prints what it made and what it skipped, and why.",
        )
        importer.add_argument("source", metavar="SOURCE")
        importer.add_argument("--from", dest="source_format", required=True, metavar="FORMAT",
                              choices=["opentriviaqa", "anki-csv", "csv", "hascard"])  # fmt: skip
        importer.add_argument("-o", "--output", metavar="OUT.yaml", help="where to write the deck")
        importer.add_argument(
            "--id", metavar="DECK_ID", help="the deck's id (default: from the name)"
        )
        importer.add_argument("--title", help="the deck's title")
        importer.add_argument("--encoding", metavar="NAME",
                              help="the source's encoding (default UTF-8; e.g. cp1252, or "
                              "utf-8+cp1252 for files mixing the two)")  # fmt: skip
        importer.add_argument("--front", metavar="COL", help="anki-csv/csv: the front's column")
        importer.add_argument("--back", metavar="COL", help="anki-csv/csv: the back's column")
        importer.set_defaults(func=cmd_import)

    if only in (None, "export-deck"):
        export_deck = sub.add_parser(
            "export-deck",
            help="write a deck as an Anki package (.apkg)",
            description="Write DECK as an Anki package: recall cards as Basic notes, questions "
            "with their choices on the front and answer and explanation on the back, prompts with "
            "their concepts on the back. Note GUIDs come from the ids, so re-importing into Anki "
            "updates notes instead of duplicating them.",
        )
        export_deck.add_argument("deck", metavar="DECK", help="a deck id, or a .yaml deck file")
        export_deck.add_argument("--to", choices=["apkg"], default="apkg", help="the format")
        export_deck.add_argument("-o", "--output", required=True, metavar="OUT.apkg")
        export_deck.set_defaults(func=cmd_export_deck)

    if only in (None, "schema"):
        schema = sub.add_parser(
            "schema",
            help="print the deck format as JSON Schema, for editors",
            description="Print a JSON Schema (draft 2020-12) of the deck format. Save it and "
            "point your editor at it, e.g. a first line '# yaml-language-server: "
            "$schema=./deck.schema.json' in the deck (see the README).",
        )
        schema.set_defaults(func=cmd_schema)

    if only in (None, "stats"):
        stats = sub.add_parser(
            "stats",
            help="your progress: activity, streaks, forecast, retention, weak spots",
            description="Answers per day over the last year, streaks, the due forecast for 30 "
            "days, true retention against the desired retention, test accuracy, concept coverage, "
            "leeches and the concepts missed most. In a terminal: a screen; otherwise plain text; "
            "--json: the same figures as JSON (keys documented in the README).",
        )
        _add_deck_options(stats)
        _add_db_option(stats)
        _add_retention_option(stats)
        stats.add_argument("--json", action="store_true", help="print the figures as JSON")
        stats.set_defaults(func=cmd_stats)

    if only in (None, "doctor"):
        doctor = sub.add_parser(
            "doctor",
            help="check the progress file and back it up",
            description="Report the progress file's path, size, schema version, counts and "
            "integrity, reading it without writing. Exit 1 when it has a problem. With --backup "
            "PATH, also write a consistent copy (SQLite's backup API) to PATH.",
        )
        _add_db_option(doctor)
        doctor.add_argument("--backup", metavar="PATH", help="write a consistent copy to PATH")
        doctor.set_defaults(func=cmd_doctor)

    if only in (None, "export"):
        export = sub.add_parser(
            "export",
            help="print every answer ever given",
            description="Print every answer ever given, oldest first, with a "
            "header: CSV (default) or JSON lines.",
        )
        _add_db_option(export)
        export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        export.set_defaults(func=cmd_export)
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
    parser = build_parser(only=_command_in(argv))
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return cmd_home(args)
        return args.func(args)
    except _UsageError as exc:
        _console(stderr=True).print(f"vae-quiz {args.command}: error: {exc}", markup=False)
        return EXIT_USAGE
    except (StoreError, _DataError) as exc:
        _console(stderr=True).print(f"vae-quiz: {exc}", markup=False)
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`vae-quiz export | head`); say nothing more.
        sys.stderr.close()
        return EXIT_OK

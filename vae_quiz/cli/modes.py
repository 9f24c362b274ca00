"""`vae-quiz today|study|test|concepts|review` and bare `vae-quiz`: open the TUI on a mode or
home."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from vae_quiz import collector
from vae_quiz.cli import common
from vae_quiz.errors import DeckProblem, StoreError
from vae_quiz.modes.mode import Mode

_TEXTS = {  # each command's help and description
    Mode.TODAY: (
        "everything due today, every kind mixed, then new items",
        "One session over everything due in the chosen decks, most overdue first, then new items "
        "up to the day's limit: each asked its own way (a card: reveal and rate; a question: "
        "pick; a prompt: write and tick); a miss comes back later in the session. q ends, ? help.",
    ),
    Mode.STUDY: (
        "spaced-repetition study of recall cards",
        "Study recall cards with FSRS spaced repetition: due cards first, then new ones up to a "
        "daily limit. Keys: space reveal, 1-4 rate, u undo, q end, ? help.",
    ),
    Mode.TEST: (
        "a scored multiple-choice test",
        "A scored run over multiple-choice questions, shuffled (--seed makes it reproducible), "
        "at most 20 unless --limit says otherwise (--limit 0: all). "
        "Keys: 1-8 or a-h pick, enter submits a select-all question, space next, q end, ? help.",
    ),
    Mode.CONCEPTS: (
        "write answers to open prompts, tick the concepts you covered",
        "For each open prompt: write an answer (ctrl+s submits; escape leaves "
        "the editor, then h shows the hint), tick the concepts it covered (1-9 or space, "
        "enter confirms) and see 'You got k/N concepts', the missed ones and the model answer.",
    ),
    Mode.REVIEW: (
        "ask again the items you missed, until you get them right",
        "Ask every item whose last answer, in any mode, was a miss (Again, a wrong choice, not "
        "all concepts), each in its own mode's screen, until answered right; a right answer "
        "anywhere takes an item out of the queue. An empty queue is said plainly (exit 0).",
    ),
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the parser of the mode `name` names, with the session options, to `sub`."""
    mode = Mode(name)
    parser = sub.add_parser(name, help=_TEXTS[mode][0], description=_TEXTS[mode][1])
    common.add_deck_options(parser)
    parser.add_argument("--level", choices=["beginner", "intermediate", "advanced"],
                        help="only items of this level")  # fmt: skip
    limit = "at most N items this session (0: all)"
    if mode is Mode.TEST:
        limit = "at most N questions (default 20; 0: all)"
    parser.add_argument("--limit", type=common.positive_int, metavar="N", help=limit)
    parser.add_argument("--seed", type=int, metavar="N", help="reproducible shuffling")
    common.add_retention_option(parser)
    if mode in (Mode.STUDY, Mode.TODAY):
        parser.add_argument("--new", type=common.positive_int, metavar="N",
                            help="at most N new items a day in each deck (default: "
                            "new_per_day in config.toml, the deck's own else the global one, "
                            "else 20)")  # fmt: skip
    what = {Mode.STUDY: "card", Mode.TEST: "question", Mode.CONCEPTS: "prompt"}.get(mode, "item")
    cram = (f"practise every {what} of the chosen decks whatever its due date, shuffled (--seed "
            "reproduces the order, --limit takes that many)")  # fmt: skip
    if mode is Mode.REVIEW:
        cram = "practise the missed items"
    cram += "; answers are logged (mode cram) but move no due date"
    parser.add_argument("--cram", action="store_true", help=cram)
    if mode is Mode.TEST:
        parser.add_argument("--due", action="store_true", help="only the questions that are due")


def run(args: argparse.Namespace, mode: Mode | None = None) -> int:
    """Load the decks, open the progress file and run the app on `mode`, else the command's (study
    --cram: cram; no command: home). An empty review queue is said plainly, without the app."""
    if mode is None and args.command is not None:
        # Study's cram is a mode of its own (home's p); the others cram through their options.
        is_study_cram = args.command == Mode.STUDY and getattr(args, "cram", False)
        mode = Mode.CRAM if is_study_cram else Mode(args.command)

    resume_collector = collector.pause()  # until the first screen is up
    try:
        return _run(args, mode, resume_collector)
    finally:
        resume_collector()


def require_terminal(args: argparse.Namespace) -> None:
    """Refuse to open the TUI without a terminal on stdin and stdout: Textual would wait for keys
    that never come (`</dev/null` spun at 100% CPU), or write escape sequences into a pipe.

    Raises:
        common.UsageError: naming the commands that work without a terminal.
    """
    if sys.stdin.isatty() and sys.stdout.isatty():
        return
    from vae_quiz.cli import COMMANDS

    plain = ", ".join(name for name, module in COMMANDS.items() if module != "modes")
    command = args.command or "the home screen"
    raise common.UsageError(
        f"{command} needs a terminal (stdin and stdout are not both one); without a terminal, "
        f"use: {plain}"
    )


def _failed_decks(problems: Sequence[DeckProblem]) -> list[str]:
    """One line per deck that could not be loaded: its path, how many problems, the first."""
    from dataclasses import replace

    from vae_quiz.decks.catalog import problems_by_deck
    from vae_quiz.text import plural, printable

    lines = []
    for path, found in problems_by_deck(problems).items():
        first = found[0]
        detail = str(replace(first, path="", line=None)).removeprefix(": ")
        where = f"line {first.line}: " if first.line else ""
        lines.append(printable(f"{path}: {plural(len(found), 'problem')}; {where}{detail}"))
    return lines


def _run(args: argparse.Namespace, mode: Mode | None, on_first_screen: Callable[[], None]) -> int:
    from datetime import UTC, datetime

    # A bad settings file is the one line to fix, with or without a terminal.
    config = common.settings()
    if config.theme is not None:
        # Only then are Textual's themes imported before the app: that early import, made on
        # every start, measured 6-7 ms more on every keypress to the next card (15.7 ms against
        # 9.0 ms median, benchmarks/run_all.py keypress; cause not found).
        from textual.theme import BUILTIN_THEMES

        config = common.settings(themes=BUILTIN_THEMES)
    if mode is not Mode.REVIEW:  # review first says whether its queue is empty, without the TUI
        require_terminal(args)
    result = common.load_decks_of(getattr(args, "decks", []))
    if result.problems and getattr(args, "decks", None):
        return common.EXIT_DATA
    if mode is not None and mode.asks_one_kind and not mode.decks_with_items(result.decks):
        common.echo(common.console(stderr=True),
                    f"vae-quiz {args.command}: no {mode.what} in the chosen decks")  # fmt: skip
        return common.EXIT_DATA
    with common.open_store(args) as store:
        if mode is Mode.REVIEW:
            from vae_quiz.modes.review import queued_items

            if not queued_items(result.decks, store):
                common.echo(common.console(), "The review queue is empty: nothing to review. "
                            "Items you miss in study, test or concepts come back here until "
                            "you get them right.")  # fmt: skip
                return common.EXIT_OK
            require_terminal(args)
        from functools import partial

        from vae_quiz.locations import config_file, user_deck_dir
        from vae_quiz.model import Level
        from vae_quiz.modes.session import SessionOptions
        from vae_quiz.settings import save_theme
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        new_per_day, new_per_deck = common.new_per_day(args, config)
        level = getattr(args, "level", None)
        options = SessionOptions(
            level=Level(level) if level else None, limit=getattr(args, "limit", None),
            new_per_day=new_per_day, new_per_deck=new_per_deck, seed=getattr(args, "seed", None),
            due_only=getattr(args, "due", False), cram=getattr(args, "cram", False),
        )  # fmt: skip
        services = AppServices(
            store=store, decks=result.decks, now=lambda: datetime.now(UTC),
            scheduler=common.scheduler(args, config), options=options,
            problems=_failed_decks(result.problems), on_first_screen=on_first_screen,
            theme=config.theme, save_theme=partial(save_theme, config_file()),
            user_decks=user_deck_dir(), all_decks=not getattr(args, "decks", None),
        )  # fmt: skip
        app = VaeQuizApp(services, mode=mode)
        app.run()  # it ends cleanly on SIGHUP and SIGTERM: see VaeQuizApp.on_mount
    if app.store_error:
        raise StoreError(app.store_error)
    return common.EXIT_OK if app.return_code in (0, None) else common.EXIT_DATA

"""`vae-quiz study|test|concepts|review` and bare `vae-quiz`: open the TUI on a mode or home."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from vae_quiz import collector
from vae_quiz.cli import common
from vae_quiz.errors import StoreError
from vae_quiz.modes.mode import Mode

_TEXTS = {  # each command's help and description
    Mode.STUDY: (
        "spaced-repetition study of recall cards",
        "Study recall cards with FSRS spaced repetition: due cards first, then new ones up to a "
        "daily limit. Keys: space reveal, 1-4 rate, u undo, q end, ? help.",
    ),
    Mode.TEST: (
        "a scored multiple-choice test",
        "A scored run over multiple-choice questions, shuffled (--seed makes it reproducible). "
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
        "Ask every item missed in any mode (Again in study, wrong in test, not all "
        "concepts in concepts), each in its own mode's screen, until answered right; an item "
        "leaves the review queue only then. An empty queue is said plainly (exit 0).",
    ),
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the parser of the mode `name` names, with the session options, to `sub`."""
    mode = Mode(name)
    parser = sub.add_parser(name, help=_TEXTS[mode][0], description=_TEXTS[mode][1])
    common.add_deck_options(parser)
    parser.add_argument("--level", choices=["beginner", "intermediate", "advanced"],
                        help="only items of this level")  # fmt: skip
    parser.add_argument("--limit", type=common.positive_int, metavar="N",
                        help="at most N items this session")  # fmt: skip
    parser.add_argument("--seed", type=int, metavar="N", help="reproducible shuffling")
    common.add_retention_option(parser)
    if mode is Mode.STUDY:
        parser.add_argument("--new", type=common.positive_int, default=20, metavar="N",
                            help="at most N new cards a day (default 20)")  # fmt: skip
        parser.add_argument("--cram", action="store_true", help="practise every card of the "
                            "chosen decks whatever its due date; answers are logged (mode cram) "
                            "but move no due date")  # fmt: skip
    elif mode is Mode.TEST:
        parser.add_argument("--due", action="store_true", help="only the questions that are due")


def run(args: argparse.Namespace, mode: Mode | None = None) -> int:
    """Load the decks, open the progress file and run the app on `mode`, else the command's (study
    --cram: cram; no command: home). An empty review queue is said plainly, without the app."""
    if mode is None and args.command is not None:
        mode = Mode.CRAM if getattr(args, "cram", False) else Mode(args.command)

    resume_collector = collector.pause()  # until the first screen is up
    try:
        return _run(args, mode, resume_collector)
    finally:
        resume_collector()


def _run(args: argparse.Namespace, mode: Mode | None, on_first_screen: Callable[[], None]) -> int:
    from datetime import UTC, datetime

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
        from vae_quiz.model import Level
        from vae_quiz.modes.session import SessionOptions
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        level = getattr(args, "level", None)
        options = SessionOptions(
            level=Level(level) if level else None, limit=getattr(args, "limit", None),
            new_per_day=getattr(args, "new", 20), seed=getattr(args, "seed", None),
            due_only=getattr(args, "due", False),
        )  # fmt: skip
        services = AppServices(
            store=store, decks=result.decks, now=lambda: datetime.now(UTC),
            scheduler=common.scheduler(args), options=options,
            problems=[str(p) for p in result.problems], on_first_screen=on_first_screen,
        )  # fmt: skip
        app = VaeQuizApp(services, mode=mode)
        app.run()  # it ends cleanly on SIGHUP and SIGTERM: see VaeQuizApp.on_mount
    if app.store_error:
        raise StoreError(app.store_error)
    return common.EXIT_OK if app.return_code in (0, None) else common.EXIT_DATA

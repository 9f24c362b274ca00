"""`vae-quiz decks`: list the decks with their item counts and what is waiting in each."""

from __future__ import annotations

import argparse

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="list decks with their item counts and what is due",
        description="List decks: id, title, counts of cards, questions and prompts; across "
        "all of them, how many items are due now, how many are new (never answered) and how "
        "many wait in the review queue; when the deck was last studied; where the file is.",
    )
    common.add_deck_options(parser)


def run(args: argparse.Namespace) -> int:
    """List the decks with their item counts and what is waiting in each."""
    from datetime import UTC, datetime

    from rich.table import Table

    from vae_quiz.progress.overview import deck_statuses
    from vae_quiz.text import describe_last

    result = common.load_decks_of(args.decks)
    now = datetime.now(UTC)
    # Listing never creates a progress file: without one, everything is new.
    with common.open_store(args, create=False) as store:
        statuses = deck_statuses(result.decks, store, now)
    table = Table(box=None, pad_edge=False, header_style="bold")
    numeric = ("cards", "questions", "prompts", "due", "new", "review")
    for column in ("id", "title", *numeric, "last studied", "path"):
        table.add_column(column, justify="right" if column in numeric else "left",
                         no_wrap=column != "title")  # fmt: skip
    for status in statuses:
        deck = status.deck
        # Deck text as Text, never markup ("list[int]", "[/]"), and with no control character.
        table.add_row(
            common.cell(deck.id),
            common.cell(deck.title),
            *(f"{n:,}" for n in (len(deck.cards), len(deck.questions), len(deck.prompts))),
            *(f"{n:,}" for n in (status.due, status.new, status.queued)),
            describe_last(status.last_answered, now),
            common.cell(deck.path),
        )
    if result.decks:
        common.console().print(table)
    else:
        common.echo(common.console(), "No decks found.")
    return common.EXIT_DATA if result.problems else common.EXIT_OK

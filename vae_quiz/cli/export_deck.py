"""`vae-quiz export-deck`: write a deck as an Anki package (.apkg)."""

from __future__ import annotations

import argparse

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="write a deck as an Anki package (.apkg)",
        description="Write DECK as an Anki package: recall cards as Basic notes, questions "
        "with their choices on the front and answer and explanation on the back, prompts with "
        "their concepts on the back. Note GUIDs come from the ids, so re-importing into Anki "
        "updates notes instead of duplicating them.",
    )
    parser.add_argument("deck", metavar="DECK", help="a deck id, or a .yaml deck file")
    parser.add_argument("--to", choices=["apkg"], default="apkg", help="the format")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.apkg")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT.apkg if it exists (never the deck file)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Write one deck as an Anki package."""
    from pathlib import Path

    from vae_quiz.interop.apkg import export_apkg
    from vae_quiz.text import plural

    result = common.load_decks_of([args.deck])
    if result.problems or not result.decks:
        return common.EXIT_DATA
    (deck,) = result.decks
    notes = export_apkg(deck, Path(args.output), force=args.force)
    what = f"{plural(notes, 'note')} from deck '{deck.id}' ({common.counts(deck)})"
    common.echo(common.console(), f"wrote {args.output}: {what}", one_line=True)
    return common.EXIT_OK

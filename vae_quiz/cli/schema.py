"""`vae-quiz schema`: print the deck format as JSON Schema, for editors."""

from __future__ import annotations

import argparse
import sys

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    sub.add_parser(
        name,
        help="print the deck format as JSON Schema, for editors",
        description="Print a JSON Schema (draft 2020-12) of the deck format. Save it and "
        "point your editor at it, e.g. a first line '# yaml-language-server: "
        "$schema=./deck.schema.json' in the deck (see the README).",
    )


def run(args: argparse.Namespace) -> int:
    """Print the deck format's JSON Schema."""
    import json

    from vae_quiz.decks.schema import deck_schema

    sys.stdout.write(json.dumps(deck_schema(), indent=2) + "\n")
    return common.EXIT_OK

"""`vae-quiz new`: write a commented starter deck into the user's deck folder."""

from __future__ import annotations

import argparse

from vae_quiz.cli import common


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="write a commented starter deck into your deck folder",
        description="Write a starter deck, one card, one question and one prompt with every "
        "field explained in a comment, to DECK.yaml in your deck folder ($VAE_QUIZ_DECKS, "
        "else decks/ in the user data folder), and check it. DECK is the deck's id (or a name, "
        "made an id: 'Linear Algebra' gives linear-algebra). Never replaces a file; an id "
        "another deck already has is refused.",
    )
    parser.add_argument("deck", metavar="DECK", help="the new deck's id, or a name for it")
    parser.add_argument("--title", help="the deck's title (default: from DECK)")


def run(args: argparse.Namespace) -> int:
    """Write the starter deck, check it, and say where it is and what to run next."""
    from vae_quiz import outfile
    from vae_quiz.decks.loader import parse_deck_bytes
    from vae_quiz.decks.rules import DECK_ID_RE, MAX_ID_LENGTH
    from vae_quiz.decks.starter import starter_deck
    from vae_quiz.errors import DeckError
    from vae_quiz.interop.base import slug
    from vae_quiz.interop.destination import deck_folder_target, deck_owner
    from vae_quiz.locations import user_deck_dir
    from vae_quiz.text import printable

    deck_id = args.deck if DECK_ID_RE.fullmatch(args.deck) else slug(args.deck, 60)
    if deck_id == "item" and not DECK_ID_RE.fullmatch(args.deck):  # slug found no word
        import shlex

        # An id is a-z, 0-9 and '-': a name in another script has no letters for one.
        name = printable(args.deck, one_line=True)
        raise common.UsageError(
            f"'{name}' has no letter a-z or digit to make a deck id from; give an id, and the "
            f"name as the title: vae-quiz new my-deck --title {shlex.quote(name)}"
        )
    if len(deck_id) > MAX_ID_LENGTH:
        raise common.UsageError(f"a deck id has at most {MAX_ID_LENGTH} characters")
    title = args.title if args.title is not None else deck_id.replace("-", " ").capitalize()
    if not title.strip():
        raise common.UsageError("--title is blank; give the deck a title")
    folder = user_deck_dir()
    owner = deck_owner(deck_id, folder)
    if owner is not None:
        shown_owner = printable(str(owner))
        raise common.DataError(f"deck id '{deck_id}' is already taken by {shown_owner}; "
                               "choose another id")  # fmt: skip
    target = deck_folder_target(deck_id, folder, force=False)  # a free file name
    text = starter_deck(deck_id, title, str(target)).encode("utf-8")
    try:
        parse_deck_bytes(text, str(target))  # what we write must pass our own checks
    except DeckError as exc:  # a title the loader refuses (too long, say): nothing is written
        raise common.DataError(f"the deck would not be valid: {exc.problems[0]}") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise common.DataError(f"{folder}: cannot make the deck folder: {exc.strerror}") from None
    outfile.write_bytes(target, text)
    shown = printable(str(target))
    common.echo(
        common.console(),
        f"wrote {shown}: deck '{deck_id}' (1 card, 1 question, 1 prompt); it passes "
        f"vae-quiz check.\nEdit it in your editor, check it with: vae-quiz check {shown}\n"
        f"and study it with: vae-quiz today {deck_id}",
    )
    return common.EXIT_OK

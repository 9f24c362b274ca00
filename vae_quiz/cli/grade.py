"""`vae-quiz grade`: the concept matcher from the command line, for scripts, editors and
evaluation."""

from __future__ import annotations

import argparse
import json
import sys

from vae_quiz.cli import common
from vae_quiz.decks.catalog import DeckNotFound, resolve_deck_args
from vae_quiz.text import printable

# An answer read from stdin is refused past this size (never an unbounded read).
MAX_ANSWER_BYTES = 1_000_000


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    """Add the command's parser, called `name`, to `sub`."""
    parser = sub.add_parser(
        name,
        help="say which concepts of an open prompt an answer covers",
        description="Grade a written answer against an open prompt's concepts with the same "
        "matcher as the concepts screen: each concept, covered or not, its score (0 to 1) and "
        "the words of the answer that earned it; k/N last. The answer is --answer TEXT, else "
        "standard input (up to 1 MB of UTF-8).",
    )
    parser.add_argument("deck", metavar="DECK", help="a bundled deck id, or a deck file")
    parser.add_argument("prompt", metavar="PROMPT_ID", help="the id of a prompt in DECK")
    parser.add_argument("--answer", metavar="TEXT", help="the answer (default: stdin)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _read_answer(args: argparse.Namespace) -> str:
    if args.answer is not None:
        return str(args.answer)
    if sys.stdin is None:
        raise common.UsageError("no answer: give --answer TEXT or pipe it to standard input")
    if sys.stdin.isatty():
        print("Write the answer, then ctrl+d:", file=sys.stderr)
    data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
    if len(data) > MAX_ANSWER_BYTES:
        raise common.DataError(f"stdin: the answer is over the limit of {MAX_ANSWER_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise common.DataError(
            f"stdin: byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8"
        ) from None


def run(args: argparse.Namespace) -> int:
    """Grade the answer; exit 1 when the deck or the prompt is not found or is invalid."""
    try:
        result = resolve_deck_args([args.deck], on_parse=common.say_parsing)
    except DeckNotFound as exc:
        raise common.DataError(str(exc)) from None
    if result.problems:
        common.print_problems(result.problems, common.console(stderr=True))
        return common.EXIT_DATA
    deck = result.decks[0]
    prompt = deck.prompts.get(args.prompt)
    if prompt is None:
        known = ", ".join(deck.prompts.ids) or "none"
        raise common.DataError(
            f"deck '{deck.id}' has no prompt '{printable(args.prompt)}' (its prompts: {known})"
        )
    answer = _read_answer(args)
    from vae_quiz.modes.grader import grade_prompt

    matches = grade_prompt(prompt, answer)
    covered = sum(m.covered for m in matches)
    out = common.console()
    if args.json:
        data = {
            "deck": deck.id,
            "prompt": prompt.id,
            "concepts": [
                {"concept": m.concept, "covered": m.covered, "score": m.score,
                 "evidence": m.evidence}
                for m in matches
            ],
            "covered": covered,
            "total": len(matches),
        }  # fmt: skip
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return common.EXIT_OK
    for number, m in enumerate(matches, start=1):
        line = f"[{'x' if m.covered else ' '}] {number}  {m.concept}  (score {m.score:.2f}"
        line += f': "{m.evidence}")' if m.evidence else ")"
        common.echo(out, line, one_line=True)
    common.echo(out, f"{covered}/{len(matches)}")
    return common.EXIT_OK

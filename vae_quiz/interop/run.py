"""Run an importer over a source file and write the deck: the one entry point the CLI calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from vae_quiz.interop.base import ImportFailed, ImportResult, deck_data, decode, slug, write_deck

FORMATS = ("opentriviaqa", "anki-csv", "csv", "hascard")


@dataclass
class ImportOptions:
    source: Path
    fmt: str
    out: Path | None = None
    deck_id: str | None = None
    title: str | None = None
    encoding: str | None = None
    front: str | None = None
    back: str | None = None


@dataclass
class ImportReport:
    out: Path
    result: ImportResult
    notes: list[tuple[str, str]]


def _parser(options: ImportOptions) -> Callable[[str, str], ImportResult]:
    if options.fmt == "opentriviaqa":
        from vae_quiz.interop import opentriviaqa

        return opentriviaqa.parse
    if options.fmt in ("anki-csv", "csv"):
        from vae_quiz.interop import anki_csv

        generic = options.fmt == "csv"
        return partial(anki_csv.parse, front=options.front, back=options.back, generic=generic)
    if options.fmt == "hascard":
        from vae_quiz.interop import hascard

        return hascard.parse
    raise ImportFailed(f"unknown format '{options.fmt}'; known: {', '.join(FORMATS)}")


def run_import(options: ImportOptions, user_decks: Path) -> ImportReport:
    """Import `options.source`; the deck goes to `options.out`, else the user deck folder.

    Raises:
        ImportFailed: the source cannot be read or decoded, or nothing in it can be imported.
    """
    source = options.source
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{source}: cannot read: {exc.strerror or exc}") from None
    notes: list[tuple[str, str]] = []
    text = decode(data, str(source), options.encoding, notes)
    result = _parser(options)(text, source.name)
    if not (result.cards or result.questions or result.prompts):
        raise ImportFailed(f"{source}: nothing to import ({len(result.skipped)} skipped)")
    deck_id = options.deck_id or slug(source.stem, 60)
    title = options.title or source.stem.replace("-", " ").replace("_", " ").strip().title()
    out = options.out or user_decks / f"{deck_id}.yaml"
    description = f"Imported from {source.name} ({options.fmt})."
    write_deck(deck_data(deck_id, title, result, description), out)
    return ImportReport(out, result, notes)

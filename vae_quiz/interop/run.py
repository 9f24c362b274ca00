"""Run an importer over a source file and write the deck: the one entry point the CLI calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from vae_quiz.errors import DeckError
from vae_quiz.interop.base import (
    MAX_IMPORT_BYTES,
    DeckWriter,
    ImportFailed,
    ImportResult,
    decode,
    slug,
)

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
    force: bool = False


@dataclass
class ImportReport:
    out: Path
    deck_id: str
    result: ImportResult  # its `counts` says how many items of each kind were written
    notes: list[tuple[str, str]]


def _parser(options: ImportOptions) -> Callable[..., ImportResult]:
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


def _title(options: ImportOptions) -> str:
    """--title, else the source's name made a title; refused when it is blank."""
    source = options.source
    if options.title is not None:
        if not options.title.strip():
            raise ImportFailed(f"{source}: --title is blank; give the deck a title")
        return options.title
    title = source.stem.replace("-", " ").replace("_", " ").strip().title()
    if not title:
        raise ImportFailed(f"{source}: the file name gives no title; give one with --title")
    return title


def _target(options: ImportOptions, deck_id: str, user_decks: Path) -> Path:
    """-o when given (checked before any work is done), else a free name in the deck folder."""
    from vae_quiz import outfile

    if options.out is not None:
        outfile.check_target(options.out, force=options.force, sources=[options.source])
        return options.out
    from vae_quiz.interop.destination import deck_folder_target

    return deck_folder_target(deck_id, user_decks, options.force)


def run_import(options: ImportOptions, user_decks: Path) -> ImportReport:
    """Import `options.source`; the deck goes to `options.out`, else the user deck folder.
    Nothing is written unless the deck made passes the loader's checks.

    Raises:
        ImportFailed: the source cannot be read or decoded, nothing in it can be imported, the
            deck has no title, or its id is taken by another deck in the deck folder.
        WriteError: the deck cannot be written where it should go (it exists and not
            `options.force`, it is the source, its folder is missing...).
    """
    from vae_quiz import outfile
    from vae_quiz.reading import ReadRefused, read_bounded

    source = options.source
    deck_id = options.deck_id or slug(source.stem, 60)
    title = _title(options)
    parse = _parser(options)
    out = _target(options, deck_id, user_decks)
    try:
        data, _ = read_bounded(source, MAX_IMPORT_BYTES)
    except ReadRefused as exc:
        raise ImportFailed(f"{source}: {exc}") from None
    notes: list[tuple[str, str]] = []
    text = decode(data, str(source), options.encoding, notes)
    del data  # the text is all that is needed now
    if options.out is None:
        try:
            user_decks.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImportFailed(f"{user_decks}: cannot make this folder: {exc.strerror}") from None
    header = {"id": deck_id, "title": title,
              "description": f"Imported from {source.name} ({options.fmt})."}  # fmt: skip
    # The deck is written as it is read; a failure (nothing to import, an item our loader
    # refuses) leaves no file behind: outfile removes its temp file.
    with outfile.writing(out, force=options.force, sources=[source]) as stream:
        writer = DeckWriter(stream, header, str(out))
        result = ImportResult(sink=writer)
        try:
            parse(text, source.name, result=result)
            if not result.counts:
                raise ImportFailed(
                    f"{source}: nothing to import ({result.skipped_count:,} skipped)"
                )
            writer.finish()
        except DeckError as exc:
            raise ImportFailed(f"{source}: the deck made is not valid: {exc.problems[0]}") from None
    return ImportReport(out, deck_id, result, notes)

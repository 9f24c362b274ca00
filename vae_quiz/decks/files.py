"""Deck files on disk: finding them in a folder, and reading one within the size limit."""

from __future__ import annotations

import os
from pathlib import Path

from vae_quiz.errors import DeckError, DeckProblem
from vae_quiz.model import MAX_DECK_BYTES
from vae_quiz.reading import ReadRefused, read_bounded

DECK_SUFFIXES = (".yaml", ".yml")


def deck_files(
    folder: str | os.PathLike[str], problems: list[DeckProblem] | None = None
) -> list[Path]:
    """The deck files in a folder and its subfolders (hidden ones skipped), sorted by name, the
    suffix last (`vae.yaml` before `vae-maths.yaml`, as `vae` comes before `vae-maths`). A
    subfolder that cannot be read is added to `problems`, never skipped in silence."""

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            reason = exc.strerror or str(exc)
            problems.append(DeckProblem(str(exc.filename), None, f"cannot read this folder: "
                                        f"{reason}"))  # fmt: skip

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, f)
            for f in sorted(files, key=_by_name)
            if f.endswith(DECK_SUFFIXES) and not f.startswith(".")
        )
    return found


def _by_name(file_name: str) -> tuple[str, str]:
    stem, _, suffix = file_name.rpartition(".")
    return (stem, suffix) if stem else (file_name, "")


def read_deck_file(path: Path, shown: str) -> tuple[bytes, os.stat_result]:
    """A deck file's bytes and its stat, refusing folders, FIFOs, devices and files over
    MAX_DECK_BYTES.

    Raises:
        DeckError: naming `shown` and why the file cannot be read.
    """
    try:
        return read_bounded(path, MAX_DECK_BYTES)
    except ReadRefused as exc:
        message = str(exc).replace("the limit is", "decks are limited to")
        raise DeckError.one(shown, None, message.replace("a file", "a deck file")) from None

"""Deck files on disk: finding them in a folder, and reading one within the size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from vae_quiz.errors import DeckError
from vae_quiz.model import MAX_DECK_BYTES

DECK_SUFFIXES = (".yaml", ".yml")


def deck_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The deck files in a folder and its subfolders (hidden ones skipped), sorted."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, f)
            for f in sorted(files)
            if f.endswith(DECK_SUFFIXES) and not f.startswith(".")
        )
    return found


def read_deck_file(path: Path, shown: str) -> tuple[bytes, os.stat_result]:
    """A deck file's bytes and its stat, refusing folders, FIFOs, devices and files over
    MAX_DECK_BYTES.

    Raises:
        DeckError: naming `shown` and why the file cannot be read.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            # A FIFO would block the read for ever, a device (/dev/zero) never end it.
            raise DeckError.one(shown, None, "is not a regular file (a FIFO, device or socket)")
        if info.st_size > MAX_DECK_BYTES:
            message = f"the file is {info.st_size:,} bytes; decks are limited to {MAX_DECK_BYTES:,}"
            raise DeckError.one(shown, None, message)
        data = path.read_bytes()
    except IsADirectoryError:
        raise DeckError.one(shown, None, "is a folder, not a deck file") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DeckError.one(shown, None, f"cannot read the file: {reason}") from None
    return data, info

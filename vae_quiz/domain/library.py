"""Finding and loading deck files in bulk, through the deck cache.

Kept apart from the YAML loader so that loading unchanged decks imports neither PyYAML nor the
checker: they are imported only when a file has to be parsed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vae_quiz.domain.deck_cache import load_deck_cached
from vae_quiz.domain.errors import DeckError, DeckProblem
from vae_quiz.domain.model import Deck

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


@dataclass
class LoadResult:
    """The valid decks of a set of files, and the problems of the rest."""

    decks: list[Deck] = field(default_factory=list)
    problems: list[DeckProblem] = field(default_factory=list)
    failed_paths: list[str] = field(default_factory=list)


def load_decks(
    paths: Iterable[str | os.PathLike[str]],
    on_parse: Callable[[str, int], None] | None = None,
) -> LoadResult:
    """Load many deck files; a deck id used twice is a problem of the later file.

    `on_parse(path, size)` is called before a file has to be parsed (not in the cache)."""
    result = LoadResult()
    owners: dict[str, str] = {}
    for path in paths:
        try:
            deck = load_deck_cached(path, on_parse=on_parse)
        except DeckError as exc:
            result.problems.extend(exc.problems)
            result.failed_paths.append(str(path))
            continue
        if deck.id in owners:
            result.problems.append(
                DeckProblem(
                    str(path),
                    1,
                    f"deck id '{deck.id}' is already used by {owners[deck.id]}",
                    "deck",
                    deck.id,
                    "id",
                )
            )
            result.failed_paths.append(str(path))
            continue
        owners[deck.id] = str(path)
        result.decks.append(deck)
    return result

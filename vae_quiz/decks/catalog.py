"""Which decks a command works on (bundled, the user's folder, or what the user named), loaded
through the cache."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vae_quiz.decks.cache import load_deck_cached
from vae_quiz.decks.files import deck_files
from vae_quiz.errors import DeckError, DeckProblem
from vae_quiz.locations import bundled_deck_dir, user_deck_dir
from vae_quiz.model import Deck


class DeckNotFound(Exception):
    """A DECK argument is neither a file, a folder nor a known deck id (a usage error)."""


@dataclass
class LoadResult:
    """The valid decks of a set of files, and the problems of the rest."""

    decks: list[Deck] = field(default_factory=list)
    problems: list[DeckProblem] = field(default_factory=list)
    failed_paths: list[str] = field(default_factory=list)


def load_decks(
    paths: Iterable[str | os.PathLike[str]],
    on_parse: Callable[[str, int], None] | None = None,
    problems: Iterable[DeckProblem] = (),
) -> LoadResult:
    """Load many deck files; a deck id used twice is a problem of the later file. `problems`
    (folders that could not be read while finding the files) start the result's problems.

    `on_parse(path, size)` is called before a file has to be parsed (not in the cache)."""
    result = LoadResult()
    for problem in problems:
        result.problems.append(problem)
        result.failed_paths.append(problem.path)
    owners: dict[str, str] = {}
    for path in paths:
        try:
            deck = load_deck_cached(path, on_parse=on_parse)
        except DeckError as exc:
            result.problems.extend(exc.problems)
            result.failed_paths.append(str(path))
            continue
        if deck.id in owners:
            message = f"deck id '{deck.id}' is already used by {owners[deck.id]}"
            result.problems.append(DeckProblem(str(path), 1, message, "deck", deck.id, "id"))
            result.failed_paths.append(str(path))
            continue
        owners[deck.id] = str(path)
        result.decks.append(deck)
    return result


def problems_by_deck(problems: Iterable[DeckProblem]) -> dict[str, list[DeckProblem]]:
    """The problems grouped by deck file, in the order the files were met."""
    grouped: dict[str, list[DeckProblem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped


def bundled_deck_files() -> list[Path]:
    """The deck files shipped with vae-quiz."""
    return deck_files(bundled_deck_dir())


def default_deck_files(
    env: Mapping[str, str] = os.environ, problems: list[DeckProblem] | None = None
) -> list[Path]:
    """Every bundled deck plus the user's deck folder (when it exists); its subfolders that
    cannot be read go to `problems`."""
    files = bundled_deck_files()
    user_dir = user_deck_dir(env)
    if user_dir.is_dir():
        files.extend(deck_files(user_dir, problems))
    return files


def resolve_deck_args(
    args: Sequence[str],
    env: Mapping[str, str] = os.environ,
    on_parse: Callable[[str, int], None] | None = None,
) -> LoadResult:
    """Load the decks that DECK arguments name; no arguments means the default decks.

    A DECK is a deck file, a folder of them, or the id of a bundled or user deck.

    Raises:
        DeckNotFound: an argument names nothing.
    """
    folder_problems: list[DeckProblem] = []
    if not args:
        return load_decks(default_deck_files(env, folder_problems), on_parse, folder_problems)
    files: list[Path] = []
    ids: list[str] = []
    for arg in args:
        path = Path(arg).expanduser()
        if path.is_dir():
            found = deck_files(path, folder_problems)
            if not found and not folder_problems:
                raise DeckNotFound(f"{arg}: no deck files (.yaml, .yml) in this folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif path.suffix in (".yaml", ".yml") or os.sep in arg:
            raise DeckNotFound(f"{arg}: no such file")
        else:
            ids.append(arg)
    result = load_decks(files, on_parse, folder_problems)
    if ids:
        known = load_decks(default_deck_files(env), on_parse)
        by_id = {deck.id: deck for deck in known.decks}
        loaded = {deck.id for deck in result.decks}
        for deck_id in ids:
            if deck_id in by_id:
                if deck_id not in loaded:
                    result.decks.append(by_id[deck_id])
                    loaded.add(deck_id)
                continue
            broken = [
                p for p in known.problems if p.item_id == deck_id or Path(p.path).stem == deck_id
            ]
            if broken:
                result.problems.extend(broken)
                result.failed_paths.append(broken[0].path)
                continue
            names = ", ".join(sorted(by_id)) or "none"
            raise DeckNotFound(f"{deck_id}: not a file, folder or known deck id (known: {names})")
    return result

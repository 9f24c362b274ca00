"""Where an import without `-o` goes in the deck folder: a free file name, and a deck id no
other deck has."""

from __future__ import annotations

from pathlib import Path

from vae_quiz.decks.catalog import bundled_deck_files, load_decks
from vae_quiz.decks.files import deck_files
from vae_quiz.interop.base import ImportFailed


def deck_owner(deck_id: str, folder: Path) -> Path | None:
    """The file of the bundled or user deck whose id is `deck_id`, if any (broken decks have no
    id to take)."""
    files = bundled_deck_files() + (deck_files(folder) if folder.is_dir() else [])
    for deck in load_decks(files).decks:
        if deck.id == deck_id:
            return Path(deck.path)
    return None


def _is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def deck_folder_target(deck_id: str, folder: Path, force: bool) -> Path:
    """The file in the deck `folder` to write the deck `deck_id` to: `<id>.yaml`, else the
    first free `<id>-2.yaml`, `<id>-3.yaml`...; with `force`, the user deck that has that id.

    Raises:
        ImportFailed: another deck has the id (naming its file; --id picks another).
    """
    owner = deck_owner(deck_id, folder)
    if owner is not None:
        is_users = _is_inside(owner, folder)
        if force and is_users:
            return owner
        replace = ", or replace that deck with --force" if is_users else ""
        raise ImportFailed(
            f"deck id '{deck_id}' is already taken by {owner}; choose another with --id{replace}"
        )
    name, n = f"{deck_id}.yaml", 1
    while (folder / name).exists() or (folder / name).is_symlink():
        n += 1
        name = f"{deck_id}-{n}.yaml"
    return folder / name

"""Every file location: the progress file, the user deck folder and the bundled decks."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "vae-quiz"
DB_ENV = "VAE_QUIZ_DB"
DECKS_ENV = "VAE_QUIZ_DECKS"
DB_FILENAME = "progress.sqlite3"
CONFIG_ENV = "VAE_QUIZ_CONFIG"


def user_data_dir() -> Path:
    """The platform's user data folder for vae-quiz (not created here)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """The platform's user cache folder for vae-quiz (not created here)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def _from_env(env: Mapping[str, str], name: str) -> Path | None:
    """$`name` as a path (`~` expanded), or None when it is unset or empty."""
    return Path(env[name]).expanduser() if env.get(name) else None


def progress_file(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The progress file: `--db`, else $VAE_QUIZ_DB, else the user data folder's file."""
    if cli_value:
        return Path(cli_value).expanduser()
    return _from_env(env, DB_ENV) or user_data_dir() / DB_FILENAME


def user_deck_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The user's deck folder: $VAE_QUIZ_DECKS, else `decks/` in the user data folder."""
    return _from_env(env, DECKS_ENV) or user_data_dir() / "decks"


def bundled_deck_dir() -> Path:
    """The decks shipped with vae-quiz.

    In an installed wheel they sit inside the package (`vae_quiz/decks/bundled/`); in a source
    checkout (or an editable install) they are the repository's top-level `decks/` folder.
    """
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "decks" / "bundled"
    if inside.is_dir():
        return inside
    return package_dir.parent / "decks"


def config_file(env: Mapping[str, str] = os.environ) -> Path:
    """The settings file: $VAE_QUIZ_CONFIG, else `config.toml` in the user config folder."""
    from platformdirs import user_config_path

    return _from_env(env, CONFIG_ENV) or user_config_path(APP_NAME, appauthor=False) / "config.toml"

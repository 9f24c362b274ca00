"""User settings from `config.toml` (see `locations.config_file`), which the command line
overrides, and the theme picked in the app saved back into that file.

```toml
desired_retention = 0.9   # 0.70 to 0.99; the recall probability FSRS schedules for
new_per_day = 20          # new items a day, in each deck
theme = "nord"            # one of Textual's themes; the palette's "Change theme" writes it

[decks.vae]               # one deck's own values, by its id
desired_retention = 0.85
new_per_day = 5
```
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vae_quiz.errors import quote

DEFAULT_RETENTION = 0.9  # as Anki
MIN_RETENTION, MAX_RETENTION = 0.70, 0.99
# Anki's advice: above this, the workload grows steeply for little gain.
HIGH_RETENTION = 0.97
DEFAULT_NEW_PER_DAY = 20
# A settings file is a few lines; anything bigger is not one (and is never read whole).
MAX_SETTINGS_BYTES = 1_000_000
DECK_KEYS = ("desired_retention", "new_per_day")
KEYS = (*DECK_KEYS, "theme", "decks")
_DECK_ID = re.compile(r"[a-z0-9-]+")


class SettingsError(Exception):
    """The settings file is not valid TOML or holds a bad value (the message names the file)."""


@dataclass(frozen=True, slots=True)
class DeckSettings:
    """One deck's own settings under `[decks.<id>]`; None: the global value applies."""

    desired_retention: float | None = None
    new_per_day: int | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings file's values (defaults for what it does not set)."""

    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY
    theme: str | None = None
    decks: Mapping[str, DeckSettings] = field(default_factory=dict)

    def deck_retentions(self) -> dict[str, float]:
        """Each deck's own desired retention, for the decks that set one."""
        return {
            d: s.desired_retention for d, s in self.decks.items() if s.desired_retention is not None
        }

    def deck_new_per_day(self) -> dict[str, int]:
        """Each deck's own daily new-item limit, for the decks that set one."""
        return {d: s.new_per_day for d, s in self.decks.items() if s.new_per_day is not None}


def check_retention(value: float) -> float:
    """`value` when it is a usable desired retention, else ValueError saying why."""
    if not MIN_RETENTION <= value <= MAX_RETENTION:
        raise ValueError(f"desired retention must be {MIN_RETENTION:.2f} to {MAX_RETENTION:.2f}")
    return value


def retention_warning(value: float) -> str | None:
    """Anki's warning for a very high desired retention, or None."""
    if value > HIGH_RETENTION:
        return (
            f"desired retention {value:.2f} is above {HIGH_RETENTION:.2f}: the number of "
            "reviews grows steeply for little gain, and the workload can become overwhelming"
        )
    return None


def load_settings(
    path: Path | None = None,
    env: Mapping[str, str] = os.environ,
    themes: Collection[str] | None = None,
) -> Settings:
    """The settings in the config file; defaults when it does not exist.

    Args:
        themes: the theme names `theme` may take (None: any name; the TUI passes Textual's).

    Raises:
        SettingsError: the file is unreadable, not TOML, or has an unknown key or bad value;
            the message names the file, the line when it can, and the key.
    """
    if path is None:
        from vae_quiz.locations import config_file

        path = config_file(env)
    text = _read(path)
    if text is None:
        return Settings()
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    return _Checker(path, text).settings(data, themes)


@dataclass
class _Checker:
    """Turns a parsed settings file into `Settings`, each problem a SettingsError that names the
    file, the key and, found in the text, its line."""

    path: Path
    text: str

    def fail(self, key: tuple[str, ...], message: str) -> SettingsError:
        from vae_quiz.toml_lines import line_of

        line = line_of(self.text, key)
        where = f"{self.path}:{line}" if line else str(self.path)
        return SettingsError(f"{where}: {message}")

    def unknown(self, table: tuple[str, ...], data: Mapping[str, Any], known: tuple[str, ...]):
        for key in data:
            if key not in known:
                from difflib import get_close_matches

                close = get_close_matches(key, known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                full = ".".join((*table, key))
                raise self.fail((*table, key), f"unknown setting {quote(full)}{hint}; known: "
                                f"{', '.join(known)}")  # fmt: skip

    def retention(self, table: tuple[str, ...], value: Any) -> float:
        name = ".".join((*table, "desired_retention"))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail((*table, "desired_retention"), f"{name} must be a number, like 0.9")
        if not MIN_RETENTION <= value <= MAX_RETENTION:
            raise self.fail((*table, "desired_retention"), f"{name} must be {MIN_RETENTION:.2f} "
                            f"to {MAX_RETENTION:.2f}, not {value}")  # fmt: skip
        return float(value)

    def new_per_day(self, table: tuple[str, ...], value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            name = ".".join((*table, "new_per_day"))
            raise self.fail((*table, "new_per_day"), f"{name} must be a whole number, 0 or "
                            "more, like 20")  # fmt: skip
        return value

    def theme(self, value: Any, themes: Collection[str] | None) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(("theme",), 'theme must be a theme\'s name, like "nord"')
        if themes is not None and value not in themes:
            raise self.fail(("theme",), f"theme {quote(value)} is not one of the themes: "
                            f"{', '.join(sorted(themes))}")  # fmt: skip
        return value

    def deck(self, deck_id: str, values: Any) -> DeckSettings:
        table = ("decks", deck_id)
        if not _DECK_ID.fullmatch(deck_id):
            raise self.fail(table, f"table {quote('decks.' + deck_id)}: not a deck id "
                            "(lower-case letters, digits and -)")  # fmt: skip
        if not isinstance(values, dict):
            raise self.fail(table, f"decks.{deck_id} must be a table, like [decks.{deck_id}]")
        self.unknown(table, values, DECK_KEYS)
        return DeckSettings(
            desired_retention=(
                None if "desired_retention" not in values
                else self.retention(table, values["desired_retention"])
            ),
            new_per_day=(
                None if "new_per_day" not in values
                else self.new_per_day(table, values["new_per_day"])
            ),
        )  # fmt: skip

    def settings(self, data: dict[str, Any], themes: Collection[str] | None) -> Settings:
        self.unknown((), data, KEYS)
        decks = data.get("decks", {})
        if not isinstance(decks, dict):
            raise self.fail(("decks",), "decks must be tables, like [decks.vae]")
        return Settings(
            desired_retention=self.retention((), data.get("desired_retention", DEFAULT_RETENTION)),
            new_per_day=self.new_per_day((), data.get("new_per_day", DEFAULT_NEW_PER_DAY)),
            theme=self.theme(data["theme"], themes) if "theme" in data else None,
            decks={deck_id: self.deck(deck_id, values) for deck_id, values in decks.items()},
        )


def _read(path: Path) -> str | None:
    """The settings file's text, at most MAX_SETTINGS_BYTES, a BOM (as Notepad saves) dropped;
    None when there is no file, "" for the null device (`VAE_QUIZ_CONFIG=/dev/null`: no
    settings). Read through `reading`, so a FIFO or another device cannot hang the start."""
    from vae_quiz.reading import ReadRefused, read_bounded

    if not os.path.lexists(path):
        return None
    with contextlib.suppress(OSError):
        if os.path.samefile(path, os.devnull):
            return ""
    try:
        data, _ = read_bounded(path, MAX_SETTINGS_BYTES)
    except ReadRefused as exc:
        raise SettingsError(f"{path}: cannot read the settings file: {exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None


def save_theme(path: Path, name: str) -> None:
    """Set `theme = "<name>"` in the settings file, every other line kept byte for byte (a new
    file holds just that line); written to a temp file that replaces the file, so that it is
    whole at every moment. A symlinked file's target is written, the link kept.

    Raises:
        SettingsError: the file cannot be read, is not valid TOML or not a regular file, or
            cannot be written; it is then left as it was.
    """
    import tomllib

    from vae_quiz.toml_lines import with_top_level_string

    target = path.resolve()
    text = _read(target)
    if text is not None and not target.is_file():
        raise SettingsError(f"{path}: not a regular file; the theme was not saved")
    text = text or ""
    try:
        wanted = {**tomllib.loads(text), "theme": name}
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"{path}: not valid TOML ({exc}); the theme was not saved, the file is as it was"
        ) from None
    for candidate in with_top_level_string(text, "theme", name):
        try:
            fits = tomllib.loads(candidate) == wanted
        except tomllib.TOMLDecodeError:
            fits = False
        if fits:
            if candidate != text:
                _replace(target, candidate)
            return
    raise SettingsError(f"{path}: no place found for a theme line; the theme was not saved")


def _replace(path: Path, text: str) -> None:
    """Write `text` over `path` through outfile (temp file, fsync, rename), keeping `path`'s
    permissions."""
    from vae_quiz import outfile
    from vae_quiz.errors import WriteError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with outfile.staged(path, force=True) as temp:
            temp.write_bytes(text.encode("utf-8"))
            if path.exists():
                os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
    except OSError as exc:
        raise SettingsError(f"{path}: the theme was not saved ({exc.strerror or exc})") from None
    except WriteError as exc:
        raise SettingsError(f"{exc}; the theme was not saved") from None

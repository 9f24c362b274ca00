"""User settings from `config.toml` (see `paths.config_file`), overridden by the command line.

```toml
desired_retention = 0.9   # 0.70 to 0.99; the recall probability FSRS schedules for
```
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

DEFAULT_RETENTION = 0.9  # as Anki
MIN_RETENTION, MAX_RETENTION = 0.70, 0.99
# Anki's advice: above this, the workload grows steeply for little gain.
HIGH_RETENTION = 0.97
MAX_SETTINGS_BYTES = 1 << 20  # a settings file is a few lines


class SettingsError(Exception):
    """The settings file is not valid TOML or holds a bad value (the message names the file)."""


class Settings(NamedTuple):
    desired_retention: float = DEFAULT_RETENTION


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


def load_settings(path: Path | None = None, env: Mapping[str, str] = os.environ) -> Settings:
    """The settings in the config file; defaults when it does not exist.

    Raises:
        SettingsError: the file is unreadable, not TOML, or has an unknown key or bad value.
    """
    if path is None:
        from vae_quiz.locations import config_file

        path = config_file(env)
    if not path.exists():
        return Settings()
    import tomllib

    from vae_quiz.reading import ReadRefused, read_bounded

    try:
        raw, _ = read_bounded(path, MAX_SETTINGS_BYTES)
        # "utf-8-sig": an editor that saves a BOM (Notepad) must not make the file invalid.
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except ReadRefused as exc:
        raise SettingsError(f"{path}: cannot read the settings file: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: cannot read the settings file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(Settings._fields))
    if unknown:
        raise SettingsError(
            f"{path}: unknown setting '{unknown[0]}'; known: {', '.join(Settings._fields)}"
        )
    value = data.get("desired_retention", DEFAULT_RETENTION)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(f"{path}: desired_retention must be a number, like 0.9")
    try:
        return Settings(desired_retention=check_retention(float(value)))
    except ValueError as exc:
        raise SettingsError(f"{path}: {exc}") from None

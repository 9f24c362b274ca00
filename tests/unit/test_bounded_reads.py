"""Reading user files within bounds: regular files only, at most the limit (reading.py), used by
the settings file and imports."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz.reading import ReadRefused, read_bounded
from vae_quiz.settings import SettingsError, load_settings


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ReadRefused, match="not a regular file"):
        read_bounded(fifo, 100)


def test_a_device_is_refused_instead_of_read_for_ever() -> None:
    with pytest.raises(ReadRefused, match="not a regular file"):
        read_bounded(Path("/dev/zero"), 100)


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100)[0] == b"x" * 100
    with pytest.raises(ReadRefused, match="100 bytes; the limit is 99"):
        read_bounded(path, 99)


def test_a_settings_file_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbfdesired_retention = 0.85\n")
    assert load_settings(path).desired_retention == 0.85


def test_a_settings_fifo_is_one_clear_line_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    timer = threading.Timer(10, lambda: open(path, "wb").close())  # unblocks a hung read
    timer.start()
    try:
        with pytest.raises(SettingsError, match="not a regular file"):
            load_settings(path)
    finally:
        timer.cancel()
    result = run("stats", "--db", str(tmp_path / "p.sqlite3"), env={"VAE_QUIZ_CONFIG": str(path)})
    assert result.returncode == 1
    assert f"{path}: cannot read the settings file: is not a regular file" in result.stderr

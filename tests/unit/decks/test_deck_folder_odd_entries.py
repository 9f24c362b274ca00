"""The deck folder with entries that are not deck files: a FIFO is refused with a line (never a
hang), a subfolder that cannot be read is reported (never skipped in silence)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run

GOOD = "id: good\ntitle: Good\ncards:\n  - {id: a, front: f, back: b}\n"


def test_a_fifo_in_the_deck_folder_is_refused_by_decks_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD)
    os.mkfifo(folder / "pipe.yaml")
    result = run("decks", "--db", str(tmp_path / "p.sqlite3"),
                 env={"VAE_QUIZ_DECKS": str(folder)})  # fmt: skip
    assert result.returncode == 1
    assert f"{folder / 'pipe.yaml'}: is not a regular file (a FIFO" in result.stderr
    assert "good" in result.stdout


def _can_drop_root() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "--user", "--map-user=1", "--map-group=1", "true"], capture_output=True
    ).returncode == 0  # fmt: skip


@pytest.mark.skipif(not _can_drop_root() and os.geteuid() == 0, reason="root reads any folder")
@pytest.mark.parametrize("command", ["decks", "check"])
def test_an_unreadable_subfolder_is_reported_when_decks_or_check_walk_the_folder(
    tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "decks"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.yaml").write_text(GOOD)
    (folder / "locked" / "hidden.yaml").write_text(GOOD.replace("good", "hidden"))
    (folder / "locked").chmod(0)
    # As root, the command runs as another user in a user namespace, where modes apply.
    prefix = ["unshare", "--user", "--map-user=1", "--map-group=1"] if os.geteuid() == 0 else []
    args = [command, str(folder)] if command == "check" else [command, "--db", "/nonexistent/p"]
    env = {**os.environ, "VAE_QUIZ_DECKS": str(folder), "VAE_QUIZ_CACHE": str(tmp_path / "c")}
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "vae_quiz", *args],
                                capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    assert f"{folder / 'locked'}: cannot read this folder: Permission denied" in output
    assert "Traceback" not in output

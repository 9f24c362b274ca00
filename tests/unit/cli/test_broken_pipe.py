"""A reader that stops early (`vae-quiz check DIR | head -1`): no traceback, and the exit code
is the command's own, as `set -o pipefail` sees it."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

LONG = "x" * 200


def _many_decks(folder: Path, count: int = 300) -> None:
    """Enough `ok` lines (over 300 bytes each) to overflow a pipe's 64 KiB buffer."""
    folder.mkdir()
    for n in range(count):
        (folder / f"{LONG}-{n}.yaml").write_text(
            f"id: d{n}\ntitle: D\ncards: [{{id: c, front: F, back: B}}]\n", encoding="utf-8"
        )


def _piped_to_head(*args: str) -> subprocess.CompletedProcess[str]:
    command = shlex.join([sys.executable, "-m", "vae_quiz", *args])
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(("broken", "code"), [(False, 0), (True, 1)])
def test_check_piped_into_head_exits_with_its_own_code_and_no_traceback(
    tmp_path: Path, broken: bool, code: int
) -> None:
    folder = tmp_path / "decks"
    _many_decks(folder)
    if broken:
        (folder / "zz.yaml").write_text("id: zz\ntitle: Z\ncards: [{id: c, front: F}]\n")
    result = _piped_to_head("check", str(folder))
    assert result.stdout.startswith("ok  ") and result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert result.returncode == code

"""Helpers shared by tests: vae-quiz and Python code run as subprocesses."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m vae_quiz ARGS`, exactly as a user runs the command."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "vae_quiz", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
    )


def run_code(code: str) -> subprocess.CompletedProcess:
    """Python `code` run in a fresh interpreter (so that its imports are its own)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def run_with_terminal(
    args: list[str], tmp_path: Path, *, stdin_tty: bool, stdout_tty: bool
) -> tuple[int, str]:
    """Run `python -m vae_quiz ARGS` with stdin and stdout each a pty or not; (exit, output)."""
    env = {**os.environ, "VAE_QUIZ_DECKS": str(tmp_path / "none"), "TERM": "xterm-256color"}
    leader, follower = pty.openpty()
    try:
        with (
            open(os.devnull, "rb") as null,
            subprocess.Popen(
                [sys.executable, "-m", "vae_quiz", *args],
                stdin=follower if stdin_tty else null,
                stdout=follower if stdout_tty else subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            ) as proc,
        ):
            try:
                out, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise AssertionError(f"{args} waited for a terminal instead of exiting") from None
    finally:
        os.close(follower)
        os.close(leader)
    return proc.returncode, (out or b"").decode() + err.decode()

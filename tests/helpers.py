"""Helpers shared by tests: vae-quiz and Python code run as subprocesses."""

from __future__ import annotations

import os
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

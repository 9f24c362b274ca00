"""The TUI commands need a terminal on stdin and stdout: without one they exit 2 at once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers import run_with_terminal
from vae_quiz.progress.store import Answer, ProgressStore


@pytest.mark.parametrize(
    "args", [[], ["study", "vae"], ["today"], ["test", "vae"], ["concepts", "vae"]]
)
def test_tui_command_exits_2_naming_the_plain_commands_when_stdin_is_not_a_terminal(
    args: list[str], tmp_path: Path
) -> None:
    code, output = run_with_terminal(
        [*args, "--db", str(tmp_path / "p.sqlite3")] if args else [],
        tmp_path,
        stdin_tty=False,
        stdout_tty=True,
    )
    assert code == 2, output
    assert "needs a terminal" in output and "check, decks" in output and "export" in output
    assert "Traceback" not in output


def test_no_command_and_no_terminal_names_the_program_not_a_command(tmp_path: Path) -> None:
    # `vae-quiz </dev/null >out 2>err`: stdin is /dev/null, stderr a file.
    env = {**os.environ, "VAE_QUIZ_DECKS": str(tmp_path / "none"),
           "VAE_QUIZ_CONFIG": str(tmp_path / "c.toml")}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "vae_quiz"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("vae-quiz: error: the home screen needs a terminal (stdin and stdout")
    assert "None" not in line and "(the home screen)" not in line
    assert result.stdout == ""


def test_a_command_without_a_terminal_is_named_once(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vae_quiz", "study", "vae", "--db", str(tmp_path / "p.sqlite3")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("vae-quiz study: error: study needs a terminal")


def test_study_exits_2_when_stdout_is_piped(tmp_path: Path) -> None:
    code, output = run_with_terminal(
        ["study", "vae", "--db", str(tmp_path / "p.sqlite3")],
        tmp_path,
        stdin_tty=True,
        stdout_tty=False,
    )
    assert code == 2
    assert "study needs a terminal" in output


def test_review_exits_2_when_its_queue_is_not_empty_and_there_is_no_terminal(
    tmp_path: Path,
) -> None:
    db = tmp_path / "p.sqlite3"
    store = ProgressStore(db)
    answer = Answer("vae", "vae-what", "card", "study", "again", datetime.now(UTC), result="missed")
    store.record(answer)
    store.close()
    code, output = run_with_terminal(
        ["review", "vae", "--db", str(db)], tmp_path, stdin_tty=False, stdout_tty=False
    )
    assert code == 2
    assert "review needs a terminal" in output


def test_stats_prints_text_when_stdin_is_not_a_terminal(tmp_path: Path) -> None:
    code, output = run_with_terminal(
        ["stats", "--db", str(tmp_path / "p.sqlite3")], tmp_path, stdin_tty=False, stdout_tty=True
    )
    assert code == 0, output
    assert "\x1b[?1049h" not in output  # no alternate screen: no TUI

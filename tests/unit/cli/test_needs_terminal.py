"""The TUI commands need a terminal on stdin and stdout: without one they exit 2 at once."""

from __future__ import annotations

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

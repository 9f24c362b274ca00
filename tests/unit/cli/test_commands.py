"""The command line, run as a subprocess exactly as a user runs it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run, run_code, run_with_terminal

DATA = Path(__file__).parents[2] / "data"


def test_check_exits_0_when_the_bundled_decks_are_valid(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vae: 5 cards, 5 questions, 2 prompts" in result.stdout
    assert "all valid" in result.stdout


def test_check_exits_1_with_every_problem_when_decks_are_invalid() -> None:
    result = run(
        "check",
        str(DATA / "bad" / "missing_back.yaml"),
        str(DATA / "bad" / "answer_not_choice.yaml"),
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        f"{DATA / 'bad' / 'missing_back.yaml'}:4: card 'c1': back: required field is missing"
        in lines
    )
    assert any("answer_not_choice.yaml:7: question 'q1': answer: 'delta'" in ln for ln in lines)
    assert lines[-1] == "2 decks checked: 0 valid, 2 invalid (2 problems)"
    assert "Traceback" not in result.stdout + result.stderr


def test_check_never_shows_a_traceback_when_any_bad_fixture_is_checked() -> None:
    result = run("check", str(DATA / "bad"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) >= len(list((DATA / "bad").glob("*.yaml")))


def test_check_exits_2_when_a_path_is_missing(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml: no such file or folder" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


@pytest.mark.parametrize("command", [[], ["check"], ["decks"]])
def test_help_works_when_asked_for_any_command(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "usage: vae-quiz" in result.stdout


def test_decks_lists_the_vae_deck_with_its_counts(tmp_path: Path) -> None:
    result = run("decks", env={"VAE_QUIZ_DECKS": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("vae "))
    assert row.split()[:6] == ["vae", "Variational", "Autoencoders", "5", "5", "2"]


def test_decks_includes_the_user_folder_and_reports_its_broken_decks(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text((DATA / "good" / "minimal.yaml").read_text())
    (tmp_path / "broken.yaml").write_text((DATA / "bad" / "missing_back.yaml").read_text())
    result = run("decks", env={"VAE_QUIZ_DECKS": str(tmp_path)})
    assert result.returncode == 1
    assert any(line.startswith("tiny ") for line in result.stdout.splitlines())
    assert "broken.yaml:4: card 'c1': back: required field is missing" in result.stderr


def test_decks_accepts_a_deck_id_and_refuses_an_unknown_one() -> None:
    assert run("decks", "vae").returncode == 0
    unknown = run("decks", "no-such-deck")
    assert unknown.returncode == 2
    assert "no-such-deck: not a file, folder or known deck id" in unknown.stderr


def test_non_tui_commands_do_not_import_textual() -> None:
    code = (
        "import sys, vae_quiz.cli, vae_quiz.decks.loader, vae_quiz.decks.catalog;"
        "vae_quiz.cli.main(['check']);"
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = run_code(code)
    assert result.returncode == 0, result.stderr


def test_decks_shows_due_new_and_review_counts_from_the_progress_file(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from vae_quiz.progress.store import MISSED, Answer, ProgressStore

    db = tmp_path / "progress.sqlite3"
    store = ProgressStore(db)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    store.record(Answer(deck="vae", item="vae-what", kind="card", mode="study", outcome="again",
                        answered_at=yesterday, result=MISSED, rating=1, state_after="{}",
                        due_after=yesterday + timedelta(minutes=1)))  # fmt: skip
    store.close()
    env = {"VAE_QUIZ_DECKS": str(tmp_path / "none")}
    result = run("decks", "--db", str(db), env=env)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("vae "))
    assert row.split()[3:10] == ["5", "5", "2", "1", "11", "1", "yesterday"]


def test_decks_does_not_create_a_missing_progress_file(tmp_path: Path) -> None:
    db = tmp_path / "never.sqlite3"
    result = run("decks", "--db", str(db), env={"VAE_QUIZ_DECKS": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    assert not db.exists()


def test_review_with_an_empty_queue_says_so_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    result = run("review", "--db", str(db), env={"VAE_QUIZ_DECKS": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    assert "The review queue is empty" in result.stdout


def test_a_mode_without_its_items_is_refused_with_exit_1(tmp_path: Path) -> None:
    deck = tmp_path / "cards.yaml"
    deck.write_text("id: c\ntitle: C\ncards:\n  - {id: a, front: f, back: b}\n")
    code, output = run_with_terminal(["test", str(deck), "--db", str(tmp_path / "p.sqlite3")],
                                     tmp_path, stdin_tty=True, stdout_tty=True)  # fmt: skip
    assert code == 1
    assert "no multiple-choice questions in the chosen decks" in output


def test_only_the_named_commands_parser_is_built_and_the_list_is_whole() -> None:
    from vae_quiz import cli

    full = cli.build_parser()
    (commands,) = [a for a in full._actions if a.dest == "command"]
    assert sorted(commands.choices) == sorted(cli.COMMANDS)
    assert cli._command_in(["study", "--new", "5"]) == "study"
    assert cli._command_in(["--db", "x.sqlite3", "test"]) == "test"
    assert cli._command_in([]) == "" and cli._command_in(["--db", "x"]) == ""
    # Help and unknown words get every parser, so that argparse can list the commands.
    assert cli._command_in(["study", "-h"]) is None and cli._command_in(["bogus"]) is None
    only = cli.build_parser("study")
    (one,) = [a for a in only._actions if a.dest == "command"]
    assert list(one.choices) == ["study"]
    assert only.parse_args(["study", "--new", "5"]).new == 5


def test_deck_text_in_decks_and_check_is_neither_markup_nor_terminal_control(tmp_path) -> None:
    deck = tmp_path / "hostile.yaml"
    deck.write_text(
        'id: hostile\ntitle: "Vim :s/[/]// \\e]0;PWNED\\a [link=https://x.example]x[/link] '
        'list[int] \\e[2J"\ncards:\n  - {id: c1, front: a, back: b}\n'
    )
    env = {"VAE_QUIZ_CACHE": str(tmp_path / "cache")}
    listed = run("decks", str(deck), "--db", str(tmp_path / "p.sqlite3"), env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Vim :s/[/]//" in listed.stdout and "[link=https://x.example]x[/link]" in listed.stdout
    assert "list[int]" in listed.stdout and "␛]0;PWNED␇" in listed.stdout
    assert "\x1b" not in listed.stdout + listed.stderr and "\x07" not in listed.stdout
    assert not (tmp_path / "p.sqlite3").exists()


def test_check_refuses_a_fifo_and_a_device_instead_of_hanging(tmp_path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = run("check", str(fifo), str(zero))
    assert result.returncode == 1
    assert f"{fifo}: is not a regular file (a FIFO, device or socket)" in result.stdout
    assert f"{zero}: is not a regular file (a FIFO, device or socket)" in result.stdout

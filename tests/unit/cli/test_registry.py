"""The command registry: every command's --help, and a command imports only its own module."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.helpers import run_code
from vae_quiz import cli


def _words(text: str) -> str:
    """`text` with its whitespace collapsed (argparse rewraps descriptions)."""
    return " ".join(text.split())


def _exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[object, str, str]:
    """Run `vae-quiz ARGV` in-process where argparse exits: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    out, err = capsys.readouterr()
    return exited.value.code, out, err


def _texts(name: str) -> tuple[str | None, str | None]:
    """The help (in the list of commands) and the description of `vae-quiz NAME`."""
    parser = cli.build_parser(name)
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    (listed,) = [a for a in commands._choices_actions if a.dest == name]
    return listed.help, commands.choices[name].description


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_help_exits_0_with_the_description_when_asked_for_each_command(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, description = _texts(name)
    assert description and len(description) > 30
    code, out, _ = _exit([name, "--help"], capsys)
    assert code == 0
    assert out.startswith(f"usage: vae-quiz {name} ")
    assert _words(description) in _words(out)


def test_top_level_help_lists_every_command_with_its_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _exit(["--help"], capsys)
    assert code == 0
    for name in cli.COMMANDS:
        help_text, _ = _texts(name)
        assert help_text and f" {name} {_words(help_text)}" in _words(out)


def test_every_command_is_listed_when_a_word_is_no_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _exit(["frobnicate"], capsys)
    assert code == 2
    assert all(f"'{name}'" in err for name in cli.COMMANDS)


# Fresh interpreter: the command's own module (and common) is the only one of vae_quiz.cli.*
# imported, and Textual never is. Decks, settings and progress files point into tmp_path.
NON_TUI = [
    ["check"],
    ["decks", "--db", "{tmp}/p.sqlite3"],
    ["schema"],
    ["stats", "--json", "--db", "{tmp}/p.sqlite3"],
    ["doctor", "--db", "{tmp}/p.sqlite3"],
    ["export", "--db", "{tmp}/p.sqlite3"],
    ["export-deck", "vae", "-o", "{tmp}/vae.apkg"],
    ["import", "{tmp}/q.txt", "--from", "opentriviaqa", "-o", "{tmp}/q.yaml"],
]


@pytest.mark.parametrize("argv", NON_TUI, ids=lambda argv: argv[0])
def test_only_the_commands_module_is_imported_when_a_non_tui_command_runs(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAE_QUIZ_DECKS", str(tmp_path / "none"))
    monkeypatch.setenv("VAE_QUIZ_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "q.txt").write_text("#Q What?\n^ A\nA A\nB B\n", encoding="utf-8")
    args = [arg.format(tmp=tmp_path) for arg in argv]
    code = (
        "import json, sys\n"
        "from vae_quiz.cli import main\n"
        f"code = main({args!r})\n"
        "cli = sorted(m for m in sys.modules if m.startswith('vae_quiz.cli'))\n"
        "print('IMPORTED ' + json.dumps([cli, 'textual' in sys.modules]))\n"
        "sys.exit(code)\n"
    )
    result = run_code(code)
    assert result.returncode == 0, result.stderr
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("IMPORTED ")]
    modules, has_textual = json.loads(line.removeprefix("IMPORTED "))
    own = f"vae_quiz.cli.{cli.COMMANDS[argv[0]]}"
    assert modules == sorted(["vae_quiz.cli", "vae_quiz.cli.common", own])
    assert not has_textual

"""`vae-quiz check` on Markdown decks: warnings with file, line, item and field; --strict."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run

DECK = """\
id: warned
title: Warned
format: markdown
cards:
  - id: fine
    front: A $\\mu$ and `$` in code
    back: ok
  - id: dollar
    front: it costs $5
    back: |
      ```python
      x = 1
questions:
  - id: q1
    question: Which?
    choices: ["`a`", "b $x"]
    answer: "`a`"
"""


def _write(tmp_path: Path, text: str = DECK) -> Path:
    path = tmp_path / "warned.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_warnings_name_file_line_item_and_field_and_exit_0(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = run("check", str(path), env={"VAE_QUIZ_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"{path}:8: card 'dollar': front: warning: an unclosed '$' in 'it costs $5'" in (
        "\n".join(lines)
    )
    assert any(
        line.startswith(f"{path}:8: card 'dollar': back: warning: the code fence ```")
        for line in lines
    )
    assert any(line.startswith(f"{path}:14: question 'q1': choices: warning:") for line in lines)
    assert not any("'fine'" in line for line in lines)
    assert lines[-1] == "1 deck checked: all valid; 3 warnings"
    assert "Traceback" not in result.stderr


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = run("check", "--strict", str(path), env={"VAE_QUIZ_CACHE": str(tmp_path / "c")})
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 deck checked: 3 warnings, errors with --strict"


def test_a_clean_markdown_deck_and_a_text_deck_have_no_warnings(tmp_path: Path) -> None:
    clean = DECK.split("  - id: dollar")[0]
    path = _write(tmp_path, clean)
    result = run("check", "--strict", str(path), env={"VAE_QUIZ_CACHE": str(tmp_path / "c")})
    assert result.returncode == 0 and "warning" not in result.stdout
    text_deck = DECK.replace("format: markdown\n", "")
    path = _write(tmp_path, text_deck)
    result = run("check", "--strict", str(path), env={"VAE_QUIZ_CACHE": str(tmp_path / "c")})
    assert result.returncode == 0 and "warning" not in result.stdout, "text is literal"


def test_control_character_and_markdown_warnings_together_and_strict_for_both(
    tmp_path: Path,
) -> None:
    # main's warning (a control character, in any deck) and a Markdown deck's own, side by side.
    deck = DECK.replace("back: ok", 'back: "red \\e[31m text"')
    path = _write(tmp_path, deck)
    env = {"VAE_QUIZ_CACHE": str(tmp_path / "c")}
    result = run("check", str(path), env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{path}:5: card 'fine': back: warning: control or invisible")
               for line in lines)  # fmt: skip
    assert any("warning: an unclosed '$'" in line for line in lines)
    assert lines[-1] == "1 deck checked: all valid; 4 warnings"
    strict = run("check", "--strict", str(path), env=env)
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1] == "1 deck checked: 4 warnings, errors with --strict"
    only_control = run("check", "--strict", str(_write(tmp_path, deck.split("  - id: dollar")[0])),
                       env=env)  # fmt: skip
    assert only_control.returncode == 1, "--strict holds for the control-character warning too"

"""`vae-quiz grade`: the matcher from the command line (text, JSON, stdin, errors), run as a
subprocess exactly as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run

DATA = Path(__file__).parents[2] / "data"
ANSWER = (
    "The encoder outputs mu and sigma; we sample z with the reparameterization trick. "
    "The decoder does not reconstruct anything."
)


def grade(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vae_quiz", "grade", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=60,
        env={**os.environ, "VAE_QUIZ_DECKS": "/nonexistent"},
    )


def test_text_lists_each_concept_with_score_and_evidence_then_k_of_n() -> None:
    result = grade("vae", "explain-vae", "--answer", ANSWER)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == (
        "[x] 1  The encoder maps the input to the mean and variance of a latent distribution"
        '  (score 1.00: "encoder outputs mu and sigma")'
    )
    assert lines[2].startswith("[ ] 3  The decoder reconstructs the input")
    assert "score 0.40)" in lines[2]  # negated: no evidence
    assert lines[-1] == "2/4"


def test_json_holds_every_concept_in_deck_order() -> None:
    result = grade("vae", "explain-vae", "--json", "--answer", ANSWER)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["covered"] for c in data["concepts"]] == [True, True, False, False]
    assert set(data["concepts"][0]) == {"concept", "covered", "score", "evidence"}
    assert data["concepts"][0]["evidence"] == "encoder outputs mu and sigma"
    assert data["concepts"][3]["evidence"] is None
    assert (data["deck"], data["prompt"], data["covered"], data["total"]) == (
        "vae", "explain-vae", 2, 4,
    )  # fmt: skip


def test_the_answer_is_read_from_stdin_and_a_deck_file_works() -> None:
    deck = str(DATA / "grading" / "subjects.yaml")
    answer = b"Plants use sunlight caught by chlorophyll and release oxygen."
    result = grade(deck, "photosynthesis", "--json", stdin=answer)
    assert result.returncode == 0, result.stderr
    covered = [c["covered"] for c in json.loads(result.stdout)["concepts"]]
    assert covered == [True, False, False, True]


def test_deck_text_is_printed_literally(tmp_path: Path) -> None:
    deck = tmp_path / "m.yaml"
    deck.write_text(
        "id: m\ntitle: M\nprompts:\n  - id: p\n    prompt: P\n"
        "    concepts: ['[red]x[/red] list[int]']\n"
    )
    result = grade(str(deck), "p", "--answer", "[red]x[/red] list[int]")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines()[0].startswith("[x] 1  [red]x[/red] list[int]")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["vae", "nope", "--answer", "x"], b"",
         "vae-quiz: deck 'vae' has no prompt 'nope' (its prompts: explain-vae, "
         "kl-and-reconstruction)"),
        (["nodeck", "p", "--answer", "x"], b"",
         "vae-quiz: nodeck: not a file, folder or known deck id"),
        (["missing.yaml", "p", "--answer", "x"], b"", "vae-quiz: missing.yaml: no such file"),
        (["vae", "explain-vae"], b"\xff", "vae-quiz: stdin: byte 0xff at offset 0 is not UTF-8"),
        (["vae", "explain-vae"], "over 1 MB",
         "vae-quiz: stdin: the answer is over the limit of 1,000,000 bytes"),
        ([str(DATA / "bad" / "no_concepts.yaml"), "p1", "--answer", "x"], b"",
         "no_concepts.yaml:6: prompt 'p1': concepts: must list at least one concept"),
    ],
)  # fmt: skip
def test_a_bad_deck_prompt_or_answer_is_one_line_and_exit_1(args, stdin, message) -> None:
    result = grade(*args, stdin=b"a" * 1_000_001 if stdin == "over 1 MB" else stdin)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert message in err.splitlines()[0], err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert result.stdout == b""


def test_grade_is_listed_in_help() -> None:
    result = run("--help")
    assert "grade" in result.stdout
    assert "--answer TEXT" in run("grade", "--help").stdout

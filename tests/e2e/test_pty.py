"""End to end: the installed `vae-quiz` in a real pseudo-terminal, killed with SIGKILL."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

BIN_DIR = Path(sys.executable).parent
VAE_QUIZ = shutil.which("vae-quiz", path=str(BIN_DIR)) or shutil.which("vae-quiz")

pytestmark = pytest.mark.skipif(VAE_QUIZ is None, reason="vae-quiz is not installed")


def _spawn(*args: str, tmp_path: Path, no_color: bool = False) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "VAE_QUIZ_DECKS": str(tmp_path / "none"),
           "TZ": "UTC"}  # fmt: skip
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    return pexpect.spawn(VAE_QUIZ, list(args), env=env, dimensions=(24, 80), timeout=20,
                         encoding="utf-8", codec_errors="replace")  # fmt: skip


def _answer_every_question_with_1(child: pexpect.spawn) -> None:
    """Test mode over the 5 VAE questions: pick choice 1 each time, then go on."""
    for number in range(1, 6):
        child.expect(f"question {number} of 5")
        child.send("1")
        child.expect("Correct\\.|Incorrect\\.")
        child.send(" ")


def _quit_from_summary(child: pexpect.spawn) -> None:
    """Wait for a session's summary, leave with q, and wait for the app to end."""
    child.expect("Session summary")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def _export_jsonl(db: Path) -> list[dict]:
    """`vae-quiz export --format jsonl` of `db`, parsed."""
    out = subprocess.run([VAE_QUIZ, "export", "--db", str(db), "--format", "jsonl"],
                         capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    return [json.loads(line) for line in out.stdout.splitlines()]


def _export(db: Path) -> list[list[str]]:
    out = subprocess.run([VAE_QUIZ, "export", "--db", str(db)], capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    return [line.split(",") for line in out.stdout.splitlines()]


def test_study_answers_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("study", "vae", "--db", str(db), tmp_path=tmp_path)
    child.expect("1 of 5")
    # Good on a new card is a learning step and Again a miss: each comes back, one show more.
    ratings = [("3", "2 of 6 · 1 again"), ("4", "3 of 6 · 1 again"), ("1", "4 of 7 · 2 again")]
    for rating, counter in ratings:
        child.send(" ")
        child.expect("Again")
        child.send(rating)
        # The next card on screen means the rating was committed before it was shown.
        child.expect(counter)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    rows = _export(db)
    assert rows[0][:6] == ["answered_at", "deck", "item", "kind", "mode", "outcome"]
    assert [(r[2], r[4], r[5]) for r in rows[1:]] == [
        ("vae-what", "study", "good"),
        ("encoder-role", "study", "easy"),
        ("latent-sampling", "study", "again"),
    ]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_study_quits_cleanly_with_q_then_q(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("study", "vae", "--db", str(db), "--limit", "1", tmp_path=tmp_path)
    child.expect("1 of 1")
    child.send(" ")
    child.expect("Again")
    child.send("4")
    _quit_from_summary(child)
    assert child.exitstatus == 0
    assert [r[2] for r in _export(db)[1:]] == ["vae-what"]


def test_test_mode_score_matches_export(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("test", "vae", "--seed", "1", "--db", str(db), tmp_path=tmp_path)
    _answer_every_question_with_1(child)
    child.expect(r"Score (\d)/5 \((\d+)%\)")
    correct = int(child.match.group(1))
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    rows = _export(db)[1:]
    assert len(rows) == 5
    assert all(r[4] == "test" and r[3] == "question" for r in rows)
    assert sum(1 for r in rows if r[5] == "correct") == correct


def _chromatic_colours(output: str) -> set[str]:
    """The colours, other than greys, that SGR sequences in `output` set.

    Textual honours NO_COLOR by rendering in monochrome: shades of grey remain, hues go.
    """
    grey_cube = {16, 59, 102, 145, 188, 231}
    found: set[str] = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        codes = [int(p) for p in params.split(";") if p]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and i + 1 < len(codes) and codes[i + 1] == 5:
                n = codes[i + 2]
                if not (232 <= n <= 255 or n in grey_cube or n in (0, 7, 8, 15)):
                    found.add(f"{code};5;{n}")
                i += 3
            elif code in (38, 48) and i + 1 < len(codes) and codes[i + 1] == 2:
                r, g, b = codes[i + 2 : i + 5]
                if not (r == g == b):
                    found.add(f"{code};2;{r};{g};{b}")
                i += 5
            else:
                if 31 <= code <= 36 or 91 <= code <= 96 or 41 <= code <= 46 or 101 <= code <= 106:
                    found.add(str(code))
                i += 1
    return found


@pytest.mark.parametrize("no_color", [False, True])
def test_test_feedback_reads_without_colour(tmp_path: Path, no_color: bool) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("test", "vae", "--seed", "1", "--limit", "1", "--db", str(db),
                   tmp_path=tmp_path, no_color=no_color)  # fmt: skip
    child.expect("question 1 of 1")
    seen = child.before + child.after
    child.send("1")
    verdict = child.expect(["Correct\\.", "Incorrect\\."])
    seen += child.before + child.after
    # The rest of the frame (the footer does not change, so there is no later text to await).
    child.expect(pexpect.TIMEOUT, timeout=1)
    seen += child.before
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    seen += child.before
    child.close()
    # The marks are symbols and words, so the feedback reads in monochrome.
    assert "✓" in seen
    if verdict == 1:
        assert "✗" in seen and "(your answer)" in seen
    assert bool(_chromatic_colours(seen)) is not no_color


def test_concepts_answer_and_two_ticks_reach_the_export(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("concepts", "vae", "--db", str(db), tmp_path=tmp_path)
    child.expect("prompt 1 of 2")
    child.expect("Leave editor")  # the footer shows it once the editor has focus
    # Text and ctrl+s in one write, as a fast typist: the submit must not overtake the text.
    child.send("The encoder outputs a mean and variance; q and ? are text.\x13")
    child.expect("Confirm")
    # The concept matcher ticked concept 1 (the encoder's mean and variance); tick 3 as well.
    child.expect("found in your answer")
    child.send("3")
    child.send("\r")
    child.expect(r"You got 2/(\d) concepts")
    total = int(child.match.group(1))
    child.expect("Next")
    child.send("q")
    _quit_from_summary(child)
    assert child.exitstatus == 0
    (row,) = _export_jsonl(db)
    assert (row["item"], row["mode"], row["outcome"]) == ("explain-vae", "concepts", f"2/{total}")
    assert row["response"] == "The encoder outputs a mean and variance; q and ? are text."


def test_review_asks_exactly_the_questions_missed_in_a_test(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("test", "vae", "--seed", "1", "--db", str(db), tmp_path=tmp_path)
    _answer_every_question_with_1(child)
    _quit_from_summary(child)
    missed = [r[2] for r in _export(db)[1:] if r[5] == "incorrect"]
    assert missed, "seed 1 with choice 1 each time misses at least one question"

    from vae_quiz.decks.catalog import resolve_deck_args

    (deck,) = resolve_deck_args(["vae"]).decks
    texts = {q.id: q.question for q in deck.questions}
    child = _spawn("review", "vae", "--db", str(db), tmp_path=tmp_path)
    child.expect(f"question 1 of {len(missed)}")
    asked: set[str] = set()
    for _ in range(3 * len(missed)):
        child.expect("Pick")  # the footer, drawn after the question: all of it is on screen
        screen = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", child.before))
        asked |= {item for item, text in texts.items() if re.sub(r"\s+", " ", text) in screen}
        if asked >= set(missed):
            break
        child.send("1")
        child.expect("Correct\\.|Incorrect\\.")
        child.send(" ")
    child.send("q")
    _quit_from_summary(child)
    assert child.exitstatus == 0
    assert asked == set(missed)


def test_bare_vae_quiz_opens_home_on_the_given_progress_file(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _spawn("--db", str(db), tmp_path=tmp_path)
    child.expect("Decks")
    child.expect("review 0")
    child.expect("VAE maths")  # both bundled decks are listed, under "All decks"
    child.send("\x1b[B")  # down: the seed deck alone
    child.send("t")
    child.expect("question 1 of 5")
    child.send("1")
    child.expect("Correct\\.|Incorrect\\.")
    child.send("q")
    child.expect("Session summary")
    child.send("\r")  # enter: home again
    child.expect("last studied today")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(_export(db)[1:]) == 1

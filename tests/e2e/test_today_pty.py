"""End to end: `vae-quiz today vae` on a fresh progress file, in a real pseudo-terminal: all 12
items, one miss of each kind, each miss back in the same session; then what export, decks and
the review queue say."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pexpect
import pytest
import yaml

from tests.e2e.test_pty import VAE_QUIZ, _export

pytestmark = pytest.mark.skipif(VAE_QUIZ is None, reason="vae-quiz is not installed")

DECK = Path(__file__).parents[2] / "decks" / "vae.yaml"
ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _decks_row(db: Path, env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run([VAE_QUIZ, "decks", "vae", "--db", str(db)], env=env, capture_output=True,
                         text=True, check=True, timeout=60)  # fmt: skip
    header, row = out.stdout.splitlines()[:2]
    # The counts are right-aligned under their headings.
    ends = {name: header.index(f" {name} ") + len(name) + 1 for name in ("due", "new", "review")}
    return {name: row[:end].split()[-1] for name, end in ends.items()}


def _choice_number(shown: str, text: str) -> str:
    """The number shown before the choice `text` on the question now on screen."""
    numbers = re.findall(r"(\d)\s+" + re.escape(text[:25]), shown)
    assert numbers, shown[-500:]
    return numbers[-1]


def test_today_asks_all_12_items_and_brings_each_miss_back(tmp_path: Path) -> None:
    deck = yaml.safe_load(DECK.read_text(encoding="utf-8"))
    questions = {q["question"]: q for q in deck["questions"]}
    db = tmp_path / "progress.sqlite3"
    env = {**os.environ, "TERM": "xterm-256color", "VAE_QUIZ_DECKS": str(tmp_path / "none"),
           "TZ": "UTC"}  # fmt: skip
    # 120 columns: below the session panel, whose last answers would put earlier items' words
    # on screen beside the item asked.
    child = pexpect.spawn(VAE_QUIZ, ["today", "vae", "--db", str(db)], env=env,
                          dimensions=(40, 120), timeout=20, encoding="utf-8",
                          codec_errors="replace")  # fmt: skip
    missed: dict[str, str] = {}  # kind -> the item's first words, missed once
    asked: list[tuple[str, str]] = []
    while True:
        # A fresh item is known by its footer (the header is redrawn with a verdict too).
        index = child.expect(["Reveal", "Pick", "Leave editor", "Session summary"])
        if index == 3:
            break
        kind = ("card", "question", "prompt")[index]
        shown = ANSI.sub("", child.before)
        if kind == "card":
            child.send(" ")
            child.expect("Again")
            shown += ANSI.sub("", child.before)
            front = next(c["front"] for c in deck["cards"] if c["front"][:20] in shown)
            miss = "card" not in missed
            child.send("1" if miss else "3")
            name = front
        elif kind == "question":
            name = next(q for q in questions if q[:30] in shown)
            question = questions[name]
            miss = "question" not in missed
            wrong = next(c for c in question["choices"] if c != question["answer"])
            child.send(_choice_number(shown, wrong if miss else question["answer"]))
            child.expect("Incorrect\\." if miss else "Correct\\.")
            child.send(" ")
        else:
            prompt = next(p for p in deck["prompts"] if p["prompt"][:30] in shown)
            name = prompt["prompt"]
            miss = "prompt" not in missed
            child.send("my answer")
            child.send("\x13")  # ctrl+s
            child.expect("Which did you cover")
            ticks = "1" if miss else "".join(str(n) for n in range(1, len(prompt["concepts"]) + 1))
            child.send(ticks)
            child.send("\r")
            child.expect(r"You got (\d+)/(\d+) concepts")
            child.send(" ")
        if miss:
            missed[kind] = name
            if len(missed) == 3:  # while the app runs: the three misses are queued
                assert _decks_row(db, env)["review"] == "3"
        asked.append((kind, name))
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    # Every item once, and each miss once more, later in the same session.
    assert len(asked) == 15
    assert len(set(asked)) == 12
    for kind, name in missed.items():
        positions = [i for i, entry in enumerate(asked) if entry == (kind, name)]
        assert len(positions) == 2 and positions[1] > positions[0] + 1, (kind, positions)
    rows = _export(db)[1:]
    assert {r[4] for r in rows} == {"today"}
    assert {r[3] for r in rows} == {"card", "question", "prompt"}
    status = _decks_row(db, env)
    assert (status["due"], status["new"], status["review"]) == ("0", "0", "0")

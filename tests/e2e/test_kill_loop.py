"""Crash safety at scale: the installed app killed with SIGKILL at random moments, 20 times, on
one progress file. After each kill, every answer the screen had confirmed is in the export and
the file passes PRAGMA integrity_check."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pexpect
import pytest

from tests.e2e.test_pty import VAE_QUIZ, _export, _spawn

pytestmark = pytest.mark.skipif(VAE_QUIZ is None, reason="vae-quiz is not installed")

RUNS = 20
MOMENTS = ("idle", "right after a key", "during a rating")


def _kill(child: pexpect.spawn) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL


def _cram_run(child: pexpect.spawn, rng: random.Random, moment: str) -> int:
    """Rate cards in cram; returns how many ratings the screen confirmed before the kill."""
    child.expect("1 of 5")
    confirmed = 0
    for _ in range(rng.randint(1, 4)):
        child.send(" ")
        child.expect("Again")
        child.send(rng.choice("1234"))
        child.expect(r"(Again|Hard|Good|Easy) · schedule unchanged")
        confirmed += 1
    if moment == "idle":
        time.sleep(rng.uniform(0, 0.3))
    elif moment == "right after a key":
        child.send(" ")
        child.expect("Again")
        child.send(rng.choice("1234"))
    else:
        child.send(" ")
        child.expect("Again")
        child.send(rng.choice("1234"))
        time.sleep(rng.uniform(0, 0.02))
    return confirmed


def _test_run(child: pexpect.spawn, rng: random.Random, moment: str) -> int:
    """Answer questions in test mode; returns how many the screen confirmed."""
    confirmed = 0
    for number in range(1, rng.randint(2, 5)):
        child.expect(f"question {number} of 5")
        child.send(rng.choice("1234"))
        child.expect(r"Correct\.|Incorrect\.")
        confirmed += 1
        child.send(" ")
    if moment == "idle":
        time.sleep(rng.uniform(0, 0.3))
    else:
        child.send(rng.choice("1234"))
        if moment == "during a rating":
            time.sleep(rng.uniform(0, 0.02))
    return confirmed


def test_answers_confirmed_on_screen_survive_kill_9_at_random_moments(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    rng = random.Random(20261125)
    confirmed_total = 0
    for run in range(RUNS):
        moment = MOMENTS[run % len(MOMENTS)]
        if run % 2 == 0:
            child = _spawn("study", "vae", "--cram", "--db", str(db), tmp_path=tmp_path)
            confirmed = _cram_run(child, rng, moment)
        else:
            child = _spawn("test", "vae", "--seed", str(run), "--db", str(db),
                           tmp_path=tmp_path)  # fmt: skip
            confirmed = _test_run(child, rng, moment)
        _kill(child)
        confirmed_total += confirmed
        rows = _export(db)[1:]
        # Every confirmed answer is there; a key sent just before the kill may have landed too.
        assert confirmed_total <= len(rows), (run, moment)
        assert len(rows) <= confirmed_total + (0 if moment == "idle" else 1), (run, moment)
        confirmed_total = len(rows)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()

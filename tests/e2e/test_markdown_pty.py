"""End to end: the bundled Markdown deck in a real pseudo-terminal, as a learner meets it."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

VAE_QUIZ = shutil.which("vae-quiz", path=str(Path(sys.executable).parent)) or shutil.which(
    "vae-quiz"
)

pytestmark = pytest.mark.skipif(VAE_QUIZ is None, reason="vae-quiz is not installed")
# CSI sequences (queries such as ESC[?2026$p included) and OSC strings.
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)?)")


def test_a_vae_maths_card_shows_rendered_markdown_and_maths(tmp_path: Path) -> None:
    assert VAE_QUIZ is not None
    db = tmp_path / "progress.sqlite3"
    env = {**os.environ, "TERM": "xterm-256color", "VAE_QUIZ_DECKS": str(tmp_path / "none"),
           "VAE_QUIZ_CACHE": str(tmp_path / "cache")}  # fmt: skip
    child = pexpect.spawn(VAE_QUIZ, ["study", "vae-maths", "--db", str(db)], env=env,
                          dimensions=(30, 100), timeout=30, encoding="utf-8",
                          codec_errors="replace")  # fmt: skip
    child.logfile_read = seen = io.StringIO()
    child.expect("1 of 9")
    child.expect("lower bound")  # the front's bold words, rendered
    child.send(" ")
    child.expect("Again")
    child.expect("reconstruction")  # the back: a list item of the first card
    child.send("3")
    child.expect(r"2 of \d+")  # a learning step may come back: "2 of 10 · 1 again"
    child.send("q")
    child.expect("Session summary")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    shown = _ESCAPES.sub("", seen.getvalue())
    assert child.exitstatus == 0
    assert "evidence lower bound" in shown and "ℒ(θ, ϕ; x)" in shown.replace("φ", "ϕ")
    assert "$" not in shown and "**" not in shown and "\\mathcal" not in shown
    out = subprocess.run([VAE_QUIZ, "export", "--db", str(db)], capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    assert ",vae-maths,elbo-definition,card,study,good," in out.stdout

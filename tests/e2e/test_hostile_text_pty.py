"""End to end: a deck full of escape sequences and markup, studied in a real pseudo-terminal.
Whatever vae-quiz writes to the terminal is read back as bytes: the deck's sequences are shown
as text (␛), never sent."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import yaml

# Set the window title, write the clipboard (OSC 52), a hyperlink, an 8-bit CSI, and markup.
HOSTILE = (
    "\x1b]0;PWNED\x07 \x1b]52;c;SGVsbG8=\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "\x9b31m [@click=app.quit]Q[/] [link=https://evil.example/login]x[/link]"
)
# What a terminal would obey: none of them may reach it from the deck's text.
OBEYED = (
    b"\x1b]0;PWNED",
    b"\x1b]52;",
    b"\x1b]8;;https://evil",
    b"\xc2\x9b",
    b"evil.example/login\x1b",
)


def test_studying_a_hostile_deck_sends_no_sequence_of_it_to_the_terminal(tmp_path: Path) -> None:
    deck = tmp_path / "hostile.yaml"
    deck.write_text(yaml.safe_dump({
        "id": "hostile", "title": f"T {HOSTILE}",
        "cards": [{"id": "c1", "front": f"F {HOSTILE}", "back": f"B {HOSTILE}"}],
    }), encoding="utf-8")  # fmt: skip
    env = {**os.environ, "TERM": "xterm-256color", "VAE_QUIZ_DECKS": str(tmp_path / "none"),
           "VAE_QUIZ_CACHE": str(tmp_path / "cache"), "TZ": "UTC"}  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "vae_quiz", "study", str(deck), "--db",
                          str(tmp_path / "p.sqlite3")], env=env, dimensions=(24, 100),
                          timeout=20)  # fmt: skip
    written = b""
    for key, shown in ((None, "1 of 1"), (" ", "Again"), ("q", "Session summary")):
        if key:
            child.send(key)
        child.expect(shown.encode())
        written += child.before + child.after
    child.send("q")
    child.expect(pexpect.EOF)
    written += child.before
    child.close()
    for sequence in OBEYED:
        assert sequence not in written, sequence
    text = written.decode("utf-8", "replace")
    assert "␛]0;PWNED␇" in text and "[@click=app.quit]Q[/]" in text
    assert "\\x9b31m" in text

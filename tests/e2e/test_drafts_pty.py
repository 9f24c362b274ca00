"""End to end, in a real pseudo-terminal: what is typed into the concepts editor survives the app
being killed (SIGKILL: all but the last moment of typing), terminated (SIGTERM) or hung up on
(the terminal closed), and comes back when the prompt is opened again.

The installed `vae-quiz` is run (see test_pty.py); with PYTHONPATH naming a checkout, that
checkout's code is what runs."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pexpect
import pytest

from tests.e2e.test_pty import VAE_QUIZ, _spawn

pytestmark = pytest.mark.skipif(VAE_QUIZ is None, reason="vae-quiz is not installed")

# The screen keeps a draft DRAFT_DELAY (0.5 s) after the first change not yet kept; a loaded
# machine may run the timer late. "About a second" of typing at risk, with that slack.
AT_RISK_S = 1.5


def _draft(db: Path) -> str | None:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT text FROM draft WHERE deck = 'vae' AND item = 'explain-vae'")
        found = row.fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    return None if found is None else found[0]


def _open_editor(db: Path, tmp_path: Path) -> pexpect.spawn:
    child = _spawn("concepts", "vae", "--db", str(db), tmp_path=tmp_path)
    child.expect("prompt 1 of 2")
    seen = child.before
    child.expect("Leave editor")  # the footer shows it once the editor has focus
    child.seen = seen + child.before  # type: ignore[attr-defined]  # drawn up to the footer
    return child


def _drain(child: pexpect.spawn, seconds: float) -> None:
    """Read what the app draws for `seconds`: a terminal that is not read fills up, and the app
    then blocks on its next write (as it would under a real terminal that stopped reading)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            child.read_nonblocking(65536, timeout=left)
        except pexpect.TIMEOUT:
            return


def _wait_gone(child: pexpect.spawn, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while child.isalive():
        assert time.monotonic() < deadline, "the app did not end"
        time.sleep(0.05)


def _reopened_shows(db: Path, tmp_path: Path, text: str) -> None:
    """Start again on the same prompt: the draft is in the editor and the app says so."""
    child = _open_editor(db, tmp_path)
    # The notice and the editor's text may come before or after the footer in the same frame.
    for shown in ("Restored your draft from", text.split()[-1]):
        if shown not in child.seen:
            child.expect(shown)
            child.seen += child.before + child.after
    child.send("\x1b")  # leave the editor, then quit: the draft stays as it was
    time.sleep(0.3)  # a lone escape, not the start of alt+q
    child.send("q")
    child.expect("Session summary")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _draft(db) == text


def test_kill_9_loses_at_most_the_last_second_of_typing(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _open_editor(db, tmp_path)
    typed = "the encoder maps x to the mean and variance of q(z|x) and the decoder maps z back "
    sent_at: list[float] = []
    child.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    for ch in typed:  # about 20 keys a second, a fast typist, for four seconds
        child.send(ch)
        sent_at.append(time.monotonic())
        _drain(child, 0.05)
    os.kill(child.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    kept = _draft(db)
    assert kept is not None and typed.startswith(kept)
    assert len(kept) > len(typed) // 3  # more than the first stretch of typing was kept
    if len(kept) < len(typed):
        # The first key not kept was typed within the last moment before the kill.
        assert killed_at - sent_at[len(kept)] <= AT_RISK_S, (len(kept), len(typed))
    _reopened_shows(db, tmp_path, kept)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_keeps_everything_typed(tmp_path: Path, sig: signal.Signals) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _open_editor(db, tmp_path)
    child.send("first words ")
    time.sleep(1.0)  # kept by the timer
    child.send("then the lastword")
    child.expect("lastword")  # on screen: the editor has it; the timer has not run yet
    child.kill(sig)
    child.expect(pexpect.EOF, timeout=5)  # promptly: the signal wakes the event loop
    rest = child.before or ""
    child.close()
    assert "Traceback" not in rest
    assert child.exitstatus == 0 or child.signalstatus == sig
    assert _draft(db) == "first words then the lastword"
    _reopened_shows(db, tmp_path, "first words then the lastword")


def test_closing_the_terminal_keeps_everything_typed(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _open_editor(db, tmp_path)
    child.send("typed just before the window closed")
    child.expect("closed")
    # The terminal goes away: its master side closed (the kernel hangs up on the app), nothing
    # else sent.
    child.ptyproc.fileobj.close()
    _wait_gone(child)
    assert _draft(db) == "typed just before the window closed"
    _reopened_shows(db, tmp_path, "typed just before the window closed")


def test_ctrl_c_keeps_the_draft_and_a_selection_is_copied_not_quit(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    child = _open_editor(db, tmp_path)
    child.send("copy this")
    child.expect("this")
    child.send("\x1b[1;2D" * 4)  # shift+left four times: "this" selected
    time.sleep(0.3)
    child.sendcontrol("c")  # copies (OSC 52 to the terminal), does not quit
    child.expect("\x1b]52;c;")
    time.sleep(0.3)
    assert child.isalive()
    child.send("\x1b[F")  # end: the selection is gone
    child.sendcontrol("c")  # quits, keeping the draft
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _draft(db) == "copy this"

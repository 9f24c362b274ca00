"""Start-up to first card on screen, measured from outside in a pseudo-terminal.

Compares `vae-quiz study` (first card's front visible) with a bare Textual app that mounts one
Static, in interleaved runs; prints medians and their ratio.
Run: `python benchmarks/bench_startup.py [--runs 10]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare app ready")
Bare().run()
"""


def _time_until(cmd: str, args: list[str], text: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(cmd, args, env=env, dimensions=(24, 80), timeout=30)
    child.expect(text)
    elapsed = time.perf_counter() - start
    child.kill(9)
    child.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    vae_quiz = shutil.which("vae-quiz", path=str(Path(sys.executable).parent))
    if vae_quiz is None:
        sys.exit("vae-quiz is not installed in this Python's environment")
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        env = {**os.environ, "TERM": "xterm-256color", "VAE_QUIZ_DECKS": str(Path(tmp) / "none")}
        app_times, bare_times = [], []
        for run in range(args.runs):
            db = Path(tmp) / f"p{run}.sqlite3"
            bare_times.append(_time_until(sys.executable, [str(bare)], "bare app ready", env))
            app_times.append(_time_until(vae_quiz, ["study", "--db", str(db)], "What is a", env))
    bare_median, app_median = statistics.median(bare_times), statistics.median(app_times)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}; {args.runs} interleaved runs, 80x24 pty\n"
    )
    print("| what | median (s) |")
    print("| --- | ---: |")
    print(f"| bare Textual app, one Static | {bare_median:.3f} |")
    print(f"| vae-quiz study, first card on screen | {app_median:.3f} |")
    print(f"| ratio | {app_median / bare_median:.2f}x |")


if __name__ == "__main__":
    main()

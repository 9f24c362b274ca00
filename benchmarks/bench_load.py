"""Deck load time for 1k, 10k and 100k items, and `vae-quiz check` on the same files.

Run: `python benchmarks/bench_load.py [--sizes 1000,10000,100000] [--repeat 3]`.
Prints a Markdown table (median of the repeats) and the machine's details.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.make_deck import write_deck
from vae_quiz.domain.loader import load_deck


def _median_seconds(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}, PyYAML {yaml.__version__} (C loader: "
        f"{yaml.__with_libyaml__})\n"
    )
    print("| items | file MB | yaml.compose (s) | load_deck (s) | vae-quiz check (s) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = write_deck(n, Path(tmp) / f"bench-{n}.yaml")
            text = path.read_text(encoding="utf-8")

            def compose(text: str = text) -> None:
                import gc

                gc.disable()
                try:
                    yaml.compose(text, Loader=yaml.CSafeLoader)
                finally:
                    gc.enable()

            compose_s = _median_seconds(compose, args.repeat)
            load_s = _median_seconds(lambda path=path: load_deck(path), args.repeat)
            cmd = [sys.executable, "-m", "vae_quiz", "check", str(path)]

            def check(cmd: list[str] = cmd) -> None:
                subprocess.run(cmd, check=True, capture_output=True)

            check_s = _median_seconds(check, args.repeat)
            size_mb = path.stat().st_size / 1e6
            print(f"| {n:,} | {size_mb:.1f} | {compose_s:.3f} | {load_s:.3f} | {check_s:.3f} |")


if __name__ == "__main__":
    main()

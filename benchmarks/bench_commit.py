"""Time to commit one answer to the progress file (WAL, synchronous=FULL): median and p99.

Run: `python benchmarks/bench_commit.py [--n 1000]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vae_quiz.domain.scheduler import Rating, Scheduler
from vae_quiz.domain.store import Answer, ProgressStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    scheduler = Scheduler(enable_fuzzing=False)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / "p.sqlite3")
        commit, rate_and_commit = [], []
        for i in range(args.n):
            start = time.perf_counter()
            review = scheduler.review(None, Rating.GOOD, now)
            mid = time.perf_counter()
            store.record(
                Answer(
                    deck="bench",
                    item=f"c{i}",
                    kind="card",
                    mode="study",
                    outcome="good",
                    answered_at=now + timedelta(seconds=i),
                    rating=3,
                    state_after=review.state_json,
                    due_after=review.due,
                )
            )
            end = time.perf_counter()
            commit.append((end - mid) * 1000)
            rate_and_commit.append((end - start) * 1000)
        store.close()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}; {args.n} answers; file system of {tempfile.gettempdir()}\n"
    )
    print("| what | median (ms) | p99 (ms) |")
    print("| --- | ---: | ---: |")
    for name, values in (("commit one answer", commit), ("FSRS review + commit", rate_and_commit)):
        p99 = statistics.quantiles(values, n=100)[98]
        print(f"| {name} | {statistics.median(values):.3f} | {p99:.3f} |")


if __name__ == "__main__":
    main()

"""Big inputs: a mixed-encoding import, a 500k-row CSV import and `export` of 1M answers.

Run: `python benchmarks/big_data.py [--quick]`. The inputs are made in a temp folder; each
command runs as its own process (`python -m vae_quiz`), and its peak RSS is that process's own
high-water mark (VmHWM), read as it exits. Prints figures; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Runs vae-quiz's command line in this process, then prints its peak RSS (MB) on the last line
# of stderr; ru_maxrss would carry over the peak of the process that started it.
MEASURED = """
import runpy, sys
sys.argv = ["vae-quiz", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("vae_quiz", run_name="__main__")
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
with open("/proc/self/status") as status:
    hwm = next(line for line in status if line.startswith("VmHWM:"))
print(f"peak-rss-mb {int(hwm.split()[1]) / 1024:.1f}", file=sys.stderr)
sys.exit(code)
"""


def run_measured(args: list[str], env: dict[str, str], stdout: int | None = None
                 ) -> tuple[float, float]:  # fmt: skip
    """Seconds and peak RSS (MB) of `vae-quiz ARGS`; a non-zero exit is an error."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], env=env, text=True,
                          stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE)  # fmt: skip
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"vae-quiz {' '.join(args)} exited {done.returncode}: {done.stderr}")
    last = done.stderr.strip().splitlines()[-1]
    return elapsed, float(last.split()[1])


def environment(tmp: Path) -> dict[str, str]:
    return {
        **os.environ, "PYTHONPATH": str(REPO), "VAE_QUIZ_CACHE": str(tmp / "cache"),
        "VAE_QUIZ_DECKS": str(tmp / "decks"), "VAE_QUIZ_CONFIG": str(tmp / "none.toml"),
    }  # fmt: skip


def mixed_csv(path: Path, size: int) -> int:
    """A CSV of about `size` bytes, mostly UTF-8, with a cp1252 byte on every line (é as 0xe9),
    as an export edited in two editors is; returns the number of rows."""
    rows = 0
    with path.open("wb") as out:
        written = 0
        while written < size:
            line = (f"caf\xe9 number {rows} \u2014 na\xefve,r\xe9sum\xe9 ".encode()
                    + b"cp1252 caf\xe9 " + f"{rows}\n".encode())  # fmt: skip
            out.write(line)
            written += len(line)
            rows += 1
    return rows


def big_csv(path: Path, rows: int) -> int:
    """A two-column CSV of `rows` rows; returns its size in bytes."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(rows):
            out.write(f"What is item {n} of the big list?,It is the answer number {n}, a\n")
    return path.stat().st_size


def progress_file(path: Path, answers: int) -> None:
    """A progress file holding `answers` answers (the store makes the schema)."""
    from vae_quiz.progress.store import ProgressStore

    ProgressStore(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome, rating,"
            " response, detail, due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (str(uuid.UUID(int=n)), f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:{n % 60:02d}"
                 f":00Z", "bench", f"card-{n % 5000}", "card", "study", "good", 3, None,
                 '{"elapsed_ms": 1200}', "2026-12-31T00:00:00Z")
                for n in range(answers)
            ),
        )  # fmt: skip
    conn.close()


def mixed_import(tmp: Path, size: int = 1_300_000) -> tuple[float, int]:
    """Seconds to import a mixed UTF-8 + cp1252 CSV of `size` bytes; and its rows."""
    source = tmp / "mixed.csv"
    rows = mixed_csv(source, size)
    seconds, _ = run_measured(["import", str(source), "--from", "csv", "--encoding",
                               "utf-8+cp1252", "-o", str(tmp / "mixed.yaml")],
                              environment(tmp))  # fmt: skip
    return seconds, rows


def csv_import(tmp: Path, rows: int = 500_000) -> tuple[float, float, int]:
    """Seconds and peak RSS (MB) of importing a CSV of `rows` rows; and its size in bytes."""
    source = tmp / "big.csv"
    size = big_csv(source, rows)
    seconds, rss = run_measured(["import", str(source), "--from", "csv",
                                 "-o", str(tmp / "big.yaml")], environment(tmp))  # fmt: skip
    return seconds, rss, size


def export(tmp: Path, answers: int = 1_000_000) -> dict[str, tuple[float, float]]:
    """Seconds and peak RSS (MB) of `vae-quiz export` of `answers` answers, in each format."""
    db = tmp / "answers.sqlite3"
    progress_file(db, answers)
    figures = {}
    for fmt in ("csv", "jsonl"):
        with open(os.devnull, "w") as sink:
            figures[fmt] = run_measured(["export", "--db", str(db), "--format", fmt],
                                        environment(tmp), stdout=sink.fileno())  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seconds, rows = mixed_import(tmp, 1_300_000 // scale)
        print(f"mixed utf-8+cp1252 import, {1.3 / scale:.2f} MB ({rows:,} rows, one cp1252 "
              f"byte each): {seconds:.2f} s")  # fmt: skip
        seconds, rss, size = csv_import(tmp, 500_000 // scale)
        print(f"CSV import, {500_000 // scale:,} rows ({size / 1e6:.1f} MB): {seconds:.1f} s, "
              f"peak RSS {rss:.0f} MB")  # fmt: skip
        for fmt, (seconds, rss) in export(tmp, 1_000_000 // scale).items():
            print(f"export --format {fmt}, {1_000_000 // scale:,} answers: {seconds:.1f} s, "
                  f"peak RSS {rss:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()

"""`vae-quiz export` streams: rows go out as SQLite reads them, in every format, so what it holds
does not grow with the number of answers (1M answers held at once came to 730 MB)."""

from __future__ import annotations

import io
import os
import sqlite3
import sys
import tracemalloc
import uuid
from pathlib import Path

import pytest

from vae_quiz import cli
from vae_quiz.progress.store import ProgressStore


def _progress(path: Path, answers: int) -> Path:
    ProgressStore(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome, rating,"
            " response, detail, due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((str(uuid.UUID(int=n)), f"2026-01-01T00:00:{n % 60:02d}Z", "d", f"c{n}", "card",
              "study", "good", 3, "some response text", '{"elapsed_ms": 1200}',
              "2026-02-01T00:00:00Z") for n in range(answers)),
        )  # fmt: skip
    conn.close()
    return path


def _export_peak(db: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> int:
    with open(os.devnull, "w", encoding="utf-8") as null:
        out = io.TextIOWrapper(io.FileIO(null.fileno(), "w", closefd=False), encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", out)
        tracemalloc.start()
        try:
            assert cli.main(["export", "--db", str(db), "--format", fmt]) == 0
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            out.flush()
    return peak


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_holds_the_same_whatever_the_number_of_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:  # fmt: skip
    small = _progress(tmp_path / "small.sqlite3", 2_000)
    big = _progress(tmp_path / "big.sqlite3", 10_000)
    _export_peak(small, fmt, monkeypatch)  # modules imported outside the figures
    growth = _export_peak(big, fmt, monkeypatch) - _export_peak(small, fmt, monkeypatch)
    # 8,000 more rows held at once would be megabytes (a row is about 600 bytes as objects).
    assert growth < 200_000

"""Many copies of vae-quiz creating one fresh progress file at the same moment: every one opens
it (switching a new file to WAL takes a lock SQLite does not wait for)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from vae_quiz.errors import StoreError

PROCESSES, ROUNDS = 12, 4


def _open(path: str, barrier: multiprocessing.synchronize.Barrier) -> str:
    from vae_quiz.progress.store import ProgressStore

    barrier.wait()
    try:
        store = ProgressStore(path)
    except StoreError as exc:
        return str(exc)
    store.close()
    return "ok"


def test_twelve_processes_opening_one_fresh_file_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(PROCESSES) as pool:
        barrier = manager.Barrier(PROCESSES)
        for round_ in range(ROUNDS):
            path = str(tmp_path / f"fresh{round_}.sqlite3")
            results = pool.starmap(_open, [(path, barrier)] * PROCESSES)
            assert results == ["ok"] * PROCESSES, [r for r in results if r != "ok"]

"""Two copies of the app opening the same new progress file at once both get it: switching a
new file to WAL takes a lock SQLite does not wait for, so the store retries."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from vae_quiz.errors import StoreError
from vae_quiz.progress.store import ProgressStore


def _open(path: str, results: multiprocessing.Queue) -> None:
    try:
        ProgressStore(path).close()
        results.put("ok")
    except StoreError as exc:
        results.put(str(exc))


def test_two_copies_opening_a_new_file_at_once_both_open_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    for attempt in range(25):  # the race was lost about one time in three
        path = str(tmp_path / f"p{attempt}.sqlite3")
        results = context.Queue()
        copies = [context.Process(target=_open, args=(path, results)) for _ in range(2)]
        for copy in copies:
            copy.start()
        for copy in copies:
            copy.join(timeout=30)
        outcomes += [results.get(timeout=5) for _ in copies]
    assert outcomes == ["ok"] * 50

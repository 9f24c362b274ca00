"""Progress files with odd data: answers dated in the future, times that are not ISO 8601, text
that is not JSON, a read-only folder, a deleted write-ahead log. Readers skip what they cannot
read, `doctor` reports it, nothing crashes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.progress.doctor import inspect
from vae_quiz.progress.store import Answer, ProgressStore

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _answer(item: str, at: datetime, **extra: object) -> Answer:
    return Answer("vae", item, "card", "study", "good", at, **extra)  # type: ignore[arg-type]


def _scheduled(store: ProgressStore, item: str, at: datetime) -> None:
    store.record(_answer(item, at), Scheduler(enable_fuzzing=False).schedule(Rating.GOOD, at))


def _with_odd_rows(path: Path) -> Path:
    """A progress file with sound answers plus a non-ISO time, bad JSON in a detail and in a
    state, and an answer a year ahead."""
    store = ProgressStore(path)
    _scheduled(store, "vae-what", datetime.now(UTC) - timedelta(days=3))
    store.record(_answer("encoder-role", datetime.now(UTC), detail={"ok": 1}))
    store.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE review_log SET answered_at = 'yesterday-ish' WHERE item = 'vae-what'")
        conn.execute("UPDATE review_log SET detail = '{broken' WHERE item = 'encoder-role'")
        conn.execute("UPDATE item_state SET state = 'not json', due = 'soon'")
    conn.close()
    store = ProgressStore(path)
    _scheduled(store, "latent-sampling", datetime.now(UTC) + timedelta(days=365))
    store.close()
    return path


def test_items_first_seen_in_the_future_do_not_count_as_new_today(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    _scheduled(store, "ahead", NOW + timedelta(days=365))  # the clock once ran a year ahead
    _scheduled(store, "today", NOW - timedelta(hours=1))
    assert store.count_new_since(NOW - timedelta(hours=12), NOW) == 1


def test_readers_skip_rows_with_odd_times_and_json_when_the_file_has_them(tmp_path: Path) -> None:
    path = _with_odd_rows(tmp_path / "p.sqlite3")
    for command in (["decks"], ["stats"], ["stats", "--json"]):
        result = run(*command, "--db", str(path))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    for fmt in ("csv", "jsonl"):
        result = run("export", "--format", fmt, "--db", str(path))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == (2 if fmt == "csv" else 1)  # the answer a year ahead only
        assert "latent-sampling" in lines[-1]
        assert result.stderr.count("\n") == 1
        assert "2 answers left out" in result.stderr and "vae-quiz doctor" in result.stderr


def test_doctor_reports_odd_times_json_and_future_answers(tmp_path: Path) -> None:
    path = _with_odd_rows(tmp_path / "p.sqlite3")
    report = inspect(path)
    assert report.integrity == "ok" and not report.is_ok
    text = "\n".join(report.problems)
    assert "1 answers have a time that is not ISO 8601" in text
    assert "1 answers hold a detail or a state that is not JSON" in text
    assert "1 answers are dated in the future" in text
    assert "2 item schedules" in text
    result = run("doctor", "--db", str(path))
    assert result.returncode == 1
    assert result.stdout.count("problem: ") == 4


def test_an_item_whose_state_is_not_json_starts_afresh_when_answered(tmp_path: Path) -> None:
    path = _with_odd_rows(tmp_path / "p.sqlite3")
    store = ProgressStore(path)
    store.record(_answer("vae-what", NOW), Scheduler(enable_fuzzing=False).schedule(
        Rating.GOOD, NOW))  # fmt: skip
    state = store.item_state("vae", "vae-what")
    assert state is not None and json.loads(state.state)["state"] == 1  # learning, from new


def _read_only_mount_works() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-m", "true"], capture_output=True
    ).returncode == 0  # fmt: skip


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs unshare -m to mount read-only")
def test_doctor_stats_and_export_read_a_file_in_a_read_only_folder(tmp_path: Path) -> None:
    """The folder is bind-mounted read-only in a private mount namespace: read-only for root
    too, so SQLite cannot make the write-ahead log's shared-memory file there."""
    folder = tmp_path / "ro"
    folder.mkdir()
    store = ProgressStore(folder / "p.sqlite3")
    store.record(_answer("vae-what", datetime.now(UTC)))
    store.close()
    script = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
    script += " && ".join(
        f"{sys.executable} -m vae_quiz {command} --db {folder / 'p.sqlite3'} > {tmp_path / str(n)}"
        for n, command in enumerate(["doctor", "stats", "export"])
    )
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "integrity        ok" in (tmp_path / "0").read_text()
    assert "vae-what" in (tmp_path / "2").read_text()


def test_a_deleted_write_ahead_log_is_named_not_taken_for_a_full_disk(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = ProgressStore(path)
    store.record(_answer("vae-what", NOW))
    os.unlink(f"{path}-wal")  # while this vae-quiz still has the file open
    store.record(_answer("vae-what", NOW))
    for command in ("export", "doctor"):
        result = run(command, "--db", str(path))
        assert result.returncode == 1
        assert "write-ahead log p.sqlite3-wal was deleted" in result.stderr
        assert "free some disk space" not in result.stderr
    store.close()

"""`vae-quiz doctor`: the report, the exit code, and a consistent backup."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers import run
from tests.unit.progress.test_progress_file_faults import _corrupt_page, _filled
from vae_quiz.errors import WriteError
from vae_quiz.progress.doctor import backup, inspect
from vae_quiz.progress.store import Answer, ProgressStore


def test_a_sound_file_is_reported_with_its_counts(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=7)
    report = inspect(path)
    assert report.is_ok and report.integrity == "ok"
    assert (report.answers, report.decks, report.review_queue) == (7, 1, 7)
    result = run("doctor", "--db", str(path))
    assert result.returncode == 0
    assert "answers          7" in result.stdout and "integrity        ok" in result.stdout


def test_a_damaged_file_fails_the_check_and_is_not_touched(tmp_path: Path) -> None:
    path = _corrupt_page(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run("doctor", "--db", str(path))
    assert result.returncode == 1
    assert "integrity        FAILED" in result.stdout and "restore a backup" in result.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_no_file_yet_is_said_plainly_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    result = run("doctor", "--db", str(path))
    assert result.returncode == 0 and "No progress file yet" in result.stdout
    assert not path.exists()


def test_a_backup_taken_while_another_instance_writes_is_consistent(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=50)
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        store = ProgressStore(path)  # a connection of this thread, as another instance has
        n = 0
        while not stop.is_set():
            store.record(Answer(deck="vae", item=f"w{n}", kind="card", mode="study",
                                outcome="good", answered_at=datetime.now(UTC)))  # fmt: skip
            n += 1
        written.append(n)
        store.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copy = tmp_path / "copy.sqlite3"
        assert backup(path, copy) > 0
    finally:
        stop.set()
        writer.join()
    assert written and written[0] > 0
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] >= 50
    assert inspect(copy).is_ok


def test_a_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=1)
    existing = tmp_path / "keep.txt"
    existing.write_text("precious")
    with pytest.raises(WriteError, match="already exists; choose a new file name"):
        backup(path, existing)
    assert existing.read_text() == "precious"
    result = run("doctor", "--db", str(path), "--backup", str(existing))
    assert result.returncode == 1 and "already exists" in result.stderr


def test_a_backup_never_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=1)
    link = tmp_path / "backup.sqlite3"
    link.symlink_to(tmp_path / "elsewhere.sqlite3")
    result = run("doctor", "--db", str(path), "--backup", str(link))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"vae-quiz: {link}: already exists; choose a new file name"
    ]
    assert not (tmp_path / "elsewhere.sqlite3").exists()


def test_a_backup_onto_the_progress_file_itself_is_refused(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=1)
    (tmp_path / "sub").mkdir()
    before = path.read_bytes()
    with pytest.raises(WriteError, match="is the input file"):
        backup(path, tmp_path / "sub" / ".." / "p.sqlite3")
    assert path.read_bytes() == before


def test_a_backup_on_a_full_disk_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=1)
    out = tmp_path / "out"
    out.mkdir()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="cannot write: no space left on the disk"):
        backup(path, out / "copy.sqlite3")
    assert list(out.iterdir()) == []


def test_a_backup_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    path = _filled(tmp_path / "p.sqlite3", answers=1)
    copy = tmp_path / "missing" / "copy.sqlite3"
    result = run("doctor", "--db", str(path), "--backup", str(copy))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"vae-quiz: {copy}: cannot write: the folder {copy.parent} does not exist"
    ]

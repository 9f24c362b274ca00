"""`vae-quiz doctor`: what the progress file is and whether it is sound, and a consistent backup.

Everything here opens the file read-only, so a damaged file is examined without being touched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from vae_quiz import outfile
from vae_quiz.errors import StoreError
from vae_quiz.progress.store import SCHEMA_VERSION, queued_items_sql

NEW_NAME = "choose a new file name"


@dataclass(frozen=True, slots=True)
class DoctorReport:
    """Facts about one progress file. `problems` is empty when the file is sound."""

    path: Path
    size: int
    schema_version: int
    journal_mode: str
    answers: int
    scheduled_items: int
    decks: int
    review_queue: int
    integrity: str
    problems: tuple[str, ...]

    @property
    def is_ok(self) -> bool:
        return not self.problems


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def inspect(path: Path) -> DoctorReport:
    """Examine the progress file at `path` without writing to it.

    Raises:
        StoreError: the file cannot be opened, or read as SQLite at all.
    """
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a progress file")
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot be opened ({exc})") from None
    problems: list[str] = []
    version, journal, integrity = 0, "?", "?"
    answers = items = decks = queued = 0
    try:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a SQLite file ({exc})") from None
        rows = [line for (text,) in conn.execute("PRAGMA integrity_check") for line in
                text.splitlines() if not line.startswith("***")]  # fmt: skip
        if rows == ["ok"]:
            integrity = "ok"
        else:
            integrity = f"FAILED ({len(rows)} errors; first: {rows[0]})"
            problems.append(
                "the file is damaged: restore a backup, or move it aside to start afresh"
            )
        if version > SCHEMA_VERSION:
            problems.append(f"written by a newer vae-quiz (schema {version})")
        if 1 <= version <= SCHEMA_VERSION and integrity == "ok":
            answers = conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
            items = conn.execute("SELECT count(*) FROM item_state").fetchone()[0]
            decks = conn.execute("SELECT count(DISTINCT deck) FROM review_log").fetchone()[0]
            if version >= 2:
                queued = conn.execute(f"SELECT count(*) FROM ({queued_items_sql()})").fetchone()[0]
        elif version == 0:
            problems.append("not a vae-quiz progress file (no schema version)")
    except sqlite3.DatabaseError as exc:
        problems.append(f"unreadable ({exc}): restore a backup, or move it aside to start afresh")
        integrity = f"FAILED ({exc})"
    finally:
        conn.close()
    return DoctorReport(
        path=path, size=path.stat().st_size, schema_version=version, journal_mode=journal,
        answers=answers, scheduled_items=items, decks=decks, review_queue=queued,
        integrity=integrity, problems=tuple(problems),
    )  # fmt: skip


def backup(path: Path, destination: Path) -> int:
    """Copy the progress file to `destination` with SQLite's backup API: a consistent snapshot
    even while another vae-quiz is writing. The copy is made in a temp file and renamed into
    place only once it passes its integrity check. Returns the pages copied.

    Raises:
        WriteError: the destination exists, is the progress file, or cannot be written.
        StoreError: the copy failed, or fails its integrity check.
    """
    try:
        with outfile.staged(destination, sources=[path], exists_hint=NEW_NAME) as temp:
            source = _connect_read_only(path)
            target = sqlite3.connect(temp)
            try:
                source.backup(target)
                pages = target.execute("PRAGMA page_count").fetchone()[0]
                check = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
                source.close()
            if check != "ok":
                raise StoreError(f"{destination}: the copy fails its integrity check ({check})")
    except sqlite3.Error as exc:
        raise StoreError(f"{destination}: backup failed ({exc})") from None
    return int(pages)

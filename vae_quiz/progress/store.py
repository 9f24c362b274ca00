"""The progress file: a SQLite database with one committed transaction per answer.

Progress is keyed on (deck id, item id), so editing an item's text keeps its history and removing
an item leaves its history intact. Times are stored as ISO 8601 UTC text, which sorts in time
order.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar

from vae_quiz.errors import StoreError

SCHEMA_VERSION = 4
# The oldest schema a read-only open accepts (it cannot migrate): what the readers (decks, stats,
# export) use is all in schema 2; 3 adds the drafts the concepts screen writes, 4 the matcher's
# suggestions (a column the readers do not ask for).
OLDEST_READABLE = 2
# Answers, states and rows are NamedTuples: plain immutable records, and about 1 ms cheaper each to
# define at start-up than frozen dataclasses.
# An answer's `result`, which drives the review queue: a miss enters it, a right answer in any mode
# takes it out; other answers (Hard in study) do neither.
MISSED, RIGHT = "missed", "right"
BUSY_TIMEOUT_MS = 10_000

# Forward-only migrations: MIGRATIONS[n] takes a file from user_version n to n + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE review_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        answered_at TEXT NOT NULL,
        deck TEXT NOT NULL,
        item TEXT NOT NULL,
        kind TEXT NOT NULL,
        mode TEXT NOT NULL,
        outcome TEXT NOT NULL,
        rating INTEGER,
        response TEXT,
        detail TEXT,
        state_before TEXT,
        state_after TEXT,
        due_after TEXT
    );
    CREATE INDEX review_log_item ON review_log (deck, item, answered_at);
    CREATE INDEX review_log_time ON review_log (answered_at);
    CREATE TABLE item_state (
        deck TEXT NOT NULL,
        item TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        due TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_review TEXT NOT NULL,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (deck, item)
    ) WITHOUT ROWID;
    CREATE INDEX item_state_due ON item_state (deck, due);
    """,
    f"""
    ALTER TABLE review_log ADD COLUMN result TEXT;
    UPDATE review_log SET result = CASE
        WHEN outcome IN ('again', 'incorrect') THEN '{MISSED}'
        WHEN outcome IN ('good', 'easy', 'correct') THEN '{RIGHT}' END;
    CREATE INDEX review_log_result ON review_log (deck, item, seq) WHERE result IS NOT NULL;
    CREATE TABLE concept_result (
        answer_seq INTEGER NOT NULL REFERENCES review_log (seq) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        deck TEXT NOT NULL,
        item TEXT NOT NULL,
        concept TEXT NOT NULL,
        covered INTEGER NOT NULL,
        PRIMARY KEY (answer_seq, position)
    ) WITHOUT ROWID;
    CREATE INDEX concept_result_item ON concept_result (deck, item, concept);
    CREATE INDEX item_state_first_seen ON item_state (kind, first_seen);
    """,
    """
    CREATE TABLE draft (
        deck TEXT NOT NULL,
        item TEXT NOT NULL,
        text TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (deck, item)
    ) WITHOUT ROWID;
    """,
    # The concept matcher's suggestion for each concept (NULL: none was made, as before).
    """
    ALTER TABLE concept_result ADD COLUMN suggested INTEGER;
    """,
]


def to_iso(moment: datetime) -> str:
    """A UTC-aware datetime as sortable ISO 8601 text with a Z."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must be UTC-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_iso(text: str) -> datetime:
    """The datetime of text written by `to_iso`.

    Raises:
        ValueError: `text` is not an ISO 8601 time.
    """
    moment = parse_time(text)
    if moment is None:
        raise ValueError(f"not an ISO 8601 time: {text!r}")
    return moment


def parse_time(text: object) -> datetime | None:
    """The UTC-aware datetime of a stored time, or None when it is not ISO 8601 text (a row
    written by hand or by another tool: readers skip it, `doctor` reports it). A time without
    an offset is taken as UTC, as vae-quiz writes every time."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_json(text: object) -> object:
    """The value of stored JSON text, or None when it is missing or not JSON."""
    if not isinstance(text, str | bytes):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class Answer(NamedTuple):
    """One answer to record.

    Args:
        result: MISSED (enters the review queue), RIGHT (leaves it) or None.
        rating: the FSRS rating applied, or None when the schedule is not moved.
        state_after/due_after: the item's scheduler state after this answer (None: unchanged).
        response: what the learner gave (picked choices, written text).
        detail: JSON-able extra facts.
        concepts: for a prompt, each concept in the author's order with whether it was covered.
        suggested: for a prompt graded with the concept matcher, whether it suggested each
            concept (same order); empty when it made no suggestion.
    """

    deck: str
    item: str
    kind: str
    mode: str
    outcome: str
    answered_at: datetime
    result: str | None = None
    rating: int | None = None
    state_after: str | None = None
    due_after: datetime | None = None
    lapses_added: int = 0
    response: str | None = None
    detail: dict | None = None
    concepts: tuple[tuple[str, bool], ...] = ()
    suggested: tuple[bool, ...] = ()


class SuggestionTally(NamedTuple):
    """Concepts graded with a matcher's suggestion: how many, how many ticked as suggested,
    ticked though not suggested, and suggested but left unticked."""

    judged: int = 0
    agreed: int = 0
    added: int = 0
    removed: int = 0


class Reschedule(NamedTuple):
    """An item's new schedule after an answer: the FSRS rating applied, the new state (JSON),
    when it is next due and how many lapses the answer adds."""

    rating: int
    state: str
    due: datetime
    lapses_added: int = 0


# Given the item's state before the answer (None: never scheduled), its new schedule, or None to
# leave the schedule alone. Called inside the answer's transaction.
Schedule = Callable[[str | None], Reschedule | None]


class Recorded(NamedTuple):
    """A committed answer: its id (for undo) and when the item is next due (None: unchanged)."""

    id: str
    due: datetime | None


class Draft(NamedTuple):
    """An answer being written and not yet submitted, and when it was last saved."""

    text: str
    saved_at: datetime


class ConceptTally(NamedTuple):
    """How often one concept of a prompt was covered and missed."""

    deck: str
    item: str
    concept: str
    covered: int
    missed: int


class ItemState(NamedTuple):
    """The current scheduling state of one item."""

    deck: str
    item: str
    kind: str
    state: str
    due: datetime
    first_seen: datetime
    last_review: datetime
    reps: int
    lapses: int


class ReportRow(NamedTuple):
    """What the stats need of one answer."""

    answered_at: str
    deck: str
    item: str
    kind: str
    mode: str
    outcome: str
    rating: int | None
    state_before: str | None


class QueuedItem(NamedTuple):
    """An item in the review queue."""

    deck: str
    item: str
    kind: str
    missed_seq: int  # the order of its latest miss among all answers


class LogRow(NamedTuple):
    """One answer as stored, for export and summaries; its fields in the export's column order."""

    answered_at: str
    deck: str
    item: str
    kind: str
    mode: str
    outcome: str
    rating: int | None
    due_after: str | None
    response: str | None
    detail: str | None
    id: str


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _reports_errors(
    method: Callable[Concatenate[ProgressStore, _P], _R],
) -> Callable[Concatenate[ProgressStore, _P], _R]:
    """Turn a SQLite or OS error inside a store method into a StoreError naming the file."""

    @functools.wraps(method)
    def wrapper(self: ProgressStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(explain(self.path, exc)) from None

    return wrapper


class ProgressStore:
    """The progress file. Open once; every `record` is committed before it returns.

    Raises:
        StoreError: the file cannot be opened or is not a vae-quiz progress file.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            check_progress_path(self.path)
        if read_only:
            self._open_read_only()
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot create its folder: {exc.strerror or exc}"
            ) from None
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Read the version before anything writes, so a file we refuse stays untouched.
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self._conn.close()
                raise StoreError(
                    f"{self.path}: written by a newer vae-quiz (schema {version}, this one knows "
                    f"{SCHEMA_VERSION}); upgrade vae-quiz or use another --db"
                )
            self._use_wal()
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(version)
        except sqlite3.DatabaseError as exc:
            raise StoreError(explain(self.path, exc)) from None

    def _open_read_only(self) -> None:
        """Open an existing file only to read it (a read-only file or folder): no WAL switch,
        no migration."""
        try:
            self._conn = connect_read_only(self.path)
            self._conn.isolation_level = None
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(explain(self.path, exc)) from None
        if not OLDEST_READABLE <= version <= SCHEMA_VERSION:
            self._conn.close()
            newer = "a newer" if version > SCHEMA_VERSION else "an older"
            raise StoreError(
                f"{self.path}: written by {newer} vae-quiz (schema {version}, this one knows "
                f"{SCHEMA_VERSION}) and read-only here, so it cannot be brought up to date"
            )

    # -- schema -------------------------------------------------------------------------------

    def _use_wal(self) -> None:
        """Switch to WAL. Switching a new file takes an exclusive lock that SQLite does not wait
        for (no busy handler): a copy opening the same new file meanwhile retries."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _migrate(self, version: int) -> None:
        """Take the file from `version` (as read on opening) to SCHEMA_VERSION."""
        while version < SCHEMA_VERSION:
            with self._transaction() as conn:
                # Re-read inside the write lock: another instance may have migrated already.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    break
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            version += 1

    @property
    @_reports_errors
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK): the write lock is taken up front, so two
        instances queue on the busy timeout instead of failing to upgrade a read lock."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    # -- writing ------------------------------------------------------------------------------

    @_reports_errors
    def record(self, answer: Answer, schedule: Schedule | None = None) -> Recorded:
        """Commit one answer and the item's new state in one transaction, read included.

        With `schedule`, the item's state is read inside the transaction and the schedule it
        returns replaces the answer's own.
        """
        answer_id = str(uuid.uuid4())
        at = to_iso(answer.answered_at)
        with self._transaction() as conn:
            before = conn.execute(
                "SELECT state FROM item_state WHERE deck = ? AND item = ?",
                (answer.deck, answer.item),
            ).fetchone()
            state_before = before[0] if before else None
            if schedule is not None:
                rating, state, due, lapses = schedule(state_before) or (None, None, None, 0)
                answer = answer._replace(
                    rating=rating, state_after=state, due_after=due, lapses_added=lapses
                )
            due_after = to_iso(answer.due_after) if answer.due_after else None
            cursor = conn.execute(
                "INSERT INTO review_log (id, answered_at, deck, item, kind, mode, outcome,"
                " result, rating, response, detail, state_before, state_after, due_after)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id, at, answer.deck, answer.item, answer.kind, answer.mode,
                    answer.outcome, answer.result, answer.rating, answer.response,
                    json.dumps(answer.detail) if answer.detail is not None else None,
                    state_before, answer.state_after, due_after,
                ),
            )  # fmt: skip
            suggested = answer.suggested or (None,) * len(answer.concepts)
            conn.executemany(
                "INSERT INTO concept_result (answer_seq, position, deck, item, concept,"
                " covered, suggested) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (cursor.lastrowid, n, answer.deck, answer.item, concept, int(covered),
                     None if hint is None else int(hint))
                    for n, ((concept, covered), hint) in enumerate(
                        zip(answer.concepts, suggested, strict=True))
                ],
            )  # fmt: skip
            if answer.state_after is not None and due_after is not None:
                conn.execute(
                    "INSERT INTO item_state (deck, item, kind, state, due, first_seen,"
                    " last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"
                    " ON CONFLICT (deck, item) DO UPDATE SET state = excluded.state,"
                    " due = excluded.due, last_review = excluded.last_review,"
                    " reps = reps + 1, lapses = lapses + excluded.lapses",
                    (
                        answer.deck, answer.item, answer.kind, answer.state_after,
                        due_after, at, at, answer.lapses_added,
                    ),
                )  # fmt: skip
            # The answer is given: its unsent draft goes with the same commit.
            conn.execute(
                "DELETE FROM draft WHERE deck = ? AND item = ?", (answer.deck, answer.item)
            )
        return Recorded(answer_id, answer.due_after)

    @_reports_errors
    def save_draft(self, deck: str, item: str, text: str, saved_at: datetime) -> None:
        """Keep the unsent answer to an item, replacing its earlier draft; committed before
        returning. An empty text forgets the draft.

        Committed without waiting for the disk (synchronous=NORMAL, for this commit only): the
        draft is in the file for every other process and survives the app's end however it
        comes (kill -9, a closed terminal); only a power cut or an OS crash may take back the
        last drafts, never an answer (the next answer's FULL commit syncs them too). This keeps
        the fsync (about 1 ms, often several) out of the typing it is saved during."""
        self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            with self._transaction() as conn:
                if not text:
                    conn.execute("DELETE FROM draft WHERE deck = ? AND item = ?", (deck, item))
                    return
                conn.execute(
                    "INSERT INTO draft (deck, item, text, saved_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (deck, item) DO UPDATE SET text = excluded.text,"
                    " saved_at = excluded.saved_at",
                    (deck, item, text, to_iso(saved_at)),
                )
        finally:
            self._conn.execute("PRAGMA synchronous = FULL")

    @_reports_errors
    def undo(self, answer_id: str) -> bool:
        """Take back one answer: delete its log row and restore the item's state before it.

        Only the item's latest answer can be undone (a later one would be overwritten).
        Returns False when there is nothing to undo.
        """
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT seq, deck, item, state_before, state_after FROM review_log WHERE id = ?",
                (answer_id,),
            ).fetchone()
            if row is None:
                return False
            seq, deck, item, before, after = row
            later = conn.execute(
                "SELECT 1 FROM review_log WHERE deck = ? AND item = ? AND seq > ?"
                " AND state_after IS NOT NULL",
                (deck, item, seq),
            ).fetchone()
            if later is not None:
                return False
            conn.execute("DELETE FROM review_log WHERE seq = ?", (seq,))
            if after is None:
                return True
            if before is None:
                conn.execute("DELETE FROM item_state WHERE deck = ? AND item = ?", (deck, item))
                return True
            prev = conn.execute(
                "SELECT answered_at, due_after FROM review_log WHERE deck = ? AND item = ?"
                " AND state_after IS NOT NULL ORDER BY seq DESC LIMIT 1",
                (deck, item),
            ).fetchone()
            lapses, reps = conn.execute(
                "SELECT count(*) FILTER (WHERE rating = 1 AND state_before IS NOT NULL"
                " AND json_extract(state_before, '$.state') = 2),"
                " count(*) FILTER (WHERE state_after IS NOT NULL)"
                " FROM review_log WHERE deck = ? AND item = ?",
                (deck, item),
            ).fetchone()
            conn.execute(
                "UPDATE item_state SET state = ?, due = ?, last_review = ?, reps = ?,"
                " lapses = ? WHERE deck = ? AND item = ?",
                (before, prev[1], prev[0], reps, lapses, deck, item),
            )
            return True

    # -- reading ------------------------------------------------------------------------------

    @_reports_errors
    def draft(self, deck: str, item: str) -> Draft | None:
        """The unsent answer to an item kept by `save_draft`, or None."""
        row = self._conn.execute(
            "SELECT text, saved_at FROM draft WHERE deck = ? AND item = ?", (deck, item)
        ).fetchone()
        if row is None or not isinstance(row[0], str):
            return None
        try:
            return Draft(row[0], from_iso(row[1]))
        except (TypeError, ValueError):  # a row edited by hand: no time to show
            return None

    @_reports_errors
    def item_states(self, deck: str) -> dict[str, ItemState]:
        """The scheduling state of every item of a deck that has one (a row whose times are not
        ISO 8601 is skipped)."""
        states = (_item_state(row) for row in self._conn.execute(_ITEM_STATE_SQL, (deck,)))
        return {state.item: state for state in states if state is not None}

    @_reports_errors
    def item_state(self, deck: str, item: str) -> ItemState | None:
        row = self._conn.execute(_ITEM_STATE_SQL + " AND item = ?", (deck, item)).fetchone()
        return _item_state(row) if row else None

    @_reports_errors
    def due_items(self, deck: str, until: datetime) -> list[tuple[str, datetime]]:
        """(item, due) of the deck's items due at or before `until`, soonest first (an index
        range: the rest of the table is not read)."""
        rows = self._conn.execute(
            "SELECT item, due FROM item_state WHERE deck = ? AND due <= ? ORDER BY due, item",
            (deck, to_iso(until)),
        ).fetchall()
        return [(item, at) for item, due in rows if (at := parse_time(due)) is not None]

    @_reports_errors
    def scheduled_items(self, deck: str) -> set[str]:
        """The ids of the deck's items that have a schedule (read from the primary key)."""
        rows = self._conn.execute("SELECT item FROM item_state WHERE deck = ?", (deck,))
        return {item for (item,) in rows}

    @_reports_errors
    def next_due(self, deck: str) -> datetime | None:
        """When the deck's soonest item is due, or None."""
        found = self.next_due_item(deck)
        return found[1] if found else None

    @_reports_errors
    def next_due_item(self, deck: str) -> tuple[str, datetime] | None:
        """The kind of the deck's soonest item and when it is due, or None (rows whose due time
        is not ISO 8601 are passed over)."""
        rows = self._conn.execute(
            "SELECT kind, due FROM item_state WHERE deck = ? ORDER BY due", (deck,)
        )
        return next(((kind, at) for kind, due in rows if (at := parse_time(due))), None)

    @_reports_errors
    def count_new_since(
        self, since: datetime, until: datetime, kind: str | None = "card", deck: str | None = None
    ) -> int:
        """How many items of a kind (None: of any kind), of deck `deck` (None: of any deck), were
        first scheduled at or after `since` and at or before `until` (now: an item first seen in
        the future, under a clock that ran ahead, is not one of today's)."""
        kinds = [kind] * 3 if kind else ["card", "question", "prompt"]
        return self._conn.execute(
            "SELECT count(*) FROM item_state WHERE kind IN (?, ?, ?) AND first_seen >= ?"
            " AND first_seen <= ? AND (? IS NULL OR deck = ?)",
            (*kinds, to_iso(since), to_iso(until), deck, deck),
        ).fetchone()[0]

    def rows(self) -> Iterator[LogRow]:
        """Every answer, oldest first."""
        return self._stream(
            "SELECT answered_at, deck, item, kind, mode, outcome, rating, due_after, response,"
            " detail, id FROM review_log ORDER BY answered_at, seq",
            (),
            LogRow,
        )

    def _stream(self, sql: str, args: tuple | list, row_type: type[_R]) -> Iterator[_R]:
        """The rows of a query one by one, as `row_type`; errors become StoreError."""
        try:
            for row in self._conn.execute(sql, args):
                yield row_type(*row)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(explain(self.path, exc)) from None

    @_reports_errors
    def answered_decks(self) -> list[str]:
        """Every deck with an answer in the file, loaded or not."""
        sql = "SELECT DISTINCT deck FROM review_log ORDER BY deck"
        return [row[0] for row in self._conn.execute(sql)]

    def report_rows(self, decks: list[str]) -> Iterator[ReportRow]:
        """Every answer of these decks, oldest first, with what the stats need."""
        marks = ", ".join("?" for _ in decks)
        return self._stream(
            "SELECT answered_at, deck, item, kind, mode, outcome, rating, state_before"
            f" FROM review_log WHERE deck IN ({marks}) ORDER BY answered_at, seq",
            decks,
            ReportRow,
        )

    @_reports_errors
    def review_queue(self, deck: str) -> list[QueuedItem]:
        """The deck's items whose last graded answer, in any mode, was a miss; oldest miss
        first."""
        sql = f"SELECT * FROM ({queued_items_sql('deck = ?')}) ORDER BY miss"
        return [QueuedItem(*row) for row in self._conn.execute(sql, (deck,))]

    @_reports_errors
    def concept_tallies(self, deck: str) -> list[ConceptTally]:
        """Each concept of the deck answered so far with how often it was covered and missed,
        most missed first."""
        rows = self._conn.execute(
            "SELECT deck, item, concept, sum(covered), sum(1 - covered) FROM concept_result"
            " WHERE deck = ? GROUP BY deck, item, concept ORDER BY 5 DESC, 4, deck, item, concept",
            (deck,),
        ).fetchall()
        return [ConceptTally(*row) for row in rows]

    @_reports_errors
    def suggestion_tally(self, deck: str) -> SuggestionTally:
        """How the learner's ticks compare with the concept matcher's suggestions in the deck
        (concepts graded with a suggestion only)."""
        row = self._conn.execute(
            "SELECT count(*), total(suggested = covered), total(covered > suggested),"
            " total(suggested > covered) FROM concept_result"
            " WHERE deck = ? AND suggested IS NOT NULL",
            (deck,),
        ).fetchone()
        return SuggestionTally(*(int(n) for n in row))

    @_reports_errors
    def last_answered_at(self, deck: str) -> datetime | None:
        """When the deck's latest answer was given, or None (times that are not ISO 8601, which
        sort after digits, are passed over)."""
        latest = self._conn.execute(
            "SELECT max(answered_at) FROM review_log WHERE deck = ?", (deck,)
        ).fetchone()[0]
        if latest is None:
            return None
        if (at := parse_time(latest)) is not None:
            return at
        rows = self._conn.execute(
            "SELECT answered_at FROM review_log WHERE deck = ? ORDER BY answered_at DESC", (deck,)
        )
        return next((at for (text,) in rows if (at := parse_time(text))), None)


def check_progress_path(path: Path) -> None:
    """Refuse, in one line, a progress file path that is a folder, a FIFO, a device or a socket,
    or that cannot be looked up (a symlink loop...): SQLite's own errors for them ("disk I/O
    error", "unable to open") would send the learner to free disk space or fix permissions. A
    path with nothing there is fine: the file is created.

    Raises:
        StoreError: `path` is there but is not a regular file, or cannot be looked up.
    """
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot use this progress file: {exc.strerror or exc}; use --db to choose "
            "another file"
        ) from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path}: is a folder, not a progress file; use --db to name a file")
    if not stat.S_ISREG(mode):
        raise StoreError(
            f"{path}: is not a regular file (a FIFO, device or socket), so it cannot be a "
            "progress file; use --db to name a file"
        )


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads `path` and never writes it. In a read-only folder SQLite cannot
    make the WAL's shared-memory file, so the file is then read as immutable (no one can be
    writing it there)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
        conn.close()
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return conn


def queued_items_sql(where: str = "1") -> str:
    """The review-queue rule as SQL: one row (deck, item, kind, miss) per item whose latest miss
    is later than its latest right answer (each in any mode): what you last missed. `where`
    narrows the answers read (e.g. "deck = ?")."""
    return (
        "SELECT deck, item, kind, miss FROM (SELECT deck, item, kind,"
        f" max(CASE WHEN result = '{MISSED}' THEN seq END) AS miss,"
        f" max(CASE WHEN result = '{RIGHT}' THEN seq END) AS fixed"
        f" FROM review_log WHERE {where} AND result IS NOT NULL GROUP BY deck, item)"
        " WHERE miss > coalesce(fixed, 0)"
    )


# The states of a deck's items, in the order `_item_state` reads them.
_ITEM_STATE_SQL = (
    "SELECT deck, item, kind, state, due, first_seen, last_review, reps, lapses"
    " FROM item_state WHERE deck = ?"
)


def _item_state(row: tuple) -> ItemState | None:
    """The state of a row, or None when one of its times is not ISO 8601."""
    deck, item, kind, state, due, first_seen, last_review, reps, lapses = row
    due_at, first_at, last_at = parse_time(due), parse_time(first_seen), parse_time(last_review)
    if due_at is None or first_at is None or last_at is None:
        return None
    return ItemState(deck, item, kind, state, due_at, first_at, last_at, reps, lapses)


def _wal_is_gone(path: Path) -> bool:
    """True when the write-ahead log is missing or empty while SQLite's shared memory, which
    counts the log's answers, is not: the log was deleted under a running vae-quiz (a copy
    opening the file meanwhile makes a new, empty one)."""
    sizes = []
    for suffix in ("-shm", "-wal"):
        try:
            sizes.append(Path(f"{path}{suffix}").stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes[0] > 0 and sizes[1] == 0


def explain(path: Path, exc: sqlite3.Error | OSError) -> str:
    """One line saying what a SQLite or OS error on the progress file means to the learner."""
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        return f"{path}: could not save ({reason}); free some disk space or check the file"
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return (
            f"{path}: not a readable vae-quiz progress file ({text}); it was left untouched: "
            "move it aside or use --db to choose another file"
        )
    if "readonly" in text or "unable to open" in text:
        return f"{path}: cannot open the progress file for writing ({text}); check its permissions"
    if "disk I/O" in text and _wal_is_gone(path):
        return (
            f"{path}: its write-ahead log {path.name}-wal was deleted while a vae-quiz had the "
            f"file open ({text}); close every vae-quiz using it, then try again (answers given "
            "since the log was deleted may be lost)"
        )
    if "disk is full" in text or "disk I/O" in text:
        return f"{path}: could not save ({text}); free some disk space and try again"
    if "locked" in text or "busy" in text:
        return f"{path}: the progress file is busy in another vae-quiz ({text}); try again"
    return f"{path}: progress file error: {text}"

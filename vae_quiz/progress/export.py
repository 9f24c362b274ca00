"""Every answer ever given, written as CSV or JSON lines (`vae-quiz export`), row by row as
SQLite reads them: a million answers are never held in memory at once."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from vae_quiz.progress.store import LogRow, parse_time

EXPORT_COLUMNS = ("answered_at", "deck", "item", "kind", "mode", "outcome", "rating", "next_due",
                  "response", "detail", "id")  # fmt: skip


@dataclass
class Skipped:
    """How many rows `readable` left out, and the first of them."""

    count: int = 0
    first: LogRow | None = None


def readable(rows: Iterable[LogRow], skipped: Skipped) -> Iterator[LogRow]:
    """The rows whose time is ISO 8601 and whose detail is JSON (or empty); the others are left
    out and counted in `skipped` (`doctor` reports them)."""
    for row in rows:
        if parse_time(row.answered_at) is None or not _is_json(row.detail):
            skipped.count += 1
            skipped.first = skipped.first or row
        else:
            yield row


def _is_json(text: str | None) -> bool:
    if text is None:
        return True
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def record(row: LogRow) -> dict[str, object]:
    """A row's values by column name, in EXPORT_COLUMNS order; `detail` is the stored JSON text."""
    return dict(zip(EXPORT_COLUMNS, row, strict=True))


def write_csv(rows: Iterable[LogRow], out: TextIO) -> None:
    """A header line of EXPORT_COLUMNS, then one line per row; a missing value is empty."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(["" if value is None else value for value in record(row).values()]
                     for row in rows)  # fmt: skip


def write_jsonl(rows: Iterable[LogRow], out: TextIO) -> None:
    """One JSON object per row and line, keyed as the CSV's columns; `detail` parsed, else null."""
    for row in rows:
        fields = record(row)
        fields["detail"] = json.loads(row.detail) if row.detail else None
        out.write(json.dumps(fields, ensure_ascii=False) + "\n")


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}

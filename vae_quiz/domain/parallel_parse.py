"""Parsing a big deck file in parts at once, each part in a worker process of its own.

Composing YAML is pure Python-object work that holds the GIL, so threads cannot share it; a
100k-item deck takes seconds. Cut at item starts (`deck_split`), its parts parse in as many
processes as there are cores, and each worker sends back its items as the deck cache's records
(`deck_cache.kind_records`), which are joined into one entry: the deck is loaded from it as from
the cache, and the same entry is what gets cached.

Anything unexpected (a part that does not check clean alone, two parts that disagree, a worker
that fails) gives None, and the caller parses the whole file as one: it reports every problem
exactly as for a small deck. Workers get their part on stdin and write marshal data (plain
values only) to stdout.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import subprocess
import sys
from array import array
from collections.abc import Callable

from vae_quiz.domain.deck_cache import RECORD_OFFSETS, DeckRecords, kind_records
from vae_quiz.domain.deck_split import SECTIONS, split_deck
from vae_quiz.domain.loader import parse_deck_part

# Run with the parent's own sys.path (argv), so a worker imports the same vae_quiz and PyYAML.
_WORKER = (
    "import sys; sys.path[:] = sys.argv[1:]; "
    "from vae_quiz.domain.parallel_parse import worker_main; worker_main()"
)


def worker_count() -> int:
    """How many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def part_records(first: bool, part: bytes) -> tuple | None:
    """One part of a deck file (its text as `deck_split.Part.text` gives it) checked, as plain
    values: its top-level keys, the deck's fields (first part only), and per section the ids,
    level codes, record offsets (from 0) and records joined; None when it does not check clean
    alone."""
    try:
        text = part.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return None
    checked = parse_deck_part(text, "part", first=first)
    if checked is None:
        return None
    sections = {}
    for name, items in checked.sections.items():
        if items:
            ids, levels, offsets, records = kind_records(items, name)
            sections[name] = (ids, levels, offsets.tobytes(), b"".join(records))
    deck = checked.deck
    return checked.keys, None if deck is None else (deck.id, deck.title, deck.description), sections


def worker_main() -> None:
    """A worker: reads whether its part is the first (one byte), then the part, on stdin;
    writes `part_records` of it on stdout; then exits at once (the parse's millions of objects
    are left to the OS, not freed one by one)."""
    gc.disable()  # nothing made here is garbage before the exit
    request = sys.stdin.buffer.read()
    sys.stdout.buffer.write(marshal.dumps(part_records(request[:1] == b"\x01", request[1:])))
    sys.stdout.buffer.flush()
    os._exit(0)


class Workers:
    """Worker processes, started at once so that they start up (import PyYAML and the loader)
    while the file is being cut; `run` gives each a part, `close` ends any left."""

    def __init__(self, count: int) -> None:
        self._processes: list[subprocess.Popen[bytes]] = []
        try:
            for _ in range(count):
                self._processes.append(
                    subprocess.Popen(
                        [sys.executable, "-c", _WORKER, *sys.path],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL,
                    )
                )
        except OSError:
            self.close()
            self._processes = []  # `run` then says no

    def run(self, parts: list[tuple[bool, bytes]]) -> list[tuple | None] | None:
        """`part_records` of each (first, text) part, each in a worker of its own, all at
        once; None when there are too few workers, or one failed."""
        if len(parts) > len(self._processes):
            return None
        working = self._processes[: len(parts)]
        try:
            for process, (first, text) in zip(working, parts, strict=True):
                assert process.stdin is not None
                with process.stdin:
                    process.stdin.write(b"\x01" if first else b"\x00")
                    process.stdin.write(text)
            results = []
            for process in working:
                assert process.stdout is not None
                out = process.stdout.read()
                if process.wait() != 0:
                    return None
                results.append(marshal.loads(out))
            return results
        except (OSError, EOFError, ValueError, TypeError):
            return None  # a worker died

    def close(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.kill()
            with contextlib.suppress(OSError):
                process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()


def _join(results: list[tuple], sections_cut: list[str | None]) -> DeckRecords | None:
    """The parts' records as one deck's, or None when the parts do not fit together: each cut
    must fall in the section the part before it ended with, and no other top-level key may be
    in two parts (the whole file's parse then reports the duplicate)."""
    keys: list[str] = []
    for index, (part_keys, _, _) in enumerate(results):
        continued = sections_cut[index]
        if continued is not None:
            if not keys or keys[-1] != continued or not part_keys or part_keys[0] != continued:
                return None
            part_keys = part_keys[1:]
        keys.extend(part_keys)
    if len(set(keys)) != len(keys):
        return None
    fields = results[0][1]
    if fields is None:
        return None
    kinds = []
    records: list[bytes] = []
    position = 0
    all_ids: list[str] = []
    for name in SECTIONS:
        ids: list[str] = []
        levels: list[bytes] = []
        offsets = array(RECORD_OFFSETS, [position])
        for _, _, sections in results:
            if name not in sections:
                continue
            part_ids, part_levels, part_offsets, part_records = sections[name]
            ends = array(RECORD_OFFSETS)
            ends.frombytes(part_offsets)
            offsets.extend(position + end for end in ends[1:])
            position += len(part_records)
            ids.extend(part_ids)
            levels.append(part_levels)
            records.append(part_records)
        kinds.append((ids, b"".join(levels), offsets.tobytes()))
        all_ids.extend(ids)
    if len(set(all_ids)) != len(all_ids):
        return None  # an id used in two parts: the whole file's parse says where
    deck_id, title, description = fields
    return DeckRecords(deck_id, title, description, kinds, [b"".join(records)])


def parse_in_parts(
    data: bytes,
    workers: int,
    run: Callable[[list[tuple[bool, bytes]]], list[tuple | None] | None] | None = None,
) -> DeckRecords | None:
    """The deck in `data` (a file's bytes) as cache records, parsed in up to `workers` parts
    at once, by as many worker processes (or by `run`, which runs `part_records` on each);
    None when it could not be done in parts: the caller parses the file whole."""
    pool = None
    if run is None:
        if getattr(sys, "frozen", False) or not sys.executable:
            return None  # no Python interpreter to run workers with
        pool = Workers(workers)
        run = pool.run
    try:
        parts = split_deck(data, workers)
        if parts is None:
            return None
        results = run([(part.section is None, part.text(data)) for part in parts])
    finally:
        if pool is not None:
            pool.close()
    if results is None or any(result is None for result in results):
        return None
    return _join(results, [part.section for part in parts])  # type: ignore[arg-type]

"""A cache of validated decks, so an unchanged deck is never parsed twice.

An entry is keyed by the deck file's path and records its size, mtime and a SHA-256 hash of its
bytes; it is used only when all of them still match. Entries live in the user cache folder
(platformdirs; `$VAE_QUIZ_CACHE` overrides it) as `marshal` data, which holds only plain values
and never runs code, and end with a CRC-32 of everything before it, checked before the entry is
used: a stale, truncated or corrupt entry is ignored and rebuilt, never trusted. (A CRC-32, as
zip and PNG use, catches damage; the entry is the user's own file, so there is no forger to
resist, and it costs a third of a SHA-256: 15 ms for a 100k-item deck's entry.)

An entry is laid out so that a big deck costs little to open: a header with the deck's fields
and, per item kind, the items' ids, levels and where each item's record starts; then one
marshal record per item. A loaded deck keeps the entry mapped and builds an item from its
record only when the item is first asked for (a session shows a few dozen items, not 100k).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import mmap
import os
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

from vae_quiz.domain.errors import DeckError, DeckProblem
from vae_quiz.domain.model import (
    LEVEL_CODES,
    MAX_DECK_BYTES,
    Card,
    Deck,
    Items,
    Level,
    Prompt,
    Question,
)

CACHE_ENV = "VAE_QUIZ_CACHE"
FORMAT = 4  # bump when the model or this layout changes
_MAGIC = b"VQDECK04"
_PREFIX = struct.Struct("<8sQ")  # magic, length of the header
_DIGEST_SIZE = 4  # a CRC-32, little-endian
_MAP_FROM = 4 << 20  # entries larger than this are mapped, smaller ones read whole
_DEFER_FROM = 4 << 20  # in `writes_deferred`, decks this large wait; smaller ones are written
# Deck files this large are parsed in parts at once, one per core, each part at least half this.
PARALLEL_FROM = 8 << 20
_MAX_WORKERS = 8
RECORD_OFFSETS = "Q"  # the record offsets, as an array of this type (native byte order)
# Set inside `writes_deferred()`: cache writes wait there instead of being done at once.
_DEFERRED: ContextVar[list[Callable[[], None]] | None] = ContextVar("deferred_writes", default=None)
_LEVELS: dict[str | None, Level | None] = {None: None, **{lv.value: lv for lv in Level}}


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where entries live: $VAE_QUIZ_CACHE, else `decks/` in the user cache folder."""
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    from vae_quiz.domain.paths import user_cache_dir

    return user_cache_dir() / "decks"


def _entry_path(folder: Path, deck_path: Path) -> Path:
    name = hashlib.sha256(str(deck_path).encode()).hexdigest()[:32]
    return folder / f"{name}.deck"


def _level(level: Level | None) -> str | None:
    return None if level is None else level.value


# What each kind's record holds, and how a record becomes the item again.
def _card_record(c: Card) -> tuple:
    return (c.id, c.front, c.back, _level(c.level), c.line)


def _question_record(q: Question) -> tuple:
    return (q.id, q.question, q.choices, q.answer, q.is_multi, q.explanation, q.shuffle,
            _level(q.level), q.line)  # fmt: skip


def _prompt_record(p: Prompt) -> tuple:
    return (p.id, p.prompt, p.concepts, p.hint, p.model_answer, _level(p.level), p.line)


def _card(r: tuple) -> Card:
    return Card(r[0], r[1], r[2], _LEVELS[r[3]], r[4])


def _question(r: tuple) -> Question:
    return Question(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _LEVELS[r[7]], r[8])


def _prompt(r: tuple) -> Prompt:
    return Prompt(r[0], r[1], r[2], r[3], r[4], _LEVELS[r[5]], r[6])


_KINDS = (
    ("cards", _card_record, _card),
    ("questions", _question_record, _question),
    ("prompts", _prompt_record, _prompt),
)
_TO_RECORD = {name: to_record for name, to_record, _ in _KINDS}


class DeckRecords(NamedTuple):
    """A deck as an entry holds it: its own fields; per item kind, the items' ids, one level
    code each, and where each item's record starts and ends in `records` (an array of
    `RECORD_OFFSETS`, as bytes); and the records themselves, one marshal record per item, in kind
    order (as pieces to be joined)."""

    deck_id: str
    title: str
    description: str | None
    kinds: list[tuple[list[str], bytes, bytes]]
    records: list[bytes]


def kind_records(
    items: Iterable[Card | Question | Prompt], kind: str, position: int = 0
) -> tuple[list[str], bytes, array, list[bytes]]:
    """The ids, level codes, record offsets (from `position`) and records of one kind's items."""
    to_record = _TO_RECORD[kind]
    records: list[bytes] = []
    offsets = array(RECORD_OFFSETS, [position])
    ids = []
    levels = bytearray()
    for item in items:
        record = marshal.dumps(to_record(item))
        records.append(record)
        position += len(record)
        offsets.append(position)
        ids.append(item.id)
        levels.append(LEVEL_CODES[item.level])
    return ids, bytes(levels), offsets, records


def deck_records(deck: Deck) -> DeckRecords:
    """The deck as an entry holds it."""
    kinds = []
    records: list[bytes] = []
    position = 0
    for name, _, _ in _KINDS:
        ids, levels, offsets, kind = kind_records(getattr(deck, name), name, position)
        kinds.append((ids, levels, offsets.tobytes()))
        records.extend(kind)
        position = offsets[-1]
    return DeckRecords(deck.id, deck.title, deck.description, kinds, records)


def _entry_bytes(key: tuple, records: DeckRecords) -> list[bytes]:
    """The entry's parts, its digest last (parts, not one joined copy: joining tens of
    megabytes cost more than writing them)."""
    header = marshal.dumps(
        (key, records.deck_id, records.title, records.description, records.kinds)
    )
    parts = [_PREFIX.pack(_MAGIC, len(header)), header, *records.records]
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    parts.append(crc.to_bytes(_DIGEST_SIZE, "little"))
    return parts


def deck_from_records(
    view: bytes | mmap.mmap,
    records_start: int,
    shown: str,
    deck_id: str,
    title: str,
    description: str | None,
    kinds: list[tuple[list[str], bytes, bytes]],
) -> Deck:
    """A deck whose items are built from their records in `view` when first asked for."""
    sequences = []
    for (ids, levels, offsets_bytes), (_, _, build) in zip(kinds, _KINDS, strict=True):
        offsets = array(RECORD_OFFSETS)
        offsets.frombytes(offsets_bytes)

        def make(index: int, offsets: array = offsets, build=build) -> object:  # type: ignore[no-untyped-def]
            start = records_start + offsets[index]
            return build(marshal.loads(view[start : records_start + offsets[index + 1]]))

        sequences.append(Items(ids, levels, make))
    cards, questions, prompts = sequences
    return Deck(deck_id, title, shown, description, cards, questions, prompts)


def _read_all(fd: int, size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _crc(data: bytes | memoryview) -> bytes:
    return zlib.crc32(data).to_bytes(_DIGEST_SIZE, "little")


def _file_digest(fd: int, length: int) -> bytes | None:
    """The CRC-32 of the first `length` bytes of an open file, read in chunks (None if
    shorter)."""
    crc = 0
    os.lseek(fd, 0, os.SEEK_SET)
    left = length
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc.to_bytes(_DIGEST_SIZE, "little")


def _hash_into(content_hash: Callable[[], bytes], out: list[bytes | None]) -> None:
    """`content_hash()` appended to `out`; None when the file cannot be read."""
    try:
        out.append(content_hash())
    except OSError:
        out.append(None)


def _open_entry(
    entry: Path, content_hash: Callable[[], bytes], stat_key: tuple, shown: str
) -> Deck | None:
    """The cached deck when the entry is whole and matches, else None.

    `stat_key` (format, byte order, path, size, mtime) is compared first; only then is the deck
    file hashed (`content_hash()`) and the whole entry checked against its CRC. For a big entry
    the deck file is hashed in a second thread from the start, while this one reads the header
    and checks the entry (hashing and reading let go of the GIL, so they overlap on two cores).
    """
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    content: list[bytes | None] = []
    hashing: threading.Thread | None = None
    try:
        size = os.fstat(fd).st_size
        if size > _MAP_FROM:
            # Started before the header is read: a stale entry is the rare case, and the hash
            # is the longest step. (A plain thread: importing concurrent.futures took 9 ms.)
            hashing = threading.Thread(target=_hash_into, args=(content_hash, content))
            hashing.start()
        prefix = os.read(fd, _PREFIX.size)
        if len(prefix) != _PREFIX.size:
            return None
        magic, header_size = _PREFIX.unpack(prefix)
        records_start = _PREFIX.size + header_size
        if magic != _MAGIC or records_start + _DIGEST_SIZE > size:
            return None
        header_bytes = os.read(fd, header_size)
        try:
            key, deck_id, title, description, kinds = marshal.loads(header_bytes)
        except (EOFError, ValueError, TypeError):
            return None
        if not isinstance(key, tuple) or key[: len(stat_key)] != stat_key:
            return None
        view: bytes | mmap.mmap
        if hashing is None:
            if key != (*stat_key, content_hash()):
                return None
            os.lseek(fd, 0, os.SEEK_SET)
            view = _read_all(fd, size)
            if _crc(memoryview(view)[:-_DIGEST_SIZE]) != view[-_DIGEST_SIZE:]:
                return None
        else:
            os.lseek(fd, size - _DIGEST_SIZE, os.SEEK_SET)
            stored = os.read(fd, _DIGEST_SIZE)
            if _file_digest(fd, size - _DIGEST_SIZE) != stored:
                return None
            hashing.join()
            if key != (*stat_key, content[0]):
                return None
            # Mapped, not read: only the pages of the items a session shows are loaded. (A
            # mapping holds a file descriptor, so only big entries are mapped: a library of
            # hundreds of small decks must not run out of them.)
            view = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, struct.error):
        return None
    finally:
        os.close(fd)
        if hashing is not None:
            hashing.join()
    return deck_from_records(view, records_start, shown, deck_id, title, description, kinds)


def read_deck_file(path: Path, shown: str) -> tuple[bytes, os.stat_result]:
    """A deck file's bytes and its stat, refusing folders and files over MAX_DECK_BYTES.

    Raises:
        DeckError: naming `shown` and why the file cannot be read.
    """
    try:
        info = os.stat(path)
        if info.st_size > MAX_DECK_BYTES:
            raise DeckError([DeckProblem(shown, None, f"the file is {info.st_size:,} bytes; "
                                         f"decks are limited to {MAX_DECK_BYTES:,}")])  # fmt: skip
        data = path.read_bytes()
    except IsADirectoryError:
        raise DeckError([DeckProblem(shown, None, "is a folder, not a deck file")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DeckError([DeckProblem(shown, None, f"cannot read the file: {reason}")]) from None
    return data, info


def _write_entry(entry: Path, key: tuple, deck: Deck | DeckRecords) -> None:
    """Write atomically (temp file, then rename); a cache that cannot be written is skipped."""
    import tempfile

    # A record per item makes as many small objects, none of them garbage: no collections.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        parts = _entry_bytes(key, deck if isinstance(deck, DeckRecords) else deck_records(deck))
    finally:
        if was_enabled:
            gc.enable()
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".deck")
        try:
            with os.fdopen(fd, "wb") as out:
                out.writelines(parts)
            os.replace(tmp, entry)
        except OSError:
            os.unlink(tmp)
            raise


def _content_hash(path: Path) -> bytes:
    with open(path, "rb") as deck_file:
        return hashlib.file_digest(deck_file, "sha256").digest()


def load_deck_cached(
    path: str | os.PathLike[str],
    folder: Path | None = None,
    on_parse: Callable[[str, int], None] | None = None,
) -> Deck:
    """The deck in `path`, from the cache when the file is unchanged, else parsed and cached.

    Raises:
        DeckError: the file cannot be read or is not a valid deck (invalid decks are not cached,
            so their problems are reported afresh every time).

    `on_parse(path, size)` is called before a file has to be parsed (a cache miss).
    """
    shown = str(path)
    file_path = Path(path).absolute()
    folder = folder if folder is not None else cache_dir()
    entry = _entry_path(folder, file_path)
    stat_key: tuple | None = None
    with contextlib.suppress(OSError):
        info = os.stat(file_path)
        if info.st_size <= MAX_DECK_BYTES:
            stat_key = (FORMAT, sys.byteorder, str(file_path), info.st_size, info.st_mtime_ns)
    if stat_key is not None:
        # None also when the deck file went away or cannot be read: the full read says which.
        deck = _open_entry(entry, lambda: _content_hash(file_path), stat_key, shown)
        if deck is not None:
            return deck
    data, info = read_deck_file(file_path, shown)
    if on_parse is not None:
        on_parse(shown, len(data))
    deck, records = _parse(data, shown)

    def write() -> None:
        # The key's content hash is of the bytes parsed, taken here: for a big deck, once the
        # first screen is up.
        key = (FORMAT, sys.byteorder, str(file_path), info.st_size, info.st_mtime_ns,
               hashlib.sha256(data).digest())  # fmt: skip
        _write_entry(entry, key, records or deck)

    deferred = _DEFERRED.get()
    if deferred is None or len(data) < _DEFER_FROM:
        write()
    else:
        deferred.append(write)
    return deck


def _parse(data: bytes, shown: str) -> tuple[Deck, DeckRecords | None]:
    """The deck in a file's bytes; a big one parsed in parts at once, on as many cores as
    there are (then also as the records of its cache entry)."""
    if len(data) >= PARALLEL_FROM:
        from vae_quiz.domain.parallel_parse import parse_in_parts, worker_count

        workers = min(worker_count(), _MAX_WORKERS, len(data) // (PARALLEL_FROM // 2))
        records = parse_in_parts(data, workers) if workers > 1 else None
        if records is not None:
            view = records.records[0]
            fields = (records.deck_id, records.title, records.description, records.kinds)
            return deck_from_records(view, 0, shown, *fields), records
    from vae_quiz.domain.loader import parse_deck_bytes

    return parse_deck_bytes(data, shown), None


@contextlib.contextmanager
def writes_deferred() -> Iterator[list[Callable[[], None]]]:
    """Within it, a big parsed deck's cache entry is not written but added to the list
    yielded, to be written later (a caller that shows the deck first need not wait for it).
    Entries of decks under a few megabytes are written at once, as they cost next to nothing."""
    pending: list[Callable[[], None]] = []
    token = _DEFERRED.set(pending)
    try:
        yield pending
    finally:
        _DEFERRED.reset(token)

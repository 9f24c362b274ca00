"""The deck cache: a checked deck kept on disk, so an unchanged deck file is never parsed twice.

An entry is keyed on the deck file's path, size, `mtime_ns`, `ctime_ns` and inode, as mypy and
ruff key theirs; the deck file is never hashed on a hit. An edit within the timestamps' granularity
could keep all five, so an entry written within `RACY_NS` of the file's last change (git's "racily
clean" index entries) also holds a CRC-32 of the file's bytes, checked on every load. The kernel
sets `ctime` on every write and `utime`, so nothing short of a clock within that window can keep it.

Entries live in the user cache folder (`$VAE_QUIZ_CACHE` overrides it), one file per deck with the
format in its name, written to a temporary file and renamed into place. `marshal` holds plain
values only and never runs code. Any read error, or anything that does not match, is a miss.

Layout: a prefix (the header's length and CRC-32), a marshal header (the key, the deck's fields,
per item kind the ids, one level byte each and where each item's record starts), then one marshal
record per item. Items are built from their records only when first asked for: a session shows a
few dozen items, not all 100k of a big deck. Entries whose records hold over `MAP_FROM` bytes are
mapped, not read, and carry no CRC-32 of their records (the rename means no entry is ever
half-written); smaller ones are read whole and checked against it.

An invalid deck is cached too: its entry holds the problems instead of the deck, so a big deck
with one typo costs its parse once, not on every start, until the file changes. (A file that
cannot be read at all, a FIFO or one over the size limit, is refused from its stat: not cached.)

The folder is pruned after a miss writes an entry (never on a start from the cache): entries
unused for `MAX_AGE_NS` go, then the least recently used while the folder holds over
`MAX_BYTES`. A hit marks its entry used (its mtime) at most once a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from array import array
from collections.abc import Callable, Mapping
from itertools import accumulate
from pathlib import Path
from typing import Any

from vae_quiz.decks.files import read_deck_file
from vae_quiz.errors import DeckError, DeckProblem
from vae_quiz.model import Card, Deck, Items, ItemT, Prompt, Question, TextFormat, item_of

CACHE_ENV = "VAE_QUIZ_CACHE"
FORMAT = 10  # bump when the model or this layout changes (main's 8, hb-maths' 9: other layouts)
MAP_FROM = 4 << 20
RACY_NS = 2_000_000_000  # FAT's mtime is 2 s coarse; Linux's tick is a few ms
_PREFIX = struct.Struct("<QI")  # header length, header CRC-32
DAY_NS = 86_400 * 1_000_000_000
MAX_AGE_NS = 30 * DAY_NS  # an entry unused this long is removed
MAX_BYTES = 200 << 20  # over this, the least recently used entries are removed
_TEMP_AGE_NS = 3_600 * 1_000_000_000  # a temp file this old was left by a killed writer
# An entry's records are written through a buffer this big: through the default 8 KiB one, the
# 45 MB of a 100k-item deck took thousands of write calls and three times as long (0.1 s).
_WRITE_BUFFER = 1 << 20
_pruned: set[Path] = set()  # the folders pruned by this process (once each is enough)


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where entries live: $VAE_QUIZ_CACHE, else `decks/` in the user cache folder."""
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    from vae_quiz.locations import user_cache_dir

    return user_cache_dir() / "decks"


def _entry_path(folder: Path, deck_path: Path) -> Path:
    name = hashlib.sha256(str(deck_path).encode()).hexdigest()[:32]
    return folder / f"{name}.v{FORMAT}.deck"


def _stat_key(path: Path, info: os.stat_result) -> tuple[str | int, ...]:
    return (str(path), sys.byteorder, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
            info.st_ino)  # fmt: skip


def _write_entry(
    entry: Path, key: tuple[str | int, ...], content_crc: int | None, deck: Deck
) -> None:
    """Write a valid deck's entry (see the module's layout)."""
    records: list[bytes] = []
    kinds = []
    all_items: tuple[Items[Any], ...] = (deck.cards, deck.questions, deck.prompts)
    for items in all_items:
        added = list(map(marshal.dumps, items.records()))
        offsets = array("Q", accumulate(map(len, added), initial=sum(map(len, records))))
        records += added
        kinds.append((list(items.ids), items.levels, offsets.tobytes()))
    size = sum(map(len, records))
    # Only entries read whole have their records checked (see _read_entry): the CRC of a big
    # one would cost a join of every record, for nothing.
    crc = zlib.crc32(b"".join(records)) if size <= MAP_FROM else None
    header = marshal.dumps((key, content_crc, None, deck.id, deck.title, deck.description,
                            deck.format.value, kinds, size, crc))  # fmt: skip
    _write(entry, header, records)


def _problem_record(problem: DeckProblem) -> tuple[int | str | None, ...]:
    """A problem without its path (a hit names the file as the caller does)."""
    return (problem.line, problem.message, problem.kind, problem.item_id, problem.field,
            problem.index)  # fmt: skip


def _write_problems(
    entry: Path, key: tuple[str | int, ...], content_crc: int | None, problems: list[DeckProblem]
) -> None:
    """Write an invalid deck's entry: its problems, no records."""
    header = marshal.dumps((key, content_crc, [_problem_record(p) for p in problems], None, None,
                            None, None, None, 0, zlib.crc32(b"")))  # fmt: skip
    _write(entry, header, [])


def _write(entry: Path, header: bytes, records: list[bytes]) -> None:
    """Write the entry atomically (through outfile: temp file, then rename); a cache that
    cannot be written is skipped."""
    from vae_quiz import outfile  # only a miss writes: a start from the cache skips the import
    from vae_quiz.errors import WriteError

    with contextlib.suppress(OSError, WriteError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        # An entry replaces its own older self; it is not synced, as a torn one is only a miss.
        with outfile.writing(entry, force=True, sync=False, buffering=_WRITE_BUFFER) as out:
            out.writelines((_PREFIX.pack(len(header), zlib.crc32(header)), header))
            out.writelines(records)  # no join: that copy of a big deck cost more than this


def _read_entry(
    entry: Path, key: tuple[str | int, ...], deck_path: Path, shown: str
) -> Deck | list[DeckProblem] | None:
    """The cached deck (or an invalid deck's problems, naming `shown`) when the entry is whole
    and its key matches, else None."""
    try:
        with open(entry, "rb") as f:
            info = os.fstat(f.fileno())
            size = info.st_size
            header_size, header_crc = _PREFIX.unpack(f.read(_PREFIX.size))
            if _PREFIX.size + header_size > size:
                return None
            header = f.read(header_size)
            if len(header) != header_size or zlib.crc32(header) != header_crc:
                return None
            (entry_key, content_crc, problems, deck_id, title, description, text_format, kinds,
             blob_size, blob_crc) = marshal.loads(header)  # fmt: skip
            start = _PREFIX.size + header_size
            if entry_key != key or start + blob_size != size:
                return None
            if content_crc is not None and zlib.crc32(deck_path.read_bytes()) != content_crc:
                return None
            if time.time_ns() - info.st_mtime_ns > DAY_NS:
                with contextlib.suppress(OSError):  # used: kept from pruning (see `prune`)
                    os.utime(f.fileno())
            if problems is not None:
                return [DeckProblem(shown, *fields) for fields in problems]
            text_format = TextFormat(text_format)  # an odd value is a miss (ValueError)
            view: bytes | mmap.mmap
            if blob_crc is None:  # a big entry: see _write_entry
                view = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            else:
                view = f.read()
                start = 0
                if zlib.crc32(view) != blob_crc:
                    return None
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        return None

    def lazy(
        kind: Callable[..., ItemT], ids: list[str], levels: bytes, offsets_bytes: bytes
    ) -> Items[ItemT]:
        offsets = array("Q")
        offsets.frombytes(offsets_bytes)

        items: Items[ItemT]

        def make(index: int) -> ItemT:
            record = marshal.loads(view[start + offsets[index] : start + offsets[index + 1]])
            return item_of(kind, record, items.level_at(index))

        items = Items(ids, levels, make)
        return items

    cards, questions, prompts = kinds
    return Deck(deck_id, title, shown, description, lazy(Card, *cards), lazy(Question, *questions),
                lazy(Prompt, *prompts), text_format)  # fmt: skip


def load_deck_cached(
    path: str | os.PathLike[str],
    folder: Path | None = None,
    on_parse: Callable[[str, int], None] | None = None,
) -> Deck:
    """The deck in `path`, from the cache when the file is unchanged, else parsed and cached.

    `on_parse(path, size)` is called before a file has to be parsed (a cache miss).

    Raises:
        DeckError: the file cannot be read or is not a valid deck (an invalid deck's problems
            are cached as a deck is, so an unchanged one is not parsed again).
    """
    shown = str(path)
    file_path = Path(path).absolute()
    folder = folder if folder is not None else cache_dir()
    entry = _entry_path(folder, file_path)
    with contextlib.suppress(OSError):
        found = _read_entry(entry, _stat_key(file_path, os.stat(file_path)), file_path, shown)
        if isinstance(found, Deck):
            return found
        if found is not None:
            raise DeckError(found)
    data, info = read_deck_file(file_path, shown)
    read_at = time.time_ns()
    if on_parse is not None:
        on_parse(shown, len(data))
    from vae_quiz.decks.loader import parse_deck_bytes

    racy = read_at - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS
    crc = zlib.crc32(data) if racy else None
    try:
        deck = parse_deck_bytes(data, shown)
    except DeckError as exc:
        _write_problems(entry, _stat_key(file_path, info), crc, exc.problems)
        prune_once(folder)
        raise
    _write_entry(entry, _stat_key(file_path, info), crc, deck)
    prune_once(folder)
    return deck


def prune_once(folder: Path) -> None:
    """`prune` the folder, the first time this process writes to it."""
    if folder not in _pruned:
        _pruned.add(folder)
        prune(folder)


def prune(folder: Path, now_ns: int | None = None, max_bytes: int = MAX_BYTES) -> list[Path]:
    """Remove the entries of `folder` unused for MAX_AGE_NS (by their mtime: written, or marked
    used by a hit), then the least recently used while the rest hold over `max_bytes`; and the
    temp files a killed writer left. Returns what was removed; a file that cannot be looked at
    or removed is left (another process may be using it)."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    entries: list[tuple[int, int, Path]] = []
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        path = folder / name
        is_entry = name.endswith(".deck") and not name.startswith(".")
        if not is_entry and not (name.startswith(".") and name.endswith(".tmp")):
            continue  # not ours
        try:
            info = path.lstat()
        except OSError:
            continue
        age = now_ns - info.st_mtime_ns
        if age > (MAX_AGE_NS if is_entry else _TEMP_AGE_NS):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
        elif is_entry:
            entries.append((info.st_mtime_ns, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries)[:-1]:  # the newest (just written) always stays
        if total <= max_bytes:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            total -= size
    return removed

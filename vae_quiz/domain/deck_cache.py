"""A cache of validated decks, so an unchanged deck file is never parsed twice.

An entry is keyed by the deck file's path and records its size, mtime and a SHA-256 hash of its
bytes; it is used only when all of them still match. Entries live in the user cache folder
(platformdirs; `$VAE_QUIZ_CACHE` overrides it) as `marshal` data, which holds only plain values
and never runs code, followed by a SHA-256 digest of that data: a stale, truncated or corrupt
entry is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from vae_quiz.domain.errors import DeckError, DeckProblem
from vae_quiz.domain.model import MAX_DECK_BYTES, Card, Deck, Level, Prompt, Question

CACHE_ENV = "VAE_QUIZ_CACHE"
FORMAT = 2  # bump when the model or this layout changes
_DIGEST_SIZE = 32
_CHUNK = 1 << 20


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


def _to_plain(deck: Deck) -> tuple:
    return (
        deck.id, deck.title, deck.description,
        [(c.id, c.front, c.back, _level(c.level), c.line) for c in deck.cards],
        [(q.id, q.question, q.choices, q.answer, q.is_multi, q.explanation, q.shuffle,
          _level(q.level), q.line) for q in deck.questions],
        [(p.id, p.prompt, p.concepts, p.hint, p.model_answer, _level(p.level), p.line)
         for p in deck.prompts],
    )  # fmt: skip


def _from_plain(plain: tuple, path: str) -> Deck:
    deck_id, title, description, cards, questions, prompts = plain
    levels = {None: None, **{level.value: level for level in Level}}
    return Deck(
        id=deck_id, title=title, path=path, description=description,
        cards=tuple(Card(i, f, b, levels[lv], ln) for i, f, b, lv, ln in cards),
        questions=tuple(
            Question(i, q, ch, a, m, e, s, levels[lv], ln)
            for i, q, ch, a, m, e, s, lv, ln in questions
        ),
        prompts=tuple(
            Prompt(i, p, c, h, ma, levels[lv], ln) for i, p, c, h, ma, lv, ln in prompts
        ),
    )  # fmt: skip


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


def _read_entry(entry: Path, key: tuple) -> tuple | None:
    """The cached plain deck when the entry is whole and matches `key`, else None."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    if len(blob) <= _DIGEST_SIZE:
        return None
    # A view, not a copy: the entry can be tens of megabytes.
    body, digest = memoryview(blob)[:-_DIGEST_SIZE], blob[-_DIGEST_SIZE:]
    if hashlib.sha256(body).digest() != digest:
        return None
    try:
        stored_key, plain = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    return plain if stored_key == key else None


def _write_entry(entry: Path, key: tuple, plain: tuple) -> None:
    """Write atomically (temp file, then rename); a cache that cannot be written is skipped."""
    import tempfile

    body = marshal.dumps((key, plain))
    digest = hashlib.sha256(body).digest()
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".deck")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
                out.write(digest)
            os.replace(tmp, entry)
        except OSError:
            os.unlink(tmp)
            raise


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
    data, info = read_deck_file(file_path, shown)
    content_hash = hashlib.sha256(data).digest()
    key = (FORMAT, str(file_path), info.st_size, info.st_mtime_ns, content_hash)
    folder = folder if folder is not None else cache_dir()
    entry = _entry_path(folder, file_path)
    # Building 100k objects would trigger many collections that find no garbage: pause it.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        plain = _read_entry(entry, key)
        if plain is not None:
            return _from_plain(plain, shown)
    finally:
        if gc_was_on:
            gc.enable()
    from vae_quiz.domain.loader import parse_deck_bytes

    if on_parse is not None:
        on_parse(shown, len(data))
    deck = parse_deck_bytes(data, shown)
    _write_entry(entry, key, _to_plain(deck))
    return deck

"""What every importer shares: decoding with precise errors, stable ids, the result, writing."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import BinaryIO

from vae_quiz.model import MAX_CHOICES, MAX_DECK_BYTES, MIN_CHOICES


class ImportFailed(Exception):
    """The source cannot be imported at all (unreadable, wrong encoding...): one line."""


MAX_SKIPS_LISTED = 1_000  # the skipped items an import lists, with where and why
# The most non-blank lines one item (a hascard card, an OpenTriviaQA question) may take: a
# bigger one is skipped, and its lines are counted, not kept.
MAX_ITEM_LINES = 10_000
_LINES_CHUNK = 1 << 18  # characters of text split into lines at a time


def iter_lines(text: str) -> Iterator[str]:
    """The lines of `text` without their ends (CRLF, CR or LF), as `str.split` gives them, made
    a chunk of text at a time: a list of every line of a big file costs tens of bytes per line
    more than the file, a regex match per line several times the time."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _LINES_CHUNK)  # a cut after "\n" never splits a "\r\n"
        end = size if end < 0 else end + 1
        lines = text[start:end].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if end < size:
            lines.pop()  # the empty "line" after the chunk's last "\n"
        yield from lines
        start = end


@dataclass
class ImportResult:
    """The deck data made from a source, and what was left out and why.

    With a `sink`, items go to it as they are made (a big import is written as it is read)
    instead of piling up in the lists; `counts` counts them either way."""

    cards: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    prompts: list[dict] = field(default_factory=list)
    # (where, why): the first MAX_SKIPS_LISTED only; `skipped_count` counts them all (a big
    # file of lines that are not items would otherwise hold a tuple for each in memory)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    skipped_count: int = 0
    # What the user should know though nothing was skipped (columns left out...): (where, what)
    notes: list[tuple[str, str]] = field(default_factory=list)
    media: Counter[str] = field(default_factory=Counter)
    sink: Callable[[str, dict], None] | None = None
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, section: str, item: dict) -> None:
        """One item of a section ("cards", "questions" or "prompts")."""
        self.counts[section] += 1
        if self.sink is not None:
            self.sink(section, item)
        else:
            getattr(self, section).append(item)

    def skip(self, where: str, why: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIPS_LISTED:
            self.skipped.append((where, why))

    def note(self, where: str, what: str) -> None:
        self.notes.append((where, what))


MIXED = "utf-8+cp1252"
MAX_IMPORT_BYTES = MAX_DECK_BYTES  # an import makes a deck: no bigger a source than a deck
_CP1252_FALLBACK = "vae-quiz-cp1252"


@dataclass
class _Fallback:
    """The bytes the fallback read as cp1252 in the decode under way: the offsets of the first
    MAX_SKIPS_LISTED, and how many in all (an offset kept for each of millions of such bytes
    would cost gigabytes)."""

    offsets: list[int] = field(default_factory=list)
    total: int = 0


_fallback: ContextVar[_Fallback] = ContextVar("cp1252_fallback")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: a byte that is not UTF-8 is read as cp1252 (one pass over the
    file, where re-decoding the rest after each such byte was quadratic)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        raise exc from None  # the decode's own error, with the byte's offset in the data
    seen = _fallback.get()
    seen.total += 1
    if len(seen.offsets) < MAX_SKIPS_LISTED:
        seen.offsets.append(exc.start)
    return char, exc.start + 1


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _decode_mixed(data: bytes, source: str, notes: list[tuple[str, str]] | None) -> str:
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    seen = _Fallback()
    token = _fallback.set(seen)
    try:
        text = data[bom:].decode("utf-8", errors=_CP1252_FALLBACK)
    except UnicodeDecodeError as exc:
        bad = bom + exc.start
        raise ImportFailed(
            f"{source}: byte 0x{data[bad]:02x} at offset {bad} is neither UTF-8 nor cp1252"
        ) from None
    finally:
        _fallback.reset(token)
    if notes is not None:
        line, counted = 1, 0
        for offset in seen.offsets:
            bad = bom + offset
            line += data.count(b"\n", counted, bad)
            counted = bad
            char = data[bad : bad + 1].decode("cp1252")
            notes.append((f"{source}:{line}", f"byte 0x{data[bad]:02x} at offset {bad} read as "
                          f"cp1252 '{char}'"))  # fmt: skip
        if seen.total > len(seen.offsets):
            more, listed = seen.total - len(seen.offsets), len(seen.offsets)
            notes.append((source, f"{more:,} more bytes read as cp1252, not listed (only the "
                          f"first {listed:,} are)"))  # fmt: skip
    return text


# Local file header, empty archive, spanned archive: how every zip (.apkg, .colpkg) starts.
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
BINARY_SNIFF = 8192  # a NUL byte in this much of a file without --encoding: not text


def refuse_binary(data: bytes, source: str, encoding: str | None) -> None:
    """Refuse a zip archive (an Anki package is one) or, when no encoding is given, a file with
    a NUL byte near its start: they are not text, and "byte 0x.. is not UTF-8; say the file's
    encoding" would send the user looking for an encoding that does not exist. A UTF-16/32
    byte order mark without an encoding is named, with the --encoding to give.

    Raises:
        ImportFailed: `data` is a zip archive or binary.
    """
    if data.startswith(ZIP_MAGIC):
        raise ImportFailed(
            f"{source}: is a zip archive (an Anki .apkg or .colpkg?), not a text file; "
            "vae-quiz cannot import Anki packages: in Anki, export the notes as text "
            "(Notes in Plain Text) and import that with --from anki-csv"
        )
    if encoding is not None:
        return
    boms = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
    for bom, name in boms:
        if data.startswith(bom):
            raise ImportFailed(
                f"{source}: starts with a {name.upper()} byte order mark; "
                f"say so with --encoding {name}"
            )
    if (nul := data.find(b"\0", 0, BINARY_SNIFF)) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ImportFailed(
            f"{source}:{line}: a NUL byte at offset {nul}: this is a binary file, not text "
            "(for UTF-16 or UTF-32 text, say so with --encoding)"
        )


def decode(data: bytes, source: str, encoding: str | None,
           notes: list[tuple[str, str]] | None = None) -> str:  # fmt: skip
    """The text of `data`: UTF-8 (a BOM is dropped) unless `encoding` is given. A byte that is
    not UTF-8 is reported with its line and byte offset; nothing is replaced or dropped. A zip
    archive or a binary file is refused as such (see `refuse_binary`).

    `utf-8+cp1252` reads UTF-8 and takes each byte that is not UTF-8 as cp1252 (files that
    mix the two); every such byte is listed in `notes` with its line and offset.
    """
    refuse_binary(data, source, encoding)
    if encoding == MIXED:
        return _decode_mixed(data, source, notes)
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError as exc:
            raise ImportFailed(f"{source}: cannot decode as {encoding}: {exc}") from None
        except UnicodeDecodeError as exc:
            # The codec's own words ("'charmap' codec can't decode byte 0x9d in position
            # 24559") name neither the line nor what to try next.
            line = data.count(b"\n", 0, exc.start) + 1
            mixed = "" if codecs.lookup(encoding).name != "cp1252" else (
                f"; for a file that is UTF-8 with a few cp1252 bytes, use --encoding {MIXED}"
            )  # fmt: skip
            raise ImportFailed(
                f"{source}:{line}: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be "
                f"read as {encoding} ({exc.reason}){mixed}"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFailed(
            f"{source}:{line}: byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8; "
            "say the file's encoding with --encoding (e.g. cp1252, or utf-8+cp1252 for a "
            "file that mixes the two)"
        ) from None


def slug(text: str, limit: int = 40) -> str:
    """Lowercase ASCII words joined by '-', at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "item"


def stable_id(prefix: str, *content: str) -> str:
    """An id derived from the item's content (not its position), so re-importing the same
    source gives the same ids and keeps progress: `<prefix>-<slug>-<8 hex of sha1>`."""
    digest = hashlib.sha1("\x1f".join(content).encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{slug(content[0])}-{digest}"


def check_choices(choices: list[str], answer: str) -> str | None:
    """Why these choices cannot make a question, or None when they can."""
    if len(choices) < MIN_CHOICES:
        return f"{len(choices)} choice(s); a question needs {MIN_CHOICES} to {MAX_CHOICES}"
    if len(choices) > MAX_CHOICES:
        return f"{len(choices)} choices; a question takes at most {MAX_CHOICES}"
    if len(set(choices)) != len(choices):
        return "two choices have the same text"
    if answer not in choices:
        return f"the answer '{answer[:60]}' is not one of the choices"
    return None


def add_question(
    result: ImportResult, where: str, question: str, choices: list[str], right: list[str]
) -> None:
    """Add a question with its right choices (several make a select-all question), or skip it at
    `where` when its choices cannot make one."""
    problem = check_choices(choices, right[0])
    if problem:
        result.skip(where, problem)
        return
    result.add("questions", {
        "id": stable_id("q", question, *choices), "question": question, "choices": choices,
        "answer": right if len(right) > 1 else right[0],
    })  # fmt: skip


def _dump(data: object) -> bytes:
    """YAML that our loader reads back exactly (block style, UTF-8, no aliases)."""
    import yaml

    dumper = yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper

    class _NoAliases(dumper):  # type: ignore[valid-type, misc]
        def ignore_aliases(self, data: object) -> bool:
            return True

    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100,
                     encoding="utf-8")  # fmt: skip


class DeckWriter:
    """Writes an imported deck to `stream` as its items come (ImportResult's sink), so a big
    import never holds its items: the first section's items go out in batches, the others (a
    few, from the formats that mix kinds) wait for the end. Each batch is checked by our own
    loader, as a small deck, before it is written; ids made unique per section as they come.

    Raises (from the call and `finish`):
        DeckError: a batch does not pass the loader's checks.
    """

    BATCH = 2_000

    def __init__(self, stream: BinaryIO, header: dict, where: str) -> None:
        self._stream = stream
        self._where = where
        self._header = _dump(header)
        self._size = 0
        self._write(self._header)
        self._streamed: str | None = None
        self._batch: list[dict] = []
        self._later: dict[str, list[dict]] = {}
        self._seen: dict[str, Counter[str]] = {}

    def __call__(self, section: str, item: dict) -> None:
        seen = self._seen.setdefault(section, Counter())
        base = item["id"]
        seen[base] += 1
        if seen[base] > 1:  # a repeat gets -2, -3... in source order
            item["id"] = f"{base}-{seen[base]}"
        if self._streamed is None:
            self._streamed = section
            self._write(f"{section}:\n".encode())
        if section != self._streamed:
            self._later.setdefault(section, []).append(item)
            return
        self._batch.append(item)
        if len(self._batch) >= self.BATCH:
            self._flush(section, self._batch)
            self._batch = []

    def _flush(self, section: str, items: list[dict]) -> None:
        from vae_quiz.decks.loader import parse_deck_bytes

        text = _dump(items)
        # What we write must pass our own checks: each batch is checked as a deck of its own.
        parse_deck_bytes(self._header + f"{section}:\n".encode() + text, self._where)
        self._write(text)

    def _write(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > MAX_DECK_BYTES:
            raise ImportFailed(
                f"{self._where}: the deck made would be over the deck size limit of "
                f"{MAX_DECK_BYTES:,} bytes; split the source"
            )
        self._stream.write(data)

    def finish(self) -> None:
        """Write what is left: the last batch and the sections that waited."""
        if self._batch and self._streamed is not None:
            self._flush(self._streamed, self._batch)
            self._batch = []
        for section, items in self._later.items():
            self._write(f"{section}:\n".encode())
            for start in range(0, len(items), self.BATCH):
                self._flush(section, items[start : start + self.BATCH])
        self._later = {}

"""What every importer shares: decoding with precise errors, stable ids, the result, writing."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from vae_quiz.model import MAX_CHOICES, MIN_CHOICES


class ImportFailed(Exception):
    """The source cannot be imported at all (unreadable, wrong encoding...): one line."""


@dataclass
class ImportResult:
    """The deck data made from a source, and what was left out and why."""

    cards: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    prompts: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    media: Counter[str] = field(default_factory=Counter)

    def skip(self, where: str, why: str) -> None:
        self.skipped.append((where, why))


MIXED = "utf-8+cp1252"


def decode(data: bytes, source: str, encoding: str | None,
           notes: list[tuple[str, str]] | None = None) -> str:  # fmt: skip
    """The text of `data`: UTF-8 (a BOM is dropped) unless `encoding` is given. A byte that is
    not UTF-8 is reported with its line and byte offset; nothing is replaced or dropped.

    `utf-8+cp1252` reads UTF-8 and takes each byte that is not UTF-8 as cp1252 (files that
    mix the two); every such byte is listed in `notes` with its line and offset.
    """
    if encoding == MIXED:
        out: list[str] = []
        position = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        while True:
            try:
                out.append(data[position:].decode("utf-8"))
                return "".join(out)
            except UnicodeDecodeError as exc:
                bad = position + exc.start
                out.append(data[position:bad].decode("utf-8"))
                try:
                    char = data[bad : bad + 1].decode("cp1252")
                except UnicodeDecodeError:
                    raise ImportFailed(
                        f"{source}: byte 0x{data[bad]:02x} at offset {bad} is neither UTF-8 "
                        "nor cp1252"
                    ) from None
                out.append(char)
                if notes is not None:
                    line = data.count(b"\n", 0, bad) + 1
                    notes.append((f"{source}:{line}", f"byte 0x{data[bad]:02x} at offset {bad} "
                                  f"read as cp1252 '{char}'"))  # fmt: skip
                position = bad + 1
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportFailed(f"{source}: cannot decode as {encoding}: {exc}") from None
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


def unique_ids(items: list[dict]) -> None:
    """Make ids unique in place, deterministically: a repeat gets -2, -3... in source order."""
    seen: Counter[str] = Counter()
    for item in items:
        base = item["id"]
        seen[base] += 1
        if seen[base] > 1:
            item["id"] = f"{base}-{seen[base]}"


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
    result.questions.append({
        "id": stable_id("q", question, *choices), "question": question, "choices": choices,
        "answer": right if len(right) > 1 else right[0],
    })  # fmt: skip


def deck_data(deck_id: str, title: str, result: ImportResult, description: str) -> dict:
    data: dict = {"id": deck_id, "title": title, "description": description}
    for section in ("cards", "questions", "prompts"):
        items = getattr(result, section)
        if items:
            unique_ids(items)
            data[section] = items
    return data


def deck_yaml(data: dict) -> bytes:
    """YAML that our loader reads back exactly (block style, UTF-8, no aliases)."""
    import yaml

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    text = yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")

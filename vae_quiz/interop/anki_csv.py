"""Anki-style CSV/TSV notes (and a generic two-column front/back CSV) as recall cards.

Anki's plain-text export headers are understood: `#separator:` (tab, comma, semicolon, pipe,
space or the character), `#html:true|false` and `#columns:` (column names); other `#` headers
are noted and ignored. Without `#columns:` the first row names the columns. HTML becomes plain
text (`<br>` to a newline, tags dropped, entities decoded); media references (`<img src>`,
`[sound:...]`) are kept as text and counted.
"""

from __future__ import annotations

import csv
import html
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vae_quiz.interop.base import MAX_IMPORT_BYTES, ImportFailed, ImportResult, stable_id

if TYPE_CHECKING:
    import _csv

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
IMG_RE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)["']?[^>]*>""", re.IGNORECASE)
BR_RE = re.compile(r"<br\s*/?>|</(?:div|p|li)>", re.IGNORECASE)
SOUND_RE = re.compile(r"\[sound:([^\]]+)\]")
GENERIC_HEADERS = {("front", "back"), ("question", "answer"), ("term", "definition")}


def _plain(value: str, is_html: bool, result: ImportResult) -> str:
    # A quoted field of a CRLF file keeps its line ends as they were: make them "\n".
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    result.media.update(SOUND_RE.findall(value))
    if not is_html:
        return value.strip()
    result.media.update(IMG_RE.findall(value))
    value = IMG_RE.sub(lambda m: f"[image: {m.group(1)}]", value)
    value = BR_RE.sub("\n", value)
    value = TAG_RE.sub("", value)
    value = html.unescape(value).replace("\xa0", " ")
    return "\n".join(line.strip() for line in value.strip().splitlines()).strip()


def _column(spec: str | None, names: list[str], default: int, source: str) -> int:
    if spec is None:
        return default
    if spec.isdigit() and 1 <= int(spec) <= len(names):
        return int(spec) - 1
    if spec in names:
        return names.index(spec)
    raise ImportFailed(f"{source}: no column '{spec}'; columns: {', '.join(names)}")


def _numbered(reader: _csv.Reader, before: int) -> Iterator[tuple[int, list[str]]]:
    """Each row of `reader` with the number of the line it starts on (a quoted field may span
    lines); `before` lines of the text came before the reader's first."""
    start = reader.line_num
    for row in reader:
        yield before + start + 1, row
        start = reader.line_num


# Lines with their ends, as csv wants them (a quoted field may span lines), made one at a time.
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def parse(text: str, source: str, front: str | None = None, back: str | None = None,
          generic: bool = False, result: ImportResult | None = None) -> ImportResult:  # fmt: skip
    """The cards of an Anki-style CSV/TSV text; they go to `result` (a new one by default) as
    they are read."""
    result = result if result is not None else ImportResult()
    # A field may hold a whole embedded image (Anki exports): allow what the import allows.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
    lines = (match.group() for match in LINE_RE.finditer(text))
    separator: str | None = None
    is_html: bool | None = None
    names: list[str] | None = None
    header_columns: str | None = None  # split once the separator is known
    header_lines = 0
    first = ""
    for line in lines:
        if not line.strip():  # blank lines before the header row (or the first row)
            header_lines += 1
            continue
        if not line.startswith("#") or ":" not in line:
            first = line
            break
        key, _, value = line[1:].rstrip("\r\n").partition(":")
        key = key.strip().lower()
        if key == "separator":
            separator = SEPARATORS.get(value.strip().lower(), value[:1] or ",")
        elif key == "html":
            is_html = value.strip().lower() == "true"
        elif key == "columns":
            header_columns = value
        else:
            result.skip(f"{source}:{header_lines + 1}", f"header '#{key}' is not used")
        header_lines += 1
    if separator is None:
        separator = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    if header_columns is not None:
        names = header_columns.rstrip("\r\n").split(separator)
    reader = csv.reader(itertools.chain([first] if first else [], lines), delimiter=separator)
    rows = _numbered(reader, header_lines)
    first_row = next(rows, None)
    if names is None and first_row is not None:
        candidate = [cell.strip() for cell in first_row[1]]
        lowered = tuple(c.lower() for c in candidate[:2])
        if not generic or lowered in GENERIC_HEADERS:
            names, first_row = candidate, None  # the header row: not a card
    if first_row is not None:
        rows = itertools.chain([first_row], rows)
    if names is None:
        # Columns named by number: as many as the first row has (at least two).
        names = [str(n + 1) for n in range(max(len(first_row[1]) if first_row else 0, 2))]
    if len(names) < 2:
        raise ImportFailed(f"{source}: needs two columns (front and back); found {len(names)}")
    front_at = _column(front, names, 0, source)
    back_at = _column(back, names, 1, source)
    left_out = [name.strip() or f"column {n + 1}" for n, name in enumerate(names)
                if n not in (front_at, back_at)]  # fmt: skip
    if left_out:
        what = f"{'column' if len(left_out) == 1 else 'columns'} not imported: "
        what += ", ".join(left_out)
        if front is None or back is None:
            what += " (choose with --front COL --back COL)"
        result.note(source, what)
    for line_number, row in rows:
        where = f"{source}:{line_number}"
        if not any(cell.strip() for cell in row):
            continue
        if max(front_at, back_at) >= len(row):
            result.skip(where, f"{len(row)} columns; expected {len(names)}")
            continue
        raw_front, raw_back = row[front_at], row[back_at]
        row_html = any(map(TAG_RE.search, (raw_front, raw_back))) if is_html is None else is_html
        card_front = _plain(raw_front, row_html, result)
        card_back = _plain(raw_back, row_html, result)
        if not card_front or not card_back:
            side = "front" if not card_front else "back"
            result.skip(where, f"empty {side} ({names[front_at if side == 'front' else back_at]})")
            continue
        result.add("cards", {"id": stable_id("c", card_front, card_back), "front": card_front,
                             "back": card_back})  # fmt: skip
    return result

"""Human-readable text: plurals, intervals, due dates, "last studied", and deck text made safe to
print, in one place."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from vae_quiz.clock import local_date, local_wall

# Bidi embeddings, overrides and isolates (LRE..RLO, LRI..PDI): they can reorder what the terminal
# shows, even the box borders around them, so they are shown as escapes.
_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Invisible format characters with no width: removed. Zero-width joiners (U+200C, U+200D) stay:
# emoji sequences and some scripts (Persian, Indic) need them, and they are measured right.
_INVISIBLE = (0x061C, 0x180E, 0x200B, 0x200E, 0x200F, *range(0x2060, 0x2065), 0xFEFF)

_SHOWN: dict[int, str] = {n: chr(0x2400 + n) for n in range(32) if n not in (9, 10)}
_SHOWN |= {0x7F: "\u2421"} | {n: f"\\x{n:02x}" for n in range(0x80, 0xA0)}
_SHOWN |= {n: f"\\u{n:04x}" for n in _BIDI_CONTROLS} | dict.fromkeys(_INVISIBLE, "")
_SHOWN |= {0x2028: "\n", 0x2029: "\n"} | dict.fromkeys(range(0xD800, 0xE000), "\ufffd")
_ONE_LINE = _SHOWN | {9: " ", 10: " ", 0x2028: " ", 0x2029: " "}
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_UNSAFE_ONE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


# English month names whatever the C library's locale (strftime's %b follows LC_TIME).
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def printable(text: str, *, one_line: bool = False) -> str:
    """The one sanitiser: deck text, a file name or a progress row made safe to show anywhere
    (a widget, a table, a line of plain text), still readable and showing what it holds.

    - C0 controls (but tab and line feed) as their Unicode pictures (ESC as ␛, BEL as ␇), DEL
      as ␡, C1 controls as `\\x9b`: no control sequence ever reaches the terminal. A CR LF is a
      line break; a lone CR is ␍.
    - Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) as `\\u202e`: they
      cannot reorder the text or the borders around it, and the reader sees they are there.
    - Invisible zero-width format characters (U+200B, U+2060-U+2064, U+FEFF, U+180E, the bidi
      marks U+200E, U+200F, U+061C) are removed: they could hide text or push borders out of
      line on terminals that draw them. Zero-width joiners, variation selectors and combining
      marks stay; Textual measures them as the terminal draws them.
    - Line and paragraph separators (U+2028, U+2029) are line breaks; lone surrogates (bytes
      decoded with surrogateescape) are U+FFFD, so the text can always be encoded.

    Text with none of these passes unchanged; the result is a fixed point (sanitising twice
    changes nothing more). It is plain text, never markup: hand it to Textual as `Content`.

    Args:
        one_line: also turn line breaks and tabs into spaces, for a line of a listing.
    """
    unsafe = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    if unsafe.search(text) is None:
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_ONE_LINE if one_line else _SHOWN)


def unsafe_characters(text: str) -> list[str]:
    """The characters of `text` that `printable` changes (tab and line feed aside), each once,
    in order; a CR in a CR LF is a line break, not one of them."""
    found = _UNSAFE.findall(text.replace("\r\n", "\n") if "\r\n" in text else text)
    return list(dict.fromkeys(found))


def plural(n: int, word: str) -> str:
    """`n` with thousands separators and `word`, plural unless n is 1: "1 card", "1,204 cards"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def counter(number: int, total: int, again: int = 0) -> str:
    """A session's place: "4 of 6", and "4 of 6 · 1 again" when `again` of the `total` shows
    are of items already shown (a miss, or a learning step, coming back)."""
    place = f"{number:,} of {total:,}"
    return f"{place} · {again:,} again" if again else place


def format_interval(delta: timedelta) -> str:
    """A short interval as Anki shows it on its buttons: <1m, 10m, 3h, 4d, 2mo, 1.5y."""
    value = delta.total_seconds()
    if value < 60:
        return "<1m"
    # then minutes below an hour, hours below a day, days below a month
    for size, limit, unit in ((60, 60, "m"), (60, 24, "h"), (24, 30, "d")):
        value /= size
        if value < limit:
            return f"{round(value)}{unit}"
    if value < 365:
        return f"{value / 30.4375:.1f}".removesuffix(".0") + "mo"
    return f"{value / 365.25:.1f}".removesuffix(".0") + "y"


def describe_due(due: datetime, now: datetime) -> str:
    """When something is due, relative to now, as people say it: "now", "in 10 min", "in 3
    hours" (later today), "tomorrow", "in 3 days", "in 2 months", "in 1.5 years" (days by
    local calendar)."""
    seconds = (due - now).total_seconds()
    if seconds <= 30:
        return "now"
    minutes = seconds / 60
    if minutes < 60:
        return f"in {max(1, round(minutes))} min"
    days = (local_date(due) - local_date(now)).days
    if days <= 0:
        return f"in {plural(max(1, round(minutes / 60)), 'hour')}"
    if days == 1:
        return "tomorrow"
    if days < 60:
        return f"in {plural(days, 'day')}"
    if days < 730:
        return f"in {round(days / 30.4375)} months"
    return f"in {days / 365.25:.1f} years"


def describe_last(moment: datetime | None, now: datetime) -> str:
    """'never', 'today', 'yesterday' or 'N days ago', by local calendar days."""
    if moment is None:
        return "never"
    days = (local_date(now) - local_date(moment)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def describe_moment(moment: datetime, now: datetime) -> str:
    """A past moment on the local clock: "14:32" today, "yesterday 14:32", else "1 Mar 14:32"
    (with the year when it is not this year's). Read with `clock.local_wall`, so any TZ the C
    library accepts works."""
    local = local_wall(moment)
    today = local_date(now)
    clock = f"{local:%H:%M}"
    days = (today - local.date()).days
    if days <= 0:
        return clock
    if days == 1:
        return f"yesterday {clock}"
    year = "" if local.year == today.year else f" {local.year}"
    return f"{local.day} {_MONTHS[local.month - 1]}{year} {clock}"

"""Human-readable text: plurals, intervals, due dates, "last studied", and deck text made safe to
print, in one place."""

from __future__ import annotations

from datetime import datetime, timedelta

from vae_quiz.clock import local_date, local_wall

# Control characters as their visible pictures (ESC as ␛, DEL as ␡), C1 controls as U+FFFD; tabs
# and line breaks as spaces: deck text printed as plain text never drives the terminal.
_PRINTABLE = {n: chr(0x2400 + n) for n in range(32)} | {0x7F: "␡", 9: " ", 10: " ", 13: " "}
_PRINTABLE |= dict.fromkeys(range(0x80, 0xA0), "\ufffd")


# English month names whatever the C library's locale (strftime's %b follows LC_TIME).
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def printable(text: str) -> str:
    """`text` safe to print on one line of a terminal: no control character is left in it."""
    return text.translate(_PRINTABLE)


def plural(n: int, word: str) -> str:
    """`n` with thousands separators and `word`, plural unless n is 1: "1 card", "1,204 cards"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


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

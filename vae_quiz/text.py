"""Human-readable text: plurals, intervals, due dates and "last studied", in one place."""

from __future__ import annotations

from datetime import datetime, timedelta


def plural(n: int, word: str) -> str:
    """`n` with thousands separators and `word`, plural unless n is 1: "1 card", "1,204 cards"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def format_interval(delta: timedelta) -> str:
    """A short interval as Anki shows it on its buttons: <1m, 10m, 3h, 4d, 2mo, 1.5y."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30.4375
        return f"{months:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365.25:.1f}".rstrip("0").rstrip(".") + "y"


def describe_due(due: datetime, now: datetime) -> str:
    """When something is due, relative to now: "now", "in 10 min", "in 3 days"."""
    seconds = (due - now).total_seconds()
    if seconds <= 30:
        return "now"
    minutes = seconds / 60
    if minutes < 60:
        n = max(1, round(minutes))
        return f"in {n} min"
    hours = minutes / 60
    if hours < 24:
        n = round(hours)
        return f"in {plural(n, 'hour')}"
    days = round(hours / 24)
    if days < 60:
        return f"in {plural(days, 'day')}"
    if days < 730:
        return f"in {round(days / 30.4375)} months"
    return f"in {days / 365.25:.1f} years"


def describe_last(moment: datetime | None, now: datetime) -> str:
    """'never', 'today', 'yesterday' or 'N days ago', by local calendar days."""
    if moment is None:
        return "never"
    days = (now.astimezone().date() - moment.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"

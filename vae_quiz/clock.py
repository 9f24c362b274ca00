"""Local calendar days for any time zone the C library accepts.

`datetime.astimezone()` refuses offsets of 24 hours or more, yet glibc takes `TZ=UTC+24` (and up
to 24:59:59): the local wall clock is read from `time.localtime` instead, as a naive datetime.
"""

from __future__ import annotations

import time
from datetime import date, datetime


def local_wall(moment: datetime) -> datetime:
    """`moment` (UTC-aware) as the local wall clock, naive; clamped to datetime's range at its
    ends (a stored year 9999 in a zone ahead of UTC is in year 10000)."""
    try:
        fields = time.localtime(moment.timestamp())
        return datetime(*fields[:6], moment.microsecond)
    except (OverflowError, OSError, ValueError):
        return datetime.max if moment.year > 1 else datetime.min


def local_date(moment: datetime) -> date:
    """The local calendar day of `moment` (UTC-aware)."""
    return local_wall(moment).date()


def start_of_day(now: datetime) -> datetime:
    """Local midnight of `now`'s day, as an aware time in `now`'s zone (the daily new-item limit
    resets then)."""
    wall = local_wall(now)
    midnight = wall.replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        guess = now - (wall - midnight)
        # A daylight-saving change since midnight puts the guess an hour off: correct it once.
        return guess - (local_wall(guess) - midnight)
    except OverflowError:
        return now

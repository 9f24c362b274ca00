"""Reading a user's file within bounds: regular files only, at most a size limit.

A FIFO would block a read for ever and a device (/dev/zero) never end one, so both are refused
before the first byte is read; so are sockets and folders. The file is opened without blocking
and checked with `fstat` on that open file, so nothing can swap it between check and read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class ReadRefused(Exception):
    """The file cannot or may not be read; the message says why, without the path."""


def _open(path: Path, limit: int) -> int:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except IsADirectoryError:
        raise ReadRefused("is a folder, not a file") from None
    except OSError as exc:
        raise ReadRefused(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadRefused("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("is not a regular file (a FIFO, device or socket)")
        if info.st_size > limit:
            raise ReadRefused(f"the file is {info.st_size:,} bytes; the limit is {limit:,}")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bounded(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` and its stat; at most `limit + 1` bytes are
    read, so a file that grows past `limit` while read is refused too.

    Raises:
        ReadRefused: not a regular file, over `limit`, or unreadable.
    """
    fd = _open(path, limit)
    try:
        info = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as file:
            # read(n) allocates n bytes up front: ask for the file's size (and one byte to see
            # it grew), not the limit, or a 1 kB file costs a 128 MB buffer.
            want = min(info.st_size, limit) + 1
            data = file.read(want)
            if len(data) == want:  # it grew while read (or its size is not known): read on
                parts, total = [data], len(data)
                while total <= limit and (chunk := file.read(min(1 << 20, limit + 1 - total))):
                    parts.append(chunk)
                    total += len(chunk)
                data = b"".join(parts)
    except OSError as exc:
        raise ReadRefused(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ReadRefused(f"the file is over the limit of {limit:,} bytes")
    return data, info


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following symlinks); False for anything else or nothing."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False

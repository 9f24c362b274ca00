"""The one way vae-quiz writes a file: a temp file in the same folder, fsync, then rename.

A reader (or a crash, or a full disk) sees the old file or the new one, never half of either.
The target is refused when it is one of the inputs (also through another path, a symlink or a
hard link), and, unless `force`, when it exists. The temp file is removed on every failure, a
KeyboardInterrupt included; an OSError becomes one `WriteError` line naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from vae_quiz.errors import WriteError

StrPath = str | os.PathLike[str]
REPLACE_HINT = "add --force to replace it"
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}
_TEMP_TRIES = 100


def _is_same_file(a: Path, b: StrPath) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (or cannot be looked at): not the same file
        return False


def check_target(
    target: StrPath, *, force: bool = False, sources: Iterable[StrPath] = (),
    exists_hint: str = REPLACE_HINT,
) -> None:  # fmt: skip
    """Refuse early a target that `writing`/`staged` would refuse, before any work is done.

    Raises:
        WriteError: `target` is one of `sources`, a folder, a FIFO, device or socket, cannot be
            looked up (a symlink loop), or exists and `force` is false.
    """
    path = Path(target)
    for source in sources:
        if _is_same_file(path, source):
            which = "" if str(path) == str(source) else f" {source}"
            raise WriteError(f"{path}: is the input file{which}; write to another file")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:  # nothing there (or a dangling symlink: lexists below)
        mode = None
    except OSError as exc:  # a symlink loop, a path through a file...
        raise _failure(path, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise WriteError(f"{path}: is a folder; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        # The rename would put a regular file in place of the FIFO or device (even
        # /dev/null, as root), whatever `force` says.
        raise WriteError(
            f"{path}: is not a regular file (a FIFO, device or socket); name a file to write"
        )
    if not force and os.path.lexists(path):
        raise WriteError(f"{path}: already exists; {exists_hint}")


def _failure(path: Path, exc: OSError) -> WriteError:
    """One line for an OSError met while writing `path`."""
    folder = path.parent
    if exc.errno == errno.ENOENT and not folder.exists():
        why = f"the folder {folder} does not exist"
    elif exc.errno == errno.ENOTDIR:
        blocking = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), folder)
        why = f"{blocking} is a file, not a folder"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = f"permission denied in {folder}"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "no space left on the disk"
    else:
        why = exc.strerror or str(exc)
    kept = "; the existing file is unchanged" if os.path.lexists(path) else ""
    return WriteError(f"{path}: cannot write: {why}{kept}")


def _new_temp(path: Path) -> Path:
    """A new empty file next to `path` with a name no one else uses (mode 0666 less umask, as
    any new file of the user's gets; tempfile.mkstemp would make it 0600)."""
    for _ in range(_TEMP_TRIES):
        temp = path.with_name(f".{path.name[:200]}.{os.urandom(4).hex()}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _move(temp: Path, path: Path, force: bool, exists_hint: str) -> None:
    """Move `temp` onto `path`: replacing it when `force`, else only if `path` still does not
    exist (a hard link fails on an existing name, so a file made meanwhile is never lost)."""
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise WriteError(f"{path}: already exists; {exists_hint}") from None
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        # A file system without hard links (FAT, some network shares): check, then rename.
        if os.path.lexists(path):
            raise WriteError(f"{path}: already exists; {exists_hint}") from None
        os.replace(temp, path)
    else:
        os.unlink(temp)


@contextlib.contextmanager
def staged(
    target: StrPath, *, force: bool = False, sources: Iterable[StrPath] = (),
    exists_hint: str = REPLACE_HINT, sync: bool = True,
) -> Iterator[Path]:  # fmt: skip
    """A new empty temp file next to `target` for the body to fill by its path (for writers
    that want a path, such as SQLite); when the body ends without an error, the temp file is
    synced and renamed onto `target`. On any failure the temp file is removed and `target` is
    left as it was.

    Args:
        force: replace an existing `target` (never one of `sources`).
        sources: the input files: `target` may never be one of them.
        exists_hint: what the "already exists" line suggests.
        sync: fsync the file and its folder (only the cache, which can be rebuilt, skips it).

    Raises:
        WriteError: the target is refused, or an OSError met while writing it (the body's too).
    """
    path = Path(target)
    sources = list(sources)
    check_target(path, force=force, sources=sources, exists_hint=exists_hint)
    try:
        temp = _new_temp(path)
    except OSError as exc:
        raise _failure(path, exc) from None
    try:
        yield temp
        if sync:
            _fsync(temp)
        check_target(path, force=force, sources=sources, exists_hint=exists_hint)
        _move(temp, path, force, exists_hint)
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        with contextlib.suppress(OSError):  # gone already when it was moved into place
            os.unlink(temp)
    if sync:
        # The rename is durable only once the folder is synced; some file systems cannot.
        with contextlib.suppress(OSError):
            _fsync(path.parent, os.O_RDONLY | os.O_DIRECTORY)


@contextlib.contextmanager
def writing(
    target: StrPath, *, force: bool = False, sources: Iterable[StrPath] = (),
    exists_hint: str = REPLACE_HINT, sync: bool = True, buffering: int = -1,
) -> Iterator[BinaryIO]:  # fmt: skip
    """A binary stream to write `target` through: see `staged`, which this wraps. `buffering`
    is `open`'s (-1: the default buffer)."""
    with (
        staged(target, force=force, sources=sources, exists_hint=exists_hint, sync=sync) as temp,
        open(temp, "wb", buffering=buffering) as out,
    ):
        yield out


def write_bytes(
    target: StrPath, data: bytes, *, force: bool = False, sources: Iterable[StrPath] = (),
) -> None:  # fmt: skip
    """Write `data` to `target` through `writing`."""
    with writing(target, force=force, sources=sources) as out:
        out.write(data)

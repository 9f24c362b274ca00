"""The one file writer: every fault leaves the old file byte-identical and no temp file behind."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from vae_quiz import outfile
from vae_quiz.errors import WriteError

OLD = b"precious \x00 bytes\n"


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_is_written_whole_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    outfile.write_bytes(target, b"hello")
    assert target.read_bytes() == b"hello"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _folder_listing(tmp_path) == ["new.yaml"]


def test_an_existing_target_is_refused_when_not_forced(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    target.write_bytes(OLD)
    with pytest.raises(WriteError, match=r"deck\.yaml: already exists; add --force"):
        outfile.write_bytes(target, b"new")
    assert target.read_bytes() == OLD
    assert _folder_listing(tmp_path) == ["deck.yaml"]


def test_an_existing_target_is_replaced_when_forced(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    target.write_bytes(OLD)
    outfile.write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert _folder_listing(tmp_path) == ["deck.yaml"]


def test_a_file_made_while_the_body_runs_is_never_replaced_when_not_forced(
    tmp_path: Path,
) -> None:
    target = tmp_path / "deck.yaml"
    with pytest.raises(WriteError, match="already exists"), outfile.writing(target) as out:
        out.write(b"mine")
        target.write_bytes(OLD)  # another process got there first
    assert target.read_bytes() == OLD
    assert _folder_listing(tmp_path) == ["deck.yaml"]


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("route", ["same path", "other spelling", "symlink", "hard link"])
def test_the_input_file_is_always_refused_as_the_target(
    tmp_path: Path, route: str, force: bool
) -> None:
    source = tmp_path / "cards.csv"
    source.write_bytes(OLD)
    target = {
        "same path": source,
        "other spelling": tmp_path / "sub" / ".." / "cards.csv",
        "symlink": tmp_path / "link.csv",
        "hard link": tmp_path / "hard.csv",
    }[route]
    (tmp_path / "sub").mkdir()
    if route == "symlink":
        target.symlink_to(source)
    elif route == "hard link":
        os.link(source, target)
    before = _folder_listing(tmp_path)
    with pytest.raises(WriteError, match=r"is the input file( .*cards\.csv)?; write to another"):
        outfile.write_bytes(target, b"yaml", force=force, sources=[source])
    assert source.read_bytes() == OLD
    assert _folder_listing(tmp_path) == before


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deck.yaml"
    with pytest.raises(WriteError) as raised:
        outfile.write_bytes(target, b"x")
    assert str(raised.value) == f"{target}: cannot write: the folder {target.parent} does not exist"
    assert _folder_listing(tmp_path) == []


def test_a_file_in_place_of_the_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_bytes(OLD)
    target = blocker / "sub" / "deck.yaml"
    with pytest.raises(WriteError) as raised:
        outfile.write_bytes(target, b"x")
    assert str(raised.value) == f"{target}: cannot write: {blocker} is a file, not a folder"
    assert blocker.read_bytes() == OLD


def test_a_folder_as_the_target_is_refused_even_when_forced(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder; name a file"):
        outfile.write_bytes(tmp_path, b"x", force=True)
    assert _folder_listing(tmp_path) == []


def test_a_fifo_or_a_link_to_one_is_never_replaced_even_when_forced(tmp_path: Path) -> None:
    # As root the rename put a regular file in place of /dev/null: a device is refused the same
    # way, tested here with a FIFO (no test touches /dev).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "link").symlink_to(fifo)
    for target in (fifo, tmp_path / "link"):
        for force in (False, True):
            with pytest.raises(WriteError, match=r"is not a regular file \(a FIFO, device or "
                               r"socket\); name a file to write$"):  # fmt: skip
                outfile.write_bytes(target, b"x", force=force)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and (tmp_path / "link").is_symlink()
    assert _folder_listing(tmp_path) == ["link", "pipe"]


def test_a_symlink_loop_as_the_target_is_named_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(WriteError, match=r"a: cannot write: Too many levels of symbolic links"):
        outfile.write_bytes(tmp_path / "a", b"x", force=True)
    assert (tmp_path / "a").is_symlink() and _folder_listing(tmp_path) == ["a", "b"]


def _deny(name: str, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make `os.<name>` fail with `code` (as a read-only folder or a full disk would)."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(outfile.os, name, fail)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_read_only_folder_is_named_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "deck.yaml"
    target.write_bytes(OLD)
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError) as raised:
            outfile.write_bytes(target, b"new", force=True)
    finally:
        folder.chmod(0o755)
    assert str(raised.value) == (
        f"{target}: cannot write: permission denied in {folder}; the existing file is unchanged"
    )
    assert target.read_bytes() == OLD
    assert _folder_listing(folder) == ["deck.yaml"]


def test_a_folder_that_refuses_new_files_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.yaml"
    target.write_bytes(OLD)
    _deny("open", monkeypatch, errno.EACCES)  # works as root too, unlike chmod
    with pytest.raises(WriteError, match=r"cannot write: permission denied in .*; the existing"):
        outfile.write_bytes(target, b"new", force=True)
    assert target.read_bytes() == OLD
    assert _folder_listing(tmp_path) == ["deck.yaml"]


@pytest.mark.parametrize("failing", ["fsync", "write", "replace"])
def test_a_full_disk_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(OLD)
    if failing == "write":
        with pytest.raises(WriteError) as raised, outfile.writing(target, force=True) as out:
            out.write(b"partial")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    else:
        _deny(failing, monkeypatch, errno.ENOSPC)
        with pytest.raises(WriteError) as raised:
            outfile.write_bytes(target, b"new" * 1000, force=True)
    assert str(raised.value) == (
        f"{target}: cannot write: no space left on the disk; the existing file is unchanged"
    )
    assert target.read_bytes() == OLD
    assert _folder_listing(tmp_path) == ["deck.apkg"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, ValueError])
def test_the_temp_file_goes_when_the_body_stops_early(tmp_path: Path, error: type) -> None:
    target = tmp_path / "deck.yaml"
    target.write_bytes(OLD)
    with pytest.raises(error), outfile.staged(target, force=True) as temp:
        temp.write_bytes(b"half")
        raise error()
    assert target.read_bytes() == OLD
    assert _folder_listing(tmp_path) == ["deck.yaml"]


def test_without_hard_links_a_new_file_is_still_written_and_an_old_one_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _deny("link", monkeypatch, errno.EPERM)  # as on FAT or some network shares
    target = tmp_path / "deck.yaml"
    outfile.write_bytes(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(WriteError, match="already exists"), outfile.writing(target) as out:
        out.write(b"second")
    assert target.read_bytes() == b"first"
    assert _folder_listing(tmp_path) == ["deck.yaml"]

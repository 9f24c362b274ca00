"""`vae-quiz export-deck -o`: never over the deck itself, over a file only with --force, and a
failed write keeps the old file byte for byte."""

from __future__ import annotations

import errno
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz import cli

DECK = "id: mydeck\ntitle: Mine\ncards:\n  - {id: c, front: F, back: B}\n"


def _one_error_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [expected]


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "mydeck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_deck_refuses_the_deck_file_itself_as_output(
    deck: Path, tmp_path: Path, force: list[str]
) -> None:
    result = run("export-deck", str(deck), "-o", str(deck), *force)
    _one_error_line(result, f"vae-quiz: {deck}: is the input file; write to another file")
    assert deck.read_text(encoding="utf-8") == DECK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mydeck.yaml"]


def test_export_deck_refuses_an_existing_file_unless_forced(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "old.apkg"
    out.write_bytes(b"an older package")
    refused = run("export-deck", str(deck), "-o", str(out))
    _one_error_line(refused, f"vae-quiz: {out}: already exists; add --force to replace it")
    assert out.read_bytes() == b"an older package"
    forced = run("export-deck", str(deck), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"PK")  # a zip: the package


@pytest.mark.parametrize("command", ["export-deck", "import"])
def test_a_fifo_as_output_stays_a_fifo_even_when_forced(
    deck: Path, tmp_path: Path, command: str
) -> None:
    import stat

    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    source = tmp_path / "cards.csv"
    source.write_text("front,back\nF,B\n", encoding="utf-8")
    args = [str(deck)] if command == "export-deck" else [str(source), "--from", "csv"]
    prefix = "vae-quiz" if command == "export-deck" else "vae-quiz import"
    result = run(command, *args, "-o", str(fifo), "--force")
    _one_error_line(result, f"{prefix}: {fifo}: is not a regular file (a FIFO, device or "
                    "socket); name a file to write")  # fmt: skip
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_export_deck_into_a_missing_folder_is_one_line(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.apkg"
    result = run("export-deck", str(deck), "-o", str(out))
    _one_error_line(
        result, f"vae-quiz: {out}: cannot write: the folder {out.parent} does not exist"
    )


@pytest.mark.parametrize("failing", ["zip write", "fsync"])
def test_export_deck_on_a_full_disk_keeps_the_old_file_byte_for_byte(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], failing: str,
) -> None:  # fmt: skip
    out = tmp_path / "old.apkg"
    out.write_bytes(b"an older package")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr(zipfile.ZipFile, "write", full)
    assert cli.main(["export-deck", str(deck), "-o", str(out), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"vae-quiz: {out}: cannot write: no space left on the disk; the existing file is unchanged"
    ]
    assert out.read_bytes() == b"an older package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mydeck.yaml", "old.apkg"]


def test_one_note_is_said_in_the_singular(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.apkg"
    result = run("export-deck", str(deck), "--to", "apkg", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: 1 note from deck 'mydeck' ("), result.stdout

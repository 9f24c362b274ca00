"""`vae-quiz import`: where the deck goes, and that no file is lost or left half-written."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz import cli

CSV = "front,back\nQ1,A1\nQ2,A2\n"


def _one_error_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    """Exit 1 with exactly `expected` on stderr: one line, no traceback."""
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [expected]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "cards.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_import_refuses_its_source_as_the_output_when_forced_or_not(
    tmp_path: Path, source: Path, force: list[str]
) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    same = run("import", str(source), "--from", "csv", "-o", str(source), *force)
    _one_error_line(same, f"vae-quiz import: {source}: is the input file; write to another file")
    linked = run("import", str(source), "--from", "csv", "-o", str(link), *force)
    _one_error_line(
        linked, f"vae-quiz import: {link}: is the input file {source}; write to another file"
    )
    assert source.read_text(encoding="utf-8") == CSV
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.csv", "link.csv"]


def test_import_refuses_an_existing_output_unless_forced(tmp_path: Path, source: Path) -> None:
    mine = tmp_path / "handwritten.yaml"
    mine.write_text("id: mine\ntitle: Mine\ncards: [{id: c, front: F, back: B}]\n")
    before = mine.read_bytes()
    refused = run("import", str(source), "--from", "csv", "-o", str(mine))
    _one_error_line(refused, f"vae-quiz import: {mine}: already exists; add --force to replace it")
    assert mine.read_bytes() == before
    forced = run("import", str(source), "--from", "csv", "-o", str(mine), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "front: Q1" in mine.read_text()


def test_imports_of_two_sources_with_one_name_refuse_the_taken_id_and_keep_the_first(
    tmp_path: Path,
) -> None:
    decks = tmp_path / "decks"
    env = {"VAE_QUIZ_DECKS": str(decks)}
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "deck.csv").write_text(CSV.replace("Q1", f"Q1 {folder}"))
    assert run("import", str(tmp_path / "a" / "deck.csv"), "--from", "csv", env=env).returncode == 0
    first = (decks / "deck.yaml").read_bytes()
    second = run("import", str(tmp_path / "b" / "deck.csv"), "--from", "csv", env=env)
    _one_error_line(
        second,
        f"vae-quiz import: deck id 'deck' is already taken by {decks / 'deck.yaml'}; choose "
        "another with --id, or replace that deck with --force",
    )
    assert (decks / "deck.yaml").read_bytes() == first
    assert sorted(p.name for p in decks.iterdir()) == ["deck.yaml"]
    with_id = run("import", str(tmp_path / "b" / "deck.csv"), "--from", "csv", "--id", "deck-b",
                  env=env)  # fmt: skip
    assert with_id.returncode == 0, with_id.stderr
    assert (decks / "deck.yaml").read_bytes() == first
    assert "Q1 b" in (decks / "deck-b.yaml").read_text()


def test_import_without_output_picks_a_free_name_when_the_file_name_is_taken(
    tmp_path: Path, source: Path
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    other = decks / "cards.yaml"
    other.write_text("id: something-else\ntitle: Else\ncards: [{id: c, front: F, back: B}]\n")
    broken = decks / "cards-2.yaml"
    broken.write_text("not: a deck\n")
    before = other.read_bytes(), broken.read_bytes()
    result = run("import", str(source), "--from", "csv", env={"VAE_QUIZ_DECKS": str(decks)})
    assert result.returncode == 0, result.stderr
    assert f"wrote {decks / 'cards-3.yaml'}: deck 'cards'" in result.stdout
    assert (other.read_bytes(), broken.read_bytes()) == before


def test_import_refuses_the_id_of_a_bundled_deck(tmp_path: Path, source: Path) -> None:
    decks = tmp_path / "decks"
    result = run("import", str(source), "--from", "csv", "--id", "vae",
                 env={"VAE_QUIZ_DECKS": str(decks)})  # fmt: skip
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert "deck id 'vae' is already taken by " in result.stderr
    assert result.stderr.rstrip().endswith("vae.yaml; choose another with --id")
    assert not decks.exists()


def test_a_forced_import_without_output_replaces_the_deck_with_that_id(
    tmp_path: Path, source: Path
) -> None:
    decks = tmp_path / "decks"
    env = {"VAE_QUIZ_DECKS": str(decks)}
    assert run("import", str(source), "--from", "csv", env=env).returncode == 0
    source.write_text(CSV + "Q3,A3\n")
    again = run("import", str(source), "--from", "csv", "--force", env=env)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in decks.iterdir()) == ["cards.yaml"]
    assert "Q3" in (decks / "cards.yaml").read_text()


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("-.csv", [], "-.csv: the file name gives no title; give one with --title"),
        ("cards.csv", ["--title", " "], "cards.csv: --title is blank; give the deck a title"),
        ("cards.csv", ["--title", ""], "cards.csv: --title is blank; give the deck a title"),
    ],
)
def test_an_import_without_a_title_writes_nothing(
    tmp_path: Path, name: str, title: list[str], expected: str
) -> None:
    (tmp_path / name).write_text(CSV)
    decks = tmp_path / "decks"
    env = {"VAE_QUIZ_DECKS": str(decks)}
    result = run("import", f"./{name}", "--from", "csv", *title, cwd=tmp_path, env=env)
    _one_error_line(result, f"vae-quiz import: {expected}")
    assert not decks.exists()
    assert run("decks", env=env).returncode == 0


def test_a_bad_output_folder_is_one_line_and_leaves_nothing(tmp_path: Path, source: Path) -> None:
    missing = tmp_path / "missing" / "out.yaml"
    result = run("import", str(source), "--from", "csv", "-o", str(missing))
    _one_error_line(
        result,
        f"vae-quiz import: {missing}: cannot write: the folder {missing.parent} does not exist",
    )
    under_file = source / "out.yaml"
    result = run("import", str(source), "--from", "csv", "-o", str(under_file))
    _one_error_line(
        result, f"vae-quiz import: {under_file}: cannot write: {source} is a file, not a folder"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.csv"]


@pytest.mark.parametrize(
    ("code", "why"),
    [(errno.EACCES, "permission denied in {folder}"), (errno.ENOSPC, "no space left on the disk")],
)
def test_an_output_that_cannot_be_written_is_one_line_and_the_old_file_stays(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], code: int, why: str,
) -> None:  # fmt: skip
    out = tmp_path / "out.yaml"
    out.write_bytes(b"old deck")

    real_open = os.open

    def fail(path: object, *args: object, **kwargs: object) -> int:
        if code == errno.EACCES and path == source:  # the source itself is still readable
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]
        raise OSError(code, os.strerror(code))

    # A folder that refuses a new file, or a disk found full when the data is synced; root
    # ignores a read-only folder's mode, so the error is injected.
    monkeypatch.setattr(os, "open" if code == errno.EACCES else "fsync", fail)
    assert cli.main(["import", str(source), "--from", "csv", "-o", str(out), "--force"]) == 1
    err = capsys.readouterr().err
    expected = f"{out}: cannot write: {why.format(folder=tmp_path)}; the existing file is unchanged"
    assert err.splitlines() == [f"vae-quiz import: {expected}"]
    assert out.read_bytes() == b"old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.csv", "out.yaml"]


def test_the_jlpt_csv_import_names_the_columns_it_left_out(tmp_path: Path) -> None:
    from tests.conftest import SHARED

    source = SHARED / "corpus" / "anki-csv" / "open-anki-jlpt" / "n5.csv"
    out = tmp_path / "n5.yaml"
    result = run("import", str(source), "--from", "anki-csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {out}: deck 'n5': 718 cards, 0 questions, 0 prompts"
    assert lines[1:] == [
        "note  n5.csv: columns not imported: meaning, tags, guid "
        "(choose with --front COL --back COL)",
        "0 items skipped",
    ]
    chosen = run("import", str(source), "--from", "anki-csv", "-o", str(out), "--force",
                 "--front", "expression", "--back", "meaning")  # fmt: skip
    assert "note  n5.csv: columns not imported: reading, tags, guid\n" in chosen.stdout

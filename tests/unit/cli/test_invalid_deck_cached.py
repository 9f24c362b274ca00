"""An invalid deck costs its parse once: `check` and `decks` report its problems from the cache
until the file changes, the same lines each time."""

from __future__ import annotations

from pathlib import Path

import pytest

import vae_quiz.decks.loader as loader
from vae_quiz import cli

BAD = "id: bad\ntitle: Bad\ncards:\n  - {id: c1, front: f}\n  - {id: c2, back: b}\n"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    monkeypatch.setenv("VAE_QUIZ_CACHE", str(tmp_path / "cache"))
    calls: list[str] = []
    real = loader.parse_deck_bytes

    def counting(data: bytes, path: str):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(data, path)

    monkeypatch.setattr(loader, "parse_deck_bytes", counting)
    return calls


def test_check_and_decks_parse_an_invalid_deck_once(
    tmp_path: Path, parses: list[str], capsys: pytest.CaptureFixture[str]
) -> None:  # fmt: skip
    deck = tmp_path / "bad.yaml"
    deck.write_text(BAD)
    outputs = []
    for _ in range(2):
        assert cli.main(["check", str(deck)]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert f"{deck}:4: card 'c1': back: required field is missing" in outputs[0]
    assert "1 deck checked: 0 valid, 1 invalid (2 problems)" in outputs[0]
    assert cli.main(["decks", str(deck), "--db", str(tmp_path / "p.sqlite3")]) == 1
    assert f"{deck}:5: card 'c2': front" in capsys.readouterr().err
    assert parses == [str(deck)]
    deck.write_text(BAD.replace("front: f}", "front: f, back: b}"))  # one problem fixed
    assert cli.main(["check", str(deck)]) == 1
    assert "(1 problem)" in capsys.readouterr().out
    assert parses == [str(deck), str(deck)]

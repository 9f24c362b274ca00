"""The deck cache: an unchanged deck is not parsed again; any change, or a damaged entry, means a
fresh parse; the cache is never trusted over the file."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

import vae_quiz.domain.deck_cache as deck_cache
import vae_quiz.domain.loader as loader
from vae_quiz.domain.deck_cache import load_deck_cached
from vae_quiz.domain.errors import DeckError
from vae_quiz.domain.model import Level
from vae_quiz.domain.paths import bundled_deck_dir

DECK = """id: cached
title: Cached
cards:
  - {id: c1, front: "[b]One[/b]", back: "1", level: beginner}
questions:
  - {id: q1, question: Pick, choices: [a, b, c], answer: [a, c], shuffle: false}
prompts:
  - {id: p1, prompt: Say, hint: h, concepts: [x, y], model_answer: m}
"""


@pytest.fixture(params=["read whole", "mapped"], autouse=True)
def entry_access(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with small entries read whole and with every entry mapped."""
    if request.param == "mapped":
        monkeypatch.setattr(deck_cache, "_MAP_FROM", 0)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts real parses of deck files."""
    calls: list[str] = []
    real = loader.parse_deck_bytes

    def counting(data: bytes, path: str):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(data, path)

    monkeypatch.setattr(loader, "parse_deck_bytes", counting)
    return calls


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.deck"))


def test_an_unchanged_deck_is_parsed_once_and_loads_equal(tmp_path, parses) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    first = load_deck_cached(deck_file, cache)
    second = load_deck_cached(deck_file, cache)
    assert parses == [str(deck_file)]
    assert first == second
    assert second.questions[0].answer == ("a", "c") and second.questions[0].is_multi


def test_the_bundled_deck_round_trips_through_the_cache(tmp_path, parses) -> None:
    path = bundled_deck_dir() / "vae.yaml"
    fresh = loader.load_deck(path)
    load_deck_cached(path, tmp_path)
    assert load_deck_cached(path, tmp_path) == fresh


def test_a_changed_deck_is_parsed_again_even_with_the_same_size_and_mtime(tmp_path, parses):
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    stat = deck_file.stat()
    deck_file.write_text(DECK.replace("Pick", "Pock"))  # same size
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime
    assert load_deck_cached(deck_file, cache).questions[0].question == "Pock"
    assert len(parses) == 2


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "garbage"])
def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path, parses, damage: str) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    expected = load_deck_cached(deck_file, cache)
    (entry,) = _entries(cache)
    blob = bytearray(entry.read_bytes())
    if damage == "flip a byte":
        blob[len(blob) // 2] ^= 0xFF
    elif damage == "truncate":
        blob = blob[: len(blob) // 2]
    elif damage == "empty":
        blob = bytearray()
    else:
        blob = bytearray(os.urandom(200))
    entry.write_bytes(bytes(blob))
    assert load_deck_cached(deck_file, cache) == expected
    assert len(parses) == 2
    load_deck_cached(deck_file, cache)
    assert len(parses) == 2  # rebuilt: the next load is a hit again


def test_an_invalid_deck_is_not_cached_and_reports_every_time(tmp_path, parses) -> None:
    deck_file = tmp_path / "bad.yaml"
    deck_file.write_text(DECK.replace("answer: [a, c]", "answer: [z]"))
    cache = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(DeckError, match=r"bad\.yaml:6: question 'q1'"):
            load_deck_cached(deck_file, cache)
    assert _entries(cache) == []
    assert len(parses) == 2


def test_an_unwritable_cache_folder_still_loads_the_deck(tmp_path) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert load_deck_cached(deck_file, blocked / "cache").id == "cached"


def test_a_cache_hit_imports_neither_pyyaml_nor_the_checker(tmp_path) -> None:
    import subprocess
    import sys

    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    code = (
        "import sys\n"
        "from vae_quiz.domain.library import load_decks\n"
        f"result = load_decks([{str(deck_file)!r}])\n"
        "assert result.decks and not result.problems, result.problems\n"
        "print(sorted(m for m in ('yaml', 'vae_quiz.domain.loader') if m in sys.modules))\n"
    )
    env = {**os.environ, "VAE_QUIZ_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True, timeout=60)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_on_parse_is_called_only_when_the_file_must_be_parsed(tmp_path) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    calls: list[tuple[str, int]] = []
    load_deck_cached(deck_file, tmp_path / "c", on_parse=lambda p, n: calls.append((p, n)))
    load_deck_cached(deck_file, tmp_path / "c", on_parse=lambda p, n: calls.append((p, n)))
    assert calls == [(str(deck_file), len(DECK.encode()))]


def test_a_cache_hit_builds_an_item_only_when_it_is_asked_for(tmp_path, parses) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    fresh = load_deck_cached(deck_file, cache)
    cached = load_deck_cached(deck_file, cache)
    assert len(parses) == 1
    kinds = (cached.cards, cached.questions, cached.prompts)
    assert [k.built_count for k in kinds] == [0, 0, 0]
    # Ids, levels and counts come from the entry's header, without building anything.
    assert cached.item_kinds() == {"c1": "card", "q1": "question", "p1": "prompt"}
    assert cached.cards.level_at(0) is Level.BEGINNER and cached.item_count == 3
    assert [k.built_count for k in kinds] == [0, 0, 0]
    assert cached.item("q1") == fresh.questions[0]
    assert [k.built_count for k in kinds] == [0, 1, 0]
    assert cached == fresh


def test_a_big_cached_deck_builds_only_the_cards_a_study_session_shows(tmp_path, store, clock):
    from benchmarks.make_deck import write_deck
    from vae_quiz.domain.scheduler import Scheduler
    from vae_quiz.domain.session import SessionOptions, StudySession

    deck_file = write_deck(3_000, tmp_path / "big.yaml")
    load_deck_cached(deck_file, tmp_path / "cache")
    deck = load_deck_cached(deck_file, tmp_path / "cache")
    session = StudySession([deck], store, Scheduler(), clock, SessionOptions(new_per_day=20))
    assert len(session.queue) == 20
    assert deck.cards.built_count == 20
    assert deck.questions.built_count == deck.prompts.built_count == 0


def test_deferred_writes_wait_in_the_list_until_run(tmp_path, parses, monkeypatch) -> None:
    from vae_quiz.domain.deck_cache import writes_deferred

    with writes_deferred() as pending:
        load_deck_cached(bundled_deck_dir() / "vae.yaml", tmp_path / "small")
    assert pending == [] and len(_entries(tmp_path / "small")) == 1  # small: written at once
    monkeypatch.setattr(deck_cache, "_DEFER_FROM", 0)  # as if this deck were big
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    with writes_deferred() as pending:
        load_deck_cached(deck_file, cache)
    assert len(pending) == 1 and _entries(cache) == []
    pending[0]()
    load_deck_cached(deck_file, cache)
    assert parses == [str(bundled_deck_dir() / "vae.yaml"), str(deck_file)]  # then a hit


@pytest.mark.parametrize("shows_a_screen", [True, False])
def test_a_tui_command_writes_the_cache_entry_after_the_first_screen(
    tmp_path, monkeypatch, shows_a_screen: bool
) -> None:
    from vae_quiz import cli

    monkeypatch.setattr(deck_cache, "_DEFER_FROM", 0)  # as if this deck were big
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    monkeypatch.setenv("VAE_QUIZ_CACHE", str(cache))
    seen: list[list[Path]] = []

    collector: list[bool] = []

    def fake_run_app(app) -> None:  # type: ignore[no-untyped-def]
        seen.append(_entries(cache))  # nothing written before the app runs
        collector.append(gc.isenabled())  # paused until the first screen is up
        if shows_a_screen:
            app.services.on_first_screen()
            collector.append(gc.isenabled())

    monkeypatch.setattr(cli, "_run_app", fake_run_app)
    assert cli.main(["study", str(deck_file), "--db", str(tmp_path / "p.sqlite3")]) == 0
    assert seen == [[]]
    assert len(_entries(cache)) == 1  # written in the thread, or at the end when no screen was
    assert collector == ([False, True] if shows_a_screen else [False])
    assert gc.isenabled()

"""The deck cache: an unchanged deck is not parsed again; any change, or a damaged entry, means a
fresh parse; the cache is never trusted over the file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import vae_quiz.decks.cache as deck_cache
import vae_quiz.decks.loader as loader
from vae_quiz.decks.cache import load_deck_cached
from vae_quiz.errors import DeckError
from vae_quiz.locations import bundled_deck_dir
from vae_quiz.model import Level

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
        monkeypatch.setattr(deck_cache, "MAP_FROM", 0)


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
def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path, parses, damage: str, request) -> None:
    if damage == "flip a byte" and "mapped" in request.node.name:
        pytest.skip("a mapped entry's records are not checksummed on load (see decks/cache.py)")
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


BAD = DECK.replace('back: "1", ', "").replace("answer: [a, c]", "answer: [z]")  # 2 problems


def _problems(deck_file: Path | str, cache: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_deck_cached(deck_file, cache)
    return [str(p) for p in caught.value.problems]


def test_an_invalid_deck_is_parsed_once_and_its_problems_come_from_the_cache(
    tmp_path, parses, monkeypatch
) -> None:  # fmt: skip
    deck_file = tmp_path / "bad.yaml"
    deck_file.write_text(BAD)
    cache = tmp_path / "cache"
    first = _problems(deck_file, cache)
    assert len(first) == 2 and first[1].startswith(f"{deck_file}:6: question 'q1'")
    assert len(_entries(cache)) == 1
    monkeypatch.chdir(tmp_path)
    # The same file named another way: the problems name it as the caller does.
    again = _problems("bad.yaml", cache)
    assert again == [p.replace(str(deck_file), "bad.yaml", 1) for p in first]
    assert parses == [str(deck_file)]


def test_a_fixed_deck_is_parsed_again_and_loads(tmp_path, parses) -> None:
    deck_file = tmp_path / "bad.yaml"
    deck_file.write_text(BAD)
    cache = tmp_path / "cache"
    _problems(deck_file, cache)
    deck_file.write_text(DECK)
    assert load_deck_cached(deck_file, cache).id == "cached"
    assert len(parses) == 2 and len(_entries(cache)) == 1


def test_an_invalid_deck_changed_with_the_same_size_and_mtime_is_parsed_again(tmp_path, parses):
    deck_file = tmp_path / "bad.yaml"
    deck_file.write_text(BAD)
    cache = tmp_path / "cache"
    _problems(deck_file, cache)
    stat = deck_file.stat()
    deck_file.write_text(BAD.replace("[z]", "[a]"))  # same size; written within RACY_NS
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [p.split(": ", 1)[1] for p in _problems(deck_file, cache)] == [
        "card 'c1': back: required field is missing"
    ]
    assert len(parses) == 2


def test_a_file_that_cannot_be_read_is_refused_every_time_not_cached(tmp_path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    cache = tmp_path / "cache"
    for _ in range(2):
        assert "not a regular file" in _problems(fifo, cache)[0]
    assert _entries(cache) == []


def test_an_unwritable_cache_folder_still_loads_the_deck(tmp_path) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert load_deck_cached(deck_file, blocked / "cache").id == "cached"


def test_a_full_disk_while_caching_still_loads_the_deck_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    assert load_deck_cached(deck_file, cache).id == "cached"
    assert list(cache.iterdir()) == []


def test_a_cache_hit_imports_neither_pyyaml_nor_the_checker(tmp_path) -> None:
    import subprocess
    import sys

    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    code = (
        "import sys\n"
        "from vae_quiz.decks.catalog import load_decks\n"
        f"result = load_decks([{str(deck_file)!r}])\n"
        "assert result.decks and not result.problems, result.problems\n"
        "print(sorted(m for m in ('yaml', 'vae_quiz.decks.loader') if m in sys.modules))\n"
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
    from vae_quiz.modes.scheduler import Scheduler
    from vae_quiz.modes.session import SessionOptions
    from vae_quiz.modes.study import StudySession

    deck_file = write_deck(3_000, tmp_path / "big.yaml")
    load_deck_cached(deck_file, tmp_path / "cache")
    deck = load_deck_cached(deck_file, tmp_path / "cache")
    session = StudySession([deck], store, Scheduler(), clock, SessionOptions(new_per_day=20))
    assert len(session.queue) == 20
    assert deck.cards.built_count == 20
    assert deck.questions.built_count == deck.prompts.built_count == 0


def test_a_mapped_entry_with_a_damaged_header_is_ignored(tmp_path, parses, monkeypatch) -> None:
    monkeypatch.setattr(deck_cache, "MAP_FROM", 0)
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    expected = load_deck_cached(deck_file, cache)
    (entry,) = _entries(cache)
    blob = bytearray(entry.read_bytes())
    blob[20] ^= 0xFF  # inside the header
    entry.write_bytes(bytes(blob))
    assert load_deck_cached(deck_file, cache) == expected
    assert len(parses) == 2


@pytest.mark.parametrize("racy", [True, False])
def test_an_edit_the_stat_cannot_see_is_caught_when_the_entry_was_written_racily(
    tmp_path, parses, monkeypatch, racy: bool
) -> None:
    """A clock too coarse to tell two writes apart keeps size, mtime, ctime and inode: an entry
    written within RACY_NS of the file's change checks the file's bytes too."""
    monkeypatch.setattr(deck_cache, "_stat_key", lambda path, info: (str(path), info.st_size))
    if not racy:
        monkeypatch.setattr(deck_cache, "RACY_NS", 0)
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    deck_file.write_text(DECK.replace("Pick", "Pock"))  # same size
    question = load_deck_cached(deck_file, cache).questions[0].question
    assert question == ("Pock" if racy else "Pick")  # without the check, the stale deck
    assert len(parses) == (2 if racy else 1)


def test_an_entry_is_named_for_the_format_and_holds_no_hash_of_an_old_deck_file(tmp_path) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK)
    old = deck_file.stat().st_mtime_ns - 60 * 10**9
    os.utime(deck_file, ns=(old, old))
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    (entry,) = _entries(cache)
    assert entry.name.endswith(f".v{deck_cache.FORMAT}.deck")

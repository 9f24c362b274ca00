"""The deck cache is pruned: entries unused for 30 days, then the least recently used over the
size cap, and temp files a killed writer left; after a miss writes, never on a cached start."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import vae_quiz.decks.cache as deck_cache
from vae_quiz.decks.cache import DAY_NS, MAX_AGE_NS, load_deck_cached, prune

DECK = "id: d{n}\ntitle: D\ncards:\n  - {{id: c1, front: f, back: b}}\n"
NOW = time.time_ns()


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test as a new process: no folder pruned yet."""
    monkeypatch.setattr(deck_cache, "_pruned", set())


def _file(folder: Path, name: str, age_ns: int, size: int = 10) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, ns=(NOW - age_ns, NOW - age_ns))
    return path


def test_entries_unused_for_30_days_are_removed_and_the_rest_kept(tmp_path: Path) -> None:
    old = _file(tmp_path, "a.v8.deck", MAX_AGE_NS + DAY_NS)
    older_format = _file(tmp_path, "b.v7.deck", MAX_AGE_NS + 1)
    recent = _file(tmp_path, "c.v8.deck", MAX_AGE_NS - DAY_NS)
    not_ours = _file(tmp_path, "notes.txt", 10 * MAX_AGE_NS)
    assert sorted(prune(tmp_path, NOW)) == [old, older_format]
    assert sorted(tmp_path.iterdir()) == [recent, not_ours]


def test_over_the_size_cap_the_least_recently_used_go_first(tmp_path: Path) -> None:
    entries = [_file(tmp_path, f"{n}.v8.deck", (5 - n) * DAY_NS, size=100) for n in range(5)]
    # 500 bytes held, 250 allowed: the three least recently used go.
    assert prune(tmp_path, NOW, max_bytes=250) == entries[:3]
    assert sorted(tmp_path.iterdir()) == entries[3:]


def test_the_newest_entry_stays_even_alone_over_the_cap(tmp_path: Path) -> None:
    big = _file(tmp_path, "big.v8.deck", 0, size=1000)
    assert prune(tmp_path, NOW, max_bytes=10) == []
    assert big.exists()


def test_temp_files_a_killed_writer_left_are_removed_after_an_hour(tmp_path: Path) -> None:
    stale = _file(tmp_path, ".a.v8.deck.0123abcd.tmp", 2 * 3_600 * 10**9)
    writing = _file(tmp_path, ".b.v8.deck.4567ef01.tmp", 60 * 10**9)
    assert prune(tmp_path, NOW) == [stale]
    assert writing.exists()


def test_a_missing_cache_folder_prunes_nothing(tmp_path: Path) -> None:
    assert prune(tmp_path / "none", NOW) == []


def test_a_miss_prunes_the_folder_once_and_a_cached_start_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    stale = _file(cache, "gone.v8.deck", MAX_AGE_NS + DAY_NS)
    decks = []
    for n in range(2):
        decks.append(tmp_path / f"d{n}.yaml")
        decks[-1].write_text(DECK.format(n=n))
    calls: list[Path] = []
    real = deck_cache.prune
    monkeypatch.setattr(deck_cache, "prune", lambda folder: calls.append(folder) or real(folder))
    load_deck_cached(decks[0], cache)  # a miss: written, then pruned
    assert calls == [cache] and not stale.exists()
    load_deck_cached(decks[1], cache)  # another miss: this process pruned already
    load_deck_cached(decks[0], cache)  # a hit
    assert calls == [cache]
    monkeypatch.setattr(deck_cache, "_pruned", set())  # a new process starting from the cache
    load_deck_cached(decks[0], cache)
    load_deck_cached(decks[1], cache)
    assert calls == [cache]


def test_a_hit_marks_its_entry_used_at_most_once_a_day(tmp_path: Path) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(DECK.format(n=1))
    cache = tmp_path / "cache"
    load_deck_cached(deck_file, cache)
    (entry,) = cache.glob("*.deck")
    hour_ago = NOW - 3_600 * 10**9
    os.utime(entry, ns=(hour_ago, hour_ago))
    load_deck_cached(deck_file, cache)
    assert entry.stat().st_mtime_ns == hour_ago  # used within a day: no write
    long_ago = NOW - 20 * DAY_NS
    os.utime(entry, ns=(long_ago, long_ago))
    load_deck_cached(deck_file, cache)
    assert entry.stat().st_mtime_ns > NOW - DAY_NS  # kept from pruning for 30 more days
    assert prune(cache, time.time_ns()) == []

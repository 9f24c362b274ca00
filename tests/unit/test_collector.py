"""The one collector pause: off while paused, resumed once (what was built frozen out of later
collections), nested pauses leave the outer one alone, and an error resumes without freezing."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from vae_quiz import collector


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


def test_a_pause_lasts_until_resumed_and_resuming_freezes_what_was_built() -> None:
    resume = collector.pause()
    assert not gc.isenabled()
    built = [[n] for n in range(1000)]
    frozen_before = gc.get_freeze_count()
    resume()
    assert gc.isenabled() and gc.get_freeze_count() >= frozen_before + len(built)
    gc.disable()
    resume()  # a second resume does nothing
    assert not gc.isenabled()


def test_a_pause_within_a_pause_leaves_the_outer_one_paused() -> None:
    resume = collector.pause()
    with collector.paused():
        pass
    assert not gc.isenabled()
    collector.pause()()
    assert not gc.isenabled()
    resume()
    assert gc.isenabled()


def test_an_error_in_a_paused_block_resumes_without_freezing() -> None:
    frozen_before = gc.get_freeze_count()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("a deck that does not parse")
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before


def test_a_tui_command_leaves_the_collector_on_when_it_ends_before_the_app(tmp_path) -> None:
    from vae_quiz.cli import main

    assert main(["review", "--db", str(tmp_path / "p.sqlite3")]) == 0  # empty queue: no app
    assert gc.isenabled()

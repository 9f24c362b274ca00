"""The settings file from the command line: a bad key or value is one line naming the file, its
line and the key, exit 1, before any screen; and which value wins (option > deck > global)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz.cli import common
from vae_quiz.modes.session import SessionOptions
from vae_quiz.settings import DeckSettings, Settings


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('theme = "solarized"\n', ":1: theme 'solarized' is not one of the themes: ansi-dark,"),
        ("# mine\n[decks.vae]\nnew_per_dya = 3\n",
         ":3: unknown setting 'decks.vae.new_per_dya' (did you mean 'new_per_day'?)"),
        ("new_per_day = -2\n", ":1: new_per_day must be a whole number, 0 or more"),
        ("[decks.vae]\ndesired_retention = 1.5\n", ":2: decks.vae.desired_retention must be 0.70"),
    ],
)  # fmt: skip
def test_a_bad_setting_stops_a_mode_with_one_line_and_exit_1(
    tmp_path: Path, text: str, message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    env = {"VAE_QUIZ_CONFIG": str(config), "VAE_QUIZ_DECKS": str(tmp_path / "none")}
    for command in (["study", "vae"], ["today", "vae"], []):
        result = run(*command, "--db", str(tmp_path / "p.sqlite3"), env=env)
        assert result.returncode == 1, command
        assert result.stderr.startswith(f"vae-quiz: {config}{message}"), command
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert config.read_text() == text


def test_new_says_it_is_per_deck_and_defaults_to_the_settings_file(tmp_path: Path) -> None:
    result = run("today", "--help")
    assert result.returncode == 0
    assert "in each deck" in " ".join(result.stdout.split())
    assert "new_per_day in config.toml" in " ".join(result.stdout.split())


CONFIG = Settings(desired_retention=0.85, new_per_day=10,
                  decks={"vae": DeckSettings(0.8, 3), "b": DeckSettings(None, None)})  # fmt: skip


@pytest.mark.parametrize(
    ("given", "retention", "per_deck", "new", "new_per_deck"),
    [
        ({}, 0.85, {"vae": 0.8}, 10, {"vae": 3}),
        ({"retention": 0.75, "new": 7}, 0.75, {}, 7, {}),
        ({"new": 0}, 0.85, {"vae": 0.8}, 0, {}),
    ],
)
def test_the_command_line_beats_a_decks_setting_which_beats_the_global_one(
    given, retention, per_deck, new, new_per_deck
) -> None:
    args = argparse.Namespace(**{"retention": None, "new": None, **given})
    scheduler = common.scheduler(args, CONFIG)
    assert scheduler.desired_retention == retention
    assert scheduler.for_deck("vae").desired_retention == per_deck.get("vae", retention)
    assert scheduler.for_deck("b").desired_retention == retention
    assert common.new_per_day(args, CONFIG) == (new, new_per_deck)
    options = SessionOptions(new_per_day=new, new_per_deck=new_per_deck)
    assert (options.new_limit("vae"), options.new_limit("b")) == (new_per_deck.get("vae", new), new)


def test_defaults_when_neither_the_file_nor_the_command_line_says() -> None:
    args = argparse.Namespace(retention=None, new=None)
    assert common.scheduler(args, Settings()).desired_retention == 0.9
    assert common.new_per_day(args, Settings()) == (20, {})


def test_a_decks_very_high_retention_gets_anki_s_warning_naming_the_deck(capsys) -> None:
    config = Settings(decks={"vae": DeckSettings(0.98, None)})
    common.scheduler(argparse.Namespace(retention=None), config)
    assert capsys.readouterr().err.strip().endswith("overwhelming (deck vae)")

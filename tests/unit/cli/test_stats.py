"""`vae-quiz stats` as scripts see it (plain text, --json), and the desired-retention setting."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import run
from vae_quiz.progress.store import MISSED, Answer, ProgressStore
from vae_quiz.settings import SettingsError, load_settings


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "p.sqlite3"
    store = ProgressStore(db)
    now = datetime.now(UTC)
    for days in (0, 1, 2):
        store.record(Answer(deck="vae", item="encoder-output", kind="question", mode="test",
                            outcome="incorrect", answered_at=now - timedelta(days=days),
                            result=MISSED))  # fmt: skip
    store.close()
    return db


def test_stats_json_has_the_documented_keys(tmp_path: Path) -> None:
    env = {"VAE_QUIZ_DECKS": str(tmp_path / "none"), "VAE_QUIZ_CONFIG": str(tmp_path / "c")}
    result = run("stats", "--json", "--db", str(_db(tmp_path)), env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    keys = {"today", "total_answers", "answers_per_day", "streak", "forecast", "retention",
            "test", "concepts", "suggestions", "leeches", "weakest_concepts"}  # fmt: skip
    assert set(data) == keys
    assert data["total_answers"] == 3
    assert data["test"] == {"answers": 3, "correct": 0, "accuracy": 0.0}
    assert data["streak"]["current"] >= 2
    assert len(data["forecast"]) == 30
    assert data["retention"]["desired"] == 0.9


def test_stats_without_a_terminal_prints_plain_text(tmp_path: Path) -> None:
    env = {"VAE_QUIZ_DECKS": str(tmp_path / "none"), "VAE_QUIZ_CONFIG": str(tmp_path / "c")}
    result = run("stats", "--db", str(_db(tmp_path)), env=env)
    assert result.returncode == 0, result.stderr
    assert "Questions, every mode: 0/3 right (0.0%)" in result.stdout
    assert "Answers per day, last 365 days" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_stats_without_a_deck_count_decks_studied_from_a_file_named_elsewhere(
    tmp_path: Path,
) -> None:
    """A deck studied as `vae-quiz study my.yaml` (not in the deck folder) is in the progress
    file: `stats` with no deck named counts its answers; naming a deck keeps to that deck."""
    db = _db(tmp_path)  # 3 answers in the bundled vae deck
    store = ProgressStore(db)
    store.record(Answer(deck="elsewhere", item="q1", kind="question", mode="test",
                        outcome="incorrect", answered_at=datetime.now(UTC),
                        result=MISSED))  # fmt: skip
    store.close()
    env = {"VAE_QUIZ_DECKS": str(tmp_path / "none"), "VAE_QUIZ_CONFIG": str(tmp_path / "c")}
    every = json.loads(run("stats", "--json", "--db", str(db), env=env).stdout)
    assert every["total_answers"] == 4
    assert every["test"]["answers"] == 4
    named = json.loads(run("stats", "vae", "--json", "--db", str(db), env=env).stdout)
    assert named["total_answers"] == 3


def test_stats_never_create_a_progress_file(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    result = run("stats", "--json", "--db", str(db), env={"VAE_QUIZ_CONFIG": str(tmp_path / "c")})
    assert result.returncode == 0 and json.loads(result.stdout)["total_answers"] == 0
    assert not db.exists()


def test_retention_comes_from_the_option_then_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("desired_retention = 0.85\n")
    env = {"VAE_QUIZ_CONFIG": str(config), "VAE_QUIZ_DECKS": str(tmp_path / "none")}
    db = str(tmp_path / "p.sqlite3")
    from_file = json.loads(run("stats", "--json", "--db", db, env=env).stdout)
    assert from_file["retention"]["desired"] == 0.85
    from_option = run("stats", "--json", "--db", db, "--retention", "0.98", env=env)
    assert json.loads(from_option.stdout)["retention"]["desired"] == 0.98
    assert "workload can become overwhelming" in from_option.stderr
    refused = run("stats", "--retention", "1.2", env=env)
    assert refused.returncode == 2 and "0.70 to 0.99" in refused.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [("desired_retention = 2\n", "0.70 to 0.99"), ("retention = 0.9\n", "unknown setting"),
     ("desired_retention = 'high'\n", "must be a number"), ("= broken\n", "not valid TOML")],
)  # fmt: skip
def test_a_bad_config_file_is_named_in_a_one_line_error(tmp_path: Path, text: str,
                                                        message: str) -> None:  # fmt: skip
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_settings(config)
    result = run("stats", "--json", "--db", str(tmp_path / "p.sqlite3"),
                 env={"VAE_QUIZ_CONFIG": str(config)})  # fmt: skip
    assert result.returncode == 1
    assert str(config) in result.stderr and len(result.stderr.strip().splitlines()) == 1

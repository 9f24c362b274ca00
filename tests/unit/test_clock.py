"""Local days under any TZ the C library accepts, including offsets datetime refuses."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import run
from vae_quiz.clock import local_date, local_wall, start_of_day
from vae_quiz.progress.store import Answer, ProgressStore

ODD_ZONES = ["UTC+24", "UTC-24", "XYZ+24:59:59", "UTC-14", "Europe/Paris"]
moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)


@pytest.fixture(params=ODD_ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the TZ is fixed
@given(now=moments)
def test_start_of_day_is_local_midnight_at_or_before_now_when_tz_is_odd(
    zone: str, now: datetime
) -> None:
    midnight = start_of_day(now)
    assert midnight <= now
    assert now - midnight < timedelta(days=1)
    wall = local_wall(midnight)
    assert wall.time().isoformat() == "00:00:00" or wall in (datetime.max, datetime.min)


def test_local_date_follows_a_24_hour_offset_that_datetime_refuses(zone: str) -> None:
    noon = datetime(2026, 3, 10, 12, tzinfo=UTC)
    expected = {"UTC+24": 9, "UTC-24": 11, "XYZ+24:59:59": 9, "UTC-14": 11, "Europe/Paris": 10}
    assert local_date(noon).day == expected[zone]


def test_local_wall_clamps_when_the_local_year_is_past_9999(zone: str) -> None:
    assert local_date(datetime(9999, 12, 31, 23, tzinfo=UTC)).year == 9999


@pytest.mark.parametrize("tz", ["UTC+24", "UTC-24"])
def test_decks_and_stats_work_when_tz_is_a_24_hour_offset(tmp_path: Path, tz: str) -> None:
    db = tmp_path / "p.sqlite3"
    store = ProgressStore(db)
    at = datetime.now(UTC) - timedelta(days=2)
    store.record(Answer("vae", "vae-what", "card", "study", "good", at, rating=3,
                        state_after='{"state": 2}', due_after=at + timedelta(days=3)))  # fmt: skip
    store.close()
    for command in (["decks"], ["stats"], ["stats", "--json"]):
        result = run(*command, "--db", str(db), env={"TZ": tz})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr

"""The stats screen's compact charts: a heatmap cut to the weeks that fit, a 14-day forecast."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vae_quiz.progress.report_text import forecast_chart, heatmap_lines

TODAY = date(2026, 3, 2)  # a Monday


@dataclass
class FakeReport:
    """Only the fields the charts read (the Report's own are built from a store elsewhere)."""

    forecast: list[int] = field(default_factory=lambda: [0] * 30)
    answers_per_day: dict[date, int] = field(default_factory=dict)
    today: date = TODAY


def test_the_forecast_chart_has_counts_bars_and_days() -> None:
    report = FakeReport(forecast=[3, 0, 12, 1] + [0] * 26)
    lines = forecast_chart(report, days=4, height=2)  # type: ignore[arg-type]
    assert lines == [
        "today 3 · tomorrow 0 · most 12, Wed 04",
        "       ██   ",
        " ▄▄    ██ ▁▁",  # 3 and 1 of 12: half a row, an eighth
        "tdy  3  4  5",
    ]


@given(st.lists(st.integers(0, 500), min_size=30, max_size=30))
def test_every_day_with_something_due_has_a_bar(counts: list[int]) -> None:
    lines = forecast_chart(FakeReport(forecast=counts))  # type: ignore[arg-type]
    bottom = lines[-2]
    for day, count in enumerate(counts[:14]):
        assert (bottom[1 + 3 * day] != " ") == (count > 0)


@given(st.integers(4, 60))
def test_a_heatmap_of_n_weeks_ends_today_and_is_4_plus_n_columns(weeks: int) -> None:
    report = FakeReport(answers_per_day={TODAY: 3, TODAY - timedelta(days=7 * 60): 20})
    lines = heatmap_lines(report, weeks)  # type: ignore[arg-type]
    shown = min(weeks, 53)
    assert len(lines) == 8
    assert all(len(line) <= 4 + shown for line in lines)
    assert lines[1] == "Mon " + "·" * (shown - 1) + "▒"  # today, a Monday, in the last column


def test_large_counts_are_in_the_figures_line() -> None:
    report = FakeReport(forecast=[999, 1500, 45_000, 2_000_000] + [0] * 26)
    lines = forecast_chart(report, days=4)  # type: ignore[arg-type]
    assert lines[0] == "today 999 · tomorrow 1,500 · most 2,000,000, Thu 05"
    assert all(len(line) <= 12 for line in lines[1:])


def test_the_heatmap_names_december_on_the_7th_of_december() -> None:
    """The tester's case: on 2026-12-07 the year starts on Monday 2025-12-08, after December's
    first Monday, and December 2026 starts in the last column: no Dec was shown."""
    report = FakeReport(today=date(2026, 12, 7))
    months = heatmap_lines(report)[0]  # type: ignore[arg-type]
    assert months == "    Dec Jan Feb Mar  Apr May Jun  Jul Aug  Sep Oct Nov"


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(4, 60))
def test_month_names_sit_over_their_month_and_apart(today: date, weeks: int) -> None:
    lines = heatmap_lines(FakeReport(today=today), weeks)  # type: ignore[arg-type]
    shown = min(weeks, 53)
    months = lines[0][4:]
    assert len(months) <= shown
    start = today - timedelta(days=today.weekday(), weeks=shown - 1)
    names = [(m.start(), m.group()) for m in re.finditer(r"\S+", months)]
    for (column, _), (after, _) in itertools.pairwise(names):
        assert after >= column + 4  # three letters and a space at least
    for column, name in names:
        assert len(name) == 3
        # The name is over a column of its month (the day before today's column, or a name
        # moved left to end on the last column).
        week_days = {start + timedelta(weeks=w, days=d) for w in range(column, shown)
                     for d in range(7)}  # fmt: skip
        assert name in {day.strftime("%b") for day in week_days if day <= today}
    # Every month whose first Monday's column leaves room for a name and a space is named.
    for week in range(shown - 3):
        monday = start + timedelta(weeks=week)
        if monday.day <= 7 and week >= 4:
            assert months[week : week + 3] == monday.strftime("%b")

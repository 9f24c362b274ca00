"""The stats report as plain text: a year heatmap in 80 columns, a forecast bar chart and the
figures. Used by `vae-quiz stats` when stdout is not a terminal, and by the stats screen."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from vae_quiz.progress.report import FORECAST_DAYS, HEATMAP_DAYS, Report

# Shades for 0, 1-2, 3-5, 6-10, 11+ answers a day: readable without colour.
SHADES = " ░▒▓█"
SHADE_LIMITS = (2, 5, 10)  # the most answers of each shade but the last
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def shade(count: int) -> str:
    if count <= 0:
        return "·"
    return SHADES[1 + bisect_left(SHADE_LIMITS, count)]


def heatmap_lines(report: Report, weeks: int | None = None) -> list[str]:
    """Seven rows (Monday first), one column per week, the last 365 days; 57 columns wide.
    With `weeks`, only that many of the latest weeks (at least 4): 4 + `weeks` columns."""
    first = report.today - timedelta(days=HEATMAP_DAYS - 1)
    start = first - timedelta(days=first.weekday())  # the Monday of the first week
    all_weeks = (report.today - start).days // 7 + 1
    if weeks is not None and 4 <= weeks < all_weeks:
        start += timedelta(weeks=all_weeks - weeks)
        first = start
    weeks = (report.today - start).days // 7 + 1
    rows = []
    for weekday in range(7):
        days = (start + timedelta(days=7 * week + weekday) for week in range(weeks))
        cells = "".join(
            shade(report.answers_per_day.get(day, 0)) if first <= day <= report.today else " "
            for day in days
        )
        rows.append(f"{WEEKDAYS[weekday]:>3} {cells}")
    return ["    " + month_labels(start, first, weeks), *rows]


def month_labels(start: date, first: date, weeks: int) -> str:
    """The month names above `weeks` columns of weeks from the Monday `start` (the first day
    shown being `first`): each where its month's first column is, the first column's month
    too (when the next name leaves it room), one space at least between two names. A name that
    would run past the last column ends on it instead, if there is room; never wider than
    `weeks`."""
    starts: list[tuple[int, str]] = []  # (column, name) of each month's first column
    for week in range(weeks):
        day = max(start + timedelta(weeks=week), first)
        if not starts or day.day <= 7:
            name = day.strftime("%b")
            if not starts or starts[-1][1] != name:
                starts.append((week, name))
    months = [" "] * weeks
    free = 0  # the first column a name may start on
    for index, (column, name) in enumerate(starts):
        column = min(column, weeks - 3)
        crowded = index + 1 < len(starts) and starts[index + 1][0] < column + 4
        if column < free or crowded:
            continue
        months[column : column + 3] = name
        free = column + 4
    return "".join(months).rstrip()


def forecast_lines(report: Report, width: int = 40) -> list[str]:
    """One bar per day for the next 30 days, scaled to `width`."""
    peak = max(report.forecast, default=0)
    lines = []
    for offset, count in enumerate(report.forecast[:FORECAST_DAYS]):
        day = report.today + timedelta(days=offset)
        bar = "█" * (round(width * count / peak) if peak else 0)
        label = "today" if offset == 0 else day.strftime("%a %d")
        lines.append(f"{label:>6} {count:>4} {bar}")
    return lines


BAR_EIGHTHS = " ▁▂▃▄▅▆▇█"


def forecast_chart(report: Report, days: int = 14, height: int = 4) -> list[str]:
    """The next `days` days' due counts as a column chart, 3 columns a day: a line of figures
    (today, tomorrow, the busiest day), `height` rows of bars (in eighths of a row), then the
    day of the month (`tdy` for today)."""
    counts = report.forecast[:days]
    peak = max(counts, default=0)
    rows: list[list[str]] = [[] for _ in range(height)]
    for count in counts:
        eighths = round(8 * height * count / peak) if peak else 0
        if count and not eighths:
            eighths = 1  # a day with something due is never drawn empty
        for row in range(height):
            level = min(8, max(0, eighths - 8 * (height - 1 - row)))
            rows[row].append(BAR_EIGHTHS[level] * 2)
    days_shown = range(len(counts))
    labels = [
        "tdy" if d == 0 else f"{(report.today + timedelta(days=d)).day:>2}" for d in days_shown
    ]
    figures = f"today {counts[0] if counts else 0:,}"
    if len(counts) > 1:
        figures += f" · tomorrow {counts[1]:,}"
    if peak:
        busiest = report.today + timedelta(days=counts.index(peak))
        figures += f" · most {peak:,}, {busiest.strftime('%a %d')}"
    return [
        figures,
        *(" " + " ".join(row) for row in rows),
        "".join(f"{label:>3}" for label in labels),
    ]


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def figure_lines(report: Report) -> list[str]:
    retention = percent(report.true_retention)
    return [
        f"Answers: {report.total_answers:,} in all, "
        f"{sum(report.answers_per_day.values()):,} in the last 365 days",
        f"Streak: {_days(report.streak_current)} now, {_days(report.streak_longest)} at most",
        f"True retention (last 30 days, {report.retention_reviews} reviews): {retention}; "
        f"desired {100 * report.desired_retention:.0f}%",
        f"Questions, every mode: {report.test_correct}/{report.test_answers} right "
        f"({percent(report.test_accuracy)})",
        f"Prompts, every mode: {report.concepts_covered}/{report.concepts_total} concepts "
        f"covered ({percent(report.concept_coverage)}) in {report.concept_answers} "
        f"answer{'' if report.concept_answers == 1 else 's'}",
        f"Suggested ticks kept: {report.suggestions.agreed}/{report.suggestions.judged} "
        f"({percent(report.suggestion_agreement)}); {report.suggestions.added} added, "
        f"{report.suggestions.removed} taken off",
    ]


def report_text(report: Report) -> str:
    """The whole report, plain text, at most 80 columns wide."""
    out = [f"vae-quiz stats · {report.today.isoformat()}", "", *figure_lines(report), ""]
    out += ["Answers per day, last 365 days (· none  ░ 1-2  ▒ 3-5  ▓ 6-10  █ 11+)"]
    out += heatmap_lines(report)
    out += ["", "Due in the next 30 days", *forecast_lines(report)]
    out += ["", "Leeches (8 or more lapses)"]
    out += [
        f"  {leech.deck} / {leech.item}: {leech.lapses} lapses" for leech in report.leeches
    ] or ["  none"]
    out += ["", "Concepts missed most"]
    out += [
        f"  {t.deck} / {t.item}: {t.concept} (missed {t.missed}, covered {t.covered})"
        for t in report.weakest_concepts
    ] or ["  none"]
    return "\n".join(out)

"""The stats screen: figures, a year heatmap, the due forecast, leeches and weakest concepts,
each in a panel; two columns of panels from 120 columns, one below."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static

from vae_quiz.progress.report import Report
from vae_quiz.progress.report_text import figure_lines, forecast_chart, heatmap_lines
from vae_quiz.ui.hanging import Hanging, Stack
from vae_quiz.ui.literal import literal
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.widgets.key_bar import KeyBar

STATS_KEYS = [
    ("up, down, page keys", "scroll"),
    ("home, end", "the first panel, the last one"),
    ("q, escape, enter", "close the stats"),
    ("ctrl+c", "quit at once"),
    ("?", "this help"),
]

# From this width the panels sit in two columns.
GRID_MIN_WIDTH = 120
FORECAST_DAYS_SHOWN = 14
HEATMAP_LABEL = 4  # "Mon " before the weeks


class Heatmap(Widget):
    """The answers-per-day heatmap, as many of the latest weeks as fit its width (a year at
    57 columns), so a row never wraps."""

    DEFAULT_CSS = """
    Heatmap { height: 8; text-wrap: nowrap; }
    """

    def __init__(self, report: Report, id: str | None = None) -> None:
        super().__init__(id=id)
        self._report = report

    def render(self) -> Content:
        weeks = max(4, self.size.width - HEATMAP_LABEL)
        return Content("\n".join(heatmap_lines(self._report, weeks)))


class StatsScreen(Screen[None]):
    """Shows a Report; any of q, escape or enter closes it."""

    DEFAULT_CSS = """
    #stats-body { padding: 0 1; }
    #stats-grid { layout: grid; grid-size: 1; grid-rows: auto; grid-gutter: 0 1; height: auto; }
    StatsScreen.-wide #stats-grid { grid-size: 2; }
    .stats-panel {
        height: auto;
        border: round $primary-darken-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
    }
    .stats-legend { color: $text-muted; }
    #stats-heatmap { color: $state-right; }
    #stats-forecast { color: $state-new; text-wrap: nowrap; }
    .stats-warning { color: $warning; }
    """
    BINDINGS = [
        Binding("q", "dismiss", "Close"),
        Binding("escape", "dismiss", "Close", show=False),
        Binding("enter", "dismiss", "Close", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, report: Report, warning: str | None = None) -> None:
        super().__init__()
        self._report = report
        self._warning = warning

    def compose(self) -> ComposeResult:
        r = self._report
        with Horizontal(classes="screen-header"):
            yield Static("Stats", classes="header-title", markup=False)
            yield Static(r.today.isoformat(), classes="header-status", markup=False)
        with VerticalScroll(id="stats-body"):
            if self._warning:
                yield Static(Content(self._warning), classes="stats-warning", markup=False)
            with Container(id="stats-grid"):
                with _panel("Figures"):
                    yield Static(Content("\n".join(figure_lines(r))), id="stats-figures")
                with _panel("Answers per day"):
                    yield Heatmap(r, id="stats-heatmap")
                    yield Static("· none ░ 1-2 ▒ 3-5 ▓ 6-10 █ 11+", classes="stats-legend",
                                 markup=False)  # fmt: skip
                with _panel(f"Due in the next {FORECAST_DAYS_SHOWN} days"):
                    chart = forecast_chart(r, FORECAST_DAYS_SHOWN)
                    yield Static(Content("\n".join(chart)), id="stats-forecast")
                    later = sum(r.forecast[FORECAST_DAYS_SHOWN:])
                    days = f"days {FORECAST_DAYS_SHOWN + 1}-{len(r.forecast)}"
                    yield Static(f"{days}: {later:,} more",
                                 classes="stats-legend", markup=False)  # fmt: skip
                # Deck and item ids and concepts come from the progress file: a row a line.
                with _panel("Leeches (8 or more lapses)"):
                    leeches = [f"{x.deck} / {x.item}: {x.lapses} lapses" for x in r.leeches]
                    yield Static(_rows(leeches), id="stats-leeches")
                with _panel("Concepts missed most", id="stats-last"):
                    weakest = [
                        f"{t.deck} / {t.item}: {t.concept} (missed {t.missed}, covered {t.covered})"
                        for t in r.weakest_concepts
                    ]
                    yield Static(_rows(weakest), id="stats-concepts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()

    @on(Resize)
    def _fit(self, event: Resize) -> None:
        self.set_class(event.size.width >= GRID_MIN_WIDTH, "-wide")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("stats", STATS_KEYS))


def _panel(title: str, id: str | None = None) -> Vertical:
    panel = Vertical(classes="stats-panel", id=id)
    panel.border_title = title
    return panel


def _rows(rows: list[str]) -> Visual:
    """Rows of progress data shown literally, a bullet each, a long one wrapping under its own
    text; "none" when there are none."""
    if not rows:
        return Content("none")
    return Stack(Hanging("• ", literal(row, one_line=True)) for row in rows)

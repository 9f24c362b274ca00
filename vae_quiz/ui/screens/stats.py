"""The stats screen: figures, a year heatmap, the due forecast, leeches and weakest concepts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from vae_quiz.progress.report import Report
from vae_quiz.progress.report_text import figure_lines, forecast_lines, heatmap_lines
from vae_quiz.ui.literal import literal
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.widgets.key_bar import KeyBar

STATS_KEYS = [
    ("up, down, page keys", "scroll"),
    ("q, escape, enter", "close the stats"),
    ("ctrl+c", "quit at once"),
    ("?", "this help"),
]


class StatsScreen(Screen[None]):
    """Shows a Report; any of q, escape or enter closes it."""

    DEFAULT_CSS = """
    #stats-body { padding: 0 1; }
    .stats-title { text-style: bold; margin-top: 1; }
    #stats-heatmap { color: $success; }
    #stats-forecast { color: $primary; }
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
            yield Static(Content("\n".join(figure_lines(r))), id="stats-figures", markup=False)
            if self._warning:
                yield Static(Content(self._warning), classes="stats-warning", markup=False)
            yield Static("Answers per day, last 365 days  (· none ░ 1-2 ▒ 3-5 ▓ 6-10 █ 11+)",
                         classes="stats-title", markup=False)  # fmt: skip
            yield Static(Content("\n".join(heatmap_lines(r))), id="stats-heatmap", markup=False)
            yield Static("Due in the next 30 days", classes="stats-title", markup=False)
            yield Static(Content("\n".join(forecast_lines(r))), id="stats-forecast", markup=False)
            yield Static("Leeches (8 or more lapses)", classes="stats-title", markup=False)
            # Deck and item ids and concepts come from the progress file: each row on one line.
            leeches = [f"{x.deck} / {x.item}: {x.lapses} lapses" for x in r.leeches] or ["none"]
            yield Static(_rows(leeches), id="stats-leeches", markup=False)
            yield Static("Concepts missed most", classes="stats-title", markup=False)
            weakest = [
                f"{t.deck} / {t.item}: {t.concept} (missed {t.missed}, covered {t.covered})"
                for t in r.weakest_concepts
            ] or ["none"]
            yield Static(_rows(weakest), id="stats-concepts", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("stats", STATS_KEYS))


def _rows(rows: list[str]) -> Content:
    """Rows of progress data, one line each, shown literally."""
    return Content("\n").join(literal(row, one_line=True) for row in rows)

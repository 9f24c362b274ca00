"""The home screen: the decks with what waits in each; pick a deck (or all) and a mode."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.visual import Visual
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from vae_quiz.model import Deck
from vae_quiz.modes.mode import Mode
from vae_quiz.progress.overview import DeckStatus, KindCounts, kind_totals
from vae_quiz.progress.report import Report
from vae_quiz.progress.report_text import forecast_chart
from vae_quiz.text import describe_last, plural
from vae_quiz.ui.hanging import Hanging, Stack
from vae_quiz.ui.literal import literal
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.screens.in_full import KEY as INFO_KEY
from vae_quiz.ui.screens.in_full import InFullScreen
from vae_quiz.ui.widgets.key_bar import KeyBar

HOME_KEYS = [
    ("up, down", "choose a deck, or all decks"),
    ("enter", "today: everything due in it, every kind mixed, then new items"),
    ("s", "study its recall cards (spaced repetition)"),
    ("t", "test yourself on its multiple-choice questions"),
    ("c", "concepts: write answers to its open prompts"),
    ("r", "review the items you missed"),
    ("p", "practise every card without moving the schedule (cram)"),
    ("x", "stats: activity, streaks, forecast, retention, weak spots"),
    ("ctrl+p", "command palette: every mode and deck by name"),
    ("q, ctrl+c", "quit"),
    (
        "i",
        "info: the chosen deck's title, description, counts and forecast, and the decks "
        "that could not be loaded, in full",
    ),
    ("?", "this help"),
]

# Each kind's name for a count: [plural, singular].
KIND_NAMES = {"card": ("cards", "card"), "question": ("questions", "question"),
              "prompt": ("prompts", "prompt")}  # fmt: skip


DETAIL_FROM_WIDTH = 120  # columns from which the deck detail panel is shown beside the list
# The detail panel's text width (its 60 columns less border and padding), and the most lines a
# deck's title and description take there: a long one ends in "…" (`i` shows it whole), so the
# counts and forecast under it stay in view.
DETAIL_TEXT_WIDTH = 56
DETAIL_TITLE_LINES = 2
DETAIL_DESCRIPTION_LINES = 6
MAX_PROBLEM_DECKS = 4  # with the heading and the "and N more" line: the panel's 6 lines
MAX_PROBLEM_CHARS = 300


class HomeScreen(Screen[None]):
    """Lists the decks with their counts; posts `Start` when the learner picks a mode.

    Args:
        load_statuses: called on show (and after each session) for fresh counts.
        now: the clock, for "last studied".
        problems: one line per deck that could not be loaded (its path first), shown as a
            warning; a few of them when there are many.
    """

    BINDINGS = [
        Binding("enter", "start('today')", "Today", priority=True),
        Binding("s", "start('study')", "Study"),
        Binding("t", "start('test')", "Test"),
        Binding("c", "start('concepts')", "Concepts"),
        Binding("r", "start('review')", "Review"),
        Binding("p", "start('cram')", "Cram"),
        Binding("x", "start('stats')", "Stats"),
        Binding("q", "app.quit", "Quit"),
        Binding(INFO_KEY, "info", "Info"),
        Binding("question_mark", "help", "Help"),
    ]

    @dataclass
    class Start(Message):
        """Run `mode` over `decks`."""

        mode: Mode
        decks: Sequence[Deck]

    def __init__(
        self,
        load_statuses: Callable[[], list[DeckStatus]],
        now: Callable[[], datetime],
        problems: Sequence[str] = (),
        first_run_folder: Path | None = None,
        load_report: Callable[[Sequence[Deck]], Report] | None = None,
    ) -> None:
        super().__init__()
        self._load_report = load_report
        self._reports: dict[str, Report] = {}  # by option id, until the counts are reloaded
        self._load_statuses = load_statuses
        self._now = now
        self._problems = list(problems)
        self._first_run_folder = first_run_folder
        self._statuses: list[DeckStatus] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("vae-quiz", classes="header-title", markup=False)
            yield Static("", id="home-status", classes="header-status", markup=False)
        with Horizontal(id="home-body"):
            yield OptionList(id="deck-list", markup=False)
            # On a wide terminal: the highlighted deck's description, counts and forecast.
            yield Static("", id="deck-detail", markup=False)
        if self._problems:
            lines = self._problem_lines()
            yield Static(Content("\n").join(lines), id="home-problems", markup=False)
        if self._first_run_folder is not None:
            yield Static(self._first_run_hint(self._first_run_folder), id="home-hint")
        yield KeyBar()

    @staticmethod
    def _first_run_hint(folder: Path) -> Content:
        """Where the learner's own decks go and the two ways to make one."""
        return Content.assemble(
            ("Your own decks go in ", "bold"), literal(str(folder), one_line=True),
            "\nMake one: ", ("vae-quiz new NAME", "bold"), " (a commented starter deck)",
            "\nImport one: ", ("vae-quiz import FILE --from anki-csv", "bold"),
        )  # fmt: skip

    def _problem_lines(self) -> list[Content]:
        """A heading counting the decks, then at most MAX_PROBLEM_DECKS of their lines: the
        panel stays a few lines, however many decks (or problems) there are."""
        count = len(self._problems)
        verb = "lists its problems" if count == 1 else "lists every problem"
        lines = [
            Content(f"{plural(count, 'deck')} could not be loaded; vae-quiz check FILE {verb}:")
        ]
        lines += [literal(line[:MAX_PROBLEM_CHARS], one_line=True)
                  for line in self._problems[:MAX_PROBLEM_DECKS]]  # fmt: skip
        if count > MAX_PROBLEM_DECKS:
            lines.append(Content(f"and {plural(count - MAX_PROBLEM_DECKS, 'more deck')}"))
        return lines

    def on_mount(self) -> None:
        self.query_one("#deck-list").border_title = "Decks"
        self.refresh_counts()

    def on_screen_resume(self) -> None:
        # Back from a session: the counts have changed.
        if self.is_mounted:
            self.refresh_counts()

    def refresh_counts(self) -> None:
        """Reload every deck's due, new and review-queue counts."""
        self._statuses = self._load_statuses()
        self._reports.clear()
        deck_list = self.query_one("#deck-list", OptionList)
        keep = deck_list.highlighted
        deck_list.clear_options()
        options: list[Option] = []
        if len(self._statuses) > 1:
            options.append(Option(self._all_row(), id="all"))
        options.extend(Option(self._deck_row(s), id=f"deck-{s.deck.id}") for s in self._statuses)
        if not options:
            options.append(Option(Content("No decks found. Add .yaml decks to your deck folder."),
                                  disabled=True))  # fmt: skip
        deck_list.add_options(options)
        deck_list.highlighted = keep if keep is not None and keep < len(options) else 0
        due = sum(s.due for s in self._statuses)
        queued = sum(s.queued for s in self._statuses)
        self.query_one("#home-status", Static).update(Content(f"due {due} · review {queued}"))
        self._show_detail()

    # -- the detail panel (wide terminals) -----------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= DETAIL_FROM_WIDTH and self._load_report is not None
        self.set_class(wide, "-wide")
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#deck-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """Fill the detail panel for the highlighted row (only while it is shown: the report
        reads the deck's history)."""
        if not self.has_class("-wide") or self._load_report is None or not self.is_mounted:
            return
        decks = self.chosen_decks()
        deck_list = self.query_one("#deck-list", OptionList)
        if not decks or deck_list.highlighted is None:
            self.query_one("#deck-detail", Static).update(Content(""))
            return
        self.query_one("#deck-detail", Static).update(self._detail(decks, whole=False))

    def _report(self, decks: Sequence[Deck]) -> Report | None:
        """The report of the highlighted row's `decks`, read once until the counts change."""
        deck_list = self.query_one("#deck-list", OptionList)
        if self._load_report is None or deck_list.highlighted is None:
            return None
        key = str(deck_list.get_option_at_index(deck_list.highlighted).id)
        if key not in self._reports:
            self._reports[key] = self._load_report(decks)
        return self._reports[key]

    def _detail(self, decks: Sequence[Deck], *, whole: bool = True) -> Content:
        """The chosen deck's (or decks') title, description, counts, and with a report the
        last study, retention and a 14-day forecast. Not `whole`: for the panel, a long title
        and description cut to a few lines ending in "…"."""
        chosen = {deck.id for deck in decks}
        statuses = [s for s in self._statuses if s.deck.id in chosen]
        if len(decks) == 1:
            deck = decks[0]
            title = literal(deck.title, one_line=True)
            head = [(title if whole else _clamp(title, DETAIL_TITLE_LINES)).stylize("bold")]
            if deck.description:
                text = literal(deck.description)
                head += [text if whole else _clamp(text, DETAIL_DESCRIPTION_LINES)]
        else:
            head = [Content.styled(f"All decks · {plural(len(decks), 'deck')}", "bold")]
        counts = [
            Content(self._kind_lines(kind_totals(statuses)).rstrip("\n")),
            Content(f"    review queue {sum(s.queued for s in statuses):,}"),
        ]
        report = self._report(decks)
        if report is None:
            return Content("\n").join([*head, Content(""), *counts])
        last = max((s.last_answered for s in statuses if s.last_answered), default=None)
        retention = report.true_retention
        reviews = plural(report.retention_reviews, "review")
        kept = (
            "no reviews in the last 30 days" if retention is None
            else f"{100 * retention:.0f}% remembered of {reviews} in the last 30 days"
        )  # fmt: skip
        lines = [
            *head,
            Content(""),
            *counts,
            Content(f"Last studied {describe_last(last, self._now())}; {kept}"),
            Content(""),
            Content.styled("Due in the next 14 days", "bold"),
            *(Content(line) for line in forecast_chart(report)),
        ]
        return Content("\n").join(lines)

    def _all_row(self) -> Content:
        s = self._statuses
        return Content.assemble(
            ("All decks", "bold"),
            f"   {plural(len(s), 'deck')}\n",
            self._kind_lines(kind_totals(s)),
            f"    review queue {sum(x.queued for x in s):,}",
        )

    def _deck_row(self, status: DeckStatus) -> Content:
        last = describe_last(status.last_answered, self._now())
        return Content.assemble(
            literal(status.deck.title, one_line=True).stylize("bold"),
            "\n",
            self._kind_lines(status.by_kind),
            f"    review queue {status.queued:,} · last studied {last}",
        )

    def _kind_lines(self, by_kind: Mapping[str, KindCounts]) -> str:
        """One line per kind the row holds: its items, due and new, in columns as wide as the
        widest figure on the screen (so no line is wider than it must be, and none wraps at
        60 columns)."""
        every = [c for s in self._statuses for c in s.by_kind.values()]
        every += kind_totals(self._statuses).values()  # "All decks" sums may be wider
        width = [max((len(f"{getattr(c, f):,}") for c in every), default=1)
                 for f in ("items", "due", "new")]  # fmt: skip
        lines = []
        for kind, c in by_kind.items():
            if c.items:
                name = KIND_NAMES[kind][c.items == 1]
                lines.append(f"    {c.items:>{width[0]},} {name:<9}   due {c.due:>{width[1]},}"
                             f"   new {c.new:>{width[2]},}\n")  # fmt: skip
        return "".join(lines)

    def chosen_decks(self) -> list[Deck]:
        """The highlighted deck, or every deck when "All decks" is highlighted."""
        deck_list = self.query_one("#deck-list", OptionList)
        index = deck_list.highlighted
        if index is None or not self._statuses:
            return []
        option = deck_list.get_option_at_index(index)
        if option.id == "all":
            return [s.deck for s in self._statuses]
        return [s.deck for s in self._statuses if f"deck-{s.deck.id}" == option.id]

    def action_start(self, mode: str) -> None:
        decks = self.chosen_decks()
        if decks:
            self.post_message(self.Start(Mode(mode), decks))

    @on(OptionList.OptionSelected, "#deck-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start(Mode.TODAY)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("home", HOME_KEYS))

    def action_info(self) -> None:
        """The chosen deck's detail (a narrow terminal has no room for it beside the list),
        then the decks that could not be loaded, each line whole."""
        decks = self.chosen_decks()
        parts: list[Visual] = [self._detail(decks)] if decks else []
        if self._problems:
            if parts:
                parts.append(Content(""))
            parts.append(self._problem_lines()[0].stylize("$warning"))
            parts += [Hanging("• ", literal(line, one_line=True)) for line in self._problems]
        if parts:
            self.app.push_screen(InFullScreen("Info · home", Stack(parts)))


def _clamp(text: Content, lines: int, width: int = DETAIL_TEXT_WIDTH) -> Content:
    """`text` wrapped to `width`, at most `lines` lines of it, the last ending in "…" when
    some was left out."""
    wrapped = text.wrap(width)
    if len(wrapped) <= lines:
        return text
    last = wrapped[lines - 1].rstrip().truncate(width - 1).rstrip()
    return Content("\n").join([*wrapped[: lines - 1], Content.assemble(last, "…")])

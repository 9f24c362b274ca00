"""VaeQuizApp: one application whose screens are the home screen and every mode.

The CLI opens it on a mode's screen or on home; a session's summary leads home, to review, or out.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from vae_quiz.errors import StoreError
from vae_quiz.model import Deck
from vae_quiz.modes.mode import MODES, Mode
from vae_quiz.modes.scheduler import Scheduler
from vae_quiz.modes.session import Clock, SessionOptions
from vae_quiz.text import printable
from vae_quiz.ui.deck_text import warm_markdown
from vae_quiz.ui.marks import STATE_COLOURS
from vae_quiz.ui.modes import SCREENS, SUMMARIES, SessionEnd, SummaryChoice

# Seconds after the first screen before the Markdown machinery is made ready (a learner reads
# the first card for longer than this; a key pressed meanwhile waits for it, once).
MARKDOWN_WARM_DELAY = 0.5

if TYPE_CHECKING:
    from rich.console import RenderableType

    from vae_quiz.modes.mixed import MixedSession
    from vae_quiz.progress.report import Report
    from vae_quiz.progress.store import ProgressStore
    from vae_quiz.ui.screens.home import HomeScreen


@dataclass
class AppServices:
    """Everything the screens need, built once by the caller (the CLI or a test).

    `problems` are decks that could not be loaded, one line each, for the home screen.
    """

    store: ProgressStore
    decks: Sequence[Deck]
    now: Clock
    scheduler: Scheduler = field(default_factory=Scheduler)
    options: SessionOptions = field(default_factory=SessionOptions)
    problems: Sequence[str] = ()
    # Called once the first screen is on the terminal (the CLI resumes the collector there).
    on_first_screen: Callable[[], None] | None = None
    # The theme to start with (None: Textual's default), and where a theme picked in the
    # command palette is kept (the CLI: the settings file; raises SettingsError).
    theme: str | None = None
    save_theme: Callable[[str], None] | None = None
    # The user's deck folder, for the home screen's first-run hint (None: no hint).
    user_decks: Path | None = None
    # No deck was named: the stats of all `decks` also count every other deck answered in the
    # progress file (one studied from a file named on the command line, or since moved away).
    all_decks: bool = False


class ModeCommands(Provider):
    """The command palette's entries: every mode over all decks and over each deck.

    A deck's title is shown literally (the palette reads a plain string as markup: a title
    `Vim :s/[/]//` would not parse, `[@click=app.quit]` would become an action). The help line,
    which the palette always reads as markup, names decks by id, which is `[a-z0-9-]+` only.
    """

    def _entries(self) -> list[tuple[str, Callable[[], None], str]]:
        app = self.app
        assert isinstance(app, VaeQuizApp)
        decks = list(app.services.decks)
        targets: list[tuple[str, str, list[Deck]]] = (
            [("all decks", "all decks", decks)] if len(decks) > 1 else []
        )
        targets += [(printable(deck.title, one_line=True), f"deck {deck.id}", [deck])
                    for deck in decks]  # fmt: skip
        return [("Home", app.go_home, "the decks and what is due")] + [
            (f"{mode.capitalize()}: {name}", partial(app.start, mode, chosen),
             f"vae-quiz {mode} over {over}")
            for mode in Mode for name, over, chosen in targets
        ]  # fmt: skip

    async def discover(self) -> Hits:
        for name, run, help_text in self._entries():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._entries():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, _highlight(matcher, name), run, text=name, help=help_text)


def _highlight(matcher: Matcher, name: str) -> Content:
    """`name` as Content with the letters the query matched highlighted; `Matcher.highlight`
    would read `name` as markup."""
    content = Content(name)
    for offset in matcher.fuzzy_search.match(matcher.query, name)[1]:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class VaeQuizApp(App[None]):
    """The vae-quiz application. `mode` is the screen it opens with; None opens home."""

    # Every screen's stylesheet is read once, at start: a screen's own CSS_PATH makes Textual
    # re-parse all CSS and restyle every widget when that screen is first pushed. The screens
    # style their widgets by ids no other screen uses.
    CSS_PATH = [
        "app.tcss",
        *(f"screens/{s}.tcss" for s in ("home", "study", "test", "concepts", "summary", "help")),
    ]
    TITLE = "vae-quiz"
    COMMANDS = App.COMMANDS | {ModeCommands}
    # A priority binding, so that ctrl+c quits from any widget; but see check_action.
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", priority=True, show=False)]

    def __init__(self, services: AppServices, mode: Mode | None = Mode.STUDY) -> None:
        super().__init__()
        self.services = services
        # Mode(...) also takes the mode's name, as a caller may still pass it.
        self.start_mode = None if mode is None else Mode(mode)
        # Set when the progress file failed while reading (or keeping a draft on the way out);
        # the CLI prints it after the TUI.
        self.store_error: str | None = None
        self._leaving = False  # set by `exit`: input still queued then is dropped
        # The theme the app starts with needs no saving (setting it calls `watch_theme`).
        self._saved_theme = services.theme or self.theme
        if services.theme is not None:
            self.theme = services.theme

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, plus the state accents (`$state-new`...) taken from them."""
        variables = super().get_css_variables()
        variables.update({name: variables[base] for name, base in STATE_COLOURS.items()})
        self.theme_variables = variables  # styled text resolves its `$...` colours here
        return variables

    def watch_theme(self, theme: str) -> None:
        """Keep a theme picked in the command palette for the next start."""
        from vae_quiz.settings import SettingsError

        if theme == self._saved_theme or self.services.save_theme is None:
            return
        try:
            self.services.save_theme(theme)
        except SettingsError as exc:
            self.notify(printable(str(exc)), title="Theme not saved", severity="error", timeout=10,
                        markup=False)  # fmt: skip
            return
        self._saved_theme = theme

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The answer editor takes ctrl+c itself: it copies a selection, else quits (AnswerEditor).
        return not (action == "quit" and getattr(self.focused, "handles_ctrl_c", False))

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self._leaving = True
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        # Keys and clicks already queued when the app was asked to quit (`q` then `i` typed
        # fast) are dropped: the screen under a closed one would open a box on the way out,
        # which Textual never fills (a traceback instead of the exit).
        if self._leaving and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        # A progress file that fails while the app reads it (a corrupt page, the disk gone) is
        # a user-facing condition, not a crash: leave the terminal cleanly and say what it is.
        # Failed writes never get here: the screens keep the answer and tell the learner.
        if isinstance(error, StoreError):
            self.store_error = str(error)
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def on_mount(self) -> None:
        from vae_quiz.settings import retention_warning

        self._stop_on_signals()
        warning = retention_warning(self.services.scheduler.desired_retention)
        if warning and self.start_mode is not Mode.STATS:
            self.notify(warning, title="Desired retention", severity="warning", timeout=10,
                        markup=False)  # fmt: skip
        # The first screen goes up once the app's mount is over: pushed during it, its first
        # frame is drawn while Textual holds back all drawing, then thrown away and drawn again.
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        if self.start_mode is None:
            self.go_home()
        else:
            self.start(self.start_mode, self.services.decks)
        if self.services.on_first_screen is not None:
            self.call_after_refresh(self.services.on_first_screen)
        if any(deck.is_markdown for deck in self.services.decks):
            # Made ready while the learner reads the first card, not on the key to a later one.
            self.set_timer(MARKDOWN_WARM_DELAY, warm_markdown)

    def _stop_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or SIGTERM ends the app cleanly (answers are saved
        already; a screen with an unsent draft keeps it as it is unmounted). Registered with the
        event loop, which a plain `signal.signal` handler would not wake: the exit would wait for
        the next key or timer."""
        if self.is_headless:
            return  # tests: leave the test runner's signals alone
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.exit)

    # -- home ---------------------------------------------------------------------------------

    def go_home(self) -> None:
        """Show the home screen: back to it when it is below, else open it."""
        from vae_quiz.ui.screens.home import HomeScreen

        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            return
        from vae_quiz.progress.overview import deck_statuses

        s = self.services
        # A first run: none of the decks is the user's own, so home says how to add one.
        folder = s.user_decks
        if folder is not None and any(_is_inside(deck.path, folder) for deck in s.decks):
            folder = None
        statuses = partial(deck_statuses, s.decks, s.store)

        def report(decks: Sequence[Deck]) -> Report:
            from vae_quiz.progress.report import build_report

            return build_report(
                decks,
                s.store,
                s.now(),
                s.scheduler.desired_retention,
                every_answered=self._all_of(decks),
            )

        self.push_screen(
            HomeScreen(
                lambda: statuses(s.now()),
                s.now,
                s.problems,
                first_run_folder=folder,
                load_report=report,
            )
        )

    def _is_home_open(self) -> bool:
        from vae_quiz.ui.screens.home import HomeScreen

        return any(isinstance(screen, HomeScreen) for screen in self.screen_stack)

    def on_home_screen_start(self, message: HomeScreen.Start) -> None:
        self.start(message.mode, message.decks)

    # -- modes --------------------------------------------------------------------------------

    def start(self, mode: Mode, decks: Sequence[Deck]) -> None:
        """Run `mode` over `decks`; its summary then leads home, to review, or out."""
        if mode.asks_one_kind:
            decks = mode.decks_with_items(list(decks))
            if not decks:
                self.notify(
                    f"No {mode.what} in the chosen decks.", severity="warning", markup=False
                )
                return
        open_session = MODES[mode].session
        if open_session is None:
            self.open_stats(decks)
            return
        s = self.services
        session = open_session(decks, s.store, s.scheduler, s.now, s.options)
        if session.current is None and self._is_home_open():
            # From home, a mode with nothing to ask says so instead of an empty session.
            self.notify(mode.idle, title=mode.capitalize(), severity="information")
            return
        if mode in SCREENS:
            screen = SCREENS[mode](session, s.now, None)
            self.push_screen(screen, lambda _: self._show_summary(mode, session))
        else:  # today and review: every kind, each item on its own kind's screen
            self._ask_next(mode, session)

    def _all_of(self, decks: Sequence[Deck]) -> bool:
        """Whether `decks` are all decks, none having been named (see AppServices.all_decks)."""
        s = self.services
        return s.all_decks and {d.id for d in decks} == {d.id for d in s.decks}

    def open_stats(self, decks: Sequence[Deck]) -> None:
        """The stats of `decks`; closing them goes home, or quits when stats were opened
        directly."""
        from vae_quiz.progress.report import build_report
        from vae_quiz.settings import retention_warning
        from vae_quiz.ui.screens.stats import StatsScreen

        s = self.services
        retention = s.scheduler.desired_retention
        report = build_report(
            decks,
            s.store,
            s.now(),
            desired_retention=retention,
            every_answered=self._all_of(decks),
        )
        direct = self.start_mode is Mode.STATS
        self.push_screen(
            StatsScreen(report, retention_warning(retention)),
            lambda _: self.exit() if direct else self.go_home(),
        )

    def _show_summary(self, mode: Mode, session: Any) -> None:
        """`session`'s summary, which leads home, to a review of its decks, or out."""

        def then(choice: SummaryChoice | None) -> None:
            if choice is SummaryChoice.QUIT:
                self.exit()
                return
            self.go_home()
            if choice is SummaryChoice.REVIEW:
                self.start(Mode.REVIEW, session.decks)

        self.push_screen(SUMMARIES[mode](session, self.services.now), then)

    # -- today and review ---------------------------------------------------------------------

    def _ask_next(self, mode: Mode, mixed: MixedSession) -> None:
        """Ask the current item of a session over every kind on its own kind's screen; then the
        next, until none is left or the learner leaves."""
        if mixed.current is None:
            self._show_summary(mode, mixed)
            return
        ask = SCREENS[Mode.asking(mixed.current.item.kind)]
        session = mixed.open_current()

        def step(end: SessionEnd | None) -> None:
            right = mixed.close_current(session)
            if right is None or end is SessionEnd.LEFT_EARLY:
                self._show_summary(mode, mixed)
            else:
                self._ask_next(mode, mixed)

        self.push_screen(ask(session, self.services.now, mixed), step)


def _is_inside(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except OSError:
        return False

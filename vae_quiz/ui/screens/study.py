"""The study screen: the front, reveal the back, rate 1-4, undo; ends with the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import Clock
from vae_quiz.modes.study import StudySession
from vae_quiz.text import counter, describe_due, format_interval
from vae_quiz.ui.deck_text import TextSlot
from vae_quiz.ui.literal import literal
from vae_quiz.ui.modes import SessionEnd
from vae_quiz.ui.saving import NotSaved, save
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.screens.in_full import HELP_ROW as INFO_ROW
from vae_quiz.ui.screens.in_full import KEY as INFO_KEY
from vae_quiz.ui.screens.in_full import item_info
from vae_quiz.ui.widgets.key_bar import KeyBar
from vae_quiz.ui.widgets.rating_bar import RatingBar
from vae_quiz.ui.widgets.session_bar import SessionBar
from vae_quiz.ui.widgets.session_panel import (
    PanelSpacer,
    SessionPanel,
    fit_panel,
    view_of,
    view_of_study,
)

if TYPE_CHECKING:
    from vae_quiz.modes.mixed import MixedSession

STUDY_KEYS = [
    ("space, enter", "reveal the answer"),
    ("1 2 3 4", "revealed: rate Again, Hard, Good, Easy"),
    ("space, enter", "revealed: rate Good (as in Anki)"),
    ("u, ctrl+z", "undo the last rating"),
    ("q", "end the session and show its summary"),
    ("ctrl+c", "quit at once (progress is already saved)"),
    INFO_ROW,
    ("?", "this help"),
]


class StudyScreen(Screen[SessionEnd]):
    """Shows a study session's cards; dismisses with how it ended."""

    # Space and enter each have two bindings: Textual runs the first whose action check_action
    # allows, so they reveal, and once revealed rate Good (as Anki's do).
    BINDINGS = [
        Binding("space", "flip", "Reveal"),
        Binding("enter", "flip", "Reveal", show=False),
        Binding("1", "rate(1)", "Again"),
        Binding("2", "rate(2)", "Hard"),
        Binding("3", "rate(3)", "Good", key_display="3/space"),
        Binding("4", "rate(4)", "Easy"),
        Binding("space", "rate(3)", "Good", show=False),
        Binding("enter", "rate(3)", "Good", show=False),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("q", "end", "End"),
        Binding(INFO_KEY, "info", "Info"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self, session: StudySession, now: Clock, mixed: MixedSession | None = None
    ) -> None:
        super().__init__()
        self._session = session
        self._mixed = mixed  # the today or review session this card is part of
        self._now = now
        self.is_revealed = False
        self._shown: dict[str, str] = {}
        self._front: TextSlot
        self._back: TextSlot

    def compose(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="study-title", classes="header-title", markup=False)
            yield SessionBar(id="session-bar")
            yield Static("", id="study-status", classes="header-status", markup=False)
        with VerticalScroll(id="card"):
            yield Static("", id="card-level", markup=False)
            yield Static("", id="card-front", markup=False)
            yield Static("", id="card-back", markup=False)
        yield Static("", id="last-result", markup=False)
        yield RatingBar(id="rating-bar")
        yield KeyBar()
        yield PanelSpacer()
        yield SessionPanel(
            lambda: view_of(view_of_study, self._session, self._mixed), id="session-panel"
        )

    def on_mount(self) -> None:
        self._panel = self.query_one(SessionPanel)
        self._front = TextSlot(self.query_one("#card-front", Static))
        self._back = TextSlot(self.query_one("#card-back", Static))
        self._show_current()

    # -- view ---------------------------------------------------------------------------------

    def _show_current(self) -> None:
        item = self._session.current
        if item is None:
            self.dismiss(SessionEnd.RAN_OUT)
            return
        self.is_revealed = False
        self.refresh_bindings()
        self._show_text("#study-title", f"{item.deck.title} · {self._session.mode}", one_line=True)
        place = self._session.position
        self.query_one(SessionBar).show(place[0] - 1, place[1])
        status = counter(*place)
        if self._session.mode == "study":
            new_left = sum(1 for i in self._session.queue if i.is_new)
            status += f" · new {new_left} · due {len(self._session.queue) - new_left}"
        elif self._session.mode == "cram":
            status += " · cram: schedule unchanged"
        self._show_text("#study-status", status)
        self._show_text("#card-level", item.card.level.value if item.card.level else "")
        markdown = item.deck.is_markdown
        self._front.show(item.card.front, markdown)
        self._back.show(item.card.back, markdown)
        self._show_back(False)
        card = self.query_one("#card", VerticalScroll)
        if card.scroll_y:
            card.scroll_home(animate=False)
        self.query_one(RatingBar).show_prompt()
        self._panel.show()
        if markdown:
            self.call_after_refresh(self._prepare_ahead)

    def _prepare_ahead(self) -> None:
        """Once the card is on screen, while the learner reads it: lay out its back and the
        next card's front and back, so the keys that show them find the work done (a Markdown
        text costs a few milliseconds to parse and lay out, its first code block far more)."""
        queue = self._session.queue
        if not queue:
            return
        width = self._front.width
        self._back.prepare(queue[0].card.back, queue[0].deck.is_markdown, width)
        for item in queue[1:2]:
            self._front.prepare(item.card.front, item.deck.is_markdown, width)
            self._back.prepare(item.card.back, item.deck.is_markdown, width)

    def on_resize(self, event: Resize) -> None:
        fit_panel(self, event.size)

    def _show_result(self, text: str) -> None:
        # Always redrawn, even with the same words: it confirms each answer as it is saved.
        self.query_one("#last-result", Static).update(literal(text, one_line=True))

    def _show_text(self, selector: str, text: str, one_line: bool = False) -> None:
        """Show `text` literally in the Static `selector`; the same text again is not redrawn
        (each redraw asks Textual for a new layout, a good part of the time to the next card)."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(literal(text, one_line=one_line))

    def _show_back(self, shown: bool) -> None:
        # Toggling the widget, not a class on the screen: a screen class restyles every widget
        # on it, which was most of the time between a rating and the next card.
        self._back.visible = shown

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the key bar and lets the next binding of the same key run.
        has_card = self._session.current is not None
        if action == "flip":
            return has_card and not self.is_revealed
        if action == "rate":
            return has_card and self.is_revealed
        if action == "undo":
            return self._session.can_undo
        if action == "info":
            return has_card
        return True

    # -- actions ------------------------------------------------------------------------------

    def action_flip(self) -> None:
        if self._session.current is None or self.is_revealed:
            return
        self.is_revealed = True
        self.refresh_bindings()
        self._show_back(True)
        previews = self._session.previews()
        self.query_one(RatingBar).show_ratings(
            {rating: format_interval(delta) for rating, delta in previews.items()}
        )

    def action_rate(self, value: int) -> None:
        if not self.is_revealed or self._session.current is None:
            return
        rating = Rating(value)
        # The store commits inside rate(); only then does the view move on.
        try:
            due = save(self, lambda: self._session.rate(rating))
        except NotSaved:
            return
        when = "schedule unchanged" if due is None else f"next due {describe_due(due, self._now())}"
        self._show_result(f"{rating.label} · {when}")
        self._show_current()

    @on(RatingBar.Rated)
    def _on_rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(int(event.rating))

    def action_undo(self) -> None:
        if not self._session.can_undo:  # the key is off then (check_action)
            return
        try:
            item = save(self, self._session.undo)
        except NotSaved:
            return
        if item is None:
            return
        # The card undone is the one shown again, whole: the notice need not quote it (cut).
        self._show_result("Undone: your last rating. Rate this card again.")
        self._show_current()

    def action_end(self) -> None:
        self.dismiss(SessionEnd.LEFT_EARLY)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("study", STUDY_KEYS))

    def action_info(self) -> None:
        item = self._session.current
        if item is not None:
            self.app.push_screen(item_info(item.deck, item.card, self._session.mode))

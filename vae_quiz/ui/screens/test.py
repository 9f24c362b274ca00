"""The test screen: a multiple-choice question, one key to answer, feedback, next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from vae_quiz.modes.test import CHOICE_LETTERS, TestResult, TestSession
from vae_quiz.text import counter
from vae_quiz.ui.deck_text import TextSlot, inline_content
from vae_quiz.ui.literal import literal
from vae_quiz.ui.modes import SessionEnd
from vae_quiz.ui.saving import NotSaved, save
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.screens.in_full import HELP_ROW as INFO_ROW
from vae_quiz.ui.screens.in_full import KEY as INFO_KEY
from vae_quiz.ui.screens.in_full import item_info
from vae_quiz.ui.widgets.choice_list import ChoiceList
from vae_quiz.ui.widgets.key_bar import KeyBar
from vae_quiz.ui.widgets.session_bar import SessionBar
from vae_quiz.ui.widgets.session_panel import (
    PanelSpacer,
    SessionPanel,
    fit_panel,
    view_of,
    view_of_test,
)

if TYPE_CHECKING:
    from vae_quiz.modes.mixed import MixedSession

TEST_KEYS = [
    ("1-8, a-h", "pick that choice (select-all: tick or untick it)"),
    ("arrows, j/k", "move the highlight over the choices"),
    ("enter, click", "pick the highlighted (clicked) choice"),
    ("space, click", "select-all: tick or untick the highlighted one"),
    ("enter", "select-all: submit the ticked choices"),
    ("space, enter", "after answering: next question"),
    ("q", "end the test and show the score"),
    ("ctrl+c", "quit at once (answers are already saved)"),
    INFO_ROW,
    ("?", "this help"),
]


class TestScreen(Screen[SessionEnd]):
    """Asks a TestSession's questions; dismisses with how it ended."""

    __test__ = False  # not a pytest test class
    BINDINGS = [
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 9)],
        *[Binding(letter, f"pick({i})", show=False) for i, letter in enumerate(CHOICE_LETTERS)],
        # Space and enter each have a binding per state; check_action lets only the one that
        # applies run and show (Textual runs the first binding of a key whose action is on).
        Binding("space", "tick_highlighted", "Tick"),
        Binding("space", "next", "Next", key_display="space/⏎"),
        Binding("enter", "pick_highlighted", "Pick"),
        Binding("enter", "submit", "Submit"),
        Binding("enter", "next", "Next", show=False),
        Binding("q", "end", "End"),
        Binding(INFO_KEY, "info", "Info"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, session: TestSession, mixed: MixedSession | None = None) -> None:
        super().__init__()
        self._session = session
        self._mixed = mixed  # the today or review session this question is part of
        self._ticked: set[str] = set()
        self.result: TestResult | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="test-title", classes="header-title", markup=False)
            yield SessionBar(id="session-bar")
            yield Static("", id="test-status", classes="header-status", markup=False)
        with VerticalScroll(id="test-body"):
            yield Static("", id="question", markup=False)
            yield Static("", id="multi-note", markup=False)
            yield ChoiceList(id="choices")
            yield Static("", id="feedback", markup=False)
            yield Static("", id="explanation", markup=False)
        yield KeyBar()
        yield PanelSpacer()
        yield SessionPanel(
            lambda: view_of(view_of_test, self._session, self._mixed), id="session-panel"
        )

    def on_mount(self) -> None:
        self._panel = self.query_one(SessionPanel)
        self._question = TextSlot(self.query_one("#question", Static))
        self._explanation = TextSlot(self.query_one("#explanation", Static))
        self._explanation.visible = False
        self._show_current()

    def on_resize(self, event: Resize) -> None:
        fit_panel(self, event.size)

    def _status(self) -> str:
        """The header's count ("question 3 of 20 · 1 again"), and how many the run was picked
        from ("· 5,578 in deck") when a limit cut it short."""
        s = self._session
        status = f"question {counter(s.number, s.total, s.again)}"
        if s.pool > len(s.asked):
            status += f" · {s.pool:,} in deck{'s' if len(s.decks) > 1 else ''}"
        return status

    def _show_current(self) -> None:
        asked = self._session.current
        if asked is None:
            self.dismiss(SessionEnd.RAN_OUT)
            return
        self.result = None
        self._ticked = set()
        is_multi = asked.question.is_multi
        note = f"Select all that apply: 1-{len(asked.order)} or space to tick, enter to submit"
        for selector, content in (
            ("#test-title", literal(f"{asked.deck.title} · {self._session.mode}", one_line=True)),
            ("#test-status", Content(self._status())),
            ("#multi-note", Content(note if is_multi else "")),
        ):
            self.query_one(selector, Static).update(content)
        markdown = asked.deck.is_markdown
        self._question.show(asked.question.question, markdown)
        self.query_one("#multi-note").display = is_multi
        self.query_one(SessionBar).show(self._session.number - 1, self._session.total)
        choices = self.query_one(ChoiceList)
        choices.show(asked.order, is_multi, markdown)
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.display = False
        self._explanation.visible = False
        self.query_one("#test-body", VerticalScroll).scroll_home(animate=False)
        choices.focus(scroll_visible=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the key bar and lets the next binding of the same key run.
        asked = self._session.current
        is_asking = asked is not None and self.result is None
        is_multi = asked is not None and asked.question.is_multi
        # A choice is highlighted once the learner has moved to one (see ChoiceList); until
        # then the key that takes the highlighted one is shown dimmed (None): it waits for one.
        pointed = any(choices.highlighted is not None for choices in self.query(ChoiceList))

        def on_a_choice(wanted: bool) -> bool | None:
            return (True if pointed else None) if wanted else False

        allowed = {
            "pick": is_asking,
            # Enter picks the highlighted choice; on a select-all question space ticks it
            # and enter submits the ticks.
            "pick_highlighted": on_a_choice(is_asking and not is_multi),
            "tick_highlighted": on_a_choice(is_asking and is_multi),
            "submit": is_asking and is_multi and bool(self._ticked),
            "next": self.result is not None,
            "info": asked is not None or self.result is not None,
        }
        return allowed.get(action, True)

    def action_pick(self, index: int) -> None:
        asked = self._session.current
        if asked is None or self.result is not None:
            return
        choice = asked.choice_at(index)
        if choice is None:
            return
        choices = self.query_one(ChoiceList)
        choices.highlight(index)
        if asked.question.is_multi:
            self._ticked ^= {choice}
            choices.mark(frozenset(self._ticked), None)
            self.refresh_bindings()  # enter submits once something is ticked
            return
        self._answer(frozenset({choice}))

    def action_pick_highlighted(self) -> None:
        if (highlighted := self.query_one(ChoiceList).highlighted) is not None:
            self.action_pick(highlighted)

    def action_tick_highlighted(self) -> None:
        if (highlighted := self.query_one(ChoiceList).highlighted) is not None:
            self.action_pick(highlighted)

    @on(ChoiceList.Chosen)
    def _on_chosen(self, event: ChoiceList.Chosen) -> None:
        self.action_pick(event.index)

    def action_submit(self) -> None:
        asked = self._session.current
        if self.result is None and asked is not None and asked.question.is_multi and self._ticked:
            self._answer(frozenset(self._ticked))

    def _answer(self, picked: frozenset[str]) -> None:
        # Committed to the progress file inside answer(), before any feedback is shown.
        try:
            self.result = save(self, lambda: self._session.answer(picked))
        except NotSaved:
            return
        question = self.result.asked.question
        self.query_one(ChoiceList).mark(picked, frozenset(question.answer))
        verdict = "Correct." if self.result.is_correct else "Incorrect."
        feedback = self.query_one("#feedback", Static)
        parts: list[Content | tuple[str, str]] = [(verdict, "bold")]
        markdown = self.result.asked.deck.is_markdown
        if not self.result.is_correct:
            right = Content(", ").join(inline_content(a, markdown) for a in question.answer)
            stop = "" if right.plain.endswith((".", "!", "?")) else "."
            parts += [Content(" The right answer: "), right, Content(stop)]
        if question.explanation and not markdown:
            parts.append(literal(f"\n{question.explanation}"))
        feedback.update(Content.assemble(*parts))
        if question.explanation and markdown:  # rendered on its own, under the verdict
            self._explanation.show(question.explanation, markdown)
            self._explanation.visible = True
        feedback.set_class(self.result.is_correct, "feedback--correct")
        feedback.set_class(not self.result.is_correct, "feedback--incorrect")
        feedback.display = True
        self._panel.show()
        self.refresh_bindings()
        # The arrows scroll a long explanation now; the verdict is in view at any size.
        self.query_one("#test-body", VerticalScroll).focus(scroll_visible=False)
        # After the layout the verdict's text changed: the box's size from the last question
        # would scroll to where it was then (just under the screen, with taller choices now).
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    def action_next(self) -> None:
        if self.result is not None:
            self._show_current()

    def action_end(self) -> None:
        self.dismiss(SessionEnd.LEFT_EARLY)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("test", TEST_KEYS))

    def action_info(self) -> None:
        # Once answered, the session's current question is the next one: the info is about
        # the question on screen.
        asked = self.result.asked if self.result is not None else self._session.current
        if asked is not None:
            self.app.push_screen(item_info(asked.deck, asked.question, self._session.mode))

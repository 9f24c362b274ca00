"""The concepts screen: write an answer, submit, tick the concepts it covered, see k/N."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.visual import Visual
from textual.widgets import Static, TextArea

from vae_quiz.errors import StoreError, WriteError
from vae_quiz.modes import grader
from vae_quiz.modes.concepts import ConceptResult, ConceptSession
from vae_quiz.text import counter, describe_moment
from vae_quiz.ui.deck_text import TextSlot, inline_content
from vae_quiz.ui.hanging import Hanging, Stack
from vae_quiz.ui.literal import literal
from vae_quiz.ui.modes import SessionEnd
from vae_quiz.ui.saving import NotSaved, save
from vae_quiz.ui.screens.confirm import ConfirmScreen
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.screens.in_full import HELP_ROW as INFO_ROW
from vae_quiz.ui.screens.in_full import KEY as INFO_KEY
from vae_quiz.ui.screens.in_full import item_info
from vae_quiz.ui.widgets.answer_editor import AnswerEditor
from vae_quiz.ui.widgets.concept_checklist import ConceptChecklist
from vae_quiz.ui.widgets.key_bar import KeyBar
from vae_quiz.ui.widgets.session_bar import SessionBar
from vae_quiz.ui.widgets.session_panel import (
    PanelSpacer,
    SessionPanel,
    fit_panel,
    view_of,
    view_of_concepts,
)

if TYPE_CHECKING:
    from vae_quiz.modes.mixed import MixedSession

CONCEPTS_KEYS = [
    ("(typing)", "write your answer; a draft is kept as you type"),
    (
        "ctrl+s",
        "submit the answer and show the concept checklist, with the concepts found "
        "in your answer ticked and the words that show them",
    ),
    ("escape", "leave the editor (then h, i, q and ? work)"),
    ("e", "back into the editor"),
    ("h", "show the hint"),
    ("1-9", "checklist: tick or untick that concept"),
    ("space", "checklist: tick or untick the highlighted concept"),
    ("up, down", "checklist: move"),
    ("enter", "checklist: confirm, then see k/N and the model answer"),
    ("space, enter", "after the result: next prompt"),
    ("q", "end the session and show its summary"),
    ("ctrl+c", "copy the selection; with none, quit (draft kept)"),
    INFO_ROW,
    ("?", "this help"),
]

# Below this width the written answer goes above the checklist instead of beside it.
SIDE_BY_SIDE_MIN_WIDTH = 70

WRITING, GRADING, RESULT = "writing", "grading", "result"

# The unsent answer is kept this long after its first unkept change: while typing, at most this
# much is at risk, and the progress file is written about twice a second, not on every key.
DRAFT_DELAY = 0.5


class ConceptsScreen(Screen[SessionEnd]):
    """Asks a ConceptSession's prompts; dismisses with how it ended."""

    BINDINGS = [
        # Not a priority binding: those run ahead of keys still queued for the editor, so a fast
        # typist's last words would be missing from the submitted answer.
        Binding("ctrl+s", "submit", "Submit"),
        Binding("escape", "leave_editor", "Leave editor"),
        Binding("e", "edit", "Edit"),
        Binding("h", "hint", "Hint"),
        Binding("space", "next", "Next"),
        Binding("enter", "next", "Next", show=False),
        Binding("q", "end", "End"),
        Binding(INFO_KEY, "info", "Info"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, session: ConceptSession, mixed: MixedSession | None = None) -> None:
        super().__init__()
        self._session = session
        self._mixed = mixed  # the today or review session this prompt is part of
        self.phase = WRITING
        self.result: ConceptResult | None = None
        self._hint_shown = False
        # The editor's text at its last change, and as last kept in the progress file: kept
        # here because on the way out (unmount) the editor is gone already.
        self._text = self._kept_text = ""
        self._draft_timer: Timer | None = None
        self._draft_failed = False
        self._suggested: frozenset[int] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="concepts-title", classes="header-title", markup=False)
            yield SessionBar(id="session-bar")
            yield Static("", id="concepts-status", classes="header-status", markup=False)
        with VerticalScroll(id="concepts-body"):
            yield Static("", id="prompt", markup=False)
            yield Static("", id="hint", markup=False)
            yield AnswerEditor(id="editor", soft_wrap=True)
            with Horizontal(id="grading"):
                with VerticalScroll(id="written", can_focus=False):
                    yield Static("", id="written-text", markup=False)
                yield ConceptChecklist(id="checklist")
            yield Static("", id="result", markup=False)
            yield Static("", id="model-answer", markup=False)
        yield KeyBar()
        yield PanelSpacer()
        yield SessionPanel(
            lambda: view_of(view_of_concepts, self._session, self._mixed), id="session-panel"
        )

    def on_mount(self) -> None:
        self.query_one("#editor").border_title = "Your answer"
        self.query_one("#written").border_title = "Your answer"
        self.query_one("#checklist").border_title = "Which did you cover?"
        self._prompt = TextSlot(self.query_one("#prompt", Static))
        self._hint = TextSlot(self.query_one("#hint", Static))
        self._model_answer = TextSlot(self.query_one("#model-answer", Static))
        self._model_answer.visible = False
        self._show_current()
        # The matcher's libraries take about 0.25 s to load: loaded while the learner writes,
        # not when ctrl+s is pressed (and never before the first screen is up).
        # A failure there is no reason to stop the app: grading would meet it again.
        self.call_after_refresh(
            self.run_worker, grader.warm_up, thread=True, group="warm-up", exit_on_error=False
        )

    @on(Resize)
    def _fit(self, event: Resize) -> None:
        self.set_class(event.size.width < SIDE_BY_SIDE_MIN_WIDTH, "-narrow")
        fit_panel(self, event.size)
        if self.phase == GRADING:  # the highlighted concept stays in view at the new size
            self.call_after_refresh(self.query_one(ConceptChecklist).scroll_to_highlight)
        editor = self.query_one("#editor", TextArea)
        if self.phase == WRITING and editor.has_focus:  # so does the editor typed into
            self.call_after_refresh(editor.scroll_visible, animate=False)

    # -- view ---------------------------------------------------------------------------------

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        for name in (WRITING, GRADING, RESULT):
            self.set_class(phase == name, f"-{name}")
        self.refresh_bindings()

    def _show_current(self) -> None:
        asked = self._session.current
        if asked is None:
            self.dismiss(SessionEnd.RAN_OUT)
            return
        self.result = None
        self._hint_shown = False
        s = self._session
        for selector, content in (
            (
                "#concepts-title",
                literal(f"{asked.deck.title} · {self._session.mode}", one_line=True),
            ),
            (
                "#concepts-status",
                Content(f"prompt {counter(s.number, s.total, s.again)}"),
            ),
            ("#result", Content("")),
        ):
            self.query_one(selector, Static).update(content)
        self._prompt.show(asked.prompt.prompt, asked.deck.is_markdown)
        notice = "A hint is available: escape, then h." if asked.prompt.hint else ""
        self._hint.show(notice, False)
        self._hint.visible = asked.prompt.hint is not None
        self._model_answer.visible = False
        self.query_one(SessionBar).show(s.number - 1, s.total)
        editor = self.query_one("#editor", TextArea)
        draft = self._session.draft()
        self._text = self._kept_text = draft.text if draft else ""
        editor.text = self._text
        self._set_phase(WRITING)
        self.query_one("#concepts-body", VerticalScroll).scroll_home(animate=False)
        editor.focus()
        if draft:
            editor.move_cursor(editor.document.end)
            when = describe_moment(draft.saved_at, self._session.now())
            self.notify(f"Restored your draft from {when}", markup=False)

    # -- the draft ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _edited(self, event: TextArea.Changed) -> None:
        if self.phase == RESULT:
            return
        self._text = event.text_area.text
        if self._text != self._kept_text and self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> bool:
        """Keep the unsent answer in the progress file, when it changed since it was last kept.
        Runs shortly after typing and on every way out (q, ctrl+c, a closed terminal, SIGTERM:
        each unmounts this screen). Returns False when it could not be kept."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.phase == RESULT or self._text == self._kept_text:
            return True
        try:
            self._session.keep_draft(self._text)
        except StoreError as exc:
            self._draft_not_kept(exc)
            return False
        self._kept_text = self._text
        self._draft_failed = False
        return True

    def _draft_not_kept(self, exc: StoreError) -> None:
        """Say once that the draft could not be kept: on screen, or after the app when it is
        ending (the CLI prints `store_error`, and with it the draft, for the learner to copy:
        the terminal is the one place left to keep it)."""
        if not self.app.is_running:
            from vae_quiz.ui.app import VaeQuizApp

            if isinstance(self.app, VaeQuizApp) and self.app.store_error is None:
                # A copy in a file too: with the terminal closed, the message goes nowhere.
                try:
                    where = f"; it is in {self._session.spare_draft(self._text)}"
                except WriteError:
                    where = ""
                self.app.store_error = (
                    f"{exc}; your unsent answer was not kept{where}; here it is:\n{self._text}"
                )
            return
        if not self._draft_failed:
            self._draft_failed = True
            self.notify(
                f"{exc}\nYour draft is still in the editor; it will be kept when it can.",
                title="Draft not kept", severity="error", timeout=10, markup=False,
            )  # fmt: skip

    def on_unmount(self) -> None:
        self.keep_draft()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editing = self.phase == WRITING and self.query_one("#editor").has_focus
        asked = self._session.current
        has_hint_to_show = asked is not None and bool(asked.prompt.hint) and not self._hint_shown
        allowed = {
            "submit": self.phase == WRITING,
            "leave_editor": editing,
            "edit": self.phase == WRITING and not editing,
            "hint": self.phase != RESULT and has_hint_to_show,
            "next": self.phase == RESULT,
            # In the editor i is text: escape first, as for the hint.
            "info": (asked is not None or self.result is not None) and not editing,
        }
        return allowed.get(action, True)

    # -- actions ------------------------------------------------------------------------------

    # Focus moving refreshes the bindings (Textual's Screen watches its focus).
    def action_leave_editor(self) -> None:
        self.set_focus(None)

    def action_edit(self) -> None:
        self.query_one("#editor", TextArea).focus()

    def action_hint(self) -> None:
        asked = self._session.current
        if asked is not None and asked.prompt.hint:
            self._hint.show(f"Hint: {asked.prompt.hint}", asked.deck.is_markdown)
            self._hint_shown = True
            self.refresh_bindings()  # h has nothing more to show

    def action_submit(self) -> None:
        if self.phase != WRITING:
            return
        text = self.query_one("#editor", TextArea).text
        if text.strip():
            self._start_grading(text)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_grading(text)
            else:
                self.query_one("#editor", TextArea).focus()

        self.app.push_screen(
            ConfirmScreen("Your answer is empty. Submit it anyway?", "submit", "keep writing"),
            answered,
        )

    def _start_grading(self, text: str) -> None:
        asked = self._session.current
        if asked is None:
            return
        matches = self._session.suggest(text) if text.strip() else []
        found = [m if m.covered else None for m in matches]
        self._suggested = frozenset(i for i, m in enumerate(found) if m is not None)
        spans = sorted(span for match in filter(None, found) for span in match.spans)
        shown = _highlighted(text, spans)
        written = self.query_one("#written-text", Static)
        written.update(shown if text.strip() else Content.styled("(no answer)", "italic"))
        written.set_class(not text.strip(), "-empty")
        if asked.prompt.hint and not self._hint_shown:
            self._hint.show("A hint is available: h.", False)
        checklist = self.query_one(ConceptChecklist)
        evidence = tuple(m.evidence if m else None for m in found)
        checklist.show(asked.prompt.concepts, self._suggested, evidence, asked.deck.is_markdown)
        suggested = len(self._suggested)
        checklist.border_subtitle = f"{suggested} found in your answer" if suggested else None
        checklist.disabled = False
        self._set_phase(GRADING)
        checklist.focus()

    @on(ConceptChecklist.Confirmed)
    def _confirmed(self, event: ConceptChecklist.Confirmed) -> None:
        if self.phase != GRADING:
            return
        text = self.query_one("#editor", TextArea).text
        # Committed to the progress file inside grade(), before the result is shown.
        try:
            self.result = result = save(
                self, lambda: self._session.grade(text, event.ticked, self._suggested)
            )
        except NotSaved:
            return  # the checklist stays, ticks and all: enter tries again
        if self._draft_timer is not None:  # the draft went with the answer
            self._draft_timer.stop()
            self._draft_timer = None
        view = self.query_one("#result", Static)
        view.update(_result_view(result, text))
        model = result.asked.prompt.model_answer
        markdown = result.asked.deck.is_markdown
        if model and markdown:  # rendered on its own, under the result
            self._model_answer.show(f"**Model answer**\n\n{model}", markdown)
            self._model_answer.visible = True
        view.set_class(result.is_complete, "-complete")
        self.query_one(ConceptChecklist).disabled = True
        self.query_one(SessionPanel).show()
        self._hint.visible = self._hint_shown
        self._set_phase(RESULT)
        body = self.query_one("#concepts-body", VerticalScroll)
        body.scroll_home(animate=False)
        body.focus(scroll_visible=False)  # arrows and page keys scroll a long model answer
        self.call_after_refresh(self._result_in_view)

    def _result_in_view(self, tries: int = 3) -> None:
        """Under a prompt taller than the screen, "You got k/N" is brought up to the top; when
        its first line shows already, the prompt stays in view above it."""
        body = self.query_one("#concepts-body", VerticalScroll)
        view = self.query_one("#result", Static)
        if not view.region and tries:  # shown a moment ago: not laid out yet
            self.call_after_refresh(self._result_in_view, tries - 1)
            return
        if not body.scrollable_content_region.contains_point(view.region.offset):
            body.scroll_to_widget(view, animate=False, top=True)

    def action_next(self) -> None:
        if self.phase == RESULT:
            self._show_current()

    def action_end(self) -> None:
        if self.keep_draft():  # else the text stays on screen, where it is not lost
            self.dismiss(SessionEnd.LEFT_EARLY)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("concepts", CONCEPTS_KEYS))

    def action_info(self) -> None:
        # Once graded, the session's current prompt is the next one: the info is about the
        # prompt on screen.
        asked = self.result.asked if self.result is not None else self._session.current
        if asked is not None:
            self.app.push_screen(item_info(asked.deck, asked.prompt, self._session.mode))


def _result_view(result: ConceptResult, text: str) -> Stack:
    """The result: "You got k/N concepts", the missed ones as bullets (each wrapping under its
    own text), the model answer of a text deck (a Markdown deck's is rendered under it), and
    the answer."""
    markdown = result.asked.deck.is_markdown
    score = f"You got {result.score}/{result.total} concepts"
    parts: list[Visual] = [Content.styled(score, "bold")]
    if result.missed:
        parts.append(Content("Missed:"))
        parts += [
            Hanging("  • ", inline_content(c, True) if markdown else literal(c, one_line=True))
            for c in result.missed
        ]
    model = result.asked.prompt.model_answer
    if model and not markdown:
        parts += [Content(""), Content.styled("Model answer", "bold"), literal(model)]
    written = literal(text.strip()) if text.strip() else Content.styled("(no answer)", "italic")
    parts += [Content(""), Content.styled("Your answer", "bold"), written]
    return Stack(parts)


def _highlighted(text: str, spans: list[tuple[int, int]]) -> Content:
    """The answer shown literally (each piece sanitised), the `spans` that earned a concept
    in bold and underlined."""
    parts: list[Content] = []
    at = 0
    for start, end in spans:
        if start < at:  # overlaps a span already shown
            continue
        parts.append(literal(text[at:start]))
        parts.append(literal(text[start:end]).stylize("bold underline $text-success"))
        at = end
    parts.append(literal(text[at:]))
    return Content.assemble(*parts)

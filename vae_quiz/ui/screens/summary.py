"""Session summaries: study (cards seen, ratings, next due), test (score, time, missed) and
concepts (k/N per prompt, missed concepts)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.visual import Visual
from textual.widgets import Static

from vae_quiz.clock import local_wall
from vae_quiz.model import item_text
from vae_quiz.modes.concepts import ConceptSummary
from vae_quiz.modes.review import ReviewSummary
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.study import StudySummary
from vae_quiz.modes.test import TestSummary
from vae_quiz.modes.today import TodaySummary
from vae_quiz.text import describe_due, plural
from vae_quiz.ui.hanging import Hanging, Stack
from vae_quiz.ui.literal import literal
from vae_quiz.ui.marks import RATING_STYLES, RIGHT_MARK, WRONG_MARK, score_bar
from vae_quiz.ui.modes import SummaryChoice
from vae_quiz.ui.screens.help import HelpScreen
from vae_quiz.ui.widgets.key_bar import KeyBar

S = TypeVar("S")
KIND_NAMES = {"card": "Cards", "question": "Questions", "prompt": "Prompts"}
QUEUED_NOTE = "What you missed is in your review queue: r reviews it now (or vae-quiz review)."


class SummaryScreen(Screen[SummaryChoice], Generic[S]):
    """What every summary shares: the summary it shows, its style and its keys. Dismisses with
    where to go next."""

    BINDINGS = [
        Binding("enter", "leave('home')", "Home"),
        Binding("escape", "leave('home')", "Home", show=False),
        Binding("r", "leave('review')", "Review"),
        Binding("q", "leave('quit')", "Quit"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, summary: S) -> None:
        super().__init__()
        self._summary = summary

    def action_leave(self, choice: str) -> None:
        self.dismiss(SummaryChoice(choice))

    def action_help(self) -> None:
        keys = [("enter", "home: the decks and what is due"),
                ("r", "review the items you missed"), ("q", "quit vae-quiz"),
                ("ctrl+c", "quit at once")]  # fmt: skip
        self.app.push_screen(HelpScreen("summary", keys))


class StudySummaryScreen(SummaryScreen[StudySummary]):
    """Shows a StudySummary; enter or q closes it."""

    def __init__(self, summary: StudySummary, now: datetime, mode: str = "study") -> None:
        super().__init__(summary)
        self._now = now
        self._mode = mode

    def compose(self) -> ComposeResult:
        s = self._summary
        yield header(f"Session summary · {self._mode}", s.seconds)
        with VerticalScroll(id="summary-body"):
            with panel():
                if s.answers == 0:
                    headline = "Nothing was due." if s.left == 0 else "No cards rated."
                else:
                    headline = f"Cards studied: {s.cards_seen} ({plural(s.answers, 'rating')})"
                yield Static(headline, id="summary-headline", markup=False)
                if s.answers:
                    ratings = Content("   ").join(
                        Content.styled(f"{r.label} {s.ratings[r]}", RATING_STYLES[r])
                        for r in Rating
                    )
                    yield Static(ratings, id="summary-ratings", markup=False)
            if s.next_due is not None:
                next_text = f"Next card due {describe_due(s.next_due, self._now)}"
                if s.next_due > self._now:
                    stamp = local_wall(s.next_due).strftime("%Y-%m-%d %H:%M")
                    next_text += f" ({stamp})"
                yield Static(Content(next_text), id="summary-next", markup=False)
            if s.left:
                yield Static(f"{plural(s.left, 'card')} left in this session.", markup=False)
            if s.ratings.get(Rating.AGAIN):
                yield Static(QUEUED_NOTE, classes="summary-queued", markup=False)
            yield Static("Every rating is saved.", id="summary-saved", markup=False)
        yield KeyBar()


def format_duration(seconds: float) -> str:
    """4 min 12 s; 38 s; 1 h 5 min."""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


def header(title: str, seconds: float | None = None) -> Horizontal:
    """The summary's header line: its title, and on the right the time the session took (the
    one place the time is shown)."""
    status = f"time {format_duration(seconds)}" if seconds is not None else ""
    return Horizontal(
        Static(title, classes="header-title", markup=False),
        Static(status, id="summary-time", classes="header-status", markup=False),
        classes="screen-header",
    )


def panel() -> Vertical:
    """The bordered panel at the top of a summary: the score, its bar, the tallies."""
    return Vertical(id="summary-panel")


def score_line(score: int, total: int) -> Static:
    """`████████░░ 8/10`, green when all were right, amber when some, red when none."""
    state = "state-right" if score == total else "state-learning" if score else "state-wrong"
    return Static(score_bar(score, total), id="summary-bar", classes=state, markup=False)


def missed_row(text: str, detail: Visual | None = None, right: bool = False) -> Horizontal:
    """One item: its mark (✗ missed, ✓ right), then its text with the `detail` under it; both
    wrap under the text, not under the mark."""
    body: Visual = literal(text)  # deck text: shown literally, never markup
    if detail is not None:
        body = Stack([body, detail])
    mark = f"{RIGHT_MARK} state-right" if right else f"{WRONG_MARK} state-missed"
    return Horizontal(
        Static(mark[0], classes=f"summary-mark {mark[2:]}", markup=False),
        Static(body, classes="summary-item", markup=False),
        classes="summary-missed",
    )


def dim_bullet(mark: str, text: str) -> Hanging:
    """A detail line under an item, `mark` first, its text wrapping under itself; dim."""
    return Hanging(Content.styled(mark, "dim"), literal(text, one_line=True).stylize("dim"))


class TestSummaryScreen(SummaryScreen[TestSummary]):
    """Shows a test's score k/N with a percentage and a bar, the missed questions and, in the
    header, the time taken."""

    __test__ = False  # not a pytest test class

    def compose(self) -> ComposeResult:
        s = self._summary
        yield header("Session summary · test", s.seconds)
        with VerticalScroll(id="summary-body"):
            with panel():
                if s.answered == 0:
                    yield Static("No questions answered.", id="summary-headline", markup=False)
                else:
                    score = f"Score {s.correct}/{s.answered} ({s.percent}%)"
                    if s.answered < s.total:
                        score += f" · {s.answered} of {s.total} questions answered"
                    yield Static(score, id="summary-headline", markup=False)
                    yield score_line(s.correct, s.answered)
            if s.missed:
                yield Static(f"Missed: {len(s.missed)}", id="summary-missed-title", markup=False)
                for result in s.missed:
                    question = result.asked.question
                    md = result.asked.deck.is_markdown
                    answer = ", ".join(shown(a, md) for a in question.answer)
                    yield missed_row(shown(question.question, md), dim_bullet("→ ", answer))
                yield Static(QUEUED_NOTE, classes="summary-queued", markup=False)
            elif s.answered:
                yield Static("No question missed.", markup=False)
            yield Static("Every answer is saved.", id="summary-saved", markup=False)
        yield KeyBar()


class ConceptSummaryScreen(SummaryScreen[ConceptSummary]):
    """Shows each graded prompt's k/N and its missed concepts, and the concepts covered overall."""

    def compose(self) -> ComposeResult:
        s = self._summary
        yield header("Session summary · concepts", s.seconds)
        with VerticalScroll(id="summary-body"):
            with panel():
                if s.answered == 0:
                    yield Static("No prompts answered.", id="summary-headline", markup=False)
                else:
                    percent = round(100 * s.covered / s.concepts) if s.concepts else 0
                    headline = f"Concepts covered {s.covered}/{s.concepts} ({percent}%)"
                    if s.answered < s.total:
                        headline += f" · {s.answered} of {s.total} prompts answered"
                    yield Static(headline, id="summary-headline", markup=False)
                    yield score_line(s.covered, s.concepts)
            if s.results:
                yield Static("Prompts", id="summary-missed-title", markup=False)
            for result in s.results:
                md = result.asked.deck.is_markdown
                score = f"{result.score}/{result.total} concepts"
                detail: list[Visual] = [Content.styled(score, "dim")]
                if result.missed:
                    detail[0] = Content.styled(f"{score}; missed:", "dim")
                    detail += [dim_bullet("• ", shown(c, md)) for c in result.missed]
                prompt = shown(result.asked.prompt.prompt, md)
                yield missed_row(prompt, Stack(detail), result.is_complete)
            if any(not r.is_complete for r in s.results):
                yield Static(QUEUED_NOTE, classes="summary-queued", markup=False)
            yield Static("Every answer is saved, with what you wrote.", id="summary-saved",
                         markup=False)  # fmt: skip
        yield KeyBar()


class ReviewSummaryScreen(SummaryScreen[ReviewSummary]):
    """What a review cleared and what is still queued; says so plainly when nothing was."""

    def compose(self) -> ComposeResult:
        s = self._summary
        yield header("Session summary · review", s.seconds)
        with VerticalScroll(id="summary-body"):
            with panel():
                if s.total == 0:
                    yield Static("The review queue is empty: nothing to review.",
                                 id="summary-headline", markup=False)  # fmt: skip
                    yield Static("Items you miss in study, test or concepts come back here "
                                 "until you get them right.", markup=False)  # fmt: skip
                else:
                    answers = plural(s.answers, "answer")
                    cleared = f"Cleared {len(s.cleared)} of {s.total} ({answers})"
                    yield Static(cleared, id="summary-headline", markup=False)
                    yield score_line(len(s.cleared), s.total)
            if s.still_queued:
                yield Static(f"Still in your review queue: {len(s.still_queued)}",
                             id="summary-missed-title", markup=False)  # fmt: skip
                for entry in s.still_queued:
                    yield missed_row(shown(item_text(entry.item), entry.deck.is_markdown))
            elif s.total:
                yield Static("Your review queue is empty.", markup=False)
            yield Static("Every answer is saved.", id="summary-saved", markup=False)
        yield KeyBar()


def shown(text: str, markdown: bool) -> str:
    """A deck text for a summary's list: as written, or a Markdown text's words on one line."""
    if not markdown:
        return text
    from vae_quiz.markdown_text import one_line

    return one_line(text)


class TodaySummaryScreen(SummaryScreen[TodaySummary]):
    """Each kind's items, answers and right answers, what is left, and the next item due."""

    def __init__(self, summary: TodaySummary, now: datetime) -> None:
        super().__init__(summary)
        self._now = now

    def compose(self) -> ComposeResult:
        s = self._summary
        yield header("Session summary · today", s.seconds)
        with VerticalScroll(id="summary-body"):
            with panel():
                if s.answers == 0:
                    headline = "Nothing was due." if s.left == 0 else "Nothing answered."
                    yield Static(headline, id="summary-headline", markup=False)
                else:
                    right = sum(t.right for t in s.tallies.values())
                    headline = f"{plural(s.answers, 'answer')}, {right} right"
                    yield Static(headline, id="summary-headline", markup=False)
                    yield score_line(right, s.answers)
                rows = [
                    f"{KIND_NAMES[kind]:<10} {plural(t.items, 'item')} · "
                    f"{plural(t.answers, 'answer')} · {t.right} right"
                    for kind, t in s.tallies.items()
                    if t.answers
                ]
                if rows:
                    yield Static("\n".join(rows), id="summary-kinds", markup=False)
            if s.left:
                yield Static(f"{plural(s.left, 'item')} left in this session.", markup=False)
            if s.next_due is not None:
                kind, due = s.next_due
                text = f"Next due: a {kind}, {describe_due(due, self._now)}"
                yield Static(Content(text), id="summary-next", markup=False)
            if s.missed:
                yield Static(QUEUED_NOTE, classes="summary-queued", markup=False)
            yield Static("Every answer is saved.", id="summary-saved", markup=False)
        yield KeyBar()

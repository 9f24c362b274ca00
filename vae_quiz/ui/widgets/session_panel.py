"""The session's side panel, beside the reading column in a wide terminal: how far the session
is, what is left, what it has done so far and the last few answers.

The numbers come from the session objects the screen already holds (never from the progress
file), and the panel is one Static redrawn once per answer. Below `fits`' size it is not
displayed and not drawn at all (`show` does nothing), so a key costs the same as without it.

A screen shows it with the `-wide` class (see app.tcss): the panel docks right, and a spacer as
wide docks left, so the reading column stays centred where it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from vae_quiz.model import item_text
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import progress_of
from vae_quiz.text import printable
from vae_quiz.ui.literal import literal
from vae_quiz.ui.marks import RATING_STYLES, RIGHT_MARK, WRONG_MARK, ellipsize

if TYPE_CHECKING:
    from textual.screen import Screen

    from vae_quiz.modes.concepts import ConceptSession
    from vae_quiz.modes.mixed import DeckItem, ItemSession, MixedSession
    from vae_quiz.modes.study import StudySession
    from vae_quiz.modes.test import TestSession

_S = TypeVar("_S", "StudySession", "TestSession", "ConceptSession")

# The reading column's width (the study card's 80 columns with its border and padding).
READING_WIDTH = 84
# The panel's width with its right margin: as wide as the room beside the column allows, within
# these; below MIN_WIDTH (a terminal under 140 columns) or MIN_HEIGHT rows there is no panel.
MAX_WIDTH = 36
MIN_WIDTH = 28
MIN_HEIGHT = 24
# Cells the border and padding take (its content is the rest).
FRAME = 4
RECENT = 5  # the last answers listed

HARD_MARK = "–"  # neither right nor missed (a Hard rating)


@dataclass(frozen=True, slots=True)
class Tally:
    """One counted line: `● new 12` (the mark in the state's colour; the word says it too)."""

    mark: str
    word: str
    count: int
    style: str = ""


@dataclass(frozen=True, slots=True)
class Recent:
    """One of the last answers: `✓ good What is a VAE?` (deck text cut to the panel)."""

    mark: str
    style: str
    word: str
    text: str
    markdown: bool = False


@dataclass(frozen=True, slots=True)
class PanelView:
    """What the panel shows, each section left out when empty."""

    done: int
    total: int
    again: int = 0
    left: Sequence[Tally] = ()
    so_far: Sequence[Tally] = ()
    score: str = ""
    recent: Sequence[Recent] = ()


# -- each mode's view -------------------------------------------------------------------------

RATING_MARKS = {Rating.AGAIN: WRONG_MARK, Rating.HARD: HARD_MARK, Rating.GOOD: RIGHT_MARK,
                Rating.EASY: RIGHT_MARK}  # fmt: skip


def view_of_study(session: StudySession) -> PanelView:
    """Cards left as new, learning (back in this session) and due; the ratings so far."""
    seen = {d.item.key for d in session.done}
    queue = session.queue
    place = progress_of([d.item.key for d in session.done], [i.key for i in queue])
    if session.is_cram:
        left = [Tally("●", "cards", len(queue), "$state-due")]
    else:
        new = sum(1 for i in queue if i.is_new)
        learning = sum(1 for i in queue if not i.is_new and i.key in seen)
        left = [
            Tally("●", "new", new, "$state-new"),
            Tally("●", "learning", learning, "$state-learning"),
            Tally("●", "due", len(queue) - new - learning, "$state-due"),
        ]
    counts = Counter(d.rating for d in session.done)
    so_far = [Tally(RATING_MARKS[r], r.label.lower(), counts[r], RATING_STYLES[r]) for r in Rating]
    recent = [
        Recent(RATING_MARKS[d.rating], RATING_STYLES[d.rating], d.rating.label.lower(),
               d.item.card.front, d.item.deck.is_markdown)
        for d in session.done[-RECENT:][::-1]
    ]  # fmt: skip
    return PanelView(len(session.done), place.total, place.again, left, so_far, "", recent)


def _right_wrong(right: int, wrong: int, wrong_word: str) -> list[Tally]:
    return [Tally(RIGHT_MARK, "right", right, "$state-right"),
            Tally(WRONG_MARK, wrong_word, wrong, "$state-wrong")]  # fmt: skip


def _mark(right: bool) -> tuple[str, str]:
    return (RIGHT_MARK, "$state-right") if right else (WRONG_MARK, "$state-wrong")


def view_of_test(session: TestSession) -> PanelView:
    """Questions answered, right and wrong, and the score so far."""
    results = session.results
    right = sum(1 for r in results if r.is_correct)
    score = (
        f"score {right}/{len(results)} ({round(100 * right / len(results))}%)" if results else ""
    )
    recent = [
        Recent(*_mark(r.is_correct), "", r.asked.question.question, r.asked.deck.is_markdown)
        for r in results[-RECENT:][::-1]
    ]
    so_far = _right_wrong(right, len(results) - right, "wrong")
    return PanelView(len(results), len(session.asked), 0, (), so_far, score, recent)


def view_of_concepts(session: ConceptSession) -> PanelView:
    """Prompts answered, complete or not, and the concepts covered so far."""
    results = session.results
    complete = sum(1 for r in results if r.is_complete)
    covered, concepts = sum(r.score for r in results), sum(r.total for r in results)
    score = f"concepts {covered}/{concepts} covered" if results else ""
    so_far = [
        Tally(RIGHT_MARK, "complete", complete, "$state-right"),
        Tally(WRONG_MARK, "missed some", len(results) - complete, "$state-missed"),
    ]
    recent = [
        Recent(*_mark(r.is_complete), f"{r.score}/{r.total}", r.asked.prompt.prompt,
               r.asked.deck.is_markdown)
        for r in results[-RECENT:][::-1]
    ]  # fmt: skip
    return PanelView(len(results), len(session.asked), 0, (), so_far, score, recent)


KIND_WORDS = {"card": "cards", "question": "questions", "prompt": "prompts"}


def view_of_mixed(mixed: MixedSession, inner: ItemSession) -> PanelView:
    """Today and review: items left by kind and those coming back, right and missed so far.
    `inner` is the current item's own session: its answer counts as soon as it is given."""
    from vae_quiz.modes.mixed import answered_right

    asked: list[tuple[DeckItem, bool]] = [(a.entry, a.right) for a in mixed.asked]
    pending = list(mixed.pending)
    current = mixed.current
    right_now = answered_right(inner)
    if current is not None and right_now is not None:  # answered, not yet taken by `mixed`
        asked.append((current, right_now))
        pending = pending[1:] + ([] if right_now else [current])
    place = progress_of([e.key for e, _ in asked], [e.key for e in pending])
    seen = {e.key for e, _ in asked}
    kinds = Counter(e.item.kind for e in pending)
    left = [Tally("●", word, kinds[kind], "$text-muted") for kind, word in KIND_WORDS.items()]
    left.append(
        Tally("●", "coming back", sum(1 for e in pending if e.key in seen), "$state-learning")
    )
    right = sum(1 for _, r in asked if r)
    recent = [
        Recent(*_mark(r), "", item_text(e.item), e.deck.is_markdown)
        for e, r in asked[-RECENT:][::-1]
    ]
    so_far = _right_wrong(right, len(asked) - right, "missed")
    return PanelView(len(asked), place.total, place.again, left, so_far, "", recent)


def view_of(
    own: Callable[[_S], PanelView], session: _S, mixed: MixedSession | None = None
) -> PanelView:
    """The panel's view of a screen's session (`own`: its mode's view, such as `view_of_study`),
    or of the today or review session it is part of. Each screen names its own view, so this
    module imports no mode's session (a study start does not load the test and concepts modes).
    """
    return own(session) if mixed is None else view_of_mixed(mixed, session)


# -- the widget -------------------------------------------------------------------------------


def fits(size: Size) -> int:
    """The panel's width (margin included) at a terminal of `size`, or 0 when there is no room
    for it beside the reading column."""
    room = (size.width - READING_WIDTH) // 2
    if room < MIN_WIDTH or size.height < MIN_HEIGHT:
        return 0
    return min(room, MAX_WIDTH)


class PanelSpacer(Widget):
    """As wide as the panel and its margin, docked on the other side (no height, nothing
    drawn): the reading column stays centred."""

    def render(self) -> str:
        return ""


class SessionPanel(Static):
    """The side panel. `view` gives what it shows; `show` redraws it (only while displayed)."""

    def __init__(self, view: Callable[[], PanelView], **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.border_title = "Session"
        self._view = view
        self._width = 0  # its content's width; 0 while there is no panel

    def fit(self, size: Size, spacer: Widget) -> bool:
        """Size the panel and its spacer for a terminal of `size`; False when there is no room
        (the screen then leaves off its `-wide` class). Redraws when it is shown."""
        width = fits(size)
        if width:
            self.styles.width = width - 1  # less its margin
            spacer.styles.width = width
            self.styles.max_height = size.height - 2  # between the header and the key bar
            changed = width - 1 - FRAME != self._width
            self._width = width - 1 - FRAME
            if changed:
                self.show()
        else:
            self._width = 0
        return bool(width)

    def show(self) -> None:
        """Redraw from the session (nothing while the panel is not shown)."""
        if self._width:
            self.update(render(self._view(), self._width))


def fit_panel(screen: Screen[Any], size: Size) -> None:
    """On a resize of `screen`: its panel shown (the `-wide` class) when there is room."""
    panel = screen.query_one(SessionPanel)
    screen.set_class(panel.fit(size, screen.query_one(PanelSpacer)), "-wide")


def render(view: PanelView, width: int) -> Content:
    """The panel's text, each line at most `width` cells."""
    lines: list[Content] = [_bar(view.done, view.total, width)]
    place = f"{view.done:,} of {view.total:,} answered"
    if view.again:
        place += f" · {view.again:,} again"
    lines.append(Content(ellipsize(place, width)))
    if view.score:
        lines.append(Content(ellipsize(view.score, width)))
    for title, tallies in (("Left", view.left), ("So far", view.so_far)):
        if tallies:
            lines += [Content(""), Content.styled(title, "bold")]
            lines += [_tally(t, width) for t in tallies]
    if view.recent:
        lines += [Content(""), Content.styled("Last answers", "bold")]
        lines += [_recent(r, width) for r in view.recent]
    return Content("\n").join(lines)


def _bar(done: int, total: int, width: int) -> Content:
    filled = max(0, min(width, round(width * done / total) if total > 0 else 0))
    return Content.assemble(("━" * filled, "$accent"), ("─" * (width - filled), "$text-muted"))


def _tally(tally: Tally, width: int) -> Content:
    count = f"{tally.count:,}"
    word = ellipsize(tally.word, max(1, width - len(count) - 3))
    gap = " " * max(1, width - 2 - len(word) - len(count))
    return Content.assemble((tally.mark, tally.style), f" {word}{gap}{count}")


def _recent(recent: Recent, width: int) -> Content:
    head = f" {recent.word} " if recent.word else " "
    text = recent.text
    if recent.markdown:
        from vae_quiz.markdown_text import one_line

        text = one_line(text)
    # Deck text: sanitised first (a control character's picture takes cells), then cut.
    shown = ellipsize(printable(text, one_line=True), width - 1 - len(head))
    return Content.assemble((recent.mark, recent.style), (head, recent.style), literal(shown))

"""Test mode: a scored multiple-choice run, with one FSRS schedule shared across item kinds."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from vae_quiz.model import Deck, Question
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import AskOnce, Progress, pick
from vae_quiz.progress.store import MISSED, RIGHT, Answer

CHOICE_LETTERS = "abcdefgh"
# Questions a test asks unless `--limit` says otherwise (0: all): a sitting, not a whole bank.
TEST_LIMIT = 20


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question as asked: its deck and its choices in the order shown (numbered from 1)."""

    deck: Deck
    question: Question
    order: tuple[str, ...]

    def choice_at(self, index: int) -> str | None:
        """The choice shown at 0-based `index`, or None when there is none."""
        return self.order[index] if 0 <= index < len(self.order) else None


@dataclass(frozen=True, slots=True)
class TestResult:
    """The outcome of one answered question."""

    __test__ = False  # not a pytest test class
    asked: AskedQuestion
    picked: frozenset[str]
    is_correct: bool


@dataclass
class TestSession(AskOnce[AskedQuestion]):
    """A run over the multiple-choice questions of some decks.

    Questions and their choices are shuffled (reproducibly with `options.seed`); a question
    with `shuffle: false` keeps the author's order of choices. At most `TEST_LIMIT` questions
    are asked unless `options.limit` says otherwise (0: all). With `due_only`, only questions
    whose schedule says they are due are asked (`options.due_only`).
    """

    __test__ = False  # not a pytest test class
    mode: str = "test"
    only: Collection[tuple[str, str]] | None = None
    counter: Callable[[], Progress] | None = None

    asked: list[AskedQuestion] = field(init=False, default_factory=list)
    results: list[TestResult] = field(init=False, default_factory=list)
    # How many questions the run could have asked: more than `asked` when the limit cut it.
    pool: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        super().__post_init__()
        rng = random.Random(self.options.seed)
        # Questions are picked by id and level, shuffled and capped, and only then built.
        pool = list(pick(self.decks, "questions", self.options.level, self.only))
        if self.options.due_only:
            due = {
                (deck.id, item)
                for deck in self.decks
                for item, _ in self.store.due_items(deck.id, self.started_at)
            }
            pool = [(deck, i) for deck, i in pool if (deck.id, deck.questions.ids[i]) in due]
        rng.shuffle(pool)
        self.pool = len(pool)
        for deck, index in pool[: self.options.cap(TEST_LIMIT)]:
            question = deck.questions[index]
            order = list(question.choices)
            if question.shuffle:
                rng.shuffle(order)
            self.asked.append(AskedQuestion(deck, question, tuple(order)))

    def answer(self, picked: frozenset[str]) -> TestResult:
        """Answer the current question; committed to the store before this returns.

        Every answer is an FSRS review of the question: right is Good, wrong is Again (but in
        cram, which moves no due date).
        """
        asked = self.current
        if asked is None:
            raise RuntimeError("no question to answer")
        now = self.now()
        question = asked.question
        is_correct = question.is_right(picked)
        deck_id = asked.deck.id
        rating = Rating.GOOD if is_correct else Rating.AGAIN
        self.store.record(
            Answer(
                deck=deck_id,
                item=question.id,
                kind="question",
                mode=self.mode,
                outcome="correct" if is_correct else "incorrect",
                answered_at=now,
                result=RIGHT if is_correct else MISSED,
                response=json.dumps(sorted(picked), ensure_ascii=False),
            ),
            None if self.is_cram else self.scheduler.for_deck(deck_id).schedule(rating, now),
        )
        result = TestResult(asked, picked, is_correct)
        self.results.append(result)
        return result

    def summary(self) -> TestSummary:
        """The score so far (counting only what was answered)."""
        correct = sum(1 for r in self.results if r.is_correct)
        missed = [r for r in self.results if not r.is_correct]
        return TestSummary(
            correct=correct,
            answered=len(self.results),
            total=self.total,
            seconds=(self.now() - self.started_at).total_seconds(),
            missed=missed,
        )


@dataclass(frozen=True, slots=True)
class TestSummary:
    """The end of a test: score k/N, time taken and the missed questions."""

    __test__ = False  # not a pytest test class
    correct: int
    answered: int
    total: int
    seconds: float
    missed: list[TestResult]

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0

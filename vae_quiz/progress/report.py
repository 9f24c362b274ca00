"""Stats from the progress file: activity, streaks, the due forecast, true retention, accuracy
on questions and coverage on prompts (answers in every mode), how often the learner agreed with
the concept matcher, leeches and the concepts missed most. No UI: the stats screen,
`vae-quiz stats` and `--json` all show this one Report."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from vae_quiz.clock import local_date
from vae_quiz.model import Deck
from vae_quiz.progress.store import (
    ConceptTally,
    ProgressStore,
    SuggestionTally,
    parse_json,
    parse_time,
)

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
RETENTION_DAYS = 30
LEECH_LAPSES = 8  # as Anki counts a leech
WEAKEST_CONCEPTS = 10
# fsrs's State values, as stored in an answer's state_before.
FSRS_REVIEW_STATE = 2


@dataclass(frozen=True, slots=True)
class Leech:
    deck: str
    item: str
    kind: str
    lapses: int


@dataclass(frozen=True)
class Report:
    """Every figure of the stats screen. Days are local calendar days."""

    today: date
    total_answers: int
    answers_per_day: dict[date, int] = field(default_factory=dict)  # the last 365 days
    streak_current: int = 0
    streak_longest: int = 0
    forecast: list[int] = field(default_factory=list)  # due per day, today (with overdue) first
    retention_reviews: int = 0
    retention_passed: int = 0
    desired_retention: float = 0.9
    # Answers to questions and to prompts in every mode (not only `test` and `concepts`).
    test_answers: int = 0
    test_correct: int = 0
    concept_answers: int = 0
    concepts_covered: int = 0
    concepts_total: int = 0
    leeches: list[Leech] = field(default_factory=list)
    weakest_concepts: list[ConceptTally] = field(default_factory=list)
    suggestions: SuggestionTally = field(default_factory=SuggestionTally)

    @property
    def true_retention(self) -> float | None:
        """Passed / all reviews of cards in review state over the last 30 days."""
        return self.retention_passed / self.retention_reviews if self.retention_reviews else None

    @property
    def test_accuracy(self) -> float | None:
        return self.test_correct / self.test_answers if self.test_answers else None

    @property
    def concept_coverage(self) -> float | None:
        return self.concepts_covered / self.concepts_total if self.concepts_total else None

    @property
    def suggestion_agreement(self) -> float | None:
        """The share of concepts the learner ticked as the matcher suggested."""
        tally = self.suggestions
        return tally.agreed / tally.judged if tally.judged else None

    def to_json(self) -> str:
        """The report as JSON with stable keys (documented in the README)."""
        data = {
            "today": self.today.isoformat(),
            "total_answers": self.total_answers,
            "answers_per_day": {d.isoformat(): n for d, n in sorted(self.answers_per_day.items())},
            "streak": {"current": self.streak_current, "longest": self.streak_longest},
            "forecast": self.forecast,
            "retention": {"true": self.true_retention, "desired": self.desired_retention,
                          "reviews": self.retention_reviews, "passed": self.retention_passed,
                          "days": RETENTION_DAYS},
            "test": {"answers": self.test_answers, "correct": self.test_correct,
                     "accuracy": self.test_accuracy},
            "concepts": {"answers": self.concept_answers, "covered": self.concepts_covered,
                         "total": self.concepts_total, "coverage": self.concept_coverage},
            "suggestions": {"concepts": self.suggestions.judged,
                            "agreed": self.suggestions.agreed,
                            "ticked_not_suggested": self.suggestions.added,
                            "suggested_not_ticked": self.suggestions.removed,
                            "agreement": self.suggestion_agreement},
            "leeches": [asdict(leech) for leech in self.leeches],
            "weakest_concepts": [
                {"deck": t.deck, "item": t.item, "concept": t.concept, "missed": t.missed,
                 "covered": t.covered}
                for t in self.weakest_concepts
            ],
        }  # fmt: skip
        return json.dumps(data, indent=2, ensure_ascii=False)


def _fsrs_state(state_json: str) -> object:
    """The fsrs state number in a stored state, or None when it is not fsrs's JSON."""
    state = parse_json(state_json)
    return state.get("state") if isinstance(state, dict) else None


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with answers. The current run ends today,
    or yesterday when nothing was answered yet today (the day is not over)."""
    runs: dict[date, int] = {}  # each day with answers: the length of the run that ends on it
    for day in sorted(set(days)):
        runs[day] = runs.get(day - timedelta(days=1), 0) + 1
    current = runs.get(today) or runs.get(today - timedelta(days=1), 0)
    return current, max(runs.values(), default=0)


def build_report(
    decks: Sequence[Deck],
    store: ProgressStore,
    now: datetime,
    desired_retention: float = 0.9,
    tz: tzinfo | None = None,
    *,
    every_answered: bool = False,
) -> Report:
    """The report over the answers and schedules of `decks` (all their history, including
    items since removed from them), with days in `tz` (default: local time). `every_answered`
    (no deck named: all of them) adds every other deck the progress file has answers of: a deck
    studied from a file named on the command line, or one since moved away."""
    deck_ids = [deck.id for deck in decks]
    if every_answered:
        known = set(deck_ids)
        deck_ids += [d for d in store.answered_decks() if d not in known]
    day_of = local_date if tz is None else lambda moment: moment.astimezone(tz).date()
    today = day_of(now)
    first_day = today - timedelta(days=HEATMAP_DAYS - 1)
    retention_since = now - timedelta(days=RETENTION_DAYS)
    per_day: Counter[date] = Counter()  # every day with answers
    test_answers = test_correct = concept_answers = covered = concepts = reviews = passed = 0
    for row in store.report_rows(deck_ids):
        answered_at = parse_time(row.answered_at)
        if answered_at is None:
            continue  # not ISO 8601: `doctor` reports it
        day = day_of(answered_at)
        per_day[day] += 1
        # Every answer to a question or a prompt counts, whatever the mode it was given in
        # (test, today, review, cram...): each is graded the same way.
        if row.kind == "question" and row.outcome in ("correct", "incorrect"):
            test_answers += 1
            test_correct += row.outcome == "correct"
        elif row.kind == "prompt":
            k, _, n = row.outcome.partition("/")
            if k.isdigit() and n.isdigit():
                concept_answers += 1
                covered += int(k)
                concepts += int(n)
        if (
            row.rating is not None
            and row.state_before is not None
            and answered_at >= retention_since
            and _fsrs_state(row.state_before) == FSRS_REVIEW_STATE
        ):
            reviews += 1
            passed += row.rating > 1
    forecast = [0] * FORECAST_DAYS
    leeches: list[Leech] = []
    for deck_id in deck_ids:
        for state in store.item_states(deck_id).values():
            offset = max(0, (day_of(state.due) - today).days)
            if offset < FORECAST_DAYS:
                forecast[offset] += 1
            if state.lapses >= LEECH_LAPSES:
                leeches.append(Leech(state.deck, state.item, state.kind, state.lapses))
    leeches.sort(key=lambda leech: (-leech.lapses, leech.deck, leech.item))
    weakest = [t for deck_id in deck_ids for t in store.concept_tallies(deck_id) if t.missed]
    weakest.sort(key=lambda t: (-t.missed, t.covered, t.deck, t.item, t.concept))
    tallies = [store.suggestion_tally(deck_id) for deck_id in deck_ids]
    suggestions = SuggestionTally(*(sum(column) for column in zip(*tallies, strict=True)))
    current, longest = streaks(per_day, today)
    return Report(
        today=today, total_answers=per_day.total(),
        answers_per_day={day: n for day, n in per_day.items() if day >= first_day},
        streak_current=current, streak_longest=longest, forecast=forecast,
        retention_reviews=reviews, retention_passed=passed,
        desired_retention=desired_retention, test_answers=test_answers,
        test_correct=test_correct, concept_answers=concept_answers, concepts_covered=covered,
        concepts_total=concepts, leeches=leeches, weakest_concepts=weakest[:WEAKEST_CONCEPTS],
        suggestions=suggestions,
    )  # fmt: skip

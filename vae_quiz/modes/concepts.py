"""Concepts mode: the learner writes an answer to an open prompt, then ticks the concepts it
covered, starting from the concept matcher's suggestions. The result k/N, the text, each
concept's tick and the suggestion are committed together."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from vae_quiz.model import Deck, Prompt
from vae_quiz.modes.grader import ConceptMatch, grade_prompt
from vae_quiz.modes.scheduler import Rating
from vae_quiz.modes.session import AskOnce, Progress, pick
from vae_quiz.progress.store import MISSED, RIGHT, Answer, Draft


def concepts_rating(covered: int, total: int) -> Rating:
    """All concepts: Good; at least half: Hard; fewer: Again."""
    if covered >= total:
        return Rating.GOOD
    if 2 * covered >= total:
        return Rating.HARD
    return Rating.AGAIN


@dataclass(frozen=True, slots=True)
class AskedPrompt:
    """A prompt as asked, with its deck."""

    deck: Deck
    prompt: Prompt


@dataclass(frozen=True, slots=True)
class ConceptResult:
    """One graded answer: what was written and which concepts (by index) it covered."""

    asked: AskedPrompt
    text: str
    covered: frozenset[int]
    answer_id: str
    suggested: frozenset[int] | None = None

    @property
    def total(self) -> int:
        return len(self.asked.prompt.concepts)

    @property
    def score(self) -> int:
        return len(self.covered)

    @property
    def is_complete(self) -> bool:
        return self.score == self.total

    @property
    def missed(self) -> list[str]:
        """The concepts not covered, in the author's order."""
        return [c for i, c in enumerate(self.asked.prompt.concepts) if i not in self.covered]


@dataclass
class ConceptSession(AskOnce[AskedPrompt]):
    """A run over the open prompts of some decks, in the authors' order (shuffled in cram),
    filtered by level, capped by limit."""

    mode: str = "concepts"
    only: Collection[tuple[str, str]] | None = None
    counter: Callable[[], Progress] | None = None

    asked: list[AskedPrompt] = field(init=False, default_factory=list)
    results: list[ConceptResult] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        super().__post_init__()
        picked = list(pick(self.decks, "prompts", self.options.level, self.only))
        if self.is_cram:  # practice: shuffled, reproducibly with a seed
            random.Random(self.options.seed).shuffle(picked)
        for deck, index in picked[: self.options.cap()]:
            self.asked.append(AskedPrompt(deck, deck.prompts[index]))

    def draft(self) -> Draft | None:
        """The unsent answer kept for the current prompt (in any mode), or None."""
        asked = self.current
        return None if asked is None else self.store.draft(asked.deck.id, asked.prompt.id)

    def suggest(self, text: str) -> list[ConceptMatch]:
        """The concept matcher's reading of an answer to the current prompt: each concept,
        covered or not, with its score and evidence (the first call loads the matcher's
        libraries, about 0.25 s)."""
        asked = self.current
        if asked is None:
            raise RuntimeError("no prompt to grade")
        return grade_prompt(asked.prompt, text)

    def keep_draft(self, text: str) -> None:
        """Keep `text` as the current prompt's unsent answer (empty: forget it); committed before
        returning. Grading the prompt deletes it."""
        asked = self.current
        if asked is None:
            raise RuntimeError("no prompt to keep a draft of")
        self.store.save_draft(asked.deck.id, asked.prompt.id, text, self.now())

    def spare_draft(self, text: str, folder: Path | None = None) -> Path:
        """Write `text`, the current prompt's unsent answer the progress file could not keep
        (a full disk), to a new text file in `folder` (else the system's temp folder, most
        often on another disk); returns its path.

        Raises:
            WriteError: it could not be written there either.
        """
        import tempfile  # only on this rare way out: not on the start-up path

        from vae_quiz.outfile import write_bytes

        asked = self.current
        if asked is None:
            raise RuntimeError("no prompt to keep a draft of")
        stamp = self.now().strftime("%Y%m%dT%H%M%S")
        name = f"vae-quiz-unsent-{asked.deck.id}-{asked.prompt.id}-{stamp}.txt"
        path = Path(tempfile.gettempdir() if folder is None else folder) / name
        write_bytes(path, text.encode("utf-8"))
        return path

    def grade(
        self, text: str, covered: frozenset[int], suggested: frozenset[int] | None = None
    ) -> ConceptResult:
        """Record the current prompt's answer and ticked concepts (and the concepts the
        matcher suggested, when it was asked), and delete its draft; committed before
        returning.

        Every result is an FSRS review of the prompt (`concepts_rating`), but in cram, which
        moves no due date.
        """
        asked = self.current
        if asked is None:
            raise RuntimeError("no prompt to grade")
        concepts = asked.prompt.concepts
        for indices in (covered, suggested or ()):
            if any(not 0 <= i < len(concepts) for i in indices):
                raise ValueError(f"concept index out of range: {sorted(indices)}")
        now = self.now()
        k, n = len(covered), len(concepts)
        rating = concepts_rating(k, n)
        deck_id, item_id = asked.deck.id, asked.prompt.id
        recorded = self.store.record(
            Answer(
                deck=deck_id,
                item=item_id,
                kind="prompt",
                mode=self.mode,
                outcome=f"{k}/{n}",
                answered_at=now,
                result=RIGHT if k == n else MISSED,
                response=text,
                detail={"covered": k, "total": n}
                | ({} if suggested is None else {"suggested": sorted(i + 1 for i in suggested)}),
                concepts=tuple((c, i in covered) for i, c in enumerate(concepts)),
                suggested=(() if suggested is None else tuple(i in suggested for i in range(n))),
            ),
            None if self.is_cram else self.scheduler.for_deck(deck_id).schedule(rating, now),
        )
        result = ConceptResult(asked, text, frozenset(covered), recorded.id, suggested)
        self.results.append(result)
        return result

    def summary(self) -> ConceptSummary:
        return ConceptSummary(
            results=list(self.results),
            total=self.total,
            seconds=(self.now() - self.started_at).total_seconds(),
        )


@dataclass(frozen=True, slots=True)
class ConceptSummary:
    """The end of a concepts session: each prompt's k/N and the concepts missed."""

    results: list[ConceptResult]
    total: int
    seconds: float

    @property
    def answered(self) -> int:
        return len(self.results)

    @property
    def covered(self) -> int:
        return sum(r.score for r in self.results)

    @property
    def concepts(self) -> int:
        return sum(r.total for r in self.results)

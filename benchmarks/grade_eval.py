"""The concept matcher against the labelled set: precision, recall and F1 per prompt and overall
(concepts with keywords and without apart), and the time to grade an answer.

Run: `python benchmarks/grade_eval.py [--misses]` from a checkout. The labelled set is
`tests/data/grading/labels.yaml` (see its header); `--misses` lists every judgement the matcher
got wrong. Nothing here is a test: `tests/unit/modes/test_grade_eval.py` holds the targets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vae_quiz.decks.catalog import bundled_deck_files  # noqa: E402
from vae_quiz.decks.loader import load_deck  # noqa: E402
from vae_quiz.model import Prompt  # noqa: E402
from vae_quiz.modes.grader import grade_prompt, warm_up  # noqa: E402

DATA = REPO / "tests" / "data" / "grading"
LABELS = DATA / "labels.yaml"


@dataclass
class Tally:
    """Counts of judgements: true/false positives and negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, said: bool, truth: bool) -> None:
        if said and truth:
            self.tp += 1
        elif said:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def count(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None


@dataclass(frozen=True)
class Judgement:
    """One (answer, concept, covered?) label and what the matcher said."""

    prompt: str
    answer: str
    concept: str
    has_keywords: bool
    truth: bool
    said: bool
    evidence: str | None


@dataclass
class Evaluation:
    """Every judgement, the labels left out (concept no longer in the deck), and timings."""

    judgements: list[Judgement] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # each answer's median time

    def tally(self, prompt: str | None = None, keywords: bool | None = None) -> Tally:
        tally = Tally()
        for j in self.judgements:
            if (prompt is None or j.prompt == prompt) and (
                keywords is None or j.has_keywords == keywords
            ):
                tally.add(j.said, j.truth)
        return tally


def _deck_prompt(deck: str, prompt_id: str) -> Prompt:
    if deck.endswith((".yaml", ".yml")):
        path = DATA / deck
    else:
        path = next(p for p in bundled_deck_files() if load_deck(p).id == deck)
    found = load_deck(path).prompts.get(prompt_id)
    if found is None:
        raise SystemExit(f"{LABELS}: no prompt {prompt_id!r} in {path}")
    return found


def labelled() -> Iterator[tuple[str, Prompt, list[str], dict]]:
    """Each labelled prompt: its id, the deck's prompt, the labelled concept texts, answers."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    for prompt_id, entry in data.items():
        prompt = _deck_prompt(entry["deck"], prompt_id)
        yield prompt_id, prompt, entry["concepts"], entry["answers"]


def evaluate(repeats: int = 1) -> Evaluation:
    """Grade every labelled answer (`repeats` times, for the timing) and compare."""
    warm_up()
    out = Evaluation()
    for prompt_id, prompt, texts, answers in labelled():
        for text in texts:
            if text not in prompt.concepts:
                out.left_out.append(f"{prompt_id}: {text!r} is no longer a concept")
        for answer in answers:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                matches = grade_prompt(prompt, answer["text"])
                times.append(time.perf_counter() - start)
            out.seconds.append(statistics.median(times))
            by_text = {m.concept: m for m in matches}
            for number, text in enumerate(texts, start=1):
                if text not in by_text:
                    continue
                match = by_text[text]
                has_keywords = bool(prompt.keywords_of(prompt.concepts.index(text)))
                out.judgements.append(
                    Judgement(prompt_id, answer["text"], text, has_keywords,
                              number in answer["covered"], match.covered, match.evidence)
                )  # fmt: skip
    return out


def long_answer_seconds(words: int = 300, repeats: int = 50) -> float:
    """The median time to grade a `words`-word answer to the bundled deck's first prompt."""
    _, prompt, _, answers = next(labelled())
    text = " ".join(a["text"] for a in answers).split()
    answer = " ".join((text * (words // len(text) + 1))[:words])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        grade_prompt(prompt, answer)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row(name: str, tally: Tally) -> str:
    return (f"| {name} | {tally.count} | {_figure(tally.precision)} | {_figure(tally.recall)} "
            f"| {_figure(tally.f1)} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the wrong judgements")
    args = parser.parse_args()
    result = evaluate(repeats=5)
    print("| prompt | judgements | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for prompt_id in dict.fromkeys(j.prompt for j in result.judgements):
        print(_row(prompt_id, result.tally(prompt_id)))
    print(_row("**all, with keywords**", result.tally(keywords=True)))
    print(_row("**all, without keywords**", result.tally(keywords=False)))
    print(_row("**all**", result.tally()))
    answers, middle = len(result.seconds), statistics.median(result.seconds)
    print(f"\ntime per answer (each the median of 5 runs): median {middle * 1000:.2f} ms, "
          f"slowest {max(result.seconds) * 1000:.2f} ms over {answers} answers; "
          f"a 300-word answer: {long_answer_seconds() * 1000:.2f} ms")  # fmt: skip
    for line in result.left_out:
        print(f"left out: {line}")
    if args.misses:
        for j in result.judgements:
            if j.said != j.truth:
                kind = "false tick" if j.said else "missed"
                print(f"\n{kind}: {j.prompt}: {j.concept}\n  answer: {j.answer}\n"
                      f"  evidence: {j.evidence}")  # fmt: skip


if __name__ == "__main__":
    main()

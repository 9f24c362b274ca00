"""Loading at scale with real text no one here wrote: the OpenTriviaQA bank as a deck."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from tests.conftest import SHARED
from vae_quiz.decks.loader import load_deck

TRIVIA = SHARED / "corpus" / "mcq" / "opentriviaqa"


def _trivia_questions(path: Path) -> list[dict]:
    """A minimal reading of the `#Q` / `^` / `A`.. format, enough to build deck data."""
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    questions = []
    for block in (
        text.split("\n#Q ")[1:] if not text.startswith("#Q ") else ("\n" + text).split("\n#Q ")[1:]
    ):
        lines = block.strip("\n").split("\n")
        answer_at = next((i for i, ln in enumerate(lines) if ln.startswith("^")), None)
        if answer_at is None:
            continue
        question = " ".join(ln.strip() for ln in lines[:answer_at]).strip()
        answer = lines[answer_at][1:].strip()
        choices = [
            ln[2:].strip()
            for ln in lines[answer_at + 1 :]
            if len(ln) > 1 and ln[0] in "ABCDEFG" and ln[1] == " "
        ]
        if not question or answer not in choices or len(set(choices)) != len(choices):
            continue
        digest = hashlib.sha1(question.encode()).hexdigest()[:10]
        questions.append(
            {"id": f"q-{digest}", "question": question, "choices": choices, "answer": answer}
        )
    return questions


@pytest.mark.skipif(not TRIVIA.is_dir(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("name", ["geography", "brain-teasers", "general"])
def test_real_trivia_questions_load_as_a_deck(name: str, tmp_path: Path) -> None:
    questions = _trivia_questions(TRIVIA / name)
    seen: set[str] = set()
    unique = [q for q in questions if not (q["id"] in seen or seen.add(q["id"]))]
    assert len(unique) > 150
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        yaml.safe_dump(
            {"id": name, "title": name, "questions": unique}, allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    deck = load_deck(path)
    assert len(deck.questions) == len(unique)
    for question, data in zip(deck.questions, unique, strict=True):
        assert question.question == data["question"].strip()
        assert question.answer == (data["answer"],)

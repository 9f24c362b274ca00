"""The bundled VAE deck holds every item of the seed page, with the counts it shows."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import combinations

from vae_quiz.decks.catalog import bundled_deck_files, load_decks
from vae_quiz.decks.loader import load_deck
from vae_quiz.model import Level


def _vae():
    return next(d for d in load_decks(bundled_deck_files()).decks if d.id == "vae")


def test_bundled_decks_are_all_valid() -> None:
    result = load_decks(bundled_deck_files())
    assert result.problems == []
    assert result.decks


def test_vae_deck_has_the_seed_counts() -> None:
    deck = _vae()
    assert deck.title == "Variational Autoencoders"
    assert (len(deck.cards), len(deck.questions), len(deck.prompts)) == (5, 5, 2)
    assert [len(p.concepts) for p in deck.prompts] == [4, 3]
    assert all(len(q.choices) == 4 and len(q.answer) == 1 for q in deck.questions)
    assert all(p.hint and p.model_answer for p in deck.prompts)


def test_vae_deck_keeps_the_seed_text_and_levels() -> None:
    deck = _vae()
    levels = [c.level for c in deck.cards]
    assert levels == [
        Level.BEGINNER,
        Level.BEGINNER,
        Level.INTERMEDIATE,
        Level.INTERMEDIATE,
        Level.BEGINNER,
    ]
    assert deck.cards[0].front == "What is a Variational Autoencoder (VAE)?"
    assert deck.cards[3].back.startswith("The KL divergence measures how much the learned")
    assert deck.questions[3].question == (
        "Which loss is commonly used for reconstruction in VAEs with binary data?"
    )
    assert deck.questions[3].answer == ("Binary cross-entropy",)
    assert deck.questions[0].explanation.startswith(
        "The encoder outputs parameters (mean and variance) "
        "that define a probability distribution in the latent space. "
    )
    assert deck.prompts[1].hint == "Consider what each loss term controls in the model."


def test_vae_deck_text_matches_the_seed_page_when_the_seed_is_present() -> None:
    from tests.conftest import SHARED

    seed = SHARED / "seeds" / "000_de86065d39174873.txt"
    if not seed.exists():
        import pytest

        pytest.skip("../shared is not beside this checkout")
    lines = seed.read_text(encoding="utf-8").splitlines()
    deck = load_deck(_vae().path)
    for item_text in (
        [c.front for c in deck.cards]
        + [c.back for c in deck.cards]
        + [q.question for q in deck.questions]
        + [p.prompt for p in deck.prompts]
        + [p.hint for p in deck.prompts]
    ):
        assert item_text in lines, item_text
    # An explanation is the page's sentence, word for word, then what the deck adds to it.
    for question in deck.questions:
        assert question.explanation
        assert any(question.explanation.startswith(f"{line} ") for line in lines), question.id


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def test_vae_questions_cannot_be_answered_by_the_length_of_a_choice() -> None:
    deck = _vae()
    strictly_longest = [
        q.id
        for q in deck.questions
        if all(len(q.answer[0]) > len(c) for c in q.choices if c != q.answer[0])
    ]
    assert len(strictly_longest) <= 2, strictly_longest


def test_vae_question_choices_are_not_near_duplicates() -> None:
    for question in _vae().questions:
        for a, b in combinations(question.choices, 2):
            similarity = SequenceMatcher(None, _words(a), _words(b)).ratio()
            assert similarity < 0.8, (question.id, a, b)


def test_vae_explanations_add_to_the_right_choice() -> None:
    for question in _vae().questions:
        assert question.explanation
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", question.explanation) if s]
        assert len(sentences) >= 3, question.id


def test_explain_vae_concepts_each_hold_one_idea() -> None:
    prompt = next(p for p in _vae().prompts if p.id == "explain-vae")
    assert "A latent vector is sampled from that distribution" in prompt.concepts
    assert not any("(" in concept or "reparameterization" in concept for concept in prompt.concepts)

"""Property tests: the loader raises nothing but DeckError, and keeps valid decks intact."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vae_quiz.decks.loader import parse_deck
from vae_quiz.errors import DeckError

FIELD_NAMES = [
    "id",
    "title",
    "description",
    "cards",
    "questions",
    "prompts",
    "front",
    "back",
    "question",
    "choices",
    "answer",
    "explanation",
    "shuffle",
    "prompt",
    "hint",
    "concepts",
    "model_answer",
    "level",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8))
yaml_data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


def _parses_or_raises_deck_error(text: str) -> None:
    try:
        deck = parse_deck(text, "fuzz.yaml")
    except DeckError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith("fuzz.yaml")
            assert "\n" not in str(problem)
    else:
        assert deck.items


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_loader_raises_only_deck_error_when_given_arbitrary_text(text: str) -> None:
    _parses_or_raises_deck_error(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_data)
def test_loader_raises_only_deck_error_when_given_arbitrary_yaml_data(data: object) -> None:
    _parses_or_raises_deck_error(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from(["id", "front", "back", "level", "extra"]), scalars, max_size=5)
)
def test_loader_raises_only_deck_error_when_a_card_has_random_fields(card: dict) -> None:
    _parses_or_raises_deck_error(yaml.safe_dump({"id": "d", "title": "T", "cards": [card]}))


words = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def valid_decks(draw: st.DrawFn) -> dict:
    n_cards = draw(st.integers(0, 4))
    n_questions = draw(st.integers(0 if n_cards else 1, 4))
    cards = [{"id": f"c{i}", "front": draw(words), "back": draw(words)} for i in range(n_cards)]
    questions = []
    for i in range(n_questions):
        choices = draw(st.lists(words, min_size=2, max_size=8, unique=True))
        answer = draw(st.sampled_from(choices))
        questions.append(
            {"id": f"q{i}", "question": draw(words), "choices": choices, "answer": answer}
        )
    return {"id": "gen", "title": draw(words), "cards": cards, "questions": questions}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(valid_decks())
def test_valid_deck_round_trips_when_dumped_as_yaml(data: dict) -> None:
    deck = parse_deck(yaml.safe_dump(data, allow_unicode=True), "gen.yaml")
    assert [(c.front, c.back) for c in deck.cards] == [
        (c["front"], c["back"]) for c in data["cards"]
    ]
    assert [(q.choices, q.answer[0]) for q in deck.questions] == [
        (tuple(q["choices"]), q["answer"]) for q in data["questions"]
    ]

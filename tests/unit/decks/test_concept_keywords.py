"""Concepts with keywords: `{text: ..., keywords: [...]}` beside plain texts, in the loader, the
JSON Schema and the cache."""

from __future__ import annotations

import pytest
import yaml
from jsonschema import Draft202012Validator

from vae_quiz.decks.cache import load_deck_cached
from vae_quiz.decks.loader import parse_deck
from vae_quiz.decks.schema import deck_schema
from vae_quiz.errors import DeckError

DECK = """id: kw
title: Keywords
prompts:
  - id: p1
    prompt: Explain.
    concepts:
      - A plain concept
      - text: A concept with keywords
        keywords: [mean and variance | mu and sigma, encoder]
      - text: A mapping without keywords
"""


def test_concepts_may_be_texts_or_mappings_with_keywords() -> None:
    prompt = parse_deck(DECK, "kw.yaml").prompts[0]
    assert prompt.concepts == (
        "A plain concept",
        "A concept with keywords",
        "A mapping without keywords",
    )
    assert prompt.keywords_of(0) == ()
    assert prompt.keywords_of(1) == (("mean and variance", "mu and sigma"), ("encoder",))
    assert prompt.keywords_of(2) == ()


def test_a_prompt_without_keywords_keeps_none() -> None:
    deck = parse_deck("id: x\ntitle: X\nprompts:\n  - {id: p, prompt: P, concepts: [a, b]}\n", "x")
    assert deck.prompts[0].keywords == ()
    assert deck.prompts[0].keywords_of(1) == ()


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ("[a | ]", "kw.yaml:9: prompt 'p1': concepts[2].keywords: 'a |' has an empty alternative"),
        ("[]", "kw.yaml:9: prompt 'p1': concepts[2].keywords: must list at least one keyword"),
        ("[Mean, mean]", "kw.yaml:9: prompt 'p1': concepts[2].keywords: 'mean' appears twice"),
        ("[a | b, B]", "kw.yaml:9: prompt 'p1': concepts[2].keywords: 'B' appears twice"),
        ("a", "kw.yaml:9: prompt 'p1': concepts[2].keywords: must be a list of texts, not 'a'"),
        ("['', b]", "kw.yaml:9: prompt 'p1': concepts[2].keywords: entry 1 must be non-empty text"),
    ],
)
def test_bad_keywords_are_one_line_each_with_file_line_and_item(keywords, message) -> None:
    text = DECK.replace("[mean and variance | mu and sigma, encoder]", keywords)
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "kw.yaml")
    assert str(caught.value.problems[0]).startswith(message)
    assert len(caught.value.problems) == 1


@pytest.mark.parametrize(
    ("concept", "message"),
    [
        ("{keywords: [a]}", "prompt 'p1': concepts[2].text: required field is missing"),
        ("{text: [a, b]}", "prompt 'p1': concepts[2].text: must be text, not a list"),
        ("{text: '', keywords: [a]}", "prompt 'p1': concepts[2].text: must not be empty"),
        ("{text: t, keyword: [a]}", "unknown key 'keyword' (did you mean 'keywords'?)"),
        ("[a, b]", "concepts: entry 2 must be non-empty text or {text: ..., keywords: [...]}"),
        ("{text: A plain concept}", "concepts: 'A plain concept' appears twice"),
    ],
)
def test_bad_concept_mappings_are_reported(concept: str, message: str) -> None:
    plain = "      - A plain concept\n"
    text = DECK.replace(plain, f"{plain}      - {concept}\n")
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "kw.yaml")
    assert message in str(caught.value.problems[0])


def test_the_schema_takes_both_forms_and_refuses_blank_alternatives() -> None:
    validator = Draft202012Validator(deck_schema())
    assert not list(validator.iter_errors(yaml.safe_load(DECK)))
    for bad in ("[a | ]", "[]", "['|']", "[' | b']"):
        data = yaml.safe_load(DECK.replace("[mean and variance | mu and sigma, encoder]", bad))
        assert list(validator.iter_errors(data)), bad
    data = yaml.safe_load(DECK.replace("keywords:", "kewords:"))
    assert list(validator.iter_errors(data))


def test_keywords_survive_the_cache(tmp_path) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(DECK)
    first = load_deck_cached(path, tmp_path / "cache")
    again = load_deck_cached(path, tmp_path / "cache")
    assert again.prompts[0] == first.prompts[0]
    assert again.prompts[0].keywords_of(1) == (("mean and variance", "mu and sigma"), ("encoder",))

"""The fast reader of plain decks (decks/plain.py) against the loader's checks: whatever the file,
it reads no deck, or the very deck the checks build; and it does read the decks people write, so
that the fast path is the one taken."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.make_deck import write_deck
from tests.unit.decks.test_loader_fuzz import SEEDS, _mutate, mutation
from vae_quiz.decks import loader
from vae_quiz.decks.loader import parse_deck_bytes
from vae_quiz.decks.plain import read_plain
from vae_quiz.errors import DeckError
from vae_quiz.locations import bundled_deck_dir
from vae_quiz.model import Deck

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

# Every field and form a deck may use, each item plain.
EVERY_FIELD = b"""\
id: every-field
title: " Every field "
description: >-
  Folded text, with a # that is no comment.
format: Markdown
cards:
  - {id: c.1, front: "yes", back: '~', level: ' Beginner'}
  - id: c_2
    front: 12
    back: 2026-01-01
    level: advanced
questions:
  - id: q-1
    question: Which?
    choices: [a, "b", 'c d']
    answer: 'c d'
    explanation: ~
    shuffle: No
  - id: Q2
    level: intermediate
    question: All of them?
    choices:
      - one
      - two
      - three
    answer: [three, one]
    shuffle: on
    explanation: "  "
prompts:
  - id: p1
    prompt: Say it.
    hint: ""
    model_answer: |
      A literal
      block.
    concepts:
      - plain concept
      - text: keyed concept
        keywords: [alpha | Alpha Beta, gamma]
      - {text: keyed without keywords}
  - id: p2
    prompt: And again.
    concepts: [only one]
"""


def _checked(data: bytes) -> Deck | None:
    """The deck the loader's checks build from `data` (composed, every rule checked), or None
    when they refuse it."""
    try:
        return loader._check(data, "d.yaml")
    except DeckError:
        return None


def _same_as_checks(data: bytes) -> Deck | None:
    """What the fast reader reads from `data`, having checked it is the checks' deck."""
    plain = read_plain(data, "d.yaml")
    if plain is not None:
        assert plain == _checked(data)
        for kind in ("cards", "questions", "prompts"):
            assert getattr(plain, kind).levels == getattr(_checked(data), kind).levels
    return plain


@pytest.mark.parametrize(
    "path",
    [*sorted(bundled_deck_dir().glob("*.yaml")), *sorted(EXAMPLES.glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_the_decks_shipped_are_read_by_the_fast_reader_when_loaded(path: Path) -> None:
    assert _same_as_checks(path.read_bytes()) is not None


def test_every_field_and_form_is_read_by_the_fast_reader_when_plain() -> None:
    deck = _same_as_checks(EVERY_FIELD)
    assert deck is not None
    assert deck.format == "markdown" and deck.title == "Every field"
    assert deck.cards[0].front == "yes" and deck.cards[0].back == "~"
    assert deck.cards[1].front == "12" and deck.cards[1].back == "2026-01-01"
    assert [q.shuffle for q in deck.questions] == [False, True]
    assert deck.questions[1].answer == ("three", "one") and deck.questions[1].is_multi
    assert deck.prompts[0].keywords == ((), (("alpha", "Alpha Beta"), ("gamma",)), ())
    assert deck.prompts[1].keywords == ()


def test_a_big_generated_deck_is_read_by_the_fast_reader(tmp_path: Path) -> None:
    data = write_deck(300, tmp_path / "big.yaml").read_bytes()
    fresh = read_plain(data, "d.yaml")
    assert fresh is not None and fresh.item_count == 300
    assert [k.built_count for k in (fresh.cards, fresh.questions, fresh.prompts)] == [0, 0, 0]
    assert fresh.questions[5] == fresh.questions.get(fresh.questions.ids[5])
    assert fresh.questions.built_count == 1  # kept as records until asked for
    assert _same_as_checks(data) is not None


def _changed(old: bytes, new: bytes) -> bytes:
    assert old in EVERY_FIELD
    return EVERY_FIELD.replace(old, new, 1)


SMALL = b"id: d\ntitle: T\nprompts: [{id: p, prompt: P, concepts: [c]}]\n"


@pytest.mark.parametrize(
    "data",
    [
        # Still a deck, through the checks.
        _changed(b"id: every-field", b"id: &a every-field"),  # an anchor
        _changed(b"front: 12", b"front: !!str 12"),  # a tag
        _changed(b"level: advanced", b"level: !!str advanced"),
        _changed(b"  - id: c_2", b"  - !!map\n    id: c_2"),
        _changed(b"back: 2026-01-01", b"!!str back: 2026-01-01"),
        # Not a deck: each a rule of the checks.
        _changed(b"back: 2026-01-01", b"!!null back: 2026-01-01"),  # a key that is no word
        _changed(b"level: ' Beginner'}", b"level: ' Beginner', extra: 1}"),  # unknown field
        _changed(b"questions:", b"extra: 1\nquestions:"),
        _changed(b"{text: keyed without keywords}", b"{text: keyed, other: 1}"),
        _changed(b"id: c_2", b"id: 'c 2'"),  # not an id
        _changed(b"id: every-field", b"id: Every_Field"),
        _changed(b"id: q-1", b"id: c.1"),  # an id taken
        _changed(b'front: "yes"', b"front: ~"),  # empty
        _changed(b"front: 12", b"front: ' '"),
        _changed(b'hint: ""', b"hint: [a]"),  # not text
        _changed(b"shuffle: No", b"shuffle: maybe"),  # not a boolean
        _changed(b"shuffle: No", b"shuffle: 'No'"),
        _changed(b"level: advanced", b"level: expert"),  # not a level
        _changed(b"choices: [a, \"b\", 'c d']", b"choices: ['c d']"),  # too few choices
        _changed(b"choices: [a, \"b\", 'c d']", b"choices: [a, a, 'c d']"),  # one twice
        _changed(b"answer: 'c d'", b"answer: 'c e'"),  # not one of the choices
        _changed(b"answer: [three, one]", b"answer: []"),
        _changed(b"- plain concept", b"- plain concept\n      - plain concept"),  # twice
        _changed(b"[alpha | Alpha Beta, gamma]", b"[alpha | ALPHA, gamma]"),  # a keyword twice
        _changed(b"[alpha | Alpha Beta, gamma]", b"[alpha | , gamma]"),  # an empty one
        _changed(b"[alpha | Alpha Beta, gamma]", b"[]"),
        _changed(b"format: Markdown", b"format: html"),
        EVERY_FIELD + b"---\nid: another document\n",
        SMALL.replace(b"title: T\n", b"title: T\ncards: some text\n"),  # a section as text
        SMALL.replace(b"prompts:", b"cards:"),  # a card without its fields
        b"id: d\ntitle: T\ncards: []\n",  # no items
    ],
)
def test_a_deck_that_is_not_plain_is_left_to_the_checks(data: bytes) -> None:
    assert read_plain(data, "d.yaml") is None
    checked = _checked(data)
    if checked is not None:
        assert parse_deck_bytes(data, "d.yaml") == checked


def test_an_empty_section_is_read_by_the_fast_reader_when_null() -> None:
    data = SMALL.replace(b"title: T\n", b"title: T\ncards:\nquestions: ~\n")
    assert _same_as_checks(data) is not None


@pytest.mark.parametrize("seed", [*SEEDS, "every-field"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_deck_is_the_checks_deck_or_left_to_them(seed: str, steps: list) -> None:
    _same_as_checks(_mutate(SEEDS.get(seed, EVERY_FIELD), steps))


_texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
                 min_size=1, max_size=12).filter(lambda t: t.strip() == t and t)  # fmt: skip


@st.composite
def _valid_decks(draw: st.DrawFn) -> dict:
    def item(n: int) -> dict:
        levels = st.sampled_from(["beginner", " ADVANCED", "Intermediate"])
        return {"id": f"i{n}"} | draw(st.fixed_dictionaries({}, optional={"level": levels}))

    counter = iter(range(100))
    cards = [item(next(counter)) | {"front": draw(_texts), "back": draw(_texts)}
             for _ in range(draw(st.integers(0, 3)))]  # fmt: skip
    questions = []
    for _ in range(draw(st.integers(0, 3))):
        choices = draw(st.lists(_texts, min_size=2, max_size=8, unique=True))
        answer = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
        questions.append(item(next(counter)) | {
            "question": draw(_texts), "choices": choices,
            "answer": answer if draw(st.booleans()) else answer[0],
        } | draw(st.fixed_dictionaries({}, optional={"explanation": _texts,
                                                     "shuffle": st.booleans()})))  # fmt: skip
    prompts = []
    for _ in range(draw(st.integers(1, 3))):
        concepts = draw(st.lists(_texts.filter(lambda t: "|" not in t), min_size=1, unique=True))
        prompts.append(item(next(counter)) | {"prompt": draw(_texts), "concepts": concepts})
    return {"id": "gen", "title": draw(_texts), "cards": cards, "questions": questions,
            "prompts": prompts}  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_valid_decks(), flow=st.booleans())
def test_a_generated_valid_deck_is_read_by_the_fast_reader(data: dict, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    if _checked(text.encode()) is not None:  # a text may still be YAML's null or a boolean
        assert _same_as_checks(text.encode()) is not None


# Values a field may be given: texts that YAML reads as something else among them.
_words = st.sampled_from(["a", "b", "a b", " a ", "yes", "no", "null", "~", "", "1", "1.5",
                          "2026-01-01", "a | b", "a|", "A|a", "x: y", "#", "-"])  # fmt: skip
_values = st.one_of(
    _words, st.none(), st.booleans(), st.integers(-1, 1),
    st.lists(_words, max_size=4),
    st.lists(st.fixed_dictionaries({"text": _words}, optional={"keywords": st.lists(_words)}),
             max_size=2),
    st.dictionaries(st.sampled_from(["text", "keywords"]), _words, max_size=2),
)  # fmt: skip
_fields = st.sampled_from(["id", "level", "front", "back", "question", "choices", "answer",
                           "explanation", "shuffle", "prompt", "hint", "concepts",
                           "model_answer", "text", "other"])  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_valid_decks(), flow=st.booleans(), changes=st.data())
def test_a_generated_deck_changed_a_little_is_the_checks_deck_or_left_to_them(
    data: dict, flow: bool, changes: st.DataObject
) -> None:
    items = [item for kind in ("cards", "questions", "prompts") for item in data[kind]]
    for _ in range(changes.draw(st.integers(1, 3))):
        target = changes.draw(st.sampled_from([data, *items]))
        if changes.draw(st.booleans()):
            target[changes.draw(_fields)] = changes.draw(_values)
        else:
            target.pop(changes.draw(_fields), None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    _same_as_checks(text.encode())

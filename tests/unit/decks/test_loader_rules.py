"""Every validation rule of the deck loader: the message, the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from vae_quiz.decks.catalog import load_decks
from vae_quiz.decks.loader import load_deck, parse_deck
from vae_quiz.errors import DeckError
from vae_quiz.model import Level

BAD = Path(__file__).parents[2] / "data" / "bad"

# file, line, text that must appear in the first problem
CASES = [
    ("missing_back", 4, "card 'c1': back: required field is missing"),
    ("unknown_key", 6, "card 'c1': unknown key 'bak' (did you mean 'back'?)"),
    ("duplicate_id", 8, "question 'same': id: duplicate id: card 'same' on line 4"),
    ("answer_not_choice", 7, "question 'q1': answer: 'delta' is not one of the choices"),
    ("one_choice", 6, "question 'q1': choices: has 1 choice; a question needs 2 to 8"),
    ("nine_choices", 6, "question 'q1': choices: has 9 choices; a question needs 2 to 8"),
    ("duplicate_choices", 9, "question 'q1': choices: 'same' appears twice (first on line 7)"),
    ("no_concepts", 6, "prompt 'p1': concepts: must list at least one concept"),
    ("bad_deck_id", 1, "deck 'Bad Deck': id: 'Bad Deck' is not a valid deck id"),
    ("bad_item_id", 4, "card 'has space': id: 'has space' is not a valid id"),
    ("top_level_list", 1, "the top level must be a mapping"),
    ("empty", 1, "the file is empty"),
    ("latin1", 2, "not valid UTF-8: byte 0xe9 at offset 21"),
    ("python_tag", 2, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("custom_tag", 5, "YAML tag '!secret' is not allowed"),
    ("alias_bomb", 3, "YAML anchors and aliases"),
    ("syntax_error", 7, "YAML syntax error: found unexpected end of stream"),
    ("tab_indent", 4, "YAML is indented with spaces, not tabs"),
    ("bad_level", 5, "card 'c1': level: 'begginer' is not a level; use one of beginner"),
    ("choices_not_list", 6, "question 'q1': choices: must be a list of texts"),
    ("shuffle_not_bool", 8, "question 'q1': shuffle: must be true or false, not 'sometimes'"),
    ("missing_title", 1, "deck 'broken': title: required field is missing"),
    ("no_items", 1, "the deck has no items"),
    ("front_is_mapping", 6, "card 'c1': front: must be text, not a mapping"),
    ("card_is_text", 4, "card #1: must be a mapping of fields"),
    ("multi_answer_not_choice", 7, "question 'q1': answer: 'z' is not one of the choices"),
    ("duplicate_key", 6, "card 'c1': duplicate key 'front' (first on line 5)"),
    ("empty_front", 5, "card 'c1': front: must not be empty"),
    ("missing_item_id", 4, "card #1: id: required field is missing"),
    ("utf16", 1, "the file is UTF-16; save it as UTF-8"),
    ("nul_byte", 2, "the file contains a NUL byte"),
]


@pytest.mark.parametrize(("name", "line", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_deck_is_reported_with_file_line_and_item(name: str, line: int, text: str) -> None:
    path = BAD / f"{name}.yaml"
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    first = caught.value.problems[0]
    assert first.line == line
    assert str(first).startswith(f"{path}:{line}: ")
    assert text in str(first)
    assert "\n" not in str(first)


def test_every_bad_fixture_has_a_case() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == {c[0] for c in CASES}


def test_python_tag_runs_nothing_when_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'id: x\ntitle: !!python/object/apply:os.system ["touch {marker}"]\ncards: []\n'
    with pytest.raises(DeckError):
        parse_deck(text, "t.yaml")
    assert not marker.exists()


def test_all_problems_of_a_file_are_collected_when_several_items_are_wrong() -> None:
    text = """\
id: many
title: Many
cards:
  - id: c1
    front: A
  - id: c2
    back: B
questions:
  - id: q1
    question: Q
    choices: [a, b]
    answer: c
"""
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "many.yaml")
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "many.yaml:4: card 'c1': back: required field is missing",
        "many.yaml:6: card 'c2': front: required field is missing",
        "many.yaml:12: question 'q1': answer: 'c' is not one of the choices",
    ]


def test_text_is_kept_literally_when_it_looks_like_markup_or_a_number(data_dir: Path) -> None:
    deck = load_deck(data_dir / "good" / "literal_markup.yaml")
    assert deck.title == "[bold]Not bold[/bold]"
    assert deck.cards[0].front == "[red]x[/red] and list[int]"
    assert deck.cards[0].back == "Line one\nLine two with [link=x]not a link[/link]"
    q1, q2 = deck.questions
    assert q1.choices == ("yes", "no", "1.0", "null-ish")
    assert q1.answer == ("yes",)
    assert not q1.is_multi
    assert q1.shuffle is False
    assert q2.is_multi and q2.answer == ("a", "c")
    assert q2.is_right({"a", "c"}) and not q2.is_right({"a"})


def test_level_is_case_insensitive_when_written_in_capitals() -> None:
    deck = parse_deck(
        "id: d\ntitle: T\ncards:\n  - {id: c, front: F, back: B, level: Advanced}\n", "d.yaml"
    )
    assert deck.cards[0].level is Level.ADVANCED


def test_empty_sections_are_allowed_when_another_section_has_items() -> None:
    deck = parse_deck(
        "id: d\ntitle: T\ncards:\nquestions: []\nprompts:\n  - id: p\n"
        "    prompt: P\n    concepts: [c]\n",
        "d.yaml",
    )
    assert deck.cards == () and deck.questions == () and len(deck.prompts) == 1


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: bom\ntitle: T\ncards:\n  - {id: c, front: F, back: B}\n")
    assert load_deck(path).id == "bom"


def test_missing_file_is_a_deck_error_without_line(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "nope.yaml")
    assert "cannot read the file" in str(caught.value)


def test_duplicate_deck_ids_across_files_fail_the_later_file(write_deck) -> None:
    first = write_deck("id: same\ntitle: A\ncards: [{id: c, front: F, back: B}]\n", "a.yaml")
    second = write_deck("id: same\ntitle: B\ncards: [{id: c, front: F, back: B}]\n", "b.yaml")
    result = load_decks([first, second])
    assert [d.title for d in result.decks] == ["A"]
    assert result.failed_paths == [str(second)]
    assert f"deck id 'same' is already used by {first}" in str(result.problems[0])

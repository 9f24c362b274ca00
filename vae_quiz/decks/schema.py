"""The deck format as a JSON Schema (draft 2020-12), for editors (yaml-language-server).

It says what a schema can: fields, types, id patterns, 2-8 distinct choices, levels. The loader
checks more (an answer must be one of the choices, ids unique in a deck, YAML tags and aliases
refused); `vae-quiz check` is the final word.
"""

from __future__ import annotations

from vae_quiz.decks.rules import MAX_ID_LENGTH
from vae_quiz.model import MAX_CHOICES, MIN_CHOICES, Level, TextFormat

SCHEMA_ID = "https://vae-quiz.invalid/deck.schema.json"

# A text field: any plain scalar, taken literally; not blank.
_TEXT = {"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": ["number", "boolean"]}]}
_TEXT_LIST = {"type": "array", "minItems": 1, "items": _TEXT}
_ITEM_ID = {"type": ["string", "number"], "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "maxLength": MAX_ID_LENGTH}  # fmt: skip
_LEVEL = {"enum": [level.value for level in Level]}
# A keyword: a word or phrase, or alternatives split by '|', none of them blank.
_KEYWORD = {"anyOf": [{"type": "string", "pattern": "^\\s*[^|\\s][^|]*(\\|\\s*[^|\\s][^|]*)*$"},
                      {"type": "number"}]}  # fmt: skip
_CONCEPT = {
    "anyOf": [
        _TEXT,
        {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": _TEXT,
                "keywords": {
                    "type": "array",
                    "minItems": 1,
                    "items": _KEYWORD,
                    "description": "Words or phrases that show the concept in an answer; "
                    "'a | b' lists alternatives. Each keyword must be found.",
                },
            },
        },
    ]
}


def _item(required: list[str], properties: dict, description: str) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": ["id", *required],
        "additionalProperties": False,
        "properties": {"id": _ITEM_ID, "level": _LEVEL, **properties},
    }


def deck_schema() -> dict:
    """The JSON Schema of a deck file."""
    card = _item(["front", "back"], {"front": _TEXT, "back": _TEXT},
                 "A recall card: the front is shown, the back revealed.")  # fmt: skip
    choices = {"type": "array", "items": _TEXT, "minItems": MIN_CHOICES,
               "maxItems": MAX_CHOICES, "uniqueItems": True}  # fmt: skip
    question = _item(
        ["question", "choices", "answer"],
        {
            "question": _TEXT,
            "choices": choices,
            "answer": {
                "description": "The right choice's text, or a list of them for a 'select all "
                "that apply' question; each must be one of the choices.",
                "anyOf": [
                    _TEXT,
                    {"type": "array", "items": _TEXT, "minItems": 1, "uniqueItems": True},
                ],
            },
            "explanation": _TEXT,
            "shuffle": {"type": "boolean"},
        },
        "A multiple-choice question.",
    )
    prompt = _item(
        ["prompt", "concepts"],
        {
            "prompt": _TEXT,
            "hint": _TEXT,
            "concepts": {"type": "array", "minItems": 1, "items": _CONCEPT},
            "model_answer": _TEXT,
        },
        "An open prompt, self-graded by the concepts the answer covers.",
    )
    sections = {
        "cards": {"type": "array", "items": card},
        "questions": {"type": "array", "items": question},
        "prompts": {"type": "array", "items": prompt},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "vae-quiz deck",
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$", "maxLength": MAX_ID_LENGTH},
            "title": _TEXT,
            "description": _TEXT,
            "format": {
                "description": "How the texts are written: 'text' (the default) is shown "
                "literally; 'markdown' is CommonMark with $...$ and $$...$$ maths.",
                "enum": [f.value for f in TextFormat],
            },
            **sections,
        },
        "anyOf": [{"required": [name], "properties": {name: {"minItems": 1}}} for name in sections],
    }

"""The deck format's words and limits, as data: which fields each part of a deck has, what an id
may be, and the YAML 1.1 words that are not text. The checks (`loader`) and the fast reader of
plain decks (`plain`) both read them; the JSON Schema (`schema`) and the CLI's deck ids too."""

from __future__ import annotations

import re

from vae_quiz.model import LEVEL_CODES, Level

DECK_ID_RE = re.compile(r"[a-z0-9-]+")
ITEM_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MAX_ID_LENGTH = 100

DECK_FIELDS = ("id", "title", "description", "format", "cards", "questions", "prompts")
CARD_FIELDS = ("id", "level", "front", "back")
QUESTION_FIELDS = ("id", "level", "question", "choices", "answer", "explanation", "shuffle")
PROMPT_FIELDS = ("id", "level", "prompt", "hint", "concepts", "model_answer")
CONCEPT_FIELDS = ("text", "keywords")
# Each section of a deck: the kind of its items and their fields.
SECTIONS = {
    "cards": ("card", CARD_FIELDS),
    "questions": ("question", QUESTION_FIELDS),
    "prompts": ("prompt", PROMPT_FIELDS),
}

# A level as written (after stripping and lowering): the Level, and its code (`LEVEL_CODES`).
LEVELS = {level.value: level for level in Level}
LEVEL_CODE_OF = {level.value: LEVEL_CODES[level] for level in Level}

# Plain (unquoted, untagged) scalars that YAML 1.1 reads as null or as a boolean, as PyYAML's
# resolver does; any other scalar is text to a deck (YAML's numbers and dates included).
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
BOOL_WORDS = frozenset(
    variant
    for word in ("yes", "no", "true", "false", "on", "off")
    for variant in (word, word.capitalize(), word.upper())
)
# A boolean field's value is true when it is one of these, lowered.
TRUE_WORDS = ("true", "yes", "on", "y")

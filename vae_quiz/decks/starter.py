"""The starter deck `vae-quiz new` writes: one item of each kind, every field explained in a
comment, so that a deck author can learn the format by editing it."""

from __future__ import annotations

import re

_TEMPLATE = """\
# A vae-quiz deck: YAML, written by hand. Check it after each edit:
#   vae-quiz check {path}
# and study it with:
#   vae-quiz today {deck_id}
# Every item needs an id, unique within the deck; progress is kept by id, so keep ids stable
# once you have studied them (changing a text is fine).

id: {deck_id}                     # lower-case letters, digits and '-'; unique among your decks
title: {title}
description: What this deck is about, in a sentence or two (optional).

# Recall cards: see the front, recall the back, rate yourself (FSRS schedules them).
cards:
  - id: first-card
    level: beginner             # optional: beginner | intermediate | advanced
    front: What does this deck help you remember?
    back: >-
      The answer, as long as it needs to be. A '>-' block folds these lines into one
      paragraph; use '|' to keep line breaks.

# Multiple-choice questions: 2 to 8 distinct choices; the answer is one of them, by its text
# (or a list of them for a "select all that apply" question). Choices are shuffled unless
# you write `shuffle: false`.
questions:
  - id: first-question
    question: Which of these is a recall card made of?
    choices:
      - A front and a back
      - A question and its choices
      - A prompt and its concepts
    answer: A front and a back
    explanation: Shown after the answer; say why the right choice is right.

# Open prompts: write an answer, then tick the concepts it covers ("You got k/N concepts").
prompts:
  - id: first-prompt
    prompt: Explain what makes a good flashcard.
    hint: Think about size and wording.    # optional, shown on request
    concepts:                             # 1 or more short phrases
      - one idea per card
      - the question has a single clear answer
      - written in your own words
"""


def starter_deck(deck_id: str, title: str, path: str) -> str:
    """The YAML text of a starter deck with this id and title, whose comments name `path`.

    The title goes in as a double-quoted scalar, so any text, a '#', a ': ' or a control
    character included, stays the title and nothing else.
    """
    return _TEMPLATE.format(deck_id=deck_id, title=_quoted(title), path=_shell_word(path))


# What a YAML double-quoted scalar holds as it is: printable characters (YAML's set) but the
# quote, the backslash, and the line breaks YAML would fold (NEL, U+2028, U+2029).
_AS_IS = re.compile(r'[\x20-\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd'
                    r"\U00010000-\U0010ffff]")  # fmt: skip


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every other character as an escape."""

    def escape(char: str) -> str:
        n = ord(char)
        return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"

    return '"' + "".join(c if _AS_IS.match(c) else escape(c) for c in text) + '"'


def _shell_word(path: str) -> str:
    """`path` as one shell word in a comment line: quoted when it has anything but plain
    characters, with line breaks (which would end the comment) escaped."""
    import shlex

    return shlex.quote(path).encode("unicode_escape").decode("ascii")

"""Plain decks read fast, from libyaml's events, without the node graph.

To check a deck the loader composes its file into nodes, walks them and then frees them: for a
deck of 100k items, a million nodes (and two marks each) made, read once and dropped, which took
as long again as libyaml's own parsing. Nearly every deck file is plain: no anchor, alias or tag,
every key a known field given once, every value the shape its field wants, nothing missing,
empty or wrong. `read_plain` reads such a file from the parser's events as they come, one item at
a time, into a Deck whose items are kept as records (`vae_quiz.model.Record`).

For any other file it returns None, and the loader composes and checks the file, reporting every
problem with its line: so this reader may refuse what the checks would accept, never the other
way round, and a deck it reads is the deck the checks would build
(tests/unit/decks/test_plain_decks.py compares the two).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeGuard

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from vae_quiz.decks.rules import (
    BOOL_WORDS,
    CARD_FIELDS,
    CONCEPT_FIELDS,
    DECK_FIELDS,
    DECK_ID_RE,
    ITEM_ID_RE,
    LEVEL_CODE_OF,
    MAX_ID_LENGTH,
    NULL_WORDS,
    PROMPT_FIELDS,
    QUESTION_FIELDS,
    TRUE_WORDS,
)
from vae_quiz.model import (
    MAX_CHOICES,
    MIN_CHOICES,
    Card,
    Deck,
    Items,
    Prompt,
    Question,
    Record,
    TextFormat,
)

if TYPE_CHECKING or yaml.__with_libyaml__:
    from yaml import CSafeLoader as _Parser
else:  # PyYAML built without libyaml
    from yaml import SafeLoader as _Parser


class _NotPlain(Exception):
    """The file is not a plain deck (or not valid YAML): the loader's checks read it."""


# A field's value as read: a scalar's event, or a list's entries (a concept may be a mapping).
_Value = ScalarEvent | list[Any] | dict[str, Any]
_Fields = dict[str, _Value]
_Keywords = tuple[tuple[str, ...], ...]


def _scalar(event: Event | None) -> ScalarEvent:
    """The event, when it is a scalar without anchor or tag."""
    if type(event) is not ScalarEvent or event.anchor is not None or event.tag is not None:
        raise _NotPlain
    return event


def _opens_list(event: Event | None) -> TypeGuard[SequenceStartEvent]:
    """Whether the event opens a list (one without anchor or tag)."""
    if type(event) is not SequenceStartEvent:
        return False
    if event.anchor is not None or event.tag is not None:
        raise _NotPlain
    return True


def _opens_mapping(event: Event | None) -> TypeGuard[MappingStartEvent]:
    """Whether the event opens a mapping (one without anchor or tag)."""
    if type(event) is not MappingStartEvent:
        return False
    if event.anchor is not None or event.tag is not None:
        raise _NotPlain
    return True


def _fields(get: Callable[[], Event | None], inner: bool) -> _Fields:
    """A mapping's fields, its start read: each key plain text given once, each value a scalar
    or a list (of scalars, and with `inner` of mappings of such fields too). The hottest loop of
    a big deck: `_scalar` is written out in it."""
    found: _Fields = {}
    while type(key := get()) is not MappingEndEvent:
        event = get()
        if type(key) is not ScalarEvent or key.anchor is not None or key.tag is not None:
            raise _NotPlain
        if type(event) is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NotPlain
            value: _Value = event
        elif _opens_list(event):
            entries: list[_Value] = []
            while type(entry := get()) is not SequenceEndEvent:
                if inner and _opens_mapping(entry):
                    entries.append(_fields(get, False))
                else:
                    entries.append(_scalar(entry))
            value = entries
        else:
            raise _NotPlain
        if key.value in found:
            raise _NotPlain
        found[key.value] = value
    return found


def _text(value: _Value | None) -> str:
    """A text field's text, stripped; "" for none, null, or a value that is not a scalar."""
    if type(value) is not ScalarEvent or (value.implicit[0] and value.value in NULL_WORDS):
        return ""
    text: str = value.value.strip()
    return text


def _required(found: _Fields, name: str) -> str:
    """A required text field's text (`_text` written out: every item has a few)."""
    value = found.get(name)
    if type(value) is not ScalarEvent or (value.implicit[0] and value.value in NULL_WORDS):
        raise _NotPlain
    text: str = value.value.strip()
    if not text:
        raise _NotPlain
    return text


def _optional(found: _Fields, name: str) -> str | None:
    """An optional text field's text; None when absent, null or empty."""
    value = found.get(name)
    if value is None:
        return None
    if type(value) is not ScalarEvent:
        raise _NotPlain
    return _text(value) or None


def _texts(value: _Value | None) -> tuple[str, ...]:
    """A list of distinct non-empty texts (maybe none)."""
    if type(value) is not list:
        raise _NotPlain
    texts = tuple(map(_text, value))
    if not all(texts) or len(set(texts)) != len(texts):
        raise _NotPlain
    return texts


def _known(found: _Fields, allowed: frozenset[str]) -> None:
    """Every field is one the part of the deck has."""
    if not found.keys() <= allowed:
        raise _NotPlain


_CARD = frozenset(CARD_FIELDS)
_QUESTION = frozenset(QUESTION_FIELDS)
_PROMPT = frozenset(PROMPT_FIELDS)
_CONCEPT = frozenset(CONCEPT_FIELDS)


def _card(found: _Fields, item_id: str, line: int) -> Record:
    _known(found, _CARD)
    return item_id, _required(found, "front"), _required(found, "back"), line


def _question(found: _Fields, item_id: str, line: int) -> Record:
    _known(found, _QUESTION)
    text = _required(found, "question")
    choices = _texts(found.get("choices"))
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise _NotPlain
    answer_value = found.get("answer")
    is_multi = type(answer_value) is list
    answer = _texts(answer_value) if is_multi else (_required(found, "answer"),)
    if not answer or not set(answer) <= set(choices):
        raise _NotPlain
    shuffle = True
    if (value := found.get("shuffle")) is not None:
        # A boolean: a plain true/false, yes/no or on/off.
        if type(value) is not ScalarEvent or not value.implicit[0] or value.value not in BOOL_WORDS:
            raise _NotPlain
        shuffle = value.value.lower() in TRUE_WORDS
    explanation = _optional(found, "explanation")
    return item_id, text, choices, answer, is_multi, explanation, shuffle, line


def _prompt(found: _Fields, item_id: str, line: int) -> Record:
    _known(found, _PROMPT)
    text = _required(found, "prompt")
    concepts = found.get("concepts")
    if type(concepts) is not list or not concepts:
        raise _NotPlain
    texts: list[str] = []
    keywords: list[_Keywords] = []
    for concept in concepts:
        if type(concept) is dict:
            concept_text, concept_keywords = _keyed_concept(concept)
        else:
            concept_text, concept_keywords = _text(concept), ()
            if not concept_text:
                raise _NotPlain
        texts.append(concept_text)
        keywords.append(concept_keywords)
    if len(set(texts)) != len(texts):
        raise _NotPlain
    hint, model_answer = _optional(found, "hint"), _optional(found, "model_answer")
    return (item_id, text, tuple(texts), hint, model_answer,
            tuple(keywords) if any(keywords) else (), line)  # fmt: skip


def _keyed_concept(found: _Fields) -> tuple[str, _Keywords]:
    """A concept written `{text: ..., keywords: [...]}`: its text and keywords (each keyword
    its `|`-separated alternatives, none of them empty or given twice)."""
    _known(found, _CONCEPT)
    text = _required(found, "text")
    if "keywords" not in found:
        return text, ()
    entries = _texts(found["keywords"])
    if not entries:
        raise _NotPlain
    keywords = []
    seen: set[str] = set()
    for keyword in entries:
        alternatives = tuple(a.strip() for a in keyword.split("|"))
        for alternative in alternatives:
            folded = " ".join(alternative.casefold().split())
            if not alternative or folded in seen:
                raise _NotPlain
            seen.add(folded)
        keywords.append(alternatives)
    return text, tuple(keywords)


# Each section: its model and what reads an item's fields into its record.
_SECTIONS: dict[str, tuple[type[Card | Question | Prompt], Callable[[_Fields, str, int], Record]]]
_SECTIONS = {"cards": (Card, _card), "questions": (Question, _question),
             "prompts": (Prompt, _prompt)}  # fmt: skip


def _items(get: Callable[[], Event | None], section: str, ids: set[str]) -> Items[Any]:
    """A section's items, its list opened: each a mapping read into its record."""
    model, read = _SECTIONS[section]
    item_ids: list[str] = []
    levels = bytearray()
    records: list[Record] = []
    while type(event := get()) is not SequenceEndEvent:
        if not _opens_mapping(event) or (mark := event.start_mark) is None:
            raise _NotPlain
        found = _fields(get, True)
        item_id = _required(found, "id")
        if item_id in ids or len(item_id) > MAX_ID_LENGTH or not ITEM_ID_RE.fullmatch(item_id):
            raise _NotPlain
        ids.add(item_id)
        level = found.get("level")
        if level is None:
            levels.append(0)
        elif type(level) is ScalarEvent and level.value.strip().lower() in LEVEL_CODE_OF:
            levels.append(LEVEL_CODE_OF[level.value.strip().lower()])
        else:
            raise _NotPlain
        item_ids.append(item_id)
        records.append(read(found, item_id, mark.line + 1))
    return Items.from_records(model, item_ids, bytes(levels), records)


def _deck(get: Callable[[], Event | None], path: str) -> Deck:
    """The deck the events make, from the stream's start to its end."""
    if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
        raise _NotPlain
    if not _opens_mapping(get()):
        raise _NotPlain
    head: _Fields = {}
    sections: dict[str, Items[Any]] = {}
    ids: set[str] = set()
    seen: set[str] = set()
    while type(key := get()) is not MappingEndEvent:
        name = _scalar(key).value
        if name in seen or name not in DECK_FIELDS:
            raise _NotPlain
        seen.add(name)
        event = get()
        if name not in _SECTIONS:
            head[name] = _scalar(event)
        elif _opens_list(event):
            sections[name] = _items(get, name, ids)
        else:
            empty = _scalar(event)
            if not empty.implicit[0] or empty.value not in NULL_WORDS:
                raise _NotPlain  # a section may be left empty (null), and be nothing else
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotPlain  # another document follows (or the stream is cut)
    deck_id, title = _required(head, "id"), _required(head, "title")
    if len(deck_id) > MAX_ID_LENGTH or not DECK_ID_RE.fullmatch(deck_id):
        raise _NotPlain
    text_format = TextFormat.TEXT
    if (value := head.get("format")) is not None:
        assert type(value) is ScalarEvent
        try:
            text_format = TextFormat(value.value.strip().lower())
        except ValueError:
            raise _NotPlain from None
    deck = Deck(deck_id, title, path, _optional(head, "description"), **sections,
                format=text_format)  # fmt: skip
    if not deck.item_count:
        raise _NotPlain
    return deck


def read_plain(data: bytes, path: str) -> Deck | None:
    """The deck in a deck file's bytes when the file is a plain deck (see the module), else
    None: the loader's checks then read it and report what is wrong, if anything."""
    parser = _Parser(data)
    try:
        return _deck(parser.get_event, path)
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        parser.dispose()

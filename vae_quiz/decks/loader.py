"""YAML deck files -> model objects, with every rule of the deck format checked.

Files are composed (never constructed) with PyYAML's safe C loader, so no tag can run code and
every node keeps its line. All problems of a file are collected and raised together as one
DeckError; the loader raises nothing else for bad input.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vae_quiz import collector
from vae_quiz.decks.files import read_deck_file
from vae_quiz.decks.plain import read_plain
from vae_quiz.decks.rules import (
    BOOL_WORDS,
    CONCEPT_FIELDS,
    DECK_FIELDS,
    DECK_ID_RE,
    ITEM_ID_RE,
    LEVELS,
    MAX_ID_LENGTH,
    NULL_WORDS,
    SECTIONS,
    TRUE_WORDS,
)
from vae_quiz.errors import DeckError, DeckProblem, quote
from vae_quiz.model import (
    MAX_CHOICES,
    MIN_CHOICES,
    Card,
    Deck,
    Keywords,
    Level,
    Prompt,
    Question,
    TextFormat,
)

if TYPE_CHECKING or yaml.__with_libyaml__:
    from yaml import CSafeLoader as _BaseLoader
else:  # PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader

MAX_DEPTH = 64

_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "timestamp")}
_ALLOWED_TAGS = _TEXT_TAGS | {f"{_CORE}null", f"{_CORE}seq", f"{_CORE}map"}
_NULL = f"{_CORE}null"
_BOOL = f"{_CORE}bool"
_STR, _SEQ, _MAP = f"{_CORE}str", f"{_CORE}seq", f"{_CORE}map"

# The tags of plain scalars that are not text: YAML 1.1's nulls and booleans.
_PLAIN_TAGS = dict.fromkeys(NULL_WORDS, _NULL) | dict.fromkeys(BOOL_WORDS, _BOOL)


class _DeckLoader(_BaseLoader):
    """PyYAML's safe C loader with its tag resolver cut to what a deck tells apart: null, true
    or false, and text (YAML 1.1's int, float and timestamp are all text to a deck, so they are
    not told apart: that was a fifth of the compose time)."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN_TAGS.get(value, _STR) if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None  # no path resolvers

    def ascend_resolver(self) -> None:
        return None


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {quote(close[0])}?)" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty"
    return quote(node.value)


# A mapping's fields by name: their value nodes.
_Found = dict[str, Node]


@dataclass(slots=True)
class _Item:
    """Where the checker is: which item of which kind, for messages. An item's id is read from
    its mapping (`node`) only when a problem is reported, before its fields are checked."""

    kind: str | None = None
    item_id: str | None = None
    index: int | None = None
    node: MappingNode | None = None

    def name_from_node(self) -> None:
        """Take the item's id from its mapping, so that a report about any of its keys, even
        one above the id, can name it (once; an id already known stays)."""
        node, self.node = self.node, None
        if node is None or self.item_id is not None:
            return
        for key, value in node.value:
            if (
                isinstance(key, ScalarNode)
                and key.value == "id"
                and isinstance(value, ScalarNode)
                and value.value.strip()
            ):
                self.item_id = value.value.strip()
                return


@dataclass
class _Checker:
    """Walks a composed document and turns it into a Deck, collecting problems."""

    path: str
    problems: list[DeckProblem] = field(default_factory=list)

    def report(
        self,
        line: int | None,
        message: str,
        where: _Item | None = None,
        field_name: str | None = None,
    ) -> None:
        where = where or _Item()
        where.name_from_node()
        self.problems.append(
            DeckProblem(
                self.path, line, message, where.kind, where.item_id, field_name, where.index
            )
        )

    # -- generic shape checks ---------------------------------------------------------------

    def check_graph(self, root: Node) -> bool:
        """Refuse aliases, foreign tags and deep nesting before any field is read."""
        seen: set[int] = set()
        stack: list[tuple[Node, int]] = [(root, 1)]
        ok = True
        while stack:
            node, depth = stack.pop()
            if id(node) in seen:
                message = "YAML anchors and aliases (&name, *name) are not supported in decks"
                self.report(_line(node), f"{message}: write the value out")
                return False
            seen.add(id(node))
            if node.tag not in _ALLOWED_TAGS:
                tag = quote(node.tag.replace(_CORE, "!!", 1))
                message = (
                    f"YAML tag {tag} is not allowed: decks hold plain text, lists and mappings"
                )
                self.report(_line(node), f"{message} only")
                ok = False
            if depth > MAX_DEPTH:
                self.report(_line(node), f"nested more than {MAX_DEPTH} levels deep")
                return False
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
            elif isinstance(node, SequenceNode):
                stack.extend((child, depth + 1) for child in node.value)
        return ok

    def fields(self, node: MappingNode, allowed: tuple[str, ...], where: _Item) -> _Found:
        """The mapping's fields by name; unknown, duplicate and non-text keys are reported."""
        out: _Found = {}
        for key, value in node.value:
            if key.__class__ is not ScalarNode or key.tag == _NULL:
                self.report(_line(key), "a key must be a plain word", where)
                continue
            name = key.value
            if name not in allowed:
                hint = _did_you_mean(name, allowed)
                message = f"unknown key {quote(name)}{hint}; allowed: {', '.join(allowed)}"
                self.report(_line(key), message, where)
            elif name in out:
                first = next(_line(k) for k, _ in node.value if k.value == name)
                message = f"duplicate key {quote(name)} (first on line {first})"
                self.report(_line(key), message, where)
            else:
                out[name] = value
        return out

    def text(
        self,
        found: _Found,
        name: str,
        where: _Item,
        owner: Node,
        *,
        required: bool,
        label: str | None = None,
    ) -> str | None:
        """A text field: any plain scalar, taken literally as written; stripped. `label` names
        the field in a report when `name` alone would not (`concepts[2].text`)."""
        node = found.get(name)
        label = label or name
        if node is None:
            if required:
                self.report(_line(owner), "required field is missing", where, label)
            return None
        if node.__class__ is not ScalarNode:
            self.report(_line(node), f"must be text, not {_describe(node)}", where, label)
            return None
        value = node.value.strip() if node.tag != _NULL else ""
        if not value:
            if required:
                self.report(_line(node), "must not be empty", where, label)
            return None
        return value

    def text_list(
        self, found: _Found, name: str, where: _Item, owner: Node, label: str | None = None
    ) -> list[tuple[str, Node]] | None:
        """A required list of non-empty texts, each with its node (for the line of a report);
        `label` names the field in a report when `name` alone would not."""
        node = found.get(name)
        name = label or name
        if node is None:
            self.report(_line(owner), "required field is missing", where, name)
            return None
        if node.__class__ is not SequenceNode:
            self.report(_line(node), f"must be a list of texts, not {_describe(node)}", where, name)
            return None
        out: list[tuple[str, Node]] = []
        ok = True
        for position, child in enumerate(node.value, start=1):
            text = child.value.strip() if isinstance(child, ScalarNode) else ""
            if not text or child.tag == _NULL:
                message = f"entry {position} must be non-empty text, not {_describe(child)}"
                self.report(_line(child), message, where, name)
                ok = False
                continue
            out.append((text, child))
        return out if ok else None

    def repeated(
        self, entries: list[tuple[str, Node]], where: _Item, name: str, rule: str = ""
    ) -> bool:
        """Report the first text listed twice in a list field (`rule` ends the message); True
        when there is one."""
        seen: dict[str, Node] = {}
        for text, node in entries:
            if text in seen:
                first = _line(seen[text])
                message = f"{quote(text)} appears twice (first on line {first}){rule}"
                self.report(_line(node), message, where, name)
                return True
            seen[text] = node
        return False

    def level(self, found: _Found, where: _Item) -> Level | None:
        node = found.get("level")
        if node is None:
            return None
        raw = node.value.strip().lower() if isinstance(node, ScalarNode) else ""
        level = LEVELS.get(raw)
        if level is None:
            options = [lv.value for lv in Level]
            hint = _did_you_mean(raw, options)
            message = f"{_describe(node)} is not a level; use one of {', '.join(options)}{hint}"
            self.report(_line(node), message, where, "level")
        return level

    # -- the deck ----------------------------------------------------------------------------

    def deck(self, root: Node) -> Deck | None:
        if not isinstance(root, MappingNode):
            message = "the top level must be a mapping with 'id', 'title' and 'cards', 'questions'"
            self.report(_line(root), f"{message} or 'prompts', not {_describe(root)}")
            return None
        where = _Item("deck")
        found = self.fields(root, DECK_FIELDS, where)
        deck_id = self.text(found, "id", where, root, required=True)
        if deck_id is not None:
            where.item_id = deck_id
            if not DECK_ID_RE.fullmatch(deck_id) or len(deck_id) > MAX_ID_LENGTH:
                message = f"{quote(deck_id)} is not a valid deck id: use lowercase letters, digits"
                self.report(_line(found["id"]), f"{message} and '-'", where, "id")
        title = self.text(found, "title", where, root, required=True)
        description = self.text(found, "description", where, root, required=False)
        text_format = self.text_format(found, where)
        sections = self.sections(found, where)
        if self.problems or deck_id is None or title is None or text_format is None:
            return None
        deck = Deck(deck_id, title, self.path, description, **sections, format=text_format)
        if not deck.item_count:
            message = "the deck has no items: add 'cards', 'questions' or 'prompts'"
            self.report(_line(root), message, where)
            return None
        return deck

    def text_format(self, found: _Found, where: _Item) -> TextFormat | None:
        """The deck's `format`: text (the default) or markdown."""
        node = found.get("format")
        if node is None:
            return TextFormat.TEXT
        raw = node.value.strip().lower() if isinstance(node, ScalarNode) else ""
        try:
            return TextFormat(raw)
        except ValueError:
            options = [f.value for f in TextFormat]
            hint = _did_you_mean(raw, options)
            message = f"{_describe(node)} is not a format; use one of {', '.join(options)}{hint}"
            self.report(_line(node), message, where, "format")
            return None

    def sections(self, found: _Found, where: _Item) -> dict[str, list]:
        """The items of each section found, in order (an item with a problem is left out)."""
        sections: dict[str, list] = {"cards": [], "questions": [], "prompts": []}
        ids: dict[str, tuple[str, Node]] = {}
        for section, (kind, allowed) in SECTIONS.items():
            if section not in found:
                continue
            node = found[section]
            if isinstance(node, ScalarNode) and node.tag == _NULL:
                continue
            if not isinstance(node, SequenceNode):
                message = f"must be a list of {section}, not {_describe(node)}"
                self.report(_line(node), message, where, section)
                continue
            build = getattr(self, kind)  # self.card, self.question or self.prompt
            for index, child in enumerate(node.value, start=1):
                item = self.item(kind, allowed, build, index, child, ids)
                if item is not None:
                    sections[section].append(item)
        return sections

    def item(
        self,
        kind: str,
        allowed: tuple[str, ...],
        build: Callable[..., Card | Question | Prompt | None],
        index: int,
        node: Node,
        ids: dict[str, tuple[str, Node]],
    ) -> Card | Question | Prompt | None:
        where = _Item(kind, None, index, node if isinstance(node, MappingNode) else None)
        if not isinstance(node, MappingNode):
            self.report(_line(node), f"must be a mapping of fields, not {_describe(node)}", where)
            return None
        before = len(self.problems)
        found = self.fields(node, allowed, where)
        item_id = self.text(found, "id", where, node, required=True)
        if item_id is not None:
            where.item_id = item_id
            if not ITEM_ID_RE.fullmatch(item_id) or len(item_id) > MAX_ID_LENGTH:
                message = (
                    f"{quote(item_id)} is not a valid id: use letters, digits, "
                    "'-', '_' and '.', starting with a letter or digit"
                )
                self.report(_line(found["id"]), message, where, "id")
            elif item_id in ids:
                other_kind, other = ids[item_id]
                message = (
                    f"duplicate id: {other_kind} {quote(item_id)} on line "
                    f"{_line(other)} already uses it"
                )
                self.report(_line(found["id"]), message, where, "id")
            else:
                ids[item_id] = (kind, found["id"])
        level = self.level(found, where)
        item = build(found, where, node, item_id or "", level)
        if len(self.problems) > before or item_id is None:
            return None
        return item

    def card(
        self, found: _Found, where: _Item, node: MappingNode, item_id: str, level: Level | None
    ) -> Card | None:
        front = self.text(found, "front", where, node, required=True)
        back = self.text(found, "back", where, node, required=True)
        if front is None or back is None:
            return None
        return Card(item_id, front, back, level, _line(node))

    def question(
        self, found: _Found, where: _Item, node: MappingNode, item_id: str, level: Level | None
    ) -> Question | None:
        text = self.text(found, "question", where, node, required=True)
        explanation = self.text(found, "explanation", where, node, required=False)
        shuffle = self.boolean(found, "shuffle", where, default=True)
        choices = self.text_list(found, "choices", where, node)
        if choices is not None and self.repeated(
            choices, where, "choices", "; choices must be distinct"
        ):
            choices = None
        if choices is not None and not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            count = len(choices)
            message = (
                f"has {count} choice{'s' if count != 1 else ''}; a question needs "
                f"{MIN_CHOICES} to {MAX_CHOICES}"
            )
            self.report(_line(found["choices"]), message, where, "choices")
            choices = None
        answer, is_multi = self.answer(found, where, node, choices)
        if text is None or choices is None or answer is None or shuffle is None:
            return None
        texts = tuple(c for c, _ in choices)
        return Question(
            item_id, text, texts, tuple(answer), is_multi, explanation, shuffle, level, _line(node)
        )

    def answer(
        self, found: _Found, where: _Item, node: MappingNode, choices: list[tuple[str, Node]] | None
    ) -> tuple[list[str] | None, bool]:
        if "answer" not in found:
            self.report(_line(node), "required field is missing", where, "answer")
            return None, False
        answer_node = found["answer"]
        is_multi = isinstance(answer_node, SequenceNode)
        if is_multi:
            values = self.text_list(found, "answer", where, node)
            if values == []:
                message = "must list at least one right choice"
                self.report(_line(answer_node), message, where, "answer")
        else:
            value = self.text(found, "answer", where, node, required=True)
            values = [(value, answer_node)] if value else None
        if not values:
            return None, is_multi
        if choices is None:
            return None, is_multi
        texts = {c for c, _ in choices}
        ok = True
        picked: list[str] = []
        for value, value_node in values:
            if value not in texts:
                hint = _did_you_mean(value, texts)
                message = f"{quote(value)} is not one of the choices{hint}"
                self.report(_line(value_node), message, where, "answer")
                ok = False
            elif value in picked:
                self.report(_line(value_node), f"{quote(value)} is listed twice", where, "answer")
                ok = False
            else:
                picked.append(value)
        return (picked if ok else None), is_multi

    def boolean(self, found: _Found, name: str, where: _Item, *, default: bool) -> bool | None:
        if name not in found:
            return default
        node = found[name]
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in TRUE_WORDS
        self.report(_line(node), f"must be true or false, not {_describe(node)}", where, name)
        return None

    def prompt(
        self, found: _Found, where: _Item, node: MappingNode, item_id: str, level: Level | None
    ) -> Prompt | None:
        text = self.text(found, "prompt", where, node, required=True)
        hint = self.text(found, "hint", where, node, required=False)
        model_answer = self.text(found, "model_answer", where, node, required=False)
        listed = self.concept_list(found, where, node)
        concepts = None if listed is None else [(c, n) for c, n, _ in listed]
        if concepts is not None:
            if not concepts:
                self.report(
                    _line(found["concepts"]), "must list at least one concept", where, "concepts"
                )
                concepts = None
            elif self.repeated(concepts, where, "concepts"):
                concepts = None
        if text is None or concepts is None or listed is None:
            return None
        keywords = tuple(k for _, _, k in listed)
        return Prompt(
            item_id, text, tuple(c for c, _ in concepts), hint, model_answer,
            keywords if any(keywords) else (), level, _line(node),
        )  # fmt: skip

    def concept_list(
        self, found: _Found, where: _Item, owner: Node
    ) -> list[tuple[str, Node, Keywords]] | None:
        """The concepts: each a text, or a mapping `{text: ..., keywords: [...]}`; with its node
        and its keywords (each keyword's `|`-separated alternatives)."""
        node = found.get("concepts")
        if node is None:
            self.report(_line(owner), "required field is missing", where, "concepts")
            return None
        if node.__class__ is not SequenceNode:
            message = f"must be a list of concepts, not {_describe(node)}"
            self.report(_line(node), message, where, "concepts")
            return None
        out: list[tuple[str, Node, Keywords]] = []
        ok = True
        for position, child in enumerate(node.value, start=1):
            if isinstance(child, MappingNode):
                concept = self.keyed_concept(child, position, where)
                if concept is None:
                    ok = False
                else:
                    out.append((concept[0], child, concept[1]))
                continue
            text = child.value.strip() if isinstance(child, ScalarNode) else ""
            if not text or child.tag == _NULL:
                message = (
                    f"entry {position} must be non-empty text or {{text: ..., keywords: [...]}},"
                    f" not {_describe(child)}"
                )
                self.report(_line(child), message, where, "concepts")
                ok = False
                continue
            out.append((text, child, ()))
        return out if ok else None

    def keyed_concept(
        self, node: MappingNode, position: int, where: _Item
    ) -> tuple[str, Keywords] | None:
        """A concept written as a mapping: its text and keywords, or None (reported)."""
        name = f"concepts[{position}]"
        found = self.fields(node, CONCEPT_FIELDS, where)
        text = self.text(found, "text", where, node, required=True, label=f"{name}.text")
        keywords: list[tuple[str, ...]] = []
        ok = text is not None and len(found) == len(node.value)
        if "keywords" in found:
            entries = self.text_list(found, "keywords", where, node, f"{name}.keywords")
            if entries is not None and not entries:
                message = "must list at least one keyword (or leave 'keywords' out)"
                self.report(_line(found["keywords"]), message, where, f"{name}.keywords")
                entries = None
            seen: dict[str, int] = {}
            for keyword, keyword_node in entries or ():
                alternatives = tuple(a.strip() for a in keyword.split("|"))
                if not all(alternatives):
                    message = f"{quote(keyword)} has an empty alternative around '|'"
                    self.report(_line(keyword_node), message, where, f"{name}.keywords")
                    ok = False
                    continue
                for alternative in alternatives:
                    folded = " ".join(alternative.casefold().split())
                    if folded in seen:
                        message = (
                            f"{quote(alternative)} appears twice (first on line {seen[folded]})"
                        )
                        self.report(_line(keyword_node), message, where, f"{name}.keywords")
                        ok = False
                    seen.setdefault(folded, _line(keyword_node))
                keywords.append(alternatives)
            ok = ok and entries is not None
        if not ok or text is None:
            return None
        return text, tuple(keywords)


def _not_utf8(data: bytes, path: str) -> None:
    """Raise the problem of a file that is not UTF-8 (with or without a BOM), if it is not."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"not valid UTF-8: byte 0x{byte} at offset {exc.start}; save the file as UTF-8"
        raise DeckError.one(path, line, message) from None


def _syntax_problem(exc: yaml.MarkedYAMLError, data: bytes, path: str) -> DeckProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    what = exc.problem or "not valid YAML"
    if exc.context:
        where = f" on line {exc.context_mark.line + 1}" if exc.context_mark else ""
        what += f" ({exc.context}{where})"
    text = data.decode("utf-8-sig")  # libyaml counts a mark's index in characters, past a BOM
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        what += "; YAML is indented with spaces, not tabs"
    return DeckProblem(path, line, f"YAML syntax error: {what}")


def may_hold_anchors_or_tags(data: bytes) -> bool:
    """False only when no anchor (&name) nor tag (!tag) can be in the YAML: no such mark is at
    the start of a token anywhere (after a space, a line break, '[', '{' or ',')."""
    for mark in b"&!":
        at = data.find(mark)
        while at != -1:
            starts_token = at == 0 or data[at - 1] in b" \t\r\n[{,"
            # "Q & A" is no anchor: '&' must be followed by a name.
            if starts_token and (mark == ord("!") or data[at + 1 : at + 2].strip()):
                return True
            at = data.find(mark, at + 1)
    return False


def _compose(data: bytes, path: str) -> Node | None:
    """The file's node graph. The bytes go to libyaml as they are: it reads UTF-8 itself, a fifth
    faster than from a str, which PyYAML would encode back to UTF-8 first."""
    try:
        return yaml.compose(data, Loader=_DeckLoader)
    except yaml.MarkedYAMLError as exc:
        _not_utf8(data, path)
        raise DeckError([_syntax_problem(exc, data, path)]) from None
    except yaml.reader.ReaderError as exc:
        _not_utf8(data, path)
        line = data.count(b"\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"the character {char!r} (U+{ord(char):04X}) is not allowed in YAML; remove it"
        raise DeckError.one(path, line, message) from None
    except yaml.YAMLError as exc:
        raise DeckError.one(path, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise DeckError.one(path, None, "nested too deeply to read") from None


def parse_deck(text: str, path: str) -> Deck:
    """Check and build a deck from YAML text (see parse_deck_bytes)."""
    return parse_deck_bytes(text.encode("utf-8", "surrogatepass"), path)


def parse_deck_bytes(data: bytes, path: str) -> Deck:
    """Check and build a deck from a deck file's bytes (UTF-8, with or without a BOM).

    Raises:
        DeckError: with every problem found, each naming `path`, the line and the item.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # libyaml would read it
        raise DeckError.one(path, 1, "the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise DeckError.one(path, line, "the file contains a NUL byte: it is not a text file")
    with collector.paused():  # a big deck is many objects made, none freed: nothing to collect
        deck = read_plain(data, path)
        return deck if deck is not None else _check(data, path)


def _check(data: bytes, path: str) -> Deck:
    root = _compose(data, path)
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL):
        raise DeckError.one(path, 1, "the file is empty: a deck needs 'id', 'title' and some items")
    checker = _Checker(path)
    if not may_hold_anchors_or_tags(data):
        # No alias or tag can be in the file, and a deck that checks clean has no node its
        # checks did not read (so none nested deep): the walk over the whole graph is not
        # needed. Any problem, and the full checks run from the start, for the same report.
        deck = checker.deck(root)
        if deck is not None and not checker.problems:
            return deck
        checker = _Checker(path)
    deck = checker.deck(root) if checker.check_graph(root) else None
    if checker.problems or deck is None:
        raise DeckError(checker.problems or [DeckProblem(path, 1, "not a valid deck")])
    return deck


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Read, check and build the deck in one YAML file.

    Raises:
        DeckError: the file cannot be read or is not a valid deck.
    """
    shown = str(path)
    data, _ = read_deck_file(Path(path), shown)
    return parse_deck_bytes(data, shown)

"""A deck as an Anki package (.apkg, via genanki): recall cards as Basic notes, questions with
their choices on the front and the answer and explanation on the back, prompts with their
concepts on the back. Note GUIDs come from the deck and item ids, so re-exporting updates the
same notes in Anki instead of duplicating them. A question's choices are shuffled (the deck
often lists the right one first), seeded by the question's id so that a re-export gives the
same order, unless the question says `shuffle: false`. A Markdown deck's texts go as HTML,
their maths between MathJax's delimiters (`\\(...\\)`, `\\[...\\]`), which Anki renders; a
text deck's are escaped and shown literally."""

from __future__ import annotations

import hashlib
import html
import random
from collections.abc import Callable
from pathlib import Path

from vae_quiz import outfile
from vae_quiz.model import Deck, Question
from vae_quiz.text import printable

# Fixed model ids: Anki matches note types by id across imports.
BASIC_MODEL_ID = 1_607_392_301
QUESTION_MODEL_ID = 1_607_392_302
PROMPT_MODEL_ID = 1_607_392_303
CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }"


def _html(text: str | None) -> str:
    """Text as a note field's HTML, made `printable` first: no control character (ESC, BEL...)
    reaches the note; each is shown as its Unicode picture. That includes U+001F, with which
    Anki joins a note's fields: in a text it would split the note into an extra field."""
    return html.escape(printable(text or "")).replace("\n", "<br>")


def _choices(question: Question) -> list[str]:
    """The question's choices in the order the note shows them: shuffled, reproducibly (the
    seed is the question's id), unless the question keeps the author's order."""
    order = list(question.choices)
    if question.shuffle:
        # A str seed is hashed with SHA-512 (not Python's salted hash): the same in every run.
        random.Random(question.id).shuffle(order)
    return order


def _field_writers(deck: Deck) -> tuple[Callable[[str | None], str], Callable[[str], str]]:
    """How a long text and a short one (a choice, a concept) become a field's HTML."""
    if not deck.is_markdown:
        return _html, _html
    from vae_quiz.markdown_text import to_html

    def long(text: str | None) -> str:
        return to_html(printable(text or ""))

    def short(text: str) -> str:
        return to_html(printable(text), inline=True)

    return long, short


def _deck_number(deck_id: str) -> int:
    """A stable Anki deck id (a positive 63-bit integer) from our deck id."""
    return int.from_bytes(hashlib.sha1(deck_id.encode()).digest()[:7], "big") + 1


def export_apkg(deck: Deck, out: Path, force: bool = False) -> int:
    """Write `deck` to `out` as an .apkg, through `outfile` (never over the deck's own file;
    over an existing file only with `force`); returns the number of notes.

    Raises:
        WriteError: `out` is refused or cannot be written (an existing file is kept as it was).
    """
    import genanki

    outfile.check_target(out, force=force, sources=[deck.path])

    basic = genanki.Model(
        BASIC_MODEL_ID, "vae-quiz basic",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=CSS,
    )  # fmt: skip
    question = genanki.Model(
        QUESTION_MODEL_ID, "vae-quiz multiple choice",
        fields=[{"name": "Question"}, {"name": "Choices"}, {"name": "Answer"},
                {"name": "Explanation"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}<br><br>{{Choices}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<br><br>{{Explanation}}"}],
        css=CSS,
    )  # fmt: skip
    prompt = genanki.Model(
        PROMPT_MODEL_ID, "vae-quiz open prompt",
        fields=[{"name": "Prompt"}, {"name": "Hint"}, {"name": "Concepts"},
                {"name": "ModelAnswer"}],
        templates=[{"name": "Card 1", "qfmt": "{{Prompt}}<br><br><i>{{Hint}}</i>",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Concepts}}<br><br>{{ModelAnswer}}"}],
        css=CSS,
    )  # fmt: skip
    package_deck = genanki.Deck(_deck_number(deck.id), printable(deck.title, one_line=True))

    def add(model: genanki.Model, item_id: str, fields: list[str]) -> None:
        guid = genanki.guid_for(deck.id, item_id)
        package_deck.add_note(genanki.Note(model=model, fields=fields, guid=guid))

    long, short = _field_writers(deck)
    for card in deck.cards:
        add(basic, card.id, [long(card.front), long(card.back)])
    for q in deck.questions:
        choices = "<ol>" + "".join(f"<li>{short(c)}</li>" for c in _choices(q)) + "</ol>"
        answer = ", ".join(short(a) for a in q.answer)
        add(question, q.id, [long(q.question), choices, answer, long(q.explanation)])
    for p in deck.prompts:
        concepts = "<ul>" + "".join(f"<li>{short(c)}</li>" for c in p.concepts) + "</ul>"
        add(prompt, p.id, [long(p.prompt), long(p.hint), concepts, long(p.model_answer)])
    with outfile.writing(out, force=force, sources=[deck.path]) as stream:
        genanki.Package(package_deck).write_to_file(stream)
    return len(package_deck.notes)

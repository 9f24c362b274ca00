"""Pilot tests of the concept matcher in the concepts screen: after ctrl+s the concepts found are
ticked with their evidence (highlighted in the answer too); the learner changes ticks; the
database keeps both the suggestion and the final ticks."""

from __future__ import annotations

import json
import sqlite3

from textual.content import Content
from textual.widgets import Static, TextArea

from tests.conftest import screen_text as _text
from vae_quiz.ui.screens.concepts import ConceptsScreen
from vae_quiz.ui.widgets.concept_checklist import ConceptChecklist

ANSWER = (
    "The encoder outputs mu and sigma. We sample z with the reparameterization trick. "
    "The loss is [b]only[/b] the KL term."
)


async def test_found_concepts_come_ticked_with_evidence_and_both_are_saved(
    make_app, tmp_db
) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ConceptsScreen)
        screen.query_one(TextArea).insert(ANSWER)
        await pilot.press("ctrl+s")
        assert screen.phase == "grading"
        checklist = screen.query_one(ConceptChecklist)
        assert checklist.ticked == {0, 1}
        rows = _text(app, "#checklist").split("\n")
        assert rows[0].startswith("[x] 1  The encoder maps the input")
        assert rows[1] == "       found: \u201cencoder outputs mu and sigma\u201d"
        assert rows[2].startswith("[x] 2  A latent vector is sampled")
        assert rows[3] == "       found: \u201csample\u201d"
        assert rows[4].startswith("[ ] 3  The decoder reconstructs")
        assert checklist.border_subtitle == "2 found in your answer"
        # The evidence is highlighted in the answer panel; the answer's text stays literal.
        shown = screen.query_one("#written-text", Static).visual
        assert isinstance(shown, Content) and shown.plain == ANSWER
        marked = [shown.plain[span.start : span.end] for span in shown.spans]
        assert marked == ["encoder outputs mu and sigma", "sample"]
        # The learner disagrees twice: unticks concept 2, ticks concept 4.
        await pilot.press("2", "4", "enter")
        assert "You got 2/4 concepts" in _text(app, "#result")
    conn = sqlite3.connect(tmp_db)
    ticks = conn.execute(
        "SELECT position, covered, suggested FROM concept_result ORDER BY position"
    ).fetchall()
    assert ticks == [(0, 1, 1), (1, 0, 1), (2, 0, 0), (3, 1, 0)]
    (detail,) = conn.execute("SELECT detail FROM review_log").fetchone()
    assert json.loads(detail) == {"covered": 2, "total": 4, "suggested": [1, 2]}


async def test_a_negated_answer_ticks_nothing(make_app, tmp_db) -> None:
    app = make_app(mode="concepts")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(TextArea).insert("The decoder does not reconstruct the input.")
        await pilot.press("ctrl+s")
        assert screen.query_one(ConceptChecklist).ticked == set()
        assert screen.query_one(ConceptChecklist).border_subtitle is None
        assert "found:" not in _text(app, "#checklist")

"""Snapshot tests of the key screens at 80x24 (and one wide), fixed clock, fixed deck."""

from __future__ import annotations


def test_study_front_at_80x24(snap_compare, make_app) -> None:
    """The first card's front before reveal: header, level, front, the reveal prompt."""
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_study_revealed_back_at_80x24(snap_compare, make_app) -> None:
    """After space: the back under a rule and the four ratings with their intervals."""
    assert snap_compare(make_app(), press=["space"], terminal_size=(80, 24))


def test_study_revealed_back_wide(snap_compare, make_app) -> None:
    """The same at 160x45."""
    assert snap_compare(make_app(), press=["space"], terminal_size=(160, 45))


def test_study_summary_at_80x24(snap_compare, make_app) -> None:
    """The summary after two ratings and q."""
    assert snap_compare(make_app(), press=["space", "4", "space", "1", "q"], terminal_size=(80, 24))


def test_test_question_at_80x24(snap_compare, make_app) -> None:
    """A multiple-choice question with its numbered, shuffled choices (seed 1)."""
    assert snap_compare(make_app(mode="test", seed=1), terminal_size=(80, 24))


def test_test_feedback_after_wrong_answer_at_80x24(snap_compare, make_app) -> None:
    """After a wrong pick (seed 1, choice 2 is wrong): marks, verdict and explanation."""
    assert snap_compare(make_app(mode="test", seed=1), press=["2"], terminal_size=(80, 24))


def test_test_final_score_at_80x24(snap_compare, make_app) -> None:
    """The score after answering every question with choice 1 (seed 1)."""
    keys = ["1", "space"] * 5
    assert snap_compare(make_app(mode="test", seed=1), press=keys, terminal_size=(80, 24))


def test_concepts_editor_at_80x24(snap_compare, make_app) -> None:
    """The first prompt with a few words typed in the editor."""
    keys = ["E", "n", "c", "o", "d", "e", "r", "space", "[", "b", "]"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=(80, 24))


def test_concepts_checklist_at_80x24(snap_compare, make_app) -> None:
    """After ctrl+s: the written answer beside the checklist, two concepts ticked."""
    keys = ["a", "n", "s", "ctrl+s", "1", "3"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=(80, 24))


def test_concepts_suggested_ticks_at_80x24(snap_compare, make_app) -> None:
    """After ctrl+s on an answer the matcher reads: two concepts ticked, each with the words
    that earned it, highlighted in the answer."""

    async def write(pilot) -> None:
        from textual.widgets import TextArea

        await pilot.pause()
        pilot.app.screen.query_one(TextArea).insert(
            "The encoder outputs mu and sigma; we sample z. It is [b]only[/b] the KL term."
        )
        await pilot.press("ctrl+s")

    assert snap_compare(make_app(mode="concepts"), run_before=write, terminal_size=(80, 24))


def test_concepts_suggested_ticks_wide(snap_compare, make_app) -> None:
    """The same at 120x30: both panels side by side, every concept in view."""

    async def write(pilot) -> None:
        from textual.widgets import TextArea

        await pilot.pause()
        pilot.app.screen.query_one(TextArea).insert(
            "The encoder outputs mu and sigma; we sample z. It is [b]only[/b] the KL term."
        )
        await pilot.press("ctrl+s")

    assert snap_compare(make_app(mode="concepts"), run_before=write, terminal_size=(120, 30))


def test_concepts_result_at_80x24(snap_compare, make_app) -> None:
    """After enter: 'You got 2/4 concepts', the missed ones and the model answer."""
    keys = ["a", "n", "s", "ctrl+s", "1", "3", "enter"]
    assert snap_compare(make_app(mode="concepts"), press=keys, terminal_size=(80, 24))


def test_home_at_80x24(snap_compare, make_app) -> None:
    """Home after one Again in study: the deck with each kind's counts, review queue 1."""

    async def miss_one(pilot) -> None:
        await pilot.press("s", "space", "1", "q", "enter")

    assert snap_compare(make_app(mode=None), run_before=miss_one, terminal_size=(80, 24))


def test_home_two_decks_at_60x15(snap_compare, make_app, vae_deck, write_deck) -> None:
    """Home at 60x15 with all decks and two decks: each kind's count, due and new on its own
    line, columns aligned, nothing wrapped; the list scrolls."""
    from vae_quiz.decks.loader import load_deck

    cards = "".join(f"  - {{id: c{n}, front: f{n}, back: b{n}}}\n" for n in range(1204))
    big = load_deck(write_deck(f"id: big\ntitle: My imported deck\ncards:\n{cards}"))
    app = make_app(mode=None, decks=[vae_deck, big])
    assert snap_compare(app, terminal_size=(60, 15))


def test_empty_review_queue_at_80x24(snap_compare, make_app) -> None:
    """Review with nothing queued says so plainly."""
    assert snap_compare(make_app(mode="review"), terminal_size=(80, 24))


def test_empty_review_queue_wide(snap_compare, make_app) -> None:
    """The same at 160x45."""
    assert snap_compare(make_app(mode="review"), terminal_size=(160, 45))


def test_stats_at_80x24(snap_compare, make_app, store, clock) -> None:
    """Stats with three days of known answers."""
    from tests.ui.test_stats_screen import add_known_answers

    add_known_answers(store, clock)
    assert snap_compare(make_app(mode="stats"), terminal_size=(80, 24))


def test_stats_wide(snap_compare, make_app, store, clock) -> None:
    """The same at 160x50: everything on one screen."""
    from tests.ui.test_stats_screen import add_known_answers

    add_known_answers(store, clock)
    assert snap_compare(make_app(mode="stats"), terminal_size=(160, 50))


def test_stats_at_160x45(snap_compare, make_app, store, clock) -> None:
    """At 160x45: the grid of panels."""
    from tests.ui.test_stats_screen import add_known_answers

    add_known_answers(store, clock)
    assert snap_compare(make_app(mode="stats"), terminal_size=(160, 45))


def test_today_on_a_card_at_80x24(snap_compare, make_app) -> None:
    """Today's first item, a card, revealed: 'today' in the header, the rating keys."""
    app = make_app(mode="today", seed=1, limit=3)
    assert snap_compare(app, press=["space"], terminal_size=(80, 24))


def test_today_on_a_question_at_80x24(snap_compare, make_app) -> None:
    """Today's second item, a question, on the test screen with its choices."""
    app = make_app(mode="today", seed=1, limit=3)
    assert snap_compare(app, press=["space", "3"], terminal_size=(80, 24))


def test_today_on_a_prompt_at_80x24(snap_compare, make_app) -> None:
    """Today's third item, a prompt, in the concepts editor with a few words typed."""
    app = make_app(mode="today", seed=1, limit=3)
    keys = ["space", "3", "1", "space", "a", "n", "s"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_today_on_a_card_wide(snap_compare, make_app) -> None:
    """The same at 160x45: the session's panel beside the card (nothing answered yet)."""
    app = make_app(mode="today", seed=1, limit=3)
    assert snap_compare(app, press=["space"], terminal_size=(160, 45))


def test_today_on_a_question_wide(snap_compare, make_app) -> None:
    """The question at 160x45: the panel counts the card answered before it."""
    app = make_app(mode="today", seed=1, limit=3)
    assert snap_compare(app, press=["space", "3"], terminal_size=(160, 45))


def test_today_on_a_prompt_wide(snap_compare, make_app) -> None:
    """The prompt at 160x45: the panel lists the card and the question answered before it."""
    app = make_app(mode="today", seed=1, limit=3)
    keys = ["space", "3", "1", "space", "a", "n", "s"]
    assert snap_compare(app, press=keys, terminal_size=(160, 45))


def test_study_after_a_few_ratings_wide(snap_compare, make_app) -> None:
    """At 160x45 after Again and Good: the panel's cards left by state, the ratings so far and
    the last answers."""
    keys = ["space", "1", "space", "3", "space"]
    assert snap_compare(make_app(), press=keys, terminal_size=(160, 45))


def test_test_question_wide(snap_compare, make_app) -> None:
    """A test's first question at 160x45, the panel beside it."""
    assert snap_compare(make_app(mode="test", seed=1), terminal_size=(160, 45))


def test_home_wide(snap_compare, make_app) -> None:
    """Home at 160x45: the deck list beside the highlighted deck's detail (description, counts
    per kind, last studied, retention, the 14-day forecast)."""
    assert snap_compare(make_app(mode=None), terminal_size=(160, 45))

"""Deck text, file names and progress rows reach the terminal as text: every screen is walked
with a deck full of escape sequences and markup, and what Textual would write is inspected."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len
from textual.app import App

from tests.conftest import FixedClock, screen_text
from vae_quiz.decks.catalog import load_decks
from vae_quiz.modes.scheduler import Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.progress.store import ProgressStore
from vae_quiz.ui.app import AppServices, VaeQuizApp

# Set the terminal's title, clear the screen, write the clipboard (OSC 52), an 8-bit CSI; then
# markup that would crash (`[/]`), become an action or a link if it were read as markup.
HOSTILE = (
    "\x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;SGVsbG8=\x07 \x9b31m [markup] [@click=app.quit]Q[/] "
    "[link=https://evil.example/login]x[/link] Vim :s/[/]//"
)
SHOWN = "␛]0;PWNED␇"  # how the first of them looks on screen
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# What Textual itself writes around the text: colours and styles (SGR), and cursor moves.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H")


def _hostile_deck(folder: Path) -> list[Path]:
    """The hostile deck in every field, and a broken deck whose file name is hostile."""
    deck = {
        "id": "hostile",
        "title": f"T {HOSTILE}",
        "description": f"D {HOSTILE}",
        "cards": [{"id": "c1", "front": f"F {HOSTILE}", "back": f"B {HOSTILE}"}],
        "questions": [
            {
                "id": "q1",
                "question": f"Q {HOSTILE}",
                "choices": [f"C1 {HOSTILE}", f"C2 {HOSTILE}", f"C3 {HOSTILE}"],
                "answer": f"C1 {HOSTILE}",
                "explanation": f"E {HOSTILE}",
                "shuffle": False,
            }
        ],
        "prompts": [
            {
                "id": "p1",
                "prompt": f"P {HOSTILE}",
                "hint": f"H {HOSTILE}",
                "concepts": [f"K1 {HOSTILE}", f"K2 {HOSTILE}"],
                "model_answer": f"M {HOSTILE}",
            }
        ],
    }
    good = folder / "hostile.yaml"
    good.write_text(yaml.safe_dump(deck), encoding="utf-8")
    broken = folder / "broken \x1b]0;PWNED\x07 [b]x.yaml"
    broken.write_text("id: [not, an, id]\n", encoding="utf-8")
    return [good, broken]


def terminal_output(app: App) -> tuple[list[str], str, list]:
    """The screen's lines, the data Textual would write to the terminal, and its segments."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    raw = update.render_segments(app.console)
    lines = ["".join(seg.text for strip in line for seg in strip) for line in update.strips]
    segments = [seg for line in update.strips for strip in line for seg in strip]
    return lines, raw, segments


def assert_shown_safely(app: App, where: str, *, deck_text: bool = True) -> None:
    lines, raw, segments = terminal_output(app)
    text = "\n".join(lines)
    assert not CONTROL.search("".join(lines)), f"{where}: {CONTROL.findall(''.join(lines))}"
    leftover = TEXTUAL_SEQUENCES.sub("", raw)
    for sequence in ("\x1b", "\x07", "\x9b"):
        assert sequence not in leftover, f"{where}: {sequence!r} reaches the terminal"
    for seg in segments:
        style = seg.style
        assert style is None or not style.link, f"{where}: a link {style.link}"
        assert style is None or "app.quit" not in str(style.meta), f"{where}: an action"
    if deck_text:
        assert SHOWN in text or "␛" in text, f"{where}: the deck text is not shown\n{text}"
    raw.encode("utf-8")


@pytest.fixture
def hostile_app(tmp_path: Path):
    paths = _hostile_deck(tmp_path)
    loaded = load_decks(paths)
    assert [d.id for d in loaded.decks] == ["hostile"] and loaded.problems
    store = ProgressStore(tmp_path / "progress \x1b]0;PWNED\x07.sqlite3")
    services = AppServices(
        store=store,
        decks=loaded.decks,
        now=FixedClock(),
        scheduler=Scheduler(enable_fuzzing=False),
        options=SessionOptions(seed=1),
        problems=[str(p) for p in loaded.problems],
    )
    yield VaeQuizApp(services, mode=None)
    store.close()


async def test_every_screen_shows_hostile_deck_text_as_text_when_walked(hostile_app) -> None:
    app = hostile_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_shown_safely(app, "home")
        # The broken deck's file name, literally (the tests' folder name is long: it wraps).
        assert "broken ␛]0;PWNED␇ [b]x.yaml:1" in screen_text(app, "#home-problems")
        await pilot.press("question_mark")
        assert_shown_safely(app, "help over home", deck_text=False)  # the help box hides it
        await pilot.press("escape", "s")
        assert_shown_safely(app, "study, front")
        assert "[@click=app.quit]Q[/]" in "\n".join(terminal_output(app)[0])
        await pilot.press("space")
        assert_shown_safely(app, "study, back")
        await pilot.press("1", "q")  # Again: the card goes to the review queue
        await pilot.pause()
        assert_shown_safely(app, "study summary", deck_text=False)
        await pilot.press("enter", "t")
        assert_shown_safely(app, "test, question and choices")
        await pilot.press("2")  # wrong
        assert_shown_safely(app, "test, feedback")
        await pilot.press("space")
        await pilot.pause()
        assert_shown_safely(app, "test summary")
        await pilot.press("enter", "c")
        assert_shown_safely(app, "concepts, editor")
        await pilot.press("escape", "h")
        assert_shown_safely(app, "concepts, hint")
        await pilot.press("e", *"my answer", "ctrl+s")
        await pilot.pause()
        assert_shown_safely(app, "concepts, checklist")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert_shown_safely(app, "concepts, result with the model answer")
        await pilot.press("space")
        await pilot.pause()
        assert_shown_safely(app, "concepts summary")
        await pilot.press("r")  # review what was missed: the card first
        await pilot.pause()
        assert_shown_safely(app, "review, a card")
        await pilot.press("q")
        await pilot.pause()
        assert_shown_safely(app, "review summary")
        await pilot.press("enter", "x", "end")
        await pilot.pause()
        assert_shown_safely(app, "stats (concepts missed most)")
        await pilot.press("q", "ctrl+p")
        await pilot.pause()
        assert_shown_safely(app, "command palette")
        await pilot.press(*"pwned")
        await pilot.pause(0.3)
        assert_shown_safely(app, "command palette, searched")
        assert "Study: T ␛]0;" in "\n".join(terminal_output(app)[0])


async def test_today_shows_each_kind_and_its_summary_as_text_when_walked(hostile_app) -> None:
    from vae_quiz.ui.screens.concepts import ConceptsScreen
    from vae_quiz.ui.screens.study import StudyScreen
    from vae_quiz.ui.screens.summary import TodaySummaryScreen
    from vae_quiz.ui.screens.test import TestScreen

    app = hostile_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # today: the card, the question and the prompt, all new
        await pilot.pause()
        seen: list[str] = []
        for _ in range(3):
            screen = app.screen
            if isinstance(screen, StudyScreen):
                seen.append("card")
                assert_shown_safely(app, "today, a card's front")
                await pilot.press("space")
                assert_shown_safely(app, "today, a card's back")
                await pilot.press("3")
            elif isinstance(screen, TestScreen):
                seen.append("question")
                assert_shown_safely(app, "today, a question")
                await pilot.press("1")
                assert_shown_safely(app, "today, a question's feedback")
                await pilot.press("space")
            else:
                assert isinstance(screen, ConceptsScreen)
                seen.append("prompt")
                assert_shown_safely(app, "today, a prompt")
                await pilot.press("y", "ctrl+s", "1", "2", "enter")
                await pilot.pause()
                assert_shown_safely(app, "today, a prompt's result")
                await pilot.press("space")
            await pilot.pause()
        assert sorted(seen) == ["card", "prompt", "question"]
        assert isinstance(app.screen, TodaySummaryScreen)
        assert_shown_safely(app, "today summary", deck_text=False)


async def test_a_failed_save_names_a_hostile_progress_file_as_text(
    hostile_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    def transaction(self):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ProgressStore, "_transaction", transaction)
    app = hostile_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "space", "3")
        await pilot.pause()
        assert any("progress ␛]0;PWNED␇.sqlite3" in n.message for n in app._notifications)
        assert_shown_safely(app, "the not-saved toast")


# Combining, zero-width, joiner, bidi and wide characters in every line a deck fills.
ODD = (
    "e\u0301 a\u0308\u0323 zero\u200bwidth\ufeff rlo\u202eevil\u202c lri\u2066x\u2069 "
    "👨\u200d👩\u200d👧 漢字"
)


@pytest.mark.parametrize("keys", [(), ("s",), ("s", "space"), ("t", "2"), ("c", "ctrl+s", "y")])
async def test_box_borders_stay_aligned_with_odd_unicode(tmp_path: Path, keys) -> None:
    deck = {
        "id": "odd", "title": f"Odd {ODD}",
        "cards": [{"id": "c1", "front": f"F {ODD}", "back": f"B {ODD}"}],
        "questions": [{"id": "q1", "question": f"Q {ODD}", "choices": [f"1 {ODD}", f"2 {ODD}"],
                       "answer": f"1 {ODD}", "explanation": f"E {ODD}", "shuffle": False}],
        "prompts": [{"id": "p1", "prompt": f"P {ODD}", "concepts": [f"K {ODD}", f"L {ODD}"]}],
    }  # fmt: skip
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    store = ProgressStore(tmp_path / "p.sqlite3")
    services = AppServices(store=store, decks=load_decks([path]).decks, now=FixedClock(),
                           scheduler=Scheduler(enable_fuzzing=False))  # fmt: skip
    app = VaeQuizApp(services, mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        lines, _, _ = terminal_output(app)
        text = "\n".join(lines)
        # Every line is the screen's width, and nothing in it can reorder or hide text.
        assert [cell_len(line) for line in lines] == [80] * 24, text
        assert not re.search("[\u200b\ufeff\u202a-\u202e\u2066-\u2069]", text), text
        assert "\\u202e" in text or not keys  # shown, where the deck's text is
    store.close()

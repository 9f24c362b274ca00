"""Pilot tests of a Markdown deck on the study, test and concepts screens: what shows, what is
stored, and that a plain deck never loads the Markdown machinery."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import screen_text
from vae_quiz.decks.loader import load_deck
from vae_quiz.markdown_text import Code, Formula, Table
from vae_quiz.ui.widgets.markdown_view import MarkdownView

DECK = Path(__file__).parents[1] / "data" / "good" / "markdown.yaml"


@pytest.fixture
def md_deck():
    return load_deck(DECK)


def _shown(widget) -> str:
    """Every line a widget shows, as plain text."""
    if isinstance(widget, MarkdownView):
        return "\n".join(line.plain for line in widget.lines(widget.content_region.width))
    return "\n".join(
        str(part.render()) for part in [widget, *widget.query(Static)] if isinstance(part, Static)
    )


def _line_with(widget: MarkdownView, text: str) -> str:
    return next(
        line.plain for line in widget.lines(widget.content_region.width) if text in line.plain
    )


async def test_a_revealed_card_renders_code_table_and_display_maths(make_app, md_deck) -> None:
    app = make_app(decks=[md_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        front = screen.query_one("#card-front-md", MarkdownView)
        assert not screen.query_one("#card-front").display, "the literal Static steps aside"
        assert "The reparameterization trick" in _shown(front)
        assert "**" not in _shown(front) and "##" not in _shown(front)
        assert not screen.query("#card-back-md") or not screen.query_one("#card-back-md").display
        await pilot.press("space")
        await pilot.pause(0.2)
        back = screen.query_one("#card-back-md", MarkdownView)
        assert back.display
        (fence,) = [block for block in back.blocks if isinstance(block, Code)]
        assert fence.language == "python" and "torch.randn_like(std)" in fence.code
        assert [block for block in back.blocks if isinstance(block, Table)]
        assert [block for block in back.blocks if isinstance(block, Formula)]
        width = back.content_region.width
        formula = _line_with(back, "z = ")
        assert len(formula) == width and formula.strip() == "z = μ + σ ⊙ ε"
        assert abs(formula.index("z") - (width - len(formula.rstrip()))) <= 1, "centred"
        assert "std  │ spread" in _shown(back), "the table's columns line up"
        assert "$$" not in _shown(back)
        assert "https://arxiv.org/abs/1312.6114" in _shown(back), "the link's address is shown"
        await pilot.press("3")
        await pilot.pause()
    rows = (
        sqlite3.connect(app.services.store.path)
        .execute("SELECT item, outcome FROM review_log")
        .fetchall()
    )
    assert rows == [("reparam", "good")]


async def test_choices_show_inline_code_and_maths_styled(make_app, md_deck) -> None:
    app = make_app(mode="test", decks=[md_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.query_one("#choice-1 .choice-text", Static)
        content = first.visual
        assert str(content) == "-0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp())"
        assert any("$text-warning" in str(span.style) for span in content.spans)
        assert "`" not in screen_text(app, "#choices") and "$\\log" not in screen_text(
            app, "#choices"
        )
        assert "**" not in _shown(screen.query_one("#question-md"))
        await pilot.press("3")
        await pilot.pause(0.2)
        explanation = screen.query_one("#explanation-md", MarkdownView)
        assert explanation.display and "$" not in _shown(explanation)
    rows = (
        sqlite3.connect(app.services.store.path)
        .execute("SELECT item, outcome FROM review_log")
        .fetchall()
    )
    assert rows == [("kl-term", "incorrect")]


async def test_a_model_answer_shows_its_display_maths(make_app, md_deck) -> None:
    app = make_app(mode="concepts", decks=[md_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", "b", "ctrl+s", "1", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        model = screen.query_one("#model-answer-md", MarkdownView)
        assert model.display
        assert [block for block in model.blocks if isinstance(block, Formula)]
        assert "Model answer" in _shown(model) and "$$" not in _shown(model)
        assert "$" not in screen_text(app, "#result")
    rows = (
        sqlite3.connect(app.services.store.path)
        .execute("SELECT item, outcome FROM review_log")
        .fetchall()
    )
    assert rows == [("elbo", "1/2")]


async def test_a_markdown_deck_shows_no_markup_or_control_codes(make_app, write_deck) -> None:
    path = write_deck(
        "id: evil\ntitle: Evil\nformat: markdown\ncards:\n  - id: c\n"
        '    front: "[red]x[/red] \\e[2J [@click=app.quit]q[/] [go](javascript:x)"\n'
        "    back: b\n"
    )
    app = make_app(decks=[load_deck(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = _shown(app.screen.query_one("#card-front-md"))
        assert "[red]x[/red]" in shown and "␛[2J" in shown and "\x1b" not in shown
        assert "[@click=app.quit]q[/]" in shown
        assert "[go](javascript:x)" in shown  # markdown-it refuses the scheme: text
        await pilot.click("#card-front-md")
        await pilot.pause()
        assert app.is_running, "nothing in the deck quit the app"


async def test_going_back_to_a_plain_deck_shows_text_literally(make_app, md_deck, vae_deck):
    app = make_app(decks=[md_deck, vae_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#card-front-md").display
        await pilot.press("space", "3")  # the Markdown card, then a plain one
        await pilot.pause()
        assert app.screen.query_one("#card-front").display
        assert not app.screen.query_one("#card-front-md").display


def test_a_plain_deck_session_never_imports_the_markdown_machinery(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        from datetime import UTC, datetime
        from vae_quiz.decks.loader import load_deck
        from vae_quiz.locations import bundled_deck_dir
        from vae_quiz.modes.session import SessionOptions
        from vae_quiz.progress.store import ProgressStore
        from vae_quiz.ui.app import AppServices, VaeQuizApp

        async def main():
            deck = load_deck(bundled_deck_dir() / "vae.yaml")
            services = AppServices(store=ProgressStore(sys.argv[1]), decks=[deck],
                                   now=lambda: datetime.now(UTC), options=SessionOptions())
            for mode in ("study", "test", "concepts"):
                app = VaeQuizApp(services, mode=mode)
                async with app.run_test(size=(80, 24)) as pilot:
                    await pilot.press("space", "1", "enter", "3")
            loaded = [m for m in ("markdown_it", "textual.widgets._markdown",
                                  "vae_quiz.markdown_text", "vae_quiz.ui.widgets.markdown_view")
                      if m in sys.modules]
            print(loaded)

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "p.sqlite3")],
                            capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_the_test_summary_lists_a_missed_markdown_question_as_words(make_app, md_deck):
    app = make_app(mode="test", decks=[md_deck])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "space")
        await pilot.pause()
        missed = "\n".join(str(w.render()) for w in app.screen.query(".summary-item"))
        assert "a diagonal Gaussian posterior" in missed and "`" not in missed
        assert "-0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp())" in missed


def test_code_is_highlighted_once_in_the_theme_s_variables() -> None:
    from vae_quiz.ui.widgets.markdown_view import _highlighted

    first = _highlighted("z = mu + eps * std", "python")
    assert _highlighted("z = mu + eps * std", "python") is first
    assert any(str(span.style).startswith("$") for span in first.spans), "theme variables"
    assert str(_highlighted("x", "no-such-language")) == "x"


async def test_the_next_front_is_shown_by_the_same_widget(make_app) -> None:
    app = make_app(decks=[load_deck(Path(__file__).parents[2] / "decks" / "vae-maths.yaml")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        front = app.screen.query_one("#card-front-md", MarkdownView)
        assert "evidence lower bound" in _shown(front)
        await pilot.press("space", "4")
        await pilot.pause(0.2)
        assert app.screen.query_one("#card-front-md", MarkdownView) is front
        assert "Jensen's inequality" in _shown(front) and "**" not in _shown(front)
        assert "log p_θ(x)" in _shown(front) or "log pθ(x)" in _shown(front)


async def test_the_next_texts_are_laid_out_while_the_learner_reads(make_app) -> None:
    """Once a card is on screen, its back and the next card's front are parsed and laid out
    (at the width they will be shown at), so the keys that show them find the work done."""
    from vae_quiz.ui.widgets.markdown_view import laid_out

    maths = load_deck(Path(__file__).parents[2] / "decks" / "vae-maths.yaml")
    first, second = list(maths.cards)[:2]
    laid_out.cache_clear()
    app = make_app(decks=[maths])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        width = app.screen.query_one("#card-front-md", MarkdownView).laid_out_width
        assert width
        missed = laid_out.cache_info().misses
        laid_out(first.back, width)
        laid_out(second.front, width)
        assert laid_out.cache_info().misses == missed, "laid out ahead, found in the cache"
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one("#card-back-md", MarkdownView).laid_out_width == width
        assert laid_out.cache_info().misses == missed, "the reveal parsed nothing"

"""Make the README's screenshots from the app itself: docs/screenshots/*.png at 100x30.

    python scripts/screenshots.py [--out docs/screenshots] [--size 100x30]

Three weeks of study are played first (real sessions of `today`, on a fixed clock, in a temp
progress file), so that home and stats show a learner's figures; then each screen is driven
with the keys a learner presses and saved with `app.save_screenshot()`. The SVGs are turned
into PNGs with `rsvg-convert` (Debian/Ubuntu: librsvg2-bin) or, failing that, CairoSVG.
Nothing of the user's is read or written: decks are the bundled ones, the progress file is
temporary.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vae_quiz.decks.catalog import bundled_deck_files, load_decks  # noqa: E402
from vae_quiz.modes.mode import Mode  # noqa: E402
from vae_quiz.modes.scheduler import Scheduler  # noqa: E402
from vae_quiz.modes.session import SessionOptions  # noqa: E402
from vae_quiz.progress.store import ProgressStore  # noqa: E402
from vae_quiz.ui.app import AppServices, VaeQuizApp  # noqa: E402
from vae_quiz.ui.screens.concepts import ConceptsScreen  # noqa: E402
from vae_quiz.ui.screens.study import StudyScreen  # noqa: E402
from vae_quiz.ui.screens.test import TestScreen  # noqa: E402

START = datetime(2026, 11, 9, 18, 0, tzinfo=UTC)
DAYS = 21


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def _app(
    store: ProgressStore, clock: Clock, mode: str | None, deck: str | None = None, **options
) -> VaeQuizApp:
    decks = [d for d in load_decks(bundled_deck_files()).decks if deck in (None, d.id)]
    services = AppServices(store=store, decks=decks, now=clock,
                           scheduler=Scheduler(enable_fuzzing=False),
                           options=SessionOptions(**options))  # fmt: skip
    return VaeQuizApp(services, mode=Mode(mode) if mode else None)


def _key_for(screen: object, right: bool) -> str:
    """The key that picks a right (or a wrong) choice of the question on `screen`."""
    assert isinstance(screen, TestScreen)
    asked = screen._session.current
    assert asked is not None
    wanted = [c for c in asked.order if (c in asked.question.answer) == right]
    return str(asked.order.index(wanted[0]) + 1)


async def _play_a_day(store: ProgressStore, clock: Clock, rng: random.Random) -> None:
    """One `today` session: cards rated mostly Good, questions mostly right, prompts partly."""
    app = _app(store, clock, "today", seed=rng.randrange(1000))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(60):
            screen = app.screen
            right = rng.random() < 0.8
            if isinstance(screen, StudyScreen):
                await pilot.press("space", "3" if right else "1")
            elif isinstance(screen, TestScreen):
                await pilot.press(_key_for(screen, right), "space")
            elif isinstance(screen, ConceptsScreen):
                ticks = [str(n) for n in range(1, 5) if rng.random() < (0.9 if right else 0.4)]
                await pilot.press(*"my answer", "ctrl+s", *ticks, "enter", "space")
            else:
                break
            clock.moment += timedelta(seconds=rng.randrange(8, 40))
        await pilot.press("q")


async def _shoot(
    store: ProgressStore, clock: Clock, out: Path, size: tuple[int, int]
) -> list[Path]:
    shots: list[tuple[str, str | None, dict, Callable[[VaeQuizApp], list[str]]]] = [
        ("home", None, {}, lambda app: []),
        ("study-revealed", "study", {"seed": 3}, lambda app: ["space"]),
        ("test-answered", "test", {"seed": 2}, lambda app: [_key_for(app.screen, False)]),
        ("concepts-result", "concepts", {},
         lambda app: [*"An encoder maps x to a mean and a variance", "ctrl+s", "1", "3", "enter"]),
        ("stats", None, {}, lambda app: ["x"]),
        ("vae-maths-card-revealed", "study", {"deck": "vae-maths", "cram": True, "seed": 2},
         lambda app: ["space"]),
    ]  # fmt: skip
    made = []
    for name, mode, options, keys in shots:
        app = _app(store, clock, mode, **options)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys(app))
            await pilot.pause()
            svg = app.save_screenshot(filename=f"{name}.svg", path=str(out))
        made.append(Path(svg))
    return made


def _to_png(svg: Path) -> Path:
    png = svg.with_suffix(".png")
    # Textual writes runs of spaces as they are; without xml:space="preserve" an SVG renderer
    # collapses them (a centred line drawn flush left, table columns out of line).
    text = svg.read_text(encoding="utf-8")
    if 'xml:space="preserve"' not in text:
        svg.write_text(text.replace("<svg ", '<svg xml:space="preserve" ', 1), encoding="utf-8")
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", str(svg), "-o", str(png)], check=True)
    else:
        try:
            import cairosvg  # type: ignore[import-not-found]
        except ImportError:
            sys.exit("needs rsvg-convert (apt install librsvg2-bin) or CairoSVG (pip install "
                     "cairosvg) to turn the SVGs into PNGs")  # fmt: skip
        cairosvg.svg2png(url=str(svg), write_to=str(png))
    return png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="100x30", help="COLUMNSxROWS")
    parser.add_argument("--keep-svg", action="store_true", help="keep the SVGs beside the PNGs")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / "progress.sqlite3")
        clock = Clock(START)
        try:
            for day in range(DAYS):
                clock.moment = START + timedelta(days=day)
                if rng.random() < 0.85:  # a learner skips a day now and then
                    asyncio.run(_play_a_day(store, clock, rng))
            clock.moment = START + timedelta(days=DAYS, hours=1)
            svgs = asyncio.run(_shoot(store, clock, args.out, (columns, rows)))
        finally:
            store.close()
    for svg in svgs:
        png = _to_png(svg)
        if not args.keep_svg:
            svg.unlink()
        print(png.relative_to(REPO) if png.is_relative_to(REPO) else png)


if __name__ == "__main__":
    main()

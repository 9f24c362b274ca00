"""Every benchmark in one run, printed as a Markdown table (with the date and machine).

Run: `python benchmarks/run_all.py [--quick]` from a checkout with vae-quiz installed
(`pip install -e '.[test]'`). `--quick` uses fewer repeats (and a tenth of big_data's sizes).
Nothing here is a test: these are figures to read, measured on whatever machine runs them
(quote medians and ratios).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import big_data  # noqa: E402
from benchmarks.make_deck import write_deck  # noqa: E402
from vae_quiz.decks.cache import RACY_NS  # noqa: E402
from vae_quiz.decks.catalog import bundled_deck_files, load_decks  # noqa: E402

VAE_QUIZ = shutil.which("vae-quiz", path=str(Path(sys.executable).parent)) or "vae-quiz"

BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare app ready")
Bare().run()
"""

RSS_SCRIPT = """
import asyncio, resource, sys
from datetime import UTC, datetime
from vae_quiz.decks.catalog import load_decks
from vae_quiz.progress.store import ProgressStore
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.mode import Mode
from vae_quiz.ui.app import AppServices, VaeQuizApp

async def main():
    result = load_decks([sys.argv[1]])
    # A cache miss would parse with PyYAML: say so, since the figure would not be "from cache".
    print("cache-miss" if "yaml" in sys.modules else "cache-hit")
    store = ProgressStore(sys.argv[2])
    services = AppServices(store=store, decks=result.decks, now=lambda: datetime.now(UTC),
                           options=SessionOptions())
    app = VaeQuizApp(services, mode=Mode.STUDY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3")
    # VmHWM is this program's own peak: ru_maxrss would carry over the peak of the process that
    # forked it (Linux keeps it across exec), here a benchmark holding big decks.
    try:
        with open("/proc/self/status") as status:
            hwm = next(line for line in status if line.startswith("VmHWM:"))
        print(int(hwm.split()[1]) / 1024)
    except OSError:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

asyncio.run(main())
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else values[0]


def env_with(**extra: str) -> dict[str, str]:
    return {**os.environ, "TERM": "xterm-256color", **extra}


# -- start-up ---------------------------------------------------------------------------------


def time_until(cmd: str, args: list[str], text: str, env: dict[str, str]) -> float:
    with collector_paused():
        start = time.perf_counter()
        child = pexpect.spawn(cmd, args, env=env, dimensions=(24, 80), timeout=120)
        child.expect(text)
        elapsed = time.perf_counter() - start
    child.kill(9)
    child.close()
    return elapsed


def startup(tmp: Path, runs: int, big_deck: Path) -> dict[str, float]:
    bare = tmp / "bare.py"
    bare.write_text(BARE_APP)
    no_decks = str(tmp / "no-user-decks")
    warm_cache = tmp / "cache-warm"
    subprocess.run([VAE_QUIZ, "check", str(big_deck)], env=env_with(VAE_QUIZ_CACHE=str(warm_cache)),
                   check=True, capture_output=True)  # fmt: skip
    times: dict[str, list[float]] = {"bare": [], "bundled": [], "plain": [], "maths": [],
                                     "100k warm": [], "100k cold": []}  # fmt: skip
    bundled = load_decks(bundled_deck_files()).decks
    bundled_cards = sum(len(deck.cards) for deck in bundled)
    maths_cards = sum(len(deck.cards) for deck in bundled if deck.id == "vae-maths")
    for run in range(runs):
        env = env_with(VAE_QUIZ_DECKS=no_decks, VAE_QUIZ_CACHE=str(warm_cache))
        times["bare"].append(time_until(sys.executable, [str(bare)], "bare app ready", env))
        # Every bundled deck: the seed deck vae (plain text, its cards first), then vae-maths.
        db = str(tmp / f"s{run}.sqlite3")
        times["bundled"].append(
            time_until(VAE_QUIZ, ["study", "--db", db], f"1 of {bundled_cards}", env)
        )
        # The plain vae deck alone: no Markdown module is loaded.
        db = str(tmp / f"p{run}.sqlite3")
        times["plain"].append(time_until(VAE_QUIZ, ["study", "vae", "--db", db], "1 of 5", env))
        # The Markdown deck alone: its first card needs the Markdown parser.
        db = str(tmp / f"m{run}.sqlite3")
        times["maths"].append(
            time_until(VAE_QUIZ, ["study", "vae-maths", "--db", db], f"1 of {maths_cards}", env)
        )
        db = str(tmp / f"w{run}.sqlite3")
        times["100k warm"].append(
            time_until(VAE_QUIZ, ["study", str(big_deck), "--db", db], "1 of 20", env)
        )
        cold = env_with(VAE_QUIZ_DECKS=no_decks, VAE_QUIZ_CACHE=str(tmp / f"cold{run}"))
        db = str(tmp / f"c{run}.sqlite3")
        times["100k cold"].append(
            time_until(VAE_QUIZ, ["study", str(big_deck), "--db", db], "1 of 20", cold)
        )
    figures = {name: median(values) for name, values in times.items()}
    # The ratios are medians of each run's own ratio (the two starts of a run are back to back,
    # so a slow moment of a noisy machine weighs on both), as the issue asks: "median ratio".
    for name in ("bundled", "plain", "maths", "100k warm"):
        figures[f"{name} ratio"] = median(
            [ours / bare for ours, bare in zip(times[name], times["bare"], strict=True)]
        )
    return figures


# -- loading ----------------------------------------------------------------------------------


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    values = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return median(values)


def compose_paused(text: str) -> None:
    gc.disable()
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def loading(decks: dict[int, Path], tmp: Path, repeat: int) -> list[dict]:
    from vae_quiz.decks.cache import load_deck_cached

    rows = []
    for n, path in decks.items():
        text = path.read_text(encoding="utf-8")
        compose_s = timed(lambda text=text: compose_paused(text), repeat)
        fresh = iter(range(10**6))  # a new, empty cache folder for every cold run
        cold_s = timed(
            lambda path=path, fresh=fresh: load_deck_cached(path, tmp / f"lc{next(fresh)}"),
            repeat,
        )
        warm_dir = tmp / f"lw{n}"
        load_deck_cached(path, warm_dir)
        warm_s = timed(lambda path=path, d=warm_dir: load_deck_cached(path, d), repeat)

        def check(cache: Path, path: Path = path) -> None:
            subprocess.run([VAE_QUIZ, "check", str(path)], check=True, capture_output=True,
                           env=env_with(VAE_QUIZ_CACHE=str(cache)))  # fmt: skip

        check_cold = timed(lambda fresh=fresh: check(tmp / f"cc{next(fresh)}"), repeat)
        check(tmp / f"cw{n}")
        check_warm = timed(lambda n=n: check(tmp / f"cw{n}"), repeat)
        rows.append({"items": n, "mb": path.stat().st_size / 1e6, "compose": compose_s,
                     "cold": cold_s, "warm": warm_s, "check_cold": check_cold,
                     "check_warm": check_warm})  # fmt: skip
        del text
    return rows


# -- answering --------------------------------------------------------------------------------


def commits(tmp: Path, n: int) -> dict[str, tuple[float, float]]:
    """Median and p99 in ms of two things: the commit alone (a state computed beforehand, as the
    issue's target was set), and the whole answer path (the item's state read, FSRS applied and
    the answer written, in one transaction). 50 items, so most answers have a state to read."""
    from vae_quiz.modes.scheduler import Rating, Scheduler
    from vae_quiz.progress.store import Answer, ProgressStore

    scheduler = Scheduler(enable_fuzzing=False)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    figures = {}
    for name in ("commit", "answer"):
        store = ProgressStore(tmp / f"{name}.sqlite3")
        values = []
        for i in range(n):
            at = now + dt.timedelta(seconds=i)
            answer = Answer(deck="bench", item=f"c{i % 50}", kind="card", mode="study",
                            outcome="good", answered_at=at)  # fmt: skip
            if name == "commit":
                review = scheduler.review(None, Rating.GOOD, at)
                answer = answer._replace(rating=3, state_after=review.state, due_after=review.due)
                start = time.perf_counter()
                store.record(answer)
            else:
                start = time.perf_counter()
                store.record(answer, scheduler.schedule(Rating.GOOD, at))
            values.append((time.perf_counter() - start) * 1000)
        store.close()
        figures[name] = (median(values), p99(values))
    return figures


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No collection of this process inside a timed window (a precaution: the figure is the
    app's, not the harness's; a full collection here takes a few milliseconds)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# How long the timed keypresses wait after the answer is on screen before the rating key: a
# person reads the answer first. Keys sent the moment a frame is out measure something else:
# Textual paints at most TEXTUAL_FPS frames a second (the app asks for 120), so a key within a
# frame of the last paint waits for the next slot, and the work the app leaves for just after a
# paint (the next Markdown card laid out ahead) is still running.
READING = 0.1


def keypress(big_deck: Path, tmp: Path, presses: int, cache: Path) -> tuple[float, float]:
    """From outside, in a pty: send the rating key (`READING` after the answer shows), wait
    until the next card's number is on screen; the 100k-item deck loaded (from the cache)."""
    env = env_with(VAE_QUIZ_CACHE=str(cache), VAE_QUIZ_DECKS=str(tmp / "no-user-decks"))
    args = ["study", str(big_deck), "--db", str(tmp / "keys.sqlite3"), "--new", str(presses + 5)]
    child = pexpect.spawn(VAE_QUIZ, args, env=env, dimensions=(24, 80), timeout=60)
    child.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    child.expect(f"1 of {presses + 5}")
    values: list[float] = []
    with collector_paused():
        for number in range(2, presses + 2):
            child.send(" ")
            child.expect("Again")
            time.sleep(READING)
            start = time.perf_counter()
            child.send("4")
            child.expect(f"{number} of {presses + 5}")
            values.append((time.perf_counter() - start) * 1000)
    child.kill(9)
    child.close()
    return median(values), p99(values)


def _new_words(deck_path: Path) -> list[str]:
    """For each card of a Markdown deck, a word its rendered front shows and the card before
    it does not: seeing it means the card's text is on screen (a Markdown text is rendered a
    moment after the header changes)."""
    from vae_quiz.decks.loader import load_deck
    from vae_quiz.markdown_text import screen_tokens

    cards = list(load_deck(deck_path).cards)
    words = []
    for n, card in enumerate(cards):
        shown = " ".join(child.content for token in screen_tokens(card.front)
                         if token.type == "inline" for child in token.children or ()
                         if child.type == "text")  # fmt: skip
        before = f"{cards[n - 1].front} {cards[n - 1].back}".lower() if n else ""
        words.append(next(w for w in re.findall(r"[A-Za-z]{5,}", shown) if w.lower() not in before))
    return words


def keypress_markdown(tmp: Path, sessions: int, cache: Path) -> tuple[float, float]:
    """As `keypress`, on the bundled Markdown deck vae-maths: from the rating key to the next
    card's rendered front (a word of it on screen), one session after another."""
    deck_path = Path(__file__).resolve().parents[1] / "decks" / "vae-maths.yaml"
    words = _new_words(deck_path)
    total = len(words)
    env = env_with(VAE_QUIZ_CACHE=str(cache), VAE_QUIZ_DECKS=str(tmp / "no-user-decks"))
    values: list[float] = []
    for session in range(sessions):
        db = str(tmp / f"maths{session}.sqlite3")
        args = ["study", str(deck_path), "--db", db, "--new", "50"]
        child = pexpect.spawn(VAE_QUIZ, args, env=env, dimensions=(24, 80), timeout=60)
        child.delaybeforesend = None
        child.expect(words[0])
        with collector_paused():
            for number in range(2, total + 1):
                child.send(" ")
                child.expect("Again")
                time.sleep(READING)
                start = time.perf_counter()
                child.send("4")
                child.expect(f"{number} of {total}")
                child.expect(words[number - 1])
                values.append((time.perf_counter() - start) * 1000)
        child.kill(9)
        child.close()
    return median(values), p99(values)


def editor_keypress(tmp: Path, presses: int) -> tuple[float, float]:
    """From outside, in a pty: type a letter into the concepts editor, wait until it is on
    screen. Each letter is a different one (Latin Extended, one cell wide), so the one waited
    for is the one just typed. A key every 60 ms or so, as a fast typist: the draft is kept about
    twice a second meanwhile, and its commits fall inside some of the timed keys."""
    env = env_with(VAE_QUIZ_DECKS=str(tmp / "no-user-decks"))
    db = Path(tempfile.mkdtemp(dir=tmp)) / "editor.sqlite3"  # a fresh file: no draft to restore
    args = ["concepts", "vae", "--db", str(db)]
    child = pexpect.spawn(VAE_QUIZ, args, env=env, dimensions=(24, 80), timeout=60,
                          encoding="utf-8")  # fmt: skip
    child.delaybeforesend = None
    child.expect("Leave editor")
    values: list[float] = []
    with collector_paused():
        for n in range(presses):
            letter = chr(0x100 + n % 0x150)
            if n and n % 0x150 == 0:  # letters used before: start on an empty editor
                child.send("\x15")  # ctrl+u: delete to the start of the line
                time.sleep(0.2)
            start = time.perf_counter()
            child.send(letter)
            child.expect_exact(letter)
            values.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
    child.kill(9)
    child.close()
    return median(values), p99(values)


def peak_rss(big_deck: Path, tmp: Path) -> float:
    env = env_with(VAE_QUIZ_CACHE=str(tmp / "rss-cache"))
    subprocess.run([VAE_QUIZ, "check", str(big_deck)], env=env, check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(big_deck), str(tmp / "rss.db")],
                         env=env, check=True, capture_output=True, text=True)  # fmt: skip
    lines = out.stdout.strip().splitlines()
    if "cache-hit" not in lines:
        raise RuntimeError(f"the deck was not loaded from the cache: {lines}")
    return float(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    runs, repeat, answers, presses = (4, 1, 300, 40) if args.quick else (15, 3, 1000, 150)
    # Our own modules are byte-compiled first, as `pip install` does (PYTHONDONTWRITEBYTECODE
    # may be set where this runs).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "vae_quiz")], check=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        decks = {n: write_deck(n, tmp / f"bench-{n}.yaml") for n in (1_000, 10_000, 100_000)}
        big = decks[100_000]
        # A deck changed within the cache's racy window (2 s) is checked byte for byte on every
        # cached start; a deck a learner studies was not written a moment ago.
        time.sleep(RACY_NS / 1e9)
        start_figures = startup(tmp, runs, big)
        load_rows = loading(decks, tmp, repeat)
        answer_figures = commits(tmp, answers)
        key_median, key_p99 = keypress(big, tmp, presses, tmp / "cache-warm")
        md_median, md_p99 = keypress_markdown(tmp, max(2, presses // 8), tmp / "cache-warm")
        editor_median, editor_p99 = editor_keypress(tmp, presses)
        rss = peak_rss(big, tmp)
        scale = 10 if args.quick else 1
        mixed_bytes, csv_rows, answers = 1_300_000 // scale, 500_000 // scale, 1_000_000 // scale
        mixed_seconds, mixed_rows = big_data.mixed_import(tmp, mixed_bytes)
        csv_seconds, csv_rss, csv_size = big_data.csv_import(tmp, csv_rows)
        export_figures = big_data.export(tmp, answers)
    bare = start_figures["bare"]
    compose_100k = next(r["compose"] for r in load_rows if r["items"] == 100_000)
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cpus, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml {yaml.__with_libyaml__})"
    )
    print(
        f"vae-quiz benchmarks, {dt.date.today().isoformat()}: {machine}; medians of {runs} "
        f"interleaved pty runs (start-up ratios: the median of each run's ratio) / {repeat} "
        f"repeats\n"
    )
    print("| figure | value | target |")
    print("| --- | ---: | --- |")
    print(f"| bare Textual app (one Static), start to screen | {bare:.3f} s | |")
    print(f"| `vae-quiz study`, both bundled decks, first card | "
          f"{start_figures['bundled']:.3f} s ({start_figures['bundled ratio']:.2f}x bare) "
          f"| 1.25x bare |")  # fmt: skip
    print(f"| `vae-quiz study vae` (the deck named), first card | {start_figures['plain']:.3f} s "
          f"({start_figures['plain ratio']:.2f}x bare) | 1.25x bare |")  # fmt: skip
    print(f"| `vae-quiz study vae-maths`, a Markdown first card | {start_figures['maths']:.3f} s "
          f"({start_figures['maths ratio']:.2f}x bare) | |")  # fmt: skip
    print(f"| `vae-quiz study` 100k-item deck, cached, first card | "
          f"{start_figures['100k warm']:.3f} s ({start_figures['100k warm ratio']:.2f}x bare) "
          f"| 1.5x bare |")  # fmt: skip
    print(f"| `vae-quiz study` 100k-item deck, no cache, first card | "
          f"{start_figures['100k cold']:.3f} s ({start_figures['100k cold'] / compose_100k:.2f}x "
          f"C compose) | 1.4x C compose |")  # fmt: skip
    for row in load_rows:
        print(
            f"| load {row['items']:,} items ({row['mb']:.1f} MB): C compose, gc paused / cold "
            f"/ cached | {row['compose']:.3f} / {row['cold']:.3f} / {row['warm']:.3f} s | |"
        )
    for row in load_rows:
        print(f"| `vae-quiz check` {row['items']:,} items: no cache / cached | "
              f"{row['check_cold']:.3f} / {row['check_warm']:.3f} s | |")  # fmt: skip
    for name, label, target in (
        ("commit", "answer commit (WAL, synchronous=FULL)", "< 0.5 / < 5 ms"),
        ("answer", "whole answer: state read, FSRS, commit", ""),
    ):
        mid, tail = answer_figures[name]
        print(f"| {label}: median / p99 | {mid:.3f} / {tail:.3f} ms | {target} |")
    print(f"| keypress to next card rendered, 100k deck: median / p99 | {key_median:.1f} / "
          f"{key_p99:.1f} ms | < 16 ms median |")  # fmt: skip
    print(f"| keypress to next card rendered, vae-maths (Markdown): median / p99 | "
          f"{md_median:.1f} / {md_p99:.1f} ms | < 16 ms median |")  # fmt: skip
    print(f"| concepts editor, key to its letter on screen, drafts kept meanwhile: median / "
          f"p99 | {editor_median:.1f} / {editor_p99:.1f} ms | < 16 ms median |")  # fmt: skip
    print(f"| peak RSS, 100k-item deck from cache, study screen up | {rss:.0f} MB | < 150 MB |")
    print(f"| `vae-quiz import --encoding utf-8+cp1252`, {mixed_bytes / 1e6:.1f} MB CSV, a cp1252 "
          f"byte on each of {mixed_rows:,} rows | {mixed_seconds:.2f} s | < 5 s |")  # fmt: skip
    print(f"| `vae-quiz import` {csv_rows:,}-row CSV ({csv_size / 1e6:.0f} MB): peak RSS (time) | "
          f"{csv_rss:.0f} MB ({csv_seconds:.0f} s) | < 300 MB |")  # fmt: skip
    (csv_s, csv_mb), (jsonl_s, jsonl_mb) = export_figures["csv"], export_figures["jsonl"]
    print(f"| `vae-quiz export` {answers:,} answers, csv / jsonl: peak RSS (time) | {csv_mb:.0f} "
          f"/ {jsonl_mb:.0f} MB ({csv_s:.0f} / {jsonl_s:.0f} s) | < 100 MB |")  # fmt: skip
    print(json.dumps({"startup": start_figures, "load": load_rows}), file=sys.stderr)


if __name__ == "__main__":
    main()

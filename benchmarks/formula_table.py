"""LaTeX-to-Unicode converters side by side on the VAE literature's formulas (docs/formulas.md).

Run: `python benchmarks/formula_table.py > table.md` from a checkout, with the candidates
installed beside vae-quiz (`pip install pylatexenc flatlatex`; unicodeit is a dependency). A
candidate that is not installed is left out and named. Each formula's hand-written expectation
comes from tests/data/formulas/vae_literature.yaml, the file the unit tests read.
Figures: exact matches with the expectation, mean similarity to it (difflib's ratio), formulas
left with LaTeX commands in them, errors, time per formula (median of 15 warm passes) and time
to import and make ready (fresh interpreters, median of 5, after the standard modules the app
has loaded anyway).
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LITERATURE = REPO / "tests" / "data" / "formulas" / "vae_literature.yaml"
# What a reader would take for LaTeX left in the text: a backslash and a word.
LEFTOVER = re.compile(r"\\[A-Za-z]+")
REPEATS = 15


def _ours() -> Callable[[str], str]:
    from vae_quiz.formulas import latex_to_unicode

    return lambda source: latex_to_unicode(source).text


def _unicodeit() -> Callable[[str], str]:
    import unicodeit

    return unicodeit.replace  # type: ignore[no-any-return]


def _flatlatex() -> Callable[[str], str]:
    import flatlatex

    return flatlatex.converter().convert  # type: ignore[no-any-return]


def _pylatexenc() -> Callable[[str], str]:
    from pylatexenc.latex2text import LatexNodes2Text

    # math_mode="text": the maths converted like the text around it (the default drops nothing
    # but keeps the $ delimiters, which we do not pass)
    return LatexNodes2Text(math_mode="text").latex_to_text  # type: ignore[no-any-return]


# name, module to check for, how it is made, the import measured in a fresh interpreter
CANDIDATES: list[tuple[str, str, Callable[[], Callable[[str], str]], str]] = [
    (
        "vae_quiz.formulas (ours, over unicodeit's tables)",
        "unicodeit",
        _ours,
        "from vae_quiz.formulas import latex_to_unicode; latex_to_unicode('x')",
    ),
    ("unicodeit 0.7.5 `replace`", "unicodeit", _unicodeit, "import unicodeit"),
    ("flatlatex 0.15 `converter().convert`", "flatlatex", _flatlatex, "import flatlatex"),
    (
        "pylatexenc 2.11 `LatexNodes2Text`",
        "pylatexenc",
        _pylatexenc,
        "from pylatexenc.latex2text import LatexNodes2Text; LatexNodes2Text()",
    ),
]


def _import_ms(statement: str) -> float:
    # the standard modules every candidate uses are loaded by the app before any formula
    code = (
        "import re, dataclasses, functools, unicodedata, time\n"
        "t = time.perf_counter()\n"
        f"{statement}\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
                env={"PYTHONPATH": str(REPO)},
            ).stdout
        )
        for _ in range(5)
    ]
    return statistics.median(runs)


def _cell(text: str) -> str:
    """`text` as a code span in a Markdown table cell (pipes escaped, line breaks shown)."""
    return "`" + text.replace("|", "\\|").replace("\n", "⏎") + "`"


def main() -> None:
    with LITERATURE.open(encoding="utf-8") as file:
        rows = yaml.safe_load(file)
    present = [c for c in CANDIDATES if importlib.util.find_spec(c[1]) is not None]
    missing = [c[0] for c in CANDIDATES if c not in present]
    results: dict[str, list[str]] = {}
    summary: list[str] = []
    for name, _, make, statement in present:
        convert = make()
        outputs: list[str] = []
        errors = 0
        for row in rows:
            try:
                outputs.append(convert(row["latex"]))
            except Exception as error:  # a candidate's failure is a figure of the table
                errors += 1
                outputs.append(f"error: {type(error).__name__}")
        passes = []  # warm: the first use is the import column's
        for _ in range(REPEATS):
            started = time.perf_counter()
            for row, output in zip(rows, outputs, strict=True):
                if not output.startswith("error: "):
                    convert(row["latex"])
            passes.append((time.perf_counter() - started) / len(rows))
        per_formula = statistics.median(passes)
        expected = [unicodedata.normalize("NFC", row["unicode"]) for row in rows]
        exact = sum(
            unicodedata.normalize("NFC", o) == e for o, e in zip(outputs, expected, strict=True)
        )
        similarity = statistics.mean(
            difflib.SequenceMatcher(None, o, e).ratio()
            for o, e in zip(outputs, expected, strict=True)
        )
        leftover = sum(bool(LEFTOVER.search(o)) for o in outputs)
        summary.append(
            f"| {name} | {exact}/{len(rows)} | {similarity:.2f} | {leftover} | {errors} "
            f"| {per_formula * 1e6:.0f} µs | {_import_ms(statement):.0f} ms |"
        )
        results[name] = outputs
    source = LITERATURE.relative_to(REPO)
    print(f"{len(rows)} formulas from `{source}`; Python {sys.version.split()[0]}.")
    if missing:
        print(f"Not installed, left out: {', '.join(missing)}.")
    print()
    print(
        "| converter | same as by hand | similarity to it | with LaTeX left | errors "
        "| per formula | import (first use) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(summary))
    short = [name.split(" ")[0] for name in results]
    print(f"\n| # | LaTeX | by hand | {' | '.join(short)} |")
    print(f"| ---: | --- | --- | {' | '.join('---' for _ in short)} |")
    for index, row in enumerate(rows):
        cells = [_cell(row["latex"]), _cell(unicodedata.normalize("NFC", row["unicode"]))]
        cells += [_cell(results[name][index]) for name in results]
        print(f"| {index + 1} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()

"""Small pieces of the look shared by screens: a score bar and a cut with an ellipsis.

Here, not in `vae_quiz/text.py`: both measure text in terminal cells (`rich.cells`), and the
text module knows nothing of the terminal.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from vae_quiz.modes.scheduler import Rating

ELLIPSIS = "…"
# Right and wrong, on every screen that marks an answer (choices, summaries, the session panel).
RIGHT_MARK, WRONG_MARK = "✓", "✗"

# One accent per state, the same on every screen, each a colour of the Textual theme (so every
# theme works): the app adds these as CSS variables (`$state-new`...), which app.tcss's classes
# (`.state-new`...) and styled text (`Content.styled(text, "$state-new")`) both use. Marks and
# words carry the meaning too, so the screens read with NO_COLOR.
STATE_COLOURS = {
    "state-new": "primary",  # Anki: new is blue
    "state-learning": "warning",  # Anki: learning is orange/red
    "state-due": "success",  # Anki: due is green
    "state-missed": "error",
    "state-right": "success",
    "state-wrong": "error",
    # The rating keys as Anki users know them.
    "rating-again": "error",
    "rating-hard": "warning",
    "rating-good": "success",
    "rating-easy": "primary",
}


def score_bar(score: int, total: int, width: int = 10) -> str:
    """`████████░░ 8/10`: the share of `total` that `score` is, as `width` blocks."""
    filled = round(width * score / total) if total > 0 else 0
    filled = max(0, min(width, filled))
    return f"{'█' * filled}{'░' * (width - filled)} {score}/{total}"


def ellipsize(text: str, cells: int) -> str:
    """`text` on one line in at most `cells` terminal cells: cut with an ellipsis when longer
    (a wide character counts two cells, and is never cut in half)."""
    line = " ".join(text.split())
    if cell_len(line) <= cells:
        return line
    if cells < 1:
        return ""
    return set_cell_size(line, cells - 1).rstrip() + ELLIPSIS


# Styled text's colour for each rating (Again red, Hard amber, Good green, Easy blue).
RATING_STYLES = {
    Rating.AGAIN: "$rating-again",
    Rating.HARD: "$rating-hard",
    Rating.GOOD: "$rating-good",
    Rating.EASY: "$rating-easy",
}

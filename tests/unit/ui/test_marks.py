"""The score bar."""

from __future__ import annotations

from vae_quiz.ui.marks import score_bar


def test_score_bar_shows_the_share_and_the_figures() -> None:
    assert score_bar(8, 10) == "████████░░ 8/10"
    assert score_bar(0, 3) == "░░░░░░░░░░ 0/3"
    assert score_bar(2, 3) == "███████░░░ 2/3"
    assert score_bar(0, 0) == "░░░░░░░░░░ 0/0"

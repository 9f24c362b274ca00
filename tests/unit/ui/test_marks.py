"""The score bar and the ellipsis cut, measured in terminal cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from vae_quiz.ui.marks import ELLIPSIS, ellipsize, score_bar


def test_score_bar_shows_the_share_and_the_figures() -> None:
    assert score_bar(8, 10) == "████████░░ 8/10"
    assert score_bar(0, 3) == "░░░░░░░░░░ 0/3"
    assert score_bar(2, 3) == "███████░░░ 2/3"
    assert score_bar(0, 0) == "░░░░░░░░░░ 0/0"


def test_a_short_text_is_kept_and_a_long_one_cut_with_an_ellipsis() -> None:
    assert ellipsize("What is a VAE?", 50) == "What is a VAE?"
    cut = ellipsize("The reparameterization trick writes z as mu plus sigma times noise", 20)
    assert cut == "The reparameterizat…"
    assert ellipsize("line one\nline two", 50) == "line one line two"


def test_wide_characters_count_two_cells() -> None:
    cut = ellipsize("変分オートエンコーダとは何ですか", 9)
    assert cut.endswith(ELLIPSIS) and cell_len(cut) <= 9


@given(st.text(), st.integers(min_value=1, max_value=120))
def test_the_cut_fits_and_keeps_what_fits(text: str, cells: int) -> None:
    cut = ellipsize(text, cells)
    assert cell_len(cut) <= cells
    flat = " ".join(text.split())
    if cell_len(flat) <= cells:
        assert cut == flat
    else:
        assert cut.endswith(ELLIPSIS)
        assert flat.startswith(cut[:-1].rstrip())

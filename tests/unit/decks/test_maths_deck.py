"""The bundled vae-maths deck: Markdown, the issue's counts, levels and topics, clean checks, and
its place after the seed deck."""

from __future__ import annotations

from pathlib import Path

from vae_quiz.decks.catalog import bundled_deck_files, load_decks
from vae_quiz.decks.loader import load_deck
from vae_quiz.markdown_text import deck_warnings, text_warnings
from vae_quiz.model import Level

MATHS = Path(__file__).parents[3] / "decks" / "vae-maths.yaml"


def _maths():
    return load_deck(MATHS)


def test_the_maths_deck_is_bundled_after_the_seed_deck() -> None:
    assert [d.id for d in load_decks(bundled_deck_files()).decks] == ["vae", "vae-maths"]
    assert _maths().id == "vae-maths"


def test_the_maths_deck_is_markdown_with_the_asked_counts_and_levels() -> None:
    deck = _maths()
    assert deck.is_markdown
    assert len(deck.cards) >= 6 and len(deck.questions) >= 6 and len(deck.prompts) >= 2
    assert {item.level for item in deck.items} == {Level.INTERMEDIATE, Level.ADVANCED}
    assert all(p.concepts and p.model_answer for p in deck.prompts)
    assert "Kingma & Welling 2013" in (deck.description or "")
    assert "Higgins et al. 2017" in (deck.description or "")


def test_the_maths_deck_covers_each_topic() -> None:
    text = "\n".join(
        "\n".join(str(value) for value in item if isinstance(value, str | tuple))
        for item in _maths().items
    )
    for needle in ("ELBO", "Jensen", "torch.randn_like", "mu.pow(2) - logvar.exp()",
                   "Bernoulli", "Gaussian", "β-VAE", "disentangl", "posterior collapse",
                   "KL annealing", "free bits"):  # fmt: skip
        assert needle.lower() in text.lower(), needle


def test_the_maths_deck_has_no_warnings_and_every_text_has_maths_or_code_closed() -> None:
    deck = _maths()
    assert deck_warnings(deck) == []
    assert all(text_warnings(c.back) == [] for c in deck.cards)

"""vae-quiz: a keyboard-first terminal flashcard and quiz app."""

__version__ = "0.1.0"

"""Saving an answer from a screen: when the progress file cannot be written, say so and keep
the answer on screen so the learner can try again (nothing is lost, nothing moves on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode

from vae_quiz.errors import StoreError
from vae_quiz.text import printable

T = TypeVar("T")

SAVE_FAILED_TIMEOUT = 30.0


class NotSaved(Exception):
    """The answer was not saved; the screen must stay as it is."""


def save(node: DOMNode, commit: Callable[[], T]) -> T:
    """Run `commit` (a session call that writes the progress file) and return its result.

    Raises:
        NotSaved: the store refused the write; the learner has been told why, and that their
            answer is still on screen to try again.
    """
    try:
        return commit()
    except StoreError as exc:
        node.app.notify(
            f"{printable(str(exc))}\nYour answer is still on screen: press its key again to retry.",
            title="Not saved",
            severity="error",
            timeout=SAVE_FAILED_TIMEOUT,
            markup=False,
        )
        raise NotSaved from None

"""Saving an answer from a screen: when the progress file cannot be written, say so and keep
the answer on screen so the learner can try again (nothing is lost, nothing moves on)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode

from vae_quiz.errors import StoreError
from vae_quiz.text import printable

T = TypeVar("T")

SAVE_FAILED_TIMEOUT = 30.0
# When each app's last "Not saved" notice went up (time.monotonic()).
_noticed_at: WeakKeyDictionary[App[object], float] = WeakKeyDictionary()


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
        app = node.app
        # A retry that fails again replaces the notice rather than stacking another: four
        # tries would otherwise cover half the screen with the same words.
        now = time.monotonic()
        if now - _noticed_at.get(app, -SAVE_FAILED_TIMEOUT) < SAVE_FAILED_TIMEOUT:
            app.clear_notifications()
        _noticed_at[app] = now
        app.notify(
            f"{printable(str(exc))}\nYour answer is still on screen: press its key again to retry.",
            title="Not saved",
            severity="error",
            timeout=SAVE_FAILED_TIMEOUT,
            markup=False,
        )
        raise NotSaved from None

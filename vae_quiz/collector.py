"""Python's cyclic garbage collector, paused where a profile shows it pays: while a deck is
parsed, and while the app starts (see `benchmarks/`).

Both build many objects and free none of them: a collection then walks them all for nothing (a
100k-item deck composed in 3 s paused, 11 s not; read as a plain deck, it made some 300
collections, 0.13 s; the app's start made about 100 collections, 12-20 ms). What was built
meanwhile lives as long as the process, so resuming freezes it out of later collections.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def pause() -> Callable[[], None]:
    """Pause the collector; returns what resumes it (once; later calls do nothing). Within
    another pause, nothing is paused and the resume does nothing."""
    if not gc.isenabled():
        return lambda: None
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if not resumed:
            resumed = True
            gc.freeze()
            gc.enable()

    return resume


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused for a block; resumed at its end, and on an error without freezing
    (a failed parse keeps nothing)."""
    was_enabled = gc.isenabled()
    resume = pause()
    try:
        yield
    except BaseException:
        if was_enabled:
            gc.enable()
        raise
    resume()

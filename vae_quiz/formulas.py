"""LaTeX maths to Unicode text (placeholder until the converter lands from hb-formulas).

The API is the converter's: `latex_to_unicode(source)` gives `Converted(text, unknown)`. This
stand-in converts nothing: the text is the LaTeX source, shown as written, never dropped.
"""

from __future__ import annotations

from typing import NamedTuple


class Converted(NamedTuple):
    """A formula as Unicode text; `unknown` lists the LaTeX commands left as source."""

    text: str
    unknown: tuple[str, ...] = ()


def latex_to_unicode(source: str) -> Converted:
    """`source` (LaTeX maths, without its `$` delimiters) as Unicode text."""
    return Converted(source.strip(), ())

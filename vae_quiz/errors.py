"""User-facing errors of the domain: each renders as one clear line."""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUOTED = 60


def quote(value: str) -> str:
    """A value quoted for a one-line message: control characters escaped, long text cut."""
    if len(value) > MAX_QUOTED:
        value = value[: MAX_QUOTED - 1] + "…"
    if any((ch.isspace() and ch != " ") or not ch.isprintable() for ch in value):
        return repr(value)
    return f"'{value}'"


@dataclass(frozen=True, slots=True)
class DeckProblem:
    """One thing wrong with a deck file, located by file, line, item and field."""

    path: str
    line: int | None
    message: str
    kind: str | None = None
    item_id: str | None = None
    field: str | None = None
    index: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}" if self.line else self.path]
        if self.kind:
            if self.item_id is not None:
                parts.append(f"{self.kind} {quote(self.item_id)}")
            elif self.index is not None:
                parts.append(f"{self.kind} #{self.index}")
            else:
                parts.append(self.kind)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts).replace("\n", " ").replace("\r", " ")


class DeckError(Exception):
    """A deck file could not be loaded; carries every problem found in it."""

    def __init__(self, problems: list[DeckProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def one(cls, path: str, line: int | None, message: str) -> DeckError:
        """A DeckError with a single problem, located by file and line only."""
        return cls([DeckProblem(path, line, message)])


class StoreError(Exception):
    """The progress file cannot be used; the message says which file and what to do."""


class WriteError(Exception):
    """A file cannot be written (it exists, it is the input, its folder is missing or full...);
    the message names the path and what to do."""

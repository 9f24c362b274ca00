"""Shared fixtures: paths to test data and the bundled deck."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def write_deck(tmp_path: Path):
    """Write YAML text to a deck file in a temp folder and return its path."""

    def write(text: str, name: str = "deck.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write

"""Other tools' files: importers into decks and the Anki package exporter (no UI)."""

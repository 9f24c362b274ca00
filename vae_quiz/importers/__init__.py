"""Importers: other tools' files turned into vae-quiz decks (domain code, no UI)."""

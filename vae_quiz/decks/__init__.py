"""Deck files: finding, reading, checking and caching them (no UI)."""

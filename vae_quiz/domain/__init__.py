"""Pure domain code: decks, scheduling, progress. Never imports the UI."""

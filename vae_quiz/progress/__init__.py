"""The learner's progress: the SQLite store and what is read from it (no UI)."""

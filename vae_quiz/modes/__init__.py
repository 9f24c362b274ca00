"""The modes' sessions: what comes next, what an answer does, each mode's summary (no UI)."""

"""The Textual user interface.

Textual draws at most 60 frames a second, so a change waits up to 16.7 ms for the next frame;
at 120 the time from a key to the next card on screen fell from about 16 ms to about 9 ms
(`benchmarks/`). Set before Textual is first imported; `TEXTUAL_FPS` in the environment wins.
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")

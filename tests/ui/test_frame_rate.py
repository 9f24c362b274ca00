"""The TUI asks Textual for 120 frames a second (a key's effect waits less for the next frame);
the user's own TEXTUAL_FPS wins."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = "import vae_quiz.ui.app, textual.constants as c; print(c.MAX_FPS)"


@pytest.mark.parametrize(("given", "expected"), [(None, "120"), ("30", "30")])
def test_the_frame_rate_is_120_unless_the_user_sets_it(given: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if given is not None:
        env["TEXTUAL_FPS"] = given
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    assert out.stdout.strip() == expected

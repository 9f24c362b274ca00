"""Keys typed after `q` has asked the app to quit, before it has closed: the screen under the
summary (home) must not open a box it then cannot fill (a traceback on the way out)."""

from __future__ import annotations

import pytest
from textual import events

from vae_quiz.ui.screens.summary import StudySummaryScreen


@pytest.mark.parametrize("key", ["i", "question_mark"])
async def test_a_key_right_after_quitting_from_a_summary_is_ignored(make_app, key) -> None:
    app = make_app(mode=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "q")
        assert isinstance(app.screen, StudySummaryScreen)
        # Both keys queued at once, as a fast typist's are: the second comes before the exit.
        for name, character in (("q", "q"), (key, "?" if key == "question_mark" else key)):
            app.post_message(events.Key(name, character))
        await pilot.pause()
    assert app.return_code == 0

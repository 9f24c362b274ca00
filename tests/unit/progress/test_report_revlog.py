"""Real data no one here wrote: the py-fsrs maintainer's Anki review log (../shared/corpus/revlog)
replayed into a progress file. The heatmap and the true retention must match a recomputation
straight from the CSV (with fsrs used directly, not through vae-quiz)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import SHARED
from vae_quiz.model import Deck
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import rating_result
from vae_quiz.progress.report import build_report
from vae_quiz.progress.store import Answer

REVLOG = (
    SHARED
    / "corpus"
    / "revlog"
    / "py-fsrs"
    / ("review_logs_josh_1711744352250_to_1728234780857.csv")
)


def _rows() -> list[tuple[str, int, datetime]]:
    with REVLOG.open(newline="", encoding="utf-8") as f:
        return [(r["card_id"], int(r["review_rating"]), datetime.fromisoformat(r["review_time"]))
                for r in csv.DictReader(f)]  # fmt: skip


@pytest.mark.skipif(not REVLOG.exists(), reason="../shared/corpus is not beside this checkout")
def test_replayed_revlog_heatmap_and_retention_match_the_csv(store) -> None:
    import fsrs

    rows = _rows()
    assert len(rows) == 12_580
    scheduler = Scheduler(enable_fuzzing=False)
    for card_id, rating, at in rows:
        state = store.item_state("revlog", card_id)
        review = scheduler.review(state.state if state else None, Rating(rating), at)
        store.record(Answer(
            deck="revlog", item=card_id, kind="card", mode="study",
            outcome=Rating(rating).name.lower(), answered_at=at,
            result=rating_result(Rating(rating)), rating=rating,
            state_after=review.state, due_after=review.due,
            lapses_added=review.lapses_added,
        ))  # fmt: skip
    now = rows[-1][2] + timedelta(hours=1)
    report = build_report([Deck(id="revlog", title="r", path="r")], store, now, tz=UTC)

    # Recomputed from the CSV alone.
    per_day = Counter(at.astimezone(UTC).date() for _, _, at in rows)
    first_day = now.date() - timedelta(days=364)
    assert report.answers_per_day == {d: n for d, n in per_day.items() if d >= first_day}
    assert report.total_answers == len(rows)
    plain = fsrs.Scheduler(enable_fuzzing=False)
    cards: dict[str, fsrs.Card] = {}
    reviews = passed = 0
    for card_id, rating, at in rows:
        card = cards.get(card_id) or fsrs.Card(card_id=0)
        if card.state == fsrs.State.Review and at >= now - timedelta(days=30):
            reviews += 1
            passed += rating > 1
        cards[card_id], _ = plain.review_card(card, fsrs.Rating(rating), at)
    assert reviews > 100
    assert (report.retention_reviews, report.retention_passed) == (reviews, passed)
    assert report.true_retention == pytest.approx(passed / reviews)

"""Study sessions: queue order, daily new limit, level filter, rating, undo, summary."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FixedClock
from vae_quiz.model import Level
from vae_quiz.modes.scheduler import Rating, Scheduler
from vae_quiz.modes.session import SessionOptions
from vae_quiz.modes.study import StudySession
from vae_quiz.progress.store import ProgressStore
from vae_quiz.text import describe_due, format_interval


def _session(store, deck, clock, **options) -> StudySession:
    return StudySession([deck], store, Scheduler(enable_fuzzing=False), clock,
                        SessionOptions(**options))  # fmt: skip


def test_new_cards_come_in_deck_order_when_nothing_is_due(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock)
    assert [i.card.id for i in session.queue] == [c.id for c in vae_deck.cards]
    new = sum(1 for i in session.queue if i.is_new)
    assert (new, len(session.queue) - new) == (5, 0)


def test_level_filter_keeps_only_that_level(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock, level=Level.INTERMEDIATE)
    assert [i.card.id for i in session.queue] == ["latent-sampling", "kl-divergence-purpose"]


def test_daily_new_limit_counts_cards_already_introduced_today(store, vae_deck, clock) -> None:
    first = _session(store, vae_deck, clock, new_per_day=2)
    assert len(first.queue) == 2
    first.rate(Rating.EASY)
    first.rate(Rating.EASY)
    again = _session(store, vae_deck, clock, new_per_day=2)
    assert again.queue == []
    clock.advance(days=1)
    tomorrow = _session(store, vae_deck, clock, new_per_day=2)
    assert [i.card.id for i in tomorrow.queue] == ["latent-sampling", "kl-divergence-purpose"]


def test_limit_caps_the_session(store, vae_deck, clock) -> None:
    assert len(_session(store, vae_deck, clock, limit=3).queue) == 3


def test_rating_is_stored_and_again_brings_the_card_back(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock, limit=2)
    due = session.rate(Rating.AGAIN)
    assert due - clock() < __import__("datetime").timedelta(minutes=2)
    assert [i.card.id for i in session.queue] == ["encoder-role", "vae-what"]
    rows = list(store.rows())
    assert [(r.item, r.mode, r.outcome, r.rating) for r in rows] == [
        ("vae-what", "study", "again", 1)
    ]
    # The card comes back: the total grows by one show, counted as again.
    assert session.position == (2, 3, 1)


def test_due_cards_come_first_most_overdue_first(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock)
    for rating in (Rating.GOOD, Rating.EASY, Rating.EASY, Rating.GOOD, Rating.EASY):
        session.rate(rating)
    clock.advance(days=400)
    later = _session(store, vae_deck, clock)
    new = sum(1 for i in later.queue if i.is_new)
    assert new == 0 and len(later.queue) - new >= 5
    dues = [store.item_state("vae", i.card.id).due for i in later.queue]
    assert dues == sorted(dues)


def test_undo_restores_card_state_and_log(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock)
    session.rate(Rating.GOOD)
    session.rate(Rating.AGAIN)
    item = session.undo()
    assert item.card.id == "encoder-role"
    assert session.current.card.id == "encoder-role"
    assert [r.item for r in store.rows()] == ["vae-what"]
    assert store.item_state("vae", "encoder-role") is None
    assert [i.card.id for i in session.queue].count("encoder-role") == 1


def test_summary_counts_ratings_and_next_due(store, vae_deck, clock) -> None:
    session = _session(store, vae_deck, clock, limit=2)
    session.rate(Rating.EASY)
    session.rate(Rating.HARD)
    summary = session.summary()
    assert summary.cards_seen == 2
    assert summary.ratings[Rating.EASY] == 1 and summary.ratings[Rating.HARD] == 1
    assert summary.next_due is not None and summary.next_due > clock()


def test_previews_grow_with_the_rating(store, vae_deck, clock) -> None:
    previews = _session(store, vae_deck, clock).previews()
    assert previews[Rating.AGAIN] < previews[Rating.HARD] <= previews[Rating.GOOD]
    assert previews[Rating.GOOD] < previews[Rating.EASY]


def test_interval_texts_read_like_anki() -> None:
    from datetime import datetime, timedelta

    assert format_interval(timedelta(seconds=30)) == "<1m"
    assert format_interval(timedelta(minutes=10)) == "10m"
    assert format_interval(timedelta(days=3)) == "3d"
    assert format_interval(timedelta(days=61)) == "2mo"
    now = datetime(2026, 1, 1, tzinfo=__import__("datetime").UTC)
    assert describe_due(now + timedelta(minutes=10), now) == "in 10 min"
    assert describe_due(now + timedelta(days=3), now) == "in 3 days"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.one_of(st.sampled_from(list(Rating)), st.just("undo"),
                          st.just("wait")), max_size=25))  # fmt: skip
def test_log_and_card_state_stay_consistent_under_any_ratings_and_undos(
    tmp_path_factory, vae_deck, actions
) -> None:
    store = ProgressStore(tmp_path_factory.mktemp("h") / "p.sqlite3")
    clock = FixedClock()
    session = _session(store, vae_deck, clock)
    for action in actions:
        if action == "undo":
            session.undo()
        elif action == "wait":
            clock.advance(minutes=15)
        elif session.current is not None:
            session.rate(action)
    rows = list(store.rows())
    # The log holds exactly the ratings the session still counts.
    assert [(r.item, r.rating) for r in rows] == [
        (d.item.card.id, int(d.rating)) for d in session.done
    ]
    # Every card with a state has as many reps as logged answers, and its due is the last one's.
    for card in vae_deck.cards:
        mine = [r for r in rows if r.item == card.id]
        state = store.item_state("vae", card.id)
        if not mine:
            assert state is None
            continue
        assert state.reps == len(mine)
        assert state.due.isoformat().replace("+00:00", "") in mine[-1].due_after.replace("Z", "")
    store.close()


def test_a_new_session_asks_what_home_counts_as_due(store, vae_deck, clock) -> None:
    """Cards on a learning step due in a few minutes are not due yet, for home (`decks`) and for
    a study session started now alike; once their step is over, both count them."""
    from datetime import timedelta

    from vae_quiz.progress.overview import deck_status

    first = _session(store, vae_deck, clock, new_per_day=3)
    for _ in range(3):
        first.rate(Rating.GOOD)  # each on its 10-minute learning step
    clock.advance(minutes=2)
    for wait in (timedelta(0), timedelta(minutes=9)):
        clock.advance(minutes=wait.total_seconds() / 60)
        study = _session(store, vae_deck, clock, new_per_day=3)
        due_in_session = sum(1 for item in study.queue if not item.is_new)
        assert deck_status(vae_deck, store, clock()).by_kind["card"].due == due_in_session
    assert due_in_session == 3

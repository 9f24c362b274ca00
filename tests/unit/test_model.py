"""Items: a deck's items of one kind, built on first use and compared as a sequence."""

from __future__ import annotations

from vae_quiz.model import Card, Deck, Items, Level

CARDS = (
    Card("a", "A?", "A.", Level.BEGINNER),
    Card("b", "B?", "B."),
    Card("c", "C?", "C.", Level.ADVANCED),
)


def _lazy() -> tuple[Items[Card], list[int]]:
    built: list[int] = []

    def build(index: int) -> Card:
        built.append(index)
        return CARDS[index]

    return Items([c.id for c in CARDS], bytes([1, 0, 3]), build), built


def test_items_are_built_once_and_only_when_asked_for() -> None:
    items, built = _lazy()
    assert len(items) == 3 and items.ids == ["a", "b", "c"]
    assert [items.level_at(i) for i in range(3)] == [Level.BEGINNER, None, Level.ADVANCED]
    assert built == []
    assert items[-1] is CARDS[2] and items.get("b") is CARDS[1] and items.get("z") is None
    assert items[2] is CARDS[2]
    assert built == [2, 1]
    assert items.position("c") == 2 and items.position("z") is None


def test_items_compare_equal_to_the_same_items_in_any_sequence() -> None:
    items, _ = _lazy()
    assert items == CARDS and items == list(CARDS) and items == Items.of(CARDS)
    assert items != CARDS[:2] and items != (CARDS[0], CARDS[2], CARDS[1])
    assert items[1:] == [CARDS[1], CARDS[2]]
    assert hash(items) == hash(Items.of(CARDS))


def test_a_deck_takes_any_sequence_and_counts_without_building() -> None:
    deck = Deck("d", "D", "d.yaml", cards=CARDS)
    assert isinstance(deck.cards, Items) and deck.cards == CARDS
    assert deck.questions == () and deck.item_count == 3
    assert deck.item_kinds() == {"a": "card", "b": "card", "c": "card"}
    assert deck.item("b") is CARDS[1] and deck.item("q") is None

"""Finding cards: search term, definition, example and tags; filter by deck, audience, state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal

from companion.domain.cards import Card, CardState
from companion.domain.review_queue import is_due

CardStatus = Literal["new", "learning", "due", "learned"]
"""Where a card stands for the person it is meant for."""


def status_of(state: CardState | None, now: datetime) -> CardStatus:
    """Return a card's status for its person at ``now``."""
    if state is None or state.is_new:
        return "new"
    if is_due(state, now):
        return "due"
    return "learned" if state.phase == 2 else "learning"


def find_cards(
    cards: Iterable[Card],
    states: Mapping[tuple[str, str], CardState],
    now: datetime,
    *,
    text: str = "",
    deck: str | None = None,
    audience: str | None = None,
    status: str | None = None,
) -> list[Card]:
    """Return the cards matching every filter, sorted by term."""
    words = text.lower().split()
    found = []
    for card in cards:
        if deck and card.deck != deck:
            continue
        if audience and card.audience != audience:
            continue
        if status and status_of(states.get((card.audience, card.id)), now) != status:
            continue
        if words:
            haystack = " ".join([card.term, card.definition, card.example, *card.tags]).lower()
            if not all(word in haystack for word in words):
                continue
        found.append(card)
    return sorted(found, key=lambda c: c.term.lower())

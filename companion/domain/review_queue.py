"""Which cards each person has to review today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from companion.domain.base import Role
from companion.domain.cards import Card, CardState


@dataclass(frozen=True)
class DueToday:
    """One person's review load for today."""

    role: Role
    due: int
    """Cards already learned (or in learning) that are due now."""
    new: int
    """New cards they may start today (capped by the daily limit)."""

    @property
    def total(self) -> int:
        """Everything on today's list."""
        return self.due + self.new


def cards_for(role: Role, cards: Iterable[Card]) -> list[Card]:
    """Return the cards meant for ``role``."""
    return [card for card in cards if card.audience == role]


def due_today(
    role: Role,
    cards: Iterable[Card],
    states: Iterable[CardState],
    now: datetime,
    new_per_day: int,
) -> DueToday:
    """Count what ``role`` has to review at ``now``: due cards, plus new ones up to the cap."""
    own = {s.card_id: s for s in states if s.role == role}
    when = now.astimezone(UTC)
    due = sum(1 for s in own.values() if not s.is_new and s.due <= when)
    started_today = sum(
        1
        for s in own.values()
        if s.reviews
        and s.last_review is not None
        and s.last_review.date() == when.date()
        and s.reviews == 1
    )
    unseen = sum(1 for card in cards_for(role, cards) if card.id not in own or own[card.id].is_new)
    return DueToday(role, due=due, new=max(0, min(unseen, new_per_day - started_today)))

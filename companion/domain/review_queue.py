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


def todays_queue(
    role: Role,
    cards: Iterable[Card],
    states: Iterable[CardState],
    now: datetime,
    new_per_day: int,
) -> list[str]:
    """Return the card ids ``role`` reviews now: due cards (most overdue first), then new ones."""
    own = {s.card_id: s for s in states if s.role == role}
    when = now.astimezone(UTC)
    mine = cards_for(role, cards)
    due = sorted(
        (own[c.id] for c in mine if c.id in own and not own[c.id].is_new and own[c.id].due <= when),
        key=lambda s: s.due,
    )
    load = due_today(role, mine, own.values(), now, new_per_day)
    fresh = [c.id for c in mine if c.id not in own or own[c.id].is_new][: load.new]
    return [s.card_id for s in due] + fresh


def format_interval(seconds: float) -> str:
    """Return an interval as Anki shows it: ``1m``, ``10m``, ``3h``, ``4d``, ``2mo``, ``1.5y``."""
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"

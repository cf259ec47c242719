"""Which cards each person has to review today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from companion.domain.base import Role
from companion.domain.cards import Card, CardState
from companion.domain.clock import local_date


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


def is_due(state: CardState, now: datetime) -> bool:
    """True when a started card is on ``now``'s list.

    A card in long-term review is due for the whole local day it falls due on
    (as in Anki); a card in (re)learning is due once its minutes have passed.
    """
    if state.is_new:
        return False
    if state.phase == 2:
        return local_date(state.due) <= local_date(now)
    return state.due <= now.astimezone(UTC)


def introduced_today(states: Iterable[CardState], now: datetime) -> int:
    """Count the cards first reviewed on ``now``'s local day (however often since)."""
    today = local_date(now)
    return sum(
        1 for s in states if s.introduced_at is not None and local_date(s.introduced_at) == today
    )


def due_today(
    role: Role,
    cards: Iterable[Card],
    states: Iterable[CardState],
    now: datetime,
    new_per_day: int,
) -> DueToday:
    """Count what ``role`` has to review at ``now``: due cards, plus new ones up to the cap.

    The cap counts the cards first introduced today (local day), so several
    reviews on one day never start more than ``new_per_day`` new cards. Only
    ``role``'s own cards count: a state left for a card meant for the other
    person (or for a card since deleted) is not on their list, so this is
    exactly the length of :func:`todays_queue`.
    """
    mine = cards_for(role, cards)
    ids = {card.id for card in mine}
    own = {s.card_id: s for s in states if s.role == role and s.card_id in ids}
    due = sum(1 for s in own.values() if is_due(s, now))
    started_today = introduced_today(own.values(), now)
    unseen = sum(1 for card in mine if card.id not in own or own[card.id].is_new)
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
    mine = cards_for(role, cards)
    due = sorted(
        (own[c.id] for c in mine if c.id in own and is_due(own[c.id], now)), key=lambda s: s.due
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

"""The rhythm of the programme: when the next session is due and whether it is overdue."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.pair import CADENCE_DAYS, Pair
from companion.domain.sessions import Session

GRACE_DAYS = 3
"""How many days past the cadence a session may slip before it counts as overdue."""


@dataclass(frozen=True)
class Rhythm:
    """Where the pair stands against its planned cadence on a given day."""

    next_session: date
    """The agreed next date, or the last session plus the cadence."""
    overdue: bool
    """True when the last session is older than the cadence plus a few days."""
    days_since_last: int | None
    """Days since the last finished session, None before the first."""
    held: int
    """Finished sessions so far."""
    planned: int
    """Sessions the programme plans in all."""
    planned_by_now: int
    """Sessions the cadence would have held by today."""


def planned_sessions(pair: Pair) -> int:
    """Return how many sessions the programme plans over its length."""
    return max(1, math.floor(pair.programme_weeks * 7 / CADENCE_DAYS[pair.cadence]))


def rhythm(pair: Pair, sessions: Sequence[Session], today: date) -> Rhythm:
    """Return the pair's rhythm on ``today``."""
    gap = CADENCE_DAYS[pair.cadence]
    finished = sorted(s.date for s in sessions if s.status == "finished")
    last = finished[-1] if finished else None
    if pair.next_session_on is not None and (last is None or pair.next_session_on > last):
        next_session = pair.next_session_on
    elif last is not None:
        next_session = last + timedelta(days=gap)
    else:
        next_session = max(pair.started_on, today)
    reference = last if last is not None else pair.started_on
    overdue = today > reference + timedelta(days=gap + GRACE_DAYS) and today > next_session
    elapsed = max(
        0,
        (
            min(today, pair.started_on + timedelta(weeks=pair.programme_weeks)) - pair.started_on
        ).days,
    )
    total = planned_sessions(pair)
    return Rhythm(
        next_session=next_session,
        overdue=overdue,
        days_since_last=(today - last).days if last else None,
        held=len(finished),
        planned=total,
        planned_by_now=min(total, elapsed // gap + 1) if today >= pair.started_on else 0,
    )

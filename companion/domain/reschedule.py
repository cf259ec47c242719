"""Moving the next planned session: which one it is, and the reschedule that moves it."""

from __future__ import annotations

from datetime import date, datetime, time

from companion.domain.date_input import DateInputError
from companion.domain.plan import Reschedule
from companion.domain.timeline import Slot, Timeline

_TIME_FORMATS = ("%H:%M", "%H.%M", "%H%M", "%H")


def next_slot(plan: Timeline) -> Slot | None:
    """Return the next planned session still to come, or None when none is left."""
    return next((s for s in plan.slots if s.status == "upcoming"), None)


def read_time(text: str) -> time | None:
    """Read a time of day typed as ``14:30``, ``14.30``, ``1430`` or ``14``; empty gives None.

    Raises :class:`DateInputError` with a sentence a person reads when it is not a time.
    """
    raw = text.strip()
    if not raw:
        return None
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(raw, pattern).time()
        except ValueError:
            continue
    raise DateInputError(f"{raw[:20]} is not a time of day; type it as 14:30 (or leave it empty).")


def move_next(slot: Slot, to: date, at: time | None, today: date, now: datetime) -> Reschedule:
    """Return the reschedule moving ``slot`` to ``to`` (at ``at``), checked against ``today``.

    The move keeps the slot's number (so its calendar UID) and counts its
    SEQUENCE up from whatever the calendar last saw (a slot the agreed next date
    already moved counts as moved once). A day before today is refused.
    """
    if to < today:
        raise DateInputError("The next session cannot be before today.")
    return Reschedule(
        slot=slot.index, moved_to=to, at=at, sequence=slot.sequence + 1, changed_at=now
    )

"""The pair's own day: "today" is the local calendar day, while instants are kept in UTC.

A session started at 20:30 in New York on 23 November happens at 01:30 UTC on
24 November; the pair calls it 23 November. Everything a person calls "today"
(session dates, the review queue's day, the new-card limit, due counts,
overdue actions) is the day of the laptop's time zone (``datetime.now().astimezone()``),
and every instant is stored in UTC with its offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def to_local(instant: datetime) -> datetime:
    """Return ``instant`` in the local time zone (a naive instant is taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone()


def local_date(instant: datetime) -> date:
    """Return the local calendar day on which ``instant`` falls."""
    return to_local(instant).date()


def local_now() -> datetime:
    """Return the current time in the local time zone."""
    return datetime.now().astimezone()


def to_utc(instant: datetime) -> datetime:
    """Return ``instant`` in UTC, the form instants are stored in (a naive one is taken as UTC)."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)

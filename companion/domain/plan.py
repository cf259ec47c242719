"""The planned session dates: the cadence grid from the start date, shifted by pauses.

Weekly and fortnightly sessions fall every 7 or 14 days from the start date.
Monthly sessions fall on the same weekday of each month as the start date: a
start on the second Tuesday gives the second Tuesday of every month; a start on
a fifth weekday (the 29th to the 31st) gives the last such weekday of each month,
so short months and February (28 or 29 days) are handled.

Dates are calendar days, so daylight-saving changes cannot move them; the time
of day is applied in the local zone only when the calendar is written.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Annotated

from pydantic import Field, model_validator

from companion.domain.base import Day, Model, Moment, new_id
from companion.domain.pair import Cadence

MAX_SLOTS = 600
"""A hard stop for the grid, far beyond any real programme (260 weeks, weekly)."""


class Pause(Model):
    """A break the pair agreed: no sessions from ``starts_on`` to ``ends_on`` (both included)."""

    id: str = Field(default_factory=new_id)
    """The pause's id."""
    starts_on: Day
    """The first day of the pause."""
    ends_on: Day
    """The last day of the pause."""
    reason: Annotated[str, Field(max_length=500)] = ""
    """Why, in a few words (optional)."""

    @model_validator(mode="after")
    def _ordered(self) -> Pause:
        if self.ends_on < self.starts_on:
            raise ValueError("a pause must end on or after the day it starts")
        return self

    def covers(self, day: date) -> bool:
        """Return whether ``day`` falls within the pause."""
        return self.starts_on <= day <= self.ends_on

    @property
    def days(self) -> int:
        """The number of days the pause lasts."""
        return (self.ends_on - self.starts_on).days + 1


class Reschedule(Model):
    """A planned session moved to another day (and maybe another time)."""

    slot: Annotated[int, Field(ge=0, le=MAX_SLOTS)]
    """The planned session's number in the plan, counting from 0 (its stable key)."""
    moved_to: Day
    """The new day."""
    at: time | None = None
    """The new time of day, when it changed too."""
    sequence: Annotated[int, Field(ge=1)] = 1
    """How many times this session has been moved (the calendar's SEQUENCE)."""
    changed_at: Moment
    """When it was last moved."""


def move_slot(
    previous: Reschedule | None, slot: int, to: date, at: time | None, now: datetime
) -> Reschedule:
    """Return the reschedule of ``slot`` to ``to``; moving it again counts up its sequence."""
    sequence = previous.sequence + 1 if previous is not None else 1
    return Reschedule(slot=slot, moved_to=to, at=at, sequence=sequence, changed_at=now)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """Return the ``nth`` (1-4, or 5 for "the last") ``weekday`` of a month."""
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.weekday() == weekday
    ]
    return days[-1] if nth >= 5 else days[nth - 1]


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return the (year, month) ``months`` after the given one."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def cadence_dates(start: date, cadence: Cadence) -> Iterator[date]:
    """Yield the cadence grid from ``start`` on (the start itself first), without end."""
    if cadence == "monthly":
        nth = (start.day - 1) // 7 + 1
        for step in range(MAX_SLOTS):
            year, month = add_months(start.year, start.month, step)
            yield nth_weekday(year, month, start.weekday(), nth)
        return
    gap = 7 if cadence == "weekly" else 14
    for step in range(MAX_SLOTS):
        yield start + timedelta(days=gap * step)


def planned_dates(
    start: date, cadence: Cadence, count: int, pauses: Sequence[Pause] = ()
) -> list[date]:
    """Return ``count`` planned dates: the cadence grid, skipping days within a pause.

    A pause of several weeks pushes every later session back by the grid
    steps it covers, so the pair keeps its weekday and the programme keeps its
    number of sessions.
    """
    found: list[date] = []
    for day in cadence_dates(start, cadence):
        if len(found) >= count:
            break
        if not any(p.covers(day) for p in pauses):
            found.append(day)
    return found


def paused_days(pauses: Sequence[Pause], until: date | None = None) -> int:
    """Return the days covered by pauses (overlaps counted once), up to ``until`` included."""
    days: set[date] = set()
    for pause in pauses:
        last = pause.ends_on if until is None else min(pause.ends_on, until)
        days.update(
            pause.starts_on + timedelta(days=i) for i in range((last - pause.starts_on).days + 1)
        )
    return len(days)


def after_active_days(start: date, active: int, pauses: Sequence[Pause]) -> date:
    """Return the day on which ``active`` days outside pauses have passed since ``start``."""
    day, counted = start, 0
    while counted < active:
        day += timedelta(days=1)
        if not any(p.covers(day) for p in pauses):
            counted += 1
    return day

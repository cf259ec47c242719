"""The planned sessions as an iCalendar file, for the calendar people already use.

Each planned session keeps one UID (the pair's id and the session's number in
the plan), so importing a newer file updates the events instead of adding
copies. A moved session keeps its UID and carries a higher SEQUENCE and a
newer DTSTAMP, so calendars take the new time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo

from icalendar import Alarm, Calendar, Event

from companion.domain.pair import Pair
from companion.domain.timeline import Slot

DEFAULT_TIME = time(9, 0)
"""The time of day used when the pair agreed none."""

PRODID = "-//Companion//Reverse mentoring//EN"
"""Who wrote the calendar."""


def event_uid(pair: Pair, slot: Slot) -> str:
    """Return the stable UID of a planned session's event."""
    return f"companion-{pair.id}-session-{slot.index}@companion.invalid"


def summary(pair: Pair, lesson: str | None) -> str:
    """Return an event's title: both names and, when there is one, the suggested lesson."""
    names = f"Reverse mentoring: {pair.mentor.name} & {pair.mentee.name}"
    return f"{names} · {lesson}" if lesson else names


def _event(
    pair: Pair,
    slot: Slot,
    total: int,
    lesson: str | None,
    zone: tzinfo,
    now: datetime,
) -> Event:
    start = datetime.combine(slot.on, slot.at or pair.session_time or DEFAULT_TIME, tzinfo=zone)
    event = Event()
    event.add("uid", event_uid(pair, slot))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", slot.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=pair.session_minutes))
    event.add("summary", summary(pair, lesson))
    lines = [f"Session {slot.index + 1} of {total} of the reverse-mentoring programme."]
    if lesson:
        lines.append(f"Suggested lesson: {lesson}.")
    if slot.rescheduled:
        lines.append(f"Moved from {slot.planned_on.isoformat()}.")
    event.add("description", "\n".join(lines))
    event.add("categories", ["Reverse mentoring"])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", f"Tomorrow: {summary(pair, lesson)}")
    event.add_component(alarm)
    return event


def sessions_calendar(
    pair: Pair,
    slots: Sequence[Slot],
    total: int,
    zone: tzinfo,
    now: datetime,
    lessons: Mapping[int, str] | None = None,
) -> bytes:
    """Return an iCalendar file of ``slots`` (the upcoming planned sessions).

    ``total`` is the number of sessions in the plan, ``zone`` the machine's
    time zone (written as a VTIMEZONE, times carry its TZID), ``now`` the
    export time (DTSTAMP, aware) and ``lessons`` the suggested lesson title per
    slot number. Each event lasts the agreed length and reminds the day before.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Reverse mentoring: {pair.mentor.name} & {pair.mentee.name}")
    titles = lessons or {}
    for slot in slots:
        calendar.add_component(_event(pair, slot, total, titles.get(slot.index), zone, now))
    if slots:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())

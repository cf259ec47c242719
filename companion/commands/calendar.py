"""``companion export --format ics``: the planned sessions still to come, as a calendar file."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from companion.storage.store import DataUnreadableError, Store

EXIT_OK, EXIT_PROBLEM = 0, 1


def local_zone() -> tzinfo:
    """Return the machine's time zone (an IANA zone, so the calendar gets its TZID)."""
    import tzlocal

    return tzlocal.get_localzone()


def calendar_bytes(
    data: Path, store: Store, now: datetime, zone: tzinfo, today: date | None = None
) -> bytes | None:
    """Return the calendar of the planned sessions from ``today`` on, or None without a pair."""
    from companion.curriculum.sources import load_for
    from companion.domain.ics import sessions_calendar
    from companion.domain.lesson_path import suggested_path
    from companion.domain.progress import lesson_statuses
    from companion.domain.timeline import timeline

    journal = store.journal
    pair = journal.pair()
    if pair is None:
        return None
    today = today or now.astimezone(zone).date()
    sessions = journal.sessions()
    plan = timeline(pair, sessions, today, journal.pauses(), journal.reschedules())
    upcoming = plan.upcoming()
    curriculum, _ = load_for(data / "content")
    path = suggested_path(
        curriculum.ordered_modules(),
        list(curriculum.lessons.values()),
        lesson_statuses(journal.lesson_marks(), sessions),
        sessions,
        journal.goals(),
        [slot.on for slot in upcoming],
    )
    titles = {
        slot.index: curriculum.lessons[lesson_id].title
        for slot, lesson_id in zip(upcoming, path, strict=True)
        if lesson_id is not None and lesson_id in curriculum.lessons
    }
    return sessions_calendar(pair, upcoming, len(plan.slots), zone, now, titles)


def export_ics(data: Path, output: str | None, now: datetime | None = None) -> int:
    """Write the planned future sessions as iCalendar to ``output`` or standard output (``-``)."""
    from companion.storage.output import check_output_path, is_stdout, write_output

    if not is_stdout(output):
        check_output_path(Path(str(output)))
    try:
        store = Store.open(data, readonly=True)
    except DataUnreadableError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    zone = local_zone()
    text = calendar_bytes(data, store, now or datetime.now(UTC), zone)
    if text is None:
        print(
            f"companion: {data} holds no pair yet: no sessions to put in a calendar",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    if not is_stdout(output):
        write_output(Path(str(output)), text)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    return EXIT_OK

"""The ICS export, parsed back with icalendar: UIDs, times across DST and month ends, moves."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from companion.commands.calendar import calendar_bytes
from companion.domain.ics import sessions_calendar
from companion.domain.plan import move_slot
from companion.domain.sessions import Session
from companion.domain.timeline import timeline
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY, demo_folder
from tests.conftest import make_pair

LONDON = ZoneInfo("Europe/London")
EXPORTED = datetime(2026, 3, 1, 12, tzinfo=UTC)


def events(ics: bytes) -> list:  # type: ignore[type-arg]
    return [c for c in Calendar.from_ical(ics).walk("VEVENT")]


def weekly_pair():  # type: ignore[no-untyped-def]
    # Weekly on Tuesdays at 8:30 from 17 March 2026: London's clocks go forward on 29 March,
    # and the fourth session (31 March) is a month end.
    return make_pair(
        started_on=date(2026, 3, 17),
        cadence="weekly",
        programme_weeks=6,
        session_minutes=45,
        session_time=time(8, 30),
    )


def export(pair, reschedules=(), now=EXPORTED) -> bytes:  # type: ignore[no-untyped-def]
    plan = timeline(pair, [], date(2026, 3, 1), reschedules=reschedules)
    lessons = {0: "Reading a P&L"}
    return sessions_calendar(pair, plan.upcoming(), len(plan.slots), LONDON, now, lessons)


def test_events_keep_the_local_hour_across_dst_and_the_month_end() -> None:
    found = events(export(weekly_pair()))
    starts = [e.decoded("dtstart") for e in found]
    assert [s.date() for s in starts] == [
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
        date(2026, 4, 14),
        date(2026, 4, 21),
    ]
    assert all((s.hour, s.minute) == (8, 30) for s in starts)
    assert [s.utcoffset() for s in starts[:3]] == [timedelta(0), timedelta(0), timedelta(hours=1)]
    assert [s.astimezone(UTC).hour for s in starts[:3]] == [8, 8, 7]
    assert all(e["dtstart"].params["TZID"] == "Europe/London" for e in found)
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(minutes=45) for e in found)
    calendar = Calendar.from_ical(export(weekly_pair()))
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_summary_names_both_people_and_the_suggested_lesson_and_a_reminder_comes_a_day_before() -> (
    None
):
    first = events(export(weekly_pair()))[0]
    assert str(first["summary"]) == "Reverse mentoring: Aisha Khan & Richard Hale · Reading a P&L"
    assert "Session 1 of 6" in str(first["description"])
    alarms = first.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("trigger") == timedelta(days=-1)
    assert str(alarms[0]["action"]) == "DISPLAY"


def test_uids_are_stable_and_a_reschedule_moves_the_same_event() -> None:
    pair = weekly_pair()
    before = {str(e["uid"]): e for e in events(export(pair))}
    again = {str(e["uid"]): e for e in events(export(pair, now=EXPORTED + timedelta(days=3)))}
    assert before.keys() == again.keys() and len(before) == 6
    moved = move_slot(None, 2, date(2026, 4, 1), time(17, 0), EXPORTED + timedelta(days=2))
    later = EXPORTED + timedelta(days=4)
    after = {str(e["uid"]): e for e in events(export(pair, [moved], now=later))}
    assert after.keys() == before.keys()
    changed = [
        uid for uid in after if after[uid].decoded("dtstart") != before[uid].decoded("dtstart")
    ]
    assert len(changed) == 1
    event = after[changed[0]]
    assert event.decoded("dtstart") == datetime(2026, 4, 1, 17, 0, tzinfo=LONDON)
    assert int(event["sequence"]) == 1 and int(before[changed[0]]["sequence"]) == 0
    assert event.decoded("dtstamp") > before[changed[0]].decoded("dtstamp")


def test_uids_differ_between_pairs() -> None:
    other = weekly_pair().model_copy(update={"id": "another-pair"})
    ours = {str(e["uid"]) for e in events(export(weekly_pair()))}
    theirs = {str(e["uid"]) for e in events(export(other))}
    assert not ours & theirs


def test_evening_sessions_in_another_zone_keep_their_local_day() -> None:
    pair = weekly_pair().model_copy(update={"session_time": time(19, 0)})
    plan = timeline(pair, [], date(2026, 3, 1))
    los_angeles = ZoneInfo("America/Los_Angeles")
    ics = sessions_calendar(pair, plan.upcoming(), len(plan.slots), los_angeles, EXPORTED)
    start = events(ics)[0].decoded("dtstart")
    assert start.date() == date(2026, 3, 17) and start.hour == 19
    assert start.astimezone(UTC).date() == date(2026, 3, 18)


def test_only_sessions_still_to_come_are_written(tmp_path: Path) -> None:
    pair = weekly_pair()
    plan = timeline(pair, [Session(date=date(2026, 3, 17))], date(2026, 3, 25))
    ics = sessions_calendar(pair, plan.upcoming(), len(plan.slots), LONDON, EXPORTED)
    starts = [e.decoded("dtstart").date() for e in events(ics)]
    assert starts[0] == date(2026, 3, 31) and len(starts) == 4  # 24 March was missed


def test_demo_calendar_holds_the_remaining_planned_sessions(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    with Store.open(data, readonly=True) as store:
        ics = calendar_bytes(data, store, NOW, LONDON, today=TODAY)
        pair = store.journal.pair()
    assert ics is not None and pair is not None
    found = events(ics)
    assert len(found) == 5  # 13 planned, 8 held
    assert all(e.decoded("dtstart").date() > TODAY for e in found)
    assert all((e.decoded("dtstart").hour, e.decoded("dtstart").minute) == (8, 30) for e in found)
    assert all(" · " in str(e["summary"]) for e in found)  # each has a suggested lesson


def test_cli_writes_a_private_ics_file_in_the_machines_zone(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    out = tmp_path / "sessions.ics"
    env = os.environ | {"TZ": "Europe/London"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "--data-dir",
            str(data),
            "export",
            "--format",
            "ics",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    found = events(out.read_bytes())
    assert found and all(e["dtstart"].params["TZID"] == "Europe/London" for e in found)


def test_cli_without_a_pair_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data, backup=False):
        pass
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "--data-dir",
            str(data),
            "export",
            "--format",
            "ics",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "no pair yet" in result.stderr and "Traceback" not in result.stderr

"""Moving the next session from the dashboard: the timeline and the ICS export follow."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from companion.commands.calendar import calendar_bytes
from companion.dialogs.reschedule import RescheduleDialog
from companion.domain.date_input import DateInputError
from companion.domain.reschedule import read_time
from companion.screens.dashboard import DashboardScreen
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY, app_on, demo_folder, settle

LONDON = ZoneInfo("Europe/London")


def upcoming_events(data: Path) -> dict[str, tuple[datetime, int]]:
    with Store.open(data, readonly=True) as store:
        ics = calendar_bytes(data, store, NOW, LONDON, TODAY)
    assert ics is not None
    return {
        str(e["uid"]): (e.decoded("dtstart"), int(e["sequence"]))
        for e in Calendar.from_ical(ics).walk("VEVENT")
    }


def test_read_time_accepts_what_people_type_and_refuses_the_rest() -> None:
    assert read_time("14:30") == time(14, 30)
    assert read_time("9") == time(9, 0)
    assert read_time(" ") is None
    with pytest.raises(DateInputError, match="not a time of day"):
        read_time("25:00")


@pytest.mark.asyncio
async def test_m_on_the_dashboard_moves_the_next_session_and_the_calendar_follows(
    data: Path,
) -> None:
    demo_folder(data)
    before = upcoming_events(data)
    first_uid = min(before, key=lambda uid: before[uid][0])
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RescheduleDialog)
        dialog.query_one("#input-on").value = "+10d"
        dialog.query_one("#input-at").value = "16:15"
        await settle(pilot)
        hint = str(dialog.query_one("#field-on .field-hint").render())
        assert "Thursday 3 December 2026" in hint
        await pilot.click("#save")
        await settle(pilot, 5)
        assert isinstance(app.screen, DashboardScreen)
        rhythm = " ".join(str(w.render()) for w in app.screen.query("#rhythm Static"))
        assert "Next session: Thu 03 Dec 2026 (in 10 days)" in rhythm
        timeline = app.programme.evaluation.timeline()
        moved = [s for s in timeline.slots if s.rescheduled and s.status == "upcoming"]
        assert [(s.on, s.at) for s in moved][:1] == [(date(2026, 12, 3), time(16, 15))]

    after = upcoming_events(data)
    # Same UID, moved event, higher SEQUENCE: a calendar updates it rather than adding one.
    start, sequence = after[first_uid]
    assert start.date() == date(2026, 12, 3)
    assert (start.hour, start.minute) == (16, 15)
    assert sequence > before[first_uid][1]
    assert len(after) == len(before)
    assert sum(1 for s, _ in after.values() if s.date() == date(2026, 12, 3)) == 1


@pytest.mark.asyncio
async def test_a_day_before_today_is_refused_in_the_dialog(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RescheduleDialog)
        dialog.query_one("#input-on").value = "yesterday"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#field-on .field-error").render())
        assert error == "The next session cannot be before today."
    with Store.open(data, readonly=True) as store:
        assert store.journal.reschedules() == []


def test_the_programme_refuses_a_past_day(data: Path) -> None:
    from companion.programme.core import Programme

    demo_folder(data)
    with Programme.opened(data, backup=False, clock=lambda: NOW) as programme:
        with pytest.raises(DateInputError):
            programme.evaluation.reschedule_next(date(2026, 11, 1))
        move = programme.evaluation.reschedule_next(date(2026, 12, 1))
        again = programme.evaluation.reschedule_next(date(2026, 12, 2))
        assert move is not None and again is not None
        assert again.slot == move.slot and again.sequence == move.sequence + 1
        assert datetime(2026, 1, 1, tzinfo=UTC) < again.changed_at

"""Cadence maths: planned dates, month ends, 29 February, DST, pauses, held and moved sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice, pairwise
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from companion.domain.cadence import planned_sessions
from companion.domain.plan import Pause, cadence_dates, move_slot, nth_weekday, planned_dates
from companion.domain.sessions import Session
from companion.domain.timeline import timeline
from tests.conftest import make_pair

NOW = datetime(2026, 9, 1, 12, tzinfo=UTC)


def first(start: date, cadence: str, n: int) -> list[date]:
    return list(islice(cadence_dates(start, cadence), n))  # type: ignore[arg-type]


def test_monthly_keeps_the_second_tuesday() -> None:
    # 13 January 2026 is the second Tuesday of the month.
    days = first(date(2026, 1, 13), "monthly", 4)
    assert days == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 14)]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)


def test_monthly_on_a_fifth_weekday_falls_on_the_last_one_in_short_months() -> None:
    # 31 January 2024 is the fifth Wednesday; February 2024 has four.
    days = first(date(2024, 1, 31), "monthly", 4)
    assert days == [date(2024, 1, 31), date(2024, 2, 28), date(2024, 3, 27), date(2024, 4, 24)]
    assert all(d.weekday() == 2 and (d + timedelta(days=7)).month != d.month for d in days)


def test_29_february_start_and_weekly_steps_across_it() -> None:
    # 29 February 2024 is the fifth Thursday: monthly goes to each month's last Thursday.
    assert first(date(2024, 2, 29), "monthly", 3) == [
        date(2024, 2, 29),
        date(2024, 3, 28),
        date(2024, 4, 25),
    ]
    assert first(date(2024, 2, 22), "weekly", 3) == [
        date(2024, 2, 22),
        date(2024, 2, 29),
        date(2024, 3, 7),
    ]
    assert first(date(2024, 2, 15), "fortnightly", 3)[1:] == [date(2024, 2, 29), date(2024, 3, 14)]
    # The same Thursday a year on: February 2025 has no 29th and its last Thursday is the 27th.
    assert nth_weekday(2025, 2, 3, 5) == date(2025, 2, 27)


def test_month_ends_and_year_end_do_not_shift_weekly_dates() -> None:
    days = first(date(2026, 12, 22), "weekly", 4)
    assert days == [date(2026, 12, 22), date(2026, 12, 29), date(2027, 1, 5), date(2027, 1, 12)]
    assert first(date(2026, 11, 10), "monthly", 3)[2] == date(2027, 1, 12)


def test_dates_across_a_dst_change_stay_seven_days_apart_and_keep_the_local_hour() -> None:
    london = ZoneInfo("Europe/London")  # summer time starts on 29 March 2026
    days = first(date(2026, 3, 17), "weekly", 4)
    assert [(b - a).days for a, b in pairwise(days)] == [7, 7, 7]
    starts = [datetime.combine(d, time(8, 30), tzinfo=london) for d in days]
    assert [s.utcoffset() for s in starts] == [timedelta(0)] * 2 + [timedelta(hours=1)] * 2
    assert {s.hour for s in starts} == {8}


def test_a_pause_of_several_weeks_shifts_the_plan_and_keeps_the_weekday() -> None:
    pause = Pause(starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31), reason="Year end")
    days = planned_dates(date(2026, 9, 1), "fortnightly", 6, [pause])
    assert days == [
        date(2026, 9, 1),
        date(2026, 9, 15),
        date(2026, 9, 29),
        date(2026, 11, 10),
        date(2026, 11, 24),
        date(2026, 12, 8),
    ]
    pair = make_pair(started_on=date(2026, 9, 1), cadence="fortnightly", programme_weeks=26)
    plain = timeline(pair, [], date(2026, 9, 1))
    paused = timeline(pair, [], date(2026, 9, 1), pauses=[pause])
    assert len(paused.slots) == len(plain.slots) == planned_sessions(pair) == 13
    assert paused.end == plain.end + timedelta(days=31)
    assert paused.midpoint == plain.midpoint + timedelta(days=31)
    assert not any(pause.covers(s.on) for s in paused.slots)


def test_weeks_elapsed_leave_the_pause_out() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), programme_weeks=26)
    pause = Pause(starts_on=date(2026, 9, 8), ends_on=date(2026, 9, 21))
    assert timeline(pair, [], date(2026, 10, 6)).weeks_elapsed == 5
    assert timeline(pair, [], date(2026, 10, 6), pauses=[pause]).weeks_elapsed == 3
    assert timeline(pair, [], date(2030, 1, 1)).weeks_elapsed == 26
    assert timeline(pair, [], date(2026, 8, 1)).weeks_elapsed == 0


def test_a_pause_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="end on or after"):
        Pause(starts_on=date(2026, 10, 2), ends_on=date(2026, 10, 1))


def test_held_sessions_are_matched_to_planned_days_missed_ones_and_gaps_found() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), cadence="fortnightly")
    sessions = [
        Session(date=date(2026, 9, 1)),
        Session(date=date(2026, 9, 17)),  # two days late: still the second slot
        Session(date=date(2026, 10, 27)),  # 13 October was missed
        Session(date=date(2026, 11, 3), status="in-progress"),  # not finished: not held
    ]
    plan = timeline(pair, sessions, date(2026, 11, 5))
    status = [(s.planned_on, s.status, s.on) for s in plan.slots[:6]]
    assert status == [
        (date(2026, 9, 1), "held", date(2026, 9, 1)),
        (date(2026, 9, 15), "held", date(2026, 9, 17)),
        (date(2026, 9, 29), "missed", date(2026, 9, 29)),
        (date(2026, 10, 13), "missed", date(2026, 10, 13)),
        (date(2026, 10, 27), "held", date(2026, 10, 27)),
        (date(2026, 11, 10), "upcoming", date(2026, 11, 10)),
    ]
    assert plan.slots[1].shift_days == 2
    assert (plan.held, plan.missed) == (3, 2)
    assert len(plan.gaps) == 1
    gap = plan.gaps[0]
    assert (gap.starts_on, gap.ends_on, gap.days, gap.missed) == (
        date(2026, 9, 17),
        date(2026, 10, 27),
        40,
        2,
    )


def test_a_session_far_from_any_planned_day_is_an_extra() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), cadence="monthly", programme_weeks=8)
    extra = Session(date=date(2027, 6, 1))
    plan = timeline(pair, [Session(date=date(2026, 9, 1)), extra], date(2027, 6, 2))
    assert plan.extra_sessions == (extra.id,)


def test_a_reschedule_moves_one_session_and_counts_its_moves() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), cadence="weekly", session_time=time(8, 30))
    move = move_slot(None, 2, date(2026, 9, 17), time(16, 0), NOW)
    again = move_slot(move, 2, date(2026, 9, 18), None, NOW + timedelta(hours=1))
    assert (move.sequence, again.sequence) == (1, 2)
    plan = timeline(pair, [], date(2026, 9, 2), reschedules=[again])
    slot = plan.slots[2]
    assert (slot.planned_on, slot.on, slot.sequence, slot.rescheduled) == (
        date(2026, 9, 15),
        date(2026, 9, 18),
        2,
        True,
    )
    assert slot.at == time(8, 30)  # the second move kept the pair's usual time
    assert plan.slots[3].on == date(2026, 9, 22) and not plan.slots[3].rescheduled
    held = timeline(pair, [Session(date=date(2026, 9, 18))], date(2026, 9, 20), reschedules=[again])
    assert held.slots[2].status == "held"


def test_the_agreed_next_date_moves_the_next_planned_session() -> None:
    pair = make_pair(
        started_on=date(2026, 9, 1), cadence="fortnightly", next_session_on=date(2026, 9, 17)
    )
    plan = timeline(pair, [Session(date=date(2026, 9, 1))], date(2026, 9, 5))
    nxt = plan.upcoming()[0]
    assert (nxt.index, nxt.on, nxt.sequence, nxt.rescheduled) == (1, date(2026, 9, 17), 1, True)
    # An agreed date that has passed without a session moves nothing.
    assert (
        not timeline(pair, [Session(date=date(2026, 9, 1))], date(2026, 9, 20)).slots[1].rescheduled
    )
    # Agreeing the planned day itself moves nothing.
    same = make_pair(started_on=date(2026, 9, 1), next_session_on=date(2026, 9, 15))
    assert (
        not timeline(same, [Session(date=date(2026, 9, 1))], date(2026, 9, 5)).slots[1].rescheduled
    )


def test_midpoint_and_end_are_marked() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), programme_weeks=26)
    plan = timeline(pair, [], date(2026, 12, 1))
    assert plan.midpoint == date(2026, 12, 1) and plan.past_midpoint
    assert plan.end == date(2027, 3, 2) and not plan.ended
    assert timeline(pair, [], date(2027, 3, 2)).ended

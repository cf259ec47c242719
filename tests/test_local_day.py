"""The pair's own day: sessions, the review queue, the new-card limit and overdue use the local day.

Each test runs with the process's time zone set (``TZ`` + ``time.tzset()``) to
New York, Kolkata and Auckland, around midnight, and across daylight-saving changes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.domain.cards import Card, CardState
from companion.domain.clock import local_date, to_local
from companion.domain.glossary_query import status_of
from companion.domain.overview import build_overview
from companion.domain.review_queue import due_today, introduced_today, todays_queue
from companion.domain.scheduling import make_scheduler, new_state, review
from companion.domain.sessions import ActionItem, Session
from companion.domain.settings import Settings
from tests.conftest import make_pair

ZONES = ["America/New_York", "Asia/Kolkata", "Pacific/Auckland"]


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    """Run the test with the process's local time zone set to each of ZONES."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield ZoneInfo(request.param)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def at(zone: ZoneInfo, day: date, hour: int, minute: int) -> datetime:
    """An instant given as local wall time in ``zone``, expressed in UTC (as the app's clock is)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


DAY = date(2026, 11, 23)


@pytest.mark.parametrize(("hour", "minute"), [(23, 59), (0, 1)])
def test_the_local_day_at_both_ends(zone: ZoneInfo, hour: int, minute: int) -> None:
    instant = at(zone, DAY, hour, minute)
    assert local_date(instant) == DAY
    assert local_date(instant + timedelta(minutes=2 if hour == 23 else -2)) != DAY
    assert to_local(instant).utcoffset() == zone.utcoffset(instant.replace(tzinfo=None))


def _cards(count: int) -> list[Card]:
    return [
        Card(id=f"c{i:02d}", term=f"T{i}", definition="d", deck="d", audience="mentee")
        for i in range(count)
    ]


def _sit(
    cards: list[Card], states: dict[str, CardState], now: datetime, limit: int, rating: int
) -> list[str]:
    """One review sitting: everything on the queue, each answered ``rating``, twice if Again."""
    scheduler = make_scheduler(fuzz=False)
    queue = todays_queue("mentee", cards, states.values(), now, limit)
    for card_id in queue:
        for step in range(2 if rating == 1 else 1):
            when = now + timedelta(minutes=len(states) + step)
            state = states.get(card_id) or new_state(card_id, "mentee", when)
            states[card_id], _ = review(scheduler, state, rating if step == 0 else 3, when)
    return queue


@pytest.mark.parametrize("rating", [1, 3])
def test_three_sittings_in_one_day_start_no_more_than_the_limit(
    zone: ZoneInfo, rating: int
) -> None:
    cards, states = _cards(40), {}
    started: set[str] = set()
    for hour in (0, 9, 13, 20, 23):  # the local day, which spans two UTC dates everywhere here
        queue = _sit(cards, states, at(zone, DAY, hour, 1 if hour == 0 else 58), 10, rating)
        started |= {card_id for card_id in queue if card_id in states}
    assert len(started) == 10
    late = at(zone, DAY, 23, 59)
    assert introduced_today(states.values(), late) == 10
    assert due_today("mentee", cards, states.values(), late, 10).new == 0
    tomorrow = at(zone, DAY + timedelta(days=1), 0, 1)
    assert due_today("mentee", cards, states.values(), tomorrow, 10).new == 10
    assert introduced_today(states.values(), tomorrow) == 0


def test_a_card_reviewed_twice_today_still_counts_against_the_limit(zone: ZoneInfo) -> None:
    morning = at(zone, DAY, 8, 0)
    state = CardState(
        card_id="c00",
        role="mentee",
        due=morning,
        phase=2,
        reviews=2,
        first_review=morning,
        last_review=morning + timedelta(hours=3),
    )
    assert due_today("mentee", _cards(5), [state], at(zone, DAY, 23, 59), 3).new == 2


def test_a_state_saved_before_first_review_was_kept_counts_by_its_single_review(
    zone: ZoneInfo,
) -> None:
    morning = at(zone, DAY, 0, 1)
    old = CardState(card_id="c00", role="mentee", due=morning, reviews=1, last_review=morning)
    assert introduced_today([old], at(zone, DAY, 23, 59)) == 1
    assert introduced_today([old], at(zone, DAY - timedelta(days=1), 23, 59)) == 0


@pytest.mark.parametrize(
    ("due_hour", "now_day", "now_hour", "expected"),
    [
        (20, 0, 9, True),  # due this evening: on today's list from the morning
        (0, 0, 23, True),
        (0, -1, 23, False),  # due at 00:30 tomorrow is not today's, at 23:59
        (0, 1, 0, True),
    ],
)
def test_review_cards_are_due_for_their_whole_local_day(
    zone: ZoneInfo, due_hour: int, now_day: int, now_hour: int, expected: bool
) -> None:
    due = at(zone, DAY, due_hour, 30)
    now = at(zone, DAY + timedelta(days=now_day), now_hour, 59 if now_hour == 23 else 1)
    state = CardState(card_id="c00", role="mentee", due=due, phase=2, reviews=4)
    cards = _cards(1)
    assert (due_today("mentee", cards, [state], now, 0).due == 1) is expected
    assert (todays_queue("mentee", cards, [state], now, 0) == ["c00"]) is expected
    assert (status_of(state, now) == "due") is expected


def test_learning_cards_wait_for_their_minutes(zone: ZoneInfo) -> None:
    now = at(zone, DAY, 12, 0)
    state = CardState(card_id="c00", role="mentee", due=now + timedelta(minutes=10), reviews=1)
    assert due_today("mentee", _cards(1), [state], now, 0).due == 0
    assert due_today("mentee", _cards(1), [state], now + timedelta(minutes=10), 0).due == 1


DST_DAYS = {
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
    "Asia/Kolkata": [],  # no daylight saving
    "Pacific/Auckland": [date(2026, 4, 5), date(2026, 9, 27)],
}


def test_across_a_daylight_saving_change(zone: ZoneInfo) -> None:
    for day in DST_DAYS[zone.key] or [date(2026, 3, 29)]:
        first, last = at(zone, day, 0, 1), at(zone, day, 23, 59)
        assert (last - first).total_seconds() != 23 * 3600 + 58 * 60 or zone.key == "Asia/Kolkata"
        assert local_date(first) == local_date(last) == day
        states = [
            CardState(card_id="c00", role="mentee", due=last, reviews=1, first_review=first),
            CardState(card_id="c01", role="mentee", due=last, reviews=3, first_review=last),
        ]
        assert introduced_today(states, last) == 2
        assert introduced_today(states, at(zone, day + timedelta(days=1), 0, 1)) == 0
        review_card = CardState(card_id="c02", role="mentee", due=last, phase=2, reviews=5)
        assert status_of(review_card, first) == "due"


def test_overdue_actions_and_rhythm_use_the_local_day(zone: ZoneInfo) -> None:
    evening = at(zone, DAY, 20, 30)
    item = ActionItem(owner="mentee", text="Read the report", due=DAY)
    tomorrow = ActionItem(owner="mentee", text="Call", due=DAY + timedelta(days=1))
    common = {
        "pair": make_pair(),
        "sessions": [],
        "goals": [],
        "actions": [item, tomorrow],
        "marks": [],
        "modules": [],
        "lessons": [],
        "cards": [],
        "states": [],
        "settings": Settings(),
    }
    today = build_overview(**common, now=evening)  # type: ignore[arg-type]
    assert today.today == DAY and today.overdue_actions() == []
    next_day = build_overview(**common, now=at(zone, DAY + timedelta(days=1), 0, 1))  # type: ignore[arg-type]
    assert next_day.today == DAY + timedelta(days=1) and next_day.overdue_actions() == [item]


def test_session_start_time_is_stored_in_utc(zone: ZoneInfo) -> None:
    local = to_local(at(zone, DAY, 20, 30))
    session = Session(date=local.date(), started_at=local)
    assert session.started_at is not None and session.started_at.utcoffset() == timedelta(0)
    assert session.started_at == local
    assert Session.model_validate_json(session.model_dump_json()).started_at == local


async def test_a_session_started_at_2030_in_new_york_is_dated_that_day(data: Path) -> None:
    from companion.cli import make_app
    from companion.storage.store import Store
    from tests.apphelpers import demo_folder, press_and_wait, start_session

    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        demo_folder(data)
        evening = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)  # 20:30 on 23 November in New York
        app = make_app(data, now=evening)
        async with app.run_test(size=(100, 30)) as pilot:
            session_id = (await start_session(pilot)).session.id
            await press_and_wait(pilot, "escape")
        with Store.open(data, readonly=True) as store:
            session = store.journal.session(session_id)
        assert session is not None
        assert session.date == date(2026, 11, 23)
        assert session.started_at == evening
        assert session.started_at is not None and session.started_at.utcoffset() == timedelta(0)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()

"""Cadence (next session, overdue, planned) and lesson progress are pure, dated logic."""

from __future__ import annotations

from datetime import date

from companion.domain.cadence import planned_sessions, rhythm
from companion.domain.content import Lesson
from companion.domain.progress import LessonMark, lesson_statuses, module_progress
from companion.domain.sessions import Session
from tests.conftest import make_pair


def test_next_session_follows_the_cadence_and_goes_overdue_after_grace() -> None:
    pair = make_pair(started_on=date(2026, 9, 1), cadence="fortnightly")
    sessions = [Session(date=date(2026, 9, 1)), Session(date=date(2026, 9, 15))]
    on_time = rhythm(pair, sessions, date(2026, 9, 29))
    assert on_time.next_session == date(2026, 9, 29)
    assert not on_time.overdue
    assert not rhythm(pair, sessions, date(2026, 10, 2)).overdue  # within the grace days
    late = rhythm(pair, sessions, date(2026, 10, 3))
    assert late.overdue and late.days_since_last == 18
    assert late.held == 2


def test_an_agreed_date_wins_and_suppresses_overdue_until_it_passes() -> None:
    pair = make_pair(
        started_on=date(2026, 9, 1), cadence="weekly", next_session_on=date(2026, 9, 30)
    )
    sessions = [Session(date=date(2026, 9, 1))]
    assert rhythm(pair, sessions, date(2026, 9, 20)).next_session == date(2026, 9, 30)
    assert not rhythm(pair, sessions, date(2026, 9, 20)).overdue
    assert rhythm(pair, sessions, date(2026, 10, 1)).overdue


def test_unfinished_sessions_do_not_count_as_held() -> None:
    pair = make_pair(started_on=date(2026, 9, 1))
    sessions = [
        Session(date=date(2026, 9, 1)),
        Session(date=date(2026, 9, 20), status="in-progress"),
    ]
    assert rhythm(pair, sessions, date(2026, 9, 21)).held == 1


def test_planned_sessions_depend_on_length_and_cadence() -> None:
    assert planned_sessions(make_pair(programme_weeks=26, cadence="fortnightly")) == 13
    assert planned_sessions(make_pair(programme_weeks=26, cadence="monthly")) == 6
    assert planned_sessions(make_pair(programme_weeks=4, cadence="weekly")) == 4
    before_start = rhythm(make_pair(started_on=date(2026, 12, 1)), [], date(2026, 11, 1))
    assert before_start.planned_by_now == 0 and before_start.next_session == date(2026, 12, 1)


def lesson(lesson_id: str, module: str) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=lesson_id,
        module=module,
        order=1,
        led_by="both",
        minutes=45,
        objectives=["o"],
        prompts=["p"],
        activity="a",
    )


def test_lesson_status_from_sessions_and_marks() -> None:
    sessions = [
        Session(date=date(2026, 9, 1), lesson_ids=["a"]),
        Session(date=date(2026, 9, 8), lesson_ids=["b"], status="in-progress"),
    ]
    marks = [
        LessonMark(lesson_id="c", status="done", updated_on=date(2026, 9, 9)),
        LessonMark(lesson_id="a", status="not-started", updated_on=date(2026, 9, 10)),
    ]
    statuses = lesson_statuses(marks, sessions)
    assert statuses == {"a": "not-started", "b": "in-progress", "c": "done"}
    lessons = [lesson("a", "m"), lesson("b", "m"), lesson("c", "m"), lesson("d", "other")]
    progress = module_progress("m", lessons, statuses)
    assert (progress.done, progress.in_progress, progress.total) == (1, 1, 3)
    assert round(progress.fraction, 2) == 0.33

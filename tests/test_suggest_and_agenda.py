"""The next-lesson rule and the agenda's time boxes (pure domain logic)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.agenda import default_agenda
from companion.domain.content import Lesson, Module
from companion.domain.goals import Goal
from companion.domain.sessions import Session
from companion.domain.suggest import suggest_next

MODULES = [
    Module(id="start", title="Start", order=1, led_by="both", summary="s"),
    Module(id="tech", title="Tech", order=2, led_by="mentor", summary="s"),
    Module(id="lead", title="Lead", order=3, led_by="mentee", summary="s"),
]


def lesson(lesson_id: str, module: str, order: int, led_by: str) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=lesson_id,
        module=module,
        order=order,
        led_by=led_by,
        minutes=45,
        objectives=["o"],
        prompts=["p"],
        activity="a",
    )


LESSONS = [
    lesson("hello", "start", 1, "both"),
    lesson("rules", "start", 2, "both"),
    lesson("linkedin", "tech", 1, "mentor"),
    lesson("ai", "tech", 2, "mentor"),
    lesson("pnl", "lead", 1, "mentee"),
    lesson("influence", "lead", 2, "mentee"),
]


def held(*lesson_ids: str) -> list[Session]:
    return [Session(date=date(2026, 9, 1 + i), lesson_ids=[x]) for i, x in enumerate(lesson_ids)]


def test_the_first_session_starts_the_first_module() -> None:
    found = suggest_next(MODULES, LESSONS, {}, [], [])
    assert found is not None and found.lesson_id == "hello"


def test_leaders_rotate_after_a_junior_led_lesson() -> None:
    statuses = {"hello": "done", "linkedin": "done"}
    found = suggest_next(MODULES, LESSONS, statuses, held("hello", "linkedin"), [])
    assert found is not None and found.lesson_id == "pnl"
    assert "senior mentee" in found.reason


def test_rotation_goes_back_to_the_junior_after_the_senior() -> None:
    statuses = {"hello": "done", "rules": "done", "linkedin": "done", "pnl": "done"}
    found = suggest_next(MODULES, LESSONS, statuses, held("hello", "linkedin", "pnl"), [])
    assert found is not None and found.lesson_id == "ai"


def test_a_goal_in_progress_wins_and_is_named() -> None:
    goal = Goal(
        owner="mentor", title="Present Q3", status="in-progress", lesson_ids=["influence", "pnl"]
    )
    statuses = {"hello": "done", "pnl": "done"}
    found = suggest_next(MODULES, LESSONS, statuses, held("hello", "pnl"), [goal])
    # "influence" is next in its module and linked to the goal, even though the senior led last.
    assert found is not None and found.lesson_id == "influence"
    assert "Present Q3" in found.reason


def test_module_order_is_kept_and_done_lessons_skipped() -> None:
    goal = Goal(owner="mentee", title="Use AI", status="in-progress", lesson_ids=["ai"])
    statuses = {"hello": "done"}
    found = suggest_next(MODULES, LESSONS, statuses, held("hello"), [goal])
    # "ai" is linked to the goal but "linkedin" comes first in its module.
    assert found is not None and found.lesson_id != "ai"


def test_nothing_left_gives_none() -> None:
    statuses = dict.fromkeys((item.id for item in LESSONS), "done")
    assert suggest_next(MODULES, LESSONS, statuses, held("hello"), []) is None


@given(st.integers(min_value=5, max_value=240))
def test_agenda_adds_up_and_every_box_has_time(total: int) -> None:
    agenda = default_agenda(total)
    assert sum(s.minutes for s in agenda) == total
    assert all(s.minutes >= 1 for s in agenda)
    assert [s.key for s in agenda] == ["check-in", "follow-up", "lesson", "practice", "wrap-up"]


def test_agenda_for_an_hour() -> None:
    assert [s.minutes for s in default_agenda(60)] == [6, 6, 24, 18, 6]


def test_agenda_needs_a_minute_per_box() -> None:
    with pytest.raises(ValueError):
        default_agenda(4)

"""Which lesson to take next, with a one-line reason (a pure rule, unit-tested)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from companion.domain.content import Lesson, Module
from companion.domain.goals import Goal
from companion.domain.progress import LessonStatus
from companion.domain.sessions import Session


@dataclass(frozen=True)
class Suggestion:
    """The lesson suggested for the next session and why."""

    lesson_id: str
    reason: str


def _next_leader(last: str | None) -> str | None:
    """After a lesson led by one person, prefer one led by the other."""
    return {"mentor": "mentee", "mentee": "mentor"}.get(last or "")


def suggest_next(
    modules: Sequence[Module],
    lessons: Sequence[Lesson],
    statuses: dict[str, LessonStatus],
    sessions: Sequence[Session],
    goals: Sequence[Goal],
) -> Suggestion | None:
    """Suggest the next lesson, or None when every lesson is done.

    The rule: the very first session starts the first module. After that,
    only the next lesson of each module is a candidate (a module's order is
    kept) and done lessons are skipped; a lesson linked to a goal in progress
    comes first; then one led by the other person than the last lesson's
    leader (rotation); then the curriculum's own order.
    """
    by_id = {lesson.id: lesson for lesson in lessons}
    module_order = {m.id: m.order for m in modules}
    ordered = sorted(lessons, key=lambda item: (module_order.get(item.module, 999), item.order))
    open_lessons = [item for item in ordered if statuses.get(item.id) != "done"]
    if not open_lessons:
        return None
    finished = [s for s in sessions if s.status == "finished"]
    if not finished:
        first = open_lessons[0]
        return Suggestion(first.id, "The first lesson of the programme: a good place to start.")
    candidates: list[Lesson] = []
    seen_modules: set[str] = set()
    for item in open_lessons:
        if item.module not in seen_modules:
            seen_modules.add(item.module)
            candidates.append(item)
    last_led = None
    for session in reversed(finished):
        led = [by_id[i].led_by for i in session.lesson_ids if i in by_id]
        if led:
            last_led = led[-1]
            break
    wanted_leader = _next_leader(last_led)
    goal_for: dict[str, Goal] = {}
    for goal in goals:
        if goal.status == "in-progress":
            for lesson_id in goal.lesson_ids:
                goal_for.setdefault(lesson_id, goal)
    position = {item.id: index for index, item in enumerate(ordered)}

    def rank(item: Lesson) -> tuple[int, int, int]:
        return (
            0 if item.id in goal_for else 1,
            0 if wanted_leader and item.led_by == wanted_leader else 1,
            position[item.id],
        )

    best = min(candidates, key=rank)
    if best.id in goal_for:
        reason = f"It helps with the goal “{goal_for[best.id].title}”."
    elif wanted_leader and best.led_by == wanted_leader:
        who = "the senior mentee" if wanted_leader == "mentee" else "the junior mentor"
        reason = f"Last time the other person led; this one is led by {who}."
    else:
        reason = "It is the next lesson in its module."
    return Suggestion(best.id, reason)

"""Lesson progress: which lessons are done or in progress, and how far each module is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from companion.domain.base import Day, KebabId, Model
from companion.domain.content import Lesson
from companion.domain.sessions import Session

LessonStatus = Literal["not-started", "in-progress", "done"]
"""Where a lesson stands for the pair."""


class LessonMark(Model):
    """A status the pair set on a lesson by hand (``mark done``) or that a session set."""

    lesson_id: KebabId
    """The lesson."""
    status: LessonStatus
    """Its status."""
    updated_on: Day
    """When it was set."""


def lesson_statuses(
    marks: Iterable[LessonMark], sessions: Iterable[Session]
) -> dict[str, LessonStatus]:
    """Return the status of every lesson that has one.

    A lesson covered in a finished session is done; in a running session it is
    in progress. A mark set by hand wins over what sessions say, so a pair can
    undo a "done".
    """
    status: dict[str, LessonStatus] = {}
    for session in sessions:
        for lesson_id in session.lesson_ids:
            if session.status == "finished":
                status[lesson_id] = "done"
            elif status.get(lesson_id) != "done":
                status[lesson_id] = "in-progress"
    for mark in sorted(marks, key=lambda m: m.updated_on):
        status[mark.lesson_id] = mark.status
    return status


@dataclass(frozen=True)
class ModuleProgress:
    """How far the pair is through one module."""

    module_id: str
    done: int
    in_progress: int
    total: int

    @property
    def fraction(self) -> float:
        """The share of lessons done, 0 to 1."""
        return self.done / self.total if self.total else 0.0


def module_progress(
    module_id: str, lessons: Iterable[Lesson], statuses: dict[str, LessonStatus]
) -> ModuleProgress:
    """Count the done and in-progress lessons of one module."""
    own = [lesson.id for lesson in lessons if lesson.module == module_id]
    return ModuleProgress(
        module_id,
        done=sum(statuses.get(i) == "done" for i in own),
        in_progress=sum(statuses.get(i) == "in-progress" for i in own),
        total=len(own),
    )

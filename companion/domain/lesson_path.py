"""The lessons the next few sessions would take, suggestion after suggestion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from companion.domain.content import Lesson, Module
from companion.domain.goals import Goal
from companion.domain.progress import LessonStatus
from companion.domain.sessions import Session
from companion.domain.suggest import suggest_next


def suggested_path(
    modules: Sequence[Module],
    lessons: Sequence[Lesson],
    statuses: dict[str, LessonStatus],
    sessions: Sequence[Session],
    goals: Sequence[Goal],
    days: Sequence[date],
) -> list[str | None]:
    """Return the suggested lesson id for each of ``days`` (None once every lesson is done).

    The first is today's suggestion; each next one assumes the one before was
    taken in a session on its day, so the rotation and module order carry on.
    """
    statuses = dict(statuses)
    sessions = list(sessions)
    path: list[str | None] = []
    for day in days:
        suggestion = suggest_next(modules, lessons, statuses, sessions, goals)
        if suggestion is None:
            path.append(None)
            continue
        path.append(suggestion.lesson_id)
        statuses[suggestion.lesson_id] = "done"
        sessions.append(Session(date=day, lesson_ids=[suggestion.lesson_id]))
    return path

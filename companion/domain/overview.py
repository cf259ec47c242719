"""What the dashboard shows, computed from plain data (no storage, no user interface)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from companion.domain.cadence import Rhythm, rhythm
from companion.domain.cards import Card, CardState
from companion.domain.clock import local_date
from companion.domain.content import Lesson, Module
from companion.domain.goals import Goal
from companion.domain.pair import Pair
from companion.domain.progress import LessonMark, ModuleProgress, lesson_statuses, module_progress
from companion.domain.review_queue import DueToday, due_today
from companion.domain.sessions import ActionItem, Session
from companion.domain.settings import Settings

RECENT_SESSIONS = 12
"""The most recent finished sessions an overview keeps (a tall dashboard shows them all)."""


@dataclass(frozen=True)
class Overview:
    """Everything on the dashboard at one moment."""

    pair: Pair
    rhythm: Rhythm
    modules: list[tuple[Module, ModuleProgress]]
    goals: list[Goal]
    open_actions: list[ActionItem]
    due: dict[str, DueToday]
    recent_sessions: list[Session]
    ratings: list[float] = field(default_factory=list)
    today: date = field(default_factory=date.today)

    def overdue_actions(self) -> list[ActionItem]:
        """Open action items past their due date."""
        return [a for a in self.open_actions if a.due is not None and a.due < self.today]


def build_overview(
    *,
    pair: Pair,
    sessions: Sequence[Session],
    goals: Sequence[Goal],
    actions: Sequence[ActionItem],
    marks: Sequence[LessonMark],
    modules: Sequence[Module],
    lessons: Sequence[Lesson],
    cards: Sequence[Card],
    states: Sequence[CardState],
    settings: Settings,
    now: datetime,
) -> Overview:
    """Return the dashboard's figures for ``now``."""
    today = local_date(now)
    statuses = lesson_statuses(marks, sessions)
    finished = [s for s in sessions if s.status == "finished"]
    ratings = [r for r in (s.average_rating() for s in finished) if r is not None]
    open_actions = sorted(
        (a for a in actions if not a.done), key=lambda a: (a.due is None, a.due or today)
    )
    return Overview(
        pair=pair,
        rhythm=rhythm(pair, sessions, today),
        modules=[(m, module_progress(m.id, lessons, statuses)) for m in modules],
        goals=[g for g in goals if g.status != "dropped"],
        open_actions=open_actions,
        due={
            role: due_today(role, cards, states, now, settings.new_cards_per_day)
            for role in ("mentor", "mentee")
        },
        recent_sessions=list(reversed(finished[-RECENT_SESSIONS:])),
        ratings=ratings,
        today=today,
    )

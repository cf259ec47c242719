"""Wins: the milestones a pair reaches, detected from the journal and kept with their date.

Detection is a pure function of the journal's facts; it returns every win the
facts show, each with a stable key. Storing only the keys not yet kept
(``unrecorded``) makes recording idempotent: a win keeps the date it was
first recorded, and running detection again never adds it twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from companion.domain.base import ROLES, Day, Model, Role, Text
from companion.domain.cards import CardState
from companion.domain.content import Lesson, Module
from companion.domain.goals import Goal
from companion.domain.pair import Pair
from companion.domain.progress import LessonMark
from companion.domain.sessions import Session
from companion.domain.skills import SkillRound, growth

WinKind = Literal[
    "first-session", "sessions", "module", "goal", "cards", "skill", "midpoint", "end"
]
"""What kind of milestone a win is."""

SESSION_STEP = 5
"""A win every this many sessions."""
CARD_STEPS = (25, 50, 100)
"""Cards learned by one person that count as wins."""
SKILL_RISE = 2
"""Points a skill must rise above its first rating to count as a win."""


class Win(Model):
    """A milestone the pair reached, kept with the day it happened."""

    key: Annotated[str, Field(min_length=1, max_length=200)]
    """A stable key (``session-5``, ``goal-<id>``, ``cards-mentee-25`` …): one win per key."""
    kind: WinKind
    """What kind of milestone it is."""
    on: Day
    """When it happened."""
    title: Text
    """The win in words."""
    role: Role | None = None
    """Whose win it is, when it is one person's."""


@dataclass(frozen=True)
class WinFacts:
    """What milestone detection looks at."""

    pair: Pair
    today: date
    sessions: Sequence[Session] = ()
    goals: Sequence[Goal] = ()
    modules: Sequence[Module] = ()
    lessons: Sequence[Lesson] = ()
    marks: Sequence[LessonMark] = ()
    cards_learned: Mapping[Role, int] = field(default_factory=dict)
    """Cards each person has learned so far (see ``cards_learned``)."""
    skill_rounds: Sequence[SkillRound] = ()
    midpoint: date | None = None
    """The programme's midpoint (from the timeline)."""
    end: date | None = None
    """The programme's end (from the timeline)."""


def cards_learned(states: Sequence[CardState]) -> dict[Role, int]:
    """Return how many cards each person has learned: those in long-term review (FSRS phase 2)."""
    return {role: sum(1 for s in states if s.role == role and s.phase == 2) for role in ROLES}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "skill"


def module_completions(
    modules: Sequence[Module],
    lessons: Sequence[Lesson],
    marks: Sequence[LessonMark],
    sessions: Sequence[Session],
) -> dict[str, date]:
    """Return, per completed module, the day its last lesson was done.

    A lesson is done on the day of the first finished session that covered it,
    or on the day it was marked done; a later mark "not done" undoes it.
    """
    done_on: dict[str, date] = {}
    for session in sorted(sessions, key=lambda s: s.date):
        if session.status == "finished":
            for lesson_id in session.lesson_ids:
                done_on.setdefault(lesson_id, session.date)
    for mark in sorted(marks, key=lambda m: m.updated_on):
        if mark.status == "done":
            done_on.setdefault(mark.lesson_id, mark.updated_on)
        else:
            done_on.pop(mark.lesson_id, None)
    found: dict[str, date] = {}
    for module in modules:
        own = [lesson.id for lesson in lessons if lesson.module == module.id]
        if own and all(i in done_on for i in own):
            found[module.id] = max(done_on[i] for i in own)
    return found


def _session_wins(facts: WinFacts) -> list[Win]:
    finished = sorted((s for s in facts.sessions if s.status == "finished"), key=lambda s: s.date)
    wins: list[Win] = []
    if finished:
        wins.append(
            Win(
                key="first-session",
                kind="first-session",
                on=finished[0].date,
                title="Our first session together",
            )
        )
    for number in range(SESSION_STEP, len(finished) + 1, SESSION_STEP):
        wins.append(
            Win(
                key=f"session-{number}",
                kind="sessions",
                on=finished[number - 1].date,
                title=f"{number} sessions together",
            )
        )
    return wins


def _skill_wins(facts: WinFacts) -> list[Win]:
    wins: list[Win] = []
    for role in ROLES:
        rounds = sorted((r for r in facts.skill_rounds if r.role == role), key=lambda r: r.on)
        for change in growth(rounds, role):
            first = change.first
            for round_ in rounds:
                rating = round_.rating(change.skill)
                if rating is not None and rating - first >= SKILL_RISE:
                    name = facts.pair.person(role).name
                    wins.append(
                        Win(
                            key=f"skill-{role}-{_slug(change.skill)}",
                            kind="skill",
                            on=round_.on,
                            title=f"{name}: {change.skill} {first} → {rating}",
                            role=role,
                        )
                    )
                    break
    return wins


def detect_wins(facts: WinFacts) -> list[Win]:
    """Return every win the facts show, oldest first (keys are unique).

    First session and every fifth; each module completed; each goal achieved;
    25, 50 and 100 cards learned by a person (dated ``today``, the day it is
    noticed); a skill rated two points above its first rating; the midpoint
    and the end once reached.
    """
    pair = facts.pair
    wins = _session_wins(facts)
    titles = {m.id: m.title for m in facts.modules}
    completed = module_completions(facts.modules, facts.lessons, facts.marks, facts.sessions)
    for module_id, on in completed.items():
        wins.append(
            Win(
                key=f"module-{module_id}",
                kind="module",
                on=on,
                title=f"Finished the module “{titles[module_id]}”",
            )
        )
    for goal in facts.goals:
        if goal.status == "achieved":
            who = "Together" if goal.owner == "shared" else pair.person(goal.owner).name
            wins.append(
                Win(
                    key=f"goal-{goal.id}",
                    kind="goal",
                    on=goal.updated_on or facts.today,
                    title=f"{who}: goal achieved, “{goal.title}”",
                    role=None if goal.owner == "shared" else goal.owner,
                )
            )
    for role in ROLES:
        learned = facts.cards_learned.get(role, 0)
        for step in CARD_STEPS:
            if learned >= step:
                wins.append(
                    Win(
                        key=f"cards-{role}-{step}",
                        kind="cards",
                        on=facts.today,
                        title=f"{pair.person(role).name} has learned {step} cards",
                        role=role,
                    )
                )
    wins += _skill_wins(facts)
    if facts.midpoint is not None and facts.today >= facts.midpoint:
        wins.append(
            Win(
                key="midpoint",
                kind="midpoint",
                on=facts.midpoint,
                title="Halfway through the programme",
            )
        )
    if facts.end is not None and facts.today >= facts.end:
        wins.append(Win(key="end", kind="end", on=facts.end, title="The programme is complete"))
    return sorted(wins, key=lambda w: (w.on, w.key))


def unrecorded(recorded: Sequence[Win], detected: Sequence[Win]) -> list[Win]:
    """Return the detected wins not recorded yet (the ones to store and announce)."""
    known = {w.key for w in recorded}
    return [w for w in detected if w.key not in known]


def latest_wins(wins: Sequence[Win], count: int = 3) -> list[Win]:
    """Return the ``count`` most recent wins, newest first."""
    return sorted(wins, key=lambda w: (w.on, w.key), reverse=True)[:count]

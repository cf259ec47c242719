"""Which playbook challenges the journal points to: signals evaluated against the pair's data."""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.cadence import rhythm
from companion.domain.checkins import CheckIn
from companion.domain.content import Lesson, PlaybookEntry
from companion.domain.goals import Goal
from companion.domain.pair import Pair
from companion.domain.sessions import ActionItem, Session

OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt, "=": operator.eq}
RECENT = 3
"""How many recent sessions the journal patterns look at."""


@dataclass(frozen=True)
class JournalFacts:
    """The data the signals are checked against."""

    pair: Pair
    sessions: Sequence[Session]
    actions: Sequence[ActionItem]
    goals: Sequence[Goal]
    checkins: Sequence[CheckIn]
    lessons: Mapping[str, Lesson]
    today: date


def _recent(facts: JournalFacts) -> list[Session]:
    finished = sorted((s for s in facts.sessions if s.status == "finished"), key=lambda s: s.date)
    return finished[-RECENT:]


def journal_pattern(name: str, facts: JournalFacts) -> bool:
    """Return whether the journal shows the pattern ``name`` today."""
    recent = _recent(facts)
    if name == "sessions-overdue":
        return rhythm(facts.pair, facts.sessions, facts.today).overdue
    if name == "sessions-short":
        planned = facts.pair.session_minutes
        return len(recent) >= 2 and sum(s.minutes for s in recent) / len(recent) < planned * 0.7
    if name == "low-ratings":
        ratings = [r for s in recent if (r := s.average_rating()) is not None]
        return len(ratings) >= 2 and sum(ratings) / len(ratings) <= 3
    if name == "ratings-gap":
        gaps = [
            abs(s.reflections.mentor.rating - s.reflections.mentee.rating)
            for s in recent
            if s.reflections.mentor.rating and s.reflections.mentee.rating
        ]
        return any(gap >= 2 for gap in gaps)
    if name == "actions-overdue":
        late = [a for a in facts.actions if not a.done and a.due and a.due < facts.today]
        return len(late) >= 3
    if name == "goals-stalled":
        live = [g for g in facts.goals if g.status in ("not-started", "in-progress")]
        cutoff = facts.today - timedelta(weeks=6)
        return bool(live) and all(g.updated_on is None or g.updated_on < cutoff for g in live)
    if name == "one-sided-leading":
        leaders = [
            facts.lessons[i].led_by for s in recent for i in s.lesson_ids if i in facts.lessons
        ]
        return len(recent) >= RECENT and len(set(leaders)) == 1 and leaders[0] != "both"
    if name == "repeated-topics":
        modules = [
            facts.lessons[i].module for s in recent for i in s.lesson_ids if i in facts.lessons
        ]
        return len(recent) >= RECENT and len(modules) >= RECENT and len(set(modules)) == 1
    if name == "notes-thin":
        return len(recent) >= 2 and all(len(s.shared_notes.split()) < 15 for s in recent)
    return False


def checkin_answer(signal: str, facts: JournalFacts) -> bool:
    """Return whether either person's latest check-in answer meets ``checkin:<q> <op> <n>``."""
    match = re.match(r"^checkin:([a-z-]+)\s*(<=|>=|<|>|=)\s*([1-5])$", signal)
    if not match or not facts.checkins:
        return False
    question, op, value = match.group(1), OPS[match.group(2)], int(match.group(3))
    latest = max(facts.checkins, key=lambda c: c.date)
    scores = [answers.scores.get(question) for answers in (latest.mentor, latest.mentee)]  # type: ignore[arg-type]
    return any(score is not None and op(score, value) for score in scores)


def signal_holds(signal: str, facts: JournalFacts) -> bool:
    """Return whether one playbook signal holds."""
    if signal.startswith("journal:"):
        return journal_pattern(signal.removeprefix("journal:"), facts)
    return checkin_answer(signal, facts)


def challenges(
    playbook: Sequence[PlaybookEntry], facts: JournalFacts
) -> list[tuple[PlaybookEntry, list[str]]]:
    """Return the playbook entries with at least one signal that holds, and which ones."""
    found = []
    for entry in playbook:
        held = [s for s in entry.signals if signal_holds(s, facts)]
        if held:
            found.append((entry, held))
    return found

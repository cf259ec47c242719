"""Check-ins over time: each statement's scores for both people, and when the next one is due."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from companion.domain.base import ROLES, Role
from companion.domain.checkins import QUESTIONS, CheckIn
from companion.domain.content import PlaybookEntry
from companion.domain.sessions import Session
from companion.domain.settings import Settings
from companion.domain.signals import OPS

_SIGNAL = re.compile(r"^checkin:([a-z-]+)\s*(<=|>=|<|>|=)\s*([1-5])$")


@dataclass(frozen=True)
class Point:
    """One answer in a series."""

    on: date
    """The check-in's day."""
    score: int
    """The answer, 1 to 5."""
    checkin_id: str
    """The check-in it belongs to."""


@dataclass(frozen=True)
class StatementSeries:
    """One statement's answers over time, for both people."""

    question: str
    """The statement's key."""
    statement: str
    """The statement's words."""
    mentor: tuple[Point, ...]
    """The junior mentor's answers, oldest first."""
    mentee: tuple[Point, ...]
    """The senior mentee's answers, oldest first."""

    def of(self, role: Role) -> tuple[Point, ...]:
        """Return the answers of ``role``."""
        return self.mentor if role == "mentor" else self.mentee


def statement_series(checkins: Sequence[CheckIn]) -> list[StatementSeries]:
    """Return every statement's series (in the questionnaire's order), answered or not."""
    ordered = sorted(checkins, key=lambda c: c.date)

    def points(question: str, role: Role) -> tuple[Point, ...]:
        found = []
        for checkin in ordered:
            answers = checkin.mentor if role == "mentor" else checkin.mentee
            score = answers.scores.get(question)  # type: ignore[call-overload]
            if score is not None:
                found.append(Point(checkin.date, int(score), checkin.id))
        return tuple(found)

    return [
        StatementSeries(key, words, points(key, "mentor"), points(key, "mentee"))
        for key, words in QUESTIONS.items()
    ]


@dataclass(frozen=True)
class CheckInDue:
    """Whether the wrap-up should offer a check-in, and why."""

    due: bool
    """True when a check-in is due."""
    reason: str
    """Why (or why not), in a sentence."""
    sessions_since: int
    """Finished sessions since the last check-in (or since the start)."""
    days_since: int
    """Days since the last check-in (or since the start)."""


def checkin_due(
    settings: Settings,
    sessions: Sequence[Session],
    checkins: Sequence[CheckIn],
    today: date,
    started_on: date,
) -> CheckInDue:
    """Return whether a check-in is due at today's wrap-up.

    Due once ``settings.checkin_every_sessions`` finished sessions (today's
    included) have passed since the last check-in, or
    ``settings.checkin_every_days`` days. Nothing is stored when the pair says
    "later": the count keeps growing, so the next wrap-up asks again.
    """
    last = max((c.date for c in checkins), default=None)
    since = last if last is not None else started_on
    count = sum(1 for s in sessions if s.status == "finished" and (last is None or s.date > last))
    days = (today - since).days
    if count >= settings.checkin_every_sessions:
        reason = f"{count} sessions since the last check-in" if last else f"{count} sessions so far"
        return CheckInDue(True, reason + ".", count, days)
    if days >= settings.checkin_every_days:
        where = "the last check-in" if last else "the start"
        return CheckInDue(True, f"{days} days since {where}.", count, days)
    return CheckInDue(False, "Not due yet.", count, days)


@dataclass(frozen=True)
class Raised:
    """A playbook entry one low answer pointed to."""

    role: Role
    """Who gave the answer."""
    question: str
    """The statement's key."""
    score: int
    """The answer."""
    entry_id: str
    """The playbook entry."""
    entry_title: str
    """Its title."""


def raised_by(checkin: CheckIn, playbook: Sequence[PlaybookEntry]) -> list[Raised]:
    """Return the playbook entries the answers of ``checkin`` point to (``checkin:`` signals)."""
    found: list[Raised] = []
    for role in ROLES:
        answers = checkin.mentor if role == "mentor" else checkin.mentee
        for question, score in answers.scores.items():
            for entry in playbook:
                for signal in entry.signals:
                    match = _SIGNAL.match(signal)
                    if (
                        match
                        and match.group(1) == question
                        and OPS[match.group(2)](score, int(match.group(3)))
                    ):
                        found.append(Raised(role, question, score, entry.id, entry.title))
                        break
    return found

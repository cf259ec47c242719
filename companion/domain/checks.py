"""Rules that depend on today or on other records, checked before a save and never at load.

A model cannot know what day it is, and a rule tied to today would reject
stored history once the clock moves on (a session held "today" is not in the
future tomorrow, but one planned for tomorrow would become valid by itself).
So these rules are functions: forms and the use-case layer call them with the
local ``today`` before saving, and show each :class:`Problem` next to its
field. Every message is a sentence a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from companion.domain.date_input import describe_date
from companion.domain.errors import ReadableError
from companion.domain.goals import Goal
from companion.domain.sessions import ActionItem, AgendaItem, Session

HELD_MIN_MINUTES = 5
"""The shortest a held session can be."""

HELD_MAX_MINUTES = 240
"""The longest a held session can be."""

CONFIRM_START_DAYS = 365
"""A pair's start further than this from today is asked about."""

ACHIEVED_PROGRESS = 100
"""The progress of an achieved goal."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the form field it belongs to and a sentence."""

    field: str
    """The field's name (``date``, ``minutes``, ``agenda``, ``progress``, ``due``)."""
    message: str
    """What is wrong, as a sentence a person reads."""


def problems_by_field(problems: Iterable[Problem]) -> dict[str, str]:
    """Return the first message for each field, for showing next to form fields."""
    found: dict[str, str] = {}
    for problem in problems:
        found.setdefault(problem.field, problem.message)
    return found


def session_kind(day: date, today: date) -> Literal["planned", "held"]:
    """Return ``planned`` for a session after ``today``, ``held`` for one on or before it."""
    return "planned" if day > today else "held"


def minutes_problem(minutes: int) -> str | None:
    """Return why ``minutes`` cannot be a held session's length, or None when it can."""
    if HELD_MIN_MINUTES <= minutes <= HELD_MAX_MINUTES:
        return None
    return f"Minutes must be between {HELD_MIN_MINUTES} and {HELD_MAX_MINUTES}."


def held_date_problem(day: date, today: date) -> str | None:
    """Return why ``day`` cannot be a held session's date (after ``today``), or None."""
    if session_kind(day, today) == "held":
        return None
    return "A held session cannot be after today; a session still to come is planned, not held."


def due_problem(due: date | None, session_day: date | None) -> str | None:
    """Return why an action due ``due`` cannot come from a session on ``session_day``, or None."""
    if due is None or session_day is None or due >= session_day:
        return None
    return f"An action cannot be due before the session that made it ({session_day.isoformat()})."


class Refused(ReadableError):
    """A record the use-case layer will not save; its message is the form's sentence."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Refuse for ``problems`` (at least one)."""
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = list(problems)


_DEPENDS_ON = {
    "date": ("date",),
    "minutes": ("minutes", "status"),
    "agenda": ("agenda", "minutes", "status"),
    "due": ("due", "session_id"),
}
"""The fields each problem comes from: a save that leaves them as stored brings nothing new."""


def refuse(problems: Sequence[Problem], record: object = None, stored: object = None) -> None:
    """Raise :class:`Refused` for ``problems`` that this save of ``record`` brings in.

    With the ``stored`` version of the record, a problem whose fields are as
    stored is let through: a record kept from before a rule (an old 2-minute
    session, an action due before its session) can still be ticked off or
    annotated, but never changed into something the forms would refuse.
    """
    if stored is not None:
        problems = [
            p
            for p in problems
            if any(
                getattr(record, name, None) != getattr(stored, name, None)
                for name in _DEPENDS_ON.get(p.field, ())
            )
        ]
    if problems:
        raise Refused(problems)


@dataclass(frozen=True)
class AgendaSum:
    """The agenda's parts added up against the session's length, for a form to show live."""

    total: int
    """The parts' minutes added up."""
    minutes: int
    """The session's length."""
    message: str | None
    """Why the agenda cannot be saved, or None when it can."""

    @property
    def text(self) -> str:
        """The live sum, like ``55 of 60 minutes``."""
        return f"{self.total} of {self.minutes} minutes"

    @property
    def ok(self) -> bool:
        """True when the agenda can be saved."""
        return self.message is None


def agenda_sum(parts: Sequence[int | AgendaItem], minutes: int) -> AgendaSum:
    """Add up the agenda's parts (minutes, or items) and say what is wrong, if anything.

    Each part needs at least one minute, and the parts must add up to exactly
    the session's length.
    """
    values = [p.minutes if isinstance(p, AgendaItem) else p for p in parts]
    total = sum(values)
    message = None
    short = next((i for i, v in enumerate(values) if v < 1), None)
    if short is not None:
        message = f"Each part of the agenda needs at least 1 minute (part {short + 1} has none)."
    elif total != minutes:
        gap = minutes - total
        more = f"{gap} more" if gap > 0 else f"{-gap} fewer"
        message = (
            f"The parts add up to {total} minutes but the session is {minutes}: "
            f"give them {more} {'minute' if abs(gap) == 1 else 'minutes'}."
        )
    return AgendaSum(total, minutes, message)


def check_session(session: Session, today: date) -> list[Problem]:
    """Return what stops ``session`` being saved as it is, given the local ``today``.

    A session dated after today is still to come: it is planned, not held, so
    it cannot be recorded (or be running). A finished session lasted 5 to 240
    minutes. While a session runs, its agenda parts add up to its length.
    """
    problems: list[Problem] = []
    late = held_date_problem(session.date, today)
    if late:
        problems.append(Problem("date", late))
    if session.status == "finished":
        wrong = minutes_problem(session.minutes)
        if wrong:
            problems.append(Problem("minutes", wrong))
    elif session.agenda:
        total = agenda_sum(session.agenda, session.minutes)
        if total.message:
            problems.append(Problem("agenda", total.message))
    return problems


def check_goal(goal: Goal) -> list[Problem]:
    """Return what stops ``goal`` being saved: an achieved goal is at 100%."""
    question = achieved_question(goal)
    if question is None:
        return []
    return [
        Problem("progress", f"An achieved goal is at 100%, and this one is at {goal.progress}%.")
    ]


def achieved_question(goal: Goal) -> str | None:
    """Return the fix to offer when ``goal`` is marked achieved below 100%, else None."""
    if goal.status != "achieved" or goal.progress >= ACHIEVED_PROGRESS:
        return None
    return f"This goal is marked achieved but shows {goal.progress}%. Mark it 100%?"


def mark_complete(goal: Goal) -> Goal:
    """Return ``goal`` at 100% (the answer to :func:`achieved_question`)."""
    return goal.model_copy(update={"progress": ACHIEVED_PROGRESS})


def check_action(action: ActionItem, session: Session | None) -> list[Problem]:
    """Return what stops ``action`` being saved: it cannot be due before its session."""
    early = due_problem(action.due, session.date if session else None)
    return [Problem("due", early)] if early else []


def start_question(started_on: date, today: date) -> str | None:
    """Return the question to ask when a pair's start is more than a year back or ahead."""
    days = (started_on - today).days
    if abs(days) <= CONFIRM_START_DAYS:
        return None
    when = "more than a year ago" if days < 0 else "more than a year from now"
    return f"The programme starts {describe_date(started_on)}, {when}. Is that right?"

"""Small pure rules for running and wrapping up a session (local versions; see issue 10).

:class:`SessionClock` counts the time a session actually ran: it is fed monotonic
readings (``time.monotonic()``) by the caller, so pauses are excluded and a late or
missed timer tick never changes the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from companion.domain.checks import (
    HELD_MAX_MINUTES,
    HELD_MIN_MINUTES,
    due_problem,
    held_date_problem,
    minutes_problem,
)
from companion.domain.date_input import DateInputError, UnderstoodDate, parse_date_input
from companion.domain.session_clock import SHORT_SESSION_MINUTES, spent_minutes

HELD_MINUTES = (HELD_MIN_MINUTES, HELD_MAX_MINUTES)
"""A held session lasts between 5 and 240 minutes (the one rule: domain/checks.py)."""

__all__ = [
    "HELD_MINUTES",
    "SHORT_SESSION_MINUTES",
    "SHORT_SESSION_TITLE",
    "SessionClock",
    "agenda_sum_line",
    "check_agenda_minutes",
    "check_held_minutes",
    "check_wrap_up_minutes",
    "finish_short_label",
    "in_progress_line",
    "read_due_date",
    "read_held_date",
    "short_session_title",
    "spent_minutes",
]


@dataclass
class SessionClock:
    """Running time of one session, pauses excluded, from monotonic readings.

    ``base`` is the time already spent before this clock was made (a resumed session);
    ``segment_base`` the part of it spent in the current agenda part.
    """

    base: float = 0.0
    segment_base: float = 0.0
    _since: float | None = None
    _segment_start: float = 0.0

    def __post_init__(self) -> None:
        """The current part started ``segment_base`` seconds before the clock's base."""
        self._segment_start = self.base - self.segment_base

    @property
    def running(self) -> bool:
        """Whether the clock is counting."""
        return self._since is not None

    def start(self, now: float) -> None:
        """Start (or resume) counting at monotonic reading ``now``."""
        if self._since is None:
            self._since = now

    def pause(self, now: float) -> None:
        """Stop counting at ``now``; the time so far is kept."""
        if self._since is not None:
            self.base += max(0.0, now - self._since)
            self._since = None

    def elapsed(self, now: float) -> float:
        """Return the seconds spent so far (pauses excluded)."""
        running = max(0.0, now - self._since) if self._since is not None else 0.0
        return self.base + running

    def segment_elapsed(self, now: float) -> float:
        """Return the seconds spent in the current agenda part."""
        return max(0.0, self.elapsed(now) - self._segment_start)

    def next_segment(self, now: float) -> None:
        """Start timing a new agenda part at ``now``."""
        self._segment_start = self.elapsed(now)


def in_progress_line(started_at: datetime | None, zone: tzinfo | None) -> str:
    """Return the dashboard's line for an open session: its local start and the key to resume."""
    if started_at is None:
        return "A session is in progress — n resumes"
    return f"Session in progress since {started_at.astimezone(zone):%H:%M} — n resumes"


def read_held_date(text: str, today: date) -> UnderstoodDate:
    """Read a held session's date; raise DateInputError (a sentence) if after ``today``."""
    understood = parse_date_input(text, today)
    late = held_date_problem(understood.value, today)
    if late:
        raise DateInputError(late)
    return understood


def read_due_date(text: str, session_day: date, today: date | None = None) -> UnderstoodDate:
    """Read an action's due date; raise DateInputError if before the session that made it.

    ``+7d`` counts from ``today`` (by default the session's day).
    """
    understood = parse_date_input(text, today or session_day)
    early = due_problem(understood.value, session_day)
    if early:
        raise DateInputError(early)
    return understood


def check_held_minutes(text: str) -> tuple[int | None, str | None]:
    """Return (minutes, None) for a held session's length, or (None, a sentence)."""
    stripped = text.strip()
    if not stripped.isdigit():
        return None, minutes_problem(-1)
    problem = minutes_problem(int(stripped))
    return (None, problem) if problem else (int(stripped), None)


def check_agenda_minutes(text: str, parts: int) -> tuple[list[int] | None, str | None]:
    """Read ``parts`` agenda lengths typed as numbers; return them, or a sentence saying why not.

    Each part lasts at least a minute and together they make a held session's length.
    """
    numbers = text.split()
    if len(numbers) != parts or not all(n.isdigit() and int(n) >= 1 for n in numbers):
        return None, f"Give {parts} numbers of minutes, each at least 1."
    minutes = [int(n) for n in numbers]
    low, high = HELD_MINUTES
    if not low <= sum(minutes) <= high:
        return None, f"The parts add up to {sum(minutes)} minutes; a session lasts {low} to {high}."
    return minutes, None


def agenda_sum_line(text: str) -> str:
    """Return the live total under the agenda field: ``Total: 60 minutes``."""
    total = sum(int(n) for n in text.split() if n.isdigit())
    return f"Total: {total} minute{'s' if total != 1 else ''}"


def check_wrap_up_minutes(text: str) -> tuple[int | None, str | None]:
    """Return (minutes, None) for a typed session length, or (None, a sentence) when wrong.

    Under five minutes is let through here: the wrap-up then asks "finish, or
    discard this session?" (:func:`short_session_title`), and a finished session
    is never shorter than :data:`HELD_MIN_MINUTES`.
    """
    stripped = text.strip()
    if not stripped.isdigit():
        return None, "Write the session's length in whole minutes, for example 45."
    minutes = int(stripped)
    if minutes > HELD_MAX_MINUTES:
        return None, minutes_problem(minutes)
    return minutes, None


SHORT_SESSION_TITLE = "Finish, or discard this session?"
"""The wrap-up's question for a session under five minutes."""


def short_session_title(minutes: int) -> str | None:
    """Return why a length under five minutes is asked about (see :data:`SHORT_SESSION_TITLE`).

    None when the session is long enough to finish without asking.
    """
    if minutes >= SHORT_SESSION_MINUTES:
        return None
    ran = "less than a minute" if minutes < 1 else f"{minutes} minute{'s' if minutes != 1 else ''}"
    low, high = HELD_MINUTES
    return (
        f"This session ran {ran}; a held session lasts {low} to {high} minutes. "
        "Finish it, or discard it if it was started by mistake?"
    )


def finish_short_label() -> str:
    """Return the button that finishes a short session at the shortest held length."""
    return f"Finish it as {HELD_MIN_MINUTES} minutes"

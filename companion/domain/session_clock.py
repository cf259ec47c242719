"""The session's running clock: the time actually spent, pauses left out.

The session screen keeps a :class:`SessionClock` and asks it for the elapsed
time, instead of counting one-second ticks (ticks drift and stop counting while
the app is busy). Instants are seconds: ``time.monotonic()`` while the app runs,
or wall-clock datetimes (converted with :func:`instant`). A clock that goes
backwards never takes time off.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from companion.domain.checks import HELD_MIN_MINUTES

SHORT_SESSION_MINUTES = HELD_MIN_MINUTES
"""A session shorter than a held session's minimum asks whether to finish or discard it."""


def instant(moment: float | datetime) -> float:
    """Return ``moment`` as seconds (a datetime becomes its POSIX timestamp)."""
    return moment.timestamp() if isinstance(moment, datetime) else float(moment)


@dataclass(frozen=True)
class SessionClock:
    """A stopwatch that can pause: time banked so far plus the current run, if any."""

    banked: float = 0.0
    """Seconds counted in earlier runs (before the last pause)."""
    running_since: float | None = None
    """When the current run started; None while paused or not started."""

    @classmethod
    def resumed_from(cls, elapsed_seconds: float) -> SessionClock:
        """Return a paused clock that has already counted ``elapsed_seconds`` (on resume)."""
        return cls(banked=max(0.0, float(elapsed_seconds)))

    @property
    def running(self) -> bool:
        """True while the clock counts."""
        return self.running_since is not None

    def start(self, now: float | datetime) -> SessionClock:
        """Return the clock counting from ``now`` (a running clock is returned unchanged)."""
        if self.running:
            return self
        return replace(self, running_since=instant(now))

    def resume(self, now: float | datetime) -> SessionClock:
        """Return the clock counting again from ``now`` (the same as :meth:`start`)."""
        return self.start(now)

    def pause(self, now: float | datetime) -> SessionClock:
        """Return the clock stopped at ``now``, the current run banked."""
        if self.running_since is None:
            return self
        run = max(0.0, instant(now) - self.running_since)
        return SessionClock(banked=self.banked + run, running_since=None)

    def elapsed(self, now: float | datetime) -> float:
        """Return the seconds counted up to ``now``, pauses left out."""
        if self.running_since is None:
            return self.banked
        return self.banked + max(0.0, instant(now) - self.running_since)

    def elapsed_seconds(self, now: float | datetime) -> int:
        """Return the whole seconds counted up to ``now`` (what a session record stores)."""
        return int(self.elapsed(now))


def spent_minutes(elapsed_seconds: float) -> int:
    """Return ``elapsed_seconds`` as whole minutes, to the nearest minute."""
    return int(max(0.0, elapsed_seconds) / 60 + 0.5)


def short_session_question(elapsed_seconds: float) -> str | None:
    """Return "finish, or discard?" for a session under 5 minutes, else None.

    A mistaken wrap-up should not add a session (or an hour) to the mentoring log.
    """
    if elapsed_seconds >= SHORT_SESSION_MINUTES * 60:
        return None
    minutes = spent_minutes(elapsed_seconds)
    ran = (
        "less than a minute"
        if minutes < 1
        else f"{minutes} {'minute' if minutes == 1 else 'minutes'}"
    )
    return f"This session ran {ran}. Finish it, or discard this session?"

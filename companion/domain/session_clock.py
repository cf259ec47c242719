"""Minutes a session ran, and the question asked when it ran under five minutes.

The running clock itself is :class:`companion.domain.session_rules.SessionClock`.
"""

from __future__ import annotations

from companion.domain.checks import HELD_MIN_MINUTES

SHORT_SESSION_MINUTES = HELD_MIN_MINUTES
"""A session shorter than a held session's minimum asks whether to finish or discard it."""


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

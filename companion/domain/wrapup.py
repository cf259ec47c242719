"""Finishing a session: the record is closed and the junior's mentoring log gets its entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from companion.domain.content import Lesson
from companion.domain.log import LogEntry
from companion.domain.sessions import Reflections, Session

DEFAULT_SKILLS = ("explaining",)
"""Skills a session's log entry starts with; the junior can change them."""


def session_minutes(session: Session) -> int:
    """Return the minutes the session ran: the timer's count, else what was planned."""
    if session.elapsed_seconds >= 60:
        return round(session.elapsed_seconds / 60)
    return session.minutes


def finish(session: Session, reflections: Reflections) -> Session:
    """Return the session wrapped up with both reflections and its real length."""
    return session.model_copy(
        update={
            "reflections": reflections,
            "status": "finished",
            "minutes": session_minutes(session),
        }
    )


def log_entry_for(
    session: Session,
    lessons: Mapping[str, Lesson],
    existing: Sequence[LogEntry] = (),
) -> LogEntry:
    """Return the mentoring-log entry for a finished session.

    An entry already made for the same session is updated (keeping its id and
    the skills the junior chose), so wrapping up twice never logs twice.
    """
    titles = [lessons[i].title if i in lessons else i for i in session.lesson_ids]
    first_note = next(
        (line.strip() for line in session.shared_notes.splitlines() if line.strip()), ""
    )
    taught = first_note or "; ".join(
        objective for i in session.lesson_ids if i in lessons for objective in lessons[i].objectives
    )
    previous = next((e for e in existing if e.session_id == session.id), None)
    fields = {
        "date": session.date,
        "minutes": session.minutes,
        "topic": ", ".join(titles) or "Mentoring session",
        "taught": taught[:5000],
        "session_id": session.id,
        "lesson_ids": list(session.lesson_ids),
    }
    if previous is not None:
        return previous.model_copy(update=fields)
    return LogEntry(skills=list(DEFAULT_SKILLS), **fields)

"""Finishing a session: the record is closed and the junior's mentoring log gets its entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from companion.domain.content import Lesson
from companion.domain.log import LogEntry
from companion.domain.session_clock import spent_minutes
from companion.domain.sessions import Reflections, Session

DEFAULT_SKILLS = ("explaining",)
"""Skills a session's log entry starts with; the junior can change them."""


def session_minutes(session: Session) -> int:
    """Return the minutes the session actually ran (the clock, pauses excluded).

    A session whose clock never ran (``started_at`` unset and nothing counted,
    as when it is recorded afterwards) keeps the minutes it was given. A
    session wrapped up by mistake after a few seconds counts 0 minutes, never
    its planned hour; :func:`~companion.domain.session_clock.short_session_question`
    asks whether to finish or discard it.
    """
    if session.started_at is None and session.elapsed_seconds == 0:
        return session.minutes
    return spent_minutes(session.elapsed_seconds)


def finish(session: Session, reflections: Reflections, minutes: int | None = None) -> Session:
    """Return the session wrapped up with both reflections and its length.

    ``minutes`` is the length the wrap-up shows (editable there); by default the
    time actually spent (:func:`session_minutes`).
    """
    return session.model_copy(
        update={
            "reflections": reflections,
            "status": "finished",
            "minutes": session_minutes(session) if minutes is None else minutes,
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

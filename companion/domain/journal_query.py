"""Finding sessions: full-text search over notes and reflections, filters by module and month."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from companion.domain.content import Lesson
from companion.domain.sessions import Session


def month_of(session: Session) -> str:
    """Return the session's month as ``YYYY-MM``."""
    return session.date.strftime("%Y-%m")


def searchable_text(session: Session, lessons: Mapping[str, Lesson], include_private: bool) -> str:
    """Return everything a search may match in a session, lower-cased."""
    parts = [session.shared_notes]
    for reflection in (session.reflections.mentor, session.reflections.mentee):
        parts += [reflection.worked, reflection.adjust]
    parts += [lessons[i].title if i in lessons else i for i in session.lesson_ids]
    if include_private:
        parts += [session.private_notes.mentor, session.private_notes.mentee]
    return "\n".join(parts).lower()


def find_sessions(
    sessions: Sequence[Session],
    lessons: Mapping[str, Lesson],
    *,
    text: str = "",
    module: str | None = None,
    month: str | None = None,
    include_private: bool = False,
) -> list[Session]:
    """Return the sessions matching every given filter, newest first.

    ``text`` matches when every word of it appears somewhere in the session's
    notes, reflections or lesson titles (private notes only when asked).
    """
    words = text.lower().split()
    found = []
    for session in sessions:
        if month and month_of(session) != month:
            continue
        if module and not any(
            lessons[i].module == module for i in session.lesson_ids if i in lessons
        ):
            continue
        if words:
            haystack = searchable_text(session, lessons, include_private)
            if not all(word in haystack for word in words):
                continue
        found.append(session)
    return sorted(found, key=lambda s: s.date, reverse=True)

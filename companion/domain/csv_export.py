"""Spreadsheet-friendly exports: UTF-8 CSV with a header row and ISO dates.

Text cells that a spreadsheet would run as a formula (they begin with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with ``'``, as
OWASP advises against CSV injection; ``raw=True`` writes the cells untouched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from companion.domain.content import Lesson
from companion.domain.log import LogEntry
from companion.domain.sessions import ActionItem, Session

WHAT = ("sessions", "log", "actions")
"""What can be exported as CSV."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell begins when a spreadsheet would read it as a formula (OWASP's list)."""


def defuse(value: object) -> object:
    """Return ``value`` with a ``'`` in front when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write(header: Sequence[str], rows: Iterable[Sequence[object]], raw: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = ["" if value is None else value for value in row]
        writer.writerow(cells if raw else [defuse(value) for value in cells])
    return buffer.getvalue()


def sessions_csv(
    sessions: Sequence[Session],
    actions: Sequence[ActionItem],
    lessons: Mapping[str, Lesson],
    include_private: bool = False,
    raw: bool = False,
) -> str:
    """One row per session, oldest first (``raw``: formula-like cells left as they are)."""
    header = [
        "date",
        "minutes",
        "status",
        "lesson_ids",
        "lessons",
        "mentor_rating",
        "mentee_rating",
        "mentor_worked",
        "mentor_adjust",
        "mentee_worked",
        "mentee_adjust",
        "shared_notes",
        "open_actions",
    ]
    if include_private:
        header += ["mentor_private_notes", "mentee_private_notes"]
    rows = []
    for s in sorted(sessions, key=lambda item: item.date):
        m, e = s.reflections.mentor, s.reflections.mentee
        open_actions = sum(1 for a in actions if a.session_id == s.id and not a.done)
        row: list[object] = [
            s.date.isoformat(),
            s.minutes,
            s.status,
            ";".join(s.lesson_ids),
            "; ".join(lessons[i].title if i in lessons else i for i in s.lesson_ids),
            m.rating,
            e.rating,
            m.worked,
            m.adjust,
            e.worked,
            e.adjust,
            s.shared_notes,
            open_actions,
        ]
        if include_private:
            row += [s.private_notes.mentor, s.private_notes.mentee]
        rows.append(row)
    return _write(header, rows, raw)


def log_csv(entries: Sequence[LogEntry], raw: bool = False) -> str:
    """One row per mentoring-log entry, oldest first (``raw``: no formula guard)."""
    header = ["date", "minutes", "topic", "taught", "skills", "kind", "lesson_ids"]
    rows = [
        [
            e.date.isoformat(),
            e.minutes,
            e.topic,
            e.taught,
            ";".join(e.skills),
            "session" if e.session_id else "informal",
            ";".join(e.lesson_ids),
        ]
        for e in sorted(entries, key=lambda item: item.date)
    ]
    return _write(header, rows, raw)


def actions_csv(
    actions: Sequence[ActionItem], sessions: Sequence[Session], raw: bool = False
) -> str:
    """One row per action item, by due date (``raw``: no formula guard)."""
    dates = {s.id: s.date.isoformat() for s in sessions}
    header = ["session_date", "owner", "text", "due", "done", "done_on"]
    rows = [
        [
            dates.get(a.session_id or "", ""),
            a.owner,
            a.text,
            a.due.isoformat() if a.due else "",
            "yes" if a.done else "no",
            a.done_on.isoformat() if a.done_on else "",
        ]
        for a in sorted(actions, key=lambda item: (item.due is None, item.due))
    ]
    return _write(header, rows, raw)

"""Sessions: plan and start one, save it as it runs, wrap it up, delete it, capture terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.domain.agenda import default_agenda
from companion.domain.cards import Card, CardSource
from companion.domain.checks import check_session, refuse
from companion.domain.progress import lesson_statuses
from companion.domain.sessions import Session
from companion.domain.suggest import suggest_next
from companion.domain.wrapup import finish, log_entry_for

if TYPE_CHECKING:
    from datetime import date

    from companion.domain.cards import Card
    from companion.domain.sessions import AgendaItem, Reflections, Session
    from companion.programme.base import Core


def card_id_for(term: str, taken: set[str] | dict[str, Any]) -> str:
    """Return a kebab-case id for ``term`` that is not in ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")[:60].strip("-") or "term"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


@dataclass(frozen=True)
class SessionPlan:
    """What to offer when a session starts: every lesson, the ones ticked, why, the agenda."""

    choices: list[tuple[str, str]]
    """(title, lesson id) for every lesson, done ones marked with a tick."""
    preselected: list[str]
    """The lesson ids ticked at first: the ones asked for, else the suggestion."""
    reason: str
    """Why the suggestion was made ("" when lessons were asked for or nothing is suggested)."""
    agenda: list[AgendaItem]
    """The default agenda for the pair's session length."""


class Sessions:
    """The pair's sessions."""

    def __init__(self, programme: Core) -> None:
        """Serve ``programme``'s sessions."""
        self._programme = programme

    def all(self) -> list[Session]:
        """Return every session, oldest first."""
        return self._programme.store.journal.sessions()

    def get(self, session_id: str) -> Session | None:
        """Return one session by id."""
        return self._programme.store.journal.session(session_id)

    def open_session(self) -> Session | None:
        """Return the session still in progress, if there is one."""
        return next((s for s in self.all() if s.status == "in-progress"), None)

    def plan(self, lesson_ids: list[str] | None = None) -> SessionPlan:
        """Return what to offer when starting a session (``lesson_ids``: the ones asked for)."""
        journal = self._programme.store.journal
        curriculum = self._programme.curriculum
        sessions = journal.sessions()
        statuses = lesson_statuses(journal.lesson_marks(), sessions)
        suggestion = suggest_next(
            curriculum.ordered_modules(),
            curriculum.ordered_lessons(),
            statuses,
            sessions,
            journal.goals(),
        )
        reason = (
            ""
            if lesson_ids or suggestion is None
            else f"{curriculum.lessons[suggestion.lesson_id].title}. {suggestion.reason}"
        )
        pair = journal.pair()
        return SessionPlan(
            choices=[
                (lesson.title + (" (done)" if statuses.get(lesson.id) == "done" else ""), lesson.id)
                for lesson in curriculum.ordered_lessons()
            ],
            preselected=lesson_ids or ([suggestion.lesson_id] if suggestion else []),
            reason=reason,
            agenda=default_agenda(pair.session_minutes if pair else 60),
        )

    def start(self, lesson_ids: list[str], agenda: list[AgendaItem]) -> Session:
        """Start and save a new session covering ``lesson_ids`` with ``agenda``."""
        now = self._programme.now()
        session = Session(
            date=now.date(),
            minutes=sum(item.minutes for item in agenda),
            lesson_ids=lesson_ids,
            status="in-progress",
            started_at=now,
            agenda=agenda,
        )
        refuse(check_session(session, self._programme.today()))
        return self._programme.store.journal.add_session(session)

    def save(self, session: Session) -> Session:
        """Save a session as it stands (notes, timer, segment).

        Its old plain-text private notes are kept as stored: only the vault
        changes them (a screen's copy may predate a migration that removed them).
        Raises :class:`~companion.domain.checks.Refused` (the form's sentence) for a
        session after today, a finished one outside 5 to 240 minutes, or a running
        one whose agenda does not add up.
        """
        journal = self._programme.store.journal
        stored = journal.session(session.id)
        refuse(check_session(session, self._programme.today()), session, stored)
        return journal.update_session(self._keep_private(session))

    def _keep_private(self, session: Session) -> Session:
        stored = self._programme.store.journal.session(session.id)
        if stored is None or stored.private_notes == session.private_notes:
            return session
        return session.model_copy(update={"private_notes": stored.private_notes})

    def finish(
        self,
        session: Session,
        reflections: Reflections,
        next_on: date | None,
        *,
        minutes: int | None = None,
    ) -> Session:
        """Wrap the session up: save it finished, log it for the mentor, set the next date.

        ``minutes`` is the length the pair confirmed (else the time the clock counted).
        Raises :class:`~companion.domain.checks.Refused`, saving nothing, when the
        finished session breaks a rule (5 to 240 minutes, not after today).
        """
        journal = self._programme.store.journal
        done = finish(self._keep_private(session), reflections)
        if minutes is not None:
            done = done.model_copy(update={"minutes": minutes})
        refuse(check_session(done, self._programme.today()), done, journal.session(done.id))
        entry = log_entry_for(done, self._programme.curriculum.lessons, journal.log_entries())
        pair = journal.pair()
        journal.update_session(done)
        journal.add_log_entry(entry)
        if pair is not None and next_on is not None:
            journal.save_pair(pair.model_copy(update={"next_session_on": next_on}))
        return done

    def delete(self, session_id: str) -> bool:
        """Delete a session with its action items and its automatic log entry."""
        journal = self._programme.store.journal
        for item in journal.actions(session_id):
            journal.delete_action(item.id)
        for entry in journal.log_entries():
            if entry.session_id == session_id:
                journal.delete_log_entry(entry.id)
        return journal.delete_session(session_id)

    def capture_term(self, values: dict[str, Any], session_id: str) -> Card:
        """Store a term captured in a session as a card of the pair's own deck."""
        programme = self._programme
        taken = set(programme.curriculum.cards) | {c.id for c in programme.store.cards.cards()}
        card = Card(
            id=card_id_for(values["term"], taken),
            term=values["term"],
            definition=values["definition"],
            example=values.get("example", ""),
            deck="our-terms",
            audience=values["audience"],
            source=CardSource(kind="session", ref=session_id),
        )
        return programme.store.cards.put_card(card)

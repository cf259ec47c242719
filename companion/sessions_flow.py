"""Starting, resuming and finishing sessions, and capturing cards: the app's session verbs.

Kept out of ``app.py`` so the app class stays small; the app mixes this in.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.domain.cards import Card
    from companion.domain.sessions import AgendaItem, Reflections, Session
    from companion.storage.store import Store


def card_id_for(term: str, taken: set[str]) -> str:
    """Return a kebab-case id for ``term`` that is not in ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")[:60].strip("-") or "term"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


class SessionVerbs:
    """Session actions for :class:`~companion.app.CompanionApp` (a mix-in)."""

    store: Store

    def open_session(self) -> Session | None:
        """Return the session still in progress, if there is one."""
        return next((s for s in self.store.journal.sessions() if s.status == "in-progress"), None)

    def start_session(self, lesson_ids: list[str] | None = None) -> None:
        """Resume the open session, or ask which lessons to cover and start a new one."""
        from companion.dialogs.start_session import StartSessionDialog
        from companion.domain.progress import lesson_statuses
        from companion.domain.suggest import suggest_next

        app: Any = self
        current = self.open_session()
        if current is not None:
            self.resume_session(current)
            return
        journal = self.store.journal
        curriculum = app.curriculum
        statuses = lesson_statuses(journal.lesson_marks(), journal.sessions())
        suggestion = suggest_next(
            curriculum.ordered_modules(),
            curriculum.ordered_lessons(),
            statuses,
            journal.sessions(),
            journal.goals(),
        )
        preselected = lesson_ids or ([suggestion.lesson_id] if suggestion else [])
        choices = [
            (("✓ " if statuses.get(lesson.id) == "done" else "") + lesson.title, lesson.id)
            for lesson in curriculum.ordered_lessons()
        ]
        reason = (
            ""
            if lesson_ids or suggestion is None
            else (f"{curriculum.lessons[suggestion.lesson_id].title}. {suggestion.reason}")
        )
        from companion.domain.agenda import default_agenda

        pair = journal.pair()
        dialog = StartSessionDialog(
            choices, preselected, reason, default_agenda(pair.session_minutes if pair else 60)
        )
        app.push_screen(dialog, lambda lesson_ids: self._begin(lesson_ids, dialog.agenda))

    def _begin(self, lesson_ids: list[str] | None, agenda: list[AgendaItem]) -> None:
        from companion.domain.sessions import Session

        if lesson_ids is None:
            return
        app: Any = self
        session = Session(
            date=app.now().date(),
            minutes=sum(item.minutes for item in agenda),
            lesson_ids=lesson_ids,
            status="in-progress",
            started_at=app.now(),
            agenda=agenda,
        )
        if app.save(lambda: self.store.journal.add_session(session), "The new session"):
            self.resume_session(session)

    def resume_session(self, session: Session) -> None:
        """Open the runner on ``session``."""
        from companion.screens.session import SessionScreen

        app: Any = self
        app.push_screen(SessionScreen(session))

    def offer_resume(self) -> None:
        """On start, offer to carry on with a session left open (closed or killed app)."""
        from companion.dialogs.message import ConfirmDialog

        current = self.open_session()
        if current is None:
            return
        app: Any = self

        def answer(yes: bool | None) -> None:
            if yes:
                self.resume_session(current)

        app.push_screen(
            ConfirmDialog(
                "Resume the open session?",
                f"The session of {current.date.strftime('%a %d %b')} was not wrapped up. "
                "Its notes are saved. Carry on with it now?",
                "Resume",
            ),
            answer,
        )

    def finish_session(
        self, session: Session, reflections: Reflections, next_on: date | None
    ) -> bool:
        """Wrap the session up: save it finished, log it for the mentor, set the next date."""
        from companion.domain.wrapup import finish, log_entry_for

        app: Any = self
        journal = self.store.journal
        done = finish(session, reflections)
        entry = log_entry_for(done, app.curriculum.lessons, journal.log_entries())
        pair = journal.pair()

        def write() -> bool:
            journal.update_session(done)
            journal.add_log_entry(entry)
            if pair is not None and next_on is not None:
                journal.save_pair(pair.model_copy(update={"next_session_on": next_on}))
            return True

        return bool(app.save(write, "The session"))

    def delete_session(self, session_id: str) -> bool:
        """Delete a session with its action items and its automatic log entry."""
        app: Any = self
        journal = self.store.journal

        def write() -> bool:
            for item in journal.actions(session_id):
                journal.delete_action(item.id)
            for entry in journal.log_entries():
                if entry.session_id == session_id:
                    journal.delete_log_entry(entry.id)
            return journal.delete_session(session_id)

        return bool(app.save(write, "The deletion"))

    def capture_card(self, values: dict[str, Any], session_id: str) -> Card | None:
        """Store a term captured in a session as a card of the pair's own deck."""
        from companion.domain.cards import Card, CardSource

        app: Any = self
        taken = set(app.curriculum.cards) | {c.id for c in self.store.cards.cards()}
        card = Card(
            id=card_id_for(values["term"], taken),
            term=values["term"],
            definition=values["definition"],
            example=values.get("example", ""),
            deck="our-terms",
            audience=values["audience"],
            source=CardSource(kind="session", ref=session_id),
        )
        return app.save(lambda: self.store.cards.put_card(card), "The card")

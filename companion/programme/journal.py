"""The pair's journal: the pair, settings, goals, action items, log, check-ins, lesson marks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from companion.domain.checkins import CheckIn
from companion.domain.checks import check_action, refuse
from companion.domain.pair import first_names
from companion.domain.progress import LessonMark, lesson_statuses

if TYPE_CHECKING:
    from companion.domain.checkins import CheckIn
    from companion.domain.goals import Goal
    from companion.domain.log import LogEntry
    from companion.domain.pair import Pair
    from companion.domain.progress import LessonMark, LessonStatus
    from companion.domain.sessions import ActionItem
    from companion.domain.settings import Settings
    from companion.programme.base import Core
    from companion.storage.repositories import JournalRepository


class Journal:
    """Reading and writing the journal's records (each write atomic, on disk at once)."""

    def __init__(self, programme: Core) -> None:
        """Serve ``programme``'s journal."""
        self._programme = programme

    @property
    def _journal(self) -> JournalRepository:
        return self._programme.store.journal

    # -- the pair and its settings ----------------------------------------------------

    def pair(self) -> Pair | None:
        """Return the pair, or None before onboarding."""
        return self._journal.pair()

    def save_pair(self, pair: Pair) -> Pair:
        """Save the pair (people, rhythm, agreement)."""
        return self._journal.save_pair(pair)

    def owner_choices(self) -> list[tuple[str, str]] | None:
        """Who can own a goal or an action, by the pair's names (None before onboarding)."""
        pair = self.pair()
        if pair is None:
            return None
        return [(pair.mentee.name, "mentee"), (pair.mentor.name, "mentor"), ("Both", "shared")]

    def first_names(self) -> dict[str, str]:
        """Return each role's first name (``Mentor``/``Mentee`` before onboarding)."""
        return first_names(self.pair())

    def settings(self) -> Settings:
        """Return the settings (defaults when none were saved)."""
        return self._journal.settings()

    def save_settings(self, settings: Settings) -> Settings:
        """Save the settings."""
        return self._journal.save_settings(settings)

    def save_theme(self, theme: str) -> None:
        """Remember the theme (written only when it changed)."""
        settings = self.settings()
        if settings.theme != theme:
            self.save_settings(settings.model_copy(update={"theme": theme}))

    # -- goals, action items, log, check-ins ----------------------------------------------

    def goals(self) -> list[Goal]:
        """Return every goal."""
        return self._journal.goals()

    def goal(self, goal_id: str) -> Goal | None:
        """Return one goal by id."""
        return next((g for g in self.goals() if g.id == goal_id), None)

    def save_goal(self, goal: Goal) -> Goal:
        """Add or update a goal."""
        return self._journal.update_goal(goal)

    def delete_goal(self, goal_id: str) -> bool:
        """Delete a goal; return whether it existed."""
        return self._journal.delete_goal(goal_id)

    def actions(self, session_id: str | None = None) -> list[ActionItem]:
        """Return every action item, or those of one session."""
        return self._journal.actions(session_id)

    def action(self, action_id: str) -> ActionItem | None:
        """Return one action item by id."""
        return next((a for a in self.actions() if a.id == action_id), None)

    def save_action(self, item: ActionItem) -> ActionItem:
        """Add or update an action item.

        Raises :class:`~companion.domain.checks.Refused` (the form's sentence) when
        it is due before the session that made it.
        """
        session = self._journal.session(item.session_id) if item.session_id else None
        refuse(check_action(item, session), item, self.action(item.id))
        return self._journal.update_action(item)

    def delete_action(self, action_id: str) -> bool:
        """Delete an action item; return whether it existed."""
        return self._journal.delete_action(action_id)

    def log_entries(self) -> list[LogEntry]:
        """Return the mentoring log."""
        return self._journal.log_entries()

    def log_entry(self, entry_id: str) -> LogEntry | None:
        """Return one log entry by id."""
        return next((e for e in self.log_entries() if e.id == entry_id), None)

    def save_log_entry(self, entry: LogEntry) -> LogEntry:
        """Add or update a log entry."""
        return self._journal.update_log_entry(entry)

    def delete_log_entry(self, entry_id: str) -> bool:
        """Delete a log entry; return whether it existed."""
        return self._journal.delete_log_entry(entry_id)

    def checkins(self) -> list[CheckIn]:
        """Return every check-in."""
        return self._journal.checkins()

    def take_checkin(self, values: dict[str, Any]) -> CheckIn:
        """Validate and record a check-in from both people (``ValidationError`` when invalid)."""
        checkin = CheckIn.model_validate(values)
        return self._journal.add_checkin(checkin)

    # -- lessons ------------------------------------------------------------------------

    def lesson_marks(self) -> list[LessonMark]:
        """Return the lessons marked by hand."""
        return self._journal.lesson_marks()

    def lesson_statuses(self) -> dict[str, LessonStatus]:
        """Return each lesson's status (from marks and finished sessions)."""
        return lesson_statuses(self.lesson_marks(), self._journal.sessions())

    def toggle_lesson_done(self, lesson_id: str) -> bool:
        """Mark a lesson done, or not started again if it was done; return the new 'done'."""
        done = self.lesson_statuses().get(lesson_id) == "done"
        self._journal.mark_lesson(
            LessonMark(
                lesson_id=lesson_id,
                status="not-started" if done else "done",
                updated_on=self._programme.today(),
            )
        )
        return not done

"""Typed repository methods over the data files; they take and return domain models."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from companion.domain.base import Role
from companion.domain.cards import Card, CardState
from companion.domain.checkins import CheckIn
from companion.domain.closing import KeepDoing
from companion.domain.expectations import ExpectationEntry
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.plan import Pause, Reschedule
from companion.domain.private import PersonVault
from companion.domain.progress import LessonMark
from companion.domain.sessions import ActionItem, Session
from companion.domain.settings import Settings
from companion.domain.skills import SkillRound
from companion.domain.wins import Win, unrecorded
from companion.storage.changes import ChangeCounter
from companion.storage.jsonstorage import AtomicJSONStorage, CompanionDB, CountingTable
from companion.storage.records import Records
from companion.storage.reviews import ReviewRepository

__all__ = ["CardRepository", "JournalRepository", "ReviewRepository", "open_db"]


def open_db(
    path: Path,
    preloaded: dict[str, Any],
    guard: Callable[[Path], None] | None = None,
    changes: ChangeCounter | None = None,
) -> TinyDB:
    """Open a TinyDB on ``path`` with our atomic storage and already validated content.

    ``guard(path)`` runs before every write and may refuse it by raising; each
    write to a table is counted in ``changes``.
    """
    db = CompanionDB(path, storage=AtomicJSONStorage, preloaded=preloaded, guard=guard)
    if changes is not None:
        db.table_class = partial(CountingTable, changes=changes)  # type: ignore[assignment]
    return db


def _by_id(item: Any) -> str:
    return str(item.id)


def _by_lesson(mark: LessonMark) -> str:
    return mark.lesson_id


def _by_role(vault: PersonVault) -> str:
    return vault.role


def _single(_: Any) -> str:
    return "1"


Validated = Mapping[str, Mapping[str, Any]]


class JournalRepository:
    """The journal: the pair, its sessions and everything recorded about the programme.

    Pair, settings, goals, sessions, action items, check-ins, the mentoring log,
    lesson marks, and the evaluation records: skill ratings, expectations, wins,
    pauses and reschedules.
    """

    def __init__(self, db: TinyDB, validated: Validated | None = None) -> None:
        """Serve the journal database ``db``; ``validated`` holds records checked on open."""
        self._db = db
        v = validated or {}
        self._pair = Records(db.table("pair"), Pair, _single, v.get("pair"))
        self._settings = Records(db.table("settings"), Settings, _single, v.get("settings"))
        self._goals = Records(db.table("goals"), Goal, _by_id, v.get("goals"))
        self._sessions = Records(db.table("sessions"), Session, _by_id, v.get("sessions"))
        self._actions = Records(db.table("actions"), ActionItem, _by_id, v.get("actions"))
        self._checkins = Records(db.table("checkins"), CheckIn, _by_id, v.get("checkins"))
        self._log = Records(db.table("log"), LogEntry, _by_id, v.get("log"))
        self._vaults = Records(db.table("private"), PersonVault, _by_role, v.get("private"))
        self._marks = Records(
            db.table("progress"), LessonMark, lambda m: m.lesson_id, v.get("progress")
        )
        self._skills = Records(db.table("skills"), SkillRound, _by_id, v.get("skills"))
        self._expectations = Records(
            db.table("expectations"), ExpectationEntry, _by_id, v.get("expectations")
        )
        self._wins = Records(db.table("wins"), Win, lambda w: w.key, v.get("wins"))
        self._pauses = Records(db.table("pauses"), Pause, _by_id, v.get("pauses"))
        self._reschedules = Records(
            db.table("reschedules"), Reschedule, lambda r: str(r.slot), v.get("reschedules")
        )
        self._closing = Records(db.table("closing"), KeepDoing, lambda k: k.role, v.get("closing"))

    def pair(self) -> Pair | None:
        """Return the pair, or None before onboarding."""
        return self._pair.single()

    def save_pair(self, pair: Pair) -> Pair:
        """Store the pair."""
        return self._pair.put_single(pair)

    def settings(self) -> Settings:
        """Return the settings (defaults until changed)."""
        return self._settings.single() or Settings()

    def save_settings(self, settings: Settings) -> Settings:
        """Store the settings."""
        return self._settings.put_single(settings)

    def goals(self) -> list[Goal]:
        """Return every goal, in the order they were added."""
        return self._goals.all()

    def add_goal(self, goal: Goal) -> Goal:
        """Store a new goal (or replace one with the same id)."""
        return self._goals.put(goal)

    update_goal = add_goal

    def delete_goal(self, goal_id: str) -> bool:
        """Delete a goal; return whether it existed."""
        return self._goals.delete(goal_id)

    def sessions(self) -> list[Session]:
        """Return every session, oldest first."""
        return sorted(self._sessions.all(), key=lambda s: (s.date, s.started_at is None))

    def session(self, session_id: str) -> Session | None:
        """Return one session, or None."""
        return self._sessions.get(session_id)

    def add_session(self, session: Session) -> Session:
        """Store a new session (or replace one with the same id)."""
        return self._sessions.put(session)

    update_session = add_session

    def delete_session(self, session_id: str) -> bool:
        """Delete a session; return whether it existed."""
        return self._sessions.delete(session_id)

    def actions(self, session_id: str | None = None) -> list[ActionItem]:
        """Return action items, all of them or those of one session."""
        items = self._actions.all()
        return items if session_id is None else [a for a in items if a.session_id == session_id]

    def add_action(self, item: ActionItem) -> ActionItem:
        """Store a new action item (or replace one with the same id)."""
        return self._actions.put(item)

    update_action = add_action

    def delete_action(self, action_id: str) -> bool:
        """Delete an action item; return whether it existed."""
        return self._actions.delete(action_id)

    def checkins(self) -> list[CheckIn]:
        """Return every check-in, oldest first."""
        return sorted(self._checkins.all(), key=lambda c: c.date)

    def checkin(self, checkin_id: str) -> CheckIn | None:
        """Return one check-in, or None."""
        return self._checkins.get(checkin_id)

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        """Store a check-in."""
        return self._checkins.put(checkin)

    def log_entries(self) -> list[LogEntry]:
        """Return the mentoring log, oldest first."""
        return sorted(self._log.all(), key=lambda e: e.date)

    def add_log_entry(self, entry: LogEntry) -> LogEntry:
        """Store a new log entry (or replace one with the same id)."""
        return self._log.put(entry)

    update_log_entry = add_log_entry

    def delete_log_entry(self, entry_id: str) -> bool:
        """Delete a log entry; return whether it existed."""
        return self._log.delete(entry_id)

    def vault(self, role: Role) -> PersonVault | None:
        """Return ``role``'s sealed private notes, or None before they set a passphrase."""
        return self._vaults.get(role)

    def save_vault(self, vault: PersonVault) -> PersonVault:
        """Store one person's sealed notes: a single atomic write of the journal."""
        return self._vaults.put(vault)

    def delete_vault(self, role: Role) -> bool:
        """Delete ``role``'s passphrase check and sealed notes; return whether they existed."""
        return self._vaults.delete(role)

    def lesson_marks(self) -> list[LessonMark]:
        """Return the lesson statuses the pair set."""
        return self._marks.all()

    def mark_lesson(self, mark: LessonMark) -> LessonMark:
        """Set a lesson's status (replacing an earlier mark)."""
        return self._marks.put(mark)

    def skill_rounds(self, role: Role | None = None) -> list[SkillRound]:
        """Return skill rating rounds, of both people or one, oldest first."""
        rounds = sorted(self._skills.all(), key=lambda r: r.on)
        return rounds if role is None else [r for r in rounds if r.role == role]

    def add_skill_round(self, round_: SkillRound) -> SkillRound:
        """Store a rating round (or replace one with the same id)."""
        return self._skills.put(round_)

    update_skill_round = add_skill_round

    def delete_skill_round(self, round_id: str) -> bool:
        """Delete a rating round; return whether it existed."""
        return self._skills.delete(round_id)

    def expectations(self) -> list[ExpectationEntry]:
        """Return every expectation said, oldest first."""
        return sorted(self._expectations.all(), key=lambda e: e.on)

    def add_expectation(self, entry: ExpectationEntry) -> ExpectationEntry:
        """Store an expectation (or replace one with the same id)."""
        return self._expectations.put(entry)

    def keep_doing(self) -> list[KeepDoing]:
        """Return what each person said they will keep doing (at most one each)."""
        return sorted(self._closing.all(), key=lambda k: k.role)

    def save_keep_doing(self, entry: KeepDoing) -> KeepDoing:
        """Store what a person will keep doing, replacing what they said before."""
        return self._closing.put(entry)

    def wins(self) -> list[Win]:
        """Return the wins recorded, oldest first."""
        return sorted(self._wins.all(), key=lambda w: (w.on, w.key))

    def record_wins(self, detected: list[Win]) -> list[Win]:
        """Store the detected wins not recorded yet and return them (the ones to announce).

        A win already recorded keeps its first date; recording twice adds nothing.
        """
        fresh = unrecorded(self._wins.all(), detected)
        if fresh:
            self._wins.put_many(fresh)
        return fresh

    def pauses(self) -> list[Pause]:
        """Return the pauses, earliest first."""
        return sorted(self._pauses.all(), key=lambda p: p.starts_on)

    def add_pause(self, pause: Pause) -> Pause:
        """Store a pause (or replace one with the same id)."""
        return self._pauses.put(pause)

    update_pause = add_pause

    def delete_pause(self, pause_id: str) -> bool:
        """Delete a pause; return whether it existed."""
        return self._pauses.delete(pause_id)

    def reschedules(self) -> list[Reschedule]:
        """Return the planned sessions that were moved, by their number in the plan."""
        return sorted(self._reschedules.all(), key=lambda r: r.slot)

    def reschedule(self, slot: int) -> Reschedule | None:
        """Return how planned session ``slot`` was moved, or None."""
        return self._reschedules.get(str(slot))

    def save_reschedule(self, move: Reschedule) -> Reschedule:
        """Store a move of a planned session (replacing an earlier move of it)."""
        return self._reschedules.put(move)

    def delete_reschedule(self, slot: int) -> bool:
        """Put planned session ``slot`` back on its planned day; return whether it was moved."""
        return self._reschedules.delete(str(slot))


def _state_key(state: CardState) -> str:
    return f"{state.role}:{state.card_id}"


class CardRepository:
    """Cards the pair owns (captured, imported, edited) and each person's review state.

    Writes are counted per table by the store's
    :class:`~companion.storage.changes.ChangeCounter` (``cards``, ``states``).
    """

    def __init__(self, db: TinyDB, validated: Validated | None = None) -> None:
        """Serve the cards database ``db``; ``validated`` holds records checked on open."""
        v = validated or {}
        self._cards = Records(db.table("cards"), Card, _by_id, v.get("cards"))
        self._states = Records(db.table("states"), CardState, _state_key, v.get("states"))

    def cards(self) -> list[Card]:
        """Return the stored cards (the shipped decks come from the curriculum)."""
        return self._cards.all()

    def put_card(self, card: Card) -> Card:
        """Store a card, replacing one with the same id."""
        return self._cards.put(card)

    def put_cards(self, cards: list[Card], *, validated: bool = False) -> None:
        """Store several cards (an import); new ones in one write.

        ``validated``: every card was built by validation (not ``model_copy``), so
        it is not validated a second time.
        """
        self._cards.put_many(cards, validated=validated)

    def delete_card(self, card_id: str) -> bool:
        """Delete a stored card; return whether it existed."""
        return self._cards.delete(card_id)

    def states(self, role: Role | None = None) -> list[CardState]:
        """Return review states, of everyone or of one person."""
        items = self._states.all()
        return items if role is None else [s for s in items if s.role == role]

    def state(self, card_id: str, role: Role) -> CardState | None:
        """Return one person's state for one card, or None if they never met it."""
        return self._states.get(f"{role}:{card_id}")

    def put_state(self, state: CardState) -> CardState:
        """Store one person's state for one card."""
        return self._states.put(state)

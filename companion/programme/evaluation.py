"""Evaluating the programme: timeline, skills growth, check-in trends, expectations and wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from companion.domain.checkin_trends import (
    CheckInDue,
    Raised,
    StatementSeries,
    checkin_due,
    raised_by,
    statement_series,
)
from companion.domain.closing import KeepDoing, closing_offered
from companion.domain.date_input import DateInputError
from companion.domain.expectations import (
    ExpectationEntry,
    Moment,
    SideBySide,
    latest,
    side_by_side,
    suggested_entry,
)
from companion.domain.plan import Pause, Reschedule
from companion.domain.reschedule import move_next, next_slot
from companion.domain.skills import (
    RoundKind,
    SkillChange,
    SkillRound,
    SkillScore,
    growth,
    largest_gains,
    rounds_due,
)
from companion.domain.timeline import Timeline, timeline
from companion.domain.wins import Win, WinFacts, cards_learned, detect_wins, latest_wins

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.domain.checkins import CheckIn
    from companion.domain.content import PlaybookEntry
    from companion.programme.base import Core
    from companion.storage.repositories import JournalRepository


@dataclass(frozen=True)
class CheckInTrends:
    """Every statement's scores over time, and the playbook entries each check-in raised."""

    series: list[StatementSeries]
    """One series per statement, in the questionnaire's order."""
    checkins: list[CheckIn]
    """The check-ins, oldest first."""
    raised: dict[str, list[Raised]]
    """Per check-in id, the playbook entries its low answers pointed to."""


@dataclass(frozen=True)
class Expectations:
    """Both people's latest expectations side by side, and the suggestion when none is shared."""

    view: SideBySide
    """The two expectations and the shared themes."""
    suggestion: tuple[PlaybookEntry, str] | None
    """The playbook entry to suggest, with why (None when they share a theme)."""


class Evaluation:
    """Use cases for evaluating and celebrating: each read is fresh, each write atomic."""

    def __init__(self, programme: Core) -> None:
        """Evaluate ``programme``."""
        self._programme = programme

    @property
    def _journal(self) -> JournalRepository:
        return self._programme.store.journal

    # -- the timeline -------------------------------------------------------------------

    def timeline(self) -> Timeline | None:
        """Return the programme's timeline today, or None before onboarding."""
        journal = self._journal
        pair = journal.pair()
        if pair is None:
            return None
        return timeline(
            pair,
            journal.sessions(),
            self._programme.today(),
            journal.pauses(),
            journal.reschedules(),
        )

    def add_pause(self, starts_on: date, ends_on: date, reason: str = "") -> Pause:
        """Record a pause (``ValidationError`` when it ends before it starts)."""
        return self._journal.add_pause(Pause(starts_on=starts_on, ends_on=ends_on, reason=reason))

    def reschedule_next(self, on: date, at: time | None = None) -> Reschedule | None:
        """Move the next planned session to ``on`` (at ``at``); the timeline and ICS follow.

        The move is kept as a reschedule of that planned session (same calendar
        UID, higher SEQUENCE) and becomes the pair's agreed next date, which the
        dashboard shows. With no planned session left, only the agreed date is
        set and None is returned. A day before today raises ``DateInputError``.
        """
        journal = self._journal
        pair = journal.pair()
        plan = self.timeline()
        if pair is None or plan is None:
            return None
        today = self._programme.today()
        if on < today:
            raise DateInputError("The next session cannot be before today.")
        slot = next_slot(plan)
        move = None
        if slot is not None:
            move = journal.save_reschedule(move_next(slot, on, at, today, self._programme.now()))
        journal.save_pair(pair.model_copy(update={"next_session_on": on}))
        return move

    # -- skills -------------------------------------------------------------------------

    def skills(self, role: Role) -> list[str]:
        """Return the skills ``role`` rates (Settings, else the defaults)."""
        return self._journal.settings().skills(role)

    def rounds(self) -> list[SkillRound]:
        """Return every rating round, oldest first."""
        return self._journal.skill_rounds()

    def growth(self, role: Role) -> list[SkillChange]:
        """Return ``role``'s first rating against the latest, per skill."""
        return growth(self.rounds(), role)

    def largest_gains(self, count: int = 2) -> list[SkillChange]:
        """Return the ``count`` largest gains across both people."""
        return largest_gains(self.rounds(), count)

    def round_kind(self, role: Role) -> RoundKind:
        """Return the kind of round ``role`` takes today: onboarding, midpoint, end or ad hoc."""
        plan = self.timeline()
        if plan is None:
            return "adhoc"
        pair = self._journal.pair()
        assert pair is not None  # a timeline exists only with a pair
        due = rounds_due(pair, self.rounds(), plan.today, plan.midpoint, plan.end)
        return next((kind for who, kind in due if who == role), "adhoc")

    def rate(self, role: Role, scores: list[tuple[str, int, str]]) -> SkillRound:
        """Record ``role``'s ratings today: (skill, 1–5, evidence) each (``ValidationError``)."""
        round_ = SkillRound(
            role=role,
            on=self._programme.today(),
            kind=self.round_kind(role),
            scores=[SkillScore(skill=s, rating=r, evidence=e) for s, r, e in scores],
        )
        return self._journal.add_skill_round(round_)

    # -- check-ins ----------------------------------------------------------------------

    def trends(self) -> CheckInTrends:
        """Return every statement's series and the playbook entries each check-in raised."""
        checkins = sorted(self._journal.checkins(), key=lambda c: c.date)
        playbook = list(self._programme.curriculum.playbook.values())
        return CheckInTrends(
            series=statement_series(checkins),
            checkins=checkins,
            raised={c.id: raised_by(c, playbook) for c in checkins},
        )

    def checkin_due(self) -> CheckInDue | None:
        """Return whether today's wrap-up should offer a check-in (None before onboarding)."""
        journal = self._journal
        pair = journal.pair()
        if pair is None:
            return None
        return checkin_due(
            journal.settings(),
            journal.sessions(),
            journal.checkins(),
            self._programme.today(),
            pair.started_on,
        )

    # -- expectations -------------------------------------------------------------------

    def expectations(self) -> Expectations | None:
        """Return both latest expectations side by side (None before onboarding)."""
        pair = self._journal.pair()
        if pair is None:
            return None
        view = side_by_side(pair, self._journal.expectations())
        playbook = list(self._programme.curriculum.playbook.values())
        return Expectations(view, suggested_entry(view, playbook))

    def latest_expectation(self, role: Role) -> ExpectationEntry | None:
        """Return what ``role`` last said they want from the programme, or None."""
        return latest(self._journal.expectations(), role)

    def say_expectation(
        self,
        role: Role,
        sentence: str,
        themes: list[str],
        moment: Moment = "adhoc",
        checkin_id: str | None = None,
    ) -> ExpectationEntry:
        """Keep what ``role`` wants from the programme today (``ValidationError`` when invalid).

        Said again on the same day at the same moment, it replaces that day's
        entry (an edit); on a later day it is a new entry, so the history stays.
        """
        today = self._programme.today()
        same_day = next(
            (
                e
                for e in self._journal.expectations()
                if e.role == role and e.on == today and e.moment == moment
            ),
            None,
        )
        entry = ExpectationEntry.model_validate(
            {
                **({"id": same_day.id} if same_day is not None else {}),
                "role": role,
                "on": today,
                "sentence": sentence,
                "themes": themes,
                "moment": moment,
                "checkin_id": checkin_id,
            }
        )
        return self._journal.add_expectation(entry)

    # -- the closing session ---------------------------------------------------------

    def closing_offered(self, held: int, planned: int) -> bool:
        """Return whether the dashboard offers the closing session (reads no sessions).

        ``held`` and ``planned`` are the counts the dashboard already has.
        """
        pair = self._journal.pair()
        if pair is None:
            return False
        return closing_offered(pair, self._journal.pauses(), self._programme.today(), held, planned)

    def keep_doing(self) -> list[KeepDoing]:
        """Return what each person said they will keep doing."""
        return self._journal.keep_doing()

    def say_keep_doing(self, role: Role, text: str) -> KeepDoing:
        """Keep what ``role`` will keep doing, replacing what they said before (ValidationError)."""
        entry = KeepDoing.model_validate(
            {"role": role, "on": self._programme.today(), "text": text}
        )
        return self._journal.save_keep_doing(entry)

    # -- wins ---------------------------------------------------------------------------

    def wins(self) -> list[Win]:
        """Return every win recorded, oldest first."""
        return self._journal.wins()

    def latest_wins(self, count: int = 3) -> list[Win]:
        """Return the ``count`` most recent wins, newest first."""
        return latest_wins(self.wins(), count)

    def record_wins(self) -> list[Win]:
        """Detect the wins the journal shows, keep the new ones and return them (to announce).

        Run after a wrap-up, a goal saved, a review or a rating round; running it
        again adds nothing.
        """
        programme = self._programme
        journal = self._journal
        pair = journal.pair()
        if pair is None:
            return []
        plan = self.timeline()
        curriculum = programme.curriculum
        facts = WinFacts(
            pair=pair,
            today=programme.today(),
            sessions=journal.sessions(),
            goals=journal.goals(),
            modules=curriculum.ordered_modules(),
            lessons=list(curriculum.lessons.values()),
            marks=journal.lesson_marks(),
            cards_learned=cards_learned(programme.store.cards.states()),
            skill_rounds=journal.skill_rounds(),
            midpoint=plan.midpoint if plan else None,
            end=plan.end if plan else None,
        )
        return journal.record_wins(detect_wins(facts))

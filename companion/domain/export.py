"""The whole journal as one model, for ``companion export --format json``."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from companion.domain.base import Model
from companion.domain.cards import Card, CardState, ReviewLog
from companion.domain.checkins import CheckIn
from companion.domain.closing import KeepDoing
from companion.domain.expectations import ExpectationEntry
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.plan import Pause, Reschedule
from companion.domain.sessions import ActionItem, Session
from companion.domain.settings import Settings
from companion.domain.skills import SkillRound
from companion.domain.wins import Win


class JournalExport(Model):
    """Everything the pair has recorded, serialised by pydantic."""

    format: str = "companion-journal"
    """What this document is."""
    schema_version: int = 1
    """The data schema it follows."""
    exported_at: datetime
    """When it was exported."""
    includes_private_notes: bool = False
    """Whether private notes are included."""
    pair: Pair | None = None
    """The pair, if onboarding is done."""
    settings: Settings = Field(default_factory=Settings)
    """The settings."""
    goals: list[Goal] = Field(default_factory=list)
    """Every goal."""
    sessions: list[Session] = Field(default_factory=list)
    """Every session, oldest first."""
    actions: list[ActionItem] = Field(default_factory=list)
    """Every action item."""
    checkins: list[CheckIn] = Field(default_factory=list)
    """Every check-in."""
    log: list[LogEntry] = Field(default_factory=list)
    """The junior mentor's mentoring log."""
    cards: list[Card] = Field(default_factory=list)
    """Cards the pair added, captured or imported."""
    card_states: list[CardState] = Field(default_factory=list)
    """Each person's review state per card."""
    review_logs: list[ReviewLog] = Field(default_factory=list)
    """Every review."""
    skill_rounds: list[SkillRound] = Field(default_factory=list)
    """Every skills self-assessment."""
    expectations: list[ExpectationEntry] = Field(default_factory=list)
    """What each person wanted from the programme, over time."""
    wins: list[Win] = Field(default_factory=list)
    """The milestones reached."""
    pauses: list[Pause] = Field(default_factory=list)
    """The agreed breaks."""
    reschedules: list[Reschedule] = Field(default_factory=list)
    """Planned sessions that were moved."""
    keep_doing: list[KeepDoing] = Field(default_factory=list)
    """What each person said at the closing session they will keep doing."""

    def to_json(self) -> str:
        """Return the export as indented JSON, leaving private notes out unless included."""
        exclude = (
            None if self.includes_private_notes else {"sessions": {"__all__": {"private_notes"}}}
        )
        return self.model_dump_json(indent=2, exclude=exclude)

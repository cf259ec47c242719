"""What the sample pair has recorded: one plain record, filled by :mod:`companion.domain.sample`."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.domain.base import Role
from companion.domain.cards import CardState, ReviewLog
from companion.domain.checkins import CheckIn
from companion.domain.expectations import ExpectationEntry
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.sessions import ActionItem, Session
from companion.domain.skills import SkillRound
from companion.domain.wins import Win

__all__ = ["Sample"]


@dataclass
class Sample:
    """Everything the sample pair has recorded."""

    pair: Pair
    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    states: list[CardState] = field(default_factory=list)
    reviews: list[ReviewLog] = field(default_factory=list)
    private_notes: dict[Role, dict[str, str]] = field(default_factory=dict)
    """Each person's private notes by session id (sealed when written, never stored plain)."""
    private_comments: dict[Role, dict[str, str]] = field(default_factory=dict)
    """Each person's private check-in comments by check-in id (sealed when written)."""
    skill_rounds: list[SkillRound] = field(default_factory=list)
    expectations: list[ExpectationEntry] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)

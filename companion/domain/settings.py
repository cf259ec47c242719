"""The pair's settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from companion.domain.base import Model, Role
from companion.domain.errors import between
from companion.domain.skills import skills_for
from companion.domain.study_settings import RETENTION_MAX, RETENTION_MIN

SkillList = list[
    Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
]
"""Skill names a person rates; empty means the defaults."""


class Settings(Model):
    """Preferences stored with the journal."""

    theme: Annotated[str, Field(min_length=1, max_length=80)] = "textual-dark"
    """The name of a Textual theme."""
    new_cards_per_day: Annotated[int, Field(ge=0, le=200)] = 10
    """How many new cards each person is shown per day."""
    desired_retention: Annotated[
        float,
        Field(ge=RETENTION_MIN, le=RETENTION_MAX),
        between(RETENTION_MIN, RETENTION_MAX),
    ] = 0.9
    """The recall probability FSRS aims for, from 0.70 to 0.97 (see ``RETENTION_MIN``).

    The same range as the Settings form (``study_settings.read_retention``). A
    stored file holding a value outside it (0.98 and 0.99 were once allowed)
    still opens: its settings record is set aside in ``quarantine.json`` with
    the reason, like any other invalid record, and the defaults apply until the
    pair saves their settings again.
    """
    mentor_skills: Annotated[SkillList, Field(max_length=20)] = Field(default_factory=list)
    """The skills the junior mentor rates; empty means the defaults (see ``domain.skills``)."""
    mentee_skills: Annotated[SkillList, Field(max_length=20)] = Field(default_factory=list)
    """The skills the senior mentee rates; empty means the defaults."""
    checkin_every_sessions: Annotated[int, Field(ge=1, le=52)] = 4
    """The wrap-up offers a check-in once this many sessions passed without one."""
    checkin_every_days: Annotated[int, Field(ge=7, le=366)] = 30
    """…or once this many days passed without one (a month by default)."""

    def skills(self, role: Role) -> list[str]:
        """Return the skills ``role`` rates (the configured ones, else the defaults)."""
        return skills_for(role, self.mentor_skills if role == "mentor" else self.mentee_skills)

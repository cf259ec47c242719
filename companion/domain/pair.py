"""The two people, their pair and the agreement they made."""

from __future__ import annotations

import hashlib
from datetime import time
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from companion.domain.base import Day, Model, Role, Text
from companion.domain.errors import between

Cadence = Literal["weekly", "fortnightly", "monthly"]
"""How often the pair plans to meet."""

CADENCE_DAYS: dict[str, int] = {"weekly": 7, "fortnightly": 14, "monthly": 30}
"""The number of days between sessions for each cadence (a month counts as 30 days)."""


class Person(Model):
    """One member of the pair."""

    name: Text
    """The name the app uses for this person."""
    role: Role
    """``mentor`` for the junior who teaches, ``mentee`` for the senior who learns."""
    title: Annotated[str, Field(max_length=200)] = ""
    """Job title, optional."""
    department: Annotated[str, Field(max_length=200)] = ""
    """Department or team, optional."""


class Expectations(Model):
    """What each person hopes to get from the programme, in a sentence."""

    mentor: Annotated[str, Field(max_length=2000)] = ""
    """The junior mentor's expectation."""
    mentee: Annotated[str, Field(max_length=2000)] = ""
    """The senior mentee's expectation."""


class Pair(Model):
    """A reverse-mentoring pair and the shape of their programme."""

    id: Annotated[str, Field(max_length=64)] = ""
    """A stable key for the pair (calendar UIDs use it). A pair stored before it
    existed gets one derived from its start date and names, so it never changes
    between reads."""
    mentor: Person
    """The junior employee who teaches technology and culture."""
    mentee: Person
    """The senior leader who learns, and coaches in return."""
    started_on: Day
    """The date of the first session, or the planned start."""
    cadence: Cadence = "fortnightly"
    """How often they meet."""
    session_minutes: Annotated[int, Field(ge=15, le=240), between(15, 240)] = 60
    """The planned length of a session, in minutes."""
    programme_weeks: Annotated[int, Field(ge=1, le=260), between(1, 260)] = 26
    """How long the programme runs, in weeks."""
    agreement: list[Text] = Field(default_factory=list)
    """The ground rules both people agreed to."""
    expectations: Expectations = Field(default_factory=Expectations)
    """Each person's expectations."""
    next_session_on: Day | None = None
    """The date they agreed for the next session, when they set one."""
    session_time: time | None = None
    """The time of day they usually meet, when they agreed one."""

    @model_validator(mode="before")
    @classmethod
    def _stable_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            data = dict(data)
            names = [
                str(p.get("name", "")) if isinstance(p, dict) else str(getattr(p, "name", ""))
                for p in (data.get("mentor"), data.get("mentee"))
            ]
            seed = "|".join([str(data.get("started_on", "")), *names])
            data["id"] = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:12]
        return data

    @model_validator(mode="after")
    def _roles_match(self) -> Pair:
        if self.mentor.role != "mentor":
            raise ValueError("the mentor must have the role 'mentor'")
        if self.mentee.role != "mentee":
            raise ValueError("the mentee must have the role 'mentee'")
        return self

    def person(self, role: Role) -> Person:
        """Return the person who has ``role``."""
        return self.mentor if role == "mentor" else self.mentee


def first_names(pair: Pair | None) -> dict[str, str]:
    """Return each role's first name (``Mentor``/``Mentee`` before onboarding)."""
    if pair is None:
        return {"mentor": "Mentor", "mentee": "Mentee"}
    return {"mentor": pair.mentor.name.split()[0], "mentee": pair.mentee.name.split()[0]}

"""The junior mentor's mentoring log: evidence of their own growth."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from companion.domain.base import Day, Model, Text, new_id
from companion.domain.errors import between

SUGGESTED_SKILLS: tuple[str, ...] = (
    "explaining",
    "listening",
    "planning",
    "presenting",
    "feedback",
    "coaching",
    "patience",
    "influencing",
)
"""Skills the log suggests tagging; any other kebab-case word is accepted."""


class LogEntry(Model):
    """One entry in the mentoring log: a session or an informal moment of mentoring."""

    id: str = Field(default_factory=new_id)
    """The entry's id."""
    date: Day
    """When it happened."""
    minutes: Annotated[int, Field(ge=0, le=1440), between(0, 1440)]
    """Time spent mentoring."""
    topic: Text
    """What it was about, in a line."""
    taught: Annotated[str, Field(max_length=5000)] = ""
    """What the junior taught or explained."""
    skills: list[Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]] = Field(
        default_factory=list
    )
    """Skills practised, as kebab-case tags (for example ``explaining``)."""
    session_id: str | None = None
    """The session this entry was made from; None for an informal entry."""
    lesson_ids: list[str] = Field(default_factory=list)
    """Lessons covered."""

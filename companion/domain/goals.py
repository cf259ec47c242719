"""Goals in both directions: the senior's digital learning and the junior's growth."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from companion.domain.base import Day, Model, Owner, Text, new_id
from companion.domain.errors import between

GoalStatus = Literal["not-started", "in-progress", "achieved", "dropped"]
"""Where a goal stands."""


class Goal(Model):
    """A goal one person (or both) works towards during the programme."""

    id: str = Field(default_factory=new_id)
    """The goal's id."""
    owner: Owner
    """Whose goal it is: ``mentor``, ``mentee`` or ``shared``."""
    title: Text
    """The goal in a line."""
    why: Annotated[str, Field(max_length=2000)] = ""
    """Why it matters to its owner."""
    measure: Annotated[str, Field(max_length=2000)] = ""
    """How they will know it is achieved."""
    target_date: Day | None = None
    """When they hope to achieve it."""
    status: GoalStatus = "not-started"
    """Where it stands."""
    progress: Annotated[int, Field(ge=0, le=100), between(0, 100)] = 0
    """Progress in percent."""
    lesson_ids: list[str] = Field(default_factory=list)
    """Lessons that help with this goal."""
    updated_on: Day | None = None
    """When the goal last changed (status or progress)."""

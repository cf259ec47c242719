"""Sessions the pair holds together, and the action items that come out of them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from companion.domain.base import Day, LongText, Model, Moment, Role, Text, new_id
from companion.domain.clock import to_utc
from companion.domain.errors import between

Rating = Annotated[int, Field(ge=1, le=5), between(1, 5)]
"""A rating from 1 (poor) to 5 (excellent)."""

SessionStatus = Literal["in-progress", "finished"]
"""Whether a session is still running or has been wrapped up."""


class PrivateNotes(Model):
    """Notes only their author sees; never exported unless asked."""

    mentor: LongText = ""
    """The junior mentor's private notes."""
    mentee: LongText = ""
    """The senior mentee's private notes."""


class Reflection(Model):
    """One person's rating and reflection at the end of a session."""

    rating: Rating | None = None
    """How the session went, 1 to 5."""
    worked: Annotated[str, Field(max_length=2000)] = ""
    """One line on what worked."""
    adjust: Annotated[str, Field(max_length=2000)] = ""
    """One line on what to adjust next time."""


class Reflections(Model):
    """Both people's reflections on a session."""

    mentor: Reflection = Field(default_factory=Reflection)
    """The junior mentor's reflection."""
    mentee: Reflection = Field(default_factory=Reflection)
    """The senior mentee's reflection."""

    def of(self, role: Role) -> Reflection:
        """Return the reflection of ``role``."""
        return self.mentor if role == "mentor" else self.mentee


class AgendaItem(Model):
    """One time box of a session's agenda."""

    key: Annotated[str, Field(min_length=1, max_length=40)]
    """A short key (``check-in``, ``lesson`` …)."""
    title: Text
    """What happens in it."""
    minutes: Annotated[int, Field(ge=1, le=600), between(1, 600)]
    """Its length."""


class Session(Model):
    """A session the pair held (or is holding) together.

    Its action items are stored as :class:`ActionItem` records that point back
    to the session by ``session_id``, because they outlive it: they are
    followed up and ticked off in later sessions.
    """

    id: str = Field(default_factory=new_id)
    """The session's id."""
    date: Day
    """The day it took place."""
    minutes: Annotated[int, Field(ge=0, le=600), between(0, 600)] = 60
    """How long it lasted."""
    lesson_ids: list[str] = Field(default_factory=list)
    """The lessons covered."""
    shared_notes: LongText = ""
    """Notes both people see."""
    private_notes: PrivateNotes = Field(default_factory=PrivateNotes)
    """Each person's private notes."""
    reflections: Reflections = Field(default_factory=Reflections)
    """Each person's rating and reflection."""
    status: SessionStatus = "finished"
    """``in-progress`` until the wrap-up is done."""
    started_at: Moment | None = None
    """When the session was started in the app (stored in UTC)."""
    agenda: list[AgendaItem] = Field(default_factory=list)
    """The time boxes planned for the session."""
    segment: Annotated[int, Field(ge=0)] = 0
    """The agenda item the session is on (while in progress)."""
    elapsed_seconds: Annotated[int, Field(ge=0)] = 0
    """Time the session has run so far (the timer excludes pauses)."""
    segment_seconds: Annotated[int, Field(ge=0)] = 0
    """Time spent in the current agenda item."""

    _utc_start = field_validator("started_at")(
        lambda v: to_utc(v) if isinstance(v, datetime) else v
    )

    def average_rating(self) -> float | None:
        """Return the mean of the ratings given, or None when nobody rated it."""
        ratings = [r.rating for r in (self.reflections.mentor, self.reflections.mentee) if r.rating]
        return sum(ratings) / len(ratings) if ratings else None


class ActionItem(Model):
    """Something one person agreed to do before a later session."""

    id: str = Field(default_factory=new_id)
    """The action item's id."""
    owner: Literal["mentor", "mentee", "shared"]
    """Who will do it."""
    text: Text
    """What will be done."""
    due: Day | None = None
    """When it is due."""
    done: bool = False
    """Whether it has been done."""
    session_id: str | None = None
    """The session it came from, if any."""
    done_on: Day | None = None
    """When it was ticked off."""

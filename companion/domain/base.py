"""Shared building blocks for the domain models: the base model, roles and ids."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

Role = Literal["mentor", "mentee"]
"""Who someone is in the pair: the junior *mentor* or the senior *mentee*."""

Leader = Literal["mentor", "mentee", "both"]
"""Who leads a lesson."""

Owner = Literal["mentor", "mentee", "shared"]
"""Who owns a goal: one person or both."""

ROLES: tuple[Role, Role] = ("mentor", "mentee")
"""Both roles, the junior mentor first."""

KebabId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80),
]
"""An id written in kebab-case: lower-case letters, digits and single hyphens."""

TEXT_MAX = 2000
"""The most characters a :data:`Text` holds."""

LONG_TEXT_MAX = 200_000
"""The most characters a :data:`LongText` (notes) holds."""

PRIVATE_TEXT_MAX = 50_000
"""The most characters of private notes the editor takes: sealed, they must fit the
400,000-character cap of a sealed note even when every character takes 4 bytes."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX)]
"""A required, non-blank line of text."""

LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX)]
"""Free text such as notes; may be empty."""


FIRST_DAY = date(1970, 1, 1)
"""The earliest date a record may hold."""

LAST_DAY = date(2100, 12, 31)
"""The latest date a record may hold (later ones overflow date arithmetic)."""

DATE_RANGE_MESSAGE = "dates must be between 1970 and 2100"
"""What a person is told about a date outside :data:`FIRST_DAY`..:data:`LAST_DAY`."""

Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
"""A calendar date between 1970 and 2100."""

Moment = Annotated[
    datetime,
    Field(
        ge=datetime(1970, 1, 1, tzinfo=UTC),
        le=datetime(2100, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ),
]
"""A point in time between 1970 and 2100."""

AwareMoment = Annotated[
    AwareDatetime,
    Field(
        ge=datetime(1970, 1, 1, tzinfo=UTC),
        le=datetime(2100, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ),
]
"""A point in time with its time zone, between 1970 and 2100."""


def new_id() -> str:
    """Return a fresh, random record id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


class Model(BaseModel):
    """Base of every domain model: strict about unknown fields, and frozen.

    Frozen, because repositories hand out the records they cache: a change is
    made with ``model_copy(update=...)`` and saved, never by assignment.
    Validators are built on first use (``defer_build``), so start-up only pays
    for the models it needs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

"""Glossary cards, each person's review state for a card, and the log of reviews."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from companion.domain.base import AwareMoment, KebabId, Model, Role, Text

SourceKind = Literal["shipped", "lesson", "session", "user", "import"]
"""Where a card came from."""


class CardSource(Model):
    """Where a card came from: the shipped decks, a lesson, a session, the user or an import."""

    kind: SourceKind = "user"
    """The kind of source."""
    ref: str = ""
    """The lesson id or session id, when there is one."""


class Card(Model):
    """A glossary card: a term, what it means, and an example of its use."""

    id: KebabId
    """Unique id across all decks."""
    term: Text
    """The word or phrase."""
    definition: Text
    """What it means, in one or two sentences."""
    example: Annotated[str, Field(max_length=2000)] = ""
    """A sentence that uses the term."""
    tags: list[str] = Field(default_factory=list)
    """Free tags for filtering."""
    deck: KebabId
    """The deck the card belongs to."""
    audience: Role
    """Who the card is meant for: ``mentee`` (the senior) or ``mentor`` (the junior)."""
    source: CardSource = Field(default_factory=CardSource)
    """Where the card came from."""


CardPhase = Literal[1, 2, 3]
"""FSRS state: 1 learning, 2 review, 3 relearning."""


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


class CardState(Model):
    """One person's memory state for one card, as scheduled by FSRS."""

    card_id: KebabId
    """The card."""
    role: Role
    """Whose state it is."""
    due: AwareMoment
    """When the card is next due (UTC)."""
    phase: CardPhase = 1
    """FSRS state: 1 learning, 2 review, 3 relearning."""
    step: Annotated[int, Field(ge=0)] | None = 0
    """FSRS learning step, None once in review."""
    stability: float | None = None
    """FSRS stability in days."""
    difficulty: float | None = None
    """FSRS difficulty."""
    last_review: AwareMoment | None = None
    """When the card was last reviewed (UTC)."""
    reviews: Annotated[int, Field(ge=0)] = 0
    """How many times this person has reviewed the card."""

    _normalise = field_validator("due", "last_review")(
        lambda v: _utc(v) if isinstance(v, datetime) else v
    )

    @property
    def is_new(self) -> bool:
        """True while the person has never reviewed the card."""
        return self.reviews == 0


class ReviewLog(Model):
    """One review of one card by one person."""

    card_id: KebabId
    """The card reviewed."""
    role: Role
    """Who reviewed it."""
    rating: Annotated[int, Field(ge=1, le=4)]
    """1 Again, 2 Hard, 3 Good, 4 Easy."""
    reviewed_at: AwareMoment
    """When (UTC)."""
    duration_ms: Annotated[int, Field(ge=0)] | None = None
    """How long the answer took."""

    _normalise = field_validator("reviewed_at")(lambda v: _utc(v))

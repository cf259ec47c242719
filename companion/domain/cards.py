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
    guid: Annotated[str, Field(max_length=200)] = ""
    """The Anki note's guid, when the card was imported from Anki with one and it is not the id.

    Written back by the Anki export, so re-importing into Anki updates the note.
    """

    @property
    def anki_guid(self) -> str:
        """The guid the Anki export writes: the imported note's own, or the card id."""
        return self.guid or self.id


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
    first_review: AwareMoment | None = None
    """When the person first reviewed the card (UTC): the day it was introduced."""

    _normalise = field_validator("due", "last_review", "first_review")(
        lambda v: _utc(v) if isinstance(v, datetime) else v
    )

    @property
    def is_new(self) -> bool:
        """True while the person has never reviewed the card."""
        return self.reviews == 0

    @property
    def introduced_at(self) -> datetime | None:
        """When the card was first reviewed, if known.

        States saved before ``first_review`` was kept know it only while the
        card has had a single review.
        """
        if self.first_review is not None:
            return self.first_review
        return self.last_review if self.reviews == 1 else None


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

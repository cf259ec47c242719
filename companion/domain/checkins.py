"""Check-ins: both people answer the same short set of statements from time to time."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from companion.domain.base import Day, Model, new_id

Question = Literal[
    "worth-the-time",
    "speak-freely",
    "keeping-pace",
    "goals-progress",
    "look-forward",
    "feedback-flows",
    "trust-confidentiality",
    "good-fit",
]
"""The key of a check-in statement."""

QUESTIONS: dict[str, str] = {
    "worth-the-time": "Our sessions are worth the time they take.",
    "speak-freely": "I can say what I really think in our sessions.",
    "keeping-pace": "We meet as often as we planned.",
    "goals-progress": "I am making progress on my goals.",
    "look-forward": "I look forward to our sessions.",
    "feedback-flows": "Honest feedback flows both ways between us.",
    "trust-confidentiality": "I trust that what I share stays between us.",
    "good-fit": "We work well together as a pair.",
}
"""Every check-in statement, answered from 1 (disagree) to 5 (agree)."""

Score = Annotated[int, Field(ge=1, le=5)]
"""An answer from 1 (disagree) to 5 (agree)."""


class CheckInAnswers(Model):
    """One person's answers to a check-in."""

    scores: dict[Question, Score] = Field(default_factory=dict)
    """The answer to each statement that was answered."""
    comment: Annotated[str, Field(max_length=5000)] = ""
    """A comment shared with the partner (``shared``), else an old plain-text private one.

    Private comments are sealed in the writer's vault (``companion.privacy``);
    new ones never land here. Journals from before encryption may still hold an
    unshared comment here until its writer's first unlock migrates it.
    """
    shared: bool = False
    """Whether the person ticked "share with my partner" for their comment."""


class CheckIn(Model):
    """A check-in: both people's answers on one day."""

    id: str = Field(default_factory=new_id)
    """The check-in's id."""
    date: Day
    """When it was taken."""
    mentor: CheckInAnswers = Field(default_factory=CheckInAnswers)
    """The junior mentor's answers."""
    mentee: CheckInAnswers = Field(default_factory=CheckInAnswers)
    """The senior mentee's answers."""

"""What each person wants from the programme, side by side, and the themes they share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from companion.domain.base import Day, Model, Role, Text, new_id
from companion.domain.content import PlaybookEntry
from companion.domain.pair import Pair

Theme = Literal["tools", "social-media", "ai", "leadership", "careers", "culture", "other"]
"""What an expectation is about."""

THEMES: dict[str, str] = {
    "tools": "Tools",
    "social-media": "Social media",
    "ai": "AI",
    "leadership": "Leadership",
    "careers": "Careers",
    "culture": "Culture",
    "other": "Other",
}
"""Every theme and its label, in the order screens list them."""

GOALS_OUT_OF_LINE = "goals-out-of-line"
"""The playbook entry suggested when the two share no theme."""

Moment = Literal["onboarding", "checkin", "adhoc"]
"""When an expectation was said: at onboarding, at a check-in, or at another time."""


class ExpectationEntry(Model):
    """One person's expectation of the programme on one day."""

    id: str = Field(default_factory=new_id)
    """The entry's id."""
    role: Role
    """Whose expectation it is."""
    on: Day
    """When it was said."""
    sentence: Text
    """What the person wants from the programme, in a sentence."""
    themes: Annotated[list[Theme], Field(max_length=len(THEMES))] = Field(default_factory=list)
    """What it is about."""
    moment: Moment = "onboarding"
    """Onboarding, a check-in or another time."""
    checkin_id: str | None = None
    """The check-in it was said at, if any."""

    @field_validator("themes")
    @classmethod
    def _unique(cls, themes: list[Theme]) -> list[Theme]:
        return sorted(set(themes), key=list(THEMES).index)


def latest(entries: Sequence[ExpectationEntry], role: Role) -> ExpectationEntry | None:
    """Return the most recent expectation of ``role``, or None."""
    own = [e for e in entries if e.role == role]
    return max(own, key=lambda e: e.on) if own else None


@dataclass(frozen=True)
class SideBySide:
    """Both people's latest expectations and what they share."""

    mentor: ExpectationEntry | None
    """The junior mentor's latest expectation."""
    mentee: ExpectationEntry | None
    """The senior mentee's latest expectation."""
    shared: tuple[str, ...]
    """The themes both chose ("other" never counts as shared)."""
    suggest_entry: str | None
    """``goals-out-of-line`` when both chose themes and share none, else None."""
    reason: str
    """Why the entry is suggested (empty when it is not)."""


def _labels(themes: Sequence[str]) -> str:
    return ", ".join(THEMES[t].lower() if t != "ai" else "AI" for t in themes)


def side_by_side(pair: Pair, entries: Sequence[ExpectationEntry]) -> SideBySide:
    """Return both latest expectations, their shared themes and, when none, the suggestion."""
    mentor, mentee = latest(entries, "mentor"), latest(entries, "mentee")
    if mentor is None or mentee is None or not mentor.themes or not mentee.themes:
        return SideBySide(mentor, mentee, (), None, "")
    shared = tuple(t for t in mentor.themes if t in mentee.themes and t != "other")
    if shared:
        return SideBySide(mentor, mentee, shared, None, "")
    reason = (
        f"{pair.mentor.name} wants {_labels(mentor.themes)} and {pair.mentee.name} wants "
        f"{_labels(mentee.themes)}: your expectations share no theme."
    )
    return SideBySide(mentor, mentee, (), GOALS_OUT_OF_LINE, reason)


def suggested_entry(
    view: SideBySide, playbook: Sequence[PlaybookEntry]
) -> tuple[PlaybookEntry, str] | None:
    """Return the playbook entry to suggest with its reason, or None."""
    if view.suggest_entry is None:
        return None
    entry = next((e for e in playbook if e.id == view.suggest_entry), None)
    return (entry, view.reason) if entry is not None else None

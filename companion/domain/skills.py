"""Skills self-assessment: each person rates named skills 1–5 at onboarding, midpoint and end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from companion.domain.base import ROLES, Day, Model, Role, new_id
from companion.domain.pair import CADENCE_DAYS, Pair

RoundKind = Literal["onboarding", "midpoint", "end", "adhoc"]
"""When a rating round was taken: at onboarding, the midpoint, the end, or by choice."""

SkillName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
"""The name of a skill, as shown to the person."""

DEFAULT_SKILLS: dict[Role, tuple[str, ...]] = {
    "mentee": (
        "Messaging and chat tools",
        "Social media",
        "AI assistants",
        "Security habits",
        "Data dashboards",
        "Younger customers' habits",
    ),
    "mentor": (
        "Business vocabulary",
        "Reading financials",
        "Planning and prioritising",
        "Presenting to leaders",
        "Stakeholder thinking",
        "Confidence",
    ),
}
"""The skills each person rates unless Settings name others: the senior mentee's digital
skills, the junior mentor's business skills."""


class SkillScore(Model):
    """One skill rated in a round, with a line of evidence."""

    skill: SkillName
    """The skill."""
    rating: Annotated[int, Field(ge=1, le=5)]
    """1 (just starting) to 5 (could teach it)."""
    evidence: Annotated[str, Field(max_length=500)] = ""
    """One line on why: what the person did or can do now."""


class SkillRound(Model):
    """One person's ratings of their skills on one day."""

    id: str = Field(default_factory=new_id)
    """The round's id."""
    role: Role
    """Whose ratings they are."""
    on: Day
    """When they were given."""
    kind: RoundKind = "adhoc"
    """Onboarding, midpoint, end or ad hoc."""
    scores: list[SkillScore] = Field(default_factory=list)
    """The rating of each skill rated."""

    @model_validator(mode="after")
    def _one_score_per_skill(self) -> SkillRound:
        names = [s.skill.casefold() for s in self.scores]
        if len(names) != len(set(names)):
            raise ValueError("each skill can be rated once per round")
        return self

    def rating(self, skill: str) -> int | None:
        """Return this round's rating of ``skill`` (names compared without case), or None."""
        wanted = skill.casefold()
        return next((s.rating for s in self.scores if s.skill.casefold() == wanted), None)


@dataclass(frozen=True)
class SkillChange:
    """A skill's first rating against its latest."""

    role: Role
    skill: str
    first: int
    latest: int
    first_on: date
    latest_on: date

    @property
    def change(self) -> int:
        """The latest rating minus the first."""
        return self.latest - self.first

    def words(self) -> str:
        """Return the change in words, e.g. ``AI assistants: 2 → 4``."""
        return f"{self.skill}: {self.first} → {self.latest}"


def _ordered(rounds: Sequence[SkillRound], role: Role) -> list[SkillRound]:
    return sorted((r for r in rounds if r.role == role), key=lambda r: r.on)


def growth(rounds: Sequence[SkillRound], role: Role) -> list[SkillChange]:
    """Return, per skill ``role`` rated, the first rating against the latest (first-rated order).

    A skill rated only once shows no change (first and latest are the same).
    """
    first: dict[str, tuple[str, int, date]] = {}
    latest: dict[str, tuple[int, date]] = {}
    for round_ in _ordered(rounds, role):
        for score in round_.scores:
            key = score.skill.casefold()
            first.setdefault(key, (score.skill, score.rating, round_.on))
            latest[key] = (score.rating, round_.on)
    return [
        SkillChange(role, name, rating, latest[key][0], on, latest[key][1])
        for key, (name, rating, on) in first.items()
    ]


def largest_gains(rounds: Sequence[SkillRound], count: int = 2) -> list[SkillChange]:
    """Return the ``count`` largest gains across both people (ties: the latest first)."""
    gains = [c for role in ROLES for c in growth(rounds, role) if c.change > 0]
    gains.sort(key=lambda c: (-c.change, -c.latest_on.toordinal(), c.role, c.skill))
    return gains[:count]


def first_rise(rounds: Sequence[SkillRound], role: Role, skill: str, by: int) -> date | None:
    """Return the day ``skill`` was first rated ``by`` points or more above its first rating."""
    start: int | None = None
    for round_ in _ordered(rounds, role):
        rating = round_.rating(skill)
        if rating is None:
            continue
        if start is None:
            start = rating
        elif rating - start >= by:
            return round_.on
    return None


def skills_for(role: Role, configured: Sequence[str]) -> list[str]:
    """Return the skills ``role`` rates: the configured ones, else the defaults."""
    return list(configured) or list(DEFAULT_SKILLS[role])


def rounds_due(
    pair: Pair, rounds: Sequence[SkillRound], today: date, midpoint: date, end: date
) -> list[tuple[Role, RoundKind]]:
    """Return the rating rounds due on ``today``, per person.

    Onboarding is due until a person has rated once. The midpoint round is due
    from the midpoint until one is taken; the end round from one cadence step
    before the end. Each kind is asked once per person; ad hoc rounds are
    never due (a person chooses them).
    """
    due: list[tuple[Role, RoundKind]] = []
    step = timedelta(days=CADENCE_DAYS[pair.cadence])
    for role in ROLES:
        kinds = {r.kind for r in rounds if r.role == role}
        if not kinds:
            due.append((role, "onboarding"))
            continue
        if today >= end - step and "end" not in kinds:
            due.append((role, "end"))
        elif today >= midpoint and "midpoint" not in kinds and "end" not in kinds:
            due.append((role, "midpoint"))
    return due

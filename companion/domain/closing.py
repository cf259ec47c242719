"""The closing session: when the programme offers it, and what each person will keep doing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import Field

from companion.domain.base import ROLES, Day, Model, Role, Text, new_id
from companion.domain.pair import Pair
from companion.domain.plan import Pause, after_active_days


class KeepDoing(Model):
    """What one person says, at the closing session, they will keep doing."""

    id: str = Field(default_factory=new_id)
    """The entry's id."""
    role: Role
    """Whose it is (one per person: saying it again replaces it)."""
    on: Day
    """When it was said."""
    text: Text
    """What they will keep doing, in their words."""


def closing_offered(
    pair: Pair, pauses: Sequence[Pause], today: date, held: int, planned: int
) -> bool:
    """Return whether to offer the closing session, cheaply (the dashboard asks on each visit).

    True once the programme's planned length (pauses left out) has elapsed, or
    once as many sessions were held as the plan holds.
    """
    end = after_active_days(pair.started_on, pair.programme_weeks * 7, pauses)
    return today >= end or (planned > 0 and held >= planned)


def keep_doing_lines(pair: Pair, entries: Sequence[KeepDoing]) -> list[str]:
    """Return the report's lines for what each person will keep doing (none when not said)."""
    by_role = {e.role: e for e in entries}
    said = [(role, by_role[role]) for role in ROLES if role in by_role]
    if not said:
        return []
    lines = ["", "What we will each keep doing:", ""]
    for role, entry in said:
        text = " ".join(entry.text.split())
        lines.append(f"- {pair.person(role).name} ({entry.on.isoformat()}): {text}")
    return lines

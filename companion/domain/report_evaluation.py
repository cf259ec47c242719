"""The report's evaluation sections: what the pair achieved and how their skills grew."""

from __future__ import annotations

from collections.abc import Sequence

from companion.domain.base import ROLES
from companion.domain.closing import KeepDoing, keep_doing_lines
from companion.domain.pair import Pair
from companion.domain.skills import SkillRound, growth, largest_gains
from companion.domain.wins import Win


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def achievements_section(wins: Sequence[Win]) -> list[str]:
    """Return the "What we achieved" section: every win, oldest first, with its date."""
    lines = ["## What we achieved", ""]
    if not wins:
        return [*lines, "No wins recorded yet."]
    ordered = sorted(wins, key=lambda w: (w.on, w.key))
    return lines + [f"- {win.on.isoformat()}: {win.title}" for win in ordered]


def skills_section(pair: Pair, rounds: Sequence[SkillRound]) -> list[str]:
    """Return the "Skills, before and after" section: first rating against latest, per person."""
    lines = ["## Skills, before and after", ""]
    if not rounds:
        return [*lines, "No skills rated yet."]
    gains = largest_gains(rounds)
    if gains:
        lines += [
            "Largest gains: "
            + "; ".join(f"{pair.person(c.role).name}, {c.words()}" for c in gains)
            + ".",
            "",
        ]
    for role in ROLES:
        changes = growth(rounds, role)
        if not changes:
            continue
        person = pair.person(role)
        lines += [
            f"### {person.name}",
            "",
            "| Skill | First | Latest | Change |",
            "|---|---|---|---|",
        ]
        for change in changes:
            first = f"{change.first} ({change.first_on.isoformat()})"
            latest = f"{change.latest} ({change.latest_on.isoformat()})"
            lines.append(f"| {_cell(change.skill)} | {first} | {latest} | {change.change:+d} |")
        lines.append("")
    return lines[:-1] if not lines[-1] else lines


def evaluation_sections(
    pair: Pair,
    wins: Sequence[Win],
    rounds: Sequence[SkillRound],
    keep_doing: Sequence[KeepDoing] = (),
) -> list[str]:
    """Return both sections, ready to splice into the report.

    What each person said at the closing session they will keep doing ends
    the "What we achieved" section.
    """
    achieved = [*achievements_section(wins), *keep_doing_lines(pair, keep_doing)]
    return [*achieved, "", *skills_section(pair, rounds)]

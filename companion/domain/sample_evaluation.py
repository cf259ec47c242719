"""The demo pair's evaluation: skills before and at the midpoint, expectations, check-ins, wins."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.domain.base import ROLES, Role
from companion.domain.checkins import QUESTIONS, CheckIn, CheckInAnswers
from companion.domain.expectations import ExpectationEntry, Theme
from companion.domain.skills import DEFAULT_SKILLS, RoundKind, SkillRound, SkillScore
from companion.domain.timeline import timeline
from companion.domain.wins import WinFacts, cards_learned, detect_wins

if TYPE_CHECKING:
    from companion.domain.sample_data import Sample

RATINGS: dict[Role, tuple[tuple[int, int, str, str], ...]] = {
    "mentee": (
        (3, 4, "I use the team chat daily", "I start group chats and use threads"),
        (1, 3, "I had a profile and never posted", "Four LinkedIn posts, replies to comments"),
        (2, 4, "Never tried one", "Three board-paper drafts started with the assistant"),
        (2, 3, "One password for everything", "Password manager and authenticator set up"),
        (3, 3, "I read the monthly dashboard", "Same: next on the list"),
        (2, 3, "I guessed from my children", "I can explain how short video drives sales"),
    ),
    "mentor": (
        (2, 3, "Lost in budget meetings", "I follow most of the acronyms now"),
        (1, 3, "Never read a P&L", "Explained our gross margin to a colleague"),
        (3, 3, "Lists, but everything feels urgent", "Same, working on it"),
        (2, 3, "Never presented upwards", "Outline agreed, pre-wire sent"),
        (1, 3, "Did not know who decides what", "Stakeholder map for the Q3 results"),
        (2, 3, "I keep quiet in big meetings", "I asked a question at the town hall"),
    ),
}
"""Per person and default skill: first rating, midpoint rating, and the evidence for each."""

EXPECTATIONS: tuple[tuple[int, Role, str, tuple[Theme, ...]], ...] = (
    (
        0,
        "mentor",
        "To understand how senior people make decisions and to present with confidence.",
        ("leadership", "careers"),
    ),
    (
        0,
        "mentee",
        "To be at ease with the tools and channels my teams and customers use.",
        ("tools", "social-media", "ai"),
    ),
    (
        56,
        "mentor",
        "To present to leaders with confidence, and to help Richard's team try a new way of "
        "working.",
        ("leadership", "careers", "culture"),
    ),
    (
        56,
        "mentee",
        "To use AI and social channels myself, and to understand what younger colleagues "
        "expect from work.",
        ("ai", "social-media", "culture"),
    ),
)
"""(day, person, sentence, themes): at onboarding they share no theme; by the check-in, one."""


def _round(role: Role, on: date, kind: RoundKind, column: int) -> SkillRound:
    scores = [
        SkillScore(skill=skill, rating=row[column], evidence=row[2 + column])
        for skill, row in zip(DEFAULT_SKILLS[role], RATINGS[role], strict=True)
    ]
    return SkillRound(role=role, on=on, kind=kind, scores=scores)


def early_checkins(start: date) -> list[CheckIn]:
    """Return the two check-ins before the sample's main one (lower scores, rising)."""
    first_m = dict.fromkeys(QUESTIONS, 3) | {"trust-confidentiality": 4, "speak-freely": 2}
    first_s = dict.fromkeys(QUESTIONS, 3) | {"worth-the-time": 4, "feedback-flows": 2}
    second_m = dict.fromkeys(QUESTIONS, 4) | {"speak-freely": 2, "goals-progress": 3}
    second_s = dict.fromkeys(QUESTIONS, 4) | {"feedback-flows": 2}
    return [
        CheckIn(
            date=start + timedelta(days=14),
            mentor=CheckInAnswers(scores=first_m, comment="Still finding my feet.", shared=True),
            mentee=CheckInAnswers(scores=first_s, comment="Early days, promising.", shared=True),
        ),
        CheckIn(
            date=start + timedelta(days=35),
            mentor=CheckInAnswers(scores=second_m),
            mentee=CheckInAnswers(
                scores=second_s, comment="Aisha is too polite with me.", shared=True
            ),
        ),
    ]


def add_evaluation(sample: Sample, today: date) -> None:
    """Add ratings (onboarding and midpoint), expectations and the wins they earned."""
    start = sample.pair.started_on
    plan = timeline(sample.pair, sample.sessions, today)
    midpoint_day = max(s.date for s in sample.sessions)
    for role in ROLES:
        sample.skill_rounds.append(_round(role, start, "onboarding", 0))
        sample.skill_rounds.append(_round(role, midpoint_day, "midpoint", 1))
    for day, role, sentence, themes in EXPECTATIONS:
        sample.expectations.append(
            ExpectationEntry(
                role=role,
                on=start + timedelta(days=day),
                sentence=sentence,
                themes=list(themes),
                moment="onboarding" if day == 0 else "checkin",
            )
        )
    sample.wins = detect_wins(
        WinFacts(
            pair=sample.pair,
            today=today,
            sessions=sample.sessions,
            goals=sample.goals,
            cards_learned=cards_learned(sample.states),
            skill_rounds=sample.skill_rounds,
            midpoint=plan.midpoint,
            end=plan.end,
        )
    )

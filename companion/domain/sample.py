"""A realistic sample pair for ``companion demo`` and the tests, built from the curriculum."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from companion.domain.base import Role
from companion.domain.cards import Card
from companion.domain.checkins import QUESTIONS, CheckIn, CheckInAnswers
from companion.domain.content import Lesson
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Expectations, Pair, Person
from companion.domain.sample_data import Sample
from companion.domain.sample_evaluation import add_evaluation, early_checkins
from companion.domain.sample_script import SCRIPTS
from companion.domain.scheduling import make_scheduler, new_state, review
from companion.domain.sessions import (
    ActionItem,
    Reflection,
    Reflections,
    Session,
)

SESSION_GAP = 14
"""Days between sample sessions (fortnightly)."""


def _pair(start: date) -> Pair:
    return Pair(
        mentor=Person(
            name="Aisha Khan", role="mentor", title="Data Analyst", department="Marketing"
        ),
        mentee=Person(
            name="Richard Hale",
            role="mentee",
            title="Chief Financial Officer",
            department="Finance",
        ),
        started_on=start,
        cadence="fortnightly",
        session_minutes=60,
        programme_weeks=26,
        session_time=time(8, 30),
        agreement=[
            "We meet every other Tuesday at 8:30 for an hour.",
            "What we discuss stays between us unless we both agree to share it.",
            "Quick questions by chat between sessions are welcome.",
            "If one of us is 15 minutes late, we reschedule rather than rush.",
            "Either of us can pause the programme by saying so, no reasons needed.",
        ],
        expectations=Expectations(
            mentor="To understand how senior people make decisions and to present with confidence.",
            mentee="To be at ease with the tools and channels my teams and customers use.",
        ),
    )


def is_sample_pair(pair: Pair) -> bool:
    """Return whether ``pair`` is the demo pair (its people and agreement, whatever its dates)."""
    sample = _pair(pair.started_on)
    return (
        pair.mentor == sample.mentor
        and pair.mentee == sample.mentee
        and pair.agreement == sample.agreement
    )


def _goals(start: date, lessons: dict[str, Lesson]) -> list[Goal]:
    def linked(*ids: str) -> list[str]:
        return [i for i in ids if i in lessons]

    return [
        Goal(
            owner="mentee",
            title="Post on LinkedIn every fortnight",
            why="To be visible to the people we hire and the customers we serve.",
            measure="Six posts by the end of the programme",
            target_date=start + timedelta(weeks=26),
            status="in-progress",
            progress=50,
            lesson_ids=linked("linkedin-presence"),
            updated_on=start + timedelta(days=60),
        ),
        Goal(
            owner="mentee",
            title="Use an AI assistant for first drafts, safely",
            why="Board papers take too long to start.",
            measure="Three drafts started with the assistant, no confidential data in it",
            status="in-progress",
            progress=30,
            lesson_ids=linked("ai-assistants", "security-habits"),
            updated_on=start + timedelta(days=72),
        ),
        Goal(
            owner="mentor",
            title="Present the Q3 campaign results to the leadership team",
            why="To be trusted with bigger projects.",
            measure="Presented, with questions answered without notes",
            target_date=start + timedelta(weeks=20),
            status="in-progress",
            progress=40,
            lesson_ids=linked("stakeholders-and-influence"),
            updated_on=start + timedelta(days=86),
        ),
        Goal(
            owner="mentor",
            title="Read and explain a P&L",
            why="Budget talks go over my head.",
            measure="Explain our division's P&L to a colleague",
            status="achieved",
            progress=100,
            lesson_ids=linked("reading-a-pnl"),
            updated_on=start + timedelta(days=58),
        ),
        Goal(
            owner="shared",
            title="Propose one cross-generational experiment to the team",
            why="To put what we learn to use.",
            measure="A one-page proposal shared with both teams",
            status="not-started",
            lesson_ids=linked("cross-generational-experiment"),
        ),
    ]


def _cards_for(
    role: Role,
    lesson_ids: list[str],
    lessons: dict[str, Lesson],
    cards: dict[str, Card],
    count: int,
) -> list[Card]:
    chosen: list[Card] = []
    for lesson_id in lesson_ids:
        for term in lessons[lesson_id].terms if lesson_id in lessons else []:
            card = cards.get(term)
            if card and card.audience == role and card not in chosen:
                chosen.append(card)
    chosen += [
        c
        for c in sorted(cards.values(), key=lambda c: c.id)
        if c.audience == role and c not in chosen
    ]
    return chosen[:count]


def _history(
    sample: Sample, role: Role, picked: list[Card], first: date, today: date, rng: random.Random
) -> None:
    scheduler = make_scheduler(fuzz=False)
    end = datetime.combine(today, time(7), tzinfo=UTC)
    for index, card in enumerate(picked):
        moment = datetime.combine(
            first + timedelta(days=index // 4 * 7 + 1), time(19, 30), tzinfo=UTC
        )
        state = new_state(card.id, role, moment)
        while moment < end:
            rating = rng.choices([1, 2, 3, 4], weights=[1, 2, 6, 2])[0]
            state, log = review(
                scheduler, state, rating, moment, duration_ms=rng.randint(2500, 14000)
            )
            sample.reviews.append(log)
            moment = max(state.due, moment + timedelta(hours=8))
            moment = moment.replace(hour=19, minute=30)
        sample.states.append(state)


def build_sample(today: date, lessons: dict[str, Lesson], cards: dict[str, Card]) -> Sample:
    """Return the sample pair's programme as it stands on ``today``.

    Eight fortnightly sessions (the last twelve days ago), goals in both
    directions, action items, a mentoring log, three check-ins, card reviews
    scheduled by FSRS, skills rated at onboarding and the midpoint, both
    people's expectations (at onboarding and at a check-in) and the wins so far.
    The same ``today`` always gives the same sample.
    """
    rng = random.Random(20261123)
    last = today - timedelta(days=12)
    start = last - timedelta(days=SESSION_GAP * (len(SCRIPTS) - 1))
    sample = Sample(pair=_pair(start), goals=_goals(start, lessons))
    for number, script in enumerate(SCRIPTS):
        day = start + timedelta(days=SESSION_GAP * number)
        lesson_ids = [script.lesson] if script.lesson in lessons else []
        session = Session(
            date=day,
            minutes=60 if number % 3 else 55,
            lesson_ids=lesson_ids,
            shared_notes=script.shared,
            reflections=Reflections(
                mentor=Reflection(
                    rating=script.ratings[0], worked=script.worked[0], adjust=script.adjust[0]
                ),
                mentee=Reflection(
                    rating=script.ratings[1], worked=script.worked[1], adjust=script.adjust[1]
                ),
            ),
        )
        sample.sessions.append(session)
        sample.private_notes.setdefault("mentor", {})[session.id] = script.private_mentor
        sample.private_notes.setdefault("mentee", {})[session.id] = script.private_mentee
        recent = number >= len(SCRIPTS) - 2
        for owner, text in script.actions:
            due = day + timedelta(days=SESSION_GAP)
            sample.actions.append(
                ActionItem(
                    owner=owner,
                    text=text,
                    due=due,
                    session_id=session.id,
                    done=not recent,
                    done_on=None if recent else due - timedelta(days=2),
                )
            )
        title = lessons[script.lesson].title if script.lesson in lessons else "Session"
        sample.log.append(
            LogEntry(
                date=day,
                minutes=session.minutes,
                topic=title,
                taught=script.shared.split(". ")[0] + ".",
                skills=list(script.skills),
                session_id=session.id,
                lesson_ids=lesson_ids,
            )
        )
    for offset, topic, taught, skills in (
        (
            20,
            "Helped with a video call that would not share the screen",
            "Showed which window to share and how to stop sharing.",
            ["explaining"],
        ),
        (
            45,
            "Answered a chat question about a hashtag campaign",
            "Explained why the campaign hashtag was trending and what it meant.",
            ["explaining", "listening"],
        ),
        (
            75,
            "Reviewed Richard's second LinkedIn post before it went out",
            "Suggested a shorter opening line and a question to invite comments.",
            ["feedback"],
        ),
    ):
        sample.log.append(
            LogEntry(
                date=start + timedelta(days=offset),
                minutes=15,
                topic=topic,
                taught=taught,
                skills=skills,
            )
        )
    sample.checkins += early_checkins(start)
    scores_mentor = dict.fromkeys(QUESTIONS, 4) | {"speak-freely": 3, "keeping-pace": 5}
    scores_mentee = dict.fromkeys(QUESTIONS, 4) | {"worth-the-time": 5, "feedback-flows": 3}
    checkin = CheckIn(
        date=start + timedelta(days=SESSION_GAP * 4),
        mentor=CheckInAnswers(scores=scores_mentor),
        mentee=CheckInAnswers(
            scores=scores_mentee, comment="I would welcome blunter feedback.", shared=True
        ),
    )
    sample.checkins.append(checkin)
    # Aisha keeps her comment to herself; Richard shared his.
    sample.private_comments["mentor"] = {checkin.id: "I still hold back a little when I disagree."}
    covered = [s.lesson for s in SCRIPTS]
    _history(sample, "mentee", _cards_for("mentee", covered, lessons, cards, 14), start, today, rng)
    _history(sample, "mentor", _cards_for("mentor", covered, lessons, cards, 10), start, today, rng)
    add_evaluation(sample, today)
    return sample

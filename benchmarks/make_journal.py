"""Build a data folder for the benchmarks: the demo pair (small) or ten heavy years (large).

Large: 500 sessions with shared notes of 200-450 words, 1,000 action items,
5,000 mentoring-log entries, 2,000 cards with both people's review state,
100,000 review logs over ten years, 300 goals (one per goal update), 50
check-ins and a mark for every shipped lesson. Everything is generated from a
fixed seed and written with one atomic write per file through the storage
layer's bulk path (``companion.storage.bulk``), so it takes seconds.

    python benchmarks/make_journal.py --scale small|large [--quick] DIR
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import get_args

from companion.curriculum.sources import load_for
from companion.domain.cards import Card, CardState, ReviewLog
from companion.domain.checkins import CheckIn, CheckInAnswers, Question
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair, Person
from companion.domain.progress import LessonMark
from companion.domain.sample import build_sample
from companion.domain.sessions import ActionItem, PrivateNotes, Reflection, Reflections, Session
from companion.storage.bulk import write_new_folder

WORDS = [
    "we",
    "talked",
    "about",
    "how",
    "the",
    "team",
    "shares",
    "work",
    "online",
    "and",
    "why",
    "short",
    "videos",
    "reach",
    "younger",
    "customers",
    "first",
    "she",
    "showed",
    "me",
    "the",
    "analytics",
    "dashboard",
    "and",
    "I",
    "explained",
    "how",
    "the",
    "board",
    "reads",
    "a",
    "cash",
    "flow",
    "statement",
    "next",
    "time",
    "we",
    "will",
    "try",
    "the",
    "new",
    "planning",
    "tool",
    "together",
    "and",
    "look",
    "at",
    "what",
    "our",
    "competitors",
    "post",
    "each",
    "week",
    "the",
    "question",
    "of",
    "trust",
    "came",
    "up",
    "again",
    "and",
    "we",
    "agreed",
    "to",
    "keep",
    "notes",
    "private",
    "unless",
    "both",
    "of",
    "us",
    "choose",
    "to",
    "share",
    "them",
]


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def large(folder: Path, today: date, part: float = 1.0) -> dict[str, int]:
    """Write ten heavy years (or ``part`` of them) into ``folder``; return the counts."""
    rng = random.Random(12)

    def n(count: int) -> int:
        return max(1, int(count * part))

    curriculum, _ = load_for(None)
    lesson_ids = list(curriculum.lessons)
    start = today - timedelta(days=3650)
    pair = Pair(
        mentor=Person(name="Aisha Khan", role="mentor", title="Analyst"),
        mentee=Person(name="Richard Hale", role="mentee", title="CFO"),
        started_on=start,
        cadence="weekly",
        programme_weeks=260,
        agreement=["What we say stays between us."],
    )
    sessions = [
        Session(
            date=start + timedelta(days=int(7 * i / part)),
            minutes=60,
            lesson_ids=[rng.choice(lesson_ids)],
            shared_notes=_words(rng, 200, 450),
            private_notes=PrivateNotes(mentor=_words(rng, 10, 40), mentee=_words(rng, 10, 40)),
            reflections=Reflections(
                mentor=Reflection(rating=rng.randint(3, 5), worked="the demo"),
                mentee=Reflection(rating=rng.randint(3, 5), adjust="more time"),
            ),
        )
        for i in range(n(500))
    ]
    actions = [
        ActionItem(
            owner=rng.choice(("mentor", "mentee", "shared")),
            text=_words(rng, 4, 12),
            session_id=s.id,
            due=s.date + timedelta(days=14),
            done=s.date < today - timedelta(days=30),
        )
        for s in sessions
        for _ in range(2)
    ]
    log = [
        LogEntry(
            date=start + timedelta(days=i * 3650 // n(5000)),
            minutes=rng.choice((15, 30, 45, 60)),
            topic=_words(rng, 3, 8),
            taught=_words(rng, 10, 40),
            skills=["explaining"],
        )
        for i in range(n(5000))
    ]
    goals = [
        Goal(
            owner=rng.choice(("mentor", "mentee", "shared")),
            title=f"Goal {i}: {_words(rng, 3, 8)}",
            status=rng.choice(("not-started", "in-progress", "achieved")),
            progress=rng.randint(0, 100),
            updated_on=start + timedelta(days=int(i * 12 / part)),
        )
        for i in range(n(300))
    ]
    questions = get_args(Question)
    checkins = [
        CheckIn(
            date=start + timedelta(days=int(73 * i / part)),
            mentor=CheckInAnswers(scores={q: rng.randint(2, 5) for q in questions}),
            mentee=CheckInAnswers(scores={q: rng.randint(2, 5) for q in questions}),
        )
        for i in range(n(50))
    ]
    marks = [LessonMark(lesson_id=lid, status="done", updated_on=start) for lid in lesson_ids]
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    cards = [
        Card(
            id=f"card-{i}",
            term=f"Term {i}",
            definition=_words(rng, 8, 20),
            example=_words(rng, 6, 14),
            deck="mine",
            audience="mentee" if i % 2 else "mentor",
        )
        for i in range(n(2000))
    ]
    states = [
        CardState(
            card_id=c.id,
            role=role,
            due=now + timedelta(days=rng.randint(-5, 60)),
            phase=2,
            step=None,
            stability=rng.uniform(1, 90),
            difficulty=rng.uniform(2, 8),
            last_review=now - timedelta(days=rng.randint(1, 60)),
            reviews=rng.randint(1, 60),
        )
        for c in cards
        for role in ("mentor", "mentee")
    ]
    reviews: dict[int, list[ReviewLog]] = {}
    first = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    for i in range(n(100_000)):
        when = first + timedelta(minutes=int(i * 52 / part))
        reviews.setdefault(when.year, []).append(
            ReviewLog(
                card_id=f"card-{i % n(2000)}",
                role="mentee" if i % 3 else "mentor",
                rating=rng.randint(1, 4),
                reviewed_at=when,
                duration_ms=rng.randint(1500, 20000),
            )
        )
    write_new_folder(
        folder,
        journal={
            "pair": [pair],
            "goals": goals,
            "sessions": sessions,
            "actions": actions,
            "checkins": checkins,
            "log": log,
            "progress": marks,
        },
        cards={"cards": cards, "states": states},
        reviews=reviews,
    )
    return {
        "sessions": len(sessions),
        "action items": len(actions),
        "log entries": len(log),
        "goals": len(goals),
        "check-ins": len(checkins),
        "cards": len(cards),
        "card states": len(states),
        "reviews": sum(len(v) for v in reviews.values()),
    }


def small(folder: Path, today: date) -> dict[str, int]:
    """Write the demo pair (the same data as ``companion demo``) into ``folder``."""
    curriculum, _ = load_for(None)
    sample = build_sample(today, curriculum.lessons, curriculum.cards)
    reviews: dict[int, list[ReviewLog]] = {}
    for log in sample.reviews:
        reviews.setdefault(log.reviewed_at.year, []).append(log)
    write_new_folder(
        folder,
        journal={
            "pair": [sample.pair],
            "goals": sample.goals,
            "sessions": sample.sessions,
            "actions": sample.actions,
            "checkins": sample.checkins,
            "log": sample.log,
        },
        cards={"states": sample.states},
        reviews=reviews,
    )
    return {
        "sessions": len(sample.sessions),
        "log entries": len(sample.log),
        "goals": len(sample.goals),
        "card states": len(sample.states),
        "reviews": len(sample.reviews),
    }


def build(scale: str, folder: Path, today: date | None = None, part: float = 1.0) -> dict[str, int]:
    """Write the data of ``scale`` (small or large; ``part`` of large) into ``folder``."""
    if scale == "large":
        return large(folder, today or date.today(), part)
    return small(folder, today or date.today())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "large"), default="small")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quick", action="store_true", help="a tenth of the large data")
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        counts = build(args.scale, args.folder, part=0.1 if args.quick else 1.0)
    except FileExistsError as exc:
        print(f"make_journal: {exc}; give a new folder", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    print(f"{args.scale} data written to {args.folder} in {took:.1f} s")
    for name, count in counts.items():
        print(f"  {count:7,d} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

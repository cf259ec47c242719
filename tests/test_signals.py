"""Playbook signals evaluated against the journal (pure domain logic)."""

from __future__ import annotations

from datetime import date, timedelta

from companion.domain.checkins import CheckIn, CheckInAnswers
from companion.domain.content import Lesson, PlaybookEntry
from companion.domain.goals import Goal
from companion.domain.sessions import ActionItem, Reflection, Reflections, Session
from companion.domain.signals import JournalFacts, challenges, signal_holds
from tests.conftest import make_pair

TODAY = date(2026, 11, 23)


def lesson(lesson_id: str, module: str, led_by: str) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=lesson_id,
        module=module,
        order=1,
        led_by=led_by,
        minutes=45,
        objectives=["o"],
        prompts=["p"],
        activity="a",
    )


LESSONS = {
    x.id: x
    for x in [
        lesson("a", "tech", "mentor"),
        lesson("b", "tech", "mentor"),
        lesson("c", "tech", "mentor"),
        lesson("d", "lead", "mentee"),
    ]
}


def facts(**changes: object) -> JournalFacts:
    base = {
        "pair": make_pair(started_on=date(2026, 9, 1), cadence="fortnightly", session_minutes=60),
        "sessions": [],
        "actions": [],
        "goals": [],
        "checkins": [],
        "lessons": LESSONS,
        "today": TODAY,
    }
    base.update(changes)
    return JournalFacts(**base)  # type: ignore[arg-type]


def rated(day: int, mentor: int, mentee: int, **kw: object) -> Session:
    return Session(
        date=date(2026, 11, day),
        reflections=Reflections(mentor=Reflection(rating=mentor), mentee=Reflection(rating=mentee)),
        **kw,
    )  # type: ignore[arg-type]


def test_overdue_and_short_sessions() -> None:
    old = [Session(date=date(2026, 10, 1), shared_notes="x " * 20)]
    assert signal_holds("journal:sessions-overdue", facts(sessions=old))
    assert not signal_holds("journal:sessions-overdue", facts(sessions=[Session(date=TODAY)]))
    short = [Session(date=date(2026, 11, d), minutes=30) for d in (2, 16)]
    assert signal_holds("journal:sessions-short", facts(sessions=short))


def test_low_ratings_and_gaps() -> None:
    assert signal_holds("journal:low-ratings", facts(sessions=[rated(2, 3, 3), rated(16, 2, 3)]))
    assert not signal_holds(
        "journal:low-ratings", facts(sessions=[rated(2, 5, 4), rated(16, 4, 4)])
    )
    assert signal_holds("journal:ratings-gap", facts(sessions=[rated(16, 5, 2)]))


def test_one_sided_leading_and_repeated_topics() -> None:
    same = [
        Session(date=date(2026, 11, d), lesson_ids=[x]) for d, x in ((2, "a"), (9, "b"), (16, "c"))
    ]
    assert signal_holds("journal:one-sided-leading", facts(sessions=same))
    assert signal_holds("journal:repeated-topics", facts(sessions=same))
    mixed = [*same[:2], Session(date=date(2026, 11, 16), lesson_ids=["d"])]
    assert not signal_holds("journal:one-sided-leading", facts(sessions=mixed))


def test_actions_overdue_and_goals_stalled() -> None:
    late = [
        ActionItem(owner="mentor", text=f"t{i}", due=TODAY - timedelta(days=3)) for i in range(3)
    ]
    assert signal_holds("journal:actions-overdue", facts(actions=late))
    assert not signal_holds("journal:actions-overdue", facts(actions=late[:2]))
    stale = [
        Goal(owner="mentee", title="g", status="in-progress", updated_on=TODAY - timedelta(weeks=8))
    ]
    assert signal_holds("journal:goals-stalled", facts(goals=stale))
    fresh = [Goal(owner="mentee", title="g", status="in-progress", updated_on=TODAY)]
    assert not signal_holds("journal:goals-stalled", facts(goals=fresh))


def test_checkin_signals_use_the_latest_check_in_of_either_person() -> None:
    older = CheckIn(date=date(2026, 10, 1), mentor=CheckInAnswers(scores={"speak-freely": 1}))
    newer = CheckIn(date=date(2026, 11, 1), mentee=CheckInAnswers(scores={"speak-freely": 4}))
    assert not signal_holds("checkin:speak-freely <= 2", facts(checkins=[older, newer]))
    assert signal_holds("checkin:speak-freely <= 2", facts(checkins=[older]))
    assert signal_holds("checkin:speak-freely >= 4", facts(checkins=[older, newer]))


def test_challenges_lists_entries_whose_signals_hold() -> None:
    entries = [
        PlaybookEntry(id="slipping", title="Slipping", signals=["journal:sessions-overdue"]),
        PlaybookEntry(id="trust", title="Trust", signals=["checkin:trust-confidentiality <= 2"]),
    ]
    found = challenges(entries, facts(sessions=[Session(date=date(2026, 10, 1))]))
    assert [(e.id, held) for e, held in found] == [("slipping", ["journal:sessions-overdue"])]

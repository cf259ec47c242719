"""Skills growth, check-ins over time, expectations side by side, and wins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from companion.curriculum.sources import load_for
from companion.domain.cards import CardState
from companion.domain.checkin_trends import checkin_due, raised_by, statement_series
from companion.domain.checkins import CheckIn, CheckInAnswers
from companion.domain.content import Lesson, Module
from companion.domain.expectations import (
    GOALS_OUT_OF_LINE,
    ExpectationEntry,
    side_by_side,
    suggested_entry,
)
from companion.domain.goals import Goal
from companion.domain.progress import LessonMark
from companion.domain.sessions import Session
from companion.domain.settings import Settings
from companion.domain.skills import (
    DEFAULT_SKILLS,
    SkillRound,
    SkillScore,
    first_rise,
    growth,
    largest_gains,
    rounds_due,
)
from companion.domain.wins import WinFacts, cards_learned, detect_wins, latest_wins, unrecorded
from tests.conftest import make_pair

START = date(2026, 9, 1)


def rated(role: str, on: date, kind: str = "adhoc", **ratings: int) -> SkillRound:
    scores = [SkillScore(skill=k.replace("_", " "), rating=v) for k, v in ratings.items()]
    return SkillRound(role=role, on=on, kind=kind, scores=scores)  # type: ignore[arg-type]


# Skills ---------------------------------------------------------------------------------------


def test_growth_compares_first_with_latest_and_words_it() -> None:
    rounds = [
        rated("mentee", START, "onboarding", AI_assistants=2, Social_media=1),
        rated("mentee", START + timedelta(days=90), "midpoint", AI_assistants=3, Social_media=1),
        rated("mentee", START + timedelta(days=180), "end", AI_assistants=4),
        rated("mentor", START, "onboarding", Confidence=2),
    ]
    changes = {c.skill: c for c in growth(rounds, "mentee")}
    assert changes["AI assistants"].words() == "AI assistants: 2 → 4"
    assert changes["AI assistants"].change == 2
    assert changes["Social media"].latest_on == START + timedelta(days=90)
    assert [c.skill for c in growth(rounds, "mentor")] == ["Confidence"]


def test_the_two_largest_gains_across_both_people() -> None:
    rounds = [
        rated("mentee", START, AI=2, Chat=3, Dashboards=4),
        rated("mentee", START + timedelta(days=60), AI=5, Chat=4, Dashboards=3),
        rated("mentor", START, Financials=1),
        rated("mentor", START + timedelta(days=50), Financials=3),
    ]
    assert [c.words() for c in largest_gains(rounds)] == ["AI: 2 → 5", "Financials: 1 → 3"]
    assert largest_gains([rated("mentee", START, AI=2)]) == []


def test_first_rise_finds_the_round_two_points_up() -> None:
    rounds = [
        rated("mentor", START, Confidence=1),
        rated("mentor", START + timedelta(days=30), Confidence=2),
        rated("mentor", START + timedelta(days=60), Confidence=3),
    ]
    assert first_rise(rounds, "mentor", "confidence", 2) == START + timedelta(days=60)
    assert first_rise(rounds, "mentor", "Confidence", 3) is None


def test_a_round_rates_each_skill_once_and_within_1_to_5() -> None:
    with pytest.raises(ValidationError, match="once per round"):
        SkillRound(
            role="mentor",
            on=START,
            scores=[
                SkillScore(skill="Confidence", rating=2),
                SkillScore(skill="confidence", rating=3),
            ],
        )
    with pytest.raises(ValidationError):
        SkillScore(skill="Confidence", rating=6)


def test_rounds_due_onboarding_midpoint_and_end() -> None:
    pair = make_pair(started_on=START, cadence="fortnightly")
    mid, end = date(2026, 12, 1), date(2027, 3, 2)
    assert rounds_due(pair, [], START, mid, end) == [
        ("mentor", "onboarding"),
        ("mentee", "onboarding"),
    ]
    both = [rated("mentor", START, "onboarding", A=1), rated("mentee", START, "onboarding", A=1)]
    assert rounds_due(pair, both, date(2026, 11, 30), mid, end) == []
    assert rounds_due(pair, both, mid, mid, end) == [("mentor", "midpoint"), ("mentee", "midpoint")]
    done = [*both, rated("mentor", mid, "midpoint", A=2)]
    assert rounds_due(pair, done, mid, mid, end) == [("mentee", "midpoint")]
    assert rounds_due(pair, done, end - timedelta(days=14), mid, end) == [
        ("mentor", "end"),
        ("mentee", "end"),
    ]


def test_settings_skill_lists_default_and_stay_compatible_with_old_files() -> None:
    old = Settings.model_validate(
        {"theme": "nord", "new_cards_per_day": 5, "desired_retention": 0.9}
    )
    assert old.skills("mentee") == list(DEFAULT_SKILLS["mentee"])
    assert "AI assistants" in old.skills("mentee") and "Confidence" in old.skills("mentor")
    assert (old.checkin_every_sessions, old.checkin_every_days) == (4, 30)
    mine = old.model_copy(update={"mentor_skills": ["Negotiation"]})
    assert mine.skills("mentor") == ["Negotiation"]
    with pytest.raises(ValidationError):
        Settings(mentor_skills=[" "])


# Check-ins ------------------------------------------------------------------------------------


def checkin(on: date, mentor: dict[str, int], mentee: dict[str, int]) -> CheckIn:
    return CheckIn(
        date=on,
        mentor=CheckInAnswers(scores=mentor),  # type: ignore[arg-type]
        mentee=CheckInAnswers(scores=mentee),  # type: ignore[arg-type]
    )


def test_statement_series_for_both_people_over_time() -> None:
    later = checkin(START + timedelta(days=60), {"speak-freely": 4}, {"speak-freely": 5})
    first = checkin(START, {"speak-freely": 2}, {})
    series = {s.question: s for s in statement_series([later, first])}
    speak = series["speak-freely"]
    assert [(p.on, p.score) for p in speak.mentor] == [(START, 2), (later.date, 4)]
    assert [p.score for p in speak.of("mentee")] == [5]
    assert series["good-fit"].mentor == () and len(series) == 8


def test_low_answers_name_the_playbook_entries_they_raise() -> None:
    curriculum, _ = load_for(None)
    playbook = list(curriculum.playbook.values())
    raised = raised_by(checkin(START, {"goals-progress": 2}, {"goals-progress": 4}), playbook)
    assert [(r.role, r.entry_id) for r in raised] == [("mentor", GOALS_OUT_OF_LINE)]


def sessions_on(*days: int) -> list[Session]:
    return [Session(date=START + timedelta(days=d)) for d in days]


def test_a_checkin_is_due_every_fourth_session_and_later_asks_again() -> None:
    settings = Settings()
    done = [checkin(START, {}, {})]
    three = sessions_on(0, 7, 14, 21)  # the one on the check-in's day does not count
    assert not checkin_due(settings, three, done, START + timedelta(days=21), START).due
    four = sessions_on(0, 7, 14, 21, 28)
    due = checkin_due(settings, four, done, START + timedelta(days=28), START)
    assert due.due and due.sessions_since == 4 and "4 sessions" in due.reason
    # The pair said "later": nothing stored, and the next wrap-up asks again.
    assert checkin_due(
        settings, sessions_on(0, 7, 14, 21, 28, 29), done, START + timedelta(days=29), START
    ).due
    fewer = settings.model_copy(update={"checkin_every_sessions": 6})
    assert not checkin_due(fewer, four, done, START + timedelta(days=28), START).due


def test_a_checkin_is_due_after_a_month_without_one() -> None:
    done = [checkin(START, {}, {})]
    one = sessions_on(10)
    assert not checkin_due(Settings(), one, done, START + timedelta(days=29), START).due
    due = checkin_due(Settings(), one, done, START + timedelta(days=30), START)
    assert due.due and "30 days" in due.reason
    assert checkin_due(Settings(), [], [], START + timedelta(days=30), START).due


# Expectations ---------------------------------------------------------------------------------


def hope(role: str, on: date, *themes: str) -> ExpectationEntry:
    return ExpectationEntry(role=role, on=on, sentence="What I want.", themes=list(themes))  # type: ignore[arg-type]


def test_expectations_side_by_side_with_shared_themes() -> None:
    pair = make_pair()
    view = side_by_side(
        pair, [hope("mentor", START, "ai", "careers"), hope("mentee", START, "ai", "tools")]
    )
    assert view.shared == ("ai",) and view.suggest_entry is None


def test_no_shared_theme_suggests_the_goals_entry_with_the_reason() -> None:
    pair = make_pair()
    entries = [
        hope("mentor", START, "leadership", "other"),
        hope("mentee", START, "tools", "other"),
    ]
    view = side_by_side(pair, entries)
    assert view.shared == () and view.suggest_entry == GOALS_OUT_OF_LINE
    assert "Aisha Khan wants leadership, other" in view.reason and "share no theme" in view.reason
    curriculum, _ = load_for(None)
    found = suggested_entry(view, list(curriculum.playbook.values()))
    assert found is not None and found[0].id == "goals-out-of-line"
    # The latest entry counts: at a check-in they find common ground.
    later = [*entries, hope("mentee", START + timedelta(days=30), "leadership")]
    assert side_by_side(pair, later).shared == ("leadership",)


def test_nothing_is_suggested_before_both_have_chosen_themes() -> None:
    view = side_by_side(make_pair(), [hope("mentor", START, "ai")])
    assert view.suggest_entry is None and view.mentee is None


def test_themes_are_checked_and_kept_once_in_order() -> None:
    assert hope("mentor", START, "tools", "ai", "tools").themes == ["tools", "ai"]
    with pytest.raises(ValidationError):
        hope("mentor", START, "knitting")


# Wins -----------------------------------------------------------------------------------------


def lesson(lesson_id: str, module: str) -> Lesson:
    return Lesson.model_validate(
        {
            "id": lesson_id,
            "title": lesson_id.title(),
            "module": module,
            "order": 1,
            "led_by": "mentor",
            "minutes": 30,
            "objectives": ["Learn"],
            "prompts": ["Ask"],
            "activity": "Try it",
        }
    )


def test_milestones_are_detected_with_their_dates() -> None:
    pair = make_pair(started_on=START, programme_weeks=26)
    sessions = [Session(date=START + timedelta(days=14 * i), lesson_ids=[]) for i in range(10)]
    sessions[1] = sessions[1].model_copy(update={"lesson_ids": ["a"]})
    module = Module(id="tech", title="Tech", order=1, led_by="mentor", summary="s")
    goals = [
        Goal(
            owner="mentor",
            title="Read a P&L",
            status="achieved",
            updated_on=START + timedelta(days=40),
        ),
        Goal(owner="mentee", title="Post", status="in-progress"),
    ]
    rounds = [
        rated("mentee", START, AI_assistants=2),
        rated("mentee", START + timedelta(days=91), AI_assistants=4),
    ]
    marks = [LessonMark(lesson_id="b", status="done", updated_on=START + timedelta(days=50))]
    today = START + timedelta(days=130)
    wins = detect_wins(
        WinFacts(
            pair=pair,
            today=today,
            sessions=sessions,
            goals=goals,
            modules=[module],
            lessons=[lesson("a", "tech"), lesson("b", "tech")],
            marks=marks,
            cards_learned={"mentee": 52, "mentor": 3},
            skill_rounds=rounds,
            midpoint=START + timedelta(days=91),
            end=START + timedelta(days=182),
        )
    )
    found = {w.key: w.on for w in wins}
    assert found == {
        "first-session": START,
        "session-5": START + timedelta(days=56),
        "session-10": START + timedelta(days=126),
        "module-tech": START + timedelta(days=50),
        f"goal-{goals[0].id}": START + timedelta(days=40),
        "cards-mentee-25": today,
        "cards-mentee-50": today,
        "skill-mentee-ai-assistants": START + timedelta(days=91),
        "midpoint": START + timedelta(days=91),
    }
    titles = {w.key: w.title for w in wins}
    assert titles["skill-mentee-ai-assistants"] == "Richard Hale: AI assistants 2 → 4"
    assert "Read a P&L" in titles[f"goal-{goals[0].id}"]
    assert [w.on for w in wins] == sorted(w.on for w in wins)
    assert next(w.key for w in latest_wins(wins)) in {"cards-mentee-25", "cards-mentee-50"}


def test_the_end_and_a_hundred_cards() -> None:
    pair = make_pair(started_on=START)
    end = START + timedelta(days=182)
    wins = detect_wins(WinFacts(pair=pair, today=end, cards_learned={"mentor": 100}, end=end))
    assert {w.key for w in wins} == {
        "cards-mentor-25",
        "cards-mentor-50",
        "cards-mentor-100",
        "end",
    }


def test_undoing_a_lesson_undoes_the_module_win() -> None:
    pair = make_pair(started_on=START)
    module = Module(id="tech", title="Tech", order=1, led_by="mentor", summary="s")
    marks = [
        LessonMark(lesson_id="a", status="done", updated_on=START),
        LessonMark(lesson_id="a", status="not-started", updated_on=START + timedelta(days=1)),
    ]
    facts = WinFacts(
        pair=pair, today=START, modules=[module], lessons=[lesson("a", "tech")], marks=marks
    )
    assert detect_wins(facts) == []


def test_cards_learned_counts_long_term_review_only() -> None:
    due = START
    states = [
        CardState.model_validate(
            {
                "card_id": f"c{i}",
                "role": "mentee",
                "due": f"{due}T00:00:00Z",
                "phase": phase,
                "reviews": 3,
            }
        )
        for i, phase in enumerate([2, 2, 1, 3])
    ]
    assert cards_learned(states) == {"mentor": 0, "mentee": 2}


def test_recording_wins_keeps_only_new_keys() -> None:
    pair = make_pair(started_on=START)
    first = detect_wins(WinFacts(pair=pair, today=START, sessions=sessions_on(0)))
    again = detect_wins(
        WinFacts(
            pair=pair, today=START + timedelta(days=70), sessions=sessions_on(0, 14, 28, 42, 56)
        )
    )
    fresh = unrecorded(first, again)
    assert [w.key for w in fresh] == ["session-5"]

"""Nothing impossible is stored: readable messages, today-dependent checks, short sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from companion.curriculum.sources import load_for
from companion.domain.checks import (
    Problem,
    achieved_question,
    agenda_sum,
    check_action,
    check_goal,
    check_session,
    mark_complete,
    minutes_problem,
    problems_by_field,
    session_kind,
    start_question,
)
from companion.domain.errors import sentence, sentences_by_field
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.sample import build_sample
from companion.domain.session_clock import short_session_question, spent_minutes
from companion.domain.sessions import ActionItem, AgendaItem, Reflections, Session
from companion.domain.wrapup import finish, session_minutes
from tests.conftest import make_pair

TODAY = date(2026, 11, 23)


def sentences(model: type, data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return sentences_by_field(caught.value)


# -- messages a person reads -------------------------------------------------------------


def test_model_errors_read_as_sentences_never_pydantic_text() -> None:
    found = sentences(Goal, {"owner": "shared", "title": "x", "progress": 140})
    assert found == {"progress": "Progress must be between 0 and 100."}
    found = sentences(Session, {"date": "2026-11-20", "minutes": "an hour"})
    assert found == {"minutes": "Minutes must be a whole number."}
    found = sentences(Pair, make_pair().model_dump() | {"session_minutes": 500})
    assert found == {"session_minutes": "Session length must be between 15 and 240."}
    found = sentences(LogEntry, {"date": "2026-11-20", "minutes": -3, "topic": "Slack"})
    assert found == {"minutes": "Minutes must be between 0 and 1440."}


def test_nested_fields_name_their_item() -> None:
    data = {"date": "2026-11-20", "agenda": [{"key": "a", "title": "A", "minutes": 0}]}
    with pytest.raises(ValidationError) as caught:
        Session.model_validate(data)
    assert [sentence(e) for e in caught.value.errors()] == [
        "Minutes of agenda item 1 must be between 1 and 600."
    ]


def test_no_message_carries_pydantic_wording() -> None:
    bad = {"owner": "nobody", "title": "", "progress": "lots", "target_date": "soon", "x": 1}
    with pytest.raises(ValidationError) as caught:
        Goal.model_validate(bad)
    for error in caught.value.errors():
        text = sentence(error)
        assert "Input should" not in text and "input should" not in text, text
        assert text[0].isupper() and text.endswith("."), text


def test_whole_record_errors_are_a_sentence_of_their_own() -> None:
    data = make_pair().model_dump()
    data["mentor"]["role"] = "mentee"
    with pytest.raises(ValidationError) as caught:
        Pair.model_validate(data)
    assert sentence(caught.value.errors()[0]) == "The mentor must have the role 'mentor'."


# -- sessions ------------------------------------------------------------------------------


def test_a_session_after_today_is_planned_not_held() -> None:
    assert session_kind(TODAY + timedelta(days=1), TODAY) == "planned"
    assert session_kind(TODAY, TODAY) == "held"
    problems = check_session(Session(date=TODAY + timedelta(days=1)), TODAY)
    assert [p.field for p in problems] == ["date"]
    assert problems[0].message == (
        "A held session cannot be after today; a session still to come is planned, not held."
    )
    assert check_session(Session(date=TODAY), TODAY) == []


def test_the_check_follows_the_day_passed_in_not_a_clock() -> None:
    tomorrow = Session(date=TODAY + timedelta(days=1))
    assert check_session(tomorrow, TODAY) != []
    assert check_session(tomorrow, TODAY + timedelta(days=1)) == []


def test_held_sessions_last_5_to_240_minutes() -> None:
    for minutes, ok in [(4, False), (5, True), (240, True), (241, False), (0, False)]:
        problems = check_session(Session(date=TODAY, minutes=minutes), TODAY)
        assert (problems == []) is ok, minutes
        if not ok:
            assert problems == [Problem("minutes", "Minutes must be between 5 and 240.")]
    assert minutes_problem(60) is None


def test_stored_history_still_loads_whatever_the_checks_say() -> None:
    # A two-minute session saved before the rule existed still loads: the rule is a check.
    old = Session.model_validate({"date": "2020-01-01", "minutes": 2})
    assert old.minutes == 2 and check_session(old, TODAY) != []


def test_agenda_parts_add_up_to_the_session_and_the_sum_is_live() -> None:
    items = [AgendaItem(key="a", title="A", minutes=m) for m in (10, 20, 25)]
    total = agenda_sum(items, 60)
    assert (total.total, total.text, total.ok) == (55, "55 of 60 minutes", False)
    assert total.message == (
        "The parts add up to 55 minutes but the session is 60: give them 5 more minutes."
    )
    assert agenda_sum([10, 20, 31], 60).message is not None
    assert "1 fewer minute." in (agenda_sum([10, 20, 31], 60).message or "")
    assert agenda_sum([10, 20, 30], 60).ok
    assert agenda_sum([10, 0, 50], 60).message == (
        "Each part of the agenda needs at least 1 minute (part 2 has none)."
    )
    running = Session(date=TODAY, status="in-progress", minutes=60, agenda=items)
    assert problems_by_field(check_session(running, TODAY)) == {"agenda": total.message}


# -- goals, actions, the pair's start ------------------------------------------------------


def test_an_achieved_goal_is_at_100_percent_and_the_fix_is_offered() -> None:
    goal = Goal(owner="mentee", title="Post on LinkedIn", status="achieved", progress=60)
    assert achieved_question(goal) == "This goal is marked achieved but shows 60%. Mark it 100%?"
    assert [p.field for p in check_goal(goal)] == ["progress"]
    fixed = mark_complete(goal)
    assert fixed.progress == 100 and check_goal(fixed) == [] and achieved_question(fixed) is None
    assert check_goal(goal.model_copy(update={"status": "in-progress"})) == []


def test_an_action_cannot_be_due_before_its_session() -> None:
    session = Session(date=TODAY)
    early = ActionItem(owner="mentee", text="Try Notion", due=TODAY - timedelta(days=1))
    problems = check_action(early, session)
    assert [p.field for p in problems] == ["due"]
    assert problems[0].message == (
        "An action cannot be due before the session that made it (2026-11-23)."
    )
    assert check_action(early.model_copy(update={"due": TODAY}), session) == []
    assert check_action(early, None) == []
    assert check_action(early.model_copy(update={"due": None}), session) == []


def test_a_start_more_than_a_year_away_asks_for_confirmation() -> None:
    assert start_question(TODAY - timedelta(days=365), TODAY) is None
    assert start_question(TODAY + timedelta(days=365), TODAY) is None
    back = start_question(TODAY - timedelta(days=366), TODAY)
    assert (
        back
        == "The programme starts Saturday 22 November 2025, more than a year ago. Is that right?"
    )
    ahead = start_question(date(2028, 1, 3), TODAY)
    assert ahead is not None and "more than a year from now" in ahead


def test_the_demo_pair_passes_every_check() -> None:
    curriculum, _ = load_for(None)
    sample = build_sample(TODAY, curriculum.lessons, curriculum.cards)
    sessions = {s.id: s for s in sample.sessions}
    assert [p for s in sample.sessions for p in check_session(s, TODAY)] == []
    assert [p for g in sample.goals for p in check_goal(g)] == []
    assert [
        p for a in sample.actions for p in check_action(a, sessions.get(a.session_id or ""))
    ] == []
    assert start_question(sample.pair.started_on, TODAY) is None


# -- short sessions ---------------------------------------------------------------------------


def test_a_session_under_5_minutes_asks_finish_or_discard() -> None:
    assert short_session_question(20) == (
        "This session ran less than a minute. Finish it, or discard this session?"
    )
    assert (
        short_session_question(61)
        == "This session ran 1 minute. Finish it, or discard this session?"
    )
    assert short_session_question(4 * 60 + 59) is not None
    assert short_session_question(5 * 60) is None
    assert spent_minutes(89) == 1 and spent_minutes(90) == 2


def test_a_mistaken_wrap_up_does_not_log_the_planned_hour() -> None:
    started = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    quick = Session(
        date=TODAY, minutes=60, status="in-progress", started_at=started, elapsed_seconds=20
    )
    assert session_minutes(quick) == 0
    assert finish(quick, Reflections()).minutes == 0
    assert finish(quick, Reflections(), minutes=7).minutes == 7
    ran = quick.model_copy(update={"elapsed_seconds": 47 * 60 + 40})
    assert finish(ran, Reflections()).minutes == 48
    recorded = Session(date=TODAY, minutes=45)  # entered afterwards: the clock never ran
    assert session_minutes(recorded) == 45

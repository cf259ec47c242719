"""Domain models: readable validation messages and round trips through storage."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from companion.domain.cards import Card, CardSource, CardState, ReviewLog
from companion.domain.checkins import CheckIn, CheckInAnswers
from companion.domain.errors import describe
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Pair
from companion.domain.sessions import ActionItem, PrivateNotes, Reflection, Reflections, Session
from companion.domain.settings import Settings
from companion.storage.store import Store
from tests.conftest import make_pair


def messages(model: type, data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return describe(caught.value)


def test_pair_errors_name_the_field_and_the_reason() -> None:
    found = messages(
        Pair,
        {
            "mentor": {"name": "  ", "role": "mentor"},
            "mentee": {"name": "Richard", "role": "boss"},
            "started_on": "2026-02-30",
            "cadence": "daily",
            "session_minutes": 5,
        },
    )
    assert "mentor.name: must not be empty" in found
    assert "mentee.role: must be 'mentor' or 'mentee'" in found
    assert any(m.startswith("started_on: is not a real date") for m in found)
    assert "cadence: must be 'weekly', 'fortnightly' or 'monthly'" in found
    assert "session_minutes: must be between 15 and 240" in found
    assert not any("http" in m or "type=" in m for m in found)


def test_missing_and_unknown_fields_read_well() -> None:
    found = messages(Goal, {"title": "Post weekly", "colour": "red"})
    assert found == ["owner: is required", "colour: is not a known field"]


def test_list_positions_count_from_one() -> None:
    found = messages(Pair, make_pair().model_dump() | {"agreement": ["fine", ""]})
    assert found == ["agreement[2]: must not be empty"]


def test_pair_roles_must_match_their_places() -> None:
    data = make_pair().model_dump()
    data["mentor"]["role"] = "mentee"
    assert messages(Pair, data) == ["(the whole record): the mentor must have the role 'mentor'"]


def test_ratings_and_progress_are_bounded() -> None:
    assert messages(Reflection, {"rating": 6}) == ["rating: must be between 1 and 5"]
    found = messages(Goal, {"owner": "shared", "title": "x", "progress": 101})
    assert found == ["progress: must be between 0 and 100"]


def test_review_times_must_carry_a_timezone() -> None:
    found = messages(
        ReviewLog,
        {"card_id": "mfa", "role": "mentee", "rating": 3, "reviewed_at": "2026-01-01T10:00:00"},
    )
    assert found and found[0].startswith("reviewed_at:")


def test_every_model_round_trips_through_storage(data: Path) -> None:
    now = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    pair = make_pair(next_session_on=date(2026, 11, 20))
    goal = Goal(
        owner="mentee", title="Post on LinkedIn", progress=40, lesson_ids=["linkedin-presence"]
    )
    session = Session(
        date=date(2026, 11, 3),
        minutes=55,
        lesson_ids=["first-meeting"],
        shared_notes="Agreed the purpose.\nSecond line — with ünïcode.",
        private_notes=PrivateNotes(mentor="nervous", mentee="listen more"),
        reflections=Reflections(mentor=Reflection(rating=4, worked="a", adjust="b")),
    )
    action = ActionItem(
        owner="mentor", text="Send the outline", due=date(2026, 11, 17), session_id=session.id
    )
    entry = LogEntry(
        date=date(2026, 11, 4), minutes=15, topic="Screen sharing", skills=["explaining"]
    )
    checkin = CheckIn(date=date(2026, 11, 3), mentor=CheckInAnswers(scores={"speak-freely": 2}))
    card = Card(
        id="my-term",
        term="My term",
        definition="A thing.",
        deck="mine",
        audience="mentee",
        source=CardSource(kind="session", ref=session.id),
    )
    state = CardState(
        card_id="my-term", role="mentee", due=now, stability=2.5, difficulty=5.1, reviews=1
    )
    log = ReviewLog(card_id="my-term", role="mentee", rating=3, reviewed_at=now, duration_ms=4000)
    settings = Settings(theme="nord", new_cards_per_day=5)

    with Store.open(data) as store:
        store.journal.save_pair(pair)
        store.journal.save_settings(settings)
        store.journal.add_goal(goal)
        store.journal.add_session(session)
        store.journal.add_action(action)
        store.journal.add_log_entry(entry)
        store.journal.add_checkin(checkin)
        store.cards.put_card(card)
        store.cards.put_state(state)
        store.reviews.add(log)

    with Store.open(data) as store:
        assert store.journal.pair() == pair
        assert store.journal.settings() == settings
        assert store.journal.goals() == [goal]
        assert store.journal.sessions() == [session]
        assert store.journal.actions(session.id) == [action]
        assert store.journal.log_entries() == [entry]
        assert store.journal.checkins() == [checkin]
        assert store.cards.cards() == [card]
        assert store.cards.state("my-term", "mentee") == state
        assert store.reviews.logs(card_id="my-term") == [log]
        assert store.reviews.years() == [2026]


def test_updates_and_deletes_persist(data: Path) -> None:
    goal = Goal(owner="mentor", title="Present Q3")
    with Store.open(data) as store:
        store.journal.add_goal(goal)
        store.journal.add_goal(Goal(owner="mentee", title="Other"))
        store.journal.update_goal(goal.model_copy(update={"progress": 60, "status": "in-progress"}))
    with Store.open(data) as store:
        goals = {g.id: g for g in store.journal.goals()}
        assert goals[goal.id].progress == 60
        assert len(goals) == 2
        assert store.journal.delete_goal(goal.id)
        assert not store.journal.delete_goal(goal.id)
    with Store.open(data) as store:
        assert [g.title for g in store.journal.goals()] == ["Other"]


def test_invalid_model_is_refused_before_it_is_written(data: Path) -> None:
    with Store.open(data) as store:
        goal = Goal(owner="mentor", title="ok")
        bad = Goal.model_construct(**(goal.model_dump() | {"progress": 500}))
        with pytest.raises(ValidationError):
            store.journal.add_goal(bad)
        assert store.journal.goals() == []
    with Store.open(data) as store:
        assert store.journal.goals() == []

"""The use-case layer refuses what the forms refuse, with the forms' sentences."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from companion.domain.checks import Refused
from companion.domain.date_input import DateInputError
from companion.domain.errors import ReadableError
from companion.domain.session_rules import check_held_minutes, read_due_date, read_held_date
from companion.domain.sessions import ActionItem, Reflections, Session
from companion.programme.core import Programme
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY
from tests.conftest import make_pair


def opened(folder: Path) -> Programme:
    return Programme.opened(folder, backup=False, clock=lambda: NOW)


def form_sentence(read: object, *args: object) -> str:
    with pytest.raises(DateInputError) as caught:
        read(*args)  # type: ignore[operator]
    return str(caught.value)


def test_a_held_session_of_3_minutes_is_refused_with_the_forms_sentence(data: Path) -> None:
    with opened(data) as programme:
        programme.journal.save_pair(make_pair())
        held = Session(date=TODAY, minutes=3, status="finished")
        with pytest.raises(Refused) as caught:
            programme.sessions.save(held)
        assert isinstance(caught.value, ReadableError)  # shown as a sentence, never a traceback
        assert (
            str(caught.value)
            == check_held_minutes("3")[1]
            == ("Minutes must be between 5 and 240.")
        )
        assert [p.field for p in caught.value.problems] == ["minutes"]
        saved = programme.sessions.save(held.model_copy(update={"minutes": 5}))
    with Store.open(data, readonly=True) as store:
        assert [s.id for s in store.journal.sessions()] == [saved.id]
        assert store.journal.session(saved.id).minutes == 5


def test_finishing_with_too_few_or_too_many_minutes_saves_nothing(data: Path) -> None:
    with opened(data) as programme:
        programme.journal.save_pair(make_pair())
        plan = programme.sessions.plan()
        running = programme.sessions.start(plan.preselected, plan.agenda)
        for minutes in (3, 241):
            with pytest.raises(Refused, match="between 5 and 240"):
                programme.sessions.finish(running, Reflections(), None, minutes=minutes)
        assert programme.sessions.open_session() == running
        assert programme.journal.log_entries() == []
        done = programme.sessions.finish(running, Reflections(), None, minutes=240)
        assert done.status == "finished" and done.minutes == 240


def test_a_session_after_today_is_refused_with_the_forms_sentence(data: Path) -> None:
    tomorrow = TODAY + timedelta(days=1)
    with opened(data) as programme:
        with pytest.raises(Refused) as caught:
            programme.sessions.save(Session(date=tomorrow, minutes=60, status="finished"))
        assert str(caught.value) == form_sentence(read_held_date, "2026-11-24", TODAY)
        assert programme.sessions.all() == []


def test_an_action_due_before_its_session_is_refused_with_the_forms_sentence(
    data: Path,
) -> None:
    with opened(data) as programme:
        session = programme.sessions.save(Session(date=TODAY, minutes=60, status="finished"))
        early = ActionItem(
            owner="mentee", text="Try Notion", session_id=session.id, due=TODAY - timedelta(1)
        )
        with pytest.raises(Refused) as caught:
            programme.journal.save_action(early)
        assert str(caught.value) == form_sentence(read_due_date, "2026-11-22", TODAY)
        assert str(caught.value) == (
            "An action cannot be due before the session that made it (2026-11-23)."
        )
        assert programme.journal.actions() == []
        kept = programme.journal.save_action(early.model_copy(update={"due": TODAY}))
        loose = programme.journal.save_action(ActionItem(owner="mentor", text="Read", due=TODAY))
        assert {a.id for a in programme.journal.actions()} == {kept.id, loose.id}


def test_a_record_kept_from_before_a_rule_can_still_be_ticked_off_but_not_made_worse(
    data: Path,
) -> None:
    with Store.open(data) as store:  # written before the rules, straight into storage
        old = store.journal.add_session(Session(date=TODAY, minutes=2, status="finished"))
        early = store.journal.add_action(
            ActionItem(owner="mentee", text="Old", session_id=old.id, due=TODAY - timedelta(3))
        )
    with opened(data) as programme:
        ticked = programme.journal.save_action(early.model_copy(update={"done": True}))
        assert programme.journal.action(early.id) == ticked
        with pytest.raises(Refused):
            programme.journal.save_action(early.model_copy(update={"due": TODAY - timedelta(2)}))
        noted = programme.sessions.save(old.model_copy(update={"shared_notes": "Kept"}))
        assert (noted.minutes, noted.shared_notes) == (2, "Kept")
        with pytest.raises(Refused, match="between 5 and 240"):
            programme.sessions.save(old.model_copy(update={"minutes": 3}))

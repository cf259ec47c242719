"""The evaluation tables in journal.json: stored, read back, absent in old files, wins once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from companion.commands.data import render
from companion.domain.expectations import ExpectationEntry
from companion.domain.plan import Pause, move_slot
from companion.domain.skills import SkillRound, SkillScore
from companion.domain.wins import Win
from companion.storage.store import Store
from tests.apphelpers import TODAY, demo_folder, over
from tests.conftest import make_pair

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)


def test_evaluation_records_survive_a_reopen(data: Path) -> None:
    with Store.open(data, backup=False) as store:
        journal = store.journal
        journal.save_pair(make_pair())
        journal.add_skill_round(
            SkillRound(
                role="mentee",
                on=date(2026, 9, 1),
                kind="onboarding",
                scores=[SkillScore(skill="AI assistants", rating=2, evidence="Never tried")],
            )
        )
        journal.add_expectation(
            ExpectationEntry(
                role="mentor", on=date(2026, 9, 1), sentence="Lead.", themes=["leadership"]
            )
        )
        journal.add_pause(Pause(starts_on=date(2026, 12, 20), ends_on=date(2027, 1, 4)))
        journal.save_reschedule(move_slot(None, 3, date(2026, 10, 15), time(16), NOW))
        moved_again = move_slot(journal.reschedule(3), 3, date(2026, 10, 16), None, NOW)
        journal.save_reschedule(moved_again)
    with Store.open(data, readonly=True) as store:
        journal = store.journal
        assert journal.skill_rounds("mentee")[0].scores[0].evidence == "Never tried"
        assert journal.skill_rounds("mentor") == []
        assert journal.expectations()[0].themes == ["leadership"]
        assert journal.pauses()[0].days == 16
        assert [(r.slot, r.moved_to, r.sequence) for r in journal.reschedules()] == [
            (3, date(2026, 10, 16), 2)
        ]
    assert oct(data.joinpath("journal.json").stat().st_mode & 0o777) == "0o600"


def test_recording_wins_twice_adds_nothing_and_keeps_the_first_date(data: Path) -> None:
    first = Win(key="session-5", kind="sessions", on=date(2026, 10, 1), title="5 sessions together")
    with Store.open(data, backup=False) as store:
        assert store.journal.record_wins([first]) == [first]
    later = first.model_copy(update={"on": date(2026, 10, 20)})
    end = Win(key="end", kind="end", on=date(2027, 3, 1), title="The programme is complete")
    with Store.open(data, backup=False) as store:
        assert store.journal.record_wins([later, end]) == [end]
        assert store.journal.record_wins([later, end]) == []
        assert [(w.key, w.on) for w in store.journal.wins()] == [
            ("session-5", date(2026, 10, 1)),
            ("end", date(2027, 3, 1)),
        ]


def test_a_journal_written_before_the_new_tables_opens_with_them_empty(data: Path) -> None:
    data.mkdir(mode=0o700)
    pair = make_pair().model_dump(mode="json")
    del pair["id"], pair["session_time"]
    old = {
        "meta": {"1": {"schema": 1}},
        "pair": {"1": pair},
        "settings": {"1": {"theme": "nord", "new_cards_per_day": 5, "desired_retention": 0.9}},
    }
    (data / "journal.json").write_text(json.dumps(old))
    (data / "journal.json").chmod(0o600)
    with Store.open(data, readonly=True) as store:
        journal = store.journal
        assert journal.wins() == journal.pauses() == journal.reschedules() == []
        assert journal.skill_rounds() == [] and journal.expectations() == []
        first_id = journal.pair().id  # type: ignore[union-attr]
        assert journal.settings().skills("mentor")[0] == "Business vocabulary"
    with Store.open(data, readonly=True) as store:
        assert store.journal.pair().id == first_id != ""  # type: ignore[union-attr]
    with Store.open(data, backup=False) as store:
        assert store.recovered == []
        store.journal.record_wins(
            [Win(key="midpoint", kind="midpoint", on=date(2026, 12, 1), title="Halfway")]
        )
    with Store.open(data, readonly=True) as store:
        assert len(store.journal.wins()) == 1


def test_the_demo_pair_has_ratings_checkins_expectations_and_wins(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    with Store.open(data, readonly=True) as store:
        journal = store.journal
        kinds = sorted((r.role, r.kind) for r in journal.skill_rounds())
        assert kinds == [
            ("mentee", "midpoint"),
            ("mentee", "onboarding"),
            ("mentor", "midpoint"),
            ("mentor", "onboarding"),
        ]
        assert len(journal.checkins()) == 3
        assert len(journal.expectations()) == 4
        keys = {w.key for w in journal.wins()}
        assert {"first-session", "session-5", "midpoint", "skill-mentee-ai-assistants"} <= keys
        text = render(over(data, store), "md", include_private=False, today=TODAY)
        exported = json.loads(render(over(data, store), "json", include_private=False) or "{}")
    assert text is not None and "## What we achieved" in text
    assert "Largest gains: Richard Hale, AI assistants: 2 → 4" in text
    assert len(exported["wins"]) == len(keys) and len(exported["skill_rounds"]) == 4

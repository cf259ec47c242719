"""Emoji, CJK, right-to-left and combining characters survive storage and every export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from companion.commands.calendar import calendar_bytes
from companion.commands.data import render
from companion.domain.anki import parse_anki, write_anki
from companion.domain.card_import import export_cards
from companion.domain.cards import Card
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Person
from companion.domain.sessions import ActionItem, Session
from companion.storage.backups import take_backup
from companion.storage.restore import restore_backup
from companion.storage.store import Store
from tests.apphelpers import over
from tests.conftest import make_pair

SAMPLES = {
    "emoji": "Zoë 👩🏽‍💻 ships 🚀",
    "cjk": "李小龙 学习 デジタル 한국어",
    "rtl": "مرحبا بالعالم שלום",
    "combining": "Cafe\u0301 n\u0303 a\u030a",
}
TODAY = date(2026, 11, 23)


def _fill(folder: Path) -> None:
    with Store.open(folder, backup=False) as store:
        journal = store.journal
        journal.save_pair(
            make_pair(
                mentor=Person(name=SAMPLES["emoji"], role="mentor", title=SAMPLES["rtl"]),
                mentee=Person(name=SAMPLES["cjk"], role="mentee", title=SAMPLES["combining"]),
            )
        )
        session = journal.add_session(
            Session(date=date(2026, 11, 2), shared_notes=" / ".join(SAMPLES.values()))
        )
        journal.add_action(ActionItem(owner="mentee", text=SAMPLES["rtl"], session_id=session.id))
        for kind, text in SAMPLES.items():
            journal.add_goal(Goal(owner="shared", title=text))
            journal.add_log_entry(LogEntry(date=date(2026, 11, 3), minutes=15, topic=text))
            store.cards.put_card(
                Card(id=f"u-{kind}", term=text, definition=text, deck="mine", audience="mentee")
            )


def test_unicode_round_trips_through_storage(data: Path) -> None:
    _fill(data)
    with Store.open(data, backup=False) as store:
        pair = store.journal.pair()
        assert pair is not None
        assert (pair.mentor.name, pair.mentee.name) == (SAMPLES["emoji"], SAMPLES["cjk"])
        assert [g.title for g in store.journal.goals()] == list(SAMPLES.values())
        assert [e.topic for e in store.journal.log_entries()] == list(SAMPLES.values())
        assert {c.term for c in store.cards.cards()} == set(SAMPLES.values())
        notes = store.journal.sessions()[0].shared_notes
        assert notes == " / ".join(SAMPLES.values())


def test_unicode_round_trips_through_every_export(data: Path) -> None:
    _fill(data)
    store = Store.open(data, readonly=True)

    exported = json.loads(render(over(data, store), "json", include_private=True) or "")
    assert exported["pair"]["mentor"]["name"] == SAMPLES["emoji"]
    assert [g["title"] for g in exported["goals"]] == list(SAMPLES.values())
    assert {c["term"] for c in exported["cards"]} == set(SAMPLES.values())

    report = render(over(data, store), "md", include_private=True, today=TODAY) or ""
    for text in SAMPLES.values():
        assert text in report, text

    for what, column in (("log", "topic"), ("actions", "text")):
        rows = list(csv.DictReader(io.StringIO(render(over(data, store), "csv", True, what) or "")))
        values = {row[column] for row in rows}
        expected = set(SAMPLES.values()) if what == "log" else {SAMPLES["rtl"]}
        assert values == expected, what
    sessions = render(over(data, store), "csv", True, "sessions") or ""
    assert all(text in sessions for text in SAMPLES.values())

    anki = write_anki(export_cards(store.cards.cards()))
    parsed = parse_anki(anki, "export.txt")
    assert not parsed.problems
    assert {(row.term, row.definition) for row in parsed.rows} == {(t, t) for t in SAMPLES.values()}


@pytest.mark.parametrize(("mentor", "mentee"), [("emoji", "cjk"), ("rtl", "combining")])
def test_unicode_round_trips_through_the_calendar(data: Path, mentor: str, mentee: str) -> None:
    _fill(data)
    names = (SAMPLES[mentor], SAMPLES[mentee])
    with Store.open(data, backup=False) as store:
        pair = store.journal.pair()
        assert pair is not None
        store.journal.save_pair(
            pair.model_copy(
                update={
                    "mentor": pair.mentor.model_copy(update={"name": names[0]}),
                    "mentee": pair.mentee.model_copy(update={"name": names[1]}),
                }
            )
        )
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with Store.open(data, readonly=True) as store:
        ics = calendar_bytes(data, store, now, ZoneInfo("Europe/London"), TODAY)
    assert ics is not None

    calendar = Calendar.from_ical(ics)  # lines longer than 75 octets are folded: unfolded here
    title = f"Reverse mentoring: {names[0]} & {names[1]}"
    assert str(calendar["X-WR-CALNAME"]) == title
    events = calendar.walk("VEVENT")
    assert events, "the pair has sessions still to come"
    for event in events:
        summary = str(event["SUMMARY"])
        assert summary == title or summary.startswith(f"{title} · "), summary
        (alarm,) = event.walk("VALARM")
        assert str(alarm["DESCRIPTION"]) == f"Tomorrow: {summary}"


def _everything(store: Store) -> dict[str, Any]:
    """Every record the samples went into, as stored (names, notes, cards, goals, log, actions)."""
    journal = store.journal
    return {
        "pair": journal.pair(),
        "sessions": journal.sessions(),
        "goals": journal.goals(),
        "log": journal.log_entries(),
        "actions": journal.actions(),
        "cards": sorted(store.cards.cards(), key=lambda c: c.id),
    }


def test_unicode_round_trips_through_backup_and_restore(data: Path) -> None:
    _fill(data)
    with Store.open(data, backup=False) as store:
        before = _everything(store)
    backup = take_backup(data)
    assert backup is not None
    with Store.open(data, backup=False) as store:  # then the texts are changed, and restored
        journal = store.journal
        journal.save_pair(make_pair())
        for goal in journal.goals():
            journal.delete_goal(goal.id)
        journal.update_session(before["sessions"][0].model_copy(update={"shared_notes": "x"}))
        store.cards.put_card(before["cards"][0].model_copy(update={"term": "plain"}))
        assert _everything(store) != before

    restore_backup(data, backup)

    with Store.open(data, backup=False) as store:
        after = _everything(store)
        assert store.notices() == []
    assert after == before
    pair = after["pair"]
    assert (pair.mentor.name, pair.mentee.name) == (SAMPLES["emoji"], SAMPLES["cjk"])
    assert [g.title for g in after["goals"]] == list(SAMPLES.values())
    assert after["sessions"][0].shared_notes == " / ".join(SAMPLES.values())
    assert {c.term for c in after["cards"]} == set(SAMPLES.values())

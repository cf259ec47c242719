"""Emoji, CJK, right-to-left and combining characters survive storage and every export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from companion.commands.data import render
from companion.domain.anki import parse_anki, write_anki
from companion.domain.card_import import export_cards
from companion.domain.cards import Card
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.pair import Person
from companion.domain.sessions import ActionItem, Session
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

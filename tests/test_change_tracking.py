"""One change counter (storage/changes.py) tells the listings and the glossary when to rebuild."""

from __future__ import annotations

from pathlib import Path

from companion.domain.cards import CardState
from companion.domain.goals import Goal
from companion.domain.log import LogEntry
from companion.domain.sessions import ActionItem
from companion.programme.core import Programme
from tests.apphelpers import NOW, TODAY, demo_folder


def opened(folder: Path) -> Programme:
    return Programme.opened(folder, backup=False, clock=lambda: NOW)


def test_listings_rebuild_after_their_tables_change_and_a_reopen_only(data: Path) -> None:
    demo_folder(data)
    with opened(data) as programme:
        listings = programme.listings
        first = listings.journal()
        programme.journal.save_goal(
            Goal(owner="mentee", title="Unrelated", status="not-started", updated_on=TODAY)
        )
        assert listings.journal() is first  # goals are not in the listings
        programme.journal.save_action(ActionItem(owner="mentor", text="Counted"))
        second = listings.journal()
        assert second is not first
        assert listings.journal() is second
        programme.reopen()  # a restore replaced the files: everything counts as changed
        assert listings.journal() is not second


def test_the_glossary_rebuilds_after_a_card_or_state_write_only(data: Path) -> None:
    demo_folder(data)
    with opened(data) as programme:
        glossary = programme.cards.glossary
        first = glossary.view(NOW)
        programme.journal.save_log_entry(LogEntry(date=TODAY, minutes=10, topic="Not cards"))
        assert glossary.view(NOW) is first
        card_id = first.rows[0].id
        programme.store.cards.put_state(CardState(card_id=card_id, role="mentee", due=NOW))
        second = glossary.view(NOW)
        assert second is not first and glossary.view(NOW) is second
        programme.reopen()
        assert glossary.view(NOW) is not second

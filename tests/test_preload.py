"""The journal's, log's and glossary's rows are built after start-up, before their keys."""

from __future__ import annotations

from pathlib import Path

from companion.programme.core import Programme
from companion.programme.preload import preload
from tests.apphelpers import NOW, demo_folder


def test_preload_builds_what_the_first_open_of_each_screen_asks_for(tmp_path: Path) -> None:
    programme = Programme.opened(demo_folder(tmp_path / "data"), backup=False, clock=lambda: NOW)
    try:
        assert preload(programme)
        listings = programme.listings
        journal, log = listings.journal(), listings.log()
        view = programme.cards.glossary.view(programme.now())
        assert preload(programme)  # again: nothing new is built
        assert listings.journal() is journal and listings.log() is log
        assert programme.cards.glossary.view(programme.now()) is view
        assert journal.rows and log.listing.rows and view.rows
    finally:
        programme.close()


def test_preload_before_the_folder_is_open_builds_nothing(tmp_path: Path) -> None:
    programme = Programme(demo_folder(tmp_path / "data"), clock=lambda: NOW)
    assert not programme.ready
    assert not preload(programme)

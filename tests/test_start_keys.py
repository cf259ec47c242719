"""Keys pressed while the data folder opens in the background are done once it is open."""

from __future__ import annotations

import threading
from pathlib import Path

from companion.screens.dashboard import DashboardScreen
from companion.screens.lifecycle import OPENING
from tests.apphelpers import app_on, demo_folder


def _held_open(app) -> threading.Event:  # type: ignore[no-untyped-def]
    """Make the app's background open wait for the returned event (a slow disk)."""
    release = threading.Event()
    real_open = app.programme.open

    def slow_open(**options: object) -> None:
        assert release.wait(30)
        real_open(**options)

    app.programme.open = slow_open
    return release


async def _until_open(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        await pilot.pause(0.05)
        if pilot.app.lifecycle.is_open:
            break
    await pilot.pause()
    assert pilot.app.lifecycle.is_open


async def test_a_key_pressed_before_the_journal_is_open_is_done_once_it_is(
    tmp_path: Path,
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    release = _held_open(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)  # a bare pause would wait for the open (conftest)
        board = app.screen
        assert isinstance(board, DashboardScreen)
        await pilot.press("j")  # the journal, before the folder is open
        await pilot.pause(0.2)
        assert app.screen is board and not app.lifecycle.is_open
        assert OPENING in [n.message for n in app._notifications]
        release.set()
        await _until_open(pilot)
        assert type(app.screen).__name__ == "JournalScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is board and board.filled


async def test_keys_before_the_open_are_done_in_order_and_quitting_waits_for_it(
    tmp_path: Path,
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    release = _held_open(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("j", "g")  # journal, then glossary on top of it
        await pilot.pause(0.2)
        assert len(app.lifecycle.pending) == 2
        release.set()
        await _until_open(pilot)
        names = [type(s).__name__ for s in app.screen_stack]
        assert names[-2:] == ["JournalScreen", "GlossaryScreen"], names
        assert app.lifecycle.pending == []


async def test_quitting_while_the_folder_opens_waits_and_releases_it(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data")
    app = app_on(folder)
    release = _held_open(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        threading.Timer(0.3, release.set).start()
        await pilot.press("ctrl+q")
    assert app.lifecycle.settled.is_set()
    assert app.programme._store is None  # closed after the open finished, not during it
    again = app_on(folder)  # the lock was released: a new instance opens the folder
    async with again.run_test(size=(100, 30)) as pilot:
        await _until_open(pilot)
        assert isinstance(again.screen, DashboardScreen) and again.screen.filled

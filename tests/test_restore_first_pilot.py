"""After a damaged journal was moved aside, the app offers the restore before anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from companion.dialogs.restore_first import RestoreFirstDialog
from companion.screens.dashboard import DashboardScreen
from companion.screens.onboarding import OnboardingScreen
from companion.storage.backups import best_backup
from companion.storage.store import Store
from tests.apphelpers import app_on, demo_folder


def _damaged(data: Path) -> tuple[Path, str]:
    """The demo pair, a good backup of it, then a journal that is not JSON."""
    demo_folder(data)
    Store.open(data).close()  # the backup on open holds the good state
    backup = best_backup(data)
    assert backup is not None
    with Store.open(data, readonly=True) as store:
        pair = store.journal.pair()
    assert pair is not None
    (data / "journal.json").write_bytes(b'{"pair": {"1": trunc')
    return backup, pair.mentor.name


def _explanation(app) -> str:
    return str(app.screen.query_one("#explanation", Static).render())


@pytest.mark.asyncio
async def test_restore_is_offered_first_and_brings_the_pair_back(data: Path) -> None:
    backup, mentor = _damaged(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreFirstDialog), "no onboarding over a missing journal"
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)
        text = _explanation(app)
        assert "journal.json could not be read" in text
        assert backup.name in text
        restore = app.screen.query_one("#restore", Button)
        assert str(restore.label) == f"Restore {backup.name}"
        assert app.screen.query_one("#fresh", Button).disabled
        await pilot.click("#restore")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.programme.journal.pair() is not None
        assert app.programme.store.needs_restore == []
    with Store.open(data, readonly=True) as store:
        pair = store.journal.pair()
        assert pair is not None and pair.mentor.name == mentor
        assert store.journal.sessions(), "the pair's sessions came back with it"


@pytest.mark.asyncio
async def test_start_afresh_needs_start_typed_then_runs_onboarding(data: Path) -> None:
    _damaged(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreFirstDialog)
        await pilot.click("#fresh")  # disabled: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, RestoreFirstDialog)
        app.screen.query_one("#confirm", Input).focus()
        await pilot.press("S", "T", "A", "R")
        await pilot.press("enter")
        assert isinstance(app.screen, RestoreFirstDialog), "START must be typed in full"
        await pilot.press("T", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert app.programme.store.needs_restore == []


@pytest.mark.asyncio
async def test_quit_writes_nothing_and_the_offer_comes_back(data: Path) -> None:
    _damaged(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#quit")
        await pilot.pause()
    assert not app.is_running
    with Store.open(data) as store:
        assert [f.file for f in store.needs_restore] == ["journal.json"]


@pytest.mark.asyncio
async def test_the_offer_fits_a_40x12_terminal(data: Path) -> None:
    _damaged(data)
    app = app_on(data)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreFirstDialog)
        assert app.screen.query_one("#restore", Button).has_focus
        await pilot.press("enter")  # the focused, safe choice: restore
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.programme.journal.pair() is not None

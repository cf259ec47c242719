"""After a damaged journal was moved aside, the app offers the restore before anything else."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Select, Static

from companion.dialogs.message import ConfirmDialog, MessageDialog
from companion.dialogs.restore_first import RestoreFirstDialog
from companion.screens.dashboard import DashboardScreen
from companion.screens.onboarding import OnboardingScreen
from companion.storage.backups import best_backup
from companion.storage.store import Store
from tests.apphelpers import app_on, demo_folder, until


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
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
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
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert app.programme.journal.pair() is not None


def _counts(folder: Path) -> tuple[int, int, int]:
    """Count sessions, cards and reviews straight from the JSON files (damaged ones: 0)."""

    def table(path: Path, name: str) -> int:
        try:
            return len(json.loads(path.read_text()).get(name, {}))
        except (OSError, ValueError):
            return 0

    reviews = sum(table(p, "reviews") for p in (folder / "reviews").glob("*.json"))
    return (
        table(folder / "journal.json", "sessions"),
        table(folder / "cards.json", "cards"),
        reviews,
    )


def _said(counts: tuple[int, int, int]) -> str:
    sessions, cards, reviews = counts
    return f"{sessions} sessions, {cards} cards, {reviews} reviews"


def _backup_counts(backup: Path) -> tuple[int, int, int]:
    unpacked = backup.parent / "unpacked"
    with zipfile.ZipFile(backup) as archive:
        archive.extractall(unpacked)
    return _counts(unpacked)


@pytest.mark.asyncio
async def test_the_offer_shows_what_comes_back_against_what_is_there(data: Path) -> None:
    backup, _mentor = _damaged(data)
    incoming, now = _backup_counts(backup), _counts(data)
    assert now[0] == 0 and incoming[0] > 0 and incoming[1:] == now[1:]
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreFirstDialog)
        text = " ".join(_explanation(app).split())
        assert f"{backup.name} holds: {_said(incoming)}." in text
        assert f"The data folder holds now: {_said(now)}." in text


async def _restore_from_settings(pilot: Any, backup: Path) -> Any:
    """Open Settings, choose ``backup`` and press Restore; return the Settings screen."""
    from companion.screens.settings import SettingsScreen

    await pilot.pause()
    await pilot.press("s")
    await until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, SettingsScreen) and bool(pilot.app.screen.query(Select))
        ),
    )
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    screen.query_one("#backups", Select).value = str(backup)
    screen.query_one("#restore", Button).press()
    # The backup is checked in a thread, behind a notice; then comes a question or a refusal.
    await _dialog_up(pilot, ConfirmDialog, MessageDialog)
    return screen


async def _dialog_up(pilot: Any, *kinds: type) -> None:
    """Wait until one of ``kinds`` is in front with its buttons composed."""
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, kinds) and bool(pilot.app.screen.query(Button)),
    )
    await pilot.pause()


@pytest.mark.asyncio
async def test_settings_restore_shows_what_comes_back_before_it_asks(data: Path) -> None:
    from companion.domain.sessions import Session
    from companion.screens.settings import SettingsScreen
    from tests.apphelpers import TODAY

    demo_folder(data)
    Store.open(data).close()
    backup = best_backup(data)
    assert backup is not None
    with Store.open(data, backup=False) as store:
        for _ in range(2):
            store.journal.add_session(Session(date=TODAY))
    incoming, now = _backup_counts(backup), _counts(data)
    assert now[0] == incoming[0] + 2
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _restore_from_settings(pilot, backup)
        assert isinstance(app.screen, ConfirmDialog)
        question = " ".join(str(app.screen.query_one(".question", Static).render()).split())
        assert f"{backup.name} holds: {_said(incoming)}." in question
        assert f"The data folder holds now: {_said(now)}." in question
        await pilot.press("escape")  # not restored
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert _counts(data) == now
        screen.query_one("#restore", Button).press()
        await _dialog_up(pilot, ConfirmDialog)
        await pilot.press("y")  # restored, and the app starts again on the dashboard
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
    assert _counts(data) == incoming


@pytest.mark.asyncio
async def test_settings_restore_of_a_bad_backup_says_why_and_asks_nothing(data: Path) -> None:

    demo_folder(data)
    (data / "backups").mkdir(mode=0o700, exist_ok=True)
    bad = data / "backups" / "companion-20200101-000000.zip"
    bad.write_bytes(b"PK not really a zip")
    before = _counts(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await _restore_from_settings(pilot, bad)
        assert isinstance(app.screen, MessageDialog)
        message = str(app.screen.query_one("VerticalScroll Static", Static).render())
        assert message.startswith(f"{bad.name}: it is not a readable backup")
        assert message.endswith("nothing was changed.")
    assert _counts(data) == before

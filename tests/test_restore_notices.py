"""Checking and restoring a backup (seconds at ten years) show a notice: the screen never stops."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Select, Static

from companion.dialogs.busy import BusyDialog
from companion.dialogs.message import ConfirmDialog
from companion.screens.dashboard import DashboardScreen
from companion.screens.settings import SettingsScreen
from companion.storage.backups import best_backup
from companion.storage.store import Store
from tests.apphelpers import app_on, demo_folder, until


def _with_backup(data: Path) -> Path:
    demo_folder(data)
    Store.open(data).close()  # the backup taken on open
    backup = best_backup(data)
    assert backup is not None
    return backup


def _busy_text(app: Any) -> str:
    return str(app.screen.query_one(Static).render())


@pytest.mark.asyncio
async def test_the_backup_is_checked_behind_a_notice_while_keys_still_work(data: Path) -> None:
    backup = _with_backup(data)
    app = app_on(data)
    release = threading.Event()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        compare = app.programme.data.compare

        def slow_compare(path: Path) -> Any:
            release.wait(10)  # a ten-year backup takes seconds to check
            return compare(path)

        app.programme.data.compare = slow_compare  # type: ignore[method-assign]
        await pilot.press("s")
        await until(
            pilot, lambda: isinstance(app.screen, SettingsScreen) and bool(app.screen.query(Select))
        )
        screen = app.screen
        screen.query_one("#backups", Select).value = str(backup)
        screen.query_one("#restore", Button).press()
        await until(
            pilot, lambda: isinstance(app.screen, BusyDialog) and bool(app.screen.query(Static))
        )
        assert backup.name in _busy_text(app)
        assert not release.is_set(), "the notice is up while the check still runs"
        await pilot.press("x", "ctrl+p", "f1")  # keys are taken; nothing opens over the notice
        await pilot.pause()
        assert isinstance(app.screen, BusyDialog)
        release.set()
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert not any(isinstance(s, BusyDialog) for s in app.screen_stack)


@pytest.mark.asyncio
async def test_the_restore_notice_is_drawn_before_the_restore_runs(data: Path) -> None:
    backup = _with_backup(data)
    app = app_on(data)
    drawn_busy: list[bool] = []
    seen_before_restore: list[bool] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        display = app._display

        def noted(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and isinstance(screen, BusyDialog):
                drawn_busy.append(True)

        app._display = noted  # type: ignore[method-assign]
        restore = app.programme.data.restore

        def watched(path: Path) -> Any:
            seen_before_restore.append(bool(drawn_busy))
            return restore(path)

        app.programme.data.restore = watched  # type: ignore[method-assign]
        await pilot.press("s")
        await until(
            pilot, lambda: isinstance(app.screen, SettingsScreen) and bool(app.screen.query(Select))
        )
        app.screen.query_one("#backups", Select).value = str(backup)
        app.screen.query_one("#restore", Button).press()
        await until(
            pilot, lambda: isinstance(app.screen, ConfirmDialog) and bool(app.screen.query(Button))
        )
        await pilot.pause()
        drawn_busy.clear()  # the check's own notice was drawn before the question
        await pilot.press("y")
        await until(pilot, lambda: bool(seen_before_restore))
        assert seen_before_restore == [True], "a frame showed the notice before the restore"
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await asyncio.sleep(0)
        assert not any(isinstance(s, BusyDialog) for s in app.screen_stack)

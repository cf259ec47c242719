"""Home and End go to the first and last row of a table; dialogs show their screen behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import ModalScreen
from textual.widgets import DataTable

from companion.screens.dashboard import DashboardScreen
from tests.apphelpers import app_on, demo_folder


async def ready(pilot) -> None:
    for _ in range(20):
        await pilot.pause(0.05)
        if pilot.app.programme.ready:
            break
    await pilot.pause()


@pytest.mark.parametrize(("key", "screen"), [("j", "JournalScreen"), ("l", "LogScreen")])
async def test_home_and_end_go_to_the_first_and_last_row(data: Path, key: str, screen: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.pause()
        assert table.row_count > 2
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
        assert table.scroll_x == 0  # the first column stays in view
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_x == 0


@pytest.mark.parametrize(
    ("key", "dialog"),
    [("question_mark", "HelpScreen"), ("r", "ChoiceDialog"), ("n", "StartSessionDialog")],
)
async def test_a_dialog_keeps_its_screen_visible_behind_it(
    data: Path, key: str, dialog: str
) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert app.screen.styles.background.a == 1  # screens are opaque
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        assert isinstance(app.screen, ModalScreen)
        assert 0 < app.screen.styles.background.a < 1
        assert isinstance(app.screen_stack[-2], DashboardScreen)  # what shows, dimmed, behind

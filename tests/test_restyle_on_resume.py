"""A screen that comes back is restyled only when the theme or the stylesheet changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from companion.screens.dashboard import DashboardScreen
from companion.screens.journal import JournalScreen
from tests.apphelpers import app_on, count_restyles, demo_folder, settle


async def _press(pilot: object, key: str) -> None:
    await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_returning_to_an_unchanged_screen_restyles_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled = count_restyles(monkeypatch)
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        # The warm-up's screens bring their widgets' CSS: a stylesheet change, which
        # rightly restyles a screen that was behind. Measure after it.
        await settle(pilot)
        await _press(pilot, "j")
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        await _press(pilot, "escape")
        restyled.clear()
        await _press(pilot, "j")
        assert app.screen is journal
        widgets = set(journal.walk_children(with_self=True))
        assert len([node for node in restyled if node in widgets]) <= 4  # focus moves only
        await _press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
        dashboard = set(app.screen.walk_children(with_self=True))
        assert len(dashboard) > 20
        assert len([node for node in restyled if node in dashboard]) <= 4


@pytest.mark.parametrize("change", ["theme", "stylesheet"])
async def test_a_change_made_while_the_screen_was_behind_shows_on_its_return(
    tmp_path: Path, change: str
) -> None:
    app = app_on(demo_folder(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _press(pilot, "j")
        journal = app.screen
        table = journal.query_one(DataTable)
        before = table.styles.background
        await _press(pilot, "escape")
        if change == "theme":
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        else:
            app.stylesheet.add_source("DataTable { background: #123456; }", read_from=("t", "t"))
            app.refresh_css()
        await pilot.pause()
        await _press(pilot, "j")
        assert app.screen is journal
        after = table.styles.background
        assert after != before
        if change == "stylesheet":
            assert after.hex == "#123456"
        fresh = DataTable[str]()
        await app.screen.mount(fresh)
        await pilot.pause()
        assert after == fresh.styles.background  # what a newly styled table gets

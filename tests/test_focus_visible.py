"""At 40x12 the focused field of a form is always on screen: dialogs scroll to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button

from companion.dialogs.card_edit import CardEditDialog
from companion.dialogs.forms import ActionDialog
from companion.dialogs.goal import GoalDialog
from companion.dialogs.log_entry import LogEntryDialog
from tests.apphelpers import TODAY, app_on, demo_folder

DIALOGS = {
    "goal": lambda: GoalDialog(None),
    "log entry": lambda: LogEntryDialog(None, TODAY),
    "card": lambda: CardEditDialog(None),
    "action": lambda: ActionDialog(date(2026, 12, 7), TODAY),
}


def on_screen(widget: Widget, screen: Screen[object]) -> bool:
    """Whether all of ``widget`` is drawn within ``screen``."""
    region, area = widget.region, screen.region
    return region.height > 0 and area.contains_region(region)


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_tab_to_the_last_field_keeps_it_on_a_40x12_screen(data: Path, name: str) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(40, 12)) as pilot:
        for _ in range(3):
            await pilot.pause()
        dialog = DIALOGS[name]()
        app.push_screen(dialog)
        await pilot.pause()
        focusable = [w for w in dialog.focus_chain if not isinstance(w, Button)]
        # Too tall for 12 rows: the buttons start below the screen, so this tests scrolling.
        assert not on_screen(dialog.query_one("#save", Button), dialog)
        while app.focused is not focusable[-1]:
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None and on_screen(app.focused, dialog), app.focused
        await pilot.press("tab")  # on to the buttons at the very bottom
        await pilot.pause()
        assert isinstance(app.focused, Button) and on_screen(app.focused, dialog)
        await pilot.press("shift+tab")  # and back up
        await pilot.pause()
        assert app.focused is focusable[-1] and on_screen(app.focused, dialog)

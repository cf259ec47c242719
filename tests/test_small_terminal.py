"""At 40x12 every screen still renders without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.dialogs.message import ConfirmDialog, MessageDialog
from companion.screens.help import HelpScreen
from tests.apphelpers import app_on, demo_folder

TARGETS = ["dashboard", "curriculum", "settings", "goals", "actions", "sessions", "cards"]


@pytest.mark.asyncio
async def test_every_screen_renders_at_40x12(data: Path) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        for target in TARGETS:
            app.navigator.open_target(target)
            await pilot.pause()
            assert app.screen.size.width == 40
            app.screen.refresh()
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            app.pop_screen()
            await pilot.pause()
        lesson_id = next(iter(app.programme.curriculum.lessons))
        app.navigator.open_lesson(lesson_id)
        await pilot.pause(0.3)
        await pilot.press("t", "p", "d")
        await pilot.pause(0.2)
        app.pop_screen()
        card_id = next(iter(app.programme.curriculum.cards))
        app.navigator.open_card(card_id)
        await pilot.pause()
        app.pop_screen()
        app.push_screen(MessageDialog("A title", "A long message " * 20))
        await pilot.pause()
        app.pop_screen()
        app.push_screen(ConfirmDialog("Sure?", "Really do the thing?"))
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
    assert app.return_code in (None, 0)


@pytest.mark.asyncio
async def test_onboarding_renders_at_40x12(data: Path) -> None:
    app = app_on(data)
    async with app.run_test(size=(40, 12)) as pilot:
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.screen.query_one("#field-mentor-name").has_class("-invalid")

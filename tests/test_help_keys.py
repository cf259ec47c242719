"""Help lists the screen's own keys, then Textual's generic ones; F1 opens it while typing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from companion.screens.help import HelpScreen, binding_rows
from tests.apphelpers import app_on, demo_folder, settle

GENERIC = ("scroll", "cursor", "focus", "page", "copy", "palette", "select")


def own_part(rows: list[tuple[str, str]]) -> list[str]:
    """The descriptions listed before the "More keys" row."""
    labels = [label for label, _ in rows]
    end = labels.index("") if "" in labels else len(rows)
    return [description for _, description in rows[:end]]


def generic_part(rows: list[tuple[str, str]]) -> list[str]:
    """The descriptions listed after the "More keys" row."""
    labels = [label for label, _ in rows]
    return [description for _, description in rows[labels.index("") + 1 :]]


async def test_help_puts_each_screens_own_keys_before_textuals(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = binding_rows(app.screen)  # the dashboard
        assert rows[0] == ("n", "Session")
        assert {"Log", "Settings", "Check-in"} <= set(own_part(rows))
        assert not [d for d in own_part(rows) if d.lower().startswith(GENERIC)]
        for target, first, own in (
            ("goals", "Back", {"Add", "Edit", "Delete"}),
            ("settings", "Back", {"Save pair"}),
        ):
            app.navigator.open_target(target)
            await settle(pilot)
            rows = binding_rows(app.screen)
            assert rows[0][1] == first, rows
            assert own <= set(own_part(rows)), rows
            assert not [d for d in own_part(rows) if d.lower().startswith(GENERIC)], rows
            assert any(d.lower().startswith(("scroll", "cursor")) for d in generic_part(rows))
            app.pop_screen()
            await settle(pilot)
        app.navigator.open_lesson(next(iter(app.programme.curriculum.lessons)))
        await pilot.pause(0.3)
        rows = binding_rows(app.screen)
        assert own_part(rows)[:2] == ["Back", "Contents"]
        assert "Previous lesson" in own_part(rows)
        assert "Focus Next" in generic_part(rows) and "Scroll Up" in generic_part(rows)


async def test_f1_opens_help_while_typing_in_a_text_area_of_settings(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.navigator.open_target("settings")
        await settle(pilot)
        area = app.screen.query_one("#agreement", TextArea)
        area.focus()
        await pilot.pause()
        before = area.text
        await pilot.press("question_mark")
        assert area.text != before and "?" in area.text  # typed, not help
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert own_part(app.screen._rows)[:2] == ["Back", "Save pair"]
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is area

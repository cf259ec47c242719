"""A goal can be linked to the lessons that serve it (the "Objectives" lesson asks for it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from companion.dialogs.goal import GoalDialog
from companion.domain.goals import Goal
from companion.widgets.ticks import TickList
from tests.apphelpers import TODAY, app_on, demo_folder


async def test_ticking_lessons_in_the_goal_dialog_links_them(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lessons = [(item.title, item.id) for item in app.programme.curriculum.lessons.values()]
        results: list[dict[str, Any] | None] = []
        dialog = GoalDialog(None, TODAY, None, lessons)
        app.push_screen(dialog, results.append)
        await pilot.pause()
        dialog.query_one("#input-title").value = "Run a team retro on a new tool"
        ticks = dialog.query_one("#lessons", TickList)
        ticks.focus()
        await pilot.press("down", "space")  # the second lesson
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results and results[0] is not None
        goal = Goal.model_validate(results[0])
        assert goal.lesson_ids == [lessons[1][1]]


async def test_an_edited_goal_shows_its_lessons_ticked_and_keeps_them(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lessons = [(item.title, item.id) for item in app.programme.curriculum.lessons.values()]
        goal = Goal(owner="mentee", title="Post weekly", lesson_ids=[lessons[2][1]])
        results: list[dict[str, Any] | None] = []
        dialog = GoalDialog(goal, TODAY, None, lessons)
        app.push_screen(dialog, results.append)
        await pilot.pause()
        assert dialog.query_one("#lessons", TickList).selected == [lessons[2][1]]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results[0] is not None and results[0]["lesson_ids"] == [lessons[2][1]]

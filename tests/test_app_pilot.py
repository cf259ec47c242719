"""Pilot tests: the app driven by key presses, as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Tree

from companion.screens.curriculum import CurriculumScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.onboarding import OnboardingScreen
from companion.screens.reader import ReaderScreen
from companion.storage.store import Store
from tests.apphelpers import press_and_wait, running, running_demo, type_into


@pytest.mark.asyncio
async def test_onboarding_by_keys_then_restart_shows_the_pair(data: Path) -> None:
    async with running(data) as (app, pilot):
        assert isinstance(app.screen, OnboardingScreen)
        # Step 1: people. Next with an empty name shows the error next to the field.
        await pilot.press("ctrl+n")
        assert app.screen.query_one("#field-mentor-name").has_class("-invalid")
        await type_into(pilot, "Aisha")
        for _ in range(3):
            await pilot.press("tab")
        await type_into(pilot, "Rich")
        await pilot.press("ctrl+n")
        assert app.screen.query_one("#step-count").render().plain == "Step 2 of 4"
        # Step 2: rhythm; an impossible date is refused inline.
        start = app.screen.query_one("#input-started_on", Input)
        start.value = "2026-02-30"
        await pilot.press("ctrl+n")
        assert app.screen.query_one("#field-started_on").has_class("-invalid")
        start.value = "2026-11-24"
        await pilot.press("ctrl+n")
        # Step 3: agreement; add our own rule.
        await pilot.press("tab")
        await type_into(pilot, "No phones")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        # Step 4: a goal for the senior, then finish.
        await type_into(pilot, "Grow")
        for _ in range(4):  # past the themes, the senior's hope and themes
            await pilot.press("tab")
        await type_into(pilot, "Post")
        await press_and_wait(pilot, "ctrl+n")
        assert isinstance(app.screen, DashboardScreen)

    with Store.open(data, readonly=True) as store:
        pair = store.journal.pair()
        assert pair is not None
        assert (pair.mentor.name, pair.mentee.name) == ("Aisha", "Rich")
        assert "No phones" in pair.agreement
        assert pair.expectations.mentor == "Grow"
        assert [g.title for g in store.journal.goals()] == ["Post"]

    async with running(data) as (again, _):
        assert isinstance(again.screen, DashboardScreen)
        rhythm = again.screen.query_one("#rhythm")
        assert "Aisha (junior) · Rich (senior)" in str(rhythm.query("Static").first().render())


@pytest.mark.asyncio
async def test_marking_a_lesson_done_moves_progress_and_persists(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        before = {m.id: p.done for m, p in app.programme.reports.overview().modules}
        lesson = next(
            x
            for x in app.programme.curriculum.ordered_lessons()
            if x.id not in {i for s in app.programme.sessions.all() for i in s.lesson_ids}
        )
        lesson_id = lesson.id
        await pilot.press("c")
        assert isinstance(app.screen, CurriculumScreen)
        tree = app.screen.query_one(Tree)
        node = next(n for n in tree._tree_nodes.values() if n.data == lesson_id)
        tree.select_node(node)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("d")
        await press_and_wait(pilot, "escape", "escape")
        after = {m.id: p.done for m, p in app.programme.reports.overview().modules}
        assert after[lesson.module] == before[lesson.module] + 1
    with Store.open(data, readonly=True) as store:
        assert any(
            m.lesson_id == lesson_id and m.status == "done" for m in store.journal.lesson_marks()
        )


@pytest.mark.asyncio
async def test_palette_finds_a_lesson_by_a_word_of_its_title(data: Path) -> None:
    async with running_demo(data) as (app, pilot):
        lesson = app.programme.curriculum.ordered_lessons()[-1]
        word = max(lesson.title.split(), key=len).strip(",.:;").lower()
        await pilot.press("ctrl+p")
        await type_into(pilot, word)
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(lesson.title in t for t in texts), (word, texts)


@pytest.mark.asyncio
async def test_palette_actions_reach_the_app_as_requests(data: Path) -> None:
    from companion.screens.goals import GoalsScreen
    from companion.screens.help import HelpScreen

    async with running_demo(data) as (app, pilot):
        for query, wanted in (("open goals", GoalsScreen), ("show keys", HelpScreen)):
            await pilot.press("ctrl+p")
            await type_into(pilot, query)
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert isinstance(app.screen, wanted), query

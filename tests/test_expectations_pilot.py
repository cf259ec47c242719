"""Expectations: said at onboarding, offered again at each check-in, edited afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList

from companion.dialogs.checkin import AnswersDialog, CheckInResultDialog, HandOverDialog
from companion.dialogs.expectation import ExpectationDialog
from companion.dialogs.message import ChoiceDialog
from companion.screens.checkins import CheckInsScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.onboarding import OnboardingScreen
from companion.storage.store import Store
from tests.apphelpers import TODAY, app_on, demo_folder, settle


@pytest.mark.asyncio
async def test_onboarding_asks_a_sentence_and_themes_for_each_person(data: Path) -> None:
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        screen.query_one("#input-mentor-name", Input).value = "Aisha"
        screen.query_one("#input-mentee-name", Input).value = "Rich"
        for _ in range(3):
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert str(screen.query_one("#step-count").render()) == "Step 4 of 4"
        screen.query_one("#input-hope-mentor", Input).value = "Learn how [b]boards[/b] decide"
        screen.query_one("#input-hope-mentee", Input).value = "Use AI without fear"
        # Space ticks a theme, as the label says.
        screen.query_one("#themes-mentor", SelectionList).focus()
        await pilot.press("down", "down", "down", "space")  # Leadership
        screen.query_one("#themes-mentee", SelectionList).select("ai")
        screen.query_one("#themes-mentee", SelectionList).select("leadership")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        panel = " ".join(str(s.render()) for s in app.screen.query("#expectations Static"))
        assert "Learn how [b]boards[/b] decide (Leadership)" in panel
        assert "Shared: Leadership" in panel

    with Store.open(data, readonly=True) as store:
        said = {e.role: e for e in store.journal.expectations()}
        assert said["mentor"].themes == ["leadership"]
        assert said["mentee"].themes == ["ai", "leadership"]
        assert {e.moment for e in said.values()} == {"onboarding"}
        assert store.journal.pair().expectations.mentee == "Use AI without fear"


@pytest.mark.asyncio
async def test_a_check_in_offers_each_person_to_say_again_what_they_want(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = len(app.programme.store.journal.expectations())
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, CheckInsScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, AnswersDialog)
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HandOverDialog)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInResultDialog)
        await pilot.press("escape")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, ExpectationDialog)  # Aisha, filled with what she said last
        prompt = str(first.query_one("#expectation-prompt").render())
        assert prompt.startswith("Aisha: has what you want from the programme changed?")
        assert first.query_one("#input-sentence", Input).value
        await pilot.press("escape")  # unchanged: kept as it is
        await settle(pilot)
        second = app.screen
        assert isinstance(second, ExpectationDialog)
        second.query_one("#input-sentence", Input).value = "Run a team meeting on Teams alone"
        second.query_one("#themes", SelectionList).select("tools")
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert isinstance(app.screen, CheckInsScreen)
        entries = app.programme.store.journal.expectations()
        assert len(entries) == before + 1
        checkin = max(app.programme.journal.checkins(), key=lambda c: c.date)
        new = [e for e in entries if e.checkin_id == checkin.id]
        assert [(e.role, e.moment, e.on) for e in new] == [("mentee", "checkin", TODAY)]
        assert "tools" in new[0].themes


@pytest.mark.asyncio
async def test_x_edits_an_expectation_afterwards_and_the_panel_shows_it(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-mentor")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExpectationDialog)
        dialog.query_one("#input-sentence", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # a sentence is needed
        error = str(dialog.query_one("#field-sentence .field-error").render())
        assert error == "Say in a sentence what you want from the programme."
        dialog.query_one("#input-sentence", Input).value = "Present to the board"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert isinstance(app.screen, DashboardScreen)
        panel = " ".join(str(s.render()) for s in app.screen.query("#expectations Static"))
        assert "Aisha: Present to the board" in panel
        # Edited again the same day: one entry replaced, not a second one.
        count = len(app.programme.store.journal.expectations())
        app.programme.evaluation.say_expectation("mentor", "Present to the CFO", ["careers"])
        assert len(app.programme.store.journal.expectations()) == count
        assert app.programme.evaluation.latest_expectation("mentor").sentence == (
            "Present to the CFO"
        )

"""Pilot tests of the evaluation screens: rating skills, and a win appearing when earned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from companion.dialogs.checkin import AnswersDialog, CheckInResultDialog, HandOverDialog
from companion.dialogs.expectation import ExpectationDialog
from companion.dialogs.goal import GoalDialog
from companion.dialogs.message import ConfirmDialog
from companion.dialogs.skills import RateSkillsDialog
from companion.screens.dashboard import DashboardScreen
from companion.screens.goals import GoalsScreen
from companion.screens.skills import SkillsScreen
from companion.screens.timeline import TimelineScreen
from companion.screens.wins import WinsScreen
from companion.storage.store import Store
from tests.apphelpers import TODAY, app_on, demo_folder, settle


@pytest.mark.asyncio
async def test_rating_skills_saves_a_round_and_redraws_the_chart(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)
        await pilot.press("r")
        await settle(pilot)
        await pilot.click("#choice-mentee")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RateSkillsDialog)
        # The latest ratings are the starting point: Data dashboards was 3.
        assert dialog.query_one("#rating-4", Select).value == 3
        dialog.query_one("#rating-4", Select).value = 5
        dialog.query_one("#evidence-4", Input).value = "I built the [b]sales[/b] dashboard"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert isinstance(app.screen, SkillsScreen)
        words = [str(w.render()) for w in app.screen.query(".words")]
        assert "3 → 5 (+2)" in words
        # Two points up is a win, announced and kept.
        titles = [n.message for n in app._notifications]
        assert "Richard Hale: Data dashboards 3 → 5" in titles

    with Store.open(data, readonly=True) as store:
        rounds = store.journal.skill_rounds("mentee")
        latest = rounds[-1]
        assert latest.on == TODAY
        assert latest.kind == "adhoc"
        assert latest.rating("Data dashboards") == 5
        assert latest.scores[4].evidence == "I built the [b]sales[/b] dashboard"
        assert len(latest.scores) == 6
        assert "skill-mentee-data-dashboards" in {w.key for w in store.journal.wins()}


@pytest.mark.asyncio
async def test_a_rating_without_any_score_is_refused(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SkillsScreen)
        screen.rate("mentor")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RateSkillsDialog)
        for number in range(6):
            dialog.query_one(f"#rating-{number}", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "Rate at least one skill" in str(dialog.query_one("#rate-error").render())
    with Store.open(data, readonly=True) as store:
        assert len(store.journal.skill_rounds("mentor")) == 2


@pytest.mark.asyncio
async def test_achieving_a_goal_announces_a_win_shown_on_the_dashboard(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = {w.key for w in app.programme.evaluation.wins()}
        await app.screen.run_action("open('goals')")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        table = app.screen.query_one(DataTable)
        goals = app.programme.journal.goals()
        row = next(i for i, g in enumerate(goals) if g.title.startswith("Post on LinkedIn"))
        table.move_cursor(row=row)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GoalDialog)
        app.screen.query_one("#status", Select).value = "achieved"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        goal = next(g for g in app.programme.journal.goals() if g.id == goals[row].id)
        assert goal.status == "achieved"
        key = f"goal-{goal.id}"
        assert key not in before
        assert key in {w.key for w in app.programme.evaluation.wins()}
        messages = [n.message for n in app._notifications]
        assert any("goal achieved" in m and "Post on LinkedIn" in m for m in messages)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        panel = app.screen.query_one("#wins")
        assert "Post on LinkedIn" in " ".join(str(s.render()) for s in panel.query("Static"))
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WinsScreen)
        first = app.screen.query_one(DataTable).get_row_at(0)
        assert "Post on LinkedIn" in str(first[1])


@pytest.mark.asyncio
async def test_a_pause_moves_the_planned_sessions_back(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = app.programme.evaluation.timeline()
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#input-starts_on", Input).value = "2026-11-30"
        dialog.query_one("#input-ends_on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#field-ends_on").has_class("-invalid")
        dialog.query_one("#input-ends_on", Input).value = "+3w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        table = app.screen.query_one(DataTable)
        what = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "Pause" in what
        after = app.programme.evaluation.timeline()
        assert before is not None and after is not None
        # The plan keeps its number of sessions; those in the pause move after it.
        assert len(after.slots) == len(before.slots)
        assert after.end > before.end
        assert not any(date(2026, 11, 30) <= s.on <= date(2026, 12, 14) for s in after.slots)
    with Store.open(data, readonly=True) as store:
        pauses = store.journal.pauses()
        assert [(p.starts_on, p.ends_on) for p in pauses] == [
            (date(2026, 11, 30), date(2026, 12, 14))
        ]


async def wrap_up_a_session(pilot) -> None:
    """Start the suggested session and wrap it up with two ratings."""
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("ctrl+f")
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#rating-mentor").value = 5
    screen.query_one("#rating-mentee").value = 4
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.click("#choice-finish")  # a session of a few seconds asks first
    await settle(pilot, 5)


@pytest.mark.asyncio
async def test_the_wrap_up_offers_a_check_in_when_one_is_due(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        due = app.programme.evaluation.checkin_due()
        assert due is not None and due.due  # the last check-in was in September
        count = len(app.programme.journal.checkins())
        await wrap_up_a_session(pilot)
        offer = app.screen
        assert isinstance(offer, ConfirmDialog)
        await pilot.click("#confirm")
        await settle(pilot)
        assert isinstance(app.screen, AnswersDialog)  # the mentor answers first
        await pilot.press("4")  # the first statement
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HandOverDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AnswersDialog)
        await pilot.press("3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInResultDialog)
        await pilot.press("escape")
        await settle(pilot)
        # Each is offered to say again what they want; Esc keeps it as it is.
        for _ in range(2):
            assert isinstance(app.screen, ExpectationDialog)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        checkins = app.programme.journal.checkins()
        assert len(checkins) == count + 1
        latest = max(checkins, key=lambda c: c.date)
        assert latest.date == TODAY
        assert latest.mentor.scores == {"worth-the-time": 4}
        after = app.programme.evaluation.checkin_due()
        assert after is not None and not after.due


@pytest.mark.asyncio
async def test_saying_later_to_the_check_in_keeps_it_due(data: Path) -> None:
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        count = len(app.programme.journal.checkins())
        await wrap_up_a_session(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#cancel")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.programme.journal.checkins()) == count
        due = app.programme.evaluation.checkin_due()
        assert due is not None and due.due  # asked again after the next session

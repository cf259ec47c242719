"""The closing session: offered at the programme's end, reachable any time, kept in the report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from companion.cli import make_app
from companion.domain.closing import closing_offered
from companion.domain.plan import Pause
from companion.screens.closing import ClosingScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.registry import SCREEN_TITLES
from companion.storage.store import Store
from companion.widgets.skills_chart import SkillsChart
from tests.apphelpers import app_on, demo_folder
from tests.conftest import make_pair
from tests.test_snapshots import SIZE, settle

AFTER_THE_END = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
"""A day after the demo programme's 26 weeks (it started in August 2026)."""


def rhythm_text(screen: DashboardScreen) -> str:
    return " ".join(str(s.render()) for s in screen.query("#rhythm Static"))


def test_closing_is_offered_once_the_length_has_elapsed_or_every_session_is_held() -> None:
    pair = make_pair(started_on=date(2026, 1, 6), cadence="monthly", programme_weeks=8)
    assert not closing_offered(pair, [], date(2026, 2, 1), held=1, planned=2)
    assert closing_offered(pair, [], date(2026, 2, 1), held=2, planned=2)
    assert closing_offered(pair, [], date(2026, 3, 3), held=0, planned=2)  # 8 weeks on
    # A three-week pause pushes the end back three weeks.
    pause = Pause(starts_on=date(2026, 2, 1), ends_on=date(2026, 2, 21))
    assert not closing_offered(pair, [pause], date(2026, 3, 3), held=1, planned=2)
    assert closing_offered(pair, [pause], date(2026, 3, 24), held=1, planned=2)


@pytest.mark.asyncio
async def test_the_dashboard_offers_the_closing_session_only_at_the_end(data: Path) -> None:
    demo_folder(data)
    app = app_on(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "closing session" not in rhythm_text(app.screen)
        assert "closing" in SCREEN_TITLES  # in the command palette any time
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ClosingScreen)
        intro = str(app.screen.query_one(".intro").render())
        assert "You can hold the closing session whenever you are ready." in intro


@pytest.mark.asyncio
async def test_the_closing_session_shows_the_look_back_and_keeps_what_each_will_do(
    data: Path,
) -> None:
    demo_folder(data)
    app = make_app(data, now=AFTER_THE_END)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "The programme is complete: hold your closing session (o)." in rhythm_text(
            app.screen
        )
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClosingScreen)
        chart = screen.query_one(SkillsChart)
        assert chart.query(".skill-row .words")  # the before/after bars are drawn
        goals = [str(s.render()) for s in screen.query(".line")]
        achieved = [g.title for g in app.programme.journal.goals() if g.status == "achieved"]
        assert achieved and any(achieved[0] in line for line in goals)
        wins = app.programme.evaluation.wins()
        assert any(wins[0].title in line for line in goals)
        label = str(screen.query_one("#field-keep-mentee .field-label").render())
        assert label == "Richard Hale will keep doing…"
        screen.query_one("#input-keep-mentee", Input).value = "Ask [b]Aisha[/b] before buying tools"
        screen.query_one("#input-keep-mentor", Input).value = "Pitch with the numbers first"
        await pilot.press("escape")  # unsaved words ask first
        await settle(pilot)
        await pilot.press("s")  # save
        await settle(pilot, 5)
        assert isinstance(app.screen, DashboardScreen)
        report = app.programme.exports.markdown()

    achieved_section = report.split("## What we achieved", 1)[1].split("\n## ", 1)[0]
    assert "What we will each keep doing:" in achieved_section
    assert "- Aisha Khan (2027-03-01): Pitch with the numbers first" in achieved_section
    assert "- Richard Hale (2027-03-01): Ask [b]Aisha[/b] before buying tools" in achieved_section
    with Store.open(data, readonly=True) as store:
        assert {k.role for k in store.journal.keep_doing()} == {"mentor", "mentee"}


def test_closing_session_snapshot(snap_compare, data: Path) -> None:
    async def open_closing(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    demo_folder(data)
    app = make_app(data, now=AFTER_THE_END)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_closing)

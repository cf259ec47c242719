"""SVG snapshots of each screen at 100x30, with the clock pinned and cursors still."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from companion.storage.store import Store
from tests.apphelpers import app_on, demo_folder, lesson_read_through
from tests.conftest import make_pair

SIZE = (100, 30)


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let the app open its store and finish mounting, then stop every cursor blinking."""
    for _ in range(rounds):
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def test_onboarding_first_step(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(data), terminal_size=SIZE, run_before=settle)


def test_onboarding_steps_two_to_four(snap_compare, data: Path) -> None:
    for step in (2, 3, 4):
        folder = data.parent / f"step{step}"

        async def walk(pilot: Pilot, step: int = step) -> None:
            await settle(pilot)
            screen = pilot.app.screen
            screen.query_one("#input-mentor-name", Input).value = "Aisha Khan"
            screen.query_one("#input-mentee-name", Input).value = "Richard Hale"
            screen.query_one("#input-started_on", Input).value = "2026-11-24"
            for _ in range(step - 1):
                await pilot.press("ctrl+n")
            await settle(pilot)

        assert snap_compare(app_on(folder), terminal_size=SIZE, run_before=walk), f"step {step}"


def test_dashboard_with_a_new_pair(snap_compare, data: Path) -> None:
    with Store.open(data) as store:
        store.journal.save_pair(make_pair(started_on=date(2026, 11, 20)))
    assert snap_compare(app_on(data), terminal_size=SIZE, run_before=settle)


def test_dashboard_with_the_demo_pair(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=settle)


def test_curriculum(snap_compare, data: Path) -> None:
    async def open_curriculum(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=open_curriculum)


def test_reader(snap_compare, data: Path) -> None:
    async def open_lesson(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.navigator.open_lesson(pilot.app.programme.curriculum.ordered_lessons()[0].id)
        await settle(pilot, rounds=12)
        await lesson_read_through(pilot)

    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=open_lesson)


def test_help(snap_compare, data: Path) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=open_help)


def test_settings(snap_compare, data: Path) -> None:
    async def open_settings(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=open_settings)


def _open(*keys: str, after: object = None):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if callable(after):
            await after(pilot)

    return run_before


def test_session_runner(snap_compare, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.screens.session import SessionScreen

    # The clock reads monotonic time: hold it still, so a busy machine cannot move the countdown.
    monkeypatch.setattr("companion.screens.session.monotonic", lambda: 1000.0)

    async def pause_clock(pilot: Pilot) -> None:
        while not isinstance(pilot.app.screen, SessionScreen):  # mounted after the save
            await pilot.pause(0.05)
        await settle(pilot)
        await pilot.press("ctrl+t")  # stop the clock so the countdown cannot move
        await settle(pilot)

    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=SIZE, run_before=_open("n", "enter", after=pause_clock))


def test_review_dialog_over_the_dashboard(snap_compare, data: Path) -> None:
    """``r`` asks who is reviewing in a dialog; the dashboard shows dimmed behind it."""
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_open("r"))


def test_start_session_dialog_over_the_dashboard(snap_compare, data: Path) -> None:
    """``n`` asks which lessons to cover in a dialog; the dashboard shows dimmed behind it."""
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_open("n"))


def test_journal(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_open("j"))


def test_mentoring_log(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_open("l"))


def test_glossary(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_open("g"))


def test_review(snap_compare, data: Path) -> None:
    import random

    async def review_senior(pilot: Pilot) -> None:
        random.seed(0)  # FSRS fuzzes intervals with the global random
        await pilot.click("#choice-mentee")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)

    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=SIZE, run_before=_open("r", after=review_senior))

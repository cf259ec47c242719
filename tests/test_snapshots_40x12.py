"""Snapshots at 40x12, the smallest supported terminal: dashboard, log, review and lesson.

The pilot tests in ``test_small_screens_pilot.py`` check the same screens by what
they say (module names whole, rows of the log in view); these catch any other change.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.apphelpers import app_on, demo_folder, lesson_built
from tests.test_snapshots import settle

TINY = (40, 12)


async def _modules_in_view(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#modules").focus()
    await settle(pilot)


async def _log(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.navigator.open_target("log")
    await settle(pilot, rounds=5)


def test_dashboard_modules_at_40x12(snap_compare, data: Path) -> None:
    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=TINY, run_before=_modules_in_view)


def test_mentoring_log_at_40x12(snap_compare, data: Path) -> None:
    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=TINY, run_before=_log)


async def _review_answer(pilot: Pilot) -> None:
    from companion.screens.review import ReviewScreen

    await settle(pilot)
    review = ReviewScreen(pilot.app.programme, "mentee")
    pilot.app.push_screen(review)
    await settle(pilot)
    review.scheduler.enable_fuzzing = False  # the same intervals on every run
    await pilot.press("space", "pagedown")  # the answer, scrolled to its end
    await settle(pilot)


async def _lesson(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.navigator.open_lesson("decisions-at-the-top")  # a lesson with links
    await settle(pilot, rounds=6)
    await lesson_built(pilot)


def test_review_answer_scrolled_at_40x12(snap_compare, data: Path) -> None:
    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=TINY, run_before=_review_answer)


def test_lesson_with_links_folded_at_40x12(snap_compare, data: Path) -> None:
    app = app_on(demo_folder(data))
    assert snap_compare(app, terminal_size=TINY, run_before=_lesson)

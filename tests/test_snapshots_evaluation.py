"""SVG snapshots of the evaluation screens at 100x30 (demo pair, clock pinned)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.apphelpers import app_on, demo_folder
from tests.test_snapshots import SIZE, settle


def _opening(key: str):
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    return run


def test_skills(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_opening("e"))


def test_wins(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_opening("w"))


def test_checkins(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_opening("i"))


def test_timeline(snap_compare, data: Path) -> None:
    assert snap_compare(app_on(demo_folder(data)), terminal_size=SIZE, run_before=_opening("t"))

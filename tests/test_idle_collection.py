"""A due full garbage collection runs while nobody types, never under a stream of keys."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import companion.screens.idle_collector as idle
from tests.apphelpers import app_on, demo_folder, settle

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.asyncio
async def test_the_app_collects_only_after_a_quiet_moment(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle, "QUIET", 0.6)
    monkeypatch.setattr(idle, "CHECK", 0.05)
    calls: list[float] = []

    def collect(*, left_behind: bool = False) -> bool:
        calls.append(time.monotonic())
        return True

    monkeypatch.setattr(idle, "collect_if_due", collect)
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pressed: list[float] = []  # when each key began (it is noted while handled)
        started = time.monotonic()
        while time.monotonic() - started < 1.5:  # a key every 0.15 s: never quiet
            pressed.append(time.monotonic())
            await pilot.press("down")
            await pilot.pause(0.15)
        for _ in range(100):  # then quiet: a pass comes (up to 5 s on a loaded machine)
            if calls and calls[-1] > pressed[-1]:
                break
            await pilot.pause(0.05)
        # Every pass came at least QUIET after the key before it, whatever the load.
        for call in calls:
            before = [t for t in pressed if t < call]
            assert not before or call - before[-1] >= 0.6, (call, before[-1])
        assert [t for t in calls if t > pressed[-1]], "no pass once the keys stopped"
        assert app.idle_collector.collected == len(calls)


@pytest.mark.asyncio
async def test_a_screen_closed_for_good_makes_a_pass_due_a_kept_one_does_not(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle, "QUIET", 0.3)
    # The test looks itself (check()); the app's own look every CHECK seconds could
    # run the pass first while a slow machine settles, and leave nothing to see.
    monkeypatch.setattr(idle, "CHECK", 3600.0)
    asked: list[bool] = []

    def collect(*, left_behind: bool = False) -> bool:
        asked.append(left_behind)
        return left_behind

    monkeypatch.setattr(idle, "collect_if_due", collect)
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        collector = app.idle_collector

        async def visit(key: str) -> list[bool]:
            await pilot.press(key)
            await settle(pilot)
            collector.check()  # the journal or the goals are in front now
            await pilot.press("escape")
            await settle(pilot)
            asked.clear()
            collector.last_input -= 1.0  # quiet for a while
            collector.check()
            return list(asked)

        assert await visit("j") == [False]  # the journal is kept installed: nothing left
        app.navigator.open_target("goals")
        # Held here: a young collection may free a closed screen before the look, and
        # then nothing is left behind (the collector rightly sees none); this test is
        # about one that is still in memory.
        goals = app.screen
        await settle(pilot)
        collector.check()
        await pilot.press("escape")
        await settle(pilot)
        asked.clear()
        collector.last_input -= 1.0
        collector.check()
        assert asked == [True] and not collector.left_behind
        del goals
        asked.clear()
        collector.check()  # collected: not due again
        assert asked == [False]


@pytest.mark.asyncio
async def test_opening_a_screen_runs_the_pass_a_closed_one_made_due_first(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle, "CHECK", 3600.0)  # only the opening runs a pass here
    fronts: list[tuple[bool, str]] = []
    app = app_on(demo_folder(data))

    def collect(*, left_behind: bool = False) -> bool:
        fronts.append((left_behind, type(app.screen).__name__))
        return left_behind

    monkeypatch.setattr(idle, "collect_if_due", collect)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dashboard = type(app.screen).__name__
        app.navigator.open_target("goals")  # nothing closed yet: no pass
        await settle(pilot)
        assert fronts == []
        goals = app.screen  # held: a young collection must not free it before the opening
        await pilot.press("escape")  # the goals screen is closed for good
        await settle(pilot)
        app.navigator.open_target("goals")
        await settle(pilot)
        # The pass ran as the screen opened, with the dashboard still in front.
        assert fronts == [(True, dashboard)]
        assert app.idle_collector.collected == 1 and not app.idle_collector.left_behind
        assert type(app.screen).__name__ != dashboard
        del goals


SCRIPT = textwrap.dedent(
    """
    import gc, weakref
    import companion.gc_tuning as tuning

    print(tuning.collect_if_due())  # not tuned yet: never
    tuning.tune_after_start()

    class Node:
        pass

    first = Node()
    first.other = Node()
    first.other.other = first  # a cycle: only the collector frees it
    gone = weakref.ref(first)
    keep = []
    while gc.get_count()[2] < 1:  # young passes move the (live) cycle to the oldest
        keep.append([object() for _ in range(100)])
    del first  # now garbage where only a full pass looks
    while gc.get_count()[2] < tuning.IDLE_DUE:
        keep.append([object() for _ in range(100)])
    print(gone() is not None, tuning.collect_if_due(), gone() is None)
    print(gc.get_count()[2] == 0, tuning.collect_if_due())  # just collected: not due
    print(tuning.collect_if_due(left_behind=True))  # a screen closed for good: due at once
    """
)


def test_a_full_pass_runs_only_once_tuned_and_due() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "False", "True"]

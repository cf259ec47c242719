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

    def collect() -> bool:
        calls.append(time.monotonic())
        return True

    monkeypatch.setattr(idle, "collect_if_due", collect)
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys: list[float] = []
        started = time.monotonic()
        while time.monotonic() - started < 1.5:  # a key every 0.15 s: never quiet
            keys.append(time.monotonic())
            await pilot.press("down")
            await pilot.pause(0.15)
        last_key = time.monotonic()
        await pilot.pause(1.2)
        during = [t for t in calls if keys[1] < t < last_key]
        assert not during, "a full pass ran while keys were coming"
        after = [t for t in calls if t > last_key]
        assert after and after[0] - keys[-1] >= 0.6, (after, keys[-1])
        assert app.idle_collector.collected == len(calls)


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
    """
)


def test_a_full_pass_runs_only_once_tuned_and_due() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "False"]

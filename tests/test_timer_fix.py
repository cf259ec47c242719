"""A timer that fell behind ticks at the next period still ahead (Textual waited one more)."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
from pathlib import Path

import pytest
from textual import _time
from textual import timer as textual_timer
from textual.timer import EventTargetGone, Timer

from companion.widgets import timer_fix

TEXTUAL_TIMER_RUN = "60c942a84c1a8765932ea4fe897d61a94d0a74dcd249ec0b4a6aad75757ade50"
"""sha256 of Textual 8.2.8's ``Timer._run`` (``timer_fix`` copies it)."""

PERIOD = 1 / 60
"""A screen's frame period in Textual (60 a second)."""


def test_the_copied_method_is_still_textuals() -> None:
    source = inspect.getsource(timer_fix._textual_own)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_TIMER_RUN, (
        "Textual's Timer._run changed: see whether it still waits a period too many, "
        "copy it into companion/widgets/timer_fix.py again, and update this hash"
    )


class Target:
    """Stands for the widget a timer belongs to (held weakly)."""


def _tick_times(run: object, monkeypatch: pytest.MonkeyPatch, work: float) -> list[float]:
    """Run ``run`` (a ``Timer._run``) on a made-up clock; each tick takes ``work`` seconds.

    Returns the clock at each of five ticks.
    """
    clock = [100.0]

    async def sleep(seconds: float) -> None:
        clock[0] += max(0.0, seconds)
        await asyncio.sleep(0)

    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    monkeypatch.setattr(textual_timer, "sleep", sleep)
    monkeypatch.setattr(timer_fix, "sleep", sleep)
    ticks: list[float] = []
    target = Target()
    timer = Timer(target, PERIOD, name="screen_update")  # type: ignore[arg-type]

    async def tick(*, next_timer: float, count: int) -> None:
        ticks.append(clock[0])
        clock[0] += work  # the frame takes this long
        if len(ticks) == 5:
            raise EventTargetGone()

    timer._tick = tick  # type: ignore[method-assign]
    asyncio.run(run(timer))  # type: ignore[operator]
    return [round((t - 100.0) * 1000, 1) for t in ticks]


def test_after_a_slow_frame_the_next_comes_at_the_next_period(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Frames of 20 ms on a 16.7 ms grid: each next one at the first grid point still ahead.
    assert _tick_times(timer_fix._run, monkeypatch, 0.020) == [16.7, 50.0, 83.3, 116.7, 150.0]


def test_textual_waits_a_period_more(monkeypatch: pytest.MonkeyPatch) -> None:
    # When this fails, a Textual release no longer waits the extra period, and
    # timer_fix can go.
    assert _tick_times(timer_fix._textual_own, monkeypatch, 0.020) == [
        16.7,
        66.7,
        116.7,
        166.7,
        216.7,
    ]


def test_quick_frames_keep_every_period(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _tick_times(timer_fix._run, monkeypatch, 0.005) == [16.7, 33.3, 50.0, 66.7, 83.3]


def test_a_zero_interval_ticks_instead_of_dividing_by_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [0.0]
    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    ticks: list[int] = []
    timer = Timer(Target(), 0)  # type: ignore[arg-type]

    async def tick(*, next_timer: float, count: int) -> None:
        ticks.append(count)
        clock[0] += 0.001
        if len(ticks) == 3:
            raise EventTargetGone()

    timer._tick = tick  # type: ignore[method-assign]
    asyncio.run(timer_fix._run(timer))
    assert ticks == [1, 2, 3]


async def test_companion_installs_it(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.apphelpers import app_on, demo_folder

    monkeypatch.setattr(Timer, "_run", timer_fix._textual_own)
    app = app_on(demo_folder(data))
    async with app.run_test(size=(100, 30)):
        assert timer_fix.installed()

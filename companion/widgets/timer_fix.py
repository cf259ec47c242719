"""A workaround for a Textual slowdown: a timer that falls behind waits one period too many.

Textual draws a screen from an interval timer (60 a second). When a tick runs
late, or a frame takes longer than the period, Textual's ``Timer._run`` skips
the ticks it missed, but one more besides: it waits one to two periods from
now instead of up to one. A frame of 20 ms was followed by about 30 ms of
nothing, 20 frames a second instead of about 30, and a key pressed while a long
lesson was being built had its frame wait up to 33 ms with the event loop idle.

:func:`install` replaces the method with Textual 8.2.8's own, changed in that
one line: the next tick is the first one still ahead. A test holds Textual's
method to the source copied here (its hash), so an upgrade that changes it
fails loudly; when a release waits as this does, this module can go.
"""

from __future__ import annotations

from textual import _time
from textual._time import sleep
from textual.timer import EventTargetGone, Timer

__all__ = ["install", "installed"]

_textual_own = Timer.__dict__["_run"]
"""Textual's method, as it was before :func:`install` (for tests and benchmarks)."""


async def _run(self: Timer) -> None:
    """Run the timer (Textual 8.2.8's ``Timer._run`` but for the line marked)."""
    count = 0
    _repeat = self._repeat
    _interval = self._interval
    self._active  # Force instantiation in same thread  # noqa: B018 (as Textual does)
    await self._active.wait()
    start = _time.get_time()

    while _repeat is None or count <= _repeat:
        next_timer = start + ((count + 1) * _interval)
        now = _time.get_time()
        if self._skip and next_timer < now and _interval > 0:
            # Companion: the ticks whose time has passed are skipped, and no more
            # (Textual's ``int((now - start) / _interval + 1)`` skipped one still ahead).
            count = max(count + 1, int((now - start) / _interval))
            continue
        now = _time.get_time()
        wait_time = max(0, next_timer - now)
        await sleep(wait_time)
        count += 1
        await self._active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


def installed() -> bool:
    """Whether :func:`install` has replaced Textual's method."""
    return Timer._run is _run  # type: ignore[comparison-overlap]


def install() -> None:
    """Replace Textual's method (once; later calls do nothing)."""
    if not installed():
        Timer._run = _run  # type: ignore[method-assign]

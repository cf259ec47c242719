"""When did the screen show it? A clock on the frames a headless Textual app paints.

Pilot's ``press()`` and ``pause()`` wait for the process to look idle by
sleeping in small steps and comparing CPU time with wall time, so a key timed
from ``press()`` to ``pause()`` returning includes those sleeps: a bare
``Input`` echoing one character measures about 84 ms that way on a quiet
machine, whatever the app does. :class:`PaintClock` instead notes the moment
each frame is handed to the terminal driver (``App._display``, the last step
before output) and whether the screen showed what was asked for at that
frame. "On screen" is the first frame after the key at which the check holds;
"settled" is the last frame before the app went idle. Headless, so writing to
a real terminal is not included (see ``keys_tmux.py`` for that).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class PaintClock:
    """Records the time of every frame an app paints, and what a check said at it."""

    def __init__(self, app: Any) -> None:
        """Start watching ``app``'s frames (its ``_display``, called once per frame)."""
        self._app = app
        self._check: Callable[[], bool] = lambda: True
        self.frames: list[tuple[float, bool]] = []
        display = app._display

        def counted(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                self.frames.append((time.perf_counter(), self._check()))

        app._display = counted

    def arm(self, check: Callable[[], bool] = lambda: True) -> float:
        """Forget earlier frames, watch for ``check``; return the start time (now)."""
        self._check = check
        self.frames = []
        return time.perf_counter()

    def on_screen(self, started: float) -> float | None:
        """Milliseconds from ``started`` to the first frame at which the check held."""
        for at, held in self.frames:
            if held:
                return (at - started) * 1000
        return None

    def settled(self, started: float) -> float | None:
        """Milliseconds from ``started`` to the last frame painted (None: no frame)."""
        return (self.frames[-1][0] - started) * 1000 if self.frames else None

"""The garbage collector's full pass, run while nobody is typing.

See :mod:`companion.gc_tuning`: a full pass is due every so often, and one
that starts under a key press delays what the key does. The app tells this
collector of every input event; once none has come for ``QUIET`` seconds it
lets :func:`~companion.gc_tuning.collect_if_due` run the pass then. A screen
closed for good (not one the app keeps installed) makes a pass due after a
shorter quiet moment (``QUIET_AFTER_LEAVING``): its widgets lived long enough
to reach the oldest generation, and until a full pass they stay in memory
(visiting every screen at ten years left 10-25 MB more, depending on when the
last pass had come). If another screen opens first, that pass runs as it
opens (``before_opening``), before it is built: the person is waiting for a
screen then, and a pass later, while a long document is being built under
keys, walks all that document too (``benchmarks/long_paints.py``: Escape
0.5 s after a document was opened again once took 109 ms, 89 ms of it that
pass, against 4-7 ms).
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from textual.app import App

from companion.gc_tuning import collect_if_due

QUIET = 1.5
"""Seconds without a key press or mouse event before a due full pass runs."""

QUIET_AFTER_LEAVING = 0.5
"""...and after a screen was closed for good: its garbage is known, and a pass then
takes 2-50 ms at ten years (measured per screen), under the 100 ms a key may take."""

CHECK = 0.5
"""How often (seconds) the collector looks whether the app is quiet."""


class IdleCollector:
    """Runs a due full garbage collection when the app has been quiet a moment."""

    def __init__(self, app: App[Any], quiet: float | None = None) -> None:
        """Watch ``app``; a due pass runs after ``quiet`` (default ``QUIET``) idle seconds."""
        self.app = app
        self.quiet = QUIET if quiet is None else quiet
        self.last_input = time.monotonic()
        self.collected = 0
        """How many full passes this collector has run."""
        self._stacked: weakref.WeakSet[Any] = weakref.WeakSet()
        """The screens that were open at the last look."""
        self.left_behind = False
        """Whether a screen has been closed for good since the last full pass."""

    def start(self) -> None:
        """Begin looking (every ``CHECK`` seconds) for a quiet moment."""
        self.app.set_interval(CHECK, self.check)

    def touch(self) -> None:
        """Note an input event: the user is active now."""
        self.last_input = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last input event."""
        return time.monotonic() - self.last_input

    def check(self) -> None:
        """Run a due full pass if no input has come for ``quiet`` seconds."""
        self._look_at_screens()
        quiet = min(self.quiet, QUIET_AFTER_LEAVING) if self.left_behind else self.quiet
        if self.quiet_for() >= quiet and collect_if_due(left_behind=self.left_behind):
            self.left_behind = False
            self.collected += 1

    def before_opening(self) -> None:
        """A screen is about to open: run the pass a screen closed for good made due, now."""
        self._look_at_screens()
        if self.left_behind and collect_if_due(left_behind=True):
            self.left_behind = False
            self.collected += 1

    def opened(self) -> None:
        """A screen has just been opened: note it, so its closing is seen however soon."""
        self._look_at_screens()

    def _look_at_screens(self) -> None:
        """Note whether a screen open at the last look has been closed for good since."""
        app = self.app
        stack = list(app.screen_stack)
        for screen in list(self._stacked):
            if screen not in stack and not app.is_screen_installed(screen):
                self.left_behind = True
        self._stacked = weakref.WeakSet(stack)

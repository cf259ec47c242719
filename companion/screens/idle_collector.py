"""The garbage collector's full pass, run while nobody is typing.

See :mod:`companion.gc_tuning`: a full pass is due every so often, and one
that starts under a key press delays what the key does. The app tells this
collector of every input event; once none has come for ``QUIET`` seconds it
lets :func:`~companion.gc_tuning.collect_if_due` run the pass then.
"""

from __future__ import annotations

import time
from typing import Any

from textual.app import App

from companion.gc_tuning import collect_if_due

QUIET = 1.5
"""Seconds without a key press or mouse event before a due full pass runs."""

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
        if self.quiet_for() >= self.quiet and collect_if_due():
            self.collected += 1

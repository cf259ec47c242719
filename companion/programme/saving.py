"""Saves that fail: one honest status line, retries with backoff, at most one dialog.

UI-free: the app feeds failures and successes in and draws :meth:`SaveWatch.line`.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import datetime

BACKOFF_SECONDS = (2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
"""The waits between retries: quick at first, then once a minute."""

_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "the disk reported an error",
}


def reason_of(error: OSError) -> str:
    """Return a short reason a person can read ("disk full")."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or str(error) or "the write failed").rstrip(".")


class SaveWatch:
    """What is not saved yet, since when and why, and when to try again."""

    def __init__(self) -> None:
        """Start with everything saved."""
        self._pending: dict[str, Callable[[], object]] = {}
        self.since: datetime | None = None
        """When the first unsaved failure happened (None while everything is saved)."""
        self.reason = ""
        self._attempt = 0
        self.dialog_shown = False
        """True once the one dialog of this episode was shown."""

    @property
    def failing(self) -> bool:
        """True while something is not saved."""
        return bool(self._pending)

    def failed(self, what: str, error: OSError, retry: Callable[[], object], now: datetime) -> bool:
        """Record that ``what`` failed to save; return True when a dialog should be shown.

        Only the first failure of an episode asks for the dialog; later ones
        (an autosave every 2 s) only keep the status line up to date.
        """
        if not self._pending:
            self.since = now
            self._attempt = 0
        self._pending[what] = retry
        self.reason = reason_of(error)
        first = not self.dialog_shown
        self.dialog_shown = True
        return first

    def succeeded(self, what: str) -> bool:
        """Record that ``what`` was saved; return True when that ended the episode."""
        if self._pending.pop(what, None) is None or self._pending:
            return False
        self._clear()
        return True

    def next_delay(self) -> float:
        """Return how long to wait before the next retry (and count the attempt)."""
        delay = BACKOFF_SECONDS[min(self._attempt, len(BACKOFF_SECONDS) - 1)]
        self._attempt += 1
        return delay

    def retry(self) -> bool:
        """Try every unsaved write again; return True when all of them are now saved."""
        for what, action in list(self._pending.items()):
            try:
                action()
            except OSError as exc:
                self.reason = reason_of(exc)
                return False
            except Exception:  # any other failure: keep it unsaved
                return False
            del self._pending[what]
        self._clear()
        return True

    def line(self) -> str:
        """Return the status line ("Not saved since 14:05: disk full. …"), or ""."""
        if self.since is None or not self._pending:
            return ""
        return f"Not saved since {self.since:%H:%M}: {self.reason}. What you type stays on screen."

    def _clear(self) -> None:
        self._pending.clear()
        self.since = None
        self.reason = ""
        self._attempt = 0
        self.dialog_shown = False

"""Messages a screen or dialog sends up to the app, and the safe save that sends one.

Screens receive the :class:`~companion.programme.core.Programme` when they are
made and do their own work through it; what lies beyond a screen (opening
another screen, starting a session, a restore) is asked for with a
:class:`Request`, and a write that fails is reported with :class:`SaveFailed`,
which the app shows as a clear dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

T = TypeVar("T")

Verb = Literal[
    "open",
    "lesson",
    "card",
    "session",
    "review",
    "checkin",
    "backup",
    "restore",
    "wins",
    "wrapped-up",
]
"""What can be asked for: open a named screen, a lesson or a card; start (or resume) a
session; review cards; take a check-in; back up now; restore a backup; look for new wins
(and announce them); after a wrap-up, announce wins and offer a check-in when one is due."""


class Request(Message):
    """Ask the app for something beyond the screen: see :data:`Verb`."""

    def __init__(self, verb: Verb, target: str = "", lesson_ids: list[str] | None = None) -> None:
        """``target``: the screen's name, lesson id, card id or backup path the verb needs."""
        super().__init__()
        self.verb: Verb = verb
        self.target = target
        self.lesson_ids = lesson_ids


class SaveFailed(Message):
    """A write failed; the app says why. Whatever was typed stays on screen."""

    def __init__(
        self, what: str, error: Exception, retry: Callable[[], object] | None = None
    ) -> None:
        """``what`` was not saved because of ``error`` (a ValidationError or OSError).

        ``retry`` runs the write again (the app retries a disk failure with backoff).
        """
        super().__init__()
        self.what = what
        self.error = error
        self.retry = retry


class Saved(Message):
    """A write succeeded while another had failed: the app can clear its status line."""

    def __init__(self, what: str) -> None:
        """``what`` is saved now."""
        super().__init__()
        self.what = what


def safely(sender: MessagePump, action: Callable[[], T], what: str = "your change") -> T | None:
    """Run a write; on failure post :class:`SaveFailed` from ``sender`` and return None."""
    try:
        result = action()
    except Exception as exc:
        # pydantic is imported on a failure only: the dashboard's first frame does without it.
        from pydantic import ValidationError

        from companion.domain.errors import ReadableError

        if not isinstance(exc, ValidationError | OSError | ReadableError):
            raise
        sender.post_message(SaveFailed(what, exc, action))
        return None
    if _saves_failing(sender):
        sender.post_message(Saved(what))
    return result


def _saves_failing(sender: MessagePump) -> bool:
    """True when the app says an earlier save is still failing (see ``saves_failing``)."""
    try:
        return bool(getattr(sender.app, "saves_failing", False))
    except Exception:  # no running app (a test, the command line)
        return False

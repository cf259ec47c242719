"""How the app reports writes that fail: a clear dialog once, then a status line that retries.

A failing autosave used to open a dialog every 2 s. Now a disk failure (full,
read-only, permissions) is said once per episode and shown by one persistent
line ("Not saved since 14:05: disk full. What you type stays on screen."), the
write is retried with backoff, and the line clears when writing works again.
It is said in a dialog, except while someone types in a field: a dialog then
would take their next keys (an autosave fails between two words), so it is a
notification that takes no focus. A write the data refuses (a validation error,
or a data file that would grow past its size limit: no retry helps, and it is
not a full disk) still gets its dialog, never two alike stacked, or while someone
types one notification.
"""

from __future__ import annotations

import errno
import time
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from companion.dialogs.message import MessageDialog
from companion.programme.saving import SaveWatch, reason_of
from companion.widgets.save_status import SaveStatus

if TYPE_CHECKING:
    from textual.app import App

    from companion.programme.core import Programme
    from companion.widgets.messages import Saved, SaveFailed


TOLD_AGAIN = 30.0
"""Seconds after which a refusal said while someone types is said again if it recurs."""


class SaveReporter:
    """Turns :class:`SaveFailed` and :class:`Saved` messages into one dialog and a status line."""

    def __init__(self, app: App[Any], programme: Programme) -> None:
        """Report on ``app``'s screens for writes to ``programme``'s folder."""
        self.app = app
        self.programme = programme
        self.watch = SaveWatch()
        self._timer: Timer | None = None
        self._told = ("", 0.0)
        """The last refusal said while someone typed, and when (an autosave repeats it)."""

    def start(self) -> None:
        """Follow screen changes (call once the app is running): the line moves along."""
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)

    @property
    def failing(self) -> bool:
        """True while a write is not saved."""
        return self.watch.failing

    def failed(self, failed: SaveFailed) -> None:
        """A write failed: a disk failure goes to the status line, anything else to a dialog."""
        error = failed.error
        too_large = isinstance(error, OSError) and error.errno == errno.EFBIG
        if isinstance(error, OSError) and failed.retry is not None and not too_large:
            if self.watch.failed(failed.what, error, failed.retry, self.programme.now()):
                text = self._disk_text(failed.what, error)
                if self._typing():
                    self.app.notify(
                        text, title="Not saved", severity="error", timeout=20, markup=False
                    )
                else:
                    self._dialog(text)
            self._draw()
            if self._timer is None:
                self._schedule()
            return
        text = self._refused_text(failed.what, error)
        if too_large:
            text += (
                "\n\nWhat you entered is still on screen. This is not a full disk, so "
                "trying again will not help: shorten what you entered."
            )
        if not self._typing():
            self._dialog(text)
            return
        said, when = self._told
        if text != said or time.monotonic() - when > TOLD_AGAIN:
            self.app.notify(text, title="Not saved", severity="error", timeout=20, markup=False)
            self._told = (text, time.monotonic())

    def saved(self, saved: Saved) -> None:
        """A write worked: when nothing else is pending, clear the line."""
        if self.watch.succeeded(saved.what):
            self._recovered()

    def retry_now(self) -> None:
        """Try the unsaved writes again (the timer calls this; so can a key)."""
        self._timer = None
        if self.watch.retry():
            self._recovered()
        else:
            self._draw()
            self._schedule()

    # -- drawing --------------------------------------------------------------------

    def _schedule(self) -> None:
        if self.watch.failing:
            self._timer = self.app.set_timer(self.watch.next_delay(), self.retry_now)

    def _recovered(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._draw()
        self.app.notify("Everything is saved again.", title="Saved")

    def _draw(self) -> None:
        text = self.watch.line()
        for screen in self.app.screen_stack:
            for line in screen.query(SaveStatus):
                line.show(text)
        if text:
            base = self._base_screen()
            if base is not None and not base.query(SaveStatus):
                base.mount(SaveStatus(text))

    def _base_screen(self) -> Screen[Any] | None:
        for screen in reversed(self.app.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen
        return None

    def _screen_changed(self, _screen: Screen[Any]) -> None:
        if self.watch.failing:
            self._draw()

    def _typing(self) -> bool:
        """True while a field for text has the focus: a dialog now would take the next keys."""
        from textual.widgets import Input, TextArea

        return isinstance(self.app.focused, Input | TextArea)

    def _dialog(self, text: str) -> None:
        top = self.app.screen
        if isinstance(top, MessageDialog) and getattr(top, "_message", None) == text:
            return  # the same message is already on screen
        self.app.push_screen(MessageDialog("Not saved", text))

    def _disk_text(self, what: str, error: OSError) -> str:
        return (
            f"{what} could not be written to {self.programme.folder}: {reason_of(error)}.\n\n"
            "What you entered is still on screen, and Companion keeps trying to save it "
            "(the line at the bottom says how it goes). Free some space or fix the "
            "folder's permissions."
        )

    @staticmethod
    def _refused_text(what: str, error: Exception) -> str:
        # pydantic (~0.3 s to import) only after a failed write, never before the first frame.
        from pydantic import ValidationError

        from companion.domain.errors import ReadableError, describe

        if isinstance(error, ValidationError):
            return f"{what} was not saved:\n" + "\n".join(describe(error))
        if isinstance(error, ReadableError):
            return f"{what} was not saved: {error}"
        reason = (isinstance(error, OSError) and error.strerror) or str(error)
        return f"{what} was not saved: {reason}."

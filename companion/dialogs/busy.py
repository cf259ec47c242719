"""A notice on screen while a job of a few seconds runs (a backup checked, a restore)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult, ScreenStackError
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.widgets.safe_text import literal


class BusyNotice(Static):
    """The notice's text; says when it is first on screen."""

    class Drawn(Message):
        """The notice has been drawn (Textual sends ``Show`` after the frame that shows it)."""

    def on_show(self) -> None:
        """Tell the dialog that its text is on screen."""
        self.post_message(self.Drawn())


class BusyDialog(ModalScreen[None]):
    """Says what is under way; it has no buttons and takes no keys, the job closes it.

    Being modal, it also keeps the keys typed meanwhile away from the screens
    below, so nothing is edited or written while the job runs.
    """

    HOLDS_KEYS = True
    """Help and the command palette do not open over it (the app checks this)."""

    DEFAULT_CSS = """
    BusyDialog { align: center middle; }
    BusyDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, title: str, text: str, when_drawn: Callable[[], None] | None = None) -> None:
        """Show ``text`` under ``title`` (both shown literally).

        ``when_drawn`` runs once the notice is on screen: a job that holds the
        event loop starts there, so the notice is seen while it runs.
        """
        super().__init__()
        self._title = title
        self._text = text
        self._when_drawn = when_drawn

    def compose(self) -> ComposeResult:
        """Lay out the notice."""
        with Vertical() as box:
            box.border_title = literal(self._title, keep_lines=False)
            yield BusyNotice(literal(self._text))

    def on_busy_notice_drawn(self) -> None:
        """Start the job waiting for the notice to be seen (once)."""
        job, self._when_drawn = self._when_drawn, None
        if job is not None:
            job()

    def close(self) -> None:
        """Take the notice away when it is the screen in front (not while the app closes)."""
        try:
            in_front = self.app.screen is self
        except ScreenStackError:  # the app is closing: its screens are going anyway
            return
        if in_front:
            self.app.pop_screen()

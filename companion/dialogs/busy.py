"""A notice on screen while a job of a few seconds runs (a backup checked, a restore)."""

from __future__ import annotations

from textual.app import ComposeResult, ScreenStackError
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.widgets.safe_text import literal


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

    def __init__(self, title: str, text: str) -> None:
        """Show ``text`` under ``title`` (both shown literally)."""
        super().__init__()
        self._title = title
        self._text = text

    def compose(self) -> ComposeResult:
        """Lay out the notice."""
        with Vertical() as box:
            box.border_title = literal(self._title, keep_lines=False)
            yield Static(literal(self._text))

    def close(self) -> None:
        """Take the notice away when it is the screen in front (not while the app closes)."""
        try:
            in_front = self.app.screen is self
        except ScreenStackError:  # the app is closing: its screens are going anyway
            return
        if in_front:
            self.app.pop_screen()

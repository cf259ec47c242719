"""The one status line shown while a save keeps failing."""

from __future__ import annotations

from textual.widgets import Static


class SaveStatus(Static):
    """The line "Not saved since 14:05: disk full. …", docked at the bottom until it saves."""

    DEFAULT_CSS = """
    SaveStatus {
        dock: bottom; height: auto; max-height: 2; width: 100%;
        background: $error 25%; color: $text; padding: 0 1;
    }
    SaveStatus.-hidden { display: none; }
    """

    def __init__(self, text: str = "") -> None:
        """Show ``text`` (plain, never markup); hidden while it is empty."""
        super().__init__(text, markup=False, id="save-status", classes="" if text else "-hidden")

    def show(self, text: str) -> None:
        """Show ``text``, or hide the line when it is empty."""
        self.update(text)
        self.set_class(not text, "-hidden")

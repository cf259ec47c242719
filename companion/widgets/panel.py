"""A focusable dashboard panel: a titled box that opens its full screen on Enter."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message


class Panel(Vertical, can_focus=True):
    """A bordered, focusable panel; Enter (or a click) asks to open ``target``."""

    DEFAULT_CSS = """
    Panel {
        border: round $foreground 30%;
        padding: 0 1;
        height: auto;
    }
    Panel:focus, Panel:focus-within { border: round $accent; }
    Panel > .panel-empty { color: $text-muted; }
    """
    BINDINGS = [Binding("enter", "open", "Open", show=True)]

    class Opened(Message):
        """The user asked to open the screen behind a panel."""

        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def __init__(self, title: str, target: str, *, id: str | None = None) -> None:
        """A panel titled ``title`` that opens ``target``."""
        super().__init__(id=id)
        self.border_title = title
        self.target = target

    def action_open(self) -> None:
        """Ask the screen to open the panel's target."""
        self.post_message(self.Opened(self.target))

    def on_click(self) -> None:
        """A click focuses the panel; a second click opens it."""
        if self.has_focus:
            self.action_open()
        else:
            self.focus()

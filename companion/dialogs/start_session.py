"""Start a session: pick the lesson(s) to cover, with the suggested one ticked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static


class StartSessionDialog(ModalScreen[list[str] | None]):
    """Returns the lesson ids to cover (possibly none), or None when cancelled."""

    DEFAULT_CSS = """
    StartSessionDialog { align: center middle; }
    StartSessionDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    StartSessionDialog SelectionList { height: auto; max-height: 14; }
    StartSessionDialog .reason { color: $text-muted; margin-bottom: 1; }
    StartSessionDialog Horizontal { height: auto; align-horizontal: right; }
    StartSessionDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "start", "Start")]

    def __init__(
        self, choices: list[tuple[str, str]], preselected: list[str], reason: str = ""
    ) -> None:
        """Offer ``choices`` (title, lesson id), with ``preselected`` ticked."""
        super().__init__()
        self._choices = choices
        self._preselected = preselected
        self._reason = reason

    def compose(self) -> ComposeResult:
        """Lay out the dialog."""
        with Vertical() as box:
            box.border_title = "Start a session"
            yield Label("Which lesson will you cover? (Space ticks, Enter starts)")
            if self._reason:
                yield Static(f"Suggested: {self._reason}", classes="reason")
            yield SelectionList[str](
                *[
                    (title, lesson_id, lesson_id in self._preselected)
                    for title, lesson_id in self._choices
                ],
                id="lessons",
            )
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        """Start in the list."""
        self.query_one(SelectionList).focus()

    def on_key(self, event: object) -> None:
        """Enter in the list starts the session."""
        from textual.events import Key

        if (
            isinstance(event, Key)
            and event.key == "enter"
            and isinstance(self.focused, SelectionList)
        ):
            event.stop()
            self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start or cancel."""
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        """Start with the ticked lessons."""
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        """Do not start."""
        self.dismiss(None)

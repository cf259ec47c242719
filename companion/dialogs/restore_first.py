"""The first thing shown after a damaged data file was moved aside: restore, start afresh, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from companion.programme.recovery import RestoreOffer

Choice = Literal["restore", "fresh", "quit"]


class RestoreFirstDialog(ModalScreen[Choice]):
    """Names the damaged file and the exact backup; nothing else can happen until a choice.

    Starting afresh needs the word START typed, so an Enter pressed out of habit
    never throws the pair's history away.
    """

    DEFAULT_CSS = """
    RestoreFirstDialog { align: center middle; }
    RestoreFirstDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    RestoreFirstDialog VerticalScroll { height: auto; max-height: 14; }
    RestoreFirstDialog #confirm-label { color: $text-muted; margin-top: 1; }
    RestoreFirstDialog Input { width: 20; }
    RestoreFirstDialog Horizontal { height: auto; margin-top: 1; }
    RestoreFirstDialog Button { margin-right: 1; }
    """
    BINDINGS = [Binding("ctrl+q", "quit_app", "Quit", priority=True)]

    def __init__(self, offer: RestoreOffer) -> None:
        """Offer the choice described by ``offer``."""
        super().__init__()
        self.offer = offer

    def compose(self) -> ComposeResult:
        """The explanation, the START box and the three choices."""
        with Vertical() as box:
            box.border_title = "Some of your data could not be read"
            with VerticalScroll():
                yield Static(self.offer.explanation(), markup=False, id="explanation")
                for notice in self.offer.notices:
                    yield Static(notice, markup=False, classes="notice")
            yield Label("To start afresh, type START:", id="confirm-label")
            yield Input(placeholder="START", max_length=5, id="confirm")
            with Horizontal():
                if self.offer.backup is not None:
                    name = plain_line(self.offer.backup.name)
                    yield Button(f"Restore {name}", variant="primary", id="restore")
                yield Button("Start afresh", variant="error", id="fresh", disabled=True)
                yield Button("Quit", id="quit")

    def on_mount(self) -> None:
        """Start on the restore (the safe choice) when there is one."""
        buttons = self.query("#restore")
        (buttons.first(Button) if buttons else self.query_one("#quit", Button)).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Allow "Start afresh" only once START is typed."""
        self.query_one("#fresh", Button).disabled = event.value.strip() != "START"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box starts afresh only when it says START."""
        if event.value.strip() == "START":
            self.dismiss("fresh")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        choice = event.button.id
        if choice == "restore" or choice == "quit":
            self.dismiss(choice)
        elif choice == "fresh" and self.query_one("#confirm", Input).value.strip() == "START":
            self.dismiss("fresh")

    def action_quit_app(self) -> None:
        """Quit without writing anything."""
        self.dismiss("quit")

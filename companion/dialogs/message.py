"""Small modal dialogs: a message to acknowledge, and a yes/no confirmation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from companion.widgets.safe_text import literal


class MessageDialog(ModalScreen[None]):
    """Shows a message (an error, a warning) until the user dismisses it."""

    DEFAULT_CSS = """
    MessageDialog { align: center middle; }
    MessageDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 0 1;
    }
    MessageDialog.-info > Vertical { border: thick $primary; }
    MessageDialog VerticalScroll { height: auto; max-height: 16; }
    MessageDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter", "dismiss_dialog", "Close")]

    def __init__(self, title: str, message: str, *, error: bool = True) -> None:
        """Show ``message`` under ``title``; ``error=False`` for a calm, informative tone."""
        super().__init__(classes="" if error else "-info")
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        """Lay out the dialog."""
        with Vertical() as box:
            box.border_title = literal(self._title, keep_lines=False)
            with VerticalScroll():
                yield Static(self._message, markup=False)
            with Horizontal():
                yield Button("OK", variant="primary", id="ok")

    def on_button_pressed(self) -> None:
        """Close on OK."""
        self.dismiss(None)

    def action_dismiss_dialog(self) -> None:
        """Close the dialog."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Asks a yes/no question; returns True only when the user confirms."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    ConfirmDialog .question { width: 100%; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("y", "confirm", "Yes")]

    def __init__(
        self, title: str, question: str, confirm_label: str = "Yes", cancel_label: str = "Cancel"
    ) -> None:
        """Ask ``question``; the buttons read ``confirm_label`` and ``cancel_label``."""
        super().__init__()
        self._cancel_label = cancel_label
        self._title = title
        self._question = question
        self._confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """Lay out the dialog."""
        with Vertical() as box:
            box.border_title = literal(self._title, keep_lines=False)
            yield Static(self._question, markup=False, classes="question")
            with Horizontal():
                yield Button(self._cancel_label, id="cancel")
                yield Button(self._confirm_label, variant="warning", id="confirm")

    def on_mount(self) -> None:
        """Start on Cancel: the safe choice."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)

    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)


class ChoiceDialog(ModalScreen[str | None]):
    """Asks the user to pick one of a few choices; returns its value, or None on Escape."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical {
        width: 50; max-width: 100%; height: auto; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    ChoiceDialog Button { width: 100%; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], question: str = "") -> None:
        """Offer ``choices`` as (label, value); ``question``, if any, is shown above them."""
        super().__init__()
        self._title = title
        self._choices = choices
        self._question = question

    def compose(self) -> ComposeResult:
        """The question, if any, and a button per choice."""
        with Vertical() as box:
            box.border_title = literal(self._title, keep_lines=False)
            if self._question:
                yield Static(literal(self._question), id="question")
            for label, value in self._choices:
                yield Button(literal(label, keep_lines=False), id=f"choice-{value}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the chosen value."""
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        """No choice."""
        self.dismiss(None)

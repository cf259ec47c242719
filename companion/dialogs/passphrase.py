"""Passphrase dialogs: set one (asked twice, a live strength hint), ask for it, change it.

None of them stores anything: each returns what was typed, or checks it through
the callable it is given (so a wrong passphrase keeps the dialog open).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from companion.privacy import MIN_LENGTH, strength
from companion.widgets.safe_text import literal

WRONG = "That passphrase is wrong. Try again."
"""Said when a passphrase does not open the notes."""

NO_RECOVERY = (
    "Nobody can recover a forgotten passphrase, not even with the data folder: "
    "your private notes would be lost. Choose one you will remember."
)
"""Said plainly whenever a passphrase is set."""


class _PassDialog(ModalScreen[str | None]):
    """A titled box of password fields with an error line; Enter or Ctrl+S submits."""

    DEFAULT_CSS = """
    _PassDialog { align: center middle; }
    _PassDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    _PassDialog .error { color: $error; height: auto; }
    _PassDialog .hint { color: $text-muted; height: auto; }
    _PassDialog Horizontal { height: auto; align-horizontal: right; }
    _PassDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "OK")]
    TITLE_TEXT = ""
    OK_LABEL = "OK"

    def compose_fields(self) -> ComposeResult:
        """The dialog's own fields."""
        yield from ()

    def compose(self) -> ComposeResult:
        """Fields, the error line and the buttons."""
        with Vertical() as box:
            box.border_title = literal(self.TITLE_TEXT, keep_lines=False)
            yield from self.compose_fields()
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button(self.OK_LABEL, variant="primary", id="ok")

    def on_mount(self) -> None:
        """Start typing in the first field."""
        self.query(Input).first().focus()

    def value(self, field_id: str) -> str:
        """Return what was typed in field ``field_id``."""
        return self.query_one(f"#{field_id}", Input).value

    def say(self, error: str) -> None:
        """Show ``error`` under the fields."""
        self.query_one("#error", Static).update(error)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next empty field, else submits."""
        for field in self.query(Input):
            if not field.value:
                field.focus()
                return
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK or Cancel."""
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        """Check and return (override)."""

    def action_cancel(self) -> None:
        """Close without a passphrase."""
        self.dismiss(None)


def _hint(passphrase: str) -> str:
    if not passphrase:
        return f"At least {MIN_LENGTH} characters. A few unrelated words work well."
    found = strength(passphrase)
    return f"Strength: {found.level} ({found.reason})."


class SetPassphraseDialog(_PassDialog):
    """A first passphrase for ``name``'s private notes: typed twice, 8+ characters."""

    OK_LABEL = "Set passphrase"

    def __init__(self, name: str) -> None:
        """Ask ``name`` to choose a passphrase."""
        super().__init__()
        self.TITLE_TEXT = f"{name}: choose a passphrase for your private notes"

    def compose_fields(self) -> ComposeResult:
        """The passphrase twice, its strength, and the plain warning."""
        yield Static(NO_RECOVERY, markup=False)
        yield Label("Passphrase")
        yield Input(password=True, id="new", max_length=1000)
        yield Static(_hint(""), id="hint", classes="hint", markup=False)
        yield Label("The same passphrase again")
        yield Input(password=True, id="again", max_length=1000)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the strength hint live."""
        if event.input.id == "new":
            self.query_one("#hint", Static).update(_hint(event.value))

    def action_submit(self) -> None:
        """Return the passphrase when it is long enough and typed the same twice."""
        new, again = self.value("new"), self.value("again")
        if len(new) < MIN_LENGTH:
            self.say(f"A passphrase needs at least {MIN_LENGTH} characters.")
        elif new != again:
            self.say("The two passphrases are not the same. Type them again.")
        else:
            self.dismiss(new)


class AskPassphraseDialog(_PassDialog):
    """Ask ``name``'s passphrase; ``opens(passphrase)`` says whether it is right."""

    OK_LABEL = "Open"

    def __init__(self, name: str, about: str, opens: Callable[[str], bool]) -> None:
        """Ask for ``name``'s passphrase; ``about`` says what is behind it (no text of notes)."""
        super().__init__()
        self.TITLE_TEXT = f"{name}'s private notes are locked"
        self._about = about
        self._opens = opens

    def compose_fields(self) -> ComposeResult:
        """What is locked, and the passphrase field."""
        yield Static(literal(self._about), id="about")
        yield Label("Passphrase")
        yield Input(password=True, id="passphrase", max_length=1000)

    def action_submit(self) -> None:
        """Open with the passphrase; a wrong one says so and stays."""
        field = self.query_one("#passphrase", Input)
        if field.value and self._opens(field.value):
            self.dismiss(field.value)
            return
        field.value = ""
        field.focus()
        self.say(WRONG)


class ChangePassphraseDialog(_PassDialog):
    """Change ``name``'s passphrase: the old one, the new one twice."""

    OK_LABEL = "Change"

    def __init__(self, name: str, change: Callable[[str, str], str | None]) -> None:
        """``change(old, new)`` re-encrypts and returns None, or the reason it did not."""
        super().__init__()
        self.TITLE_TEXT = f"{name}: change your passphrase"
        self._change = change

    def compose_fields(self) -> ComposeResult:
        """Old, new, new again."""
        yield Label("Current passphrase")
        yield Input(password=True, id="old", max_length=1000)
        yield Label("New passphrase")
        yield Input(password=True, id="new", max_length=1000)
        yield Static(_hint(""), id="hint", classes="hint", markup=False)
        yield Label("The new passphrase again")
        yield Input(password=True, id="again", max_length=1000)
        yield Static(NO_RECOVERY, classes="hint", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the strength hint live."""
        if event.input.id == "new":
            self.query_one("#hint", Static).update(_hint(event.value))

    def action_submit(self) -> None:
        """Change it, or say why not and stay."""
        old, new, again = self.value("old"), self.value("new"), self.value("again")
        if len(new) < MIN_LENGTH:
            self.say(f"A passphrase needs at least {MIN_LENGTH} characters.")
        elif new != again:
            self.say("The two new passphrases are not the same. Type them again.")
        elif (why := self._change(old, new)) is not None:
            self.say(why)
        else:
            self.dismiss(new)


class TypedConfirmDialog(_PassDialog):
    """Ask the user to type ``word`` to confirm something that cannot be undone."""

    OK_LABEL = "Delete"

    def __init__(self, title: str, explanation: str, word: str) -> None:
        """Explain, then ask for ``word``."""
        super().__init__()
        self.TITLE_TEXT = title
        self._explanation = explanation
        self._word = word

    def compose_fields(self) -> ComposeResult:
        """The explanation and the field."""
        yield Static(literal(self._explanation))
        yield Label(f"Type {self._word} to confirm")
        yield Input(id="word", max_length=100)

    def action_submit(self) -> None:
        """Confirm only when the word was typed exactly."""
        if self.value("word").strip() == self._word:
            self.dismiss(self._word)
        else:
            self.say(f"Type {self._word} exactly, or press Escape to keep everything.")

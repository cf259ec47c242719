"""Small forms as dialogs: an action item, a glossary term (private notes: private_notes.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from companion.dialogs.same_term import SameTermCheck
from companion.dialogs.unsaved import UnsavedGuard
from companion.domain.cards import Card
from companion.domain.date_input import DateInputError, UnderstoodDate, parse_date_input
from companion.domain.errors import errors_by_field
from companion.domain.session_rules import read_due_date
from companion.domain.sessions import ActionItem
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField
from companion.widgets.safe_text import choices

OWNERS = [("The junior mentor", "mentor"), ("The senior mentee", "mentee"), ("Both", "shared")]
AUDIENCES = [("The senior mentee", "mentee"), ("The junior mentor", "mentor")]


class FormDialog(UnsavedGuard, ModalScreen[dict[str, Any] | None]):
    """A titled form; Ctrl+S checks it and returns its values.

    Escape (or Cancel) closes at once when nothing was typed, otherwise asks
    "Save, discard or keep editing?".
    """

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormDialog Select { margin-bottom: 1; }
    FormDialog TextArea { height: 10; }
    FormDialog Horizontal { height: auto; align-horizontal: right; }
    FormDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "Save")]
    TITLE_TEXT = ""
    SAVE_LABEL = "Save"
    """The label of the button that submits the form."""

    def compose_fields(self) -> ComposeResult:
        """The dialog's own fields."""
        yield from ()

    def compose(self) -> ComposeResult:
        """Lay out the fields and buttons."""
        with Vertical() as box:
            box.border_title = self.TITLE_TEXT
            yield from self.compose_fields()
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button(self.SAVE_LABEL, variant="primary", id="save")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        """Enter in a field saves."""
        self.action_submit()

    def field(self, name: str) -> str:
        """Return the text of field ``name``."""
        return self.query_one(f"#field-{name}", FormField).value

    def values(self) -> dict[str, Any]:
        """Return the form's values (override)."""
        return {}

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Return errors by field name (override); empty when valid."""
        return {}

    def action_submit(self) -> None:
        """Return the values if they pass the check; otherwise show each error by its field."""
        values = self.values()
        errors = self.check(values)
        for form_field in self.query(FormField):
            form_field.set_error(errors.get(form_field.field_name))
        if not errors:
            self.finish_with(values)

    def finish_with(self, values: dict[str, Any]) -> None:
        """Return the checked ``values`` (a dialog may ask something first)."""
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close; with unsaved edits, ask "Save, discard or keep editing?" first."""
        self.leave_or_ask(self.action_submit, lambda: self.dismiss(None))


class ActionDialog(FormDialog):
    """An action item: what, who, and when it is due (new, or ``item`` to edit)."""

    TITLE_TEXT = "New action item"

    def __init__(
        self,
        default_due: date | None,
        session_day: date | None = None,
        *,
        today: date | None = None,
        item: ActionItem | None = None,
        owners: list[tuple[str, str]] | None = None,
    ) -> None:
        """Propose ``default_due``; ``session_day``: the day of the session that made it.

        A due date before ``session_day`` is refused; ``+7d`` counts from ``today``.
        ``owners`` names the choices (the pair's names), else the roles.
        """
        super().__init__()
        self._due = item.due if item else default_due
        self._session_day = session_day
        self._today = today or session_day or date.today()
        self._item = item
        self._owners = owners or OWNERS
        if item is not None:
            self.TITLE_TEXT = "Edit action item"

    def _read_due(self, text: str, today: date) -> UnderstoodDate:
        if self._session_day is None:
            return parse_date_input(text, today)
        return read_due_date(text, self._session_day, today)

    def compose_fields(self) -> ComposeResult:
        """What, who, when."""
        item = self._item
        yield FormField("What will be done", "text", item.text if item else "", max_length=300)
        yield Label("Who will do it")
        yield Select(
            choices(self._owners),
            value=item.owner if item else "mentee",
            allow_blank=False,
            compact=True,
            id="owner",
        )
        yield DateField(
            "Due (2026-11-30, 30/11/2026, +7d; may be empty)",
            "due",
            self._due,
            today=self._today,
            reader=self._read_due,
            optional=True,
        )

    def values(self) -> dict[str, Any]:
        """The action item's fields (the due date as typed; :meth:`check` reads it)."""
        return {
            "text": self.field("text"),
            "owner": self.query_one("#owner", Select).value,
            "due": self.field("due") or None,
        }

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Read the due date as people write it, then validate through the model."""
        errors: dict[str, str] = {}
        try:
            due = self.query_one("#field-due", DateField).read()
            values["due"] = due.isoformat() if due else None
        except DateInputError as exc:
            errors["due"] = str(exc)
        if not values["text"]:
            errors["text"] = "Say what will be done."
        if errors:
            return errors
        try:
            ActionItem.model_validate(values)
        except ValidationError as exc:
            return errors_by_field(exc)
        return {}


class TermDialog(SameTermCheck, FormDialog):
    """Capture a glossary term during a session: the term, what it means, who it is for.

    A term that is already a card (shipped or the pair's own) is said so under the
    field, and saving offers to open that card: it answers ``{"open": card_id}``.
    """

    TITLE_TEXT = "Capture a term"

    def __init__(self, cards: Iterable[Card] | None = None) -> None:
        """Check new terms against ``cards`` (every shipped and own card)."""
        super().__init__()
        self.know_cards(cards)

    def compose_fields(self) -> ComposeResult:
        """Term, definition, example, audience."""
        yield FormField("Term", "term", max_length=120)
        yield FormField("What it means", "definition", max_length=600)
        yield FormField("An example of its use (optional)", "example", max_length=600)
        yield Label("Who is it for")
        yield Select(AUDIENCES, value="mentee", allow_blank=False, compact=True, id="audience")

    def values(self) -> dict[str, Any]:
        """The card's fields."""
        return {
            "term": self.field("term"),
            "definition": self.field("definition"),
            "example": self.field("example"),
            "audience": self.query_one("#audience", Select).value,
        }

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Term and definition are required."""
        errors = {}
        if not values["term"]:
            errors["term"] = "a term is required"
        if not values["definition"]:
            errors["definition"] = "say what it means"
        return errors

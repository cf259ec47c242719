"""A pause in the programme: from one day to another (both included), and why."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from companion.dialogs.forms import FormDialog
from companion.domain.date_input import DateInputError
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField


class PauseDialog(FormDialog):
    """From, to and a reason; returns ``{"starts_on", "ends_on", "reason"}`` as dates and text."""

    TITLE_TEXT = "Add a pause: no sessions planned in it"

    def __init__(self, today: date) -> None:
        """Dates typed relative to ``today`` (``+7d``, ``tomorrow``…) are understood."""
        super().__init__()
        self._today = today

    def compose_fields(self) -> ComposeResult:
        """From, to, why."""
        yield DateField("From (2026-11-30, 30/11/2026, +7d…)", "starts_on", today=self._today)
        yield DateField("To, included", "ends_on", today=self._today)
        yield FormField("Why (optional)", "reason", max_length=500)

    def values(self) -> dict[str, Any]:
        """The pause's fields as typed (dates are read in :meth:`check`)."""
        return {
            "starts_on": self.field("starts_on"),
            "ends_on": self.field("ends_on"),
            "reason": self.field("reason"),
        }

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Read both dates (replacing the text with the date); the end cannot come first."""
        errors: dict[str, str] = {}
        for name in ("starts_on", "ends_on"):
            try:
                values[name] = self.query_one(f"#field-{name}", DateField).read()
            except DateInputError as exc:
                errors[name] = str(exc)
        if not errors and values["ends_on"] < values["starts_on"]:
            errors["ends_on"] = "The pause must end on or after the day it starts."
        return errors

"""Move the next session: a day typed as people write it, and an optional time."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from companion.dialogs.forms import FormDialog
from companion.domain.date_input import DateInputError, parse_date_input
from companion.domain.reschedule import read_time
from companion.widgets.form import FormField


class RescheduleDialog(FormDialog):
    """The new day and time of the next session; returns ``{"on": date, "at": time | None}``."""

    TITLE_TEXT = "Move the next session"
    SAVE_LABEL = "Move it"

    def __init__(self, today: date, current: date, at: time | None = None) -> None:
        """Dates are read relative to ``today``; ``current`` and ``at`` are where it stands now."""
        super().__init__()
        self._today = today
        self._current = current
        self._at = at

    def compose_fields(self) -> ComposeResult:
        """The day and the time."""
        yield FormField(
            "New day (2026-11-30, 30/11/2026, tomorrow, +7d)",
            "on",
            self._current.isoformat(),
            max_length=20,
        )
        yield FormField(
            "Time (14:30; empty keeps your usual time)",
            "at",
            self._at.strftime("%H:%M") if self._at else "",
            max_length=8,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say what the day was understood as; clear its error once it is valid."""
        if event.input.id != "input-on":
            return
        day = self.query_one("#field-on", FormField)
        try:
            day.set_hint(parse_date_input(day.value, self._today).said if day.value else None)
            day.set_error(None)
        except DateInputError:
            day.set_hint(None)

    def values(self) -> dict[str, Any]:
        """The day and time as typed (:meth:`check` reads them)."""
        return {"on": self.field("on"), "at": self.field("at")}

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Read the day (not before today) and the time, replacing the text with values."""
        errors: dict[str, str] = {}
        try:
            values["on"] = parse_date_input(values["on"], self._today).value
            if values["on"] < self._today:
                errors["on"] = "The next session cannot be before today."
        except DateInputError as exc:
            errors["on"] = str(exc)
        try:
            values["at"] = read_time(values["at"])
        except DateInputError as exc:
            errors["at"] = str(exc)
        return errors

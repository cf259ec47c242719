"""Add or edit an entry of the mentoring log."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult

from companion.dialogs.forms import FormDialog
from companion.domain.date_input import DateInputError
from companion.domain.errors import errors_by_field
from companion.domain.log import SUGGESTED_SKILLS, LogEntry
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField


class LogEntryDialog(FormDialog):
    """Date, minutes, topic, what was taught, skills practised."""

    def __init__(self, entry: LogEntry | None, today: date) -> None:
        """Edit ``entry``, or start a new informal entry dated ``today``."""
        super().__init__()
        self.entry = entry
        self.TITLE_TEXT = "Edit log entry" if entry else "New log entry"
        self._today = today

    def compose_fields(self) -> ComposeResult:
        """The entry's fields."""
        e = self.entry
        yield DateField(
            "Date (2026-11-30, 30/11/2026, today, -7d)",
            "date",
            e.date if e else self._today,
            today=self._today,
        )
        yield FormField(
            "Minutes", "minutes", str(e.minutes) if e else "15", restrict=r"\d*", max_length=4
        )
        yield FormField("Topic", "topic", e.topic if e else "", max_length=200)
        yield FormField(
            "What you taught or explained", "taught", e.taught if e else "", max_length=2000
        )
        yield FormField(
            "Skills practised, comma-separated (e.g. " + ", ".join(SUGGESTED_SKILLS[:4]) + ")",
            "skills",
            ", ".join(e.skills) if e else "",
            max_length=300,
        )

    def values(self) -> dict[str, Any]:
        """The entry's fields, ready for validation."""
        skills = [s.strip().lower().replace(" ", "-") for s in self.field("skills").split(",")]
        data = self.entry.model_dump() if self.entry else {}
        data.update(
            date=self.field("date"),
            minutes=self.field("minutes") or None,
            topic=self.field("topic"),
            taught=self.field("taught"),
            skills=[s for s in skills if s],
        )
        return data

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Read the date as people write it, then validate through the model."""
        try:
            day = self.query_one("#field-date", DateField).read()
        except DateInputError as exc:
            return {"date": str(exc)}
        values["date"] = day.isoformat() if day else None
        try:
            LogEntry.model_validate(values)
        except ValidationError as exc:
            return {k.split("[")[0]: v for k, v in errors_by_field(exc).items()}
        return {}

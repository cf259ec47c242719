"""Add or edit a goal."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widgets import Label, Select

from companion.dialogs.forms import FormDialog
from companion.domain.errors import errors_by_field
from companion.domain.goals import Goal
from companion.widgets.form import FormField

OWNERS = [("The senior mentee", "mentee"), ("The junior mentor", "mentor"), ("Both", "shared")]
STATUSES = [
    ("Not started", "not-started"),
    ("In progress", "in-progress"),
    ("Achieved", "achieved"),
    ("Dropped", "dropped"),
]


class GoalDialog(FormDialog):
    """Whose goal, what, why, how you will know, by when, and where it stands."""

    def __init__(self, goal: Goal | None) -> None:
        """Edit ``goal`` or add a new one."""
        super().__init__()
        self.goal = goal
        self.TITLE_TEXT = "Edit goal" if goal else "New goal"

    def compose_fields(self) -> ComposeResult:
        """The goal's fields."""
        g = self.goal
        yield Label("Whose goal")
        yield Select(
            OWNERS, value=g.owner if g else "mentee", allow_blank=False, compact=True, id="owner"
        )
        yield FormField("Goal", "title", g.title if g else "", max_length=200)
        yield FormField("Why it matters", "why", g.why if g else "", max_length=500)
        yield FormField(
            "How you will know (measure)", "measure", g.measure if g else "", max_length=500
        )
        target = g.target_date.isoformat() if g and g.target_date else ""
        yield FormField(
            "Target date (YYYY-MM-DD, may be empty)", "target_date", target, max_length=10
        )
        yield Label("Status")
        yield Select(
            STATUSES,
            value=g.status if g else "not-started",
            allow_blank=False,
            compact=True,
            id="status",
        )
        yield FormField(
            "Progress 0-100 %",
            "progress",
            str(g.progress if g else 0),
            restrict=r"\d*",
            max_length=3,
        )

    def values(self) -> dict[str, Any]:
        """The goal's fields, ready for validation."""
        data = self.goal.model_dump() if self.goal else {}
        data.update(
            owner=self.query_one("#owner", Select).value,
            title=self.field("title"),
            why=self.field("why"),
            measure=self.field("measure"),
            target_date=self.field("target_date") or None,
            status=self.query_one("#status", Select).value,
            progress=self.field("progress") or 0,
        )
        return data

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Validate through the model."""
        try:
            Goal.model_validate(values)
        except ValidationError as exc:
            return errors_by_field(exc)
        return {}

"""Add or edit a goal."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widgets import Label, Select

from companion.dialogs.forms import FormDialog
from companion.domain.date_input import DateInputError
from companion.domain.errors import errors_by_field
from companion.domain.goals import Goal
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField
from companion.widgets.safe_text import choices, literal
from companion.widgets.ticks import TickList

OWNERS = [("The senior mentee", "mentee"), ("The junior mentor", "mentor"), ("Both", "shared")]
STATUSES = [
    ("Not started", "not-started"),
    ("In progress", "in-progress"),
    ("Achieved", "achieved"),
    ("Dropped", "dropped"),
]


class GoalDialog(FormDialog):
    """Whose goal, what, why, how you will know, by when, where it stands, which lessons."""

    DEFAULT_CSS = """
    GoalDialog #lessons { height: auto; max-height: 8; }
    """

    def __init__(
        self,
        goal: Goal | None,
        today: date | None = None,
        owners: list[tuple[str, str]] | None = None,
        lessons: list[tuple[str, str]] | None = None,
    ) -> None:
        """Edit ``goal`` or add a new one; ``+30d`` counts from ``today``.

        ``owners`` are the (label, role) choices, by the pair's names where known;
        ``lessons`` the (title, id) of the lessons a goal can be linked to.
        """
        super().__init__()
        self._owners = owners or OWNERS
        self._lessons = lessons or []
        self.goal = goal
        self._today = today or date.today()
        self.TITLE_TEXT = "Edit goal" if goal else "New goal"

    def compose_fields(self) -> ComposeResult:
        """The goal's fields."""
        g = self.goal
        yield Label("Whose goal")
        yield Select(
            choices(self._owners),
            value=g.owner if g else "mentee",
            allow_blank=False,
            compact=True,
            id="owner",
        )
        yield FormField("Goal", "title", g.title if g else "", max_length=200)
        yield FormField("Why it matters", "why", g.why if g else "", max_length=500)
        yield FormField(
            "How you will know (measure)", "measure", g.measure if g else "", max_length=500
        )
        yield DateField(
            "Target date (2026-11-30, 30/11/2026, +30d; may be empty)",
            "target_date",
            g.target_date if g else None,
            today=self._today,
            optional=True,
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
        if self._lessons:
            linked = set(g.lesson_ids) if g else set()
            yield Label("Lessons that serve this goal (Space ticks; suggested for sessions)")
            yield TickList(
                *[
                    (literal(title, keep_lines=False), lesson_id, lesson_id in linked)
                    for title, lesson_id in self._lessons
                ],
                id="lessons",
                compact=True,
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
        if self._lessons:
            data["lesson_ids"] = list(self.query_one("#lessons", TickList).selected)
        return data

    def on_select_changed(self, event: Select.Changed) -> None:
        """Marking a goal achieved puts its progress at 100 %."""
        if event.select.id == "status" and event.value == "achieved":
            self.query_one("#field-progress", FormField).value = "100"

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """Read the date as people write it; progress 0–100, achieved at 100; then the model."""
        errors: dict[str, str] = {}
        progress = str(values["progress"])
        if not progress.isdigit() or not 0 <= int(progress) <= 100:
            errors["progress"] = "Progress must be between 0 and 100."
        elif values["status"] == "achieved" and int(progress) != 100:
            errors["progress"] = "A goal marked achieved is at 100 %; set 100 or change its status."
        try:
            target = self.query_one("#field-target_date", DateField).read()
            values["target_date"] = target.isoformat() if target else None
        except DateInputError as exc:
            errors["target_date"] = str(exc)
        if errors:
            return errors
        try:
            Goal.model_validate(values)
        except ValidationError as exc:
            return errors_by_field(exc)
        return {}

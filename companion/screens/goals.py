"""Goals in both directions: see them all, add, update progress, delete."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header

from companion.dialogs.goal import GoalDialog
from companion.domain.goals import Goal
from companion.formatting import role_label, table_date
from companion.screens.base import RecordTable
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request, safely
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

MEASURE_CAP = {5: 10}
"""The measure is elided sooner than the others: the goal's title is the column that matters."""


class GoalsScreen(RecordTable):
    """Every goal; Enter or e edits, a adds, Delete removes."""

    TITLE = "Goals"
    DEFAULT_CSS = "GoalsScreen DataTable { height: 1fr; }"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add_goal", "Add"),
        Binding("e", "edit_goal", "Edit"),
        Binding("delete", "delete_goal", "Delete"),
    ]

    def compose(self) -> ComposeResult:
        """The table."""
        yield Header()
        table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
        labels = ("Goal", "Whose", "Status", "Progress", "Target", "Measure")
        table.add_columns(*[cell(label) for label in labels])
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table."""
        self.refill()
        self.query_one(DataTable).focus()

    def refill(self) -> None:
        """Show every goal."""
        table = self.query_one(DataTable)
        today = self.programme.today()
        table.clear()
        for g in self.programme.journal.goals():
            table.add_row(
                cell(g.title),
                role_label(g.owner),
                g.status,
                f"{g.progress}%",
                table_date(g.target_date, today) if g.target_date else "",
                cell(g.measure),
                key=g.id,
            )
        fit_columns(table, 0, MEASURE_CAP)

    def fit_to_size(self) -> None:
        """Fit the table to the screen's width (no sideways scrolling), as it is laid out."""
        fit_columns(self.query_one(DataTable), 0, MEASURE_CAP)

    def _selected(self) -> Goal | None:
        key = self.selected_key()
        return self.programme.journal.goal(key) if key else None

    def _edit(self, goal: Goal | None) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            values["updated_on"] = self.programme.today()
            saved = Goal.model_validate(values)
            if safely(self, lambda: self.programme.journal.save_goal(saved), "The goal"):
                self.refill()
                self.post_message(Request("wins"))

        self.app.push_screen(
            GoalDialog(
                goal,
                self.programme.today(),
                self.programme.journal.owner_choices(),
                [
                    (lesson.title, lesson.id)
                    for lesson in self.programme.curriculum.lessons.values()
                ],
            ),
            done,
        )

    def action_add_goal(self) -> None:
        """Add a goal."""
        self._edit(None)

    def action_edit_goal(self) -> None:
        """Edit the goal under the cursor."""
        goal = self._selected()
        if goal is not None:
            self._edit(goal)

    def on_data_table_row_selected(self) -> None:
        """Enter edits."""
        self.action_edit_goal()

    def action_delete_goal(self) -> None:
        """Delete the goal under the cursor, after asking."""
        goal = self._selected()
        if goal is not None:
            journal = self.programme.journal
            self.confirm_then("Delete this goal?", goal.title, lambda: journal.delete_goal(goal.id))

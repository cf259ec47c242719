"""Action items: every one, open first; Space ticks one off; add, edit and delete them here.

Items added here belong to no session. Editing one that came from a session keeps
the rule it was made under: it cannot be due before that session.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header
from textual.widgets.data_table import RowDoesNotExist

from companion.dialogs.forms import ActionDialog
from companion.domain.sessions import ActionItem
from companion.formatting import relative_days, table_date
from companion.screens.base import RecordTable
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import safely
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

DUE_CAP = {3: 24}
"""The due column is shown whole ("Wed 11 Nov (12 days ago)") before the action takes the rest."""


class ActionsScreen(RecordTable):
    """Open and done action items; Space toggles done."""

    TITLE = "Action items"
    DEFAULT_CSS = "ActionsScreen DataTable { height: 1fr; }"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("space", "toggle_done", "Done"),
        Binding("a", "add_action", "Add"),
        Binding("e", "edit_action", "Edit"),
        Binding("delete", "delete_action", "Delete"),
    ]

    def compose(self) -> ComposeResult:
        """The table."""
        yield Header()
        table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*[cell(c) for c in ("", "Action", "Whose", "Due")])
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table."""
        self.refill()
        self.query_one(DataTable).focus()

    def refill(self) -> None:
        """Open items first, by due date."""
        today = self.programme.today()
        pair = self.programme.journal.pair()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for a in sorted(self.programme.journal.actions(), key=lambda a: (a.done, a.due or today)):
            who = pair.person(a.owner).name if pair and a.owner != "shared" else "Both"
            due = f"{table_date(a.due, today)} ({relative_days(a.due, today)})" if a.due else ""
            table.add_row("✓" if a.done else "·", cell(a.text), cell(who), cell(due), key=a.id)
        fit_columns(table, 1, DUE_CAP)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def action_toggle_done(self) -> None:
        """Tick the action under the cursor off, or open it again."""
        key = self.selected_key()
        journal = self.programme.journal
        item = journal.action(key) if key else None
        if item is None:
            return
        today = self.programme.today()
        updated = item.model_copy(
            update={"done": not item.done, "done_on": None if item.done else today}
        )
        if safely(self, lambda: journal.save_action(updated), "The action item"):
            self.refill()

    def _owners(self) -> list[tuple[str, str]] | None:
        """The owner choices by the pair's names (None: the dialog's role names)."""
        return self.programme.journal.owner_choices()

    def action_add_action(self) -> None:
        """Add an action item outside a session (due by the next session by default)."""
        pair = self.programme.journal.pair()
        today = self.programme.today()
        due = pair.next_session_on if pair and pair.next_session_on else None
        dialog = ActionDialog(due, today=today, owners=self._owners())

        def done(values: dict[str, Any] | None) -> None:
            if values:
                item = ActionItem(**values)
                if safely(
                    self, lambda: self.programme.journal.save_action(item), "The action item"
                ):
                    self.refill()
                    self._move_to(item.id)

        self.app.push_screen(dialog, done)

    def action_edit_action(self) -> None:
        """Edit the action under the cursor: what, who, when it is due."""
        key = self.selected_key()
        item = self.programme.journal.action(key) if key else None
        if item is None:
            return
        session = self.programme.sessions.get(item.session_id) if item.session_id else None
        dialog = ActionDialog(
            None,
            session.date if session else None,
            today=self.programme.today(),
            item=item,
            owners=self._owners(),
        )

        def done(values: dict[str, Any] | None) -> None:
            if values:
                updated = item.model_copy(
                    update=ActionItem(**values).model_dump(include=set(values))
                )
                if safely(
                    self, lambda: self.programme.journal.save_action(updated), "The action item"
                ):
                    self.refill()

        self.app.push_screen(dialog, done)

    def on_data_table_row_selected(self) -> None:
        """Enter edits."""
        self.action_edit_action()

    def action_delete_action(self) -> None:
        """Delete the action under the cursor, after asking."""
        key = self.selected_key()
        item = self.programme.journal.action(key) if key else None
        if item is not None:
            self.confirm_then(
                "Delete this action item?",
                f"“{item.text}” will be removed.",
                lambda: self.programme.journal.delete_action(item.id),
            )

    def _move_to(self, key: str) -> None:
        table = self.query_one(DataTable)
        with contextlib.suppress(RowDoesNotExist):
            table.move_cursor(row=table.get_row_index(key))

    def fit_to_size(self) -> None:
        """Fit the table to the screen's width (no sideways scrolling), as it is laid out."""
        fit_columns(self.query_one(DataTable), 1, DUE_CAP)

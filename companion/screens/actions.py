"""Action items: every one, open first; Space ticks one off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header

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
    ]

    def compose(self) -> ComposeResult:
        """The table."""
        yield Header()
        table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("", "Action", "Whose", "Due")
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

    def on_resize(self) -> None:
        """Fit the table to the new width (no sideways scrolling)."""
        self.call_after_refresh(fit_columns, self.query_one(DataTable), 1, DUE_CAP)

"""What the record screens share: one DataTable of records keyed by id, deleted after asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import DataTable

from companion.dialogs.message import ConfirmDialog
from companion.screens.restyle import StylesKept
from companion.widgets.messages import safely

if TYPE_CHECKING:
    from companion.programme.core import Programme


class RecordTable(StylesKept, Screen[None]):
    """A full screen built around one DataTable of records (goals, log, journal…)."""

    AUTO_FOCUS = "DataTable"
    """The table has the keys when the screen is first shown (also when built off screen)."""

    def __init__(self, programme: Programme) -> None:
        """Show records of ``programme``."""
        super().__init__()
        self.programme = programme

    def refill(self) -> None:
        """Reload the table (each screen fills its own)."""

    def selected_key(self) -> str | None:
        """Return the key of the row under the cursor, or None when the table is empty."""
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def confirm_then(self, title: str, text: str, delete: Callable[[], object]) -> None:
        """Ask before deleting; on yes, delete (a failure is reported) and refill."""

        def answer(yes: bool | None) -> None:
            if yes and safely(self, delete, "The deletion"):
                self.refill()

        self.app.push_screen(ConfirmDialog(title, text, "Delete"), answer)

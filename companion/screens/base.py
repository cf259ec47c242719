"""What every Companion screen shares: typed access to the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.app import CompanionApp


class CompanionAccess:
    """Mix into a Screen (or ModalScreen) to reach the app with its type."""

    @property
    def companion(self) -> CompanionApp:
        """The app, typed."""
        from companion.app import CompanionApp

        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, CompanionApp)
        return app


class RecordTable(CompanionAccess):
    """For screens built around one DataTable of records keyed by id (goals, log, journal…)."""

    def refill(self) -> None:
        """Reload the table (each screen fills its own)."""

    def selected_key(self) -> str | None:
        """Return the key of the row under the cursor, or None when the table is empty."""
        from textual.widgets import DataTable

        table = self.query_one(DataTable)  # type: ignore[attr-defined]
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def confirm_then(self, title: str, text: str, delete: Callable[[], object]) -> None:
        """Ask before deleting; on yes, delete through the app's safe save and refill."""
        from companion.dialogs.message import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes and self.companion.save(delete, "The deletion"):
                self.refill()

        self.app.push_screen(ConfirmDialog(title, text, "Delete"), answer)  # type: ignore[attr-defined]

"""A read-only table of records (goals, actions, sessions, cards) behind a dashboard panel."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static


class RecordsScreen(Screen[None]):
    """A full-screen table with a title and an optional note; Escape goes back."""

    DEFAULT_CSS = """
    RecordsScreen DataTable { height: 1fr; }
    RecordsScreen .note { color: $text-muted; padding: 0 1; height: auto; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(
        self,
        title: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[str]],
        note: str = "",
    ) -> None:
        """Show ``rows`` under ``columns``; ``note`` is a line of explanation above them."""
        super().__init__()
        self.title = title
        self.TITLE = title
        self._columns = columns
        self._rows = rows
        self._note = note

    def compose(self) -> ComposeResult:
        """Lay out the table."""
        yield Header()
        if self._note:
            yield Static(self._note, classes="note")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*self._columns)
        for row in self._rows:
            table.add_row(*row)
        yield table
        yield Footer()

"""Every win the pair has reached, newest first, with its date and whose it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from companion.formatting import short_date
from companion.screens.restyle import StylesKept
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

if TYPE_CHECKING:
    from companion.programme.core import Programme

KIND_LABELS = {
    "first-session": "First session",
    "sessions": "Sessions",
    "module": "Module",
    "goal": "Goal",
    "cards": "Cards",
    "skill": "Skill",
    "midpoint": "Midpoint",
    "end": "The end",
}
"""Each kind of win as the table names it."""


class WinsScreen(StylesKept, Screen[None]):
    """The wins table: date, what, kind and whose."""

    TITLE = "Wins"
    DEFAULT_CSS = """
    WinsScreen DataTable { height: 1fr; }
    WinsScreen .empty { color: $text-muted; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, programme: Programme) -> None:
        """List the wins of ``programme``."""
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        """The table (and a line when there is nothing yet)."""
        yield Header()
        yield Static(
            "No wins yet: the first session is the first one.", classes="empty", id="no-wins"
        )
        table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*[cell(c) for c in ("Date", "Win", "Kind", "Whose")])
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table, newest first."""
        pair = self.programme.journal.pair()
        wins = self.programme.evaluation.wins()
        table = self.query_one(DataTable)
        for win in reversed(wins):
            whose = pair.person(win.role).name if pair is not None and win.role else "Both"
            table.add_row(
                short_date(win.on), cell(win.title), KIND_LABELS[win.kind], cell(whose), key=win.key
            )
        self.query_one("#no-wins").display = not wins
        table.display = bool(wins)
        table.focus()

    def fit_to_size(self) -> None:
        """Fit the table to the screen's width (no sideways scrolling), as it is laid out."""
        fit_columns(self.query_one(DataTable), 1)

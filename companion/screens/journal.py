"""The journal: every session in a table, with search, filters, open and delete."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select

from companion.dialogs.message import ConfirmDialog
from companion.programme.listings import Listing
from companion.screens.base import RecordTable
from companion.screens.session_detail import SessionDetailScreen
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import safely
from companion.widgets.paged_table import PagedTable
from companion.widgets.safe_text import cell, choices
from companion.widgets.steady import SteadyInput


class JournalScreen(RecordTable):
    """All sessions; type to search notes and reflections; Enter opens, Delete removes."""

    TITLE = "Journal"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    """Below 60 columns the search box and the filters share the width equally."""
    DEFAULT_CSS = """
    JournalScreen #filters { height: auto; padding: 0 1; }
    JournalScreen #search { width: 1fr; }
    JournalScreen #filters Select { width: 28; margin-left: 1; }
    JournalScreen.-narrow #filters Select { width: 1fr; }
    JournalScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "focus_search", "Search"),
        Binding("delete", "delete_session", "Delete"),
        Binding("enter", "open_session", "Open", show=False),
    ]

    _shown: Listing | None = None
    _choices: tuple[list[str], tuple[str, ...]] | None = None

    def compose(self) -> ComposeResult:
        """Search, filters, table."""
        months = self.programme.listings.journal_months()
        self._choices = (months, self.programme.listings.journal_columns())
        modules = self.programme.curriculum.ordered_modules()
        yield Header()
        with Horizontal(id="filters"):
            yield SteadyInput(placeholder="Search notes and reflections", compact=True, id="search")
            yield Select(
                choices((m.title, m.id) for m in modules),
                prompt="All modules",
                compact=True,
                id="module",
            )
            yield Select(
                choices((m, m) for m in months), prompt="All months", compact=True, id="month"
            )
        table = PagedTable(main=1, user_text=[1], id="sessions")
        table.add_columns(*[cell(label) for label in self.programme.listings.journal_columns()])
        yield table
        yield KeysFooter()

    def still_fits(self) -> bool:
        """True while the months to filter by and the column labels are those composed."""
        listings = self.programme.listings
        return self._choices == (listings.journal_months(), listings.journal_columns())

    def on_mount(self) -> None:
        """Fill the table."""
        if self.closing:  # built off screen as the app quits: its widgets may be gone
            return
        self.refill()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Refresh after editing a session (nothing to do when nothing changed)."""
        self.refill()

    def refill(self) -> None:
        """Show the sessions the search and filters find (only when they differ from shown)."""
        if self.closing:  # the app is quitting: its widgets may be gone already
            return
        module = self.query_one("#module", Select).value
        month = self.query_one("#month", Select).value
        listing = self.programme.listings.journal(
            self.query_one("#search", Input).value,
            module=module if isinstance(module, str) else None,
            month=month if isinstance(month, str) else None,
        )
        if listing is self._shown:
            return
        self._shown = listing
        self.query_one(PagedTable).show(listing.rows, listing.widths)

    def on_input_changed(self) -> None:
        """Search as you type."""
        self.refill()

    def on_select_changed(self) -> None:
        """Filter."""
        self.refill()

    def action_back(self) -> None:
        """Leave the search box for the table; from the table, go back."""
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def action_focus_search(self) -> None:
        """Go to the search box."""
        self.query_one("#search", Input).focus()

    def on_data_table_row_selected(self) -> None:
        """Enter on a row opens it."""
        self.action_open_session()

    def action_open_session(self) -> None:
        """Open the session under the cursor to read or edit it."""
        session_id = self.selected_key()
        session = self.programme.sessions.get(session_id) if session_id else None
        if session is not None:
            self.app.push_screen(SessionDetailScreen(self.programme, session))

    def action_delete_session(self) -> None:
        """Delete the session under the cursor, after asking."""
        session_id = self.selected_key()
        session = self.programme.sessions.get(session_id) if session_id else None
        if session is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and safely(
                self, lambda: self.programme.sessions.delete(session.id), "The deletion"
            ):
                self.notify(f"Deleted the session of {session.date.isoformat()}.")
                self.refill()

        self.app.push_screen(
            ConfirmDialog(
                "Delete this session?",
                f"The session of {session.date.isoformat()} with its notes, action items and "
                "log entry will be removed. A backup taken when the app opened still holds it.",
                "Delete",
            ),
            answer,
        )

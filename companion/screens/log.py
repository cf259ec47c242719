"""The junior's mentoring log: totals, hours per month, and every entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Select, Static

from companion.dialogs.log_entry import LogEntryDialog
from companion.domain.log import LogEntry
from companion.programme.listings import LOG_COLUMNS, LogView
from companion.screens.base import RecordTable
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import safely
from companion.widgets.paged_table import PagedTable
from companion.widgets.safe_text import cell, choices

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

SHORT = 18
"""Below this terminal height the totals and chart fold into one line, leaving room for rows."""

NARROW = 60
"""Below this width the chart goes under the totals, and the filters share the width."""

KINDS = [
    ("Sessions and informal", "all"),
    ("Sessions only", "session"),
    ("Informal only", "informal"),
]


def month_bars(months: list[tuple[str, float]], width: int = 30) -> Text:
    """Return hours per month as a small horizontal bar chart (the last twelve months)."""
    text = Text()
    shown = months[-12:]
    top = max((hours for _, hours in shown), default=0) or 1
    for month, hours in shown:
        bar = "█" * max(0, round(hours / top * width))
        text.append(f"{month} ", style="dim")
        text.append(bar or "·", style="green")
        text.append(f" {hours:.1f} h\n")
    text.rstrip()
    return text


class MonthBars:
    """:func:`month_bars` as wide as the room it is drawn in: the hours stay on their line."""

    def __init__(self, months: list[tuple[str, float]]) -> None:
        """Chart ``months`` (month, hours), the last twelve."""
        self.months = months[-12:]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The chart, its bars at most 30 cells and short enough for the hours to fit."""
        label = max((cell_len(f"{m}  {hours:.1f} h") for m, hours in self.months), default=0)
        text = month_bars(self.months, max(1, min(30, options.max_width - label - 1)))
        text.no_wrap, text.overflow = True, "ellipsis"
        yield text


class LogScreen(RecordTable):
    """Totals and entries; add informal entries, edit and delete."""

    TITLE = "Mentoring log"
    DEFAULT_CSS = """
    LogScreen #top { height: auto; padding: 0 1; }
    LogScreen #totals { width: 1fr; height: auto; }
    LogScreen #chart { width: 1fr; height: auto; }
    LogScreen #filters { height: auto; padding: 0 1; }
    LogScreen #filters Select { width: 30; }
    LogScreen #filters #skill { margin-left: 1; }
    LogScreen DataTable { height: 1fr; }
    LogScreen #brief { display: none; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    LogScreen.-narrow #top { layout: vertical; }
    LogScreen.-narrow #filters Select { width: 1fr; }
    LogScreen.-short #top { display: none; }
    LogScreen.-short #brief { display: block; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add_entry", "Add"),
        Binding("e", "edit_entry", "Edit"),
        Binding("delete", "delete_entry", "Delete"),
    ]

    def compose(self) -> ComposeResult:
        """Totals, chart, filters, table."""
        yield Header()
        with Horizontal(id="top"):
            yield Static(id="totals")
            yield Static(id="chart")
        yield Static(id="brief")
        with Horizontal(id="filters"):
            yield Select(
                [(k, v) for k, v in KINDS], value="all", allow_blank=False, compact=True, id="kind"
            )
            yield Select([], prompt="Any skill", compact=True, id="skill")
        table = PagedTable(main=2, user_text=[2, 3])
        table.add_columns(*[cell(label) for label in LOG_COLUMNS])
        yield table
        yield KeysFooter()

    _shown: LogView | None = None

    def on_mount(self) -> None:
        """Fill everything (on a small terminal, with the totals folded into one line)."""
        if self.closing:  # built off screen as the app quits: its widgets may be gone
            return
        self._fit(self.app.size.width, self.app.size.height)
        self.refill()
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        """Fold or unfold the totals to suit the new size."""
        self._fit(self.app.size.width, self.app.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Keep rows of the table in view: a short terminal shows the totals as one line."""
        self.set_class(height < SHORT, "-short")
        self.set_class(width < NARROW, "-narrow")

    def on_screen_resume(self) -> None:
        """Refresh when shown again (nothing to do when nothing changed)."""
        self.refill()

    def refill(self) -> None:
        """Show the totals and the entries the filters let through (only what changed)."""
        if self.closing:  # the app is quitting: its widgets may be gone already
            return
        kind = self.query_one("#kind", Select).value
        skill = self.query_one("#skill", Select).value
        view = self.programme.listings.log(
            kind if kind in ("session", "informal") else "all",
            skill if isinstance(skill, str) else None,
        )
        shown, self._shown = self._shown, view
        if view is shown:
            return
        summary = view.totals
        if shown is None or summary is not shown.totals:
            text = Text()
            text.append(f"{view.who}'s mentoring\n", style="bold")
            text.append(f"{summary.sessions} sessions · {summary.informal} informal\n")
            text.append(f"{summary.hours:.1f} hours · {summary.topics} topics\n")
            if summary.skills:
                text.append(
                    "Skills: " + ", ".join(f"{k} {v}" for k, v in list(summary.skills.items())[:5])
                )
            self.query_one("#totals", Static).update(text)
            brief = f"{summary.sessions} sessions · {summary.informal} informal"
            brief += f" · {summary.hours:.1f} hours · {summary.topics} topics"
            self.query_one("#brief", Static).update(Text(brief, style="bold"))
            self.query_one("#chart", Static).update(
                MonthBars(summary.months) if summary.months else ""
            )
            if shown is None or list(summary.skills) != list(shown.totals.skills):
                with self.prevent(Select.Changed):
                    self.query_one("#skill", Select).set_options(
                        choices((s, s) for s in summary.skills)
                    )
        self.query_one(PagedTable).show(view.listing.rows, view.listing.widths)

    def on_select_changed(self) -> None:
        """Filter (nothing to do when the filters did not change what is shown)."""
        self.refill()

    def _selected(self) -> LogEntry | None:
        key = self.selected_key()
        return self.programme.journal.log_entry(key) if key else None

    def _edit(self, entry: LogEntry | None) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                saved = LogEntry.model_validate(values)
                if safely(
                    self, lambda: self.programme.journal.save_log_entry(saved), "The log entry"
                ):
                    self.refill()

        self.app.push_screen(LogEntryDialog(entry, self.programme.today()), done)

    def action_add_entry(self) -> None:
        """Add an informal entry (helped with something between sessions)."""
        self._edit(None)

    def action_edit_entry(self) -> None:
        """Edit the entry under the cursor."""
        entry = self._selected()
        if entry is not None:
            self._edit(entry)

    def on_data_table_row_selected(self) -> None:
        """Enter edits the entry."""
        self.action_edit_entry()

    def action_delete_entry(self) -> None:
        """Delete the entry under the cursor, after asking."""
        entry = self._selected()
        if entry is not None:
            journal = self.programme.journal
            self.confirm_then(
                "Delete this entry?",
                f"{entry.date.isoformat()}: {entry.topic}",
                lambda: journal.delete_log_entry(entry.id),
            )

"""The programme timeline: planned dates, held sessions, gaps, pauses, midpoint and end."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, ProgressBar, Static

from companion.dialogs.pause import PauseDialog
from companion.formatting import plural, short_date
from companion.screens.restyle import StylesKept
from companion.widgets.fit import fit_columns
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import safely
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

if TYPE_CHECKING:
    from companion.domain.timeline import Timeline
    from companion.programme.core import Programme

STATUS = {"held": "✓ held", "missed": "✗ missed", "upcoming": "· to come"}
"""How each planned session's status reads."""

Row = tuple[date, int, str, str, str]
"""(day, order on that day, what, status, note) for one line of the table."""


def timeline_rows(plan: Timeline) -> list[Row]:
    """Return the table's lines in date order: sessions, pauses, gaps, midpoint and end."""
    rows: list[Row] = []
    for slot in plan.slots:
        note = ""
        if slot.rescheduled:
            note = f"moved from {short_date(slot.planned_on)}"
        elif slot.status == "held" and slot.shift_days:
            note = f"held {plural(abs(slot.shift_days), 'day')} "
            note += "late" if slot.shift_days > 0 else "early"
        rows.append((slot.on, 1, f"Session {slot.index + 1}", STATUS[slot.status], note))
    for pause in plan.pauses:
        until = f"until {short_date(pause.ends_on)} ({plural(pause.days, 'day')})"
        rows.append((pause.starts_on, 0, "Pause", until, pause.reason))
    for gap in plan.gaps:
        missed = f", {plural(gap.missed, 'session')} missed" if gap.missed else ""
        rows.append(
            (gap.starts_on, 2, "Gap", f"{plural(gap.days, 'day')} without a session{missed}", "")
        )
    rows.append((plan.midpoint, 0, "◆ Midpoint", "", "halfway through the programme"))
    rows.append((plan.end, 3, "◆ End", "", "the programme is complete"))
    rows.append((plan.today, 0, "▶ Today", "", ""))
    return sorted(rows, key=lambda r: (r[0], r[1]))


class TimelineScreen(StylesKept, Screen[None]):
    """Weeks elapsed as a bar, then every planned session and marker in date order."""

    TITLE = "Programme timeline"
    DEFAULT_CSS = """
    TimelineScreen #weeks { height: 1; padding: 0 1; }
    TimelineScreen #weeks Label { width: auto; }
    TimelineScreen #weeks ProgressBar { width: 1fr; padding: 0 1; }
    TimelineScreen #weeks Bar { width: 1fr; }
    TimelineScreen #summary { padding: 0 1; color: $text-muted; }
    TimelineScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add_pause", "Add a pause"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Show the timeline of ``programme``."""
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        """The weeks bar, a summary line and the table."""
        yield Header()
        yield Horizontal(
            Label("", id="weeks-label"),
            ProgressBar(show_eta=False, show_percentage=False),
            id="weeks",
        )
        yield Static("", id="summary")
        table: DataTable[str] = RowTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*[cell(c) for c in ("Date", "What", "Status", "Note")])
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the screen; the cursor starts on today."""
        self.refill()
        self.query_one(DataTable).focus()

    def refill(self) -> None:
        """Draw the timeline as it stands today."""
        plan = self.programme.evaluation.timeline()
        if plan is None:
            return
        bar = self.query_one(ProgressBar)
        bar.update(total=plan.programme_weeks, progress=plan.weeks_elapsed)
        weeks = f"Week {plan.weeks_elapsed} of {plan.programme_weeks}"
        self.query_one("#weeks-label", Label).update(weeks)
        summary = (
            f"{plan.held} held · {plan.missed} missed · {len(plan.upcoming())} to come · "
            f"midpoint {short_date(plan.midpoint)} · ends {short_date(plan.end)}"
        )
        if plan.paused:
            summary += f" · paused {plural(plan.paused, 'day')}"
        self.query_one("#summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.clear()
        cursor = 0
        for number, (day, _, what, status, note) in enumerate(timeline_rows(plan)):
            if what == "▶ Today":
                cursor = number
            table.add_row(short_date(day), what, status, cell(note))
        table.move_cursor(row=cursor)
        fit_columns(table, 3)

    def on_resize(self) -> None:
        """Fit the table to the new width (no sideways scrolling)."""
        self.call_after_refresh(fit_columns, self.query_one(DataTable), 3)

    def action_add_pause(self) -> None:
        """Ask for a pause's dates, save it, and redraw the plan around it."""

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            evaluation = self.programme.evaluation
            saved = safely(
                self,
                lambda: evaluation.add_pause(
                    values["starts_on"], values["ends_on"], values["reason"]
                ),
                "The pause",
            )
            if saved is not None:
                self.notify("Pause added: the sessions after it move back.", timeout=4)
                self.refill()

        self.app.push_screen(PauseDialog(self.programme.today()), done)

"""The dashboard's panels as data: which records each shows, and how its rows are drawn.

Every panel is built as a list of :class:`~companion.domain.start_rows.Row`
(plain data), drawn by :func:`widgets`. The same rows are kept in the start-up
summary, so the next start draws the whole dashboard before the journal opens,
and the live rows replace them only where they differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, ProgressBar, Sparkline, Static

from companion.domain.start_rows import Piece, Row, Style
from companion.formatting import visible
from companion.programme.start_summary import write_summary

if TYPE_CHECKING:
    from companion.programme.core import Programme

EMPTY = "panel-empty"
"""The class of a panel's "nothing yet" line."""


def row_of(text: str, *, classes: str = "") -> Row:
    """Return a row of plain ``text`` (wrapping) with CSS ``classes``."""
    return Row(pieces=[Piece(text=text)], classes=classes)


def line_of(*pieces: tuple[str, Style]) -> Row:
    """Return a one-line row of (text, style) pieces that ends in an ellipsis when too long."""
    return Row(kind="line", pieces=[Piece(text=t, style=s) for t, s in pieces], classes="line")


PANEL_RECORDS: dict[str, tuple[str, ...]] = {
    "#rhythm": (
        "pair",
        "settings",
        "sessions",
        "pauses",
        "reschedules",
        "checkins",
        "actions",
        "goals",
    ),
    "#modules": ("progress", "sessions"),
    "#goals": ("goals",),
    "#actions": ("pair", "actions"),
    "#cards": ("pair", "cards", "states", "settings"),
    "#sessions": ("sessions",),
    "#wins": ("wins",),
    "#gains": ("pair", "skills"),
    "#expectations": ("pair", "expectations"),
}
"""Each panel and the kinds of record (tables) it shows: it is rebuilt when one changed."""


def panel_versions(programme: Programme) -> dict[str, tuple[object, ...]]:
    """Return what each panel depends on now: its records' change counts and the time.

    Cards due also change with the clock, so that panel's version moves once a
    minute; the others' once a day (relative dates such as "in 2 days").
    """
    now = programme.now()
    today, minute = now.date(), now.replace(second=0, microsecond=0)
    return {
        selector: (*programme.changes.version(kinds), minute if selector == "#cards" else today)
        for selector, kinds in PANEL_RECORDS.items()
    }


def keep_summary(programme: Programme, title: str, panels: dict[str, list[Row]]) -> None:
    """Write what the dashboard shows, for the next start (see ``read_summary``)."""
    write_summary(programme.folder, programme.today(), title, panels)


def text_of(row: Row) -> Text:
    """Return ``row``'s pieces as one Text (control characters shown as symbols)."""
    return Text.assemble(*[(visible(p.text), p.style) for p in row.pieces])


def widgets(rows: list[Row]) -> list[Widget]:
    """Return the widgets that draw ``rows`` in a panel."""
    drawn: list[Widget] = []
    for row in rows:
        if row.kind == "bar":
            done, total = (int(v) for v in [*row.values, 0.0, 1.0][:2])
            bar = ProgressBar(total=max(total, 1), show_eta=False, show_percentage=False)
            bar.progress = done
            # The name above its bar: shown instead of the one beside it when both do not fit.
            name = Label(text_of(row), classes="module-name")
            line = Horizontal(
                Label(text_of(row), classes="name"),
                bar,
                Label(f"{done}/{total}", classes="count"),
                classes="module-row",
            )
            name.tooltip = line.tooltip = text_of(row)
            drawn.extend([name, line])
        elif row.kind == "ratings":
            drawn.append(
                Horizontal(
                    Label("Ratings "),
                    Sparkline(row.values, summary_function=max),
                    Label(text_of(row), classes="muted"),
                    classes="ratings",
                )
            )
        else:
            text = text_of(row)
            if row.kind == "line":
                text.no_wrap = True
                text.overflow = "ellipsis"
            drawn.append(Static(text, classes=row.classes or None))
    return drawn

"""Tables that fit their width: one column takes the room, the others are capped.

A table never scrolls sideways: each column keeps its natural width up to a
cap, the column that matters (a lesson, a topic, an action) takes what is left,
and text longer than its column ends in ``…`` (cells made by
:func:`~companion.widgets.safe_text.cell` elide rather than crop). When even
that leaves the main column too little, the others are narrowed down to what
can be read and then the rightmost of them are left out (width 0), one by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

CAP = 16
"""The widest any column but the main one grows while the main one is short of room."""

MAIN_MIN = 12
"""The least the main column is given before the others are capped harder."""

LEGIBLE = 10
"""No other column is squeezed below this (or its widest cell, if less): on a narrow
terminal (40 columns) the rightmost ones are left out instead, so what is shown can be
read ("Fri 20 Nov", not "Fri…")."""


def fit_columns(
    table: DataTable[object],
    main: int,
    caps: dict[int, int] | None = None,
    natural: Sequence[int] | None = None,
) -> None:
    """Size ``table``'s columns to its width, giving column ``main`` the remainder.

    ``caps`` gives a column a smaller cap than :data:`CAP` (a deck, a name).
    ``natural`` gives each column's widest cell when the caller knows it (no
    cell is measured then). Call after filling the table and whenever it is resized.
    """
    columns = list(table.columns.values())
    if not columns or table.size.width == 0:
        return
    caps = caps or {}
    pad = 2 * table.cell_padding
    room = table.scrollable_content_region.width - pad * len(columns)
    if natural is None or len(natural) != len(columns):
        natural = [_natural_width(table, c.key, c.label.cell_len) for c in columns]
    widths = [min(n, caps.get(i, CAP)) if i != main else 0 for i, n in enumerate(natural)]
    others = [i for i in range(len(columns)) if i != main]
    if room - sum(widths) >= natural[main]:
        # Room to spare: the others keep their natural width where they can.
        spare = room - natural[main] - sum(widths)
        for i in others:
            grow = min(natural[i] - widths[i], spare)
            widths[i] += grow
            spare -= grow
    # Squeeze the widest of the others until the main column has its minimum, but
    # none below what can still be read; past that, the rightmost of the others go.
    floors = [min(n, LEGIBLE) for n in natural]
    while room - sum(widths) < MAIN_MIN:
        squeezable = [i for i in others if widths[i] > floors[i]]
        shown = [i for i in others if widths[i] > 0]
        if squeezable:
            widths[max(squeezable, key=lambda i: widths[i])] -= 1
        elif shown:
            widths[max(shown)] = 0
        else:
            break
    widths[main] = max(room - sum(widths), 4)
    for column, width in zip(columns, widths, strict=True):
        column.auto_width = False
        column.width = width
    # Textual has no public way to resize a column: re-measure and redraw on refresh.
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh()


def _natural_width(table: DataTable[object], key: ColumnKey, label: int) -> int:
    """Return the width of the widest cell of column ``key`` (or of its label)."""
    widest = label
    for value in table.get_column(key):
        width = value.cell_len if isinstance(value, Text) else cell_len(str(value))
        widest = max(widest, width)
    return widest

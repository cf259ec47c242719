"""A DataTable of records whose Home and End go to the first and last row."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets._data_table import CellType


class RowTable(DataTable[CellType]):
    """Textual's DataTable, except that Home and End move the cursor to the first and last row.

    Textual's own Home and End scroll sideways, which hides the first column of a
    row-cursor table; Ctrl+Home and Ctrl+End still do what they did.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

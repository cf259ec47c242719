"""A table of many rows filled in pages as the cursor or the scroll comes near its end.

Adding 5,000 rows to a ``DataTable`` in one go holds the app for a second or
more, and Textual then measures every cell to size the columns. Here the rows
arrive already formatted with each column's widest cell (from the use-case
layer's listings), the columns get fixed widths from
:func:`~companion.widgets.fit.fit_columns`, so no cell is measured, and only
the first page is added before the screen is drawn. The next page is added
when the cursor or the scroll comes within a page of the last row added, so
keys never wait for rows nobody looked at; ``End`` adds what is left first,
so it reaches the last row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text as RichText
from textual.widgets import DataTable

from companion.widgets.fit import CAP, fit_columns
from companion.widgets.row_table import RowTable
from companion.widgets.safe_text import cell

if TYPE_CHECKING:
    from textual.widgets.data_table import RowKey

Row = tuple[str, tuple[str, ...]]
"""A row's key and its cells, as shown (user text: shown literally)."""


class PagedTable(RowTable[RichText | str]):
    """A row-cursor table showing a listing's rows, filled page by page, never measured."""

    FIRST_PAGE: ClassVar[int] = 80
    """Rows added before the first frame: more than a tall terminal shows."""

    PAGE: ClassVar[int] = 200
    """Rows added each time the cursor or the scroll nears the last row added."""

    MARGIN: ClassVar[int] = 40
    """How near the last row added "near" is, in rows (more than a screen)."""

    def __init__(self, *, main: int, user_text: Iterable[int] = (), id: str | None = None) -> None:
        """Make a table whose column ``main`` takes the room the others leave.

        Cells of the ``user_text`` columns are shown literally (never as markup,
        control characters made visible); the others are the program's own words
        and numbers.
        """
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._main = main
        self._user_text = frozenset(user_text)
        self._rows: Sequence[Row] = ()
        self._widths: tuple[int, ...] = ()
        self._next = 0

    @property
    def pending(self) -> int:
        """How many rows of the listing are not in the table yet."""
        return len(self._rows) - self._next

    def show(self, rows: Sequence[Row], widths: Sequence[int]) -> None:
        """Replace the rows with ``rows``, keeping the cursor's row when it is still there.

        ``widths`` is each column's widest cell (or label). The first page is
        added now, the rest as the cursor or the scroll nears the end.
        """
        keep = self._cursor_key()
        self.clear()
        self._rows, self._widths, self._next = rows, tuple(widths), 0
        self.fit()
        index = self._index_of(keep) if keep is not None else None
        self._add(self.FIRST_PAGE + (index or 0))
        if index is not None:
            self.move_cursor(row=index, animate=False)

    def fit(self) -> None:
        """Size the columns to the table's width from the known widest cells.

        Before the table has a size, each column takes its widest cell up to
        :data:`~companion.widgets.fit.CAP` (the main one in full), fitted again on resize.
        """
        if self.size.width == 0 and len(self._widths) == len(self.columns):
            for i, (column, width) in enumerate(
                zip(self.columns.values(), self._widths, strict=True)
            ):
                column.auto_width = False
                column.width = width if i == self._main else min(width, CAP)
            return
        fit_columns(self, self._main, natural=self._widths or None)

    def on_resize(self) -> None:
        """Fit the columns to the new width (no sideways scrolling)."""
        self.fit()

    def add_all(self) -> None:
        """Add every row still waiting (before going to the last row)."""
        self._add(self.pending)

    def action_scroll_bottom(self) -> None:
        """Go to the last row, once every row is in."""
        self.add_all()
        super().action_scroll_bottom()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Add the next page when the cursor comes near the last row added."""
        if event.data_table is self and event.cursor_row >= self.row_count - self.MARGIN:
            self._add(self.PAGE)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Add the next page when the scroll comes near the end (wheel, scrollbar)."""
        super().watch_scroll_y(old_value, new_value)
        if self.pending and new_value >= self.max_scroll_y - self.MARGIN:
            self._add(self.PAGE)

    def _add(self, count: int) -> None:
        start, end = self._next, min(len(self._rows), self._next + max(count, 0))
        self._next = end
        add_row, user_text = self.add_row, self._user_text
        for key, cells in self._rows[start:end]:
            add_row(*[cell(c) if i in user_text else c for i, c in enumerate(cells)], key=key)

    def _cursor_key(self) -> str | None:
        if self.row_count == 0 or self.cursor_row <= 0:
            return None
        key: RowKey = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value)

    def _index_of(self, key: str) -> int | None:
        for index, (row_key, _) in enumerate(self._rows):
            if row_key == key:
                return index
        return None

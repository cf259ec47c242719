"""The journal's and the log's table: a listing's rows, filled in pages, never measured.

Adding 5,000 rows to a ``DataTable`` in one go holds the app for a second or
more, and Textual then measures every cell to size the columns. Here the rows
arrive already formatted with each column's widest cell (from the use-case
layer's listings), the columns get fixed widths from
:func:`~companion.widgets.fit.fit_columns`, so no cell is measured, and only
the first page is added before the screen is drawn; the rest arrive as the
cursor or the scroll come near them (:class:`~companion.widgets.item_table.PagingTable`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import ClassVar

from rich.text import Text as RichText

from companion.widgets.fit import CAP, fit_columns
from companion.widgets.item_table import PagingTable
from companion.widgets.safe_text import cell

Row = tuple[str, tuple[str, ...]]
"""A row's key and its cells, as shown (user text: shown literally)."""


class PagedTable(PagingTable[RichText | str]):
    """A row-cursor table showing a listing's rows, filled page by page, never measured."""

    FIRST_PAGE: ClassVar[int] = 80
    PAGE: ClassVar[int] = 200
    MARGIN: ClassVar[int] = 40

    def __init__(self, *, main: int, user_text: Iterable[int] = (), id: str | None = None) -> None:
        """Make a table whose column ``main`` takes the room the others leave.

        Cells of the ``user_text`` columns are shown literally (never as markup,
        control characters made visible); the others are the program's own words
        and numbers.
        """
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._main = main
        self._user_text = frozenset(user_text)
        self._widths: tuple[int, ...] = ()

    def show(self, rows: Sequence[Row], widths: Sequence[int]) -> None:
        """Replace the rows with ``rows``, keeping the cursor's row when it is still there.

        ``widths`` is each column's widest cell (or label). The first page is
        added now, the rest as the cursor or the scroll nears the end.
        """
        keep = self.cursor_key()
        self._widths = tuple(widths)
        self.fit()
        self.show_items(rows, itemgetter(0), self._cells, keep)

    def _cells(self, row: Row) -> list[RichText | str]:
        user_text = self._user_text
        return [cell(c) if i in user_text else c for i, c in enumerate(row[1])]

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

"""Row tables that hold thousands of rows but add only the ones near the screen.

Textual's DataTable measures and lays out every row it is given, so giving it
20,000 rows costs seconds. :class:`PagingTable` is given the rows' data and a
function that makes a row's cells; it adds a first page at once and the next
page whenever the cursor or the scroll comes near the last row added. End
(and Ctrl+End) add everything first, then go to the last row.
:class:`ItemTable` (the glossary) shows items as they are;
:class:`~companion.widgets.paged_table.PagedTable` (the journal and the log)
shows a use-case listing's rows, with column widths known in advance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual.widgets.data_table import CellType

from companion.widgets.row_table import RowTable

PAGE = 100
"""The glossary's page: rows added at a time (a few screenfuls)."""

KeyOf = Callable[[Any], str]
"""Returns one item's row key."""

CellsOf = Callable[[Any], Sequence[CellType]]
"""Makes one item's cells."""


class PagingTable(RowTable[CellType]):
    """A row table whose rows are added a page at a time, as they come near the screen."""

    FIRST_PAGE: ClassVar[int] = PAGE
    """Rows added before the first frame: more than a tall terminal shows."""

    PAGE: ClassVar[int] = PAGE
    """Rows added each time the cursor or the scroll nears the last row added."""

    MARGIN: ClassVar[int] = PAGE // 2
    """How near the last row added "near" is, in rows (more than a screen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Make the table (the arguments are DataTable's)."""
        super().__init__(*args, **kwargs)
        self._items: Sequence[Any] = ()
        self._key_of: KeyOf = str
        self._cells_of: CellsOf | None = None
        self._adding = False

    @property
    def total(self) -> int:
        """How many rows the table holds, added or not yet."""
        return len(self._items)

    @property
    def pending(self) -> int:
        """How many rows are not in the table yet."""
        return len(self._items) - self.row_count

    def show_items(
        self, items: Sequence[Any], key: KeyOf, cells: CellsOf, keep: str | None = None
    ) -> None:
        """Replace the rows with ``items``; ``key`` and ``cells`` make one item's row.

        With ``keep``, the cursor goes back to the row with that key when it is
        still there (the rows up to it are added); otherwise to the first row.
        """
        self._items = ()  # clear() moves the cursor, whose watcher would add old rows
        self.clear()
        self._items, self._key_of, self._cells_of = items, key, cells
        at = None
        if keep is not None:
            at = next((i for i, item in enumerate(items) if key(item) == keep), None)
        self.add_upto(self.FIRST_PAGE + (at or 0))
        if at:
            self.move_cursor(row=at, animate=False)

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, None on the first row or an empty table."""
        if self.row_count == 0 or self.cursor_row <= 0:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def add_upto(self, count: int) -> None:
        """Add rows until ``count`` of them (or all) are in the table."""
        cells_of, key_of = self._cells_of, self._key_of
        if cells_of is None or self._adding:
            return
        self._adding = True  # add_row moves the cursor, whose watcher calls this
        try:
            for item in self._items[self.row_count : min(count, len(self._items))]:
                self.add_row(*cells_of(item), key=key_of(item))
        finally:
            self._adding = False

    def add_all(self) -> None:
        """Add every row still waiting (before going to the last row)."""
        self.add_upto(len(self._items))

    def _more_if_near_the_end(self, row: int) -> None:
        if self.row_count < len(self._items) and row >= self.row_count - self.MARGIN:
            self.add_upto(self.row_count + self.PAGE)

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        """Add the next page when the cursor comes near the last row added."""
        super().watch_cursor_coordinate(old, new)
        self._more_if_near_the_end(new.row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Add the next page when the view scrolls near the last row added."""
        super().watch_scroll_y(old_value, new_value)
        self._more_if_near_the_end(int(new_value) + self.scrollable_content_region.height)

    def action_scroll_bottom(self) -> None:
        """Add every row, then go to the last one."""
        self.add_all()
        super().action_scroll_bottom()


class ItemTable(PagingTable[CellType]):
    """The glossary's table: items shown a page at a time.

    Its first page is small (each search character fills it again): more rows
    than a 60-line terminal shows, fewer than a page.
    """

    FIRST_PAGE: ClassVar[int] = 60
    MARGIN: ClassVar[int] = 30

    def show(
        self, items: Sequence[Any], key: KeyOf, cells: CellsOf, keep: str | None = None
    ) -> None:
        """Replace the rows with ``items`` (see :meth:`PagingTable.show_items`)."""
        self.show_items(items, key, cells, keep)

"""A DataTable of records: Home and End go to the first and last row, and drawing is cheap.

Textual's DataTable lays out every cell with Rich (``Padding`` inside
``Styled``) whenever anything about the cell's look changes: the cursor moving,
a page of rows added, the focus changing or the screen coming back. Here the
laid-out text of a one-line cell is kept by row, column and width, and only
the styles are applied again, exactly as ``Styled`` applies them; and drawn
cells are kept across focus and screen changes while their styles are the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import ClassVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._data_table import CellType, ColumnKey, RowKey

from companion.widgets.steady import SteadyScroll

SegmentLines = list[list[Segment]]

STYLED_KEPT = 8
"""Styled versions kept per laid-out cell (its places, cursor, hover and focus states)."""

SHOWN_CHARACTERS = 4
"""A one-line cell's text is cut at this many characters per column before it is laid
out (more than a line can show, even with zero-width marks among them)."""


class RowTable(DataTable[CellType], SteadyScroll):
    """Textual's DataTable, except that Home and End move the cursor to the first and last row.

    Textual's own Home and End scroll sideways, which hides the first column of a
    row-cursor table; Ctrl+Home and Ctrl+End still do what they did.

    Textual's DataTable also forgets every drawn cell whenever its styles are
    applied again: on each focus change and each time its screen comes back.
    Its caches are keyed by the focus state already, so here they are kept
    while the styles the cells are drawn with are what they were for that
    state (a theme change still clears them).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    _drawn_with: dict[object, tuple[object, ...]]
    _restyled: bool = True
    _laid_out: (
        LRUCache[
            tuple[RowKey, ColumnKey, int],
            tuple[object, list[Segment], dict[tuple[object, ...], SegmentLines]],
        ]
        | None
    ) = None

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """Draw one cell as Textual does, laying out a one-line cell's text only once."""
        if row_index < self.fixed_rows or column_index < self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        if self.rows[row_key].height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        laid_out, styled = self._laid_out_cell(row_index, row_key, column_index, column_key, width)
        css_foreground = self.cursor_foreground_priority == "css"
        css_background = self.cursor_background_priority == "css"
        look = (
            row_index,
            column_index,
            base_style,
            cursor,
            hover,
            self.show_cursor,
            self._show_hover_cursor,
            css_foreground,
            css_background,
            self._pseudo_class_state,
        )
        lines = styled.get(look)
        if lines is None:
            component_style, post_style = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                css_foreground,
                css_background,
            )
            pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index})
            segments = Segment.apply_style(laid_out, pre_style + component_style, post_style)
            lines = list(
                islice(
                    Segment.split_and_crop_lines(
                        segments, width, include_new_lines=False, pad=True
                    ),
                    None,
                    1,
                )
            ) or [[Segment(" " * width)]]
            if len(styled) >= STYLED_KEPT:
                styled.clear()
            styled[look] = lines
        self._cell_render_cache[cache_key] = lines
        return lines

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[SegmentLines, SegmentLines]:
        """Textual's line of a row, computing only what a table without labels uses.

        Without row labels or fixed columns, the header and fixed styles are
        never drawn, and the zebra style is kept per kind of row until the styles change.
        """
        if self.fixed_columns or (self._labelled_row_exists and self.show_row_labels):
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        cursor_type = self.cursor_type
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            cursor_type,
            self.show_cursor,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._row_render_cache.get(cache_key)
        if cached is not None:
            return cached
        row_locations = self._row_locations
        row_index = row_locations.get(row_key) if row_key in row_locations else -1
        assert row_index is not None
        row_style = self._row_style(row_index, base_style)
        should_highlight = self._should_highlight
        render_cell = self._render_cell
        scrollable_row: list[list[Segment]] = []
        table_width = self._row_label_column_width
        for column_index, column in enumerate(self.ordered_columns):
            width = column.get_render_width(self)
            table_width += width
            location = Coordinate(row_index, column_index)
            cell_lines = render_cell(
                row_index,
                column_index,
                row_style,
                width,
                cursor=should_highlight(cursor_location, location, cursor_type),
                hover=should_highlight(hover_location, location, cursor_type),
            )
            scrollable_row.append(cell_lines[line_no])
        remaining_space = max(0, self.size.width - table_width)
        scrollable_row.append(
            [
                Segment(
                    " " * remaining_space,
                    self._extend_style(row_index, row_style, cursor_location, hover_location),
                )
            ]
        )
        row_pair: tuple[SegmentLines, SegmentLines] = ([], scrollable_row)
        self._row_render_cache[cache_key] = row_pair
        return row_pair

    def _row_style(self, row_index: int, base_style: Style) -> Style:
        """Textual's ``_get_row_style``, kept per kind of row until the styles change."""
        kind = -1 if row_index == -1 else (row_index % 2 if self.zebra_stripes else 2)
        key = (kind, base_style, self._pseudo_class_state)
        styles = self.__dict__.setdefault("_row_styles", {})
        style = styles.get(key)
        if style is None:
            style = styles[key] = self._get_row_style(row_index, base_style)
        return style

    def _extend_style(
        self, row_index: int, row_style: Style, cursor: Coordinate, hover: Coordinate
    ) -> Style:
        """The style of the blank right of the last column (as Textual draws it)."""
        cursor_type = self.cursor_type
        if cursor_type == "row":
            extend_style, _ = self._get_styles_to_render_cell(
                row_index == -1,
                False,
                False,
                self._should_highlight(hover, Coordinate(row_index or 0, 0), cursor_type),
                row_index == cursor.row,
                self.show_cursor,
                self._show_hover_cursor,
                False,
                False,
            )
            extend_style = row_style + extend_style
        elif row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(
                self.background_colors[1], factor=0.25
            )
            extend_style = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend_style = Style.from_color(row_style.color, row_style.bgcolor)
        return extend_style + Style.from_meta(
            {"row": row_index, "column": 0, "out_of_bounds": True}
        )

    def _laid_out_cell(
        self, row_index: int, row_key: RowKey, column_index: int, column_key: ColumnKey, width: int
    ) -> tuple[list[Segment], dict[tuple[object, ...], SegmentLines]]:
        """A one-line cell's unstyled segments at ``width``, and its styled lines drawn so far.

        Both are kept while the cell's value is equal (and the styles unchanged);
        the styled lines are keyed by everything else that changes them (the row's
        place, which its mouse metadata names, the cursor, hover and focus).
        """
        if self._laid_out is None:
            self._laid_out = LRUCache(4000)
        value = self._data[row_key][column_key]
        key = (row_key, column_key, width)
        kept = self._laid_out.get(key)
        if kept is not None and type(kept[0]) is type(value) and kept[0] == value:
            return kept[1], kept[2]
        cell = self._get_row_renderables(row_index).cells[column_index]
        if isinstance(cell, Text) and cell.overflow is None:
            # A cell the program wrote ("in progress", a date) ends in "…" when cut, as
            # user text does (safe_text.cell); Textual's default would crop it mid-word.
            cell = cell.copy()
            cell.overflow, cell.no_wrap = "ellipsis", True
        if isinstance(cell, Text) and len(cell) > (room := SHOWN_CHARACTERS * width + 16):
            # One line of ``width`` columns shows no more of it, and Rich goes through
            # the whole text to lay it out (4 ms for a long note): cut it first.
            cell = cell.copy()
            cell.right_crop(len(cell) - room)
        options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
        segments = list(self.app.console.render(Padding(cell, (0, self.cell_padding)), options))
        styled: dict[tuple[object, ...], SegmentLines] = {}
        self._laid_out[key] = (value, segments, styled)
        return segments, styled

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Textual's sizing, without measuring cells whose column has a fixed width.

        Rows with a label or an automatic height are still measured.
        """
        if not any(column.auto_width for column in self.columns.values()):
            rows = self.rows
            new_rows = [
                key
                for key in new_rows
                if (row := rows.get(key)) is not None and (row.label is not None or row.auto_height)
            ]
        super()._update_dimensions(new_rows)

    def notify_style_update(self) -> None:
        """Repaint; whether the drawn cells are still right is decided when drawing."""
        Widget.notify_style_update(self)  # the widget's own style caches
        self.__dict__.pop("_row_styles", None)
        self._get_styles_to_render_cell.cache_clear()  # computed for the focus state
        self._restyled = True
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Forget drawn cells first if the styles they were drawn with changed."""
        if self._restyled:
            self._restyled = False
            drawn_with = self.__dict__.setdefault("_drawn_with", {})
            state = self.get_pseudo_class_state()
            styles = self._cell_styles()
            if drawn_with.get(state, styles) != styles:
                drawn_with.clear()
                self._forget_drawn_cells()
            drawn_with[state] = styles
        return super().render_lines(crop)

    def _forget_drawn_cells(self) -> None:
        """What Textual's DataTable forgets on every style update."""
        self._row_render_cache.clear()
        self._cell_render_cache.clear()
        self._row_renderable_cache.clear()
        self._line_cache.clear()
        self._styles_cache.clear()
        self._get_styles_to_render_cell.cache_clear()
        if self._laid_out is not None:
            self._laid_out.clear()

    def _cell_styles(self) -> tuple[object, ...]:
        """Every style a cell is drawn with, for the current focus state."""
        get = self.get_component_rich_style
        components = tuple(get(name) for name in sorted(self.COMPONENT_CLASSES))
        return (self.rich_style, self.background_colors, components)

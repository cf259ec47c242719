"""SelectionLists whose ticked and unticked boxes differ by symbol, not only by colour."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "✓"
"""The box of a ticked option."""

UNTICKED = " "
"""The box of an unticked option (empty, whatever the theme's colours)."""


class TickList(SelectionList[Any]):
    """Textual's SelectionList, drawing ``✓`` in ticked boxes and nothing in the others."""

    def render_line(self, y: int) -> Strip:
        """Draw the line as SelectionList does, then put the right symbol in the box."""
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        style = segments[1].style
        index = style.meta.get("option") if style is not None else None
        if index is None:
            return strip
        try:
            ticked = self.get_option_at_index(index).value in self._selected
        except Exception:  # an index the list no longer has: leave the line as drawn
            return strip
        segments[1] = Segment(TICKED if ticked else UNTICKED, style)
        return Strip(segments, strip.cell_length)


class WrapTickList(TickList):
    """A :class:`TickList` whose long options wrap onto more lines instead of being cut.

    Textual's SelectionList draws a box on every line, assuming one line per
    option; here the box goes on an option's first line only, and its other
    lines are indented to line up under the text.
    """

    DEFAULT_CSS = """
    WrapTickList { text-wrap: wrap; text-overflow: fold; }
    """

    def render_line(self, y: int) -> Strip:
        """Draw the option's text line, with the box on its first line only."""
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
            option = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        if offset:
            return Strip([Segment(" " * self._get_left_gutter_width(), underlying), *line])
        ticked = option.value in self._selected
        component = "selection-list--button" + ("-selected" if ticked else "")
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        button += Style(meta={"option": index})
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side),
                Segment(TICKED if ticked else UNTICKED, button),
                Segment(ToggleButton.BUTTON_RIGHT, side),
                Segment(" ", underlying),
                *line,
            ]
        )

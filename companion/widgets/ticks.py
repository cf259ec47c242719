"""A SelectionList whose ticked and unticked boxes differ by symbol, not only by colour."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton

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

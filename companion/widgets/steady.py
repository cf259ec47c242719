"""Scrolling widgets whose content growing or shrinking repaints them, not the whole screen.

A Textual ``ScrollView`` (``DataTable``, ``Input``) marks the whole screen for a
new layout whenever its virtual size changes: every row added to a table, every
character typed into an input. When the widget's own size is set by the
stylesheet (not ``auto``), nothing else on the screen can move because of it,
so :class:`SteadyScroll` repaints the widget and updates its scrollbars
instead (a scrollbar appearing or going still lays the screen out again, as
Textual's own scrollbar reactive asks). At ten years a glossary keystroke laid
the screen out three times (``benchmarks/keystrokes.py``).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.widgets import Input


class SteadyScroll(ScrollView):
    """A scroll view that repaints, rather than re-lays out the screen, when its content resizes.

    Name it after the Textual widget in a class's bases (``class T(DataTable, SteadyScroll)``):
    Textual takes a widget's default CSS and component classes from its first base.
    """

    _virtual_size_only = False

    def _watch_virtual_size(self) -> None:
        """Note that the layout asked for next is only for the new virtual size, if it is."""
        self._virtual_size_only = (
            self.is_mounted and bool(self.size) and not self.styles.auto_dimensions
        )

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> SteadyScroll:
        """Refresh; a layout asked for by a new virtual size alone becomes a repaint."""
        if self._virtual_size_only:
            self._virtual_size_only = False
            if layout and not recompose:
                self._scroll_update(self.virtual_size)  # scrollbars: thumbs, shown or hidden
                layout = False
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self


class SteadyInput(Input, SteadyScroll):
    """An ``Input`` whose typing repaints the input only (a search box beside a large table)."""

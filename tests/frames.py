"""The app's frames replayed as the terminal shows them, for tests of what a first frame holds.

Every update the app hands to the terminal driver (``App._display``, as
``benchmarks/paints.py`` times them) is written onto a grid of characters, so
a test sees each frame exactly as the terminal showed it, not the screen as it
stands once the app has settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._compositor import ChopsUpdate, LayoutUpdate

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.screen import Screen
    from textual.strip import Strip


class Frames:
    """What the terminal shows, frame by frame: every update the app paints, replayed."""

    def __init__(self, app: App[Any]) -> None:
        """Replay ``app``'s frames from now on (its ``_display``, called once per frame)."""
        width, height = app.size
        self.rows = [[" "] * width for _ in range(height)]
        self.painted: list[tuple[Screen[Any], tuple[str, str]]] = []
        """For each frame: the screen in front and the terminal's title and key bar after it."""
        self.texts: list[tuple[Screen[Any], str]] = []
        """For each frame: the screen in front and the terminal's whole text after it."""
        display = app._display

        def replayed(screen: Screen[Any], renderable: RenderableType | None) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:  # what _display writes
                self.apply(renderable)
                self.painted.append((screen, self.edges))
                self.texts.append((screen, "\n".join("".join(row) for row in self.rows)))

        app._display = replayed  # type: ignore[method-assign]

    @property
    def edges(self) -> tuple[str, str]:
        """The terminal's first and last lines as they stand (the title and the key bar)."""
        return "".join(self.rows[0]), "".join(self.rows[-1])

    def put(self, x: int, y: int, strip: Strip) -> None:
        """Write ``strip``'s text at column ``x`` of line ``y``."""
        row = self.rows[y]
        for char in strip.text:
            if 0 <= x < len(row):
                row[x] = char
            x += 1

    def apply(self, update: RenderableType) -> None:
        """Write a full (layout) or partial (chops) update onto the grid."""
        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    self.put(x, y, strip)
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate):
            for y, start, end in update.spans:
                for x, strip in update.chops[y].items():
                    if strip is not None and start <= x < end:
                        self.put(x, y, strip)

    def first(self, kind: str) -> tuple[str, str] | None:
        """The title and key bar at the first frame that showed a screen of class ``kind``."""
        shown = (edges for screen, edges in self.painted if type(screen).__name__ == kind)
        return next(shown, None)

    def first_text(self, kind: str) -> str | None:
        """The terminal's whole text at the first frame that showed a screen of class ``kind``."""
        shown = (text for screen, text in self.texts if type(screen).__name__ == kind)
        return next(shown, None)

"""A workaround for a Textual slowdown: the whole screen laid out twice in many frames.

Textual (8.2.x) marks a screen's map of every widget stale when a widget out
of view asks to be drawn again (``Compositor.update_widgets``), which any
widget being mounted off screen does. The frame's layout (``Compositor.reflow``)
then arranges every widget afresh, but leaves the mark, so the first look at
where an off-screen widget is (``Widget.region``, ``Widget.size``) arranges
them all a second time. While a long lesson is built below the view that was
most frames: 36 of 41 frames arranged twice.

:func:`install` clears the mark once ``reflow`` has made the map it stands
for (the same arrangement, of the same root at the same size, that the look
would make), as Textual does after a look. ``tests/test_compositor_fix.py``
holds Textual's behaviour to that, so when a release clears it itself this
module can go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual._compositor import Compositor

if TYPE_CHECKING:
    from textual._compositor import ReflowResult
    from textual.geometry import Size
    from textual.widget import Widget

__all__ = ["install", "installed"]

_textual_own = Compositor.__dict__["reflow"]
"""Textual's method, as it was before :func:`install` (for tests and benchmarks)."""


def _reflow(self: Compositor, parent: Widget, size: Size) -> ReflowResult:
    """``Compositor.reflow``, leaving the full map marked fresh: it has just been made."""
    result: ReflowResult = _textual_own(self, parent, size)
    self._full_map_invalidated = False
    return result


def installed() -> bool:
    """Whether :func:`install` has replaced Textual's method."""
    return Compositor.reflow is _reflow  # type: ignore[comparison-overlap]


def install() -> None:
    """Replace Textual's method (once; later calls do nothing)."""
    if not installed():
        Compositor.reflow = _reflow  # type: ignore[method-assign]

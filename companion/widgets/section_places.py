"""Where a lesson view's sections are: their heights, the spacers, what is near the viewport.

The part of :class:`~companion.widgets.lesson_view.LessonView` that measures:
each section has a height (estimated until it is built and laid out, then
measured and held), the sections not built are two spacers of the heights
they stand for, and the window of sections near the viewport is what gets
built. Sections out of view are shown whole and drawn ahead.
"""

from __future__ import annotations

import asyncio

from textual.containers import VerticalScroll

from companion.curriculum.sections import Section
from companion.widgets.lesson_parts import Body, Spacer
from companion.widgets.section_markdown import SectionMarkdown

NEAR = 1.0
"""Sections within this many viewport heights below the visible part are built."""

NEAR_ABOVE = 0.5
"""...and within this many above it (reading goes down: PageDown must find text built).

Every frame that mounts blocks lays out all the built ones, so each section built
and not needed makes the frames a key waits behind longer."""

HOLD_TRIES = 30
"""Frames a built section is measured again while the layout has not caught up with it."""


class SectionPlaces(VerticalScroll):
    """A scrolling view of sections, some built: their places, heights and spacers."""

    def __init__(self, *, id: str | None = None) -> None:
        """No sections yet."""
        super().__init__(id=id)
        self.sections: list[Section] = []
        self.heights: list[int] = []
        self.built: dict[int, SectionMarkdown] = {}
        self._wanted = asyncio.Event()
        """Set when the sections near the viewport should be looked at again."""
        self._top = Spacer()
        self._bottom = Spacer()
        self._body = Body()

    @property
    def _following_end(self) -> bool:
        # Anchored by End and not scrolled away since (Textual releases the anchor then).
        return self.is_anchored and not self._anchor_released

    def _in_view(self, index: int) -> bool:
        """Whether section ``index`` (at its known or estimated place) is in the visible part.

        Before the view is first laid out (a lesson shown as its screen mounts) its
        height is taken to be the terminal's: the opening is in view, and is built
        shown, so its first blocks are in the screen's first frame.
        """
        top = self._offsets()[index]
        height = self.size.height or self.app.size.height
        return top < self.scroll_y + height and top + self.heights[index] > self.scroll_y

    def _show_ready(self) -> None:
        """Show the hidden sections that are whole, or that have come into view meanwhile.

        A whole section is shown at its own measure and held there, and the view
        scrolls by what it adds above the visible part, all before the next frame:
        the text being read never moves.
        """
        shift = 0
        for index, widget in self.built.items():
            if widget.display or not (widget.finished or self._in_view(index)):
                continue
            if widget.finished:
                width = self._body.size.width
                height = widget.natural_height(self._body.size, self.app.size, width)
                widget.hold_height(height, width)
                if self._offsets()[index] + self.heights[index] <= self.scroll_y:
                    shift += height - self.heights[index]
                self.heights[index] = height
            widget.display = True
        self._size_spacers()
        if shift and not self._following_end:
            self.scroll_to(
                y=self.scroll_y + shift, animate=False, immediate=True, release_anchor=False
            )

    def _size_spacers(self) -> None:
        # A hidden section (being built, at one end of the run) counts as a spacer.
        built = [index for index in sorted(self.built) if self.built[index].display]
        first, last = (built[0], built[-1]) if built else (len(self.heights), -1)
        self._top.styles.height = sum(self.heights[:first])
        self._bottom.styles.height = sum(self.heights[last + 1 :])

    def _offsets(self) -> list[int]:
        offsets, y = [], 0
        for height in self.heights:
            offsets.append(y)
            y += height
        return offsets

    def _window(self) -> range:
        """The sections within NEAR_ABOVE / NEAR viewport heights above / below the visible part."""
        height = max(self.size.height, 1)
        top = self.scroll_y - NEAR_ABOVE * height
        bottom = self.scroll_y + (NEAR + 1) * height
        near = [
            index
            for index, (y, h) in enumerate(zip(self._offsets(), self.heights, strict=True))
            if y < bottom and y + h > top
        ]
        return range(near[0], near[-1] + 1) if near else range(0)

    def _draw_ahead(self) -> bool:
        """Draw a little of a built section out of view (below first); False if none is left.

        The frame that scrolls a section into view then only copies its lines.
        """
        top, bottom = self.scroll_y, self.scroll_y + self.size.height
        offsets = self._offsets()
        below = [i for i in sorted(self.built) if offsets[i] >= bottom]
        above = [i for i in sorted(self.built, reverse=True) if offsets[i] + self.heights[i] <= top]
        for index in below + above:
            widget = self.built[index]
            width = widget.outer_size.width
            if widget.held_width == width and widget.drawn_width != width:  # whole and still
                widget.draw_ahead()
                return True
        return False

    def _measure(self) -> None:
        """Record the real height of built sections; keep the visible text where it was."""
        offsets = self._offsets()
        shift = 0
        for index, widget in self.built.items():
            height = widget.outer_size.height
            if not widget.finished:
                continue  # it says when it is (SectionMarkdown.Finished)
            if not widget.is_mounted or not height:  # not laid out yet: after the next layout
                self._look_again(widget)
                continue
            self._hold_height(widget, height)
            if height == self.heights[index]:
                continue
            if offsets[index] + self.heights[index] <= self.scroll_y:
                shift += height - self.heights[index]
            self.heights[index] = height
        if shift and not self._following_end:
            self._size_spacers()
            self.scroll_to(
                y=self.scroll_y + shift, animate=False, immediate=True, release_anchor=False
            )

    def _hold_height(self, widget: SectionMarkdown, height: int) -> None:
        """Give a whole section its measured height, so laying it out again is nearly free.

        Every frame that mounts blocks lays out the whole screen, and a section of
        automatic height is measured again each time, all its blocks with it; a
        fixed height is taken as it is. The height is only fixed when the layout's
        agrees with the section's own measure (a layout not yet caught up is
        skipped), and is let go when the width changes.
        """
        width = widget.size.width
        if widget.held_width == width:
            return
        if widget.held_width:  # the width changed: measure afresh at the new one
            widget.release_height()
            self._wanted.set()  # held again after the next layout
            return
        if widget.natural_height(self._body.size, self.app.size, width) == height:
            widget.hold_height(height, width)
        else:  # the layout has not caught up with the section yet
            self._look_again(widget)

    def _look_again(self, widget: SectionMarkdown) -> None:
        """Measure ``widget`` again after the next layout (a bounded number of times)."""
        if widget.hold_tries < HOLD_TRIES:
            widget.hold_tries += 1
            self._wanted.set()

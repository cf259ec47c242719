"""A fast lesson view: the document parsed once, its sections rendered as they come into view.

Textual's ``MarkdownViewer`` builds every block of a document before its first
frame, and each block it adds makes the next layout slower. Here the body is
parsed once (:func:`~companion.curriculum.sections.split_sections`) and each
section gets a slot: an empty ``Markdown`` widget with an estimated height.
The slots near the viewport are filled first, then the rest one at a time,
each fill yielding to the event loop so a key press is never kept waiting
behind the document. Filling a slot above the viewport keeps the text the
reader is looking at where it is.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown

from companion.curriculum.sections import Section, normalise, split_sections

if TYPE_CHECKING:
    from textual import events

__all__ = ["LessonView", "Section", "SectionMarkdown", "split_sections"]

NEAR = 2.0
"""How many viewport heights above and below the visible part are filled first."""


def estimate_height(section: Section, width: int) -> int:
    """Guess the rendered height of ``section`` at ``width`` columns, before it is built."""
    width = max(width - 4, 20)
    rows = 0
    for line in section.source.split("\n"):
        rows += max(1, -(-len(line) // width))
    return rows + 1


class SectionMarkdown(Markdown):
    """One section of a lesson: Textual's Markdown widget fed pre-parsed tokens.

    It starts empty at an estimated height; :meth:`fill` builds its blocks from
    the tokens the whole document was parsed into, so nothing is parsed twice.
    """

    DEFAULT_CSS = """
    SectionMarkdown { margin: 0; padding: 0; }
    """

    def __init__(self, section: Section, document: str, *, id: str | None = None) -> None:
        """A slot for ``section`` of ``document`` (the normalised body, for block sources)."""
        super().__init__(None, id=id, open_links=False)
        self.section = section
        self._markdown = document
        self.filled = False

    async def _on_mount(self, event: events.Mount) -> None:
        # Markdown's own handler would parse an empty document; the tokens come in fill().
        event.prevent_default()

    async def fill(self) -> None:
        """Build and mount this section's blocks (once)."""
        if self.filled:
            return
        self.filled = True
        blocks = list(self._parse_markdown(self.section.tokens))
        with self.app.batch_update():
            await self.mount_all(blocks)
            self.styles.height = "auto"


class LessonView(VerticalScroll, can_focus=True):
    """Shows a lesson body section by section; reports link clicks upwards."""

    DEFAULT_CSS = """
    LessonView { padding: 0 1; }
    """

    class LinkClicked(Message):
        """A link in the lesson was clicked."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, *, id: str | None = None) -> None:
        """An empty view; call :meth:`show`."""
        super().__init__(id=id)
        self.sections: list[Section] = []
        self.slots: list[SectionMarkdown] = []
        self._generation = 0

    @property
    def complete(self) -> bool:
        """Whether every section of the current lesson is built."""
        return all(slot.filled and slot.is_mounted for slot in self.slots)

    def show(self, body: str) -> None:
        """Replace the content with ``body``: the first section now, the rest as they are needed."""
        self._generation += 1
        generation = self._generation
        self.sections = split_sections(body)
        document = normalise(body)
        width = self.size.width or self.app.size.width
        self.slots = [
            SectionMarkdown(section, document, id=f"section-{generation}-{index}")
            for index, section in enumerate(self.sections)
        ]
        for slot in self.slots:
            slot.styles.height = estimate_height(slot.section, width)
        self.remove_children()
        self.scroll_home(animate=False)
        if self.slots:
            self.mount_all(self.slots)
            self.run_worker(self._fill_all(generation), group="fill", exclusive=True)

    def _next_slot(self) -> SectionMarkdown | None:
        """The unfilled slot to build next: near the viewport first, then in order."""
        top = self.scroll_y - NEAR * self.size.height
        bottom = self.scroll_y + (NEAR + 1) * self.size.height
        near: SectionMarkdown | None = None
        for slot in self.slots:
            if slot.filled:
                continue
            region = slot.virtual_region
            if region.y < bottom and region.bottom > top:
                if region.bottom > self.scroll_y:  # visible or below: the reader goes there
                    return slot
                near = near or slot
        if near is not None:
            return near
        return next((slot for slot in self.slots if not slot.filled), None)

    async def _fill_all(self, generation: int) -> None:
        """Fill every slot, nearest the viewport first, yielding between each."""
        await self.slots[0].fill()
        while generation == self._generation:
            await self._next_frame()
            slot = self._next_slot()
            if slot is None or generation != self._generation:
                return
            above = slot.virtual_region.bottom <= self.scroll_y
            before = slot.outer_size.height
            await slot.fill()
            if above:
                await self._next_frame()
                self.scroll_to(
                    y=self.scroll_y + slot.outer_size.height - before,
                    animate=False,
                    immediate=True,
                )

    async def _next_frame(self) -> None:
        """Wait until the screen has been laid out and drawn (key presses are handled meanwhile)."""
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        await drawn.wait()

    def go_to_section(self, index: int) -> None:
        """Scroll so section ``index`` is at the top (it and its neighbours are built first)."""
        if 0 <= index < len(self.slots):
            self.scroll_to_widget(self.slots[index], top=True, animate=False, immediate=True)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Pass a clicked link up to the screen."""
        event.stop()
        self.post_message(self.LinkClicked(event.href))

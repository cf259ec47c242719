"""A fast lesson view: the document parsed once, only the sections near the viewport built.

Textual's ``MarkdownViewer`` builds every block of a document, and every frame
of a screen holding thousands of blocks is slow, so key presses wait. Here the
body is parsed once (:mod:`companion.curriculum.sections`, in steps for a long
document). Only the sections within a couple of screens of the viewport are
built, one ``Markdown`` widget each, one at a time; the rest
are two blank spacers of their estimated (or once measured) height, so a
document of any length costs the same per frame and a key press is never kept
waiting behind it. Building a section above the viewport keeps the text the
reader is looking at where it is.

A long document shows its opening at once from a quick parse of its first part
(with the whole document's link definitions), then the full parse replaces it,
keeping every section already built that it left unchanged. The full parse runs
on the event loop in steps of a few milliseconds (block level only; a section's
inline level is parsed when it is built), and a section is mounted a few blocks
per frame, so a key press never waits long behind either. A key press's
effect goes out in a frame of its own: no block is mounted in the frame after
a key (Textual lays out the whole screen in a frame that mounts anything).
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import Markdown

from companion.curriculum.sections import Parse, Section, normalise, split_sections
from companion.widgets.focus_styles import focus_reaches_inside
from companion.widgets.lesson_parts import estimate_height, link_definitions, preview
from companion.widgets.section_markdown import CHUNK, SectionMarkdown, chunks, warm_up
from companion.widgets.section_places import SectionPlaces

__all__ = [
    "CHUNK",
    "LessonView",
    "Section",
    "SectionMarkdown",
    "chunks",
    "split_sections",
    "warm_up",
]

LONG = 20_000
"""Bodies longer than this (characters) are parsed in steps, after a quick preview."""

STEP = 0.004
"""Seconds of parsing between two looks at the event loop."""

DROPPED = 40
"""Sections let go per frame when a view is cleared (freeing their tokens takes time)."""


class LessonView(SectionPlaces, can_focus=True):
    """Shows a lesson body, building the sections near the viewport; reports link clicks."""

    DEFAULT_CSS = """
    LessonView { padding: 0 1; scrollbar-gutter: stable; }
    """

    class LinkClicked(Message):
        """A link in the lesson was clicked."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    class SectionsChanged(Message):
        """The sections were replaced (a long document's full parse has arrived)."""

    def __init__(self, *, id: str | None = None) -> None:
        """An empty view; call :meth:`show`."""
        super().__init__(id=id)
        self.parsed = False
        self._document = ""
        self._generation = 0
        self._keyed = False

    def compose(self) -> ComposeResult:
        """The two spacers, in the body; sections go between them."""
        with self._body:
            yield self._top
            yield self._bottom

    def on_mount(self) -> None:
        """Build what comes into view whenever the view scrolls or changes size."""
        self.watch(self, "scroll_y", lambda: self._wanted.set(), init=False)

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the view itself when it gains or loses focus, not every block in it.

        Textual restyles a widget and all its descendants when its focus changes;
        with a few hundred built blocks that held the event loop 0.1-0.2 s on
        Escape. No stylesheet rule styles a block by its view's focus (checked,
        and Textual's way is kept if one ever does).
        """
        if focus_reaches_inside(self.app.stylesheet.rules, self._css_type_names):
            super().watch_has_focus(_has_focus)
        else:
            self.app.stylesheet.update_nodes([self], animate=True)

    def on_key(self, event: events.Key) -> None:
        """Note a key press (not handled here): its effect is drawn before more is built."""
        self._keyed = True

    async def after_keys(self) -> None:
        """Wait until the frames showing recent key presses are out (nothing to wait if none)."""
        while self._keyed:
            self._keyed = False
            await self._next_frame()

    def on_resize(self) -> None:
        """A new size may bring other sections into view."""
        self._wanted.set()

    def action_scroll_end(self) -> None:
        """End: go to the end and stay there while the sections near it are built."""
        self.anchor()

    def action_scroll_home(self) -> None:
        """Home: to the top in the next frame.

        Textual glides there over several frames, and each section shown above
        the view on the way moves it by what it adds, so the glide ended short.
        """
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_page_down(self) -> None:
        """PageDown: one page down, in the next frame.

        Textual's own waits for a frame to pass before it starts to scroll, and
        then glides there over several frames; while a long document is being
        built the frame waited for can be one that lays out new blocks.
        """
        self._page(+1)

    def action_page_up(self) -> None:
        """PageUp: one page up, in the next frame (as PageDown)."""
        self._page(-1)

    def _page(self, direction: int) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        page = self.scrollable_content_region.height
        self.scroll_to(y=self.scroll_y + direction * page, animate=False, immediate=True)

    @property
    def complete(self) -> bool:
        """Whether the whole document is parsed and every section near the viewport built."""
        return self.parsed and all(
            index in self.built and self.built[index].finished for index in self._window()
        )

    @property
    def settled(self) -> bool:
        """Whether it is :attr:`complete` and every built section is shown and measured."""
        return self.complete and all(
            widget.display and widget.held_width == widget.size.width > 0
            for widget in self.built.values()
        )

    def show(self, body: str) -> AwaitMount | None:
        """Replace the content with ``body``; its opening is on screen by the next frame.

        Returns the mounting of the opening's first blocks (None when nothing new
        is built). A screen showing a lesson as it mounts awaits it, so that its
        very first frame has the opening words, not an empty view.
        """
        self._generation += 1
        generation = self._generation
        self.parsed = False
        self.anchor(False)
        self.scroll_home(animate=False, immediate=True)
        if len(body) > LONG:
            opening = self._place(split_sections(preview(body)), normalise(body))
            self.run_worker(self._parse_then_place(body, generation), group="parse", exclusive=True)
        else:
            opening = self._place(split_sections(body), normalise(body))
            self.parsed = True
        self.run_worker(self._keep_built(generation), group="build", exclusive=True)
        return opening

    async def _parse_then_place(self, body: str, generation: int) -> None:
        """Parse ``body`` a few milliseconds at a time, letting key presses through between.

        It starts after the preview's first frame is drawn, so never delays the first words.
        """
        await self._next_frame()
        if generation != self._generation:
            return
        # Preparing reads the whole text in one go (tens of milliseconds): in a thread,
        # which hands the interpreter back to the event loop every few milliseconds.
        parse = await asyncio.to_thread(Parse, body)
        if generation != self._generation:
            return
        while not parse.step(STEP):
            await asyncio.sleep(0)
            if generation != self._generation:
                return
        if generation == self._generation:
            self._place(parse.sections(), parse.text)
            self.parsed = True
            self.post_message(self.SectionsChanged())

    def _kept(self, sections: list[Section]) -> dict[int, SectionMarkdown]:
        """The built sections that ``sections`` leave unchanged (same text, same links)."""
        kept: dict[int, SectionMarkdown] = {}
        for index in sorted(self.built):
            widget = self.built[index]
            if (
                index < len(sections)
                and sections[index].source == widget.section.source
                and link_definitions(sections[index]) == link_definitions(widget.section)
                and (not kept or index - 1 in kept)
            ):
                kept[index] = widget
        return kept

    def _place(self, sections: list[Section], document: str) -> AwaitMount | None:
        """Take ``sections`` as the document: keep what is built and unchanged, build the first.

        Returns the mounting of the first section when it is built anew.
        """
        width = self.size.width or self.app.size.width
        kept = self._kept(sections)
        dropped = [widget for index, widget in self.built.items() if index not in kept]
        heights = {index: self.heights[index] for index in kept}
        self.sections, self._document, self.built = sections, document, kept
        self.heights = [
            heights.get(index, estimate_height(section, width))
            for index, section in enumerate(sections)
        ]
        for index, widget in kept.items():
            widget.section, widget._markdown = sections[index], document
        opening = None
        with self.app.batch_update():
            for widget in dropped:
                widget.remove()
            if sections and not kept:
                opening = self._build(0)
            self._size_spacers()
        self._wanted.set()
        return opening

    def _build(self, index: int) -> AwaitMount:
        """Mount section ``index`` in its place between the spacers; return the mounting."""
        widget = SectionMarkdown(self.sections[index], self._document, index)
        widget.wait_turn = self.after_keys
        # Out of view it is built hidden: a hidden section is not laid out, so the
        # frames that mount its blocks stay short. It is shown once whole.
        widget.display = self._in_view(index)
        after = [i for i in self.built if i > index]
        before = self.built[min(after)] if after else self._bottom
        self.built[index] = widget
        return self._body.mount(widget, before=before)

    def _next_to_build(self, window: range) -> int | None:
        """The section to build next: the one at the top of the view, then outwards."""
        if not self.built:
            offsets = self._offsets()
            visible = [i for i in window if offsets[i] + self.heights[i] > self.scroll_y]
            return visible[0] if visible else (window[0] if window else None)
        first, last = min(self.built), max(self.built)
        if last + 1 in window:
            return last + 1
        if first - 1 in window:
            return first - 1
        return None

    async def _keep_built(self, generation: int) -> None:
        """Build the sections near the viewport one per frame; drop those that left it.

        The built sections always form one run between the two spacers.
        """
        while generation == self._generation:
            await self._wanted.wait()
            self._wanted.clear()
            await self._next_frame()
            await self.after_keys()
            if generation != self._generation:
                return
            self._measure()
            window = self._window()
            for index in [i for i in self.built if i not in window]:
                self.built.pop(index).remove()
            self._show_ready()
            building = any(not widget.finished for widget in self.built.values())
            index = None if building else self._next_to_build(window)
            if index is not None:
                self._build(index)
                self._wanted.set()
            elif not building and self._draw_ahead():
                self._wanted.set()
            self._size_spacers()

    async def _next_frame(self) -> None:
        """Wait until the screen has been laid out (key presses are handled meanwhile)."""
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        await drawn.wait()

    def go_to_section(self, index: int) -> None:
        """Scroll so section ``index`` is at the top (it and its neighbours are built next)."""
        if 0 <= index < len(self.sections):
            self.anchor(False)
            self.scroll_to(y=self._offsets()[index], animate=False, immediate=True)

    def stop(self) -> None:
        """Stop parsing and building: the view is being left (its sections stay until cleared)."""
        self._generation += 1
        self.workers.cancel_node(self)
        for widget in self.built.values():
            widget.workers.cancel_node(widget)

    async def clear(self) -> None:
        """Remove the built sections one per frame (of the screen in front), keys going first.

        Removing a screen removes all its widgets in one go: a few hundred blocks
        held the event loop for a tenth of a second. Called on a screen already left.
        """
        self.stop()
        while self.built:
            await self.built.pop(max(self.built)).remove()
            await self._front_frame()
        # The parsed document (tens of thousands of tokens for a long one) hangs off
        # this view, which Textual's widget tree holds in reference cycles: left
        # there it waits for a full garbage collection, which then paused the app
        # 0.2-0.6 s at once. Dropped here, a few sections a frame, it is freed at once.
        self._document, self.heights = "", []
        while self.sections:
            del self.sections[-DROPPED:]
            await self._front_frame()

    async def _front_frame(self) -> None:
        """Wait for the next frame of the screen in front (this view's may be gone)."""
        drawn = asyncio.Event()
        self.app.screen.call_after_refresh(drawn.set)
        await drawn.wait()

    def on_section_markdown_finished(self, event: SectionMarkdown.Finished) -> None:
        """A section has all its blocks: measure it, and build the next one."""
        event.stop()
        self._wanted.set()

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Pass a clicked link up to the screen."""
        event.stop()
        self.post_message(self.LinkClicked(event.href))

"""One section of a lesson as Textual's Markdown widget, mounted a few blocks per frame.

Also the idle-time warm-up: Textual reads a widget class's styles the first
time one is mounted, then restyles the screen; mounting every kind of block
once, hidden, after start-up keeps that off the key press that opens a lesson.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Markdown

from companion.curriculum.sections import Section, normalise, split_sections, warm_links

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator

    from textual import events
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets._markdown import MarkdownBlock

CHUNK = 6
"""About this many widgets of a section are mounted per frame."""

DRAW_STEP = 0.003
"""Seconds of drawing ahead per frame (a widget's lines are never cut)."""


def _weight(block: MarkdownBlock) -> int:
    """The number of widgets a block brings (itself, its nested blocks, list bullets)."""
    return 1 + sum(_weight(child) + 1 for child in block._blocks)


def chunks(blocks: list[MarkdownBlock], size: int = CHUNK) -> list[list[MarkdownBlock]]:
    """Cut top-level ``blocks`` into runs of about ``size`` widgets (a block is never cut)."""
    runs: list[list[MarkdownBlock]] = []
    weight = size
    for block in blocks:
        if weight >= size:
            runs.append([])
            weight = 0
        runs[-1].append(block)
        weight += _weight(block)
    return runs


class SectionMarkdown(Markdown):
    """One section of a lesson: Textual's Markdown widget fed pre-parsed tokens.

    Its blocks are built from the tokens the whole document was parsed into,
    so nothing is parsed twice and references resolve across sections. The
    first few blocks come with the widget; the rest are mounted a few per frame
    (``finished`` says when all are there).
    """

    DEFAULT_CSS = """
    SectionMarkdown { margin: 0; padding: 0; }
    """

    class Finished(Message):
        """Every block of the section is mounted, and everything inside each."""

    def __init__(self, section: Section, document: str, index: int) -> None:
        """Section number ``index`` of ``document`` (the normalised body, for block sources)."""
        super().__init__(None, open_links=False)
        self.section = section
        self.index = index
        self._markdown = document
        self._blocks: Iterator[MarkdownBlock] = iter(())
        self._next: MarkdownBlock | None = None
        self.finished = False
        self.wait_turn: Callable[[], Awaitable[None]] | None = None
        """Awaited before each run of blocks is mounted (the view lets key presses go first)."""
        self.drawn_width = 0
        """The width the section was last drawn ahead at (0: not yet)."""
        self.held_width = 0
        """The width at which the view fixed the section's height (0: automatic height)."""
        self.hold_tries = 0
        """How often the view found the layout not yet caught up with the section."""
        self._to_draw: list[Widget] = []
        self._drawing_width = 0

    def compose(self) -> ComposeResult:
        """The section's first blocks (the others are made and mounted a few per frame)."""
        self._blocks = iter(self._parse_markdown(self.section.tokens))
        self._next = next(self._blocks, None)
        yield from self._take()

    def _take(self, size: int = CHUNK) -> list[MarkdownBlock]:
        """Make the next run of blocks, about ``size`` widgets (one block is made ahead).

        Textual's parser yields a block once it is whole, so only the blocks about
        to be mounted are made: making a widget costs about as much as mounting it.
        """
        run: list[MarkdownBlock] = []
        weight = 0
        while self._next is not None and weight < size:
            run.append(self._next)
            weight += _weight(self._next)
            self._next = next(self._blocks, None)
        return run

    def natural_height(self, container: Size, viewport: Size, width: int) -> int:
        """The section's height at ``width`` columns, blocks and gutter, from its own measure."""
        return self.get_content_height(container, viewport, width) + self.styles.gutter.height

    def hold_height(self, height: int, width: int) -> None:
        """Fix the section's height at ``height`` (measured at ``width``): no layout measures it."""
        self.styles.height, self.held_width = height, width

    def release_height(self) -> None:
        """Let the section's height follow its blocks again (the width changed)."""
        self.styles.height = None
        self.held_width = self.hold_tries = 0

    def draw_ahead(self, budget: float = DRAW_STEP) -> bool:
        """Draw the section's lines off screen for about ``budget`` seconds; True once all are.

        Textual keeps each widget's drawn lines until the widget changes; drawing
        a section out of view at idle time takes that work off the key press
        (PageDown, End) that brings it into view. A long section is drawn over
        several calls (one per frame), so a key press never waits behind it all
        (one section took up to 37 ms in one go); a new width starts it again.
        """
        width = self.outer_size.width
        if self._drawing_width != width:
            self._to_draw = list(self.walk_children(with_self=True))
            self._drawing_width = width
        deadline = time.perf_counter() + budget
        while self._to_draw:
            widget = self._to_draw.pop()
            widget_width, height = widget.outer_size
            if widget.display and widget_width and height:
                widget.render_lines(Region(0, 0, widget_width, height))
            if time.perf_counter() >= deadline:
                break
        if self._to_draw:
            return False
        self.drawn_width, self._drawing_width = width, 0
        return True

    async def _on_mount(self, event: events.Mount) -> None:
        # Markdown's own handler would parse an (empty) document: the blocks are composed.
        # Mount comes once the composed blocks and everything inside them are mounted:
        # only then can the section measure itself (a list whose items were still
        # being mounted measured one line, and was held at that, cut).
        event.prevent_default()
        if self._next is None:
            self._finish()
        else:
            self.run_worker(self._mount_rest(), group="blocks", exclusive=True)

    async def _mount_rest(self) -> None:
        while self._next is not None:
            drawn = asyncio.Event()
            self.call_after_refresh(drawn.set)
            await drawn.wait()
            if self.wait_turn is not None:
                await self.wait_turn()
            if not self.is_attached:
                return
            await self.mount_all(self._take())
        self._finish()

    def _finish(self) -> None:
        """Every block is mounted, with all it holds: say so."""
        self.finished = True
        self.post_message(self.Finished())


WARM_UP = """# One

## Two

### Three

#### Four

##### Five

###### Six

Text with *stress*, **strength**, `code` and [a link](https://example.com).

- a bullet
- another

1. first
2. second

> a quote

    indented code

```
a fence
```

| a | b |
|---|---|
| 1 | 2 |

---
"""
"""A little of every kind of block the lesson view builds."""


async def warm_up(screen: Screen[object]) -> None:
    """Mount hidden sections with every kind of block once, then remove them.

    Textual reads a widget class's styles the first time one is mounted, and
    then restyles the whole screen: done at idle time, the first lesson opened
    does not pay for it on the key press. The link finder's patterns are
    compiled first (:func:`~companion.curriculum.sections.warm_links`).
    """
    # In a thread: compiling patterns is pure Python, and the event loop gets the
    # interpreter back every few milliseconds meanwhile.
    await asyncio.to_thread(warm_links)
    document = normalise(WARM_UP)
    samples = [
        SectionMarkdown(section, document, index)
        for index, section in enumerate(split_sections(WARM_UP))
    ]
    for sample in samples:
        sample.display = False
    await screen.mount_all(samples)
    for _ in range(50):
        if all(sample.finished for sample in samples):
            break
        await asyncio.sleep(0.02)
    for sample in samples:
        if sample.is_attached:
            await sample.remove()

"""A fast lesson view: the Markdown split into sections, the first shown at once.

Textual's ``MarkdownViewer`` builds every block of a document before the first
frame (about a thousand widgets for a long lesson). Here the body is cut at its
second-level headings; the first section is mounted straight away so its text
is on screen quickly, and the others are mounted one after another once that
frame is drawn. Each section is one of Textual's own ``Markdown`` widgets, so
headings, lists, tables, code and links render as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown


@dataclass(frozen=True)
class Section:
    """A part of a lesson: its heading (empty for the opening text) and its Markdown."""

    title: str
    markdown: str


def split_sections(body: str) -> list[Section]:
    """Cut ``body`` before each second-level heading (parsed, so code blocks are safe)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    lines = body.splitlines()
    starts: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            starts.append((token.map[0], tokens[index + 1].content))
        elif token.type == "fence" and token.map and not token.info.strip():
            # A fence without a language makes Textual guess one, which costs
            # about half a second; lessons' code blocks are plain text.
            first = token.map[0]
            lines[first] = lines[first].rstrip() + "text"
    sections: list[Section] = []
    first = starts[0][0] if starts else len(lines)
    opening = "\n".join(lines[:first]).strip()
    if opening:
        sections.append(Section("", opening))
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        sections.append(Section(title, "\n".join(lines[start:end]).strip()))
    return sections


class LessonView(VerticalScroll, can_focus=True):
    """Shows a lesson body section by section; reports link clicks upwards."""

    DEFAULT_CSS = """
    LessonView { padding: 0 1; }
    LessonView > Markdown { margin: 0; padding: 0; }
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
        self._generation = 0
        self._mounted = 0

    def show(self, body: str) -> None:
        """Replace the content with ``body``: first section now, the rest after the frame."""
        self._generation += 1
        self._mounted = 0
        self.sections = split_sections(body)
        self.remove_children()
        self.scroll_home(animate=False)
        self._mount_next(self._generation)

    def _section_id(self, index: int) -> str:
        return f"section-{self._generation}-{index}"

    def _mount_next(self, generation: int) -> None:
        if generation != self._generation or self._mounted >= len(self.sections):
            return
        index = self._mounted
        self._mounted += 1
        self.mount(
            Markdown(self.sections[index].markdown, id=self._section_id(index), open_links=False)
        )
        self.call_after_refresh(self._mount_next, generation)

    def go_to_section(self, index: int) -> None:
        """Scroll so section ``index`` is at the top (mounting any sections before it)."""
        while self._mounted <= index < len(self.sections):
            self._mount_next(self._generation)
        if 0 <= index < len(self.sections):
            target = self.query_one(f"#{self._section_id(index)}")
            self.call_after_refresh(self.scroll_to_widget, target, top=True, animate=False)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Pass a clicked link up to the screen."""
        event.stop()
        self.post_message(self.LinkClicked(event.href))

"""Moving between lessons in the reader: the lessons opened, in order, and a lesson's links.

No user interface here: the reader shows what these return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from markdown_it.token import Token

    from companion.curriculum.sections import Section


@dataclass
class LessonHistory:
    """The lessons opened, oldest first, whatever opened them (a link, the curriculum, Ctrl+P).

    Like a browser's history: "Previous lesson" goes back one, "Next lesson"
    forward again, and opening a lesson drops what was ahead of the current one.
    One history is shared by every reader the app opens.
    """

    visited: list[str] = field(default_factory=list)
    position: int = -1

    @property
    def current(self) -> str | None:
        """The lesson the history is at, or None before any was opened."""
        return self.visited[self.position] if self.visited else None

    def open(self, lesson_id: str) -> None:
        """Record that ``lesson_id`` was opened (again opening the current one changes nothing)."""
        if lesson_id == self.current:
            return
        del self.visited[self.position + 1 :]
        self.visited.append(lesson_id)
        self.position = len(self.visited) - 1

    def step(self, step: int) -> str | None:
        """Move back (-1) or forward (1); return the lesson there, or None at either end."""
        target = self.position + step
        if not self.visited or not 0 <= target < len(self.visited):
            return None
        self.position = target
        return self.visited[target]


@dataclass(frozen=True)
class Link:
    """A link in a lesson: the text it shows and where it goes."""

    text: str
    href: str


def _inline_links(children: Iterable[Token]) -> Iterable[Link]:
    href: str | None = None
    words: list[str] = []
    for child in children:
        if child.type == "link_open":
            href, words = str(child.attrs.get("href", "")), []
        elif child.type == "link_close" and href is not None:
            yield Link(" ".join("".join(words).split()) or href, href)
            href = None
        elif href is not None and child.type in ("text", "code_inline", "softbreak"):
            words.append(" " if child.type == "softbreak" else child.content)


def lesson_links(sections: Iterable[Section]) -> list[Link]:
    """Return the links of a parsed lesson in reading order, each href once."""
    found: dict[str, Link] = {}
    for section in sections:
        for token in section.tokens:
            if token.type == "inline" and token.children:
                for link in _inline_links(token.children):
                    found.setdefault(link.href, link)
    return list(found.values())

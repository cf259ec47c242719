"""User text on screen, literally: never parsed as markup, never sent raw to the terminal.

Every name, note, term, goal, heading or imported field goes through
:func:`literal` before it reaches a widget. Textual parses a plain ``str`` given
to ``Static``, ``Label``, ``Option``, ``DataTable`` cells, tree labels and
``notify`` as markup, so ``a[start:stop:step]`` loses its brackets and
``[/tmp]`` raises ``MarkupError``; a :class:`~textual.content.Content` is shown
as it is. Control characters are replaced by visible symbols first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.text import Text as RichText
from textual.content import Content

from companion.formatting import visible

V = TypeVar("V")


def literal(text: object, *, keep_lines: bool = True, style: str = "") -> Content:
    r"""Return ``text`` (anything; ``str()`` is taken) as Content shown exactly as typed.

    Square brackets stay brackets, ``$variables`` stay text, and control
    characters (``\\x1b``, ``\\x07``, OSC/CSI sequences, C1 controls) become
    visible symbols such as ``␛``. With ``keep_lines=False`` newlines and tabs
    become symbols too, for one-line places such as table cells and titles.
    ``style`` (a Textual style such as ``"bold"``) applies to the whole text.
    """
    content = Content(visible(str(text), keep_lines=keep_lines))
    return content.stylize(style) if style else content


def plain_line(text: object) -> str:
    """Return ``text`` as one line of plain characters, for places that only take ``str``.

    For a screen title or sub-title (which Textual shows literally) and for
    ``notify(..., markup=False)``: control characters become visible symbols.
    """
    return visible(str(text), keep_lines=False)


def cell(text: object) -> RichText:
    """Return ``text`` as one line of rich Text, for ``DataTable`` cells.

    A ``DataTable`` parses a ``str`` cell as markup and sizes its columns by
    measuring rich renderables, so its cells take this rather than :func:`literal`.
    """
    return RichText(visible(str(text), keep_lines=False), end="", overflow="ellipsis", no_wrap=True)


def choices(options: Iterable[tuple[object, V]]) -> list[tuple[Content, V]]:
    """Return (label, value) options whose labels are shown exactly as typed, on one line.

    For ``Select`` options and choice buttons: Textual reads a ``str`` label as
    markup, so a deck called ``[b]x`` would be bold and ``[/]`` would fail.
    """
    return [(literal(label, keep_lines=False), value) for label, value in options]

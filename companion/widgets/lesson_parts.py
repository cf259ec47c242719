"""The lesson view's parts that hold no state: estimates, the preview, spacers, the body."""

from __future__ import annotations

import re

from textual.widget import Widget

from companion.curriculum.sections import Section, normalise

_HEADING = re.compile(r"^ {0,3}##(?:[ \t]|$)", re.M)
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)


def estimate_height(section: Section, width: int) -> int:
    """Guess the rendered height of ``section`` at ``width`` columns, before it is built."""
    width = max(width - 4, 20)
    return 1 + sum(max(1, -(-len(line) // width)) for line in section.source.split("\n"))


def preview(body: str, size: int = 3_000) -> str:
    """Return the first part of ``body`` (whole sections, about ``size`` characters).

    The document's link definitions are appended so references in the preview
    resolve. Only an approximation for the first frame: the full parse follows.
    """
    text = normalise(body)
    cut = next((m.start() for m in _HEADING.finditer(text, size)), len(text))
    definitions = "\n".join(m.group(0) for m in _DEFINITION.finditer(text, cut))
    return text[:cut] + "\n\n" + definitions


def link_definitions(section: Section) -> dict[str, tuple[str, str]]:
    """The link definitions a section was parsed with (target and title, not where they stand)."""
    references = section.env.get("references", {})
    return {label: (ref.get("href", ""), ref.get("title", "")) for label, ref in references.items()}


class Spacer(Widget):
    """Blank space standing in for sections that are not built."""

    DEFAULT_CSS = """
    Spacer { height: 0; }
    """


class Body(Widget):
    """Holds the sections and spacers, so mounting a section never holds up the view's keys.

    Textual finishes a mount in the message queue of the widget mounted into,
    and a key press passes through the focused widget's queue: with the
    sections mounted straight into the (focused) view, a key waited there for
    each section's first blocks to mount, 0.1-0.3 s while a long document was
    being built.
    """

    DEFAULT_CSS = """
    Body { height: auto; layout: vertical; }
    """

"""Fields with a visible limit: a paste beyond it keeps what fits and says how much was cut.

Textual's ``Input`` drops a whole paste that would go past ``max_length`` without a
word, and ``TextArea`` has no limit at all (the save then fails on validation).
:class:`LimitedInput` and :class:`LimitedTextArea` keep what fits, say how many
characters were cut, and show "1,850 / 2,000" once the text nears its limit.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea
from textual.widgets.text_area import EditResult, Location

NEAR = 0.8
"""The counter appears once the text fills this share of the limit."""

COUNTED = 50
"""Limits below this (dates, minutes, a rating) fill up by design: no counter for them."""


def fit(text: str, room: int) -> tuple[str, int]:
    """Return the part of ``text`` that fits in ``room`` characters, and how many were cut."""
    keep = text[: max(room, 0)]
    return keep, len(text) - len(keep)


def cut_message(kept: int, cut: int, limit: int) -> str:
    """Say what a paste lost: "Pasted 120 characters; 30 more did not fit …"."""
    return (
        f"Pasted {kept:,} characters; {cut:,} more did not fit (this field holds up to {limit:,})."
    )


def counter(length: int, limit: int) -> str:
    """Return "1,850 / 2,000" once ``length`` nears ``limit``, else ""."""
    if limit < COUNTED or length < limit * NEAR:
        return ""
    return f"{length:,} / {limit:,}"


class LimitedInput(Input):
    """An ``Input`` whose over-long paste keeps what fits (Textual's drops it all)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As ``Input``; with a ``max_length`` the limit shows as the field's tooltip."""
        super().__init__(*args, **kwargs)
        if self.max_length:
            self.tooltip = f"Up to {self.max_length:,} characters"

    def _on_paste(self, event: events.Paste) -> None:
        limit = self.max_length or 0
        line = event.text.splitlines()[0] if event.text else ""
        if limit and line:
            start, end = sorted(self.selection)
            room = limit - (len(self.value) - (end - start))
            keep, cut = fit(line, room)
            if cut:
                event.stop()
                event.prevent_default()
                if keep:
                    self.replace(keep, start, end)
                self.notify(cut_message(len(keep), cut, limit), title="Paste cut", markup=False)
        # Otherwise Textual's own Input._on_paste runs next (handlers run down the classes).


class LimitedTextArea(TextArea):
    """A ``TextArea`` holding at most ``max_length`` characters; its counter shows near it."""

    def __init__(self, text: str = "", *, max_length: int, **kwargs: Any) -> None:
        """Edit ``text`` (at most ``max_length`` characters)."""
        super().__init__(text, **kwargs)
        self.max_length = max_length
        self.tooltip = f"Up to {max_length:,} characters"

    def on_mount(self) -> None:
        """Show the counter when the text already nears the limit."""
        self._show_count()

    def _on_text_area_changed(self) -> None:
        self._show_count()

    def _show_count(self) -> None:
        self.border_subtitle = counter(len(self.text), self.max_length)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        if self.read_only:
            return None
        replaced = len(self.get_text_range(*sorted((start, end))))
        room = self.max_length - (len(self.text) - replaced)
        keep, cut = fit(insert, room)
        if cut:
            if len(insert) == 1 or not keep:
                self.app.bell()  # a key pressed at the limit
                if len(insert) > 1:
                    self.notify(cut_message(0, cut, self.max_length), markup=False)
                return None
            self.notify(
                cut_message(len(keep), cut, self.max_length), title="Paste cut", markup=False
            )
            insert = keep
        result = super()._replace_via_keyboard(insert, start, end)
        self._show_count()
        return result

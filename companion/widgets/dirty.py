"""Knowing whether a form has unsaved edits: a snapshot of every typed value in it."""

from __future__ import annotations

from typing import Any

from textual.dom import DOMNode
from textual.widgets import Checkbox, Input, RadioSet, Select, SelectionList, Switch, TextArea

NOT_TYPED = "not-typed"
"""Class of a widget whose value is applied at once (a theme picker): never an unsaved edit."""


def form_state(root: DOMNode) -> dict[str, Any]:
    """Return the value of every input-like widget under ``root``, keyed by id (or position)."""
    state: dict[str, Any] = {}
    for index, widget in enumerate(
        root.query("Input, TextArea, Select, Checkbox, Switch, RadioSet, SelectionList")
    ):
        if widget.has_class(NOT_TYPED):
            continue
        key = widget.id or f"#{index}:{type(widget).__name__}"
        value: Any
        if isinstance(widget, Input):
            value = widget.value
        elif isinstance(widget, TextArea):
            value = widget.text
        elif isinstance(widget, Select | Checkbox | Switch):
            value = widget.value
        elif isinstance(widget, RadioSet):
            value = widget.pressed_index
        elif isinstance(widget, SelectionList):
            value = tuple(widget.selected)
        else:  # pragma: no cover - the query names only the types above
            continue
        state[key] = value
    return state


class DirtyTracker:
    """Remembers a form's values when clean; says whether they have changed since."""

    def __init__(self) -> None:
        """Nothing remembered yet: nothing counts as an edit until :meth:`mark_clean`."""
        self._clean: dict[str, Any] | None = None

    def mark_clean(self, root: DOMNode) -> None:
        """Remember the values under ``root`` as saved."""
        self._clean = form_state(root)

    def is_dirty(self, root: DOMNode) -> bool:
        """Whether any value under ``root`` differs from the remembered one."""
        return self._clean is not None and form_state(root) != self._clean

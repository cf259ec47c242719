"""What one person wants from the programme: a sentence and the themes it is about."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label

from companion.dialogs.forms import FormDialog
from companion.domain.expectations import THEMES, ExpectationEntry
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal
from companion.widgets.ticks import TickList


def theme_ticks(chosen: list[str], widget_id: str) -> TickList:
    """Return a tick list of every theme, ``chosen`` ticked (Space ticks one)."""
    return TickList(*[(label, key, key in chosen) for key, label in THEMES.items()], id=widget_id)


class ExpectationDialog(FormDialog):
    """One person's sentence and themes; returns ``{"sentence", "themes"}`` or None (kept)."""

    DEFAULT_CSS = """
    ExpectationDialog TickList { height: auto; max-height: 9; margin-bottom: 1; }
    """
    SAVE_LABEL = "Save"

    def __init__(self, name: str, current: ExpectationEntry | None, prompt: str = "") -> None:
        """Ask ``name``; ``current`` (their latest) fills the form; ``prompt`` heads it."""
        super().__init__()
        self._name = name
        self._current = current
        self._prompt = prompt or f"{name}: what do you want from the programme?"

    def compose_fields(self) -> ComposeResult:
        """The sentence and the themes."""
        yield Label(literal(self._prompt, keep_lines=False), id="expectation-prompt")
        yield FormField(
            "In a sentence",
            "sentence",
            self._current.sentence if self._current else "",
            max_length=500,
        )
        yield Label("What it is about (Space ticks a theme)")
        yield theme_ticks(list(self._current.themes) if self._current else [], "themes")

    def on_mount(self) -> None:
        """Start in the sentence."""
        self.query_one("#input-sentence").focus()

    def values(self) -> dict[str, Any]:
        """The sentence and the ticked themes, in the screens' order."""
        ticked = set(self.query_one("#themes", TickList).selected)
        return {"sentence": self.field("sentence"), "themes": [t for t in THEMES if t in ticked]}

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """A sentence is needed."""
        if not values["sentence"]:
            return {"sentence": "Say in a sentence what you want from the programme."}
        return {}

"""Leaving a form with unsaved edits asks "Save, discard or keep editing?" — never drops them.

:class:`UnsavedDialog` asks; :class:`UnsavedGuard` is a mixin for any screen or dialog
with typed input: it remembers the form's values once mounted (and after each save,
via :meth:`UnsavedGuard.mark_clean`) and :meth:`UnsavedGuard.leave_or_ask` leaves at
once when nothing changed, or asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from companion.widgets.dirty import DirtyTracker

Answer = Literal["save", "discard", "keep"]


class UnsavedDialog(ModalScreen[Answer]):
    """Asks what to do with unsaved edits: save, discard, or keep editing (Escape)."""

    DEFAULT_CSS = """
    UnsavedDialog { align: center middle; }
    UnsavedDialog > Vertical {
        width: 60; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    UnsavedDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    UnsavedDialog Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "answer('keep')", "Keep editing"),
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("k", "answer('keep')", "Keep editing", show=False),
    ]

    def __init__(self, what: str = "your changes") -> None:
        """Ask about unsaved edits to ``what``."""
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        """The question and three buttons."""
        with Vertical() as box:
            box.border_title = "Unsaved changes"
            yield Static(
                f"You have not saved {self._what}. Save, discard or keep editing?",
                markup=False,
            )
            with Horizontal():
                yield Button("Keep editing", id="keep")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Save", variant="primary", id="save")

    def on_mount(self) -> None:
        """Start on Save: Enter keeps what was typed."""
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        event.stop()
        answer: Answer = "save" if event.button.id == "save" else "keep"
        if event.button.id == "discard":
            answer = "discard"
        self.dismiss(answer)

    def action_answer(self, answer: Answer) -> None:
        """Answer from a key."""
        self.dismiss(answer)


class UnsavedGuard:
    """Mixin for a Screen or ModalScreen that takes typed input (put it before the Screen)."""

    UNSAVED_WHAT = "your changes"
    """How the question names what would be lost."""

    _tracker: DirtyTracker | None = None

    def on_mount(self) -> None:
        """Remember the form's values once its first values are in place."""
        assert isinstance(self, Screen)
        self.call_after_refresh(self.mark_clean)

    def mark_clean(self) -> None:
        """Remember the current values as saved."""
        assert isinstance(self, Screen)
        if self._tracker is None:
            self._tracker = DirtyTracker()
        self._tracker.mark_clean(self)

    def is_dirty(self) -> bool:
        """Whether the form has changed since it was last saved (or opened)."""
        assert isinstance(self, Screen)
        return self._tracker is not None and self._tracker.is_dirty(self)

    def leave_or_ask(self, save: Callable[[], object], leave: Callable[[], object]) -> None:
        """Leave with ``leave`` when nothing changed; otherwise ask, then ``save`` or ``leave``.

        ``save`` saves and leaves on success (on failure the form stays, errors shown).
        """
        assert isinstance(self, Screen)
        if not self.is_dirty():
            leave()
            return

        def answered(answer: Answer | None) -> None:
            if answer == "save":
                save()
            elif answer == "discard":
                leave()

        self.app.push_screen(UnsavedDialog(self.UNSAVED_WHAT), answered)

    def save_then_pop(self, save: Callable[[], object]) -> None:
        """Leave this screen (pop it), asking first when it holds unsaved edits.

        ``save`` saves the form; the screen is left only once nothing is unsaved
        (a save that fails keeps the form and its errors on screen).
        """
        assert isinstance(self, Screen)
        screen = self

        def save_then_leave() -> None:
            save()
            if not self.is_dirty():
                screen.app.pop_screen()

        self.leave_or_ask(save_then_leave, screen.app.pop_screen)

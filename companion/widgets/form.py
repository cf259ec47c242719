"""Form pieces: a labelled input with its error shown right under it.

The input holds at most its ``max_length`` (a paste beyond keeps what fits and
says how much was cut); a counter appears under it once the text nears the limit.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from companion.widgets.limits import LimitedInput, counter


class FormField(Vertical):
    """A label, an input, and an error line that appears only when there is an error."""

    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 1; }
    FormField > Label.field-label { color: $text-muted; width: 1fr; }
    FormField > .field-error { color: $error; display: none; }
    FormField > .field-hint { color: $text-muted; display: none; }
    FormField.-hinted > .field-hint { display: block; }
    FormField.-invalid > .field-error { display: block; }
    FormField > .field-count { color: $text-muted; display: none; text-align: right; width: 1fr; }
    FormField.-near-limit > .field-count { display: block; }
    FormField > Input { background: $boost; }
    FormField.-invalid > Input { background: $error 20%; }
    """

    def __init__(
        self,
        label: str,
        name: str,
        value: str = "",
        *,
        placeholder: str = "",
        restrict: str | None = None,
        max_length: int = 0,
    ) -> None:
        """A field called ``name`` (used as the id of its input: ``input-<name>``)."""
        super().__init__(id=f"field-{name}")
        self._label = label
        self.field_name = name
        self._input = LimitedInput(
            value,
            placeholder=placeholder,
            restrict=restrict,
            max_length=max_length,
            compact=True,
            id=f"input-{name}",
        )

    def compose(self) -> ComposeResult:
        """Lay out label, input and error."""
        yield Label(self._label, classes="field-label")
        yield self._input
        yield Label("", classes="field-hint")
        yield Label("", classes="field-error")
        yield Label("", classes="field-count")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show "180 / 200" under the input once the text nears its limit."""
        text = counter(len(event.value), self._input.max_length or 0)
        self.set_class(bool(text), "-near-limit")
        self.query_one(".field-count", Label).update(text)

    @property
    def value(self) -> str:
        """The text in the input, stripped."""
        return self._input.value.strip()

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text

    def set_hint(self, text: str | None) -> None:
        """Show ``text`` (what was understood) under the input, or hide it with None."""
        self.set_class(bool(text), "-hinted")
        self.query_one(".field-hint", Label).update(text or "")

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the input, or clear the error with None."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Label).update(message or "")

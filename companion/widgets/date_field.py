"""A date field: typed as people write dates, with what was understood shown under it.

Every date in a form (goal target, action due, log entry, next session, pause,
the pair's first session) is a :class:`DateField`: it accepts ``2026-11-30``,
``30/11/2026``, ``today``, ``tomorrow`` or ``+7d`` (see
:func:`~companion.domain.date_input.parse_date_input`), says "Understood: Mon 30
Nov 2026" under the input as soon as the text is a date, and clears its error the
moment the text becomes valid. Errors themselves are shown when the form is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input

from companion.domain.date_input import (
    DateInputError,
    UnderstoodDate,
    parse_date_input,
    understood_line,
)
from companion.widgets.form import FormField

DateReader = Callable[[str, date], UnderstoodDate]
"""Reads typed text relative to a day; raises DateInputError with a sentence."""


class DateField(FormField):
    """A labelled date input that reads what people type and says what it understood."""

    def __init__(
        self,
        label: str,
        name: str,
        value: date | str | None = None,
        *,
        today: date,
        reader: DateReader = parse_date_input,
        optional: bool = False,
    ) -> None:
        """A field ``name`` showing ``value``; relative dates count from ``today``.

        ``reader`` adds rules of its own (a due date not before its session…);
        ``optional`` fields may be left empty.
        """
        text = value.isoformat() if isinstance(value, date) else (value or "")
        super().__init__(label, name, text, max_length=20)
        self._today = today
        self._reader = reader
        self._optional = optional

    def read(self) -> date | None:
        """Return the date typed (None when an optional field is empty).

        Raises :class:`DateInputError` with a sentence when it is not a date.
        """
        if not self.value and self._optional:
            return None
        return self._reader(self.value, self._today).value

    def problem(self) -> str | None:
        """Return why the text is not an acceptable date, or None when it is."""
        try:
            self.read()
        except DateInputError as exc:
            return str(exc)
        return None

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say what the text was understood as; clear the error once it is valid."""
        try:
            day = self.read()
        except DateInputError:
            self.set_hint(None)
            return
        self.set_hint(understood_line(day) if day is not None else None)
        self.set_error(None)

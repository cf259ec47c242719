"""Wrap-up: each person rates the session and says what worked and what to adjust."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from companion.dialogs.forms import FormDialog
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal

RATINGS = [
    (f"{n} · {label}", n)
    for n, label in ((5, "excellent"), (4, "good"), (3, "fine"), (2, "weak"), (1, "poor"))
]


class WrapUpDialog(FormDialog):
    """Ratings and one line each, plus the date of the next session."""

    TITLE_TEXT = "Wrap up the session"
    DEFAULT_CSS = """
    WrapUpDialog > Vertical { width: 90; }
    WrapUpDialog .people { height: auto; }
    WrapUpDialog .person { width: 1fr; height: auto; padding-right: 1; }
    WrapUpDialog .who { text-style: bold; }
    """

    def __init__(self, names: dict[str, str], next_date: date) -> None:
        """``names`` maps mentor/mentee to first names; ``next_date`` is the proposal."""
        super().__init__()
        self._names = names
        self._next = next_date

    def compose_fields(self) -> ComposeResult:
        """A column per person, then the next date."""
        with Horizontal(classes="people"):
            for role in ("mentor", "mentee"):
                with Vertical(classes="person"):
                    yield Label(literal(self._names[role], keep_lines=False), classes="who")
                    yield Select(RATINGS, prompt="Rating (1-5)", compact=True, id=f"rating-{role}")
                    yield FormField("What worked", f"worked-{role}", max_length=300)
                    yield FormField("What to adjust", f"adjust-{role}", max_length=300)
        yield FormField("Next session (YYYY-MM-DD)", "next", self._next.isoformat(), max_length=10)

    def values(self) -> dict[str, Any]:
        """Both reflections and the next date."""
        out: dict[str, Any] = {"next": self.field("next")}
        for role in ("mentor", "mentee"):
            rating = self.query_one(f"#rating-{role}", Select).value
            out[role] = {
                "rating": rating if isinstance(rating, int) else None,
                "worked": self.field(f"worked-{role}"),
                "adjust": self.field(f"adjust-{role}"),
            }
        return out

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """The next date must be a real date (or empty)."""
        if values["next"]:
            try:
                date.fromisoformat(values["next"])
            except ValueError:
                return {"next": "is not a real date (write YYYY-MM-DD)"}
        return {}

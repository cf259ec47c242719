"""A check-in: both people answer the same statements from 1 (disagree) to 5 (agree)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select

from companion.dialogs.forms import FormDialog
from companion.domain.checkins import QUESTIONS
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal

SCALE = [(f"{n}", n) for n in range(1, 6)]


class CheckInDialog(FormDialog):
    """Eight statements, an answer from each person, and a comment each."""

    TITLE_TEXT = "Check-in: 1 disagree … 5 agree"
    DEFAULT_CSS = """
    CheckInDialog > Vertical { width: 96; }
    CheckInDialog VerticalScroll { height: auto; max-height: 20; }
    CheckInDialog .row { height: 1; }
    CheckInDialog .statement { width: 1fr; }
    CheckInDialog .row Select { width: 12; margin: 0 1 0 0; }
    CheckInDialog .head { text-style: bold; }
    """

    def __init__(self, names: dict[str, str], today: date) -> None:
        """``names`` maps mentor/mentee to first names."""
        super().__init__()
        self._names = names
        self._today = today

    def compose_fields(self) -> ComposeResult:
        """A row per statement with a select per person."""
        with VerticalScroll():
            with Horizontal(classes="row"):
                yield Label("Statement", classes="statement head")
                yield Label(literal(self._names["mentor"][:11].ljust(12)), classes="head")
                yield Label(literal(self._names["mentee"][:11].ljust(12)), classes="head")
            for key, statement in QUESTIONS.items():
                with Horizontal(classes="row"):
                    yield Label(statement, classes="statement")
                    for role in ("mentor", "mentee"):
                        yield Select(SCALE, prompt="-", compact=True, id=f"{role}-{key}")
            yield FormField(
                f"{self._names['mentor']}'s comment (optional)", "comment-mentor", max_length=500
            )
            yield FormField(
                f"{self._names['mentee']}'s comment (optional)", "comment-mentee", max_length=500
            )

    def values(self) -> dict[str, Any]:
        """The check-in, ready for validation."""
        out: dict[str, Any] = {"date": self._today}
        for role in ("mentor", "mentee"):
            scores = {}
            for key in QUESTIONS:
                value = self.query_one(f"#{role}-{key}", Select).value
                if isinstance(value, int):
                    scores[key] = value
            out[role] = {"scores": scores, "comment": self.field(f"comment-{role}")}
        return out

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """At least one answer is needed."""
        if not values["mentor"]["scores"] and not values["mentee"]["scores"]:
            return {"comment-mentor": "answer at least one statement"}
        return {}

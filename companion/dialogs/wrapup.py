"""Wrap-up: each person rates the session and says what worked and what to adjust.

Enter in a field moves to the next one and never finishes: finishing takes the
Finish button or Ctrl+S. A missing rating is named and asked about; a session
under five minutes asks whether to finish or discard it. Escape with something
typed asks whether to keep the reflections (as a draft on the open session).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from companion.dialogs.forms import FormDialog
from companion.dialogs.message import ChoiceDialog, ConfirmDialog
from companion.domain.date_input import DateInputError
from companion.domain.session_rules import (
    HELD_MINUTES,
    SHORT_SESSION_TITLE,
    check_wrap_up_minutes,
    finish_short_label,
    short_session_title,
)
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal

if TYPE_CHECKING:
    from companion.domain.sessions import Reflections

RATINGS = [
    (f"{n} · {label}", n)
    for n, label in ((5, "excellent"), (4, "good"), (3, "fine"), (2, "weak"), (1, "poor"))
]


class WrapUpDialog(FormDialog):
    """Ratings and one line each, the session's length, and the date of the next session.

    Returns the values with ``outcome``: ``"finish"``, ``"discard"`` (a short session
    thrown away) or ``"draft"`` (reflections kept, the session goes on); None to go on
    without keeping anything.
    """

    TITLE_TEXT = "Wrap up the session"
    SAVE_LABEL = "Finish"
    UNSAVED_WHAT = "these reflections"
    DEFAULT_CSS = """
    WrapUpDialog > Vertical { width: 90; }
    WrapUpDialog .people { height: auto; }
    WrapUpDialog .person { width: 1fr; height: auto; padding-right: 1; }
    WrapUpDialog .who { text-style: bold; }
    WrapUpDialog .when { height: auto; }
    WrapUpDialog .when FormField { width: 1fr; padding-right: 1; }
    """

    def __init__(
        self,
        names: dict[str, str],
        next_date: date,
        *,
        draft: Reflections | None = None,
        minutes: int = 0,
        today: date | None = None,
    ) -> None:
        """Wrap up for ``names`` (first names by role), proposing ``next_date``.

        ``draft``: reflections typed before; ``minutes``: the time the clock counted.
        """
        super().__init__()
        self._names = names
        self._next = next_date
        self._draft = draft
        self._minutes = minutes
        self._today = today or date.today()

    def compose_fields(self) -> ComposeResult:
        """A column per person, then the length and the next date."""
        with Horizontal(classes="people"):
            for role in ("mentor", "mentee"):
                kept = self._draft.of(role) if self._draft else None
                with Vertical(classes="person"):
                    yield Label(literal(self._names[role], keep_lines=False), classes="who")
                    rating = Select(
                        RATINGS, prompt="Rating (1-5)", compact=True, id=f"rating-{role}"
                    )
                    if kept and kept.rating:
                        rating.value = kept.rating
                    yield rating
                    yield FormField(
                        "What worked", f"worked-{role}", kept.worked if kept else "", max_length=300
                    )
                    yield FormField(
                        "What to adjust",
                        f"adjust-{role}",
                        kept.adjust if kept else "",
                        max_length=300,
                    )
        with Horizontal(classes="when"):
            yield FormField(
                "Length in minutes (time spent)",
                "minutes",
                str(self._minutes),
                restrict=r"\d*",
                max_length=3,
            )
            yield DateField(
                "Next session (2026-11-30, 30/11/2026, +14d)",
                "next",
                self._next,
                today=self._today,
                optional=True,
            )

    def values(self) -> dict[str, Any]:
        """Both reflections, the length and the next date."""
        out: dict[str, Any] = {"next": self.field("next"), "minutes": self.field("minutes")}
        for role in ("mentor", "mentee"):
            rating = self.query_one(f"#rating-{role}", Select).value
            out[role] = {
                "rating": rating if isinstance(rating, int) else None,
                "worked": self.field(f"worked-{role}"),
                "adjust": self.field(f"adjust-{role}"),
            }
        return out

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """The length at most 240 minutes (under 5 is asked about); the next date, if any."""
        errors: dict[str, str] = {}
        minutes, problem = check_wrap_up_minutes(values["minutes"])
        if problem:
            errors["minutes"] = problem
        else:
            values["minutes"] = minutes
        try:
            day = self.query_one("#field-next", DateField).read()
            values["next"] = day.isoformat() if day else ""
        except DateInputError as exc:
            errors["next"] = str(exc)
        return errors

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next text field (never to a button): it never finishes."""
        event.stop()
        event.prevent_default()  # the form's own handler (Enter saves) must not run
        fields = list(self.query(Input))
        if event.input in fields:
            fields[(fields.index(event.input) + 1) % len(fields)].focus()

    def on_input_changed(self) -> None:
        """An error clears as soon as its field is valid."""
        values = self.values()
        errors = self.check(values)
        for form_field in self.query(FormField):
            if form_field.has_class("-invalid") and form_field.field_name not in errors:
                form_field.set_error(None)

    def action_submit(self) -> None:
        """Check the fields, then ask about a missing rating and a very short session."""
        values = self.values()
        errors = self.check(values)
        for form_field in self.query(FormField):
            form_field.set_error(errors.get(form_field.field_name))
        if errors:
            return
        self._ask_rating(values, lambda: self._ask_short(values))

    def _ask_rating(self, values: dict[str, Any], then: Callable[[], None]) -> None:
        missing = [self._names[r] for r in ("mentor", "mentee") if values[r]["rating"] is None]
        if not missing:
            then()
            return
        who = " and ".join(missing)
        verb = "have" if len(missing) > 1 else "has"
        self.app.push_screen(
            ConfirmDialog(
                "A rating is missing",
                f"{who} {verb} not rated this session yet — finish anyway?",
                "Finish anyway",
            ),
            lambda yes: then() if yes else None,
        )

    def _ask_short(self, values: dict[str, Any]) -> None:
        question = short_session_title(values["minutes"])
        if question is None:
            self.dismiss({**values, "outcome": "finish"})
            return

        def chosen(choice: str | None) -> None:
            if choice == "finish":  # a held session lasts at least five minutes
                self.dismiss({**values, "minutes": HELD_MINUTES[0], "outcome": "finish"})
            elif choice == "discard":
                self.dismiss({**values, "outcome": "discard"})

        self.app.push_screen(
            ChoiceDialog(
                SHORT_SESSION_TITLE,
                [
                    (finish_short_label(), "finish"),
                    ("Discard this session", "discard"),
                    ("Keep editing", "keep"),
                ],
                question,
            ),
            chosen,
        )

    def action_cancel(self) -> None:
        """Go back to the session; typed reflections can be kept as a draft."""
        self.leave_or_ask(
            lambda: self.dismiss({**self.values(), "outcome": "draft"}),
            lambda: self.dismiss(None),
        )

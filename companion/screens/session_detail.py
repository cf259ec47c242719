"""One past session: read it, and edit its notes, reflections and length."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static, TextArea

from companion.dialogs.unsaved import UnsavedGuard
from companion.domain.base import LONG_TEXT_MAX
from companion.domain.date_input import DateInputError, understood_line
from companion.domain.errors import errors_by_field
from companion.domain.session_rules import check_held_minutes, read_held_date
from companion.widgets.footer import KeysFooter
from companion.widgets.form import FormField
from companion.widgets.limits import LimitedTextArea
from companion.widgets.messages import safely
from companion.widgets.safe_text import literal, plain_line

if TYPE_CHECKING:
    from companion.domain.sessions import Session
    from companion.programme.core import Programme


class SessionDetailScreen(UnsavedGuard, Screen[None]):
    """Edits go through the same validation as new sessions; Ctrl+S saves."""

    DEFAULT_CSS = """
    SessionDetailScreen #form { padding: 0 2; }
    SessionDetailScreen TextArea { height: 10; }
    SessionDetailScreen .people { height: auto; }
    SessionDetailScreen .person { width: 1fr; height: auto; padding-right: 2; }
    SessionDetailScreen .section { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "leave", "Back"), Binding("ctrl+s", "save", "Save")]
    UNSAVED_WHAT = "your changes to this session"

    def __init__(self, programme: Programme, session: Session) -> None:
        """Show ``session`` of ``programme``."""
        super().__init__()
        self.programme = programme
        self.session = session

    def compose(self) -> ComposeResult:
        """The session's fields."""
        s = self.session
        names = self.programme.journal.first_names()  # the pair's names, not their roles
        lessons = self.programme.curriculum.lessons
        titles = ", ".join(lessons[i].title if i in lessons else i for i in s.lesson_ids)
        self.title = f"Session of {s.date.isoformat()}"
        self.sub_title = plain_line(titles)
        yield Header()
        with VerticalScroll(id="form"):
            yield FormField(
                "Date (2026-11-30, 30/11/2026, today, -7d)",
                "date",
                s.date.isoformat(),
                max_length=20,
            )
            yield FormField(
                "Minutes (5-240)", "minutes", str(s.minutes), restrict=r"\d*", max_length=3
            )
            yield Label("Shared notes", classes="section")
            yield LimitedTextArea(s.shared_notes, max_length=LONG_TEXT_MAX, id="notes")
            with Horizontal(classes="people"):
                for role in ("mentor", "mentee"):
                    r = s.reflections.of(role)
                    with Vertical(classes="person"):
                        yield Label(literal(names[role], keep_lines=False), classes="section")
                        yield FormField(
                            "Rating 1-5",
                            f"{role}-rating",
                            str(r.rating or ""),
                            restrict=r"[1-5]?",
                            max_length=1,
                        )
                        yield FormField("What worked", f"{role}-worked", r.worked, max_length=300)
                        yield FormField(
                            "What to adjust", f"{role}-adjust", r.adjust, max_length=300
                        )
            actions = self.programme.journal.actions(s.id)
            if actions:
                yield Label("Action items", classes="section")
                yield Static("\n".join(f"{'✓' if a.done else '·'} {a.text}" for a in actions))
        yield KeysFooter()

    def _held_rules(self) -> tuple[dict[str, str], str | None, int | None]:
        """Check the date and minutes as typed: errors by field, the date, the minutes."""
        errors: dict[str, str] = {}
        day: str | None = None
        date_field = self.query_one("#field-date", FormField)
        try:
            understood = read_held_date(date_field.value, self.programme.today())
            day = understood.value.isoformat()
            date_field.set_hint(understood_line(understood.value))
        except DateInputError as exc:
            errors["date"] = str(exc)
            date_field.set_hint(None)
        minutes, problem = check_held_minutes(self.query_one("#field-minutes", FormField).value)
        if problem:
            errors["minutes"] = problem
        return errors, day, minutes

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say what a date was understood as; an error clears as soon as its field is valid."""
        if event.input.id not in ("input-date", "input-minutes"):
            return
        errors, _day, _minutes = self._held_rules()
        for name in ("date", "minutes"):
            form_field = self.query_one(f"#field-{name}", FormField)
            if form_field.has_class("-invalid") and name not in errors:
                form_field.set_error(None)

    def action_save(self) -> None:
        """Validate and save."""

        def field(name: str) -> str:
            return self.query_one(f"#field-{name}", FormField).value

        held_errors, day, minutes = self._held_rules()
        self.query_one("#field-date", FormField).set_error(held_errors.get("date"))
        self.query_one("#field-minutes", FormField).set_error(held_errors.get("minutes"))
        if held_errors:
            self.notify("Some fields need attention.", severity="error")
            return
        data = self.session.model_dump()
        data.update(
            date=day,
            minutes=minutes,
            shared_notes=self.query_one("#notes", TextArea).text,
        )
        for role in ("mentor", "mentee"):
            data["reflections"][role] = {
                "rating": int(field(f"{role}-rating")) if field(f"{role}-rating") else None,
                "worked": field(f"{role}-worked"),
                "adjust": field(f"{role}-adjust"),
            }
        from companion.domain.sessions import Session

        try:
            updated = Session.model_validate(data)
        except ValidationError as exc:
            errors = errors_by_field(exc)
            for form_field in self.query(FormField):
                form_field.set_error(
                    errors.get(form_field.field_name.replace("-", ".reflections.", 0))
                )
            self.notify("Some fields need attention.", severity="error")
            return
        if safely(self, lambda: self.programme.sessions.save(updated), "The session"):
            self.session = updated
            self.title = f"Session of {updated.date.isoformat()}"
            self.mark_clean()
            self.notify("Saved.", timeout=3)

    def action_leave(self) -> None:
        """Go back; unsaved edits ask "Save, discard or keep editing?" first."""
        self.save_then_pop(self.action_save)

    def save_on_exit(self) -> None:
        """The app is quitting: save edits that pass the checks."""
        if self.is_dirty():
            self.action_save()

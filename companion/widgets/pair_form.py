"""The pair's details as form fields, shared by the first-run wizard and the settings screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from companion.domain.date_input import DateInputError
from companion.domain.errors import errors_by_field
from companion.domain.pair import Pair
from companion.widgets.date_field import DateField
from companion.widgets.form import FormField

CADENCES = [("Weekly", "weekly"), ("Fortnightly", "fortnightly"), ("Monthly", "monthly")]


class PeopleFields(Vertical):
    """Both people's names, titles and departments."""

    DEFAULT_CSS = """
    PeopleFields { height: auto; }
    PeopleFields > Horizontal { height: auto; }
    PeopleFields .person { width: 1fr; height: auto; padding-right: 2; }
    PeopleFields .who { text-style: bold; margin-bottom: 1; }
    PeopleFields.-narrow > Horizontal { layout: vertical; }
    PeopleFields.-narrow .person { width: 1fr; padding-right: 0; }
    """

    NARROW = 56
    """Below this width the two people's fields go one under the other, each full width."""

    def __init__(self, pair: Pair | None = None, *, id: str | None = None) -> None:
        """Start from ``pair`` when editing."""
        super().__init__(id=id)
        self._pair = pair

    def on_resize(self, event: events.Resize) -> None:
        """Put the two people one under the other when side by side would cut their labels."""
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def compose(self) -> ComposeResult:
        """Lay out the fields."""
        with Horizontal():
            for role, heading in (
                ("mentor", "The junior mentor\nteaches technology and culture"),
                ("mentee", "The senior mentee\nlearns, and coaches in return"),
            ):
                with Vertical(classes="person"):
                    yield from self._person_fields(role, heading)

    def _person_fields(self, role: str, heading: str) -> ComposeResult:
        person = self._pair.person(role) if self._pair else None  # type: ignore[arg-type]
        yield Label(heading, classes="who")
        yield FormField("Name", f"{role}-name", person.name if person else "", max_length=100)
        for field, label in (
            ("title", "Job title (optional)"),
            ("department", "Department (optional)"),
        ):
            value = getattr(person, field) if person else ""
            yield FormField(label, f"{role}-{field}", value, max_length=200)

    def values(self) -> dict[str, Any]:
        """Return the people as dictionaries ready for validation."""

        def field(name: str) -> str:
            return self.query_one(f"#field-{name}", FormField).value

        return {
            role: {
                "name": field(f"{role}-name"),
                "role": role,
                "title": field(f"{role}-title"),
                "department": field(f"{role}-department"),
            }
            for role in ("mentor", "mentee")
        }


class RhythmFields(Vertical):
    """Cadence, session length, programme length and start date."""

    DEFAULT_CSS = """
    RhythmFields { height: auto; }
    RhythmFields Select { margin-bottom: 1; }
    """

    def __init__(
        self, pair: Pair | None = None, today: date | None = None, *, id: str | None = None
    ) -> None:
        """Start from ``pair`` when editing, else from sensible defaults."""
        super().__init__(id=id)
        self._pair = pair
        self._today = today or date.today()

    def compose(self) -> ComposeResult:
        """Lay out the fields."""
        pair = self._pair
        yield Label("How often you meet")
        yield Select(
            CADENCES,
            value=pair.cadence if pair else "fortnightly",
            allow_blank=False,
            compact=True,
            id="cadence",
        )
        yield FormField(
            "Session length in minutes (15-240)",
            "session_minutes",
            str(pair.session_minutes if pair else 60),
            restrict=r"\d*",
            max_length=3,
        )
        yield FormField(
            "Programme length in weeks (1-260)",
            "programme_weeks",
            str(pair.programme_weeks if pair else 26),
            restrict=r"\d*",
            max_length=3,
        )
        yield DateField(
            "First session (2026-11-30, 30/11/2026, today, +7d)",
            "started_on",
            pair.started_on if pair else self._today,
            today=self._today,
        )

    def values(self) -> dict[str, Any]:
        """Return the rhythm fields ready for validation."""

        def field(name: str) -> str:
            return self.query_one(f"#field-{name}", FormField).value

        return {
            "cadence": self.query_one("#cadence", Select).value,
            "session_minutes": field("session_minutes") or None,
            "programme_weeks": field("programme_weeks") or None,
            "started_on": self.started_on() or field("started_on") or None,
        }

    def started_on(self) -> date | None:
        """Return the first session's date as typed, or None when it is not a date."""
        try:
            return self.query_one("#field-started_on", DateField).read()
        except DateInputError:
            return None

    def date_errors(self) -> dict[str, str]:
        """Return the start date's error as a sentence, by field, when it is not a date."""
        problem = self.query_one("#field-started_on", DateField).problem()
        return {"started_on": problem} if problem else {}


def show_errors(container: Vertical, errors: dict[str, str]) -> bool:
    """Put each error next to its field inside ``container``; return True if any was shown."""
    shown = False
    for form_field in container.query(FormField):
        key = form_field.field_name.replace("-", ".")
        message = errors.get(key)
        if message is None and key.endswith(".name"):
            message = errors.get(key.rsplit(".", 1)[0])
        form_field.set_error(message)
        shown = shown or message is not None
    return shown


def validate_pair(data: dict[str, Any]) -> tuple[Pair | None, dict[str, str]]:
    """Validate pair data; return the pair, or None and the errors by field path."""
    try:
        return Pair.model_validate(data), {}
    except ValidationError as exc:
        return None, errors_by_field(exc)

"""The Settings section for reviewing cards and rating skills: its fields, read and checked."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from companion.domain.base import Role
from companion.domain.pair import Pair
from companion.domain.settings import Settings
from companion.domain.study_settings import read_new_per_day, read_retention, read_skills
from companion.domain.tags import tags_text
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal

ROLE_WORDS: dict[Role, str] = {"mentor": "junior mentor", "mentee": "senior mentee"}


class StudyFields(Vertical):
    """New cards per day, desired retention, and each person's skills (comma-separated)."""

    DEFAULT_CSS = """
    StudyFields { height: auto; }
    """

    def __init__(self, settings: Settings, pair: Pair | None) -> None:
        """Show ``settings``; ``pair`` names the people (None: their roles)."""
        super().__init__(id="study")
        self._settings = settings
        self._pair = pair

    def compose(self) -> ComposeResult:
        """The four fields."""
        s = self._settings
        yield FormField(
            "New cards per day, for each person (0–200)",
            "new_cards_per_day",
            str(s.new_cards_per_day),
            restrict=r"\d*",
            max_length=3,
        )
        yield FormField(
            "Desired retention: how likely you are to remember a card when it comes back "
            "(0.70–0.97; higher means more reviews)",
            "desired_retention",
            f"{s.desired_retention:.2f}",
            max_length=6,
        )
        for role in ("mentee", "mentor"):
            yield FormField("", f"skills_{role}", tags_text(s.skills(role)), max_length=20 * 82)

    def on_mount(self) -> None:
        """Name each person in their skills label (as text, never markup)."""
        for role in ("mentee", "mentor"):
            words = ROLE_WORDS[role]  # type: ignore[index]
            who = f"{self._pair.person(role).name} ({words})" if self._pair else f"The {words}"  # type: ignore[arg-type]
            label = self.query_one(f"#field-skills_{role} .field-label", Label)
            label.update(literal(f"Skills {who} rates, comma-separated (empty: the defaults)"))

    def read(self) -> tuple[dict[str, Any], dict[str, str]]:
        """Return the settings' new values and the errors by field (empty when all are valid)."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        readers = {
            "new_cards_per_day": read_new_per_day,
            "desired_retention": read_retention,
        }
        for name, reader in readers.items():
            try:
                values[name] = reader(self._field(name).value)
            except ValueError as exc:
                errors[name] = str(exc)
        for role in ("mentee", "mentor"):
            text = self._field(f"skills_{role}").value
            try:
                values[f"{role}_skills"] = read_skills(text) if text else []
            except ValueError as exc:
                errors[f"skills_{role}"] = str(exc)
        for field in self.query(FormField):
            field.set_error(errors.get(field.field_name))
        return values, errors

    def show(self, settings: Settings) -> None:
        """Put ``settings`` back in the fields as saved (skills trimmed and deduplicated)."""
        for role in ("mentee", "mentor"):
            self._field(f"skills_{role}").value = tags_text(settings.skills(role))  # type: ignore[arg-type]

    def _field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

"""Rating one's own skills: 1 (just starting) to 5 (could teach it), a line of evidence each."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select

from companion.dialogs.forms import FormDialog
from companion.widgets.safe_text import literal

SCALE = [(f"{n}", n) for n in range(1, 6)]
"""The rating scale offered for each skill."""


class RateSkillsDialog(FormDialog):
    """A row per skill: a rating and one line of evidence. Returns ``{"scores": [...]}``.

    Each score is ``(skill, rating, evidence)``; a skill left without a rating is
    not rated this time. The latest ratings are offered as the starting point.
    """

    DEFAULT_CSS = """
    RateSkillsDialog > Vertical { width: 96; }
    RateSkillsDialog VerticalScroll { height: auto; max-height: 20; }
    RateSkillsDialog .row { height: 1; margin-bottom: 1; }
    RateSkillsDialog .skill { width: 28; }
    RateSkillsDialog .row Select { width: 10; margin: 0 1 0 0; }
    RateSkillsDialog .row Input { width: 1fr; }
    RateSkillsDialog .head { text-style: bold; }
    RateSkillsDialog .error { color: $error; }
    """

    def __init__(self, name: str, skills: list[str], latest: dict[str, int]) -> None:
        """Rate ``skills`` for the person called ``name``; ``latest`` pre-fills the ratings."""
        super().__init__()
        self._name = name
        self._skills = skills
        self._latest = {k.casefold(): v for k, v in latest.items()}
        self.TITLE_TEXT = f"{name}: rate your skills, 1 just starting … 5 could teach it"

    def compose_fields(self) -> ComposeResult:
        """A row per skill: its name, a rating, a line of evidence."""
        with VerticalScroll():
            with Horizontal(classes="row"):
                yield Label("Skill", classes="skill head")
                yield Label("Rating    ", classes="head")
                yield Label("Evidence: what you did or can do now", classes="head")
            for number, skill in enumerate(self._skills):
                with Horizontal(classes="row"):
                    yield Label(literal(skill, keep_lines=False), classes="skill")
                    latest = self._latest.get(skill.casefold())
                    yield Select(
                        SCALE,
                        prompt="-",
                        compact=True,
                        value=latest if latest is not None else Select.NULL,
                        id=f"rating-{number}",
                    )
                    yield Input(
                        placeholder="one line",
                        max_length=500,
                        compact=True,
                        id=f"evidence-{number}",
                    )
        yield Label("", id="rate-error", classes="error")

    def values(self) -> dict[str, Any]:
        """The ratings given, as (skill, rating, evidence) triples."""
        scores: list[tuple[str, int, str]] = []
        for number, skill in enumerate(self._skills):
            rating = self.query_one(f"#rating-{number}", Select).value
            evidence = self.query_one(f"#evidence-{number}", Input).value.strip()
            if isinstance(rating, int):
                scores.append((skill, rating, evidence))
        return {"scores": scores}

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """At least one skill must be rated."""
        message = "" if values["scores"] else "Rate at least one skill."
        self.query_one("#rate-error", Label).update(message)
        return {"scores": message} if message else {}

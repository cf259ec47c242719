"""Skills before and after: the chart of first ratings against the latest, and rating again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header

from companion.dialogs.message import ChoiceDialog
from companion.dialogs.skills import RateSkillsDialog
from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request, safely
from companion.widgets.skills_chart import BREAKPOINTS, SkillsChart

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from companion.domain.base import Role
    from companion.programme.core import Programme


class SkillsScreen(StylesKept, Screen[None]):
    """Per person and skill: the first rating and the latest as two bars, the change in words."""

    TITLE = "Skills before and after"
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    DEFAULT_CSS = """
    SkillsScreen #skills { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "rate", "Rate my skills"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Show the skills of ``programme``'s pair."""
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        """The chart, filled by :meth:`refill`."""
        yield Header()
        with VerticalScroll(id="skills"):
            yield SkillsChart("No ratings yet: press r to rate your skills.")
        yield KeysFooter()

    async def on_mount(self) -> None:
        """Draw the chart before the first frame (which then has every row)."""
        if (drawing := self.refill()) is not None:
            await drawing

    def refill(self) -> AwaitMount | None:
        """Draw each person's skills from the latest ratings; return the mounting."""
        pair = self.programme.journal.pair()
        if pair is None:
            return None
        evaluation = self.programme.evaluation
        chart = self.query_one(SkillsChart)
        return chart.show(pair, {role: evaluation.growth(role) for role in ("mentee", "mentor")})

    def action_rate(self) -> None:
        """Ask who is rating, then show their skills to rate."""
        pair = self.programme.journal.pair()
        if pair is None:
            return

        def chosen(role: str | None) -> None:
            if role in ("mentor", "mentee"):
                self.rate(role)  # type: ignore[arg-type]

        self.app.push_screen(
            ChoiceDialog(
                "Who is rating their skills?",
                [
                    (f"{pair.mentee.name} (senior)", "mentee"),
                    (f"{pair.mentor.name} (junior)", "mentor"),
                ],
            ),
            chosen,
        )

    def rate(self, role: Role) -> None:
        """Show ``role``'s skills to rate; save the round, then look for new wins."""
        pair = self.programme.journal.pair()
        if pair is None:
            return
        evaluation = self.programme.evaluation
        latest = {c.skill: c.latest for c in evaluation.growth(role)}

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            saved = safely(self, lambda: evaluation.rate(role, values["scores"]), "The ratings")
            if saved is not None:
                self.notify("Ratings saved.", timeout=3)
                self.refill()
                self.post_message(Request("wins"))

        self.app.push_screen(
            RateSkillsDialog(pair.person(role).name, evaluation.skills(role), latest), done
        )

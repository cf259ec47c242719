"""Skills before and after: each person's first rating against the latest, per skill, as bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Static

from companion.dialogs.message import ChoiceDialog
from companion.dialogs.skills import RateSkillsDialog
from companion.formatting import short_date
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request, safely
from companion.widgets.safe_text import literal

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.domain.skills import SkillChange
    from companion.programme.core import Programme

SCALE_TOP = 5
"""The top of the rating scale (the bars' full length)."""


def rating_bar(rating: int, kind: str) -> ProgressBar:
    """Return a bar filled to ``rating`` of 5; ``kind`` (``first``/``latest``) sets its colour."""
    bar = ProgressBar(
        total=SCALE_TOP, show_eta=False, show_percentage=False, classes=f"rating {kind}"
    )
    bar.progress = rating
    return bar


def change_words(change: SkillChange) -> str:
    """Return the change in words with its sign: ``2 → 4 (+2)``."""
    if change.first_on == change.latest_on:
        return f"{change.latest} (rated once)"
    sign = f"{change.change:+d}" if change.change else "same"
    return f"{change.first} → {change.latest} ({sign})"


class SkillsScreen(Screen[None]):
    """Per person and skill: the first rating and the latest as two bars, the change in words."""

    TITLE = "Skills before and after"
    DEFAULT_CSS = """
    SkillsScreen #skills { padding: 0 1; }
    SkillsScreen .person { text-style: bold; margin-top: 1; }
    SkillsScreen .legend { color: $text-muted; }
    SkillsScreen .skill-row { height: 1; }
    SkillsScreen .skill-row .name { width: 28; }
    SkillsScreen .skill-row ProgressBar, SkillsScreen .skill-row .column { width: 1fr; }
    SkillsScreen .skill-row Bar { width: 1fr; }
    SkillsScreen .first Bar > .bar--bar { color: $secondary; }
    SkillsScreen .latest Bar > .bar--bar { color: $success; }
    SkillsScreen .skill-row .words { width: 22; padding-left: 1; }
    SkillsScreen .skill-row .up { color: $success; }
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
        yield VerticalScroll(id="skills")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Draw the chart."""
        self.refill()

    def refill(self) -> None:
        """Draw each person's skills from the latest ratings."""
        board = self.query_one("#skills", VerticalScroll)
        board.remove_children()
        pair = self.programme.journal.pair()
        if pair is None:
            return
        evaluation = self.programme.evaluation
        widgets: list[Static | Horizontal | Label] = []
        for role, who in (("mentee", "senior"), ("mentor", "junior")):
            person = pair.person(role)  # type: ignore[arg-type]
            changes = evaluation.growth(role)  # type: ignore[arg-type]
            title = f"{person.name} ({who})"
            if changes:
                title += f": first {short_date(changes[0].first_on)}, latest "
                title += short_date(max(c.latest_on for c in changes))
            widgets.append(Static(literal(title), classes="person"))
            if changes:
                widgets.append(
                    Horizontal(
                        Label("Skill", classes="name"),
                        Label("First rating (of 5)", classes="column"),
                        Label("Latest rating", classes="column"),
                        Label("Change", classes="words"),
                        classes="skill-row legend",
                    )
                )
            else:
                widgets.append(
                    Static("No ratings yet: press r to rate your skills.", classes="legend")
                )
            for change in changes:
                widgets.append(self._row(change))
        board.mount_all(widgets)

    def _row(self, change: SkillChange) -> Horizontal:
        words = Label(literal(change_words(change)), classes="words")
        if change.change > 0:
            words.add_class("up")
        return Horizontal(
            Label(literal(change.skill, keep_lines=False), classes="name"),
            rating_bar(change.first, "first"),
            rating_bar(change.latest, "latest"),
            words,
            classes="skill-row",
        )

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

"""The skills chart: per person and skill, the first rating and the latest as two bars.

Used by the skills screen and the closing session, so both draw it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Static

from companion.formatting import short_date
from companion.widgets.safe_text import literal

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from companion.domain.base import Role
    from companion.domain.pair import Pair
    from companion.domain.skills import SkillChange

SCALE_TOP = 5
"""The top of the rating scale (the bars' full length)."""

ORDER: tuple[tuple[Role, str], ...] = (("mentee", "senior"), ("mentor", "junior"))
"""Whose skills come first, and the word for each."""

BREAKPOINTS = [(0, "-narrow"), (64, "-wide")]
"""For a screen showing the chart: under 64 columns the bars give way to the words."""


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


def skill_row(change: SkillChange) -> Horizontal:
    """Return one skill's line: its name, the two bars and the change in words."""
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


class SkillsChart(Vertical):
    """Both people's skills, first rating against latest; :meth:`show` draws it.

    A screen showing it sets ``HORIZONTAL_BREAKPOINTS = BREAKPOINTS``: on a narrow
    screen each skill is its name (cut with an ellipsis) and the change in words.
    """

    SCOPED_CSS = False  # the narrow rules start at the screen; every rule names SkillsChart
    DEFAULT_CSS = """
    SkillsChart { height: auto; }
    SkillsChart .person { text-style: bold; margin-top: 1; }
    SkillsChart .legend { color: $text-muted; }
    SkillsChart .skill-row { height: 1; }
    SkillsChart .skill-row .name { width: 28; }
    SkillsChart .skill-row ProgressBar, SkillsChart .skill-row .column { width: 1fr; }
    SkillsChart .skill-row Bar { width: 1fr; }
    SkillsChart .first Bar > .bar--bar { color: $secondary; }
    SkillsChart .latest Bar > .bar--bar { color: $success; }
    SkillsChart .skill-row .words { width: 22; padding-left: 1; }
    SkillsChart .skill-row .up { color: $success; }
    .-narrow SkillsChart .skill-row .name {
        width: 1fr; text-wrap: nowrap; text-overflow: ellipsis;
    }
    .-narrow SkillsChart .skill-row ProgressBar { display: none; }
    .-narrow SkillsChart .skill-row .column { display: none; }
    .-narrow SkillsChart .skill-row .words { width: 15; }
    """

    def __init__(self, empty: str = "No ratings yet.", **kwargs: str) -> None:
        """``empty`` is said for a person with no ratings."""
        super().__init__(**kwargs)
        self._empty = empty

    def show(self, pair: Pair, growth: Mapping[Role, Sequence[SkillChange]]) -> AwaitMount:
        """Draw each person's first rating against the latest, per skill; return the mounting.

        A screen drawing the chart as it mounts awaits it: its first frame then has
        every row, not only the people's names.
        """
        self.remove_children()
        widgets: list[Static | Horizontal | Label] = []
        for role, who in ORDER:
            person = pair.person(role)
            changes = growth.get(role, ())
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
                widgets.append(Static(self._empty, classes="legend"))
            widgets.extend(skill_row(change) for change in changes)
        return self.mount_all(widgets)

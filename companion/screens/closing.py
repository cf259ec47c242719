"""The closing session: skills before and after, goals achieved, wins, what each keeps doing."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Static

from companion.dialogs.unsaved import UnsavedGuard
from companion.formatting import short_date
from companion.widgets.footer import KeysFooter
from companion.widgets.form import FormField
from companion.widgets.messages import safely
from companion.widgets.safe_text import literal
from companion.widgets.skills_chart import BREAKPOINTS, ORDER, SkillsChart

if TYPE_CHECKING:
    from companion.programme.core import Programme


def _line(text: Text) -> Static:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return Static(text, classes="line")


class ClosingScreen(UnsavedGuard, Screen[None]):
    """Look back together at the end of the programme, and say what each of you keeps doing."""

    TITLE = "Closing session"
    UNSAVED_WHAT = "what you will keep doing"
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    DEFAULT_CSS = """
    ClosingScreen #closing { padding: 0 1; scrollbar-gutter: stable; }
    ClosingScreen .section { text-style: bold; margin-top: 1; color: $accent; }
    ClosingScreen .intro { color: $text-muted; }
    ClosingScreen .line { text-wrap: nowrap; text-overflow: ellipsis; }
    ClosingScreen .row { height: auto; align-horizontal: right; }
    """
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("ctrl+s", "save", "Save what we keep doing"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Hold the closing session of ``programme``'s pair."""
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        """The look back, then a field per person."""
        said = {k.role: k.text for k in self.programme.evaluation.keep_doing()}
        yield Header()
        with VerticalScroll(id="closing"):
            yield Static(self._intro(), classes="intro")
            yield Label("Skills before and after", classes="section")
            yield SkillsChart("No ratings yet: rate your skills from the skills screen (e).")
            yield Label("Goals achieved", classes="section")
            yield from self._goals()
            yield Label("Wins", classes="section")
            yield from self._wins()
            yield Label("What will you each keep doing?", classes="section")
            for role, _ in ORDER:
                yield FormField("", f"keep-{role}", said.get(role, ""), max_length=2000)
            with Horizontal(classes="row"):
                yield Button("Save what we keep doing", variant="primary", id="save")
        yield KeysFooter()

    async def on_mount(self) -> None:
        """Name each person above their field (as text, never markup), and draw the chart.

        The chart is drawn before the first frame, which then has every row.
        """
        pair = self.programme.journal.pair()
        if pair is None:
            return
        for role, _ in ORDER:
            label = self.query_one(f"#field-keep-{role} .field-label", Label)
            label.update(literal(f"{pair.person(role).name} will keep doing…"))
        evaluation = self.programme.evaluation
        growth = {role: evaluation.growth(role) for role, _ in ORDER}
        await self.query_one(SkillsChart).show(pair, growth)

    def _intro(self) -> str:
        plan = self.programme.evaluation.timeline()
        if plan is None:
            return "Set up the pair first."
        held = f"{plan.held} session{'s' if plan.held != 1 else ''} held"
        if plan.today >= plan.end:
            return (
                f"The programme ended on {short_date(plan.end)}: {held} over "
                f"{plan.programme_weeks} weeks. Look back together, then say what you keep."
            )
        return (
            f"The programme runs until {short_date(plan.end)} ({held} so far). "
            "You can hold the closing session whenever you are ready."
        )

    def _goals(self) -> list[Static]:
        pair = self.programme.journal.pair()
        achieved = [g for g in self.programme.journal.goals() if g.status == "achieved"]
        if not achieved or pair is None:
            return [Static("No goal marked achieved yet.", classes="intro")]
        rows = []
        for goal in achieved:
            who = pair.person(goal.owner).name if goal.owner in ("mentor", "mentee") else "Both"
            rows.append(_line(Text.assemble("● ", goal.title, (f" · {who}", "dim"))))
        return rows

    def _wins(self) -> list[Static]:
        wins = self.programme.evaluation.wins()
        if not wins:
            return [Static("No wins recorded yet.", classes="intro")]
        return [
            _line(Text.assemble((f"{short_date(w.on)}  ", "bold"), ("★ ", "yellow"), w.title))
            for w in wins
        ]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save."""
        if event.button.id == "save":
            self.action_save()

    def action_save(self) -> None:
        """Save what each person will keep doing (an empty field leaves theirs as it was)."""
        evaluation = self.programme.evaluation
        saved_any = False
        for role, _ in ORDER:
            text = self.query_one(f"#field-keep-{role}", FormField).value
            if not text:
                continue
            said = functools.partial(evaluation.say_keep_doing, role, text)
            if safely(self, said, "What you keep doing") is None:
                return
            saved_any = True
        self.mark_clean()
        if saved_any:
            self.notify("Saved: it is in the report under “What we achieved”.", timeout=4)

    def action_leave(self) -> None:
        """Go back; unsaved words ask "Save, discard or keep editing?" first."""
        self.save_then_pop(self.action_save)

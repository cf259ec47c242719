"""First run: a short wizard, one step at a time, that sets up the pair and its programme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    Header,
    Input,
    Label,
    SelectionList,
    Static,
)

from companion.dialogs.expectation import theme_ticks
from companion.dialogs.start_date import confirm_start
from companion.domain.goals import Goal
from companion.domain.pair import Expectations
from companion.widgets.footer import KeysFooter
from companion.widgets.form import FormField
from companion.widgets.messages import safely
from companion.widgets.pair_form import PeopleFields, RhythmFields, show_errors, validate_pair
from companion.widgets.ticks import WrapTickList

if TYPE_CHECKING:
    from companion.programme.core import Programme

STEPS = ("people", "rhythm", "agreement", "hopes")
TITLES = {
    "people": "Who is in the pair",
    "rhythm": "How you will meet",
    "agreement": "Your agreement",
    "hopes": "Expectations and first goals",
}
FALLBACK_RULES = (
    "We meet at the agreed time and say early if we cannot.",
    "What we discuss stays between us unless we both agree to share it.",
    "Either of us can pause or end the programme by saying so.",
)


class OnboardingScreen(Screen[bool]):
    """The first-run wizard: people, rhythm, agreement, expectations and goals."""

    TITLE = "Welcome to Companion"
    DEFAULT_CSS = """
    OnboardingScreen #wizard { width: 80; max-width: 100%; height: 1fr; padding: 0 1; }
    OnboardingScreen { align-horizontal: center; }
    OnboardingScreen #step-title { text-style: bold; padding: 1 0 0 0; }
    OnboardingScreen #step-count { color: $text-muted; }
    OnboardingScreen ContentSwitcher { height: 1fr; }
    OnboardingScreen .hint { color: $text-muted; margin-bottom: 1; }
    OnboardingScreen SelectionList { height: auto; max-height: 12; }
    OnboardingScreen #hopes SelectionList { max-height: 8; margin-bottom: 1; }
    OnboardingScreen #nav { height: auto; align-horizontal: right; padding: 0 0 1 0; }
    OnboardingScreen #nav Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+n", "finish_step", "Finish"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, programme: Programme) -> None:
        """Set up the pair of ``programme``."""
        super().__init__()
        self.programme = programme
        self.step = 0

    def _suggested_rules(self) -> list[str]:
        module = self.programme.curriculum.modules.get("getting-started")
        return list(module.ground_rules) if module and module.ground_rules else list(FALLBACK_RULES)

    def compose(self) -> ComposeResult:
        """Lay out every step; only the current one is shown."""
        today = self.programme.today()
        yield Header()
        with Vertical(id="wizard"):
            yield Label("", id="step-title")
            yield Label("", id="step-count")
            with ContentSwitcher(initial="people"):
                with VerticalScroll(id="people"):
                    yield Static(
                        "Companion is for one pair at one laptop. Tell it who you are.",
                        classes="hint",
                    )
                    yield PeopleFields(id="people-fields")
                with VerticalScroll(id="rhythm"):
                    yield Static(
                        "Most pairs meet fortnightly or monthly for 45 to 60 minutes, "
                        "over about six months.",
                        classes="hint",
                    )
                    yield RhythmFields(today=today, id="rhythm-fields")
                with VerticalScroll(id="agreement"):
                    yield Static(
                        "Pick the ground rules you both agree to (Space ticks one), "
                        "and add your own.",
                        classes="hint",
                    )
                    rules = self._suggested_rules()
                    yield WrapTickList(*[(rule, rule, True) for rule in rules], id="rules")
                    yield FormField(
                        "Add a rule of your own (Enter adds it)", "own-rule", max_length=300
                    )
                with VerticalScroll(id="hopes"):
                    yield Static(
                        "A sentence each, and a first goal in each direction. "
                        "You can skip this and add them later.",
                        classes="hint",
                    )
                    for role, words in (("mentor", "junior mentor"), ("mentee", "senior mentee")):
                        yield FormField(
                            f"What the {words} hopes to get from this",
                            f"hope-{role}",
                            max_length=500,
                        )
                        yield Label("…and what it is about (Space ticks a theme)")
                        yield theme_ticks([], f"themes-{role}")
                    yield FormField(
                        "The senior's first goal (digital learning)", "goal-mentee", max_length=200
                    )
                    yield FormField(
                        "The junior's first goal (leadership growth)", "goal-mentor", max_length=200
                    )
            with Horizontal(id="nav"):
                yield Button("Back", id="back")
                yield Button("Next", variant="primary", id="next")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Show the first step."""
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers "Next" on every step but the last, which offers "Finish"."""
        last = self.step == len(STEPS) - 1
        if action == "next":
            return not last
        if action == "finish_step":
            return last
        return True

    def action_finish_step(self) -> None:
        """Ctrl+N on the last step: check it and finish."""
        self.action_next()

    def _show(self) -> None:
        self.refresh_bindings()
        name = STEPS[self.step]
        self.query_one(ContentSwitcher).current = name
        self.query_one("#step-title", Label).update(TITLES[name])
        self.query_one("#step-count", Label).update(f"Step {self.step + 1} of {len(STEPS)}")
        self.query_one("#back", Button).disabled = self.step == 0
        last = self.step == len(STEPS) - 1
        self.query_one("#next", Button).label = "Finish" if last else "Next"
        first_input = (
            self.query_one(f"#{name}").query(Input).first(Input) if name != "agreement" else None
        )
        if first_input is not None:
            first_input.focus()
        else:
            self.query_one("#rules", SelectionList).focus()

    def _pair_data(self) -> dict[str, Any]:
        people = self.query_one(PeopleFields).values()
        return {**people, **self.query_one(RhythmFields).values(), "agreement": self._rules()}

    def _rules(self) -> list[str]:
        return list(self.query_one("#rules", SelectionList).selected)

    def _step_valid(self) -> bool:
        name = STEPS[self.step]
        if name not in ("people", "rhythm"):
            return True
        _, errors = validate_pair(self._pair_data())
        container = self.query_one(PeopleFields if name == "people" else RhythmFields)
        if name == "rhythm" and "(the whole record)" in errors:
            errors.pop("(the whole record)")
        errors.update(self.query_one(RhythmFields).date_errors())
        return not show_errors(container, errors)

    def action_next(self) -> None:
        """Go to the next step if this one is valid; finish on the last.

        A start more than a year back or ahead is asked about before moving on.
        """
        if not self._step_valid():
            return
        started = self.query_one(RhythmFields).started_on()
        if STEPS[self.step] == "rhythm" and started is not None:
            confirm_start(self, started, self.programme.today(), self._advance)
        else:
            self._advance()

    def _advance(self) -> None:
        if self.step == len(STEPS) - 1:
            self.finish()
        else:
            self.step += 1
            self._show()

    def action_back(self) -> None:
        """Go back a step."""
        if self.step > 0:
            self.step -= 1
            self._show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Back and Next buttons."""
        if event.button.id == "next":
            self.action_next()
        elif event.button.id == "back":
            self.action_back()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter adds a ground rule in that field, and moves on everywhere else."""
        if event.input.id == "input-own-rule":
            rule = event.value.strip()
            if rule:
                rules = self.query_one("#rules", SelectionList)
                if rule not in self._rules():
                    rules.add_option((rule, rule, True))
                event.input.value = ""
            return
        self.action_next()

    def finish(self) -> None:
        """Validate everything, save the pair and goals, and open the dashboard."""
        data = self._pair_data()
        data["expectations"] = Expectations(
            mentor=self.query_one("#field-hope-mentor", FormField).value,
            mentee=self.query_one("#field-hope-mentee", FormField).value,
        )
        pair, errors = validate_pair(data)
        if pair is None:
            self.step = 0 if any(k.startswith(("mentor", "mentee")) for k in errors) else 1
            self._show()
            self._step_valid()
            return
        journal = self.programme.journal
        today = self.programme.today()
        goals = [
            Goal(owner=owner, title=title, status="not-started", updated_on=today)
            for owner in ("mentee", "mentor")
            if (title := self.query_one(f"#field-goal-{owner}", FormField).value)
        ]

        hopes = [
            (role, hope, list(self.query_one(f"#themes-{role}", SelectionList).selected))
            for role in ("mentor", "mentee")
            if (hope := self.query_one(f"#field-hope-{role}", FormField).value)
        ]

        def write() -> bool:
            journal.save_pair(pair)
            for goal in goals:
                journal.save_goal(goal)
            for role, hope, themes in hopes:
                self.programme.evaluation.say_expectation(role, hope, themes, "onboarding")
            return True

        if safely(self, write, "the pair"):
            self.dismiss(True)

"""Reviewing glossary cards with FSRS: term, reveal, answer 1-4; every answer saved at once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from companion.domain.review_queue import format_interval
from companion.domain.scheduling import RATING_NAMES, outcomes
from companion.formatting import plural
from companion.screens.restyle import StylesKept
from companion.widgets.footer import KeysFooter
from companion.widgets.messages import Request, safely
from companion.widgets.safe_text import plain_line

if TYPE_CHECKING:
    from companion.domain.base import Role
    from companion.domain.cards import CardState, ReviewLog
    from companion.programme.core import Programme


LEARNING_AGAIN = timedelta(minutes=20)
"""A card due again within this time comes back later in the same review."""


@dataclass(frozen=True)
class _Answer:
    """An answer given, kept until it is saved: enough to go back to its card."""

    position: int
    rating: int
    outcomes: dict[int, tuple[CardState, ReviewLog, timedelta]]
    again_today: bool


class ReviewScreen(StylesKept, Screen[None]):
    """One person's review for today."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    """Below 60 columns the four answers go two by two, one line each, so all four show."""
    DEFAULT_CSS = """
    ReviewScreen #card { height: 1fr; align: center middle; scrollbar-size-vertical: 1; }
    ReviewScreen #face {
        width: 80; max-width: 100%; height: auto; border: round $accent; padding: 1 2;
    }
    ReviewScreen #answers { height: auto; align-horizontal: center; }
    ReviewScreen #answers Button { margin: 0 1; min-width: 14; }
    ReviewScreen #progress { height: 1; color: $text-muted; padding: 0 1; }
    ReviewScreen.-narrow #face { padding: 0 1; }
    ReviewScreen.-narrow #answers { layout: grid; grid-size: 2; grid-gutter: 0 1; padding: 0 1; }
    ReviewScreen.-narrow #answers Button {
        width: 1fr; min-width: 0; height: 1; border: none; margin: 0;
    }
    """
    BINDINGS = [
        Binding("space", "reveal", "Show answer"),
        Binding("1", "answer(1)", "Again"),
        Binding("2", "answer(2)", "Hard"),
        Binding("3", "answer(3)", "Good"),
        Binding("4", "answer(4)", "Easy"),
        Binding("escape", "stop", "Stop"),
    ]

    def __init__(self, programme: Programme, role: Role) -> None:
        """Review ``role``'s cards of ``programme``."""
        super().__init__()
        self.programme = programme
        self.role = role
        self.queue: list[str] = []
        self.position = 0
        self.revealed = False
        self.shown_at = 0.0
        self.started = time.monotonic()
        self.total = 0
        """How many cards were due when the review started (fixed: "Card 3 of 11")."""
        self.counts: dict[int, int] = dict.fromkeys(RATING_NAMES, 0)
        """How many answers of each rating were given in this sitting."""
        self.finished = False
        self._outcomes: dict[int, tuple[CardState, ReviewLog, timedelta]] = {}
        self._pending: tuple[CardState, ReviewLog, _Answer] | None = None
        """An answer shown as given but not saved yet (saved right after the next draw)."""

    def compose(self) -> ComposeResult:
        """The card and the four answers."""
        yield Header()
        yield Static(id="progress")
        with VerticalScroll(id="card"):
            yield Static(id="face")
        with Horizontal(id="answers"):
            for rating, name in RATING_NAMES.items():
                yield Button(name, id=f"answer-{rating}", disabled=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Build today's queue and show the first card."""
        pair = self.programme.journal.pair()
        self.title = "Review"
        self.sub_title = plain_line(pair.person(self.role).name if pair else self.role)
        self.scheduler = self.programme.cards.scheduler()
        self.queue = self.programme.cards.queue(self.role)
        self.total = len(self.queue)
        self.show_card()
        self.query_one("#card", VerticalScroll).focus()  # arrows and PageUp/Down scroll it

    @property
    def reviewed(self) -> int:
        """How many answers were saved in this sitting."""
        return sum(self.counts.values())

    @property
    def again(self) -> int:
        """How many of them were Again."""
        return self.counts[1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Space before the answer is shown and 1-4 after it (the footer follows)."""
        if action == "reveal":
            return not self.finished and not self.revealed
        if action == "answer":
            return not self.finished and self.revealed
        return True

    def progress(self, hint: str) -> str:
        """The counter: "Card 3 of 11", or which returning card this is, then ``hint``."""
        coming_back = len(self.queue) - max(self.position, self.total)
        if self.position < self.total:
            text = f"Card {self.position + 1} of {self.total}"
            if coming_back:
                text += f" · Again: {plural(coming_back, 'card')} coming back"
        else:
            left = len(self.queue) - self.position
            text = f"Coming back: {plural(left, 'card')} left"
        return f"{text} · {hint}"

    def show_card(self) -> None:
        """Show the term of the current card (or the summary at the end)."""
        if self.position >= len(self.queue):
            self.show_summary()
            return
        card = self.programme.cards.all()[self.queue[self.position]]
        self.revealed = False
        self.refresh_bindings()
        self.shown_at = time.monotonic()
        self.query_one("#face", Static).update(Text(card.term, style="bold"))
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self.query_one("#progress", Static).update(self.progress("Space shows the answer"))
        for button in self.query("#answers Button").results(Button):
            button.disabled = True
            button.label = RATING_NAMES[int(str(button.id).split("-")[1])]

    def action_reveal(self) -> None:
        """Show the definition and example, and what each answer would do."""
        self.save_pending()
        if self.revealed or self.position >= len(self.queue):
            return
        state = self.programme.cards.state(self.queue[self.position], self.role)
        self._outcomes = outcomes(self.scheduler, state, self.programme.now())
        self._show_answer()

    def _show_answer(self) -> None:
        """Draw the current card's answer side and the answers' outcomes."""
        card = self.programme.cards.all()[self.queue[self.position]]
        text = Text()
        text.append(card.term + "\n\n", style="bold")
        text.append(card.definition + "\n")
        if card.example:
            text.append("\n" + card.example, style="italic")
        self.query_one("#face", Static).update(text)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        for rating, (_, _, wait) in self._outcomes.items():
            button = self.query_one(f"#answer-{rating}", Button)
            button.label = (
                f"{rating} {RATING_NAMES[rating]} · {format_interval(wait.total_seconds())}"
            )
            button.disabled = False
        self.revealed = True
        self.refresh_bindings()
        self.query_one("#progress", Static).update(self.progress("answer with 1 to 4"))

    def action_answer(self, rating: int) -> None:
        """Show the next card, then save the answer (saved before anything else happens).

        The save runs once the next card is drawn, and before anything else the
        review does (another answer, Escape, leaving); when it fails, the
        answered card comes back with its answers, as it was, and the error is
        reported.
        """
        self.save_pending()
        if not self.revealed or rating not in self._outcomes or self.position >= len(self.queue):
            return
        state, log, wait = self._outcomes[rating]
        took = int((time.monotonic() - self.shown_at) * 1000)
        log = log.model_copy(update={"duration_ms": took})
        answered = _Answer(self.position, rating, self._outcomes, wait <= LEARNING_AGAIN)
        self.counts[rating] += 1
        self.revealed = False
        self._outcomes = {}
        if answered.again_today:
            self.queue.append(self.queue[self.position])  # a learning step: see it again today
        self.position += 1
        self._pending = (state, log, answered)
        self.show_card()
        self.call_after_refresh(self.save_pending)

    def save_pending(self, *, redraw: bool = True) -> bool:
        """Save the answer given last, if it is not saved yet; return False when that failed.

        On failure the answered card comes back (with ``redraw``) and the error is reported.
        """
        if self._pending is None:
            return True
        state, log, answered = self._pending
        self._pending = None
        if (
            safely(self, lambda: self.programme.cards.record_review(state, log), "Your answer")
            is not None
        ):
            return True
        if not redraw:
            return False
        self.counts[answered.rating] -= 1
        if answered.again_today:
            self.queue.pop()
        self.position = answered.position
        self.finished = False
        self.show_card()
        self._outcomes = answered.outcomes
        self._show_answer()
        return False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click on an answer."""
        if event.button.id and event.button.id.startswith("answer-"):
            self.action_answer(int(event.button.id.split("-")[1]))

    def on_unmount(self) -> None:
        """Leaving the review: save the last answer, look for new wins (cards learned)."""
        self.save_pending(redraw=False)
        if self.reviewed:
            self.app.post_message(Request("wins"))

    def action_stop(self) -> None:
        """Stop: show the summary of what was reviewed; Escape on the summary leaves."""
        if not self.save_pending():
            return  # the last answer could not be saved: its card is back
        if self.finished or self.reviewed == 0:
            self.app.pop_screen()
        else:
            self.show_summary()

    def summary(self) -> Text:
        """What this sitting did: cards reviewed, each rating's count, when the next is due."""
        text = Text()
        if self.reviewed == 0:
            text.append("Nothing to review right now.\n", style="bold")
        else:
            spent = int(time.monotonic() - self.started)
            text.append(f"{plural(self.reviewed, 'card')} reviewed", style="bold")
            text.append(f" in {spent // 60} min {spent % 60} s\n\n")
            text.append(
                " · ".join(f"{name} {self.counts[r]}" for r, name in RATING_NAMES.items()) + "\n"
            )
            left = len(self.queue) - self.position
            if left > 0:
                text.append(f"{plural(left, 'card')} not reviewed yet: still due today.\n")
        states = self.programme.cards.states(self.role)
        upcoming = [s.due for s in states if not s.is_new]
        if upcoming:
            due = min(upcoming).astimezone().strftime("%a %d %b %H:%M")
            text.append(f"Next card due: {due}\n")
        text.append("\nEscape goes back.", style="dim")
        return text

    def show_summary(self) -> None:
        """Say how it went and when the next card is due."""
        if not self.save_pending():
            return  # the last answer could not be saved: its card is back
        self.revealed = False
        self.finished = True
        self._outcomes = {}
        self.refresh_bindings()
        self.query_one("#face", Static).update(self.summary())
        self.query_one("#progress", Static).update("Done for now")
        for button in self.query("#answers Button").results(Button):
            button.disabled = True

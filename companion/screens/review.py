"""Reviewing glossary cards with FSRS: term, reveal, answer 1-4; every answer saved at once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from companion.domain.review_queue import format_interval
from companion.domain.scheduling import RATING_NAMES, outcomes
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


class ReviewScreen(Screen[None]):
    """One person's review for today."""

    DEFAULT_CSS = """
    ReviewScreen #card { height: 1fr; align: center middle; }
    ReviewScreen #face {
        width: 80; max-width: 100%; height: auto; border: round $accent; padding: 1 2;
    }
    ReviewScreen #answers { height: auto; align-horizontal: center; }
    ReviewScreen #answers Button { margin: 0 1; min-width: 14; }
    ReviewScreen #progress { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "stop", "Stop"),
        Binding("space", "reveal", "Show answer"),
        Binding("1", "answer(1)", "Again", show=False),
        Binding("2", "answer(2)", "Hard", show=False),
        Binding("3", "answer(3)", "Good", show=False),
        Binding("4", "answer(4)", "Easy", show=False),
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
        self.reviewed = 0
        self.again = 0
        self._outcomes: dict[int, tuple[CardState, ReviewLog, timedelta]] = {}
        self._pending: tuple[CardState, ReviewLog, _Answer] | None = None
        """An answer shown as given but not saved yet (saved right after the next draw)."""

    def compose(self) -> ComposeResult:
        """The card and the four answers."""
        yield Header()
        yield Static(id="progress")
        with Vertical(id="card"):
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
        self.show_card()

    def show_card(self) -> None:
        """Show the term of the current card (or the summary at the end)."""
        if self.position >= len(self.queue):
            self.show_summary()
            return
        card = self.programme.cards.all()[self.queue[self.position]]
        self.revealed = False
        self.shown_at = time.monotonic()
        self.query_one("#face", Static).update(Text(card.term, style="bold"))
        self.query_one("#progress", Static).update(
            f"Card {self.position + 1} of {len(self.queue)} · Space shows the answer"
        )
        for button in self.query("#answers Button").results(Button):
            button.disabled = True
            button.label = RATING_NAMES[int(str(button.id).split("-")[1])]

    def action_reveal(self) -> None:
        """Show the definition and example, and what each answer would do."""
        self.save_pending()
        if self.revealed or self.position >= len(self.queue):
            return
        card_id = self.queue[self.position]
        state = self.programme.cards.state(card_id, self.role)
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
        for rating, (_, _, wait) in self._outcomes.items():
            button = self.query_one(f"#answer-{rating}", Button)
            button.label = (
                f"{rating} {RATING_NAMES[rating]} · {format_interval(wait.total_seconds())}"
            )
            button.disabled = False
        self.revealed = True
        self.query_one("#progress", Static).update(
            f"Card {self.position + 1} of {len(self.queue)} · answer with 1 to 4"
        )

    def action_answer(self, rating: int) -> None:
        """Show the next card, then save the answer (nothing is lost if the app stops here).

        The save runs once the next card is drawn, and before anything else
        the review does; when it fails, the answered card comes back with its
        answers, as it was, and the error is reported.
        """
        self.save_pending()
        if not self.revealed or rating not in self._outcomes or self.position >= len(self.queue):
            return
        state, log, wait = self._outcomes[rating]
        took = int((time.monotonic() - self.shown_at) * 1000)
        log = log.model_copy(update={"duration_ms": took})
        answered = _Answer(self.position, rating, self._outcomes, wait <= LEARNING_AGAIN)
        self.reviewed += 1
        self.again += rating == 1
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
        self.reviewed -= 1
        self.again -= answered.rating == 1
        if answered.again_today:
            self.queue.pop()
        self.position = answered.position
        self.show_card()
        self._outcomes = answered.outcomes
        self._show_answer()
        return False

    def action_stop(self) -> None:
        """Stop the review (once the last answer is saved)."""
        if self.save_pending():
            self.app.pop_screen()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click on an answer."""
        if event.button.id and event.button.id.startswith("answer-"):
            self.action_answer(int(event.button.id.split("-")[1]))

    def on_unmount(self) -> None:
        """Leaving the review: save the last answer, look for new wins (cards learned)."""
        self.save_pending(redraw=False)
        if self.reviewed:
            self.app.post_message(Request("wins"))

    def show_summary(self) -> None:
        """Say how it went and when the next card is due."""
        self.save_pending()
        if self.position < len(self.queue):
            return  # the last answer could not be saved: its card is back
        self.revealed = False
        self._outcomes = {}
        states = self.programme.cards.states(self.role)
        upcoming = [s.due for s in states if not s.is_new]
        spent = int(time.monotonic() - self.started)
        text = Text()
        if self.reviewed == 0:
            text.append("Nothing to review right now.\n", style="bold")
        else:
            text.append(f"{self.reviewed} cards reviewed", style="bold")
            text.append(f" · {self.again} Again · {spent // 60} min {spent % 60} s\n")
        if upcoming:
            text.append(f"Next card due: {min(upcoming).astimezone().strftime('%a %d %b %H:%M')}\n")
        text.append("\nEscape goes back.", style="dim")
        self.query_one("#face", Static).update(text)
        self.query_one("#progress", Static).update("Done for now")
        for button in self.query("#answers Button").results(Button):
            button.disabled = True

"""The session runner: agenda with countdowns, the lesson beside shared notes, autosaved."""

from __future__ import annotations

from datetime import date, timedelta
from time import monotonic
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from companion.dialogs.card import CardDialog
from companion.dialogs.forms import ActionDialog, TermDialog
from companion.dialogs.same_term import OPEN_EXISTING
from companion.domain.base import LONG_TEXT_MAX
from companion.domain.pair import CADENCE_DAYS
from companion.domain.session_rules import SessionClock
from companion.domain.sessions import ActionItem, Session
from companion.screens.reader import brief
from companion.screens.session_wrapup import WrapUpFlow
from companion.widgets.footer import KeysFooter
from companion.widgets.limits import LimitedTextArea
from companion.widgets.messages import safely
from companion.widgets.safe_text import literal, plain_line

if TYPE_CHECKING:
    from textual.timer import Timer

    from companion.programme.core import Programme

AUTOSAVE_SECONDS = 2.0
"""The running clock is saved this often (typing is saved sooner: see NOTES_DEBOUNCE_SECONDS)."""

NOTES_DEBOUNCE_SECONDS = 0.5
"""Notes are saved this long after the last keystroke, so a crash loses at most this much."""


def clock(seconds: int) -> str:
    """Return ``seconds`` as ``m:ss`` (``-m:ss`` when negative)."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{secs:02d}"


class SessionScreen(WrapUpFlow, Screen[None]):
    """Runs one session; leaving it keeps the session open for later."""

    DEFAULT_CSS = """
    SessionScreen #lesson-panel { width: 2fr; border-right: vkey $foreground 20%; padding: 0 1; }
    SessionScreen #work { width: 3fr; padding: 0 1; }
    SessionScreen.-no-lesson #lesson-panel { display: none; }
    SessionScreen #timer { height: auto; text-style: bold; }
    SessionScreen #timer.-over { color: $warning; }
    SessionScreen #agenda { height: auto; max-height: 7; border: none; padding: 0; }
    SessionScreen #notes { height: 1fr; min-height: 4; }
    SessionScreen #follow-up { height: auto; max-height: 8; border: none; }
    SessionScreen.-no-follow-up #follow-up { display: none; }
    SessionScreen.-no-follow-up #follow-label { display: none; }
    SessionScreen #status { height: 1; color: $text-muted; }
    """
    BINDINGS = [
        # The footer shows these in this order; the rest are in help (F1).
        Binding("ctrl+f", "wrap_up", "Wrap up", priority=True),
        Binding("ctrl+o", "add_action", "Action", priority=True),
        Binding("ctrl+g", "capture_term", "Term", priority=True),
        Binding("ctrl+r", "private_notes", "Private", priority=True),
        Binding("ctrl+t", "toggle_timer", "Pause", priority=True),
        Binding("escape", "leave", "Leave", show=False),
        Binding("ctrl+down", "segment(1)", "Next part", priority=True, show=False),
        Binding("ctrl+up", "segment(-1)", "Previous part", priority=True, show=False),
        Binding("ctrl+l", "toggle_lesson", "Lesson", priority=True, show=False),
    ]

    def __init__(self, programme: Programme, session: Session) -> None:
        """Run ``session`` (new or resumed)."""
        super().__init__()
        self.programme = programme
        self.session = session
        self.dirty = False
        self.warned_segment = -1
        self.clock = SessionClock(
            base=float(session.elapsed_seconds), segment_base=float(session.segment_seconds)
        )
        self._debounce: Timer | None = None
        self.closed = False
        """True once the session is finished or discarded: nothing more is saved from here."""

    @property
    def running(self) -> bool:
        """Whether the session's clock is counting."""
        return self.clock.running

    @running.setter
    def running(self, value: bool) -> None:
        now = monotonic()
        if value:
            self.clock.start(now)
        else:
            self._sync_clock(now)
            self.clock.pause(now)

    def compose(self) -> ComposeResult:
        """Lesson on the left, timer, agenda and notes on the right."""
        yield Header()
        with Horizontal():
            with VerticalScroll(id="lesson-panel"):
                yield Static(self._lesson_text(), id="lesson-text")
            with Vertical(id="work"):
                yield Static(id="timer")
                yield OptionList(id="agenda")
                yield Label(
                    "Open actions from earlier sessions (Space ticks one off)", id="follow-label"
                )
                yield SelectionList[str](id="follow-up")
                yield Label("Shared notes (saved as you type)")
                yield LimitedTextArea(
                    self.session.shared_notes, max_length=LONG_TEXT_MAX, id="notes"
                )
                yield Static(id="status")
        yield KeysFooter()

    def _lesson_text(self) -> Text:
        lessons = self.programme.curriculum.lessons
        text = Text()
        for lesson_id in self.session.lesson_ids:
            lesson = lessons.get(lesson_id)
            if lesson is not None:
                text.append(plain_line(lesson.title) + "\n", style="bold")
                text.append_text(brief(lesson))
                text.append("\n")
        if not text:
            text.append("No lesson for this session: use the notes freely.", style="dim")
        return text

    def on_mount(self) -> None:
        """Start the clock, autosave, and the agenda."""
        titles = [
            self.programme.curriculum.lessons[i].title
            for i in self.session.lesson_ids
            if i in self.programme.curriculum.lessons
        ]
        self.title = plain_line("Session" + (f": {', '.join(titles)}" if titles else ""))
        self.sub_title = self.session.date.strftime("%a %d %b %Y")
        if self.app.size.width < 80:
            self.add_class("-no-lesson")
        self._show_agenda()
        self._show_follow_up()
        self.set_interval(1.0, self._tick)
        self.set_interval(AUTOSAVE_SECONDS, self.flush)
        self.running = True
        self._show_timer()
        self.query_one("#notes", TextArea).focus()

    # -- timer ----------------------------------------------------------------------

    def _current(self) -> tuple[str, int]:
        agenda = self.session.agenda
        if not agenda:
            return "Session", self.session.minutes * 60
        item = agenda[min(self.session.segment, len(agenda) - 1)]
        return item.title, item.minutes * 60

    def _sync_clock(self, now: float | None = None) -> None:
        """Copy the clock's reading (monotonic, pauses excluded) into the session."""
        now = monotonic() if now is None else now
        elapsed = int(self.clock.elapsed(now))
        segment = int(self.clock.segment_elapsed(now))
        if (elapsed, segment) != (self.session.elapsed_seconds, self.session.segment_seconds):
            self.session = self.session.model_copy(
                update={"elapsed_seconds": elapsed, "segment_seconds": segment}
            )
            self.dirty = True

    def _tick(self) -> None:
        if not self.running:
            return
        self._sync_clock()
        self._show_timer()

    def _show_timer(self) -> None:
        title, length = self._current()
        left = length - self.session.segment_seconds
        total_left = self.session.minutes * 60 - self.session.elapsed_seconds
        state = "" if self.running else "  (paused)"
        timer = self.query_one("#timer", Static)
        timer.update(
            literal(f"{title}: {clock(left)} left · session {clock(total_left)} left{state}")
        )
        over = left < 0
        timer.set_class(over, "-over")
        if over and self.warned_segment != self.session.segment:
            self.warned_segment = self.session.segment
            self.notify(
                f"“{plain_line(title)}” has run over its time. Move on when you are ready.",
                timeout=6,
                markup=False,
            )

    def _show_follow_up(self) -> None:
        """During the follow-up part, list open actions from earlier sessions to tick off."""
        on_follow_up = (
            bool(self.session.agenda)
            and self.session.agenda[min(self.session.segment, len(self.session.agenda) - 1)].key
            == "follow-up"
        )
        items = [
            a
            for a in self.programme.journal.actions()
            if not a.done and a.session_id != self.session.id
        ]
        self.set_class(not (on_follow_up and items), "-no-follow-up")
        listing = self.query_one("#follow-up", SelectionList)
        listing.clear_options()
        for item in items:
            due = f" (due {item.due.isoformat()})" if item.due else ""
            listing.add_option((f"{item.text}{due}", item.id))
        if items:
            listing.highlighted = 0

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        """Tick an action item off (or back on) and save it at once."""
        journal = self.programme.journal
        item = journal.action(event.selection.value)
        if item is None:
            return
        done = event.selection.value in event.selection_list.selected
        updated = item.model_copy(
            update={"done": done, "done_on": self.session.date if done else None}
        )
        safely(self, lambda: journal.save_action(updated), "The action item")

    def _show_agenda(self) -> None:
        agenda = self.query_one("#agenda", OptionList)
        agenda.clear_options()
        for index, item in enumerate(self.session.agenda):
            mark = "▶ " if index == self.session.segment else "  "
            agenda.add_option(
                Option(literal(f"{mark}{item.title} · {item.minutes} min"), id=str(index))
            )
        if self.session.agenda:
            agenda.highlighted = min(self.session.segment, len(self.session.agenda) - 1)

    def action_toggle_timer(self) -> None:
        """Pause or resume the clock."""
        self.running = not self.running
        self._show_timer()

    def action_segment(self, step: int) -> None:
        """Move to the next (1) or previous (-1) part of the agenda."""
        target = self.session.segment + step
        if 0 <= target < len(self.session.agenda):
            self._sync_clock()
            self.clock.next_segment(monotonic())
            self.session = self.session.model_copy(update={"segment": target, "segment_seconds": 0})
            self.dirty = True
            self._show_agenda()
            self._show_timer()
            self._show_follow_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to a part of the agenda."""
        if event.option.id is not None:
            self.action_segment(int(event.option.id) - self.session.segment)

    # -- saving ---------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Save the notes half a second after the last keystroke."""
        if event.text_area.id == "notes" and self._sync_notes(event.text_area):
            if self._debounce is not None:
                self._debounce.stop()
            self._debounce = self.set_timer(NOTES_DEBOUNCE_SECONDS, self.flush)

    def _sync_notes(self, area: TextArea | None = None) -> bool:
        """Copy the notes as shown in ``area`` (found when not given) into the session.

        Return True if they changed. Saving reads the editor itself, not only the
        last ``Changed`` handled: keys typed just before a signal can be on screen
        while their messages still wait.
        """
        if area is None and self.is_attached:
            area = next(self.query("#notes").results(TextArea), None)
        if area is None:
            return False
        text = area.text
        if text == self.session.shared_notes:
            return False
        self.session = self.session.model_copy(update={"shared_notes": text})
        self.dirty = True
        return True

    def on_descendant_blur(self) -> None:
        """Focus moved: save what was typed."""
        self.flush()

    def on_screen_suspend(self) -> None:
        """Another screen or dialog came on top: save what was typed."""
        self.flush()

    def save_on_exit(self) -> None:
        """The app is quitting (Ctrl+Q, SIGHUP, SIGTERM): save what is on screen."""
        self.flush()

    def flush(self) -> bool:
        """Save the session if anything changed; return False if the save failed."""
        if self.closed:
            return True
        if self.is_attached and self.running:
            self._sync_clock()
        self._sync_notes()
        if not self.dirty:
            return True
        saved = safely(self, lambda: self.programme.sessions.save(self.session), "The session")
        if saved is None and self.is_attached:
            self.query_one("#status", Static).update("Not saved: see the message")
        if saved is None:
            return False
        self.dirty = False
        if self.is_attached:
            self.query_one("#status", Static).update("Saved")
        return True

    def action_leave(self) -> None:
        """Save and leave; the session stays open and is offered again on the next start."""
        if self.flush():
            self.app.pop_screen()
            self.notify("The session is saved and stays open: resume it from the dashboard.")

    # -- actions, terms, private notes, lesson panel --------------------------------------

    def _next_date(self) -> date:
        pair = self.programme.journal.pair()
        days = CADENCE_DAYS[pair.cadence] if pair else 14
        return self.session.date + timedelta(days=days)

    def action_add_action(self) -> None:
        """Add an action item with an owner and a due date."""

        def done(values: dict[str, Any] | None) -> None:
            if values:
                item = ActionItem(session_id=self.session.id, **values)
                if safely(
                    self, lambda: self.programme.journal.save_action(item), "The action item"
                ):
                    self.notify(f"Action added: {plain_line(item.text)}", timeout=3, markup=False)

        names = self.programme.journal.first_names()
        owners = [(names["mentee"], "mentee"), (names["mentor"], "mentor"), ("Both", "shared")]
        dialog = ActionDialog(self._next_date(), self.session.date, owners=owners)
        self.app.push_screen(dialog, done)

    def action_capture_term(self) -> None:
        """Turn a term that came up into a glossary card linked to this session."""

        def done(values: dict[str, Any] | None) -> None:
            if values and OPEN_EXISTING in values:
                existing = self.programme.cards.get(values[OPEN_EXISTING])
                if existing is not None:
                    self.app.push_screen(CardDialog(existing))
            elif values:
                session_id = self.session.id
                card = safely(
                    self,
                    lambda: self.programme.sessions.capture_term(values, session_id),
                    "The card",
                )
                if card is not None:
                    self.notify(f"Card added: {plain_line(card.term)}", timeout=3, markup=False)

        self.app.push_screen(TermDialog(self.programme.cards.all().values()), done)

    def action_private_notes(self) -> None:
        """Open one person's private notes: whose, then their passphrase, then the editor."""
        self.flush()
        self.run_worker(self._private_notes(), group="private", exclusive=True)

    async def _private_notes(self) -> None:
        from companion.dialogs.private_notes import private_notes_flow  # pydantic: on first use

        if await private_notes_flow(self.app, self.programme, self.session.id):
            # A first unlock moves old plain text out of the session: keep the journal's copy.
            stored = self.programme.sessions.get(self.session.id)
            if stored is not None:
                self.session = self.session.model_copy(
                    update={"private_notes": stored.private_notes}
                )

    def action_toggle_lesson(self) -> None:
        """Show or hide the lesson beside the notes."""
        self.toggle_class("-no-lesson")

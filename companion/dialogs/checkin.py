"""A check-in, one person at a time: their answers from 1 (disagree) to 5 (agree), a comment.

:class:`AnswersDialog` asks one person; :class:`HandOverDialog` stands between
the two people (nothing of the first one's answers on it);
:class:`CheckInResultDialog` shows both afterwards. The flow that strings them
together is :func:`companion.dialogs.checkin_flow.checkin_flow`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from companion.domain.checkin_trends import Raised
from companion.domain.checkins import QUESTIONS, CheckIn
from companion.widgets.safe_text import literal, plain_line

SHARE_LABEL = "Share with my partner"
"""The tick box that makes a comment readable by the partner (private by default)."""


class ScoreRow(Widget, can_focus=True):
    """One statement and its answer: digits 1–5 answer it and move on, 0 or Backspace clears."""

    DEFAULT_CSS = """
    ScoreRow { height: 1; width: 100%; }
    ScoreRow:focus { background: $accent 30%; }
    """

    def __init__(self, key: str, statement: str) -> None:
        """Answer statement ``key`` (shown as ``statement``)."""
        super().__init__(id=f"score-{key}")
        self.key = key
        self.statement = statement
        self.value: int | None = None

    def render(self) -> Text:
        """The statement, then the five answers with the chosen one marked."""
        text = Text(self.statement.ljust(52)[:52] + " ")
        for n in range(1, 6):
            chosen = n == self.value
            text.append(f"[{n}]" if chosen else f" {n} ", style="bold reverse" if chosen else "dim")
        return text

    def choose(self, value: int | None) -> None:
        """Set the answer (None clears it)."""
        self.value = value
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        """Digits answer and move on; left/right step; 0 or Backspace clears.

        Keys typed faster than the rows handle them (a burst, a paste) were all
        sent to the row focused when they came: the first row took every digit
        and the focus ran past the rest. A key for a row that has since moved
        the focus on is the next row's.
        """
        focused = self.screen.focused
        if focused is not self and isinstance(focused, ScoreRow):
            focused.on_key(event)
            return
        if event.character and event.character in "12345":
            self.choose(int(event.character))
            self.screen.focus_next()
        elif event.key in ("0", "backspace"):
            self.choose(None)
        elif event.key == "right":
            self.choose(min((self.value or 0) + 1, 5))
        elif event.key == "left":
            self.choose(max((self.value or 2) - 1, 1))
        else:
            return
        event.stop()
        event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        """A click on an answer chooses it."""
        offset = event.x - 53
        if offset >= 0 and offset // 3 < 5:
            self.choose(offset // 3 + 1)


class AnswersDialog(ModalScreen[dict[str, Any] | None]):
    """One person's answers and comment; returns ``{"scores", "comment", "shared"}``."""

    DEFAULT_CSS = """
    AnswersDialog { align: center middle; }
    AnswersDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    AnswersDialog VerticalScroll { height: auto; max-height: 22; }
    AnswersDialog .hint { color: $text-muted; height: auto; }
    AnswersDialog .error { color: $error; height: auto; }
    AnswersDialog Horizontal { height: auto; align-horizontal: right; }
    AnswersDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "Done")]

    def __init__(self, name: str) -> None:
        """Ask ``name`` (the only person at the keyboard)."""
        super().__init__()
        self.person = name

    def compose(self) -> ComposeResult:
        """A row per statement, the comment and its share box."""
        with Vertical() as box:
            box.border_title = literal(f"{self.person}'s check-in", keep_lines=False)
            yield Static(
                "1 disagree … 5 agree. Type a digit to answer and move on; Tab skips.",
                classes="hint",
                markup=False,
            )
            with VerticalScroll():
                for key, statement in QUESTIONS.items():
                    yield ScoreRow(key, statement)
                yield Label("A comment (optional; private unless you share it)")
                yield Input(id="comment", max_length=500)
                yield Checkbox(SHARE_LABEL, value=False, id="share")
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Done", variant="primary", id="done")

    def on_mount(self) -> None:
        """Focus the first statement."""
        self.query(ScoreRow).first().focus()

    def on_input_submitted(self) -> None:
        """Enter in the comment moves to the share box."""
        self.query_one("#share", Checkbox).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Done or Cancel."""
        if event.button.id == "done":
            self.action_submit()
        else:
            self.action_cancel()

    def answers(self) -> dict[str, Any]:
        """Return the answers as they stand."""
        return {
            "scores": {r.key: r.value for r in self.query(ScoreRow) if r.value is not None},
            "comment": self.query_one("#comment", Input).value.strip(),
            "shared": self.query_one("#share", Checkbox).value,
        }

    def action_submit(self) -> None:
        """Return the answers once at least one statement is answered."""
        answers = self.answers()
        if not answers["scores"]:
            self.query_one("#error", Static).update("Answer at least one statement.")
            self.query(ScoreRow).first().focus()
            return
        self.dismiss(answers)

    def action_cancel(self) -> None:
        """Leave without answering."""
        self.dismiss(None)


class HandOverDialog(ModalScreen[bool]):
    """Between the two people: nothing of the first person's answers is on screen."""

    DEFAULT_CSS = """
    HandOverDialog { align: center middle; }
    HandOverDialog > Vertical {
        width: 60; max-width: 100%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    HandOverDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    HandOverDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Stop here")]

    def __init__(self, done_name: str, next_name: str) -> None:
        """``done_name`` has answered; ``next_name`` answers next."""
        super().__init__()
        self._done = plain_line(done_name)
        self._next = plain_line(next_name)

    def compose(self) -> ComposeResult:
        """The hand-over message and one button for the next person."""
        with Vertical() as box:
            box.border_title = "Hand over"
            yield Static(
                literal(
                    f"Hand the laptop to {self._next}.\n\n"
                    f"{self._done}'s answers are saved and stay off the screen. "
                    f"{self._next}, press Enter when you are ready to answer."
                ),
                id="handover-text",
            )
            with Horizontal():
                yield Button("Stop here", id="stop")
                yield Button(literal(f"I am {self._next}: start"), variant="primary", id="go")

    def on_mount(self) -> None:
        """Enter starts the next person's answers."""
        self.query_one("#go", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Go on, or stop with the first person's answers only."""
        self.dismiss(event.button.id == "go")

    def action_cancel(self) -> None:
        """Stop with the first person's answers only."""
        self.dismiss(False)


class CheckInResultDialog(ModalScreen[None]):
    """Both people's scores side by side, the playbook's suggestions, the shared comments."""

    DEFAULT_CSS = """
    CheckInResultDialog { align: center middle; }
    CheckInResultDialog > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CheckInResultDialog VerticalScroll { height: auto; max-height: 24; }
    CheckInResultDialog Horizontal { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, names: dict[str, str], checkin: CheckIn, raised: list[Raised]) -> None:
        """Show ``checkin`` for the pair ``names``, with the entries its answers ``raised``."""
        super().__init__()
        self._names = names
        self._checkin = checkin
        self._raised = raised

    def _text(self) -> Text:
        names = {role: plain_line(name) for role, name in self._names.items()}
        checkin = self._checkin
        text = Text()
        head = f"{'Statement':<52} {names['mentor'][:10]:>10} {names['mentee'][:10]:>10}\n"
        text.append(head, style="bold")
        for key, statement in QUESTIONS.items():
            mine = checkin.mentor.scores.get(key)  # type: ignore[call-overload]
            theirs = checkin.mentee.scores.get(key)  # type: ignore[call-overload]
            a = "-" if mine is None else str(mine)
            b = "-" if theirs is None else str(theirs)
            text.append(f"{statement[:52]:<52} {a:>10} {b:>10}\n")
        text.append("\nFrom the playbook\n", style="bold")
        if self._raised:
            seen: set[str] = set()
            for raised in self._raised:
                if raised.entry_id not in seen:
                    seen.add(raised.entry_id)
                    text.append(f"• {plain_line(raised.entry_title)}\n")
        else:
            text.append("Nothing in these answers calls for the playbook.\n", style="dim")
        text.append("\nShared comments\n", style="bold")
        shared = [
            (names[role], getattr(checkin, role).comment)
            for role in ("mentor", "mentee")
            if getattr(checkin, role).shared and getattr(checkin, role).comment
        ]
        for name, comment in shared:
            text.append(f"{name}: ", style="bold")
            text.append(f"{plain_line(comment)}\n")
        if not shared:
            text.append("No comment was shared.\n", style="dim")
        return text

    def compose(self) -> ComposeResult:
        """The side-by-side scores, suggestions and comments."""
        with Vertical() as box:
            box.border_title = "Check-in: both answers"
            with VerticalScroll():
                yield Static(self._text(), id="result")
            with Horizontal():
                yield Button("Close", variant="primary", id="close")

    def on_button_pressed(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)

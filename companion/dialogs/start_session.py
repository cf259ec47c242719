"""Start a session: pick the lesson(s) to cover, with the suggested one ticked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static

from companion.domain.session_rules import agenda_sum_line, check_agenda_minutes
from companion.domain.sessions import AgendaItem
from companion.widgets.form import FormField
from companion.widgets.safe_text import literal
from companion.widgets.ticks import TickList


class StartSessionDialog(ModalScreen[list[str] | None]):
    """Returns the lesson ids to cover (possibly none), or None when cancelled."""

    DEFAULT_CSS = """
    StartSessionDialog { align: center middle; }
    StartSessionDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    StartSessionDialog SelectionList { height: auto; max-height: 12; }
    StartSessionDialog .reason { color: $text-muted; margin-bottom: 1; }
    StartSessionDialog Horizontal { height: auto; align-horizontal: right; }
    StartSessionDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "start", "Start")]

    def __init__(
        self,
        choices: list[tuple[str, str]],
        preselected: list[str],
        reason: str = "",
        agenda: list[AgendaItem] | None = None,
    ) -> None:
        """Offer ``choices`` (title, lesson id), with ``preselected`` ticked, and the agenda."""
        super().__init__()
        self._choices = choices
        self._preselected = preselected
        self._reason = reason
        self._agenda = agenda or []
        self.agenda: list[AgendaItem] = list(self._agenda)

    def compose(self) -> ComposeResult:
        """Lay out the dialog."""
        with Vertical() as box:
            box.border_title = "Start a session"
            yield Label("Which lesson will you cover? (Space ticks, Enter starts)")
            if self._reason:
                yield Static(literal(f"Suggested: {self._reason}"), classes="reason")
            yield TickList(
                *[
                    (title, lesson_id, lesson_id in self._preselected)
                    for title, lesson_id in self._choices
                ],
                id="lessons",
            )
            if self._agenda:
                parts = ", ".join(item.title.split(":")[0].lower() for item in self._agenda)
                yield FormField(
                    f"Agenda minutes ({parts})",
                    "agenda",
                    " ".join(str(item.minutes) for item in self._agenda),
                    restrict=r"[0-9 ]*",
                    max_length=40,
                )
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Start", variant="primary", id="start")

    def on_mount(self) -> None:
        """Start in the list; show the agenda's total."""
        self.query_one(SelectionList).focus()
        if self._agenda:
            field = self.query_one(FormField)
            field.set_hint(agenda_sum_line(field.value))

    def on_input_changed(self) -> None:
        """Keep the agenda's total live; an error clears as soon as the minutes are valid."""
        if self._agenda:
            field = self.query_one(FormField)
            field.set_hint(agenda_sum_line(field.value))
            if check_agenda_minutes(field.value, len(self._agenda))[1] is None:
                field.set_error(None)

    def on_key(self, event: object) -> None:
        """Enter in the list starts the session."""
        if (
            isinstance(event, Key)
            and event.key == "enter"
            and isinstance(self.focused, SelectionList)
        ):
            event.stop()
            self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start or cancel."""
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        """Start with the ticked lessons and the agenda as edited."""
        if self._agenda:
            field = self.query_one(FormField)
            numbers, problem = check_agenda_minutes(field.value, len(self._agenda))
            field.set_error(problem)
            if numbers is None:
                return
            self.agenda = [
                item.model_copy(update={"minutes": n})
                for item, n in zip(self._agenda, numbers, strict=True)
            ]
        self.dismiss(list(self.query_one(SelectionList).selected))

    def on_input_submitted(self) -> None:
        """Enter in the agenda field starts the session."""
        self.action_start()

    def action_cancel(self) -> None:
        """Do not start."""
        self.dismiss(None)
